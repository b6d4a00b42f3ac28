"""Units: the functions, methods, sizeable lambdas and top-level code that matching compares.

A unit keeps its qualified name (`Class.method`, `outer.inner`), its parent class, parameter
names, span and IR subtree. A file's top-level code is one unit named `<module>` holding the
module's statements other than definitions.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode

MIN_LAMBDA_NODES = 12
MODULE_UNIT = "<module>"


@dataclass(slots=True)
class Unit:
    name: str
    kind: str
    """function, method, lambda or module"""
    parent_class: str | None
    params: list[str]
    node: IRNode
    public: bool = True
    """part of the interface (exported, not marked private), as the grammar's rules say"""

    @property
    def start_row(self) -> int:
        return self.node.start_row

    @property
    def end_row(self) -> int:
        return self.node.end_row


def extract_units(module: IRNode) -> list[Unit]:
    """Every unit of a lowered, rewritten module, in source order."""
    units: list[Unit] = []
    top_level = [
        child for child in module.children if child.kind not in (Kind.FUNC, Kind.CLASS, Kind.IMPORT)
    ]
    if top_level:
        body = IRNode(Kind.MODULE, span=module.span, children=top_level)
        units.append(Unit(MODULE_UNIT, "module", None, [], body))
    stack: list[tuple[IRNode, tuple[str, ...], str | None, int]] = [(module, (), None, 0)]
    lambda_counter: dict[str, int] = {}
    while stack:
        node, scope, current_class, _ = stack.pop()
        for child in reversed(node.children):
            kind = child.kind
            if kind is Kind.CLASS and not child.text and child.op == "object" and current_class:
                # Ruby's `class << self`, Kotlin's `companion object`: the class's own members
                stack.append((child, scope, current_class, 0))
                continue
            if kind is Kind.CLASS:
                name = child.text or "<anonymous class>"
                stack.append((child, (*scope, name), name, 0))
                continue
            if kind is Kind.FUNC:
                name = child.text or "<anonymous>"
                owner = current_class or _receiver_type(child)
                named = _named(scope)
                qualified = ".".join((*named, name)) if named or not owner else f"{owner}.{name}"
                units.append(
                    Unit(qualified, "method" if owner else "function", owner, _params(child), child)
                )
                stack.append(
                    (child, (*scope, name) if not owner or scope else (owner, name), None, 0)
                )
                continue
            if kind is Kind.LAMBDA and child.size() >= MIN_LAMBDA_NODES:
                prefix = ".".join(_named(scope)) or MODULE_UNIT
                lambda_counter[prefix] = lambda_counter.get(prefix, 0) + 1
                name = f"{prefix}.<lambda{lambda_counter[prefix]}>"
                units.append(Unit(name, "lambda", current_class, _params(child), child))
                stack.append((child, (*scope, f"<lambda{lambda_counter[prefix]}>"), None, 0))
                continue
            stack.append((child, scope, current_class, 0))
    units.sort(key=lambda unit: (unit.node.start_byte, unit.kind != "module"))
    return units


def _named(scope: tuple[str, ...]) -> tuple[str, ...]:
    """The scope without anonymous functions: a named function inside an immediately called
    wrapper (a bundler's module function, a JavaScript class compiled to an IIFE) is named as
    if declared where the wrapper stands, `ErrorHandler.tolerate`, not
    `<lambda1>.<lambda7>.<lambda1>.ErrorHandler.tolerate`."""
    return tuple(part for part in scope if not part.startswith("<lambda"))


def _params(function: IRNode) -> list[str]:
    return [
        child.text or "_"
        for child in function.children
        if child.kind is Kind.PARAM and child.role != "receiver"
    ]


def _receiver_type(function: IRNode) -> str | None:
    """Go-style methods declare their type on a receiver parameter."""
    for child in function.children:
        if child.role == "receiver":
            for inner in child.walk():
                if inner.kind is Kind.TYPE and inner.text:
                    return inner.text
                if inner.kind is Kind.NAME and inner is not child and inner.role == "type":
                    return inner.text
    return None
