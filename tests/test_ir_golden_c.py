"""Golden tests for the C grammar table: snippets and the IR they lower to,
plus convergence with the equivalent Python or JavaScript."""

from __future__ import annotations

import pytest

from .conftest import unit_sexpr

GOLDEN = [
    # a counting loop that only reads xs[i] walks the elements it counts over, xs[0:n]
    (
        "int sum(const int *xs, size_t n) {\n    int total = 0;\n    for (size_t i = 0; i < n; i++) {\n        total += xs[i];\n    }\n    return total;\n}\n",
        "(FUNC PARAM PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME (SLICE NAME LIT_INT NAME) (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    # struct field access
    (
        "struct point { int x; int y; };\nint norm(struct point *p) {\n    return p->x * p->x + p->y * p->y;\n}\n",
        "(FUNC (BLOCK (RETURN (BINOP[ADD] (BINOP[MUL] (MEMBER SELF NAME) (MEMBER SELF NAME)) (BINOP[MUL] (MEMBER SELF NAME) (MEMBER SELF NAME))))))",
    ),
    # printf is a print template
    (
        'void show(const char *name, int n) {\n    printf("%s has %d\\n", name, n);\n}\n',
        "(FUNC PARAM PARAM (BLOCK (CALL[print] (STR_TEMPLATE NAME NAME))))",
    ),
    # switch/case/default: case statements get a BLOCK (the switch body stays a BLOCK)
    (
        "int kind(char c) {\n    switch (c) {\n    case 'a':\n        return 1;\n    default:\n        return 0;\n    }\n}\n",
        "(FUNC PARAM (BLOCK (IF (BINOP[EQ] NAME LIT_STR) (BLOCK (RETURN LIT_INT)) (BLOCK (RETURN LIT_INT)))))",
    ),
    # `-1` is one number literal in C (UNOP[NEG] LIT_INT elsewhere); `+=` is AUG_ASSIGN
    (
        "int k(int c) {\n    int y = -1;\n    switch (c) {\n    case 1:\n        y += 2;\n        break;\n    default:\n        y = 0;\n    }\n    return y;\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (IF (BINOP[EQ] NAME LIT_INT) (BLOCK (AUG_ASSIGN[ADD] NAME LIT_INT)) (BLOCK (ASSIGN NAME LIT_INT))) (RETURN NAME)))",
    ),
    # while loop, isdigit idiom, `*s` is identity, statement increments are `+= 1`
    (
        "size_t count(const char *s) {\n    size_t n = 0;\n    while (*s != '\\0') {\n        if (isdigit(*s)) n++;\n        s++;\n    }\n    return n;\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[while] (BINOP[NE] NAME LIT_STR) (BLOCK (IF (CALL[is_digit] NAME) (BLOCK (AUG_ASSIGN[ADD] NAME LIT_INT))) (AUG_ASSIGN[ADD] NAME LIT_INT))) (RETURN NAME)))",
    ),
    # an array declarator declares one NAME: its size is not a statement of its own
    (
        "int f(int n) {\n    char buf[64];\n    int xs[3] = {1, 2, 3};\n    return xs[n];\n}\n",
        "(FUNC PARAM (BLOCK NAME (RETURN (INDEX (LIST LIT_INT LIT_INT LIT_INT) NAME))))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr("c", code) == expected


CONVERGENT = [
    (
        "int f(int *xs, int n) {\n    int total = 0;\n    for (int i = 0; i < n; i++) {\n        total += xs[i];\n    }\n    return total;\n}\n",
        "javascript",
        "function f(xs, n) { let total = 0; for (let i = 0; i < n; i++) { total += xs[i]; } return total; }",
    ),
    (
        "int h(int a) {\n    if (a > 1) return 1;\n    else if (a < 0) { return 2; }\n    else return 0;\n}\n",
        "javascript",
        "function h(a) {\n  if (a > 1) return 1;\n  else if (a < 0) { return 2; }\n  else return 0;\n}\n",
    ),
    (
        "int f(struct item *x) {\n    if (x == NULL) {\n        return 0;\n    }\n    return x->total;\n}\n",
        "javascript",
        "function f(x) { if (x === null) { return 0; } return x.total; }",
    ),
    (
        'void show(const char *name, int n) {\n    printf("%s has %d\\n", name, n);\n}\n',
        "python",
        'def show(name, n):\n    print(f"{name} has {n}\\n")\n',
    ),
]


@pytest.mark.parametrize(("code", "other_language", "other_code"), CONVERGENT)
def test_converges(code: str, other_language: str, other_code: str) -> None:
    assert unit_sexpr("c", code) == unit_sexpr(other_language, other_code)
