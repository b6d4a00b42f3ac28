"""The fixed IR vocabulary: node kinds shared by every language.

Translation equivalence is the aim, not semantic precision: `===` and `==` are both EQ, every
declaration is an ASSIGN, every loop is a LOOP with a `form`. Grammar tables may only name kinds
listed here; a test checks that.
"""

from __future__ import annotations

from enum import IntEnum


class Kind(IntEnum):
    # structure
    MODULE = 1
    FUNC = 2
    LAMBDA = 3
    PARAM = 4
    CLASS = 5
    FIELD = 6
    IMPORT = 7
    DECORATOR = 8
    BLOCK = 9
    # control
    IF = 10
    SWITCH = 11
    CASE = 12
    LOOP = 13
    BREAK = 14
    CONTINUE = 15
    RETURN = 16
    YIELD = 17
    AWAIT = 18
    THROW = 19
    TRY = 20
    CATCH = 21
    FINALLY = 22
    WITH = 23
    ASSERT = 24
    # error propagation
    PROPAGATE = 25
    UNWRAP = 26
    # expressions
    ASSIGN = 27
    AUG_ASSIGN = 28
    BINOP = 29
    UNOP = 30
    CALL = 31
    MEMBER = 32
    INDEX = 33
    SLICE = 34
    RANGE = 35
    COMPREHENSION = 36
    COMP_FOR = 37
    COMP_IF = 38
    SPREAD = 39
    CAST = 40
    SELF = 41
    NAME = 42
    # collections
    LIST = 43
    TUPLE = 44
    DICT = 45
    SET = 46
    PAIR = 47
    # literals
    LIT_INT = 48
    LIT_FLOAT = 49
    LIT_STR = 50
    STR_TEMPLATE = 51
    LIT_BOOL = 52
    LIT_NULL = 53
    LIT_REGEX = 54
    # meta
    TYPE = 55
    DOC = 56
    OTHER = 57
    ERROR = 58


LITERAL_KINDS = frozenset(
    {
        Kind.LIT_INT,
        Kind.LIT_FLOAT,
        Kind.LIT_STR,
        Kind.STR_TEMPLATE,
        Kind.LIT_BOOL,
        Kind.LIT_NULL,
        Kind.LIT_REGEX,
    }
)
DEFINITION_KINDS = frozenset({Kind.FUNC, Kind.LAMBDA, Kind.CLASS})
STATEMENT_KINDS = frozenset(
    {
        Kind.IF, Kind.SWITCH, Kind.LOOP, Kind.BREAK, Kind.CONTINUE, Kind.RETURN, Kind.THROW,
        Kind.TRY, Kind.WITH, Kind.ASSERT, Kind.ASSIGN, Kind.AUG_ASSIGN, Kind.FUNC, Kind.CLASS,
        Kind.IMPORT, Kind.BLOCK,
    }
)  # fmt: skip

# Operator families an `op` attribute may take on BINOP, UNOP and AUG_ASSIGN.
OPERATORS = frozenset(
    {
        "ADD", "SUB", "MUL", "DIV", "FLOORDIV", "MOD", "POW", "MATMUL", "NEG", "POS",
        "EQ", "NE", "LT", "LE", "GT", "GE", "IS", "IS_NOT", "IN", "NOT_IN", "ISINSTANCE",
        "AND", "OR", "NOT", "NULLISH", "BITAND", "BITOR", "BITXOR", "BITNOT", "SHL", "SHR",
        "TYPEOF", "CONCAT", "INC", "DEC", "DROP", "ASSIGN", "DELETE", "VOID",
    }
)  # fmt: skip
