"""Golden tests: small snippets and the IR they lower to, per language.

Each expectation is the s-expression of one unit's IR (`IRNode.to_sexpr`), readable here.
"""

from __future__ import annotations

import pytest

from provenance.ir import Kind, lower_source

from .conftest import unit_sexpr

GOLDEN = [
    (
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "javascript",
        "function f(xs) {\n  let total = 0;\n  for (const x of xs) { total += x; }\n  return total;\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    (
        "typescript",
        "function f(xs: number[]): number {\n  let total: number = 0;\n  for (let i = 0; i < xs.length; i++) { total += xs[i]; }\n  return total;\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME (RANGE LIT_INT (CALL[len] NAME)) (BLOCK (AUG_ASSIGN[ADD] NAME (INDEX NAME NAME)))) (RETURN NAME)))",
    ),
    (
        "python",
        "def g(n):\n    for i in range(n):\n        print(i)\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME (RANGE LIT_INT NAME) (BLOCK (CALL[print] NAME)))))",
    ),
    (
        "python",
        "def h(a):\n    if a > 1:\n        return 1\n    elif a < 0:\n        return -1\n    else:\n        return 0\n",
        "(FUNC PARAM (BLOCK (IF (BINOP[GT] NAME LIT_INT) (BLOCK (RETURN LIT_INT)) (IF (BINOP[LT] NAME LIT_INT) (BLOCK (RETURN (UNOP[NEG] LIT_INT))) (BLOCK (RETURN LIT_INT))))))",
    ),
    (
        "javascript",
        "function h(a) {\n  if (a > 1) return 1;\n  else if (a < 0) { return -1; }\n  else return 0;\n}\n",
        "(FUNC PARAM (BLOCK (IF (BINOP[GT] NAME LIT_INT) (BLOCK (RETURN LIT_INT)) (IF (BINOP[LT] NAME LIT_INT) (BLOCK (RETURN (UNOP[NEG] LIT_INT))) (BLOCK (RETURN LIT_INT))))))",
    ),
]


@pytest.mark.parametrize(("language", "code", "expected"), GOLDEN)
def test_golden(language: str, code: str, expected: str) -> None:
    assert unit_sexpr(language, code) == expected


def test_ternaries_converge() -> None:
    py = unit_sexpr("python", "def f(a, b):\n    return a if a > b else b\n")
    js = unit_sexpr("javascript", "function f(a, b) { return a > b ? a : b; }")
    assert (
        py == js == "(FUNC PARAM PARAM (BLOCK (RETURN (IF[expr] (BINOP[GT] NAME NAME) NAME NAME))))"
    )


def test_comprehension_and_filter_map_chain_and_list_building_loop_converge() -> None:
    comprehension = unit_sexpr("python", "def f(xs):\n    return [x * 2 for x in xs if x > 0]\n")
    chain = unit_sexpr(
        "javascript", "function f(xs) { return xs.filter(x => x > 0).map(x => x * 2); }"
    )
    loop = unit_sexpr(
        "python",
        "def f(xs):\n    out = []\n    for x in xs:\n        if x > 0:\n            out.append(x * 2)\n    return out\n",
    )
    expected = "(COMPREHENSION[list] (COMP_FOR NAME NAME) (COMP_IF (BINOP[GT] NAME LIT_INT)) (BINOP[MUL] NAME LIT_INT))"
    assert expected in comprehension
    assert expected in chain
    assert expected in loop


def test_null_checks_and_membership_converge() -> None:
    py = unit_sexpr("python", "def f(x, xs):\n    return x is None or x in xs\n")
    js = unit_sexpr("javascript", "function f(x, xs) { return x === null || xs.includes(x); }")
    assert py == js
    assert "(BINOP[EQ] NAME LIT_NULL)" in py and "(CALL[contains] NAME NAME)" in py


