"""Golden tests for the Rust grammar table: snippets and the IR they lower to,
plus convergence with the equivalent Python or JavaScript."""

from __future__ import annotations

import pytest

from provenance.ir import lower_source

from .conftest import unit_sexpr

GOLDEN = [
    # impl method: named Cache.get, `&self` dropped, `?` is PROPAGATE, tail expression returned
    (
        "impl Cache {\n    fn get(&self, key: &str) -> Option<i32> {\n        let v = self.load(key)?;\n        Some(v + 1)\n    }\n}\n",
        "(FUNC PARAM (BLOCK (RETURN (BINOP[ADD] (PROPAGATE (CALL (MEMBER SELF NAME) NAME)) LIT_INT))))",
    ),
    # `return Err(..)` is THROW; format! is a template
    (
        'fn parse(s: &str) -> Result<i32, String> {\n    if s.is_empty() {\n        return Err(format!("empty: {}", s));\n    }\n    Ok(s.len())\n}\n',
        "(FUNC PARAM (BLOCK (IF (UNOP[NOT] NAME) (BLOCK (THROW (CALL[error] (STR_TEMPLATE NAME))))) (RETURN (CALL[len] NAME))))",
    ),
    # range loop over 0..len becomes RANGE
    (
        "fn sum(xs: &[i32]) -> i32 {\n    let mut total = 0;\n    for i in 0..xs.len() {\n        total += xs[i];\n    }\n    total\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    # match arms are CASEs
    (
        "fn kind(v: i32) -> i32 {\n    match v {\n        1 | 2 => 10,\n        _ => 0,\n    }\n}\n",
        "(FUNC PARAM (BLOCK (IF (BINOP[OR] (BINOP[EQ] NAME LIT_INT) (BINOP[EQ] NAME LIT_INT)) (BLOCK (RETURN LIT_INT)) (BLOCK (RETURN LIT_INT)))))",
    ),
    # generic impl still names the type; annotations leave no NAME; `None` is LIT_NULL
    (
        "impl<K: Clone, V> LruCache<K, V> {\n    fn peek(&self, key: &K) -> Option<&V> {\n        let e: &Entry<V> = self.map.get(key)?;\n        if e.dead { None } else { Some(&e.value) }\n    }\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME (PROPAGATE (INDEX (MEMBER SELF NAME) NAME))) (IF (MEMBER NAME NAME) (BLOCK (RETURN LIT_NULL)) (BLOCK (RETURN (MEMBER NAME NAME))))))",
    ),
    # macro arguments are a flat token tree
    (
        'fn show(xs: Vec<String>) {\n    println!("{}", xs.join(", "));\n}\n',
        "(FUNC PARAM (BLOCK (CALL[print] (STR_TEMPLATE NAME NAME LIT_STR))))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr("rust", code) == expected


def test_impl_methods_are_qualified() -> None:
    lowered = lower_source("c.rs", "rust", GOLDEN[0][0].encode())
    assert [u.name for u in lowered.units] == ["Cache.get"]
    assert lowered.units[0].params == ["key"]


def test_generic_impl_methods_are_qualified() -> None:
    lowered = lower_source("c.rs", "rust", GOLDEN[4][0].encode())
    assert [u.name for u in lowered.units] == ["LruCache.peek"]
    assert lowered.units[0].params == ["key"]


CONVERGENT = [
    (
        "fn f(x: Option<i32>, y: Node) -> i32 {\n    if x == None {\n        return 0;\n    }\n    1\n}\n",
        "python",
        "def f(x, y):\n    if x is None:\n        return 0\n    return 1\n",
    ),
    (
        "fn f(a: i32) -> i32 {\n    if a > 1 {\n        return 1;\n    } else if a < 0 {\n        return 2;\n    }\n    0\n}\n",
        "javascript",
        "function f(a) { if (a > 1) { return 1; } else if (a < 0) { return 2; } return 0; }",
    ),
    (
        'fn f(name: &str, n: i32) {\n    println!("hello {}: {}", name, n);\n}\n',
        "python",
        'def f(name, n):\n    print(f"hello {name}: {n}")\n',
    ),
    (
        "fn f(xs: &[i32]) -> i32 {\n    let mut total = 0;\n    for x in xs.iter() {\n        total += x;\n    }\n    total\n}\n",
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
    ),
    # `.unwrap()` is the value itself, as in languages that throw
    (
        'fn f(m: &Map) -> i32 {\n    let v = m.get("k").unwrap();\n    v + 1\n}\n',
        "python",
        "def f(m):\n    v = m.get('k')\n    return v + 1\n",
    ),
]


@pytest.mark.parametrize(("code", "other_language", "other_code"), CONVERGENT)
def test_converges(code: str, other_language: str, other_code: str) -> None:
    assert unit_sexpr("rust", code) == unit_sexpr(other_language, other_code)
