"""Golden IR tests for Kotlin: idiomatic snippets, their s-expressions, and convergence checks."""

from __future__ import annotations

import pytest

from .conftest import unit_sexpr

# The grammar has few fields: parameter names, function bodies, loop parts and case bodies get
# their roles from `child_roles` (by child node type).
GOLDEN = [
    (
        "fun f(xs: List<Int>): Int {\n  var total = 0\n  for (x in xs) { total += x }\n  return total\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "fun r(n: Int) {\n  var t = 0\n  for (i in 0..n) t += i\n}\n",
        # a braceless loop body is wrapped in a BLOCK (a braceless call is read as the iterable)
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME (RANGE LIT_INT NAME) (BLOCK (AUG_ASSIGN[ADD] NAME NAME)))))",
    ),
    (
        "fun u(n: Int) {\n  for (i in 0 until n) { println(i) }\n}\n",
        # an infix call keeps its function name as a NAME inside the RANGE (still open)
        "(FUNC PARAM (BLOCK (LOOP[each] NAME (RANGE LIT_INT NAME) (BLOCK (CALL[print] NAME)))))",
    ),
    (
        'fun k(n: Int): String {\n  when (n) {\n    1 -> return "one"\n    else -> return "many"\n  }\n}\n',
        "(FUNC PARAM (BLOCK (IF (BINOP[EQ] NAME LIT_INT) (BLOCK (RETURN LIT_STR)) (BLOCK (RETURN LIT_STR)))))",
    ),
    (
        "fun sq(x: Int): Int = x * x\n",
        # an expression body is the FUNC body, but gets no RETURN (see the grammar file)
        "(FUNC PARAM (BLOCK (RETURN (BINOP[MUL] NAME NAME))))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr("kotlin", code) == expected


def test_sum_loop_converges_with_python() -> None:
    kt = unit_sexpr(
        "kotlin",
        "fun f(xs: List<Int>): Int {\n  var total = 0\n  for (x in xs) total += x\n  return total\n}\n",
    )
    py = unit_sexpr(
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
    )
    assert kt == py


def test_else_if_chain_converges_with_javascript() -> None:
    kt = unit_sexpr(
        "kotlin",
        "fun h(a: Int): Int {\n  if (a > 1) { return 1 } else if (a < 0) { return -1 } else { return 0 }\n}\n",
    )
    js = unit_sexpr(
        "javascript",
        "function h(a) { if (a > 1) return 1; else if (a < 0) { return -1; } else return 0; }",
    )
    assert kt == js


def test_filter_map_converges_with_javascript_and_python() -> None:
    kt = unit_sexpr(
        "kotlin",
        "fun g(xs: List<Int>): List<Int> {\n  return xs.filter { it > 0 }.map { x -> x * 2 }\n}\n",
    )
    js = unit_sexpr(
        "javascript", "function g(xs) { return xs.filter(x => x > 0).map(x => x * 2); }"
    )
    py = unit_sexpr("python", "def g(xs):\n    return [x * 2 for x in xs if x > 0]\n")
    assert kt == js == py


def test_null_check_and_braceless_if_converge_with_javascript() -> None:
    # the grammar parses null/true/false as identifiers (name_literals); the unfielded branches
    # of an if get their then/else roles by position
    kt = unit_sexpr(
        "kotlin",
        "fun n(x: Int?): Int? {\n  if (x == null) return null else if (x > 2) return 1 else g()\n  return x\n}\n",
    )
    js = unit_sexpr(
        "javascript",
        "function n(x) { if (x === null) return null; else if (x > 2) return 1; else g(); return x; }",
    )
    assert kt == js
    assert "LIT_NULL" in kt


def test_heap_push_pop_converge_with_java() -> None:
    kt = unit_sexpr("kotlin", "fun p(h: Heap, j: Job): Job {\n  h.push(j)\n  return h.pop()\n}\n")
    java = unit_sexpr("java", "class A { Job p(Heap h, Job j) { h.push(j); return h.pop(); } }")
    assert (
        kt
        == java
        == "(FUNC PARAM PARAM (BLOCK (CALL[append] NAME NAME) (RETURN (CALL[pop] NAME))))"
    )


def test_when_and_template_converge_with_javascript() -> None:
    kt = unit_sexpr(
        "kotlin", "fun k(n: Int) {\n  when (n) {\n    1 -> f()\n    else -> g()\n  }\n}\n"
    )
    js = unit_sexpr(
        "javascript", "function k(n) { switch (n) { case 1: f(); break; default: g(); } }"
    )
    assert kt == js.replace(" BREAK", "")
    kt_template = unit_sexpr("kotlin", 'fun t(n: Int): String {\n  return "too big: ${n}"\n}\n')
    js_template = unit_sexpr("javascript", "function t(n) { return `too big: ${n}`; }")
    assert kt_template == js_template
