"""Golden IR tests for C#: idiomatic snippets, their s-expressions, and convergence checks."""

from __future__ import annotations

import pytest

from provenance.ir import lower_source

from .conftest import unit_sexpr

GOLDEN = [
    (
        "class A { int F(List<int> xs) { var total = 0; foreach (var x in xs) { total += x; } return total; } }",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "class A { int G(int[] xs) { int s = 0; for (int i = 0; i < xs.Length; i++) s += xs[i]; return s; } }",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "class A { int Sq(int x) => x * x; }",
        "(FUNC PARAM (BLOCK (RETURN (BINOP[MUL] NAME NAME))))",
    ),
    (
        'class A { string K(int n) { switch (n) { case 1: return "one"; default: return "many"; } } }',
        "(FUNC PARAM (BLOCK (IF (BINOP[EQ] NAME LIT_INT) (BLOCK (RETURN LIT_STR)) (BLOCK (RETURN LIT_STR)))))",
    ),
    (
        'namespace N { class A { string? M(Foo? a) { return a?.Name ?? "none"; } } }',
        "(FUNC PARAM (BLOCK (RETURN (BINOP[NULLISH] MEMBER LIT_STR))))".replace(
            "MEMBER", "(MEMBER NAME NAME)"
        ),
    ),
    (
        "class A { Foo Make(Bar b) { Foo f = new Foo(b); var xs = new List<Foo>(); xs.Add(f); return f; } }",
        # user-defined types are plain identifiers: type fields are dropped, `new Foo(...)` keeps Foo.
        "(FUNC PARAM (BLOCK (ASSIGN NAME (DICT NAME)) (CALL[append] LIST NAME) (RETURN NAME)))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr("csharp", code) == expected


def test_namespaces_do_not_qualify_unit_names() -> None:
    lowered = lower_source(
        "A.cs", "csharp", b"namespace N { class A { public A() { } void M() { } } }"
    )
    assert [u.name for u in lowered.units] == ["A.A", "A.M"]


def test_linq_converges_with_filter_map_chain_and_comprehension() -> None:
    cs = unit_sexpr(
        "csharp",
        "class A { List<int> G(List<int> xs) { return xs.Where(x => x > 0).Select(x => x * 2).ToList(); } }",
    )
    js = unit_sexpr(
        "javascript", "function g(xs) { return xs.filter(x => x > 0).map(x => x * 2); }"
    )
    py = unit_sexpr("python", "def g(xs):\n    return [x * 2 for x in xs if x > 0]\n")
    assert cs == js == py


def test_string_template_converges_with_javascript() -> None:
    cs = unit_sexpr("csharp", 'class A { string T(int n) { return $"too big: {n}"; } }')
    js = unit_sexpr("javascript", "function t(n) { return `too big: ${n}`; }")
    assert cs == js == "(FUNC PARAM (BLOCK (RETURN (STR_TEMPLATE NAME))))"


def test_null_check_error_and_idioms_converge_with_javascript() -> None:
    cs = unit_sexpr(
        "csharp",
        'class A { void E(string s) { if (s == null) throw new ArgumentException("s"); Console.WriteLine(s.Length); } }',
    )
    js = unit_sexpr(
        "javascript",
        "function e(s) { if (s === null) throw new Error('s'); console.log(s.length); }",
    )
    assert cs == js
    assert "(THROW (CALL[error] LIT_STR))" in cs


def test_sum_loop_and_switch_converge_with_python_and_javascript() -> None:
    cs = unit_sexpr(
        "csharp",
        "class A { int F(List<int> xs) { int total = 0; foreach (int x in xs) { total += x; } return total; } }",
    )
    py = unit_sexpr(
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
    )
    assert cs == py
    cs_switch = unit_sexpr(
        "csharp",
        "class A { void K(int n) { switch (n) { case 1: F(); break; default: G(); break; } } }",
    )
    js_switch = unit_sexpr(
        "javascript", "function k(n) { switch (n) { case 1: f(); break; default: g(); break; } }"
    )
    assert cs_switch == js_switch
