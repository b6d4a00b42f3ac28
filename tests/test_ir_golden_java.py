"""Golden IR tests for Java: idiomatic snippets, their s-expressions, and convergence checks."""

from __future__ import annotations

import pytest

from provenance.ir import lower_source

from .conftest import unit_sexpr

GOLDEN = [
    (
        "class A { int f(int[] xs) { int total = 0; for (int x : xs) { total += x; } return total; } }",
        # `=` and `+=` share assignment_expression; the `+=` token makes it AUG_ASSIGN.
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "class A { int g(int n) { int s = 0; for (int i = 0; i < n; i++) { s = s + i; } return s; } }",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME (RANGE LIT_INT NAME) (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "class A { private int n; A(int n) { this.n = n; } }",
        "(FUNC PARAM (BLOCK (ASSIGN (MEMBER SELF NAME) NAME)))",
    ),
    (
        "class A { void w(int n) { while (n > 0) { n--; } do { n++; } while (n < 3); } }",
        "(FUNC PARAM (BLOCK (LOOP[while] (BINOP[GT] NAME LIT_INT) (BLOCK (AUG_ASSIGN[SUB] NAME LIT_INT))) (LOOP[while] (BINOP[LT] NAME LIT_INT) (BLOCK (AUG_ASSIGN[ADD] NAME LIT_INT)))))",
    ),
    (
        "class A { int len(int[] xs, java.util.List<String> s) { return xs.length + s.size() + s.get(0).hashCode(); } }",
        # method_invocation's object and name are grouped into a MEMBER callee, so method idioms apply.
        "(FUNC PARAM PARAM (BLOCK (RETURN (BINOP[ADD] (BINOP[ADD] (CALL[len] NAME) (CALL[len] NAME)) (CALL (MEMBER (INDEX NAME LIT_INT) NAME))))))",
    ),
    (
        "class A { Foo make(String msg) { Foo<Bar> f = new Foo<>(msg); if (msg == null) throw new IllegalArgumentException(msg); return f; } }",
        # type fields are skipped, but `new X(...)` keeps X as its callee (and error classes map to `error`).
        "(FUNC PARAM (BLOCK (ASSIGN NAME (DICT NAME)) (IF (UNOP[NOT] NAME) (BLOCK (THROW (CALL[error] NAME)))) (RETURN NAME)))",
    ),
    (
        "class A { void s(int k) { switch (k) { case 1: a(); break; default: b(); } } }",
        # switch groups: the label is the CASE value, statements its body (no `default` op: see the report).
        "(FUNC PARAM (BLOCK (IF (BINOP[EQ] NAME LIT_INT) (BLOCK (CALL NAME)) (BLOCK (CALL NAME)))))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr("java", code) == expected


def test_constructor_is_a_unit_named_after_the_class() -> None:
    lowered = lower_source("A.java", "java", b"class A { A(int n) { } void m() { } }")
    assert [u.name for u in lowered.units] == ["A.A", "A.m"]


def test_else_if_chain_converges_with_javascript() -> None:
    java = unit_sexpr(
        "java",
        "class A { int h(int a) { if (a > 1) { return 1; } else if (a < 0) { return -1; } else { return 0; } } }",
    )
    js = unit_sexpr(
        "javascript",
        "function h(a) { if (a > 1) return 1; else if (a < 0) { return -1; } else return 0; }",
    )
    assert java == js


def test_null_check_ternary_converges_with_python_and_javascript() -> None:
    java = unit_sexpr("java", "class A { Object n(Object x) { return x == null ? 0 : x; } }")
    js = unit_sexpr("javascript", "function n(x) { return x === null ? 0 : x; }")
    py = unit_sexpr("python", "def n(x):\n    return 0 if x is None else x\n")
    assert java == js == py == "(FUNC PARAM (BLOCK (RETURN (BINOP[NULLISH] NAME LIT_INT))))"


def test_counting_loop_converges_with_python_range() -> None:
    java = unit_sexpr(
        "java",
        "class A { void g(int n, java.util.List<Integer> out) { for (int i = 0; i < n; i++) { out.add(i); } } }",
    )
    py = unit_sexpr("python", "def g(n, out):\n    for i in range(0, n):\n        out.append(i)\n")
    assert java == py


def test_method_idioms_and_errors_converge_with_python_and_javascript() -> None:
    java = unit_sexpr(
        "java",
        "class A { void h(String s, java.util.List<String> xs) {"
        ' if (s.startsWith("a")) { xs.add(s.trim()); } throw new IllegalArgumentException("bad"); } }',
    )
    py = unit_sexpr(
        "python",
        'def h(s, xs):\n    if s.startswith("a"):\n        xs.append(s.strip())\n    raise ValueError("bad")\n',
    )
    js = unit_sexpr(
        "javascript",
        'function h(s, xs) { if (s.startsWith("a")) { xs.push(s.trim()); } throw new Error("bad"); }',
    )
    assert java == py == js


def test_augmented_sum_loop_converges_with_python() -> None:
    java = unit_sexpr(
        "java",
        "class A { int f(java.util.List<Integer> xs) { int total = 0; for (int x : xs) { total += x; } return total; } }",
    )
    py = unit_sexpr(
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
    )
    assert java == py
