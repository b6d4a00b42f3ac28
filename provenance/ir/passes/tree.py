"""Helpers every pass module shares: traversal, new nodes with a source span, and small
tests on IR shapes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from provenance.ir.kinds import STATEMENT_KINDS, Kind
from provenance.ir.nodes import IRNode

BODY_OWNERS = frozenset(
    {
        Kind.IF,
        Kind.LOOP,
        Kind.FUNC,
        Kind.LAMBDA,
        Kind.TRY,
        Kind.CATCH,
        Kind.FINALLY,
        Kind.WITH,
        Kind.CASE,
    }
)


BODY_ROLES = ("then", "else", "body")


EXPRESSION_EXCLUDED = STATEMENT_KINDS | {
    Kind.YIELD, Kind.PROPAGATE, Kind.DOC, Kind.OTHER, Kind.ERROR, Kind.CASE, Kind.DECORATOR,
    Kind.CATCH, Kind.FINALLY, Kind.PARAM, Kind.FIELD, Kind.TYPE, Kind.SWITCH,
}  # fmt: skip


_HOLDERS = frozenset(
    {Kind.MODULE, Kind.BLOCK, Kind.CLASS, Kind.FUNC, Kind.LAMBDA, Kind.IF, Kind.LOOP, Kind.SWITCH}
    | {Kind.CASE, Kind.TRY, Kind.CATCH, Kind.FINALLY, Kind.WITH}
)
"""node kinds that hold statements: function definitions and returns are found below these
without walking every expression (a quarter of the nodes, not all of them)"""


DECLARATION_HOLDERS = frozenset({Kind.MODULE, Kind.CLASS, Kind.BLOCK})
"""the module and the classes and blocks (namespaces) below it: where classes and methods are
declared, without entering functions"""


def statement_holders(module: IRNode, kinds: frozenset[Kind] = _HOLDERS) -> list[IRNode]:
    found: list[IRNode] = []
    pending = [module]
    while pending:
        node = pending.pop()
        found.append(node)
        pending.extend(child for child in node.children if child.kind in kinds)
    return found


def preorder(root: IRNode) -> Iterator[IRNode]:
    """Pre-order; children lists may be replaced while iterating their parents."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def spanned(kind: Kind, like: IRNode, **fields: Any) -> IRNode:
    """A new node covering the same source as `like`."""
    return IRNode(kind, span=like.span, **fields)


def case_value(case: IRNode) -> Kind | None:
    """The kind of a `case`'s single pattern (`None` is LIT_NULL, `Some(v)` a NAME)."""
    values = case.with_role("value")
    return values[0].kind if len(values) == 1 else None


def is_expression(node: IRNode) -> bool:
    if node.kind is Kind.IF:
        return node.op == "expr"
    return node.kind not in EXPRESSION_EXCLUDED


def same_target(left: IRNode, right: IRNode) -> bool:
    if left.kind is not right.kind:
        return False
    if left.kind is Kind.NAME:
        return left.text == right.text
    if left.kind is Kind.SELF:
        return True
    if left.kind is Kind.MEMBER and len(left.children) == len(right.children) == 2:
        return same_target(left.children[0], right.children[0]) and same_target(
            left.children[1], right.children[1]
        )
    return False


def is_length_of(node: IRNode, subject: IRNode) -> bool:
    """`len(subject)` (`xs.length`, `#t`, `xs.len()` after the idioms pass)."""
    return (
        node.kind is Kind.CALL
        and node.op == "len"
        and len(node.children) == 1
        and same_target(node.children[0], subject)
    )


def length_offset(node: IRNode, op: str, subject: IRNode) -> IRNode | None:
    """k in `len(subject) <op> k` (`xs.length - 1`, Lua's `#t + 1`), else None."""
    if (
        node.kind is Kind.BINOP
        and node.op == op
        and len(node.children) == 2
        and is_length_of(node.children[0], subject)
    ):
        return node.children[1]
    return None


OPPOSITE = {"EQ": "NE", "NE": "EQ", "LT": "GE", "GE": "LT", "GT": "LE", "LE": "GT"}


def negated(test: IRNode) -> IRNode:
    """The test's opposite: `!!x` is x, `!(a < b)` is `a >= b`, otherwise `!test`."""
    if test.kind is Kind.UNOP and test.op == "NOT" and len(test.children) == 1:
        inner = test.children[0]
        inner.role = test.role
        return inner
    if test.kind is Kind.BINOP and test.op in OPPOSITE:
        test.op = OPPOSITE[test.op]  # `until i >= n` is `while i < n`
        return test
    role, test.role = test.role, None
    return spanned(Kind.UNOP, test, op="NOT", role=role, children=[test])


def is_true(node: IRNode) -> bool:
    """The literal `true` (`True` in Python)."""
    return node.kind is Kind.LIT_BOOL and node.text in ("true", "True")


def is_zero(node: IRNode) -> bool:
    return node.kind is Kind.LIT_INT and node.text == "0"


def is_type_name(text: str) -> bool:
    """`Token`, `HTTPError`: a capitalised name with a lower-case letter (not a CONSTANT)."""
    return text[:1].isupper() and any(c.islower() for c in text)


def dotted_name(node: IRNode) -> str | None:
    """`console.log` for MEMBER(NAME console, NAME log); None for anything else."""
    parts: list[str] = []
    while node.kind is Kind.MEMBER and len(node.children) == 2:
        prop = node.children[1]
        if prop.kind is not Kind.NAME:
            return None
        parts.append(prop.text or "")
        node = node.children[0]
    if node.kind is Kind.NAME:
        parts.append(node.text or "")
    elif node.kind is Kind.SELF:
        parts.append("self")
    else:
        return None
    return ".".join(reversed(parts))


def lambda_parts(function: IRNode) -> tuple[IRNode | None, IRNode] | None:
    """(parameter, expression) of a one-parameter lambda whose body is one expression."""
    if function.kind is not Kind.LAMBDA:
        return None
    params = [c for c in function.children if c.kind is Kind.PARAM]
    body = [c for c in function.children if c.kind is not Kind.PARAM]
    if len(body) != 1:
        return None
    expression = body[0]
    if expression.kind is Kind.BLOCK and len(expression.children) == 1:
        expression = expression.children[0]
    if expression.kind is Kind.RETURN and len(expression.children) == 1:
        expression = expression.children[0]
    if not is_expression(expression):
        return None
    return (params[0] if params else None), expression
