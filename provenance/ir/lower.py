"""The generic lowering engine: one cursor walk turns a syntax tree into IR, driven by tables.

Per language there is no code here, only the compiled tables of `grammars/<language>.toml`. The
walk is iterative (a frame stack mirrors the cursor's depth), dispatches on `kind_id` through
lists, and slices leaf text from the source bytes. Named node types without a rule are spliced
(or become OTHER nodes) and counted, so coverage reports can say what a grammar still misses.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tree_sitter import Node, Tree

from provenance.ir.kinds import Kind
from provenance.ir.literals import normalise_number, normalise_string
from provenance.ir.nodes import IRNode
from provenance.ir.table import (
    ERROR,
    LITERAL,
    MAP,
    NAME,
    SELF,
    SKIP,
    SPLICE,
    STRING,
    TOKEN,
    UNMAPPED,
    CompiledGrammar,
    Rule,
)

_PLACEHOLDER = b"\x00"
_DOLLAR_NAME = re.compile(rb"(?<!\\)\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(slots=True)
class LoweringStats:
    """How the walk handled named nodes: by a rule, or by the generic pass-through."""

    handled: int = 0
    unmapped: Counter[str] = field(default_factory=Counter)

    @property
    def unmapped_total(self) -> int:
        return sum(self.unmapped.values())

    def merge(self, other: LoweringStats) -> None:
        self.handled += other.handled
        self.unmapped.update(other.unmapped)


class _Frame:
    __slots__ = (
        "action",
        "children",
        "flags",
        "holes",
        "kind",
        "node",
        "op",
        "role",
        "rule",
        "unfielded",
    )

    def __init__(self, action: int, node: Node, rule: Rule | None, role: str | None) -> None:
        self.action = action
        self.node = node
        self.rule = rule
        self.role = role
        self.children: list[IRNode] = []
        self.op: str | None = rule.op if rule is not None else None
        self.flags: set[str] | None = None
        self.holes: list[tuple[int, int]] | None = None
        self.kind: Kind | None = None
        self.unfielded = 0


def _span(node: Node) -> tuple[int, int, int, int, int, int]:
    start, end = node.start_point, node.end_point
    return (node.start_byte, node.end_byte, start[0], start[1], end[0], end[1])


def lower_tree(
    tree: Tree, source: bytes, grammar: CompiledGrammar, stats: LoweringStats | None = None
) -> IRNode:
    """Lower a whole syntax tree into a MODULE node (before the rewrite passes)."""
    stats = stats if stats is not None else LoweringStats()
    root = tree.root_node
    module = _Frame(MAP, root, Rule(Kind.MODULE), None)
    stack = [module]
    cursor = tree.walk()
    actions, rules, names = grammar.actions, grammar.rules, grammar.node_names
    as_other = grammar.unmapped_as_other
    name_literals = grammar.name_literals
    self_names = grammar.self_names
    if not cursor.goto_first_child():
        return _close(module, source, grammar)
    while True:
        node = cursor.node
        kind_id = node.kind_id
        parent = stack[-1]
        action = actions[kind_id]
        descend = False
        if parent.action == STRING:
            if kind_id in grammar.interpolations:
                frame = _Frame(SPLICE, node, None, None)
                descend = True
                if parent.holes is None:
                    parent.holes = []
                parent.holes.append((node.start_byte, node.end_byte))
        elif action == TOKEN:
            rule = parent.rule
            depth = len(stack) - 1
            while rule is None and parent.action == SPLICE and depth > 0:
                depth -= 1  # a token of spliced wrappers (Java's switch_label, Swift's `[`)
                parent = stack[depth]
                rule = parent.rule
            if rule is not None:
                if rule.wants_op and parent.op is None:
                    parent.op = rule.tokens.get(kind_id)
                if rule.token_kinds and kind_id in rule.token_kinds:
                    parent.kind = rule.token_kinds[kind_id]
                if rule.flags:
                    flag = rule.flags.get(kind_id)
                    if flag:
                        parent.flags = (parent.flags or set()) | {flag}
        else:
            rule = parent.rule
            role = None
            if rule is not None:
                if rule.roles:
                    role = rule.roles.get(cursor.field_id)
                if role is None and rule.type_roles:
                    role = rule.type_roles.get(kind_id)
                if role is None and rule.positions and not cursor.field_id and action != SKIP:
                    if parent.unfielded < len(rule.positions):
                        role = rule.positions[parent.unfielded] or None
                    parent.unfielded += 1
                if rule.flags and kind_id in rule.flags:
                    parent.flags = (parent.flags or set()) | {rule.flags[kind_id]}
                if rule.wants_op and parent.op is None and kind_id in rule.tokens:
                    parent.op = rule.tokens[kind_id]
                if rule.skip_fields and cursor.field_id in rule.skip_fields:
                    action = SKIP
                elif rule.op_nodes and kind_id in rule.op_nodes:
                    text = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
                    if parent.op is None:
                        parent.op = rule.text_ops.get(text)
                    action = SKIP
            if action == UNMAPPED:
                stats.unmapped[names[kind_id]] += 1
                if as_other:
                    frame = _Frame(MAP, node, Rule(Kind.OTHER, op=names[kind_id]), role)
                else:
                    frame = _Frame(SPLICE, node, None, role)
                descend = True
            else:
                stats.handled += 1
                if action == MAP:
                    rule = rules[kind_id]
                    frame = _Frame(SPLICE if rule.splice else MAP, node, rule, role)
                    descend = True
                elif action == SPLICE:
                    frame = _Frame(SPLICE, node, None, role)
                    descend = True
                elif action == NAME:
                    text = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
                    literal = name_literals.get(text) if name_literals else None
                    if text in self_names:
                        parent.children.append(IRNode(Kind.SELF, None, text, role, _span(node)))
                    elif literal is None:
                        parent.children.append(IRNode(Kind.NAME, None, text, role, _span(node)))
                    else:
                        value = text.lower() if literal is Kind.LIT_BOOL else None
                        parent.children.append(IRNode(literal, None, value, role, _span(node)))
                elif action == LITERAL:
                    parent.children.append(_literal(node, source, grammar, role))
                elif action == STRING:
                    frame = _Frame(STRING, node, None, role)
                    descend = True
                elif action == SELF:
                    parent.children.append(IRNode(Kind.SELF, None, None, role, _span(node)))
                elif action == ERROR:
                    frame = _Frame(MAP, node, Rule(Kind.ERROR), role)
                    descend = True
                # SKIP: nothing is produced and nothing below is visited.
        if descend:
            if cursor.goto_first_child():
                stack.append(frame)
                continue
            _attach(stack[-1], _close(frame, source, grammar))
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent() or len(stack) == 1:
                return _close(module, source, grammar)
            done = stack.pop()
            _attach(stack[-1], _close(done, source, grammar))


def _attach(parent: _Frame, produced: IRNode | list[IRNode] | None) -> None:
    if produced is None:
        return
    if isinstance(produced, list):
        parent.children.extend(produced)
    else:
        parent.children.append(produced)


def _close(frame: _Frame, source: bytes, grammar: CompiledGrammar) -> IRNode | list[IRNode] | None:
    """Finish a frame: a node for MAP and STRING frames, the children for SPLICE frames."""
    if frame.action == SPLICE:
        if frame.role:
            for child in frame.children:
                if child.role is None:
                    child.role = frame.role
        return frame.children
    node = frame.node
    if frame.action == STRING:
        if grammar.dollar_names:
            _dollar_names(frame, source)
        return _string(frame, source)
    rule = frame.rule
    assert rule is not None
    if rule.reorder is not None and len(frame.children) == len(rule.reorder):
        frame.children = [frame.children[index] for index in rule.reorder]
    if rule.groups:
        _group_children(frame, rule)
    ir = IRNode(
        frame.kind or rule.kind,
        frame.op,
        None,
        frame.role,
        _span(node),
        frame.children,
        frozenset(frame.flags) if frame.flags else None,
    )
    _hoist_name(ir)
    return ir


def _group_children(frame: _Frame, rule: Rule) -> None:
    """Wrap children with the member roles in a new node (a callee MEMBER built from the
    object and method fields of grammars that keep them flat in the call)."""
    for role, kind, members in rule.groups:
        grouped = [child for child in frame.children if child.role in members]
        if not grouped:
            continue
        if len(grouped) == 1:  # nothing to group: the lone member takes the group's role
            grouped[0].role = role
            continue
        first, last = grouped[0], grouped[-1]
        span = (
            first.start_byte,
            last.end_byte,
            first.start_row,
            first.start_col,
            last.end_row,
            last.end_col,
        )
        wrapper = IRNode(kind, None, None, role, span, grouped)
        position = frame.children.index(first)
        frame.children = [child for child in frame.children if child.role not in members]
        frame.children.insert(position, wrapper)


def _dotted_name(node: IRNode) -> str | None:
    """`M.f` for a MEMBER name such as Lua's `function M.f()`; None if not a plain path."""
    parts: list[str] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if current.kind is Kind.NAME and current.text:
            parts.append(current.text)
        elif current.kind is Kind.MEMBER:
            stack.extend(reversed(current.children))
        else:
            return None
    return ".".join(parts) or None


