"""One walk of a module that the function-wide passes share: per outermost function, how
often each name occurs, its blocks and its assignments."""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode


@dataclass(slots=True)
class FunctionScope:
    """An outermost function (or lambda) with its closures."""

    node: IRNode
    counts: dict[str, int] = field(default_factory=dict)
    """occurrences of each name, closures included (they capture the names around them)"""
    blocks: list[IRNode] = field(default_factory=list)
    assignments: list[IRNode] = field(default_factory=list)


@dataclass(slots=True)
class ModuleScopes:
    functions: list[FunctionScope]
    top_level_assignments: list[IRNode]
    """assignments outside every function (module and class bodies)"""


def module_scopes(module: IRNode) -> ModuleScopes:
    functions: list[FunctionScope] = []
    top_level: list[IRNode] = []
    outside = [module]
    while outside:
        node = outside.pop()
        for child in node.children:
            if child.kind is Kind.FUNC or child.kind is Kind.LAMBDA:
                functions.append(_function_scope(child))
            else:
                if child.kind is Kind.ASSIGN:
                    top_level.append(child)
                outside.append(child)
    return ModuleScopes(functions, top_level)


def _function_scope(function: IRNode) -> FunctionScope:
    scope = FunctionScope(function)
    counts, blocks, assignments = scope.counts, scope.blocks, scope.assignments
    stack = [function]
    name, block, assign = Kind.NAME, Kind.BLOCK, Kind.ASSIGN
    while stack:
        node = stack.pop()
        kind = node.kind
        if kind is name:
            text = node.text
            if text:
                counts[text] = counts.get(text, 0) + 1
        elif kind is block:
            blocks.append(node)
        elif kind is assign:
            assignments.append(node)
        stack.extend(node.children)
    return scope
