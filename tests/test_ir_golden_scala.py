"""Golden IR tests for Scala: idiomatic snippets, their s-expressions, and convergence checks."""

from __future__ import annotations

import pytest

from provenance.ir import lower_source

from .conftest import unit_sexpr

# Infix operators are named nodes in this grammar: `op_nodes` reads their text as the operator family.
GOLDEN = [
    (
        "object O {\n  def s(xs: List[Int]): Int = {\n    var total = 0\n    for (x <- xs) { total = total + x }\n    total\n  }\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "object O {\n  def sq(x: Int): Int = x * x\n}\n",
        "(FUNC PARAM (BLOCK (RETURN (BINOP[MUL] NAME NAME))))",
    ),
    (
        'object O {\n  def k(n: Int): String = n match {\n    case 1 => "one"\n    case _ => "many"\n  }\n}\n',
        "(FUNC PARAM (BLOCK (IF (BINOP[EQ] NAME LIT_INT) (BLOCK (RETURN LIT_STR)) (BLOCK (RETURN LIT_STR)))))",
    ),
    (
        "object O {\n  def m(xs: List[Int]) = xs.map(x => x * 2)\n}\n",
        "(FUNC PARAM (BLOCK (RETURN (COMPREHENSION[list] (COMP_FOR NAME NAME) (BINOP[MUL] NAME LIT_INT)))))",
    ),
    (
        'object O {\n  def e(msg: String): Foo = {\n    val f: Foo = new Foo(msg)\n    if (msg == null) throw new IllegalArgumentException(s"bad $msg")\n    f\n  }\n}\n',
        # type fields are skipped; `new X(...)` keeps X as its callee and error classes map to `error`
        "(FUNC PARAM (BLOCK (ASSIGN NAME (DICT NAME)) (IF (UNOP[NOT] NAME) (BLOCK (THROW (CALL[error] (STR_TEMPLATE NAME))))) (RETURN NAME)))",
    ),
    (
        "class A(val n: Int) {\n  def this() = this(0)\n  def get(): Int = this.n\n}\n",
        "(FUNC (BLOCK (RETURN (MEMBER SELF NAME))))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    name = "A.get" if code.startswith("class A") else None
    assert unit_sexpr("scala", code, name) == expected


def test_auxiliary_constructor_is_a_unit() -> None:
    lowered = lower_source(
        "A.scala", "scala", b"class A(val n: Int) {\n  def this() = this(0)\n}\n"
    )
    assert [u.name for u in lowered.units] == ["A.this"]


def test_idioms_converge_with_javascript() -> None:
    scala = unit_sexpr(
        "scala",
        'object O {\n  def f(xs: List[String], s: String): Unit = {\n    println(xs.length, s.startsWith("a"))\n  }\n}\n',
    )
    js = unit_sexpr(
        "javascript", "function f(xs, s) { console.log(xs.length, s.startsWith('a')); }"
    )
    assert (
        scala
        == js
        == "(FUNC PARAM PARAM (BLOCK (CALL[print] (CALL[len] NAME) (CALL[starts_with] NAME LIT_STR))))"
    )


def test_implicit_return_converges_with_javascript() -> None:
    scala = unit_sexpr(
        "scala", "object O {\n  def g(a: Int) = {\n    val b = h(a)\n    b\n  }\n}\n"
    )
    js = unit_sexpr("javascript", "function g(a) { const b = h(a); return b; }")
    assert scala == js


def test_null_check_converges_with_javascript() -> None:
    scala = unit_sexpr("scala", "object O {\n  def n(x: String) = if (x == null) 0 else 1\n}\n")
    js = unit_sexpr(
        "javascript", "function n(x) { if (x === null) { return 0; } else { return 1; } }"
    )
    assert scala == js


def test_sum_loop_and_error_converge_with_python() -> None:
    scala = unit_sexpr(
        "scala",
        "object O {\n  def f(xs: List[Int]): Int = {\n    var total = 0\n    for (x <- xs) { total = total + x }\n"
        '    if (total < 0) throw new IllegalArgumentException("negative")\n    return total\n  }\n}\n',
    )
    py = unit_sexpr(
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n"
        '    if total < 0:\n        raise ValueError("negative")\n    return total\n',
    )
    assert scala == py
