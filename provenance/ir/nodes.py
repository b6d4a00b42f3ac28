"""IR nodes: slotted objects with a kind, one salient attribute, text and a source span.

Identifiers and literal values live in `text`, beside the structure: two trees that differ only
in names or messages have the same kinds, ops and shape. Spans are byte offsets into the UTF-8
buffer the file was parsed from, plus zero-based rows and columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from provenance.ir.kinds import Kind


class IRNode:
    __slots__ = (
        "children",
        "end_byte",
        "end_col",
        "end_row",
        "flags",
        "kind",
        "op",
        "role",
        "start_byte",
        "start_col",
        "start_row",
        "text",
    )

    def __init__(
        self,
        kind: Kind,
        op: str | None = None,
        text: str | None = None,
        role: str | None = None,
        span: tuple[int, int, int, int, int, int] = (0, 0, 0, 0, 0, 0),
        children: list[IRNode] | None = None,
        flags: frozenset[str] | None = None,
    ) -> None:
        self.kind = kind
        self.op = op
        self.text = text
        self.role = role
        (
            self.start_byte,
            self.end_byte,
            self.start_row,
            self.start_col,
            self.end_row,
            self.end_col,
        ) = span
        self.children: list[IRNode] = children if children is not None else []
        self.flags = flags

    @property
    def span(self) -> tuple[int, int, int, int, int, int]:
        return (
            self.start_byte,
            self.end_byte,
            self.start_row,
            self.start_col,
            self.end_row,
            self.end_col,
        )

    @property
    def label(self) -> str:
        """The structural label: kind plus its salient attribute, never names or values."""
        return f"{self.kind.name}[{self.op}]" if self.op else self.kind.name

    def walk(self) -> Iterator[IRNode]:
        """Pre-order traversal without recursion."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def copy(self) -> IRNode:
        """A deep copy of the subtree (for a pass that repeats an operand, as `x == a || x ==
        b` repeats x)."""
        root = IRNode(self.kind, self.op, self.text, self.role, self.span, None, self.flags)
        stack = [(self, root)]
        while stack:
            source, target = stack.pop()
            for child in source.children:
                twin = IRNode(
                    child.kind, child.op, child.text, child.role, child.span, None, child.flags
                )
                target.children.append(twin)
                stack.append((child, twin))
        return root

    def child(self, role: str) -> IRNode | None:
        for child in self.children:
            if child.role == role:
                return child
        return None

    def with_role(self, role: str) -> list[IRNode]:
        return [child for child in self.children if child.role == role]

    def size(self) -> int:
        return sum(1 for _ in self.walk())

    def to_sexpr(self) -> str:
        """A compact, readable form for tests: (IF (BINOP[LT] NAME LIT_INT) (BLOCK RETURN))."""
        parts: list[str] = []
        stack: list[IRNode | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            if not item.children:
                parts.append(item.label)
                continue
            parts.append("(" + item.label)
            stack.append(")")
            stack.extend(reversed(item.children))
        out = " ".join(parts)
        return out.replace("( ", "(").replace(" )", ")")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready nested form (used by `provenance ir --json`)."""
        result: dict[str, Any] = {"kind": self.kind.name}
        if self.op:
            result["op"] = self.op
        if self.text is not None:
            result["text"] = self.text
        if self.role:
            result["role"] = self.role
        if self.flags:
            result["flags"] = sorted(self.flags)
        result["span"] = {
            "start_byte": self.start_byte,
            "end_byte": self.end_byte,
            "start": [self.start_row + 1, self.start_col + 1],
            "end": [self.end_row + 1, self.end_col + 1],
        }
        if self.children:
            result["children"] = [child.to_dict() for child in self.children]
        return result

    def __repr__(self) -> str:
        text = f" {self.text!r}" if self.text is not None else ""
        return f"<{self.label}{text} @{self.start_row + 1}:{self.start_col + 1}>"
