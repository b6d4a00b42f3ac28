"""Golden IR tests for Swift: idiomatic snippets and the s-expressions they lower to."""

from __future__ import annotations

import pytest

from .conftest import unit_sexpr

SUM = "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))"
CHAIN = (
    "(FUNC PARAM (BLOCK (IF (BINOP[GT] NAME LIT_INT) (BLOCK (RETURN LIT_INT)) (IF (BINOP[LT] NAME LIT_INT) "
    "(BLOCK (RETURN (UNOP[NEG] LIT_INT))) (BLOCK (RETURN LIT_INT))))))"
)

LANG = "swift"

GOLDEN = [
    (
        "func h(a: Int) -> Int {\n  if a > 1 { return 1 } else if a < 0 { return -1 } else { return 0 }\n}\n",
        CHAIN,
    ),
    (
        "func g(n: Int) {\n  for i in 0..<n { print(i) }\n}\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME (RANGE LIT_INT NAME) (BLOCK (CALL[print] NAME)))))",
    ),
    (
        # `x += y` is AUG_ASSIGN (`kinds` keyed by the operator token)
        "func f(xs: [Int]) -> Int {\n  var total = 0\n  for x in xs { total += x }\n  return total\n}\n",
        SUM,
    ),
    (
        # control_transfer_statement: THROW unless a return/break/continue token says otherwise
        "func t(xs: [Int]) throws -> Int {\n  for x in xs { if x < 0 { throw E.bad }; if x == 0 { continue }; break }\n  return 0\n}\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME NAME (BLOCK (IF (BINOP[LT] NAME LIT_INT) (BLOCK (THROW (MEMBER NAME NAME)))) "
        "(IF (BINOP[EQ] NAME LIT_INT) (BLOCK CONTINUE)) BREAK)) (RETURN LIT_INT)))",
    ),
    (
        # `guard let v = x else {...}` declares v (ASSIGN, from the `=` token), then its early exit
        "func d(x: Int?, y: Int) -> Int {\n  guard let v = x else { return y }\n  return v\n}\n",
        "(FUNC PARAM PARAM (BLOCK (ASSIGN NAME NAME) (IF (UNOP[NOT] NAME) (BLOCK (RETURN NAME))) (RETURN NAME)))",
    ),
    (
        # `!` as a prefix is NOT (a named `bang` node), as a postfix the force-unwrap UNWRAP;
        # `a >= o.b {` parses with a custom_operator node whose text is the operator
        "func k(a: Int, o: O, m: [Int: Int]) -> Int {\n  if a >= o.b { return 1 }\n  if !o.done { return m[a]! }\n  return 0\n}\n",
        "(FUNC PARAM PARAM PARAM (BLOCK (IF (BINOP[GE] NAME (MEMBER NAME NAME)) (BLOCK (RETURN LIT_INT))) "
        "(IF (UNOP[NOT] (MEMBER NAME NAME)) (BLOCK (RETURN (INDEX NAME NAME)))) (RETURN LIT_INT)))",
    ),
    (
        "func o(a: A?) -> Int {\n  return a?.b?.count ?? 0\n}\n",
        "(FUNC PARAM (BLOCK (RETURN (BINOP[NULLISH] (CALL[len] (MEMBER NAME NAME)) LIT_INT))))",
    ),
]


def test_range_loop_and_nullish_converge() -> None:
    py = unit_sexpr("python", "def g(n):\n    for i in range(n):\n        print(i)\n")
    assert unit_sexpr(LANG, "func g(n: Int) {\n  for i in 0..<n { print(i) }\n}\n") == py
    js = unit_sexpr("javascript", "function f(x, d) { return x ?? d; }")
    assert unit_sexpr(LANG, "func f(x: Int?, d: Int) -> Int { return x ?? d }") == js


