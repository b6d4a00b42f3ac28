"""Passes over error handling: throwing, returning errors, propagating them, and helpers that
only build an error."""

from __future__ import annotations

from collections.abc import Collection

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.tree import preorder, spanned, statement_holders
from provenance.ir.table import CompiledGrammar


def error_propagation(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Go's `if err != nil { return ..., err }`, `return Err(e)`, re-raising catch blocks and
    error-constructor calls converge: PROPAGATE around the failing value, THROW for raising."""
    if node.kind is Kind.RETURN:
        thrown = _return_as_throw(node, frozenset(grammar.passes.get("error_returns", ())))
        error_names = frozenset(grammar.passes.get("error_names", ()))
        if thrown is None and error_names:
            thrown = _go_style_return(node, error_names)
        return thrown
    if node.kind is Kind.CALL:
        return _raise_call(node) if node.op == "raise" else None
    if node.kind is Kind.FUNC:
        _tail_raises(node, frozenset(grammar.passes.get("error_returns", ())))
        return None
    if node.kind is Kind.THROW:
        node.children = [as_error(child) for child in node.children]
        return None
    error_names = frozenset(grammar.passes.get("error_names", ()))
    if error_names:
        _go_error_checks(node, error_names)
    _unwrap_rethrowing_try(node)
    if node.kind is Kind.MODULE:
        _error_helper_calls(node)
    return None


def _tail_raises(function: IRNode, raisers: frozenset[str]) -> None:
    """A function's implicit last-expression return (`tail_returns`) raises as an explicit
    `return Err(e)` does."""
    if not raisers:
        return
    for holder in preorder(function):
        for index, child in enumerate(holder.children):
            if child.kind is Kind.RETURN:
                thrown = _return_as_throw(child, raisers)
                if thrown is not None:
                    holder.children[index] = thrown


def _error_helper_calls(module: IRNode) -> None:
    """Returning what an error-building helper builds is raising: with Rust's
    `fn err(m: &str) -> Result<T, E> { Err(Problem(m.into())) }` or Go's `func errorf(..)
    error { return fmt.Errorf(..) }` in the file, `return err(m)` and `return 0, errorf(..)`
    read THROW(CALL[error](m)), as `throw new Problem(m)` does where errors are thrown. A
    helper that always raises (`def fail(m): raise E(m)`, Lua's `local function fail(m)
    error(..) end`) makes the statement `fail(m)` a raise too."""
    holders = statement_holders(module)
    helpers = {
        child.text: how
        for holder in holders
        for child in holder.children
        if child.kind is Kind.FUNC and child.text and (how := _only_builds_an_error(child))
    }
    if not helpers:
        return
    raising = {name for name, how in helpers.items() if how == "raises"}
    for holder in holders:
        for index, child in enumerate(holder.children):
            if child.kind is Kind.CALL and child.role is None and _calls_helper(child, raising):
                value = child  # `fail(m)` as a statement, where `fail` always raises
            elif child.kind is Kind.RETURN and child.children:
                value = child.children[-1]
                if not _calls_helper(value, helpers) or not _all_zero_values(child.children[:-1]):
                    continue
            else:
                continue
            error = spanned(Kind.CALL, value, op="error", children=value.children[1:])
            holder.children[index] = spanned(Kind.THROW, child, role=child.role, children=[error])


def _only_builds_an_error(function: IRNode) -> str | None:
    """ "raises" for a helper whose one statement raises, "returns" for one that returns an
    error it builds; None for anything else."""
    bodies = [c for c in function.children if c.kind is Kind.BLOCK]
    if len(bodies) != 1 or len(bodies[0].children) != 1:
        return None
    statement = bodies[0].children[0]
    if statement.kind is Kind.THROW:
        return "raises"
    if (
        statement.kind is Kind.RETURN
        and len(statement.children) == 1
        and statement.children[0].kind is Kind.CALL
        and statement.children[0].op == "error"
    ):
        return "returns"
    return None


def _calls_helper(value: IRNode, helpers: Collection[str]) -> bool:
    if value.kind is not Kind.CALL or value.op is not None or not value.children:
        return False
    callee = value.children[0]
    if callee.kind is Kind.MEMBER and len(callee.children) == 2:
        if callee.children[0].kind is not Kind.SELF:
            return False
        callee = callee.children[1]
    return callee.kind is Kind.NAME and callee.text in helpers


def as_error(value: IRNode) -> IRNode:
    """Whatever is constructed to be thrown is an error: `new ParseError(m)`,
    `EnvParseError(m)`, `fmt.Errorf(m)`, `ValueError(m)` and a thrown message `"m"` all read
    CALL[error](m)."""
    if value.kind in (Kind.LIT_STR, Kind.STR_TEMPLATE):  # JavaScript's `throw "bad input"`
        role, value.role = value.role, None
        return spanned(Kind.CALL, value, op="error", role=role, children=[value])
    if value.kind is Kind.CALL and value.op is None and value.children:
        value.op = "error"
        if value.children[0].role == "callee":
            value.children = value.children[1:]
    elif value.kind is Kind.DICT:  # Go's `&ParseError{Line: n, Msg: m}`
        fields = [
            pair.children[-1] if pair.kind is Kind.PAIR and pair.children else pair
            for pair in value.children
        ]
        return spanned(Kind.CALL, value, op="error", role=value.role, children=fields)
    return value


def _raise_call(node: IRNode) -> IRNode:
    """Ruby's `raise ArgumentError, "msg"` (a call of `raise`) is THROW(error("msg")), and
    `raise ParseError.new(msg)` is the error it constructs."""
    args = list(node.children)
    if len(args) == 1 and args[0].kind in (Kind.CALL, Kind.DICT):
        error = as_error(args[0])
        error.role = None
        return spanned(Kind.THROW, node, role=node.role, children=[error])
    if len(args) > 1 and args[0].kind is Kind.NAME and (args[0].text or "")[:1].isupper():
        args = args[1:]
    error = spanned(Kind.CALL, node, op="error", children=args)
    return spanned(Kind.THROW, node, role=node.role, children=[error])


def _go_style_return(node: IRNode, error_names: frozenset[str]) -> IRNode | None:
    """With error results (Go): `return v, nil` returns v; `return nil, err` and
    `return nil, newError(...)` raise (the error slot is last, the rest are zero values)."""
    if len(node.children) < 2:
        return None
    last = node.children[-1]
    rest = node.children[:-1]
    if last.kind is Kind.LIT_NULL:
        node.children = rest
        return None
    raising = (last.kind is Kind.NAME and last.text in error_names) or last.kind in (
        Kind.CALL,
        Kind.DICT,
    )
    if raising and _all_zero_values(rest):
        last.role = None
        return spanned(Kind.THROW, node, role=node.role, children=[as_error(last)])
    return None


def _return_as_throw(node: IRNode, raisers: frozenset[str]) -> IRNode | None:
    if not node.children:
        return None
    value = node.children[-1]
    if value.kind is not Kind.CALL:
        return None
    raising = value.op == "error" or (
        value.op is None and bool(value.children) and value.children[0].text in raisers
    )
    if not raising or not (len(node.children) == 1 or _all_zero_values(node.children[:-1])):
        return None
    if value.op != "error":
        # `Err(e)`: what is thrown is the wrapped value; a held error is re-raised as is
        wrapped = value.children[1:]
        if len(wrapped) == 1 and wrapped[0].kind in (Kind.CALL, Kind.NAME, Kind.DICT):
            value = wrapped[0] if wrapped[0].kind is Kind.NAME else as_error(wrapped[0])
        else:
            value.children = wrapped
            value.op = "error"
    return spanned(Kind.THROW, node, role=node.role, children=[value])


def _all_zero_values(values: list[IRNode]) -> bool:
    return all(
        v.kind in (Kind.LIT_NULL, Kind.LIT_INT, Kind.LIT_STR, Kind.LIT_BOOL, Kind.DICT, Kind.LIST)
        for v in values
    )


def _go_error_checks(block: IRNode, error_names: frozenset[str]) -> None:
    children = block.children
    index = 0
    while index + 1 < len(children):
        assign, check = children[index], children[index + 1]
        if assign.kind is Kind.ASSIGN and _is_error_check(check, error_names):
            targets = [c for c in assign.children if c.role == "target"]
            values = [c for c in assign.children if c.role != "target"]
            remaining = [t for t in targets if not (t.kind is Kind.NAME and t.text in error_names)]
            if len(remaining) < len(targets) and len(values) == 1:
                wrapped = spanned(Kind.PROPAGATE, values[0], children=[values[0]])
                wrapped.role = values[0].role
                values[0].role = None
                assign.children = [*remaining, wrapped]
                if not remaining:  # `err := check(x)`: the call is the statement
                    wrapped.role = assign.role
                    children[index] = wrapped
                del children[index + 1]
        index += 1


def _is_error_check(node: IRNode, error_names: frozenset[str]) -> bool:
    """`if err != nil { return ... }`; the condition may already read as the truthiness `err`."""
    if node.kind is not Kind.IF or node.child("else") is not None:
        return False
    cond = node.child("cond") or (node.children[0] if node.children else None)
    if cond is None:
        return False
    if cond.kind is Kind.BINOP and cond.op == "NE" and len(cond.children) == 2:
        subject, null = cond.children
        if null.kind is not Kind.LIT_NULL:
            return False
        cond = subject
    if cond.kind is not Kind.NAME or cond.text not in error_names:
        return False
    then = node.child("then")
    return (
        then is not None
        and len(then.children) == 1
        and then.children[0].kind in (Kind.RETURN, Kind.THROW)
    )


def _unwrap_rethrowing_try(block: IRNode) -> None:
    rebuilt: list[IRNode] = []
    for statement in block.children:
        if statement.kind is Kind.TRY and _only_rethrows(statement):
            body = statement.child("body")
            if body is not None:
                rebuilt.extend(body.children if body.kind is Kind.BLOCK else [body])
                continue
        rebuilt.append(statement)
    block.children = rebuilt


def _only_rethrows(try_node: IRNode) -> bool:
    catches = [c for c in try_node.children if c.kind is Kind.CATCH]
    if len(catches) != 1 or any(c.kind is Kind.FINALLY for c in try_node.children):
        return False
    statements = [s for c in catches[0].children if c.kind is Kind.BLOCK for s in c.children]
    return (
        len(statements) == 1
        and statements[0].kind is Kind.THROW
        and len(statements[0].children) <= 1
        and all(c.kind is Kind.NAME for c in statements[0].children)
    )
