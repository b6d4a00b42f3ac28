"""Golden IR tests for Ruby: idiomatic snippets and the s-expressions they lower to."""

from __future__ import annotations

import pytest

from .conftest import unit_sexpr

SUM = "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))"
CHAIN = (
    "(FUNC PARAM (BLOCK (IF (BINOP[GT] NAME LIT_INT) (BLOCK (RETURN LIT_INT)) (IF (BINOP[LT] NAME LIT_INT) "
    "(BLOCK (RETURN (UNOP[NEG] LIT_INT))) (BLOCK (RETURN LIT_INT))))))"
)

LANG = "ruby"

GOLDEN = [
    ("def f(xs)\n  total = 0\n  for x in xs\n    total += x\n  end\n  total\nend\n", SUM),
    (
        "def h(a)\n  if a > 1\n    return 1\n  elsif a < 0\n    return -1\n  else\n    return 0\n  end\nend\n",
        CHAIN,
    ),
    (
        # `call` is flat (receiver, method, arguments): `group` builds the MEMBER callee
        'def g(s, xs)\n  s.start_with?("a") && xs.include?(s) && xs.empty?\nend\n',
        "(FUNC PARAM PARAM (BLOCK (RETURN (BINOP[AND] (BINOP[AND] (CALL[starts_with] NAME LIT_STR) "
        "(CALL[contains] NAME NAME)) (CALL[is_empty] NAME)))))",
    ),
    (
        # `out << x` is an append; `each` with a block is a loop, and a loop that builds a
        # list is the comprehension Python writes
        "def s(xs)\n  out = []\n  xs.each { |x| out << x * 2 }\n  out\nend\n",
        "(FUNC PARAM (BLOCK (RETURN (COMPREHENSION[list] (COMP_FOR NAME NAME) "
        "(BINOP[MUL] NAME LIT_INT)))))",
    ),
    (
        "def v(x)\n  x > 0 ? x : -x\nend\n",
        "(FUNC PARAM (BLOCK (RETURN (IF[expr] (BINOP[GT] NAME LIT_INT) NAME (UNOP[NEG] NAME)))))",
    ),
]


def test_sum_loop_converges_with_python() -> None:
    py = unit_sexpr(
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
    )
    rb = unit_sexpr(
        LANG, "def f(xs)\n  total = 0\n  for x in xs\n    total += x\n  end\n  total\nend\n"
    )
    assert rb == py == SUM


def test_null_check_and_template_converge_with_python() -> None:
    assert unit_sexpr(LANG, "def f(x)\n  x == nil\nend\n") == unit_sexpr(
        "python", "def f(x):\n    return x is None\n"
    )
    assert unit_sexpr(LANG, 'def f(name)\n  "hi #{name}!"\nend\n') == unit_sexpr(
        "python", 'def f(name):\n    return f"hi {name}!"\n'
    )


def test_select_map_chain_converges_with_python_comprehension() -> None:
    py = unit_sexpr(
        "python", "def k(words, p):\n    return [w.upper() for w in words if w.startswith(p)]\n"
    )
    rb = unit_sexpr(
        LANG, "def k(words, p)\n  words.select { |w| w.start_with?(p) }.map { |w| w.upcase }\nend\n"
    )
    assert rb == py


def test_list_building_loop_converges_with_python() -> None:
    py = unit_sexpr(
        "python",
        "def b(xs):\n    out = []\n    for x in xs:\n        if x > 1:\n            out.append(x * 2)\n    return out\n",
    )
    rb = unit_sexpr(
        LANG, "def b(xs)\n  out = []\n  for x in xs\n    out << x * 2 if x > 1\n  end\n  out\nend\n"
    )
    push = unit_sexpr(
        LANG,
        "def b(xs)\n  out = []\n  for x in xs\n    out.push(x * 2) if x > 1\n  end\n  out\nend\n",
    )
    assert rb == push == py


def test_receiverless_calls_keep_their_idioms() -> None:
    assert unit_sexpr(LANG, "def f(x)\n  puts x\nend\n") == unit_sexpr(
        "python", "def f(x):\n    print(x)\n"
    )


def test_raise_is_a_throw() -> None:
    rb = unit_sexpr(LANG, 'def f(x)\n  raise ArgumentError, "bad"\nend\n')
    assert rb == unit_sexpr("python", 'def f(x):\n    raise ValueError("bad")\n')


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr(LANG, code) == expected