def test_filter_map_chain_converges_with_python_comprehension() -> None:
    py = unit_sexpr("python", "def f(xs):\n    return [x * 2 for x in xs if x > 0]\n")
    sw = unit_sexpr(
        LANG,
        "func f(xs: [Int]) -> [Int] {\n  return xs.filter { x in x > 0 }.map { x in x * 2 }\n}\n",
    )
    assert sw == py


def test_template_and_null_check_converge_with_javascript() -> None:
    js = unit_sexpr("javascript", "function f(name) { return `hi ${name}!`; }")
    assert unit_sexpr(LANG, 'func f(name: String) -> String { return "hi \\(name)!" }') == js
    js_null = unit_sexpr("javascript", "function f(x) { return x === null; }")
    assert unit_sexpr(LANG, "func f(x: Int?) -> Bool { return x == nil }") == js_null


def test_sum_loop_and_labels_converge_with_python() -> None:
    py = unit_sexpr(
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
    )
    sw = unit_sexpr(
        LANG,
        "func f(_ xs: [Int]) -> Int {\n  var total = 0\n  for x in xs { total += x }\n  return total\n}\n",
    )
    assert sw == py == SUM
    # external parameter labels are dropped (`skip_fields`)
    assert unit_sexpr(LANG, "func f(from a: Int, to b: Int) -> Int { return a }") == unit_sexpr(
        "python", "def f(a, b):\n    return a\n"
    )


def test_list_building_loop_converges_with_python() -> None:
    py = unit_sexpr(
        "python",
        "def b(xs):\n    out = []\n    for x in xs:\n        if x > 1:\n            out.append(x * 2)\n    return out\n",
    )
    sw = unit_sexpr(
        LANG,
        "func b(xs: [Int]) -> [Int] {\n  var out: [Int] = []\n  for x in xs { if x > 1 { out.append(x * 2) } }\n  return out\n}\n",
    )
    assert sw == py


def test_init_is_a_named_unit() -> None:
    from provenance.ir import lower_source

    lowered = lower_source("a.swift", LANG, b"class A {\n  init(n: Int) { self.n = n }\n}\n")
    assert "A.init" in {unit.name for unit in lowered.units}


def test_negation_and_comparison_converge_with_javascript() -> None:
    js = unit_sexpr(
        "javascript",
        "function f(a, o) { if (!o.done) { return 0; } if (a >= o.limit) { o.clear(); } return 1; }",
    )
    sw = unit_sexpr(
        LANG,
        "func f(a: Int, o: O) -> Int {\n  if !o.done { return 0 }\n  if a >= o.limit { o.clear() }\n  return 1\n}\n",
    )
    assert sw == js


def test_operators_follow_precedence_and_parentheses() -> None:
    """tree-sitter-swift leans every operator chain right (`a == b || c` as `a == (b ||
    c)`): the lowered tree follows Swift's precedence, and written parentheses still group."""
    js = unit_sexpr(
        "javascript",
        "function f(x, y, b, c, i, n) { if (x == y && b || c) { return 1; } "
        "return i < n && (b || c); }",
    )
    sw = unit_sexpr(
        LANG,
        "func f(x: Int, y: Int, b: Bool, c: Bool, i: Int, n: Int) -> Bool {\n"
        "  if x == y && b || c { return 1 }\n  return i < n && (b || c)\n}\n",
    )
    assert sw == js
    assert "(BINOP[OR] (BINOP[AND] (BINOP[EQ] NAME NAME) NAME) NAME)" in sw
    grouped = unit_sexpr(LANG, "func f(a: Int, b: Int, c: Int) -> Int { return a * (b + c) }")
    assert "(BINOP[MUL] NAME (BINOP[ADD] NAME NAME))" in grouped


def test_implicit_enum_cases_are_names() -> None:
    sw = unit_sexpr(LANG, "func f(s: S) -> Bool { return s == .quoted }")
    assert "(RETURN (BINOP[EQ] NAME NAME))" in sw


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr(LANG, code) == expected
