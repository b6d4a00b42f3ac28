"""Golden tests for the Go grammar table: snippets and the IR they lower to,
plus convergence with the equivalent Python or JavaScript."""

from __future__ import annotations

import pytest

from provenance.ir import lower_source

from .conftest import unit_sexpr

GOLDEN = [
    # range loop: LOOP[each] from the range_clause, `+=` is AUG_ASSIGN, `_` stays a NAME
    (
        "func Sum(xs []int) int {\n\ttotal := 0\n\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\treturn total\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    # `if err != nil { return ..., err }` folds into PROPAGATE
    (
        "func load(path string) (int, error) {\n\tv, err := read(path)\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\treturn v, nil\n}\n",
        "(FUNC PARAM (BLOCK (RETURN (PROPAGATE (CALL NAME NAME)))))",
    ),
    # receiver becomes SELF; the receiver PARAM stays a child
    (
        "type Cache struct {\n\tsize int\n}\n\nfunc (c *Cache) Len() int {\n\treturn c.size\n}\n",
        "(FUNC (BLOCK (RETURN (MEMBER SELF NAME))))",
    ),
    # C-style for: the for_clause hands init/cond/update to LOOP[classic], which becomes RANGE
    (
        "func f(n int) {\n\tfor i := 0; i < n; i += 2 {\n\t\tfmt.Println(i)\n\t}\n}\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME (RANGE LIT_INT NAME LIT_INT) (BLOCK (CALL[print] NAME)))))",
    ),
    # named results are dropped; `for {}` is a LOOP without form
    (
        "func f(m map[string]int) (total int, err error) {\n\tfor k, v := range m {\n\t\ttotal -= v\n\t}\n\tfor {\n\t\tbreak\n\t}\n\treturn total, nil\n}\n",
        "(FUNC PARAM (BLOCK (LOOP[each] NAME NAME NAME (BLOCK (AUG_ASSIGN[SUB] NAME NAME))) (LOOP[infinite] (BLOCK BREAK)) (RETURN NAME)))",
    ),
    # len/HasPrefix/Contains idioms
    (
        'func g(s string, xs []string) bool {\n\tif len(xs) == 0 {\n\t\treturn false\n\t}\n\treturn strings.HasPrefix(s, "a") || strings.Contains(s, "b")\n}\n',
        "(FUNC PARAM PARAM (BLOCK (IF (UNOP[NOT] NAME) (BLOCK (RETURN LIT_BOOL))) (RETURN (BINOP[OR] (CALL[starts_with] NAME LIT_STR) (CALL[contains] NAME LIT_STR)))))",
    ),
    # switch, panic(fmt.Sprintf) as an error template
    (
        'func h(v int) string {\n\tswitch v {\n\tcase 1, 2:\n\t\treturn "low"\n\tdefault:\n\t\tpanic(fmt.Sprintf("bad %d", v))\n\t}\n}\n',
        "(FUNC PARAM (BLOCK (IF (BINOP[OR] (BINOP[EQ] NAME LIT_INT) (BINOP[EQ] NAME LIT_INT)) (BLOCK (RETURN LIT_STR)) (BLOCK (CALL[error] (STR_TEMPLATE NAME))))))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr("go", code) == expected


def test_method_receiver_becomes_self() -> None:
    lowered = lower_source("c.go", "go", GOLDEN[2][0].encode())
    method = next(u for u in lowered.units if u.kind != "module")
    assert method.params == []
    assert "SELF" in method.node.to_sexpr()


def test_methods_are_named_by_their_receiver_type_named_or_not() -> None:
    code = (
        "package p\n\ntype clock struct{}\n\n"
        "func (clock) Now() int { return 1 }\n\n"
        "func (c *clock) Later() int { return 2 }\n\n"
        "func (s Stack[T]) Peek() T { return s.top }\n"
    )
    lowered = lower_source("c.go", "go", code.encode())
    assert [u.name for u in lowered.units] == ["clock.Now", "clock.Later", "Stack.Peek"]


CONVERGENT = [
    (
        "func f(n int) int {\n\ttotal := 0\n\tfor i := 0; i < n; i++ {\n\t\ttotal += i\n\t}\n\treturn total\n}\n",
        "python",
        "def f(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n",
    ),
    (
        "func f(n int) int {\n\tfor n > 10 {\n\t\tn /= 2\n\t}\n\treturn n\n}\n",
        "javascript",
        "function f(n) { while (n > 10) { n /= 2; } return n; }",
    ),
    (
        "func f(x *Item) int {\n\tif x == nil {\n\t\treturn 0\n\t}\n\treturn x.total\n}\n",
        "javascript",
        "function f(x) { if (x === null) { return 0; } return x.total; }",
    ),
    (
        'func f(name string, n int) string {\n\treturn fmt.Sprintf("hello %s: %d", name, n)\n}\n',
        "python",
        'def f(name, n):\n    return f"hello {name}: {n}"\n',
    ),
]


@pytest.mark.parametrize(("code", "other_language", "other_code"), CONVERGENT)
def test_converges(code: str, other_language: str, other_code: str) -> None:
    assert unit_sexpr("go", code) == unit_sexpr(other_language, other_code)
