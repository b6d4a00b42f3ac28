"""Human-readable IR: an indented tree with the source line each node starts on.

Used by `provenance ir`, so users can see why two pieces of code match.
"""

from __future__ import annotations

from provenance.ir.nodes import IRNode

_LABEL_WIDTH = 56


def render_tree(root: IRNode, source: bytes) -> list[str]:
    lines = source.decode("utf-8", "replace").splitlines()
    out: list[str] = []
    shown_rows: set[int] = set()
    stack: list[tuple[IRNode, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        label = "  " * depth + node.label
        if node.text is not None:
            label += f" {_short(node.text)!r}"
        if node.role:
            label += f" ~{node.role}"
        rows = (
            f"L{node.start_row + 1}"
            if node.start_row == node.end_row
            else f"L{node.start_row + 1}-{node.end_row + 1}"
        )
        code = ""
        if node.start_row not in shown_rows and node.start_row < len(lines):
            shown_rows.add(node.start_row)
            code = "  | " + lines[node.start_row].strip()
        out.append(f"{label:<{_LABEL_WIDTH}} {rows:>9}{code}")
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return out


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