def test_idioms_canonicalise_library_calls() -> None:
    py = unit_sexpr(
        "python", "def f(xs, s):\n    print(len(xs), s.startswith('a'), ', '.join(xs))\n"
    )
    js = unit_sexpr(
        "javascript",
        "function f(xs, s) { console.log(xs.length, s.startsWith('a'), xs.join(', ')); }",
    )
    assert py == js
    assert (
        "CALL[print]" in py
        and "CALL[len]" in py
        and "CALL[starts_with]" in py
        and "CALL[join]" in py
    )


def test_thrown_errors_converge_whatever_constructs_them() -> None:
    """A custom error class, a built-in one, Go's error result and Rust's `Err` all throw
    CALL[error] of the message."""
    expected = "(IF (BINOP[LT] NAME LIT_INT) (BLOCK (THROW (CALL[error] (STR_TEMPLATE NAME)))))"
    versions = {
        "python": "def f(n):\n    if n < 0:\n        raise RangeProblem(f'bad {n}')\n    return n\n",
        "typescript": "function f(n: number) { if (n < 0) { throw new RangeProblem(`bad ${n}`); } return n; }",
        "go": 'func f(n int) (int, error) {\n\tif n < 0 {\n\t\treturn 0, newProblem(fmt.Sprintf("bad %d", n))\n\t}\n\treturn n, nil\n}\n',
        "rust": 'fn f(n: i64) -> Result<i64, Problem> { if n < 0 { return Err(Problem::new(format!("bad {}", n))); } Ok(n) }',
    }
    for language, code in versions.items():
        assert expected in unit_sexpr(language, code), language


def test_empty_containers_casts_and_struct_literals_converge() -> None:
    ts = unit_sexpr(
        "typescript",
        "function f(a: number) { const out = []; const seen = new Map(); const p = { x: a }; return out; }",
    )
    rust = unit_sexpr(
        "rust",
        "fn f(a: i64) -> Vec<i64> { let mut out = Vec::new(); let seen = HashMap::new(); "
        "let p = Point { x: a as u32 }; out }",
    )
    java = unit_sexpr(
        "java",
        "class A { List<Integer> f(int a) { var out = new ArrayList<Integer>(); "
        "var seen = new HashMap<String, Integer>(); var p = Map.of(\"x\", (long) a); return out; } }",
    )
    assert rust == ts == "(FUNC PARAM (BLOCK (ASSIGN NAME LIST) (ASSIGN NAME DICT) (ASSIGN NAME (DICT (PAIR NAME NAME))) (RETURN NAME)))"
    assert "(ASSIGN NAME LIST) (ASSIGN NAME DICT)" in java
    assert "CAST" not in java
    go = unit_sexpr("go", "func f(c byte) int64 {\n\treturn int64(c) * 2\n}\n")
    assert "(RETURN (BINOP[MUL] NAME LIT_INT))" in go


def test_slices_converge_across_four_spellings() -> None:
    expected = "(BLOCK (ASSIGN NAME (SLICE NAME (BINOP[ADD] NAME LIT_INT))) (RETURN (SLICE NAME LIT_INT NAME)))"
    versions = {
        "python": "def f(s, a):\n    x = s[a + 1:]\n    return s[1:a]\n",
        "go": "func f(s string, a int) string {\n\tx := s[a+1:]\n\treturn s[1:a]\n}\n",
        "typescript": "function f(s: string, a: number) { const x = s.slice(a + 1); return s.substring(1, a); }",
        "rust": "fn f(s: &str, a: usize) -> &str { let x = &s[a + 1..]; &s[1..a] }",
    }
    for language, code in versions.items():
        assert expected in unit_sexpr(language, code), language


