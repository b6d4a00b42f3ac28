"""Passes over multi-way branches: one form for a switch's cases, and a switch for an if-chain
that tests one subject against constants (and an if for a switch with one such case).

Ports move freely between the forms: a JavaScript `switch` becomes a Python `if`/`elif`
chain or a Rust `match`, a two-armed `match` an `if`/`else`.
"""

from __future__ import annotations

from collections.abc import Collection

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.conditions import as_conditional_expression, truth_test
from provenance.ir.passes.tree import same_target, spanned
from provenance.ir.table import CompiledGrammar

_CONSTANTS = frozenset({Kind.LIT_STR, Kind.LIT_INT, Kind.LIT_FLOAT})


def switch_cases(node: IRNode, grammar: CompiledGrammar) -> None:
    """A switch's cases are its direct children (Python's `match` wraps them in a block);
    `default:`, `_ =>`, `case _:` and `else ->` are one default case; C-family fall-through
    labels (`case "a": case "b": ..`) are one case with both values, as Go, Rust and Kotlin
    write it."""
    children: list[IRNode] = []
    for child in node.children:
        if _holds_cases(child):
            children.extend(child.children)
        else:
            children.append(child)
    discarded = grammar.passes.get("discard_names", ())  # Scala's `case _ =>`
    pending: list[IRNode] = []  # values of cases that fall through to the next
    rebuilt: list[IRNode] = []
    for child in children:
        if child.kind is not Kind.CASE:
            rebuilt.append(child)
            continue
        values = [c for c in child.children if c.kind is not Kind.BLOCK]
        for value in values:
            value.role = "value"  # Python's and Swift's patterns carry no role
        if child.op is None and (not values or _is_wildcard(values, discarded)):
            child.op = "default"
            child.children = [c for c in child.children if c.kind is Kind.BLOCK]
            values = []
        if not any(c.kind is Kind.BLOCK for c in child.children) and child.op != "default":
            pending.extend(values)  # an empty label falls through
            continue
        if pending and child.op != "default":
            child.children = [*pending, *child.children]
            pending = []
        rebuilt.append(child)
    node.children = rebuilt


def _holds_cases(node: IRNode) -> bool:
    return (
        node.kind is Kind.BLOCK
        and bool(node.children)
        and all(c.kind is Kind.CASE for c in node.children)
    )


def _is_wildcard(values: list[IRNode], discarded: Collection[str]) -> bool:
    return len(values) == 1 and values[0].kind is Kind.NAME and values[0].text in discarded


