"""Golden tests for the C++ grammar table: snippets and the IR they lower to,
plus convergence with the equivalent Python or JavaScript."""

from __future__ import annotations

import pytest

from provenance.ir import lower_source

from .conftest import unit_sexpr

GOLDEN = [
    # method named Class.method, `this->` is SELF
    (
        "class Counter {\npublic:\n    int add(int n) {\n        this->total += n;\n        return total;\n    }\nprivate:\n    int total = 0;\n};\n",
        "(FUNC PARAM (BLOCK (AUG_ASSIGN[ADD] (MEMBER SELF NAME) NAME) (RETURN NAME)))",
    ),
    # range-for is LOOP each
    (
        "int sum(const std::vector<int>& xs) {\n    int total = 0;\n    for (const auto& x : xs) {\n        total += x;\n    }\n    return total;\n}\n",
        "(FUNC PARAM (BLOCK (ASSIGN NAME LIT_INT) (LOOP[each] NAME NAME (BLOCK (AUG_ASSIGN[ADD] NAME NAME))) (RETURN NAME)))",
    ),
    # throw std::invalid_argument is THROW(error)
    (
        'void check(int n) {\n    if (n < 0) {\n        throw std::invalid_argument("negative");\n    }\n    std::cout << std::to_string(n);\n}\n',
        "(FUNC PARAM (BLOCK (IF (BINOP[LT] NAME LIT_INT) (BLOCK (THROW (CALL[error] LIT_STR)))) (BINOP[SHL] NAME (CALL[to_string] NAME))))",
    ),
    # lambda
    (
        "int count(const std::vector<int>& xs) {\n    auto positive = [](int x) { return x > 0; };\n    return std::count_if(xs.begin(), xs.end(), positive);\n}\n",
        "(FUNC PARAM (BLOCK (FUNC PARAM (BLOCK (RETURN (BINOP[GT] NAME LIT_INT)))) (RETURN (CALL NAME (CALL (MEMBER NAME NAME)) (CALL (MEMBER NAME NAME)) NAME))))",
    ),
    # counting loop with prefix increment becomes RANGE
    (
        "void fill(std::vector<int>& out, int n) {\n    for (int i = 0; i < n; ++i) {\n        out.push_back(i * i);\n    }\n}\n",
        "(FUNC PARAM PARAM (BLOCK (LOOP[each] NAME (RANGE LIT_INT NAME) (BLOCK (CALL[append] NAME (BINOP[MUL] NAME NAME))))))",
    ),
    # an array declarator declares one NAME: its size is not a statement of its own
    (
        "int f(int n) {\n    char buf[64];\n    int xs[3] = {1, 2, 3};\n    return xs[n];\n}\n",
        "(FUNC PARAM (BLOCK NAME (RETURN (INDEX (LIST LIT_INT LIT_INT LIT_INT) NAME))))",
    ),
]


@pytest.mark.parametrize(("code", "expected"), GOLDEN)
def test_golden(code: str, expected: str) -> None:
    assert unit_sexpr("cpp", code) == expected


def test_class_methods_are_qualified() -> None:
    lowered = lower_source("c.cpp", "cpp", GOLDEN[0][0].encode())
    assert [u.name for u in lowered.units] == ["Counter.add"]


CONVERGENT = [
    (
        "std::string greet(const std::string& name, Node* n) {\n    std::string out = name;\n    Node* cur = n;\n    return out;\n}\n",
        "javascript",
        "function greet(name, n) { let out = name; let cur = n; return out; }",
    ),
    (
        "int f(std::vector<int> xs) {\n    int total = 0;\n    for (int x : xs) {\n        total += x;\n    }\n    return total;\n}\n",
        "python",
        "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n    return total\n",
    ),
    (
        "int f(int* x) {\n    if (x == nullptr) {\n        return 0;\n    }\n    return x[0];\n}\n",
        "javascript",
        "function f(x) { if (x === null) { return 0; } return x[0]; }",
    ),
    (
        "void fill(std::vector<int>& out, int n) {\n    for (int i = 0; i < n; ++i) {\n        out.push_back(i * i);\n    }\n}\n",
        "javascript",
        "function fill(out, n) { for (let i = 0; i < n; i++) { out.push(i * i); } }",
    ),
    (
        "int h(int a) {\n    if (a > 1) return 1;\n    else if (a < 0) { return 2; }\n    else return 0;\n}\n",
        "javascript",
        "function h(a) {\n  if (a > 1) return 1;\n  else if (a < 0) { return 2; }\n  else return 0;\n}\n",
    ),
]


@pytest.mark.parametrize(("code", "other_language", "other_code"), CONVERGENT)
def test_converges(code: str, other_language: str, other_code: str) -> None:
    assert unit_sexpr("cpp", code) == unit_sexpr(other_language, other_code)
