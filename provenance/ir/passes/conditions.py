"""Passes over conditions: null and emptiness tests, truthiness, conditional expressions,
nested ifs joined by `and`, and Rust's `match` on an optional value as an if/else."""

from __future__ import annotations

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.tree import (
    case_value,
    is_expression,
    is_length_of,
    is_zero,
    negated,
    same_target,
    spanned,
)
from provenance.ir.table import CompiledGrammar


def null_comparisons(node: IRNode, grammar: CompiledGrammar) -> None:
    """`x is None` is `x == null` and `a is b` is `a == b`; the null or boolean side goes to
    the right."""
    if len(node.children) != 2 or node.op not in ("IS", "IS_NOT", "EQ", "NE"):
        return
    left, right = node.children
    constant = (Kind.LIT_NULL, Kind.LIT_BOOL)
    if left.kind in constant and right.kind not in constant:
        node.children = [right, left]
        left, right = right, left
    if node.op in ("IS", "IS_NOT"):  # identity is how `===` reads in Python and Swift
        node.op = "EQ" if node.op == "IS" else "NE"


def _joins(node: IRNode) -> bool:
    return node.kind is Kind.BINOP and node.op in ("AND", "OR") and len(node.children) == 2


def truth_test(node: IRNode) -> IRNode:
    """`x != null`, `x is not None`, `len(x) > 0`, `s != ""` as a condition are the truthiness
    of x; `x == null`, `len(x) == 0`, `s == ""` are its negation (languages and authors differ
    only in style)."""
    if _joins(node):
        spine: list[IRNode] = []  # `a || b || c ..` nests to the left: walk it, not recurse
        current = node
        while _joins(current):
            spine.append(current)
            current = current.children[0]
        tested = truth_test(current)
        for joined in reversed(spine):
            joined.children = [tested, truth_test(joined.children[1])]
            tested = joined
        return tested
    if node.kind is Kind.BINOP and len(node.children) == 2:
        left, right = node.children
        length_check = (
            left.kind is Kind.CALL
            and left.op == "len"
            and len(left.children) == 1
            and is_zero(right)
        )
        empty_check = length_check or (right.kind is Kind.LIT_STR and right.text == "")
        subject = left.children[0] if length_check else left
        if right.kind is Kind.LIT_NULL or empty_check:
            if node.op == "NE" or (length_check and node.op == "GT"):
                subject.role = node.role
                return subject
            if node.op == "EQ":
                subject.role = None
                return spanned(Kind.UNOP, node, op="NOT", role=node.role, children=[subject])
    if node.kind is Kind.CALL and node.op == "is_not_empty" and len(node.children) == 1:
        subject = node.children[0]
        subject.role = node.role
        return subject
    if node.kind is Kind.CALL and node.op == "is_empty" and len(node.children) == 1:
        subject = node.children[0]
        subject.role = None
        return spanned(Kind.UNOP, node, op="NOT", role=node.role, children=[subject])
    if node.kind is Kind.UNOP and node.op == "NOT" and len(node.children) == 1:
        opposite = negated(truth_test(node.children[0]))  # `!s.empty()`, `!(a < b)`
        opposite.role = node.role
        return opposite
    return node


def as_conditional_expression(node: IRNode) -> bool:
    """Rust's `let x = if c { a } else { b }`: an IF in value position whose branches are
    single expressions is the conditional expression `c ? a : b`."""
    if node.kind is not Kind.IF or node.op == "expr" or node.role != "value":
        return False
    branches = [c for c in node.children if c.kind is Kind.BLOCK]
    if len(branches) != 2 or len(node.children) != 3:
        return False
    if not all(len(b.children) == 1 and is_expression(b.children[0]) for b in branches):
        return False
    node.op = "expr"
    node.children = [node.children[0], branches[0].children[0], branches[1].children[0]]
    for child in node.children:
        child.role = None
    return True


def _assignment_by_branch(node: IRNode) -> IRNode | None:
    """`if c { x = a } else { x = b }` is `x = c ? a : b`: which of the two an author writes
    is style, and ports switch freely (Python has no `?:`, Go no conditional expression)."""
    if node.kind is not Kind.IF or node.op is not None or len(node.children) != 3:
        return None
    test, then, other = node.children
    if then.kind is not Kind.BLOCK or other.kind is not Kind.BLOCK:
        return None
    if len(then.children) != 1 or len(other.children) != 1:
        return None
    first, second = then.children[0], other.children[0]
    if first.kind is not Kind.ASSIGN or second.kind is not Kind.ASSIGN:
        return None
    if len(first.children) != 2 or len(second.children) != 2:
        return None
    if not same_target(first.children[0], second.children[0]):
        return None
    target, chosen, alternative = first.children[0], first.children[1], second.children[1]
    chosen.role = alternative.role = None
    test = truth_test(test)
    test.role = None
    value = spanned(Kind.IF, node, op="expr", role="value", children=[test, chosen, alternative])
    target.role = "target"
    return spanned(Kind.ASSIGN, node, role=node.role, children=[target, value])


