"""Golden IR tests for Lua: idiomatic snippets and the s-expressions they lower to."""

from __future__ import annotations

import pytest

from .conftest import unit_sexpr

SUM = "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))"
CHAIN = (
    "(FUNC PARAM (BLOCK (IF (BINOP[GT] NAME LIT_INT) (BLOCK (RETURN LIT_INT)) (IF (BINOP[LT] NAME LIT_INT) "
    "(BLOCK (RETURN (UNOP[NEG] LIT_INT))) (BLOCK (RETURN LIT_INT))))))"
)

LANG = "lua"

GOLDEN = [
    (
        "local function h(a)\n  if a > 1 then return 1 elseif a < 0 then return -1 else return 0 end\nend\n",
        CHAIN,
    ),
    (
        # for_numeric_clause is spliced (`splice = true`) and the loop groups start/end/step into RANGE
        "local function g(n)\n  for i = 1, n, 2 do print(i) end\nend\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME (RANGE LIT_INT NAME LIT_INT) (BLOCK (CALL[print] NAME)))))",
    ),
    (
        "local function p(t)\n  for k, v in pairs(t) do print(k .. v) end\nend\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME NAME (CALL[items] NAME) (BLOCK (CALL[print] (BINOP[CONCAT] NAME NAME))))))",
    ),
    (
        # `#xs` is CALL[len]
        "local function n(xs)\n  return #xs + #xs[1]\nend\n",
        "(FUNC PARAM (BLOCK (RETURN (BINOP[ADD] (CALL[len] NAME) (CALL[len] (INDEX NAME LIT_INT))))))",
    ),
    (
        'local function s(text)\n  return string.format("%s!", text:upper())\nend\n',
        "(FUNC PARAM (BLOCK (RETURN (STR_TEMPLATE (CALL[upper] NAME)))))",
    ),
]


def test_chain_and_null_check_converge_with_python() -> None:
    lua = unit_sexpr(
        LANG,
        "local function h(a)\n  if a > 1 then return 1 elseif a < 0 then return -1 else return 0 end\nend\n",
    )
    py = unit_sexpr(
        "python",
        "def h(a):\n    if a > 1:\n        return 1\n    elif a < 0:\n        return -1\n    else:\n        return 0\n",
    )
    assert lua == py == CHAIN
    assert unit_sexpr(LANG, "local function f(x) return x == nil end") == unit_sexpr(
        "python", "def f(x):\n    return x is None\n"
    )


def test_self_method_converges_with_javascript() -> None:
    lua = unit_sexpr(LANG, "local function f(self, x) return self.items[x] ~= nil end")
    js = unit_sexpr("javascript", "function f(x) { return this.items[x] !== null; }")
    assert lua == js


def test_numeric_for_converges_with_python_and_javascript() -> None:
    """Lua counts from 1 and includes the end: `for i = 1, #xs` walks all of xs, as Python's
    `for x in xs` and JavaScript's `for (i = 0; i < xs.length; i++)` do, and `for i = 2, n`
    walks xs[1:n]; a counter used as a number stays a range."""
    lua = unit_sexpr(LANG, "local function g(xs)\n  for i = 1, #xs do print(xs[i]) end\nend\n")
    py = unit_sexpr("python", "def g(xs):\n    for x in xs:\n        print(x)\n")
    js = unit_sexpr(
        "javascript",
        "function g(xs) { for (let i = 0; i < xs.length; i++) { console.log(xs[i]); } }",
    )
    assert lua == py == js
    part = unit_sexpr(LANG, "local function g(xs, n)\n  for i = 2, n do print(xs[i]) end\nend\n")
    assert part == unit_sexpr("python", "def g(xs, n):\n    for x in xs[1:n]:\n        print(x)\n")
    counted = unit_sexpr(LANG, "local function g(n)\n  for i = 1, n do print(i) end\nend\n")
    assert "RANGE" in counted


def test_list_building_loop_converges_with_python() -> None:
    lua = unit_sexpr(
        LANG,
        "local function b(xs)\n  local out = {}\n  for i = 1, #xs do\n"
        "    if xs[i] > 1 then table.insert(out, xs[i] * 2) end\n  end\n  return out\nend\n",
    )
    py = unit_sexpr(
        "python",
        "def b(xs):\n    out = []\n    for x in xs:\n"
        "        if x > 1:\n            out.append(x * 2)\n    return out\n",
    )
    assert lua == py


def test_qualified_function_names_are_units() -> None:
    from provenance.ir import lower_source

    lowered = lower_source(
        "m.lua", LANG, b"local M = {}\nfunction M.f(a) return a end\nfunction M:g() return 1 end\n"
    )
    assert {unit.name for unit in lowered.units} >= {"M.f", "M.g"}


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr(LANG, code) == expected


def test_error_call_is_a_throw_like_javascript() -> None:
    js = unit_sexpr(
        "javascript", 'function f(x) { if (!x) { throw new Error("bad " + x); } return x; }'
    )
    lua = unit_sexpr(
        "lua",
        'local function f(x)\n  if not x then\n    error("bad " .. x)\n  end\n  return x\nend\n',
    )
    assert lua == js  # `..` and `+` with a string both read as a template
    assert "(THROW (CALL[error] (STR_TEMPLATE NAME)))" in lua