def _hoist_name(ir: IRNode) -> None:
    """A definition's own name becomes its text, not a child: renaming leaves structure alone."""
    if ir.kind not in (Kind.FUNC, Kind.CLASS, Kind.PARAM, Kind.FIELD, Kind.LAMBDA):
        return
    for index, child in enumerate(ir.children):
        if child.role != "name":
            continue
        if child.kind in (Kind.NAME, Kind.SELF):
            ir.text = child.text
            del ir.children[index]
        elif child.kind is Kind.MEMBER:
            dotted = _dotted_name(child)
            if dotted is not None:
                ir.text = dotted
                del ir.children[index]
        return


def _literal(node: Node, source: bytes, grammar: CompiledGrammar, role: str | None) -> IRNode:
    raw = source[node.start_byte : node.end_byte].decode("utf-8", "replace")
    kind = grammar.literal_kinds[node.kind_id]
    if kind is None:  # a number: integer or float by value
        kind, text = normalise_number(raw)
        return IRNode(kind, None, text, role, _span(node))
    if kind is Kind.LIT_BOOL:
        return IRNode(kind, None, raw.lower(), role, _span(node))
    if kind is Kind.LIT_NULL:
        return IRNode(kind, None, None, role, _span(node))
    if kind in (Kind.LIT_STR, Kind.STR_TEMPLATE):
        return IRNode(kind, None, normalise_string(raw), role, _span(node))
    return IRNode(kind, None, raw, role, _span(node))