_NEGATED = {"unless": None, "until": "while", "guard": None}


def _guarded_index(test: IRNode, then: IRNode, other: IRNode) -> bool:
    """`xs[i] if i < len(xs) else None`: indexing that reads nothing past the end, what
    `xs[i]` does in JavaScript and `xs.get(i)` in Rust."""
    if other.kind is not Kind.LIT_NULL or then.kind is not Kind.INDEX or len(then.children) != 2:
        return False
    if test.kind is not Kind.BINOP or len(test.children) != 2:
        return False
    left, right = test.children
    if test.op == "GT":
        left, right = right, left
    elif test.op != "LT":
        return False
    container, index = then.children
    return is_length_of(right, container) and same_target(left, index)


def conditions(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """Canonical conditions: `unless`/`until` as negated if/while, truthiness tests (see
    `truth_test`) in if, loop and filter conditions, `x == null ? d : x` as `x ?? d`, and
    value-position if/else as `c ? a : b`."""
    as_conditional_expression(node)
    chosen = _assignment_by_branch(node)
    if chosen is not None:
        return chosen
    if node.op in _NEGATED:  # Ruby's `unless c`, Swift's `guard c else` are `if !c`
        node.op = _NEGATED[node.op]
        for index, child in enumerate(node.children):
            if child.role == "cond":
                node.children[index] = negated(child)
    if node.kind is Kind.IF and node.op == "expr" and len(node.children) == 3:
        test, then, other = node.children
        if _guarded_index(test, then, other):
            then.role = node.role  # `xs[i] if i < len(xs) else None` is JavaScript's `xs[i]`
            return then
        if (
            test.kind is Kind.BINOP
            and len(test.children) == 2
            and test.children[1].kind is Kind.LIT_NULL
        ):
            subject = test.children[0]
            if test.op == "EQ" and same_target(subject, other):
                return spanned(
                    Kind.BINOP, node, op="NULLISH", role=node.role, children=[subject, then]
                )
            if test.op == "NE" and same_target(subject, then):
                return spanned(
                    Kind.BINOP, node, op="NULLISH", role=node.role, children=[subject, other]
                )
    for index, child in enumerate(node.children):
        is_condition = (
            child.role == "cond"
            or (node.kind is Kind.COMP_IF)
            or (node.kind is Kind.IF and index == 0 and child.role is None)
        )
        if is_condition:
            node.children[index] = truth_test(child)
    if node.kind is Kind.IF:
        _merge_nested_if(node)
    return None


def _merge_nested_if(node: IRNode) -> None:
    """`if a { if b {..} }`, with no else on either, is `if a && b {..}`: authors and ports
    nest or join the tests freely."""
    if node.op == "expr" or len(node.children) != 2 or node.children[1].kind is not Kind.BLOCK:
        return
    then = node.children[1]
    if len(then.children) != 1:
        return
    inner = then.children[0]
    if (
        inner.kind is not Kind.IF
        or inner.op == "expr"
        or len(inner.children) != 2
        or inner.children[1].kind is not Kind.BLOCK
    ):
        return
    outer_test, inner_test = node.children[0], inner.children[0]
    role = outer_test.role
    outer_test.role = inner_test.role = None
    both = spanned(Kind.BINOP, outer_test, op="AND", role=role, children=[outer_test, inner_test])
    node.children = [both, inner.children[1]]


def option_matches(node: IRNode, grammar: CompiledGrammar) -> IRNode | None:
    """A statement `match` on an optional value (Rust's `Some(v) => .., None => ..`, the
    `Some` already unwrapped) is the if/else on its presence that languages with null write:
    `if (x !== null) {..} else {..}`."""
    if node.role is not None or len(node.children) != 3:
        return None
    subject, *cases = node.children
    if subject.role != "subject" or any(c.kind is not Kind.CASE for c in cases):
        return None
    absent = [c for c in cases if case_value(c) is Kind.LIT_NULL]
    present = [c for c in cases if c not in absent and _binds_or_defaults(c)]
    if len(absent) != 1 or len(present) != 1:
        return None
    then, other = _case_body(present[0]), _case_body(absent[0])
    if then is None or other is None:
        return None
    subject.role, then.role, other.role = "cond", "then", "else"
    children = [subject, then] if not other.children else [subject, then, other]
    return spanned(Kind.IF, node, role=node.role, children=children)


def _binds_or_defaults(case: IRNode) -> bool:
    values = case.with_role("value")
    return case.op == "default" or (len(values) == 1 and values[0].kind is Kind.NAME)


def _case_body(case: IRNode) -> IRNode | None:
    bodies = [c for c in case.children if c.kind is Kind.BLOCK]
    return bodies[0] if len(bodies) == 1 else None