def switch_chains(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """`if (x === "a") {..} else if (x === "b" || x === "c") {..} else {..}` is the switch
    on x with cases "a" and "b", "c" and a default; a switch with one such case is the if."""
    if node.kind is Kind.SWITCH:
        if node.child("subject") is None:
            return _tagless(node, grammar)
        return _single_case(node)
    if node.op == "expr":
        return None
    first = _tested_branch(node)
    if first is None:
        return None
    subject = first[0]
    arms: list[tuple[list[IRNode], IRNode]] = [first[1:]]
    rest: list[IRNode] = []
    current = node.child("else")
    while current is not None:
        if current.kind is Kind.SWITCH and current.role == "else":
            inner = current.child("subject")
            if inner is not None and same_target(inner, subject):
                rest = [c for c in current.children if c.kind is Kind.CASE]
                current = None
                break
        branch = _tested_branch(current)
        if branch is None or not same_target(branch[0], subject):
            break
        arms.append(branch[1:])
        current = current.child("else")
    if len(arms) + len(rest) < 2:
        return None
    cases = [_case(values, then) for values, then in arms]
    if current is not None:
        cases.append(_default(current))
    subject.role = "subject"
    return spanned(Kind.SWITCH, node, role=node.role, children=[subject, *cases, *rest])


def _tested_branch(node: IRNode) -> tuple[IRNode, list[IRNode], IRNode] | None:
    """(subject, constants, then-block) of an if testing one subject against constants."""
    if node.kind is not Kind.IF or node.op == "expr":
        return None
    cond, then = node.child("cond"), node.child("then")
    tested = _tested_constants(cond) if cond is not None else None
    if tested is None or then is None:
        return None
    return tested[0], tested[1], then


def _tagless(switch: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Go's `switch { case c: .. }` and Kotlin's `when { c -> .. }` test conditions in turn:
    the if/else-if chain on them (which, testing one subject against constants, is a switch
    again)."""
    cases = [c for c in switch.children if c.kind is Kind.CASE]
    if len(cases) != len(switch.children) or not cases or cases[0].op == "default":
        return None
    chain: IRNode | None = None
    for case in reversed(cases):
        bodies = [c for c in case.children if c.kind is Kind.BLOCK]
        tests = [c for c in case.children if c.kind is not Kind.BLOCK]
        if len(bodies) != 1 or (case.op == "default") != (not tests):
            return None
        body = bodies[0]
        if case.op == "default":
            if chain is not None:
                return None  # a default that is not last
            body.role = "else"
            chain = body
            continue
        test = tests[0]
        for more in tests[1:]:
            test = spanned(Kind.BINOP, test, op="OR", children=[test, more])
        test = truth_test(test)  # `x == null` as the if-chain reads it
        test.role, body.role = "cond", "then"
        children = [test, body] if chain is None else [test, body, chain]
        chain = spanned(Kind.IF, case, role="else", children=children)
    if chain is None or chain.kind is not Kind.IF:
        return None
    chain.role = switch.role
    return switch_chains(chain, grammar) or chain


def _single_case(switch: IRNode) -> IRNode | None:
    subject = switch.child("subject")
    cases = [c for c in switch.children if c.kind is Kind.CASE]
    valued = [c for c in cases if c.op != "default"]
    defaults = [c for c in cases if c.op == "default"]
    if subject is None or len(valued) != 1 or len(cases) != len(valued) + len(defaults):
        return None
    values = valued[0].with_role("value")
    bodies = [c for c in valued[0].children if c.kind is Kind.BLOCK]
    if not values or len(bodies) != 1 or not all(_is_constant(v) for v in values):
        return None
    tests = [
        spanned(Kind.BINOP, value, op="EQ", children=[subject.copy(), value]) for value in values
    ]
    test = tests[0]
    for more in tests[1:]:
        test = spanned(Kind.BINOP, test, op="OR", children=[test, more])
    for part in (*values, subject):
        part.role = None
    test.role = "cond"
    children = [test, bodies[0]]
    bodies[0].role = "then"
    if defaults:
        others = [c for c in defaults[0].children if c.kind is Kind.BLOCK]
        if len(others) != 1:
            return None
        others[0].role = "else"
        children.append(others[0])
    branch = spanned(Kind.IF, switch, role=switch.role, children=children)
    as_conditional_expression(branch)  # `x = when (op) { "a" -> 1 else -> 2 }` is `?:`
    return branch


def _tested_constants(test: IRNode) -> tuple[IRNode, list[IRNode]] | None:
    """(subject, constants) for `x == a` or `x == a || x == b ..`, else None."""
    subject: IRNode | None = None
    values: list[IRNode] = []
    pending = [test]  # an `||` chain, walked without recursion (generated code nests deeply)
    while pending:
        current = pending.pop()
        if current.kind is not Kind.BINOP or len(current.children) != 2:
            return None
        if current.op == "OR":
            pending += reversed(current.children)
            continue
        if current.op != "EQ":
            return None
        tested, value = current.children
        if _is_constant(tested) and not _is_constant(value):
            tested, value = value, tested
        if not _is_constant(value) or tested.kind not in (Kind.NAME, Kind.MEMBER, Kind.SELF):
            return None
        if subject is not None and not same_target(subject, tested):
            return None
        subject = subject or tested
        values.append(value)
    return (subject, values) if subject is not None else None


def _is_constant(node: IRNode) -> bool:
    """A literal or a named constant (`MAX`, and `Kind.Plus`, which `named_constants` has
    made the name `Plus`): what a case label can be."""
    if node.kind in _CONSTANTS:
        return True
    return node.kind is Kind.NAME and (node.text or "")[:1].isupper()


def _case(values: list[IRNode], body: IRNode) -> IRNode:
    for value in values:
        value.role = "value"
    body.role = "body"
    return spanned(Kind.CASE, body, role="body", children=[*values, body])


def _default(body: IRNode) -> IRNode:
    if body.kind is not Kind.BLOCK:  # an `else if` on another subject
        body.role = None
        body = spanned(Kind.BLOCK, body, children=[body])
    body.role = "body"
    return spanned(Kind.CASE, body, op="default", role="body", children=[body])
