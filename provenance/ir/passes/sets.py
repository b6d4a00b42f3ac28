"""Maps used as sets: every value stored is `true`, so the map only records membership."""

from __future__ import annotations

from collections.abc import Iterator

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.scopes import FunctionScope, ModuleScopes
from provenance.ir.passes.tree import is_true, spanned

_FUNCTIONS = (Kind.FUNC, Kind.LAMBDA)


def boolean_sets(module: IRNode, scopes: ModuleScopes) -> None:
    """Go writes a set as `map[string]bool`: `seen := map[string]bool{}`, `seen[k] = true`,
    `if seen[k]`, and a literal `map[string]bool{"a": true}`. Where every value a map gets is
    `true`, it is the set other languages write: `seen = set()`, `seen.add(k)`, `k in seen`,
    `{"a"}`. Module-level maps count in every function that does not bind the name itself;
    a function's own maps count in that function."""
    module_sets = _set_names(scopes.top_level_assignments)
    for scope in scopes.functions:
        names = _set_names(scope.assignments)
        if module_sets:
            names |= module_sets - _bound_names(scope)
        if names:
            _as_sets(scope.node, names)
    if module_sets:
        _as_sets(module, module_sets, enter_functions=False)


def _walk(roots: list[IRNode], enter_functions: bool = True) -> Iterator[IRNode]:
    stack = list(roots)
    while stack:
        node = stack.pop()
        yield node
        for child in node.children:
            if enter_functions or child.kind not in _FUNCTIONS:
                stack.append(child)


def _set_names(assignments: list[IRNode]) -> set[str]:
    """Names given only `true` values: an all-true map literal or `name[k] = true`."""
    found: set[str] = set()
    spoiled: set[str] = set()
    for node in assignments:
        if len(node.children) != 2:
            continue
        target, value = node.children
        if target.kind is Kind.NAME and value.kind is Kind.DICT and _all_true(value):
            found.add(target.text or "")
        elif target.kind is Kind.INDEX and len(target.children) == 2:
            holder = target.children[0]
            if holder.kind is Kind.NAME and holder.text:
                (found if is_true(value) else spoiled).add(holder.text)
    return found - spoiled - {""}


def _all_true(literal: IRNode) -> bool:
    return bool(literal.children) and all(
        pair.kind is Kind.PAIR and len(pair.children) == 2 and is_true(pair.children[1])
        for pair in literal.children
    )


def _bound_names(scope: FunctionScope) -> set[str]:
    names = {c.text for c in scope.node.children if c.kind is Kind.PARAM and c.text}
    for node in scope.assignments:
        if node.children and node.children[0].kind is Kind.NAME:
            names.add(node.children[0].text or "")
    return names


def _as_sets(root: IRNode, names: set[str], enter_functions: bool = True) -> None:
    for node in _walk([root], enter_functions):
        for index, child in enumerate(node.children):
            replaced = _as_set_operation(child, names)
            if replaced is not None:
                replaced.role = child.role
                node.children[index] = replaced


def _as_set_operation(node: IRNode, names: set[str]) -> IRNode | None:
    if node.kind is Kind.ASSIGN and len(node.children) == 2:
        target, value = node.children
        if target.kind is Kind.INDEX and _indexes(target, names):
            holder, key = target.children
            holder.role = key.role = "args"
            return spanned(Kind.CALL, node, op="append", children=[holder, key])  # `s.add(k)`
        if target.kind is Kind.NAME and target.text in names and value.kind is Kind.DICT:
            keys = [pair.children[0] for pair in value.children]
            for key in keys:
                key.role = None
            value = spanned(Kind.SET, value, role="value", children=keys)
            node.children = [target, value]
        return None
    if node.kind is Kind.INDEX and _indexes(node, names):
        holder, key = node.children
        holder.role = key.role = "args"
        return spanned(Kind.CALL, node, op="contains", children=[holder, key])
    return None


def _indexes(node: IRNode, names: set[str]) -> bool:
    return (
        len(node.children) == 2
        and node.children[0].kind is Kind.NAME
        and node.children[0].text in names
    )