def _dollar_names(frame: _Frame, source: bytes) -> None:
    """`$name` outside the string's `${..}` holes is a hole holding NAME `name`."""
    node = frame.node
    holes = frame.holes or []
    found = [
        match
        for match in _DOLLAR_NAME.finditer(source, node.start_byte, node.end_byte)
        if not any(start <= match.start() < end for start, end in holes)
    ]
    if not found:
        return
    row, column = node.start_point
    line_start = node.start_byte - column
    for match in found:
        start, end = match.span()
        at_row = row + source.count(b"\n", node.start_byte, start)
        at_line = source.rfind(b"\n", line_start, start) + 1 if at_row != row else line_start
        span = (start, end, at_row, start - at_line, at_row, end - at_line)
        name = match.group(1).decode("utf-8", "replace")
        frame.children.append(IRNode(Kind.NAME, None, name, None, span))
        holes.append((start, end))
    holes.sort()
    frame.holes = holes
    frame.children.sort(key=lambda child: child.span[0])


def _string(frame: _Frame, source: bytes) -> IRNode:
    node = frame.node
    start, end = node.start_byte, node.end_byte
    if frame.holes:
        pieces: list[bytes] = []
        cursor = start
        for hole_start, hole_end in frame.holes:
            pieces.append(source[cursor:hole_start])
            pieces.append(_PLACEHOLDER)
            cursor = hole_end
        pieces.append(source[cursor:end])
        raw = b"".join(pieces).decode("utf-8", "replace")
        kind = Kind.STR_TEMPLATE
    else:
        raw = source[start:end].decode("utf-8", "replace")
        kind = Kind.LIT_STR
    return IRNode(kind, None, normalise_string(raw), frame.role, _span(node), frame.children)
