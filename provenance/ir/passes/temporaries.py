"""Temporaries: a local bound once and read once, in the next statement, is that statement's
expression."""

from __future__ import annotations

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.loops import loops_building_lists
from provenance.ir.passes.scopes import ModuleScopes
from provenance.ir.passes.tree import is_expression

_SCOPES = frozenset({Kind.FUNC, Kind.LAMBDA, Kind.CLASS})
"""a read in a closure or a nested definition may run any number of times"""


def fold_temporaries(scopes: ModuleScopes) -> None:
    """A local bound once and read once, in the very next statement, is that statement's
    expression: `u = unescape(t); tokens.append(u)` is `tokens.append(unescape(t))` and
    `x = f(); return x` is `return f()`. Ports add and drop such temporaries freely (for
    Rust's borrows, Go's error results, a line that reads better), so they carry no choice.
    A read inside a nested block, loop body or closure is not folded: it may run another
    number of times. Names are counted over each outermost function, closures included."""
    for scope in scopes.functions:
        counts, blocks = scope.counts, scope.blocks
        folded = False
        for block in blocks:
            folded |= _fold_temporaries(block, counts)
        if not folded:
            continue
        # `u = f(t)?; out.append(u)` in a loop now builds a list, a comprehension that is a
        # temporary itself (`out := ..; return g(out)`)
        built = [name for block in blocks for name in loops_building_lists(block)]
        for name in built:
            counts[name] -= 1
        if built:
            for block in blocks:
                _fold_temporaries(block, counts)


def _fold_temporaries(block: IRNode, counts: dict[str, int]) -> bool:
    children = block.children
    folded = False
    index = 0
    while index < len(children) - 1:
        statement = children[index]
        name = _temporary(statement, counts)
        use = _single_read(children[index + 1], name) if name else None
        if use is None:
            index += 1
            continue
        holder, position = use
        value = statement.children[1]
        value.role = holder.children[position].role
        holder.children[position] = value
        del children[index]
        folded = True
    return folded


def _temporary(statement: IRNode, counts: dict[str, int]) -> str | None:
    """The name `statement` binds, when it is a plain `name = expression` and the name
    occurs just once more in the function."""
    if statement.kind is not Kind.ASSIGN or statement.op is not None:
        return None
    if len(statement.children) != 2:
        return None
    target, value = statement.children
    if target.kind is not Kind.NAME or target.role != "target":
        return None
    if not is_expression(value) and value.kind is not Kind.PROPAGATE:
        return None
    if value.kind in _SCOPES:
        return None
    return target.text if target.text and counts.get(target.text) == 2 else None


def _single_read(statement: IRNode, name: str) -> tuple[IRNode, int] | None:
    """(holder, position) of the one read of `name` in the statement's own expressions; none
    where the statement writes into it (`token = state.push(..); token.markup = m` configures
    an object, which its port may well do through a name it reuses)."""
    stack = [statement]
    while stack:
        node = stack.pop()
        for position, child in enumerate(node.children):
            written_into = child.role == "target" or (
                node.kind in (Kind.ASSIGN, Kind.AUG_ASSIGN) and position == 0
            )
            if written_into and node is statement and child.kind is not Kind.NAME:
                continue  # `token.markup = ..`, `xs[i] += ..`: a write, not a read
            if child.kind is Kind.NAME and child.text == name:
                written = (
                    child.role == "target"
                    or (node.kind in (Kind.ASSIGN, Kind.AUG_ASSIGN) and position == 0)
                    or (node.kind is Kind.UNOP and node.op in ("INC", "DEC"))
                )
                if written or (node.kind is Kind.MEMBER and position > 0):
                    return None  # written again, or a field of the same name
                if node.kind is Kind.PAIR and position == 0:
                    return None  # a record key of the same name
                return node, position
            if child.kind is not Kind.BLOCK and child.kind not in _SCOPES:
                stack.append(child)
    return None