def test_go_lookups_with_presence_and_checked_calls_read_as_elsewhere() -> None:
    go = unit_sexpr(
        "go",
        "func f(m map[string]int, k string) (int, error) {\n\tv, ok := m[k]\n\tif !ok {\n"
        "\t\treturn 0, &KeyError{Key: k}\n\t}\n\terr := check(v)\n\tif err != nil {\n"
        "\t\treturn 0, err\n\t}\n\treturn v, nil\n}\n",
    )
    assert go.startswith("(FUNC PARAM PARAM (BLOCK (ASSIGN NAME (CALL[get] NAME NAME)) ")
    assert "(THROW (CALL[error] NAME))" in go
    assert "(PROPAGATE (CALL NAME NAME)) (RETURN NAME)" in go
    assert "(ASSIGN (PROPAGATE" not in go


def test_templates_and_literals_normalise() -> None:
    py = lower_source("a.py", "python", b'x = f"too big: {y} > {0x10}"\nz = 16.0\n')
    ts = lower_source("a.ts", "typescript", b"const x = `too big: ${y} > ${16}`;\nconst z = 16;\n")
    py_nodes = [
        (n.kind, n.text) for n in py.module.walk() if n.kind in (Kind.STR_TEMPLATE, Kind.LIT_INT)
    ]
    ts_nodes = [
        (n.kind, n.text) for n in ts.module.walk() if n.kind in (Kind.STR_TEMPLATE, Kind.LIT_INT)
    ]
    assert (
        py_nodes
        == ts_nodes
        == [
            (Kind.STR_TEMPLATE, "too big: {} > {}"),
            (Kind.LIT_INT, "16"),
            (Kind.LIT_INT, "16"),
        ]
    )


def test_renaming_and_comments_do_not_change_structure() -> None:
    a = unit_sexpr(
        "python",
        "def total(items):\n    # sum them\n    acc = 0\n    for it in items:\n        acc += it\n    return acc\n",
    )
    b = unit_sexpr(
        "python",
        "def add_up(values):\n    s = 0\n    for v in values:  # loop\n        s += v\n    return s\n",
    )
    assert a == b


def test_types_decorators_and_visibility_are_not_structure() -> None:
    plain = unit_sexpr("typescript", "function f(a, b) { return a + b; }")
    typed = unit_sexpr(
        "typescript", "export function f<T>(a: number, b: number): number { return a + b; }"
    )
    assert plain == typed
    method = unit_sexpr(
        "typescript", "class C { private static m(a: string): void { g(a); } }", "C.m"
    )
    assert method == "(FUNC PARAM (BLOCK (CALL NAME NAME)))"


def test_units_have_qualified_names_params_and_spans() -> None:
    code = b"class Cache:\n    def get(self, key, default=None):\n        def inner():\n            return key\n        return inner()\n\ndef helper(x):\n    return x\n"
    lowered = lower_source("c.py", "python", code)
    units = {u.name: u for u in lowered.units}
    assert set(units) == {"Cache.get", "Cache.get.inner", "helper"}
    assert units["Cache.get"].params == ["key", "default"]
    assert units["Cache.get"].parent_class == "Cache"
    assert (units["Cache.get"].start_row, units["Cache.get"].end_row) == (1, 4)
    assert units["helper"].kind == "function"


def test_top_level_code_is_a_module_unit() -> None:
    lowered = lower_source(
        "m.py", "python", b"import os\nLIMIT = 3\nprint(LIMIT)\n\ndef f():\n    return 1\n"
    )
    module = lowered.units[0]
    assert module.name == "<module>"
    assert [child.kind for child in module.node.children] == [Kind.ASSIGN, Kind.CALL]


def test_spans_point_at_source() -> None:
    code = b"def f(a):\n    return a + 1\n"
    lowered = lower_source("s.py", "python", code)
    ret = next(n for n in lowered.module.walk() if n.kind is Kind.RETURN)
    assert code[ret.start_byte : ret.end_byte] == b"return a + 1"
    assert (ret.start_row, ret.start_col) == (1, 4)


def test_comments_are_kept_aside() -> None:
    lowered = lower_source(
        "c.ts", "typescript", b"// first note\nconst a = 1; /* second\n * note */\n"
    )
    assert [(c.row, c.text) for c in lowered.comments] == [(0, "first note"), (1, "second\nnote")]
