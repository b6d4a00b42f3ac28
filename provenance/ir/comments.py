"""Comments are not structure: they are kept aside as text with their line, for the reports."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tree_sitter import Query, QueryCursor

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.tree import statement_holders
from provenance.languages import get_language, ts_language
from provenance.parsing import ParsedSource

_MARKERS = re.compile(
    r"^(?:///?|//!|/\*+!?|#+|--+(?:\[=*\[)?|<!--|\{-)\s?|\s*(?:\*+/|-->|\]=*\]|-\})$"
)
_LEADING_STAR = re.compile(r"^\s*\*\s?", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Comment:
    row: int
    text: str


@cache
def _comment_query(language: str) -> Query | None:
    types = get_language(language).comment_types
    grammar = ts_language(language)
    known = [name for name in types if grammar.id_for_node_kind(name, True)]
    if not known:
        return None
    return Query(grammar, " ".join(f"({name}) @comment" for name in known))


def strip_comment_markers(raw: str) -> str:
    text = _MARKERS.sub("", raw.strip())
    text = _MARKERS.sub("", text)
    return _LEADING_STAR.sub("", text).strip()


def collect_comments(parsed: ParsedSource) -> list[Comment]:
    query = _comment_query(parsed.language)
    if query is None:
        return []
    data = parsed.source.data
    captures = QueryCursor(query).captures(parsed.tree.root_node)
    nodes = sorted(captures.get("comment", []), key=lambda node: node.start_byte)
    comments = []
    for node in nodes:
        text = strip_comment_markers(
            data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        )
        if text:
            comments.append(Comment(node.start_point.row, text))
    return comments


def docstrings(module: IRNode) -> list[Comment]:
    """Docstrings (DOC nodes, first in a module, class or function body): prose like comments,
    and where a port moves a JSDoc comment when it becomes Python."""
    found = [
        Comment(child.start_row, child.text)
        for holder in statement_holders(module)
        for child in holder.children
        if child.kind is Kind.DOC and child.text
    ]
    return sorted(found, key=lambda comment: comment.row)
