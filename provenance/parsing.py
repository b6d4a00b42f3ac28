"""Parse source files with tree-sitter and measure them: lines of code and syntax-error share.

Syntax errors never stop a run: tree-sitter always returns a tree, and the share of ERROR and
MISSING nodes is recorded so reports can say how much of a file was understood. Walks use one
`TreeCursor` and never recurse, so minified or deeply nested code cannot exhaust the stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tree_sitter import Node, Parser, Tree

from provenance.decoding import DecodedSource, UndecodableError, decode_source
from provenance.languages import get_language, ts_language
from provenance.sources import SourceFile


class SkipFile(Exception):
    """This one file cannot be analysed; the message is the reason shown in the skip list."""


@dataclass(frozen=True, slots=True)
class ParsedSource:
    path: str
    language: str
    source: DecodedSource
    tree: Tree


@dataclass(frozen=True, slots=True)
class FileStats:
    """What the inventory reports for one file."""

    path: str
    language: str
    encoding: str
    size: int
    lines: int
    loc: int
    nodes: int
    error_nodes: int

    @property
    def error_share(self) -> float:
        return self.error_nodes / self.nodes if self.nodes else 0.0


@cache
def _parser(language: str) -> Parser:
    return Parser(ts_language(language))


@cache
def comment_kind_ids(language: str) -> frozenset[int]:
    grammar = ts_language(language)
    ids = set()
    for name in get_language(language).comment_types:
        kind_id = grammar.id_for_node_kind(name, True)
        if kind_id:
            ids.add(kind_id)
    return frozenset(ids)


def parse_source(path: str, language: str, raw: bytes) -> ParsedSource:
    """Decode and parse `raw`; raises SkipFile when the bytes cannot be decoded."""
    try:
        source = decode_source(raw)
    except UndecodableError as error:
        raise SkipFile(f"undecodable: {error}") from None
    return ParsedSource(path, language, source, _parser(language).parse(source.data))


def read_and_parse(root: Path, source_file: SourceFile) -> ParsedSource:
    """Read a discovered file from disk and parse it; raises SkipFile with the reason."""
    try:
        raw = (root / source_file.path).read_bytes()
    except OSError as error:
        raise SkipFile(f"unreadable: {error.strerror}") from None
    if not raw:
        raise SkipFile("empty file")
    return parse_source(source_file.path, source_file.language, raw)


def measure(parsed: ParsedSource) -> FileStats:
    root = parsed.tree.root_node
    data = parsed.source.data
    return FileStats(
        path=parsed.path,
        language=parsed.language,
        encoding=parsed.source.encoding,
        size=len(data),
        lines=data.count(b"\n") + (0 if data.endswith(b"\n") else 1),
        loc=count_code_lines(parsed.tree, comment_kind_ids(parsed.language)),
        nodes=root.descendant_count,
        error_nodes=count_error_nodes(root),
    )


def count_code_lines(tree: Tree, comment_kinds: frozenset[int]) -> int:
    """Lines holding at least one non-comment token.

    A node that fits on one row marks that row without being descended into, so the walk
    visits only nodes that span several rows and their direct children: far fewer than all.
    The root is always descended into, so a file holding one comment line counts zero.
    """
    root = tree.root_node
    marked = bytearray(root.end_point.row + 2)
    cursor = tree.walk()
    if not cursor.goto_first_child():
        return 0
    while True:
        node = cursor.node
        descend = False
        if node.kind_id not in comment_kinds and node.end_byte > node.start_byte:
            first, last = node.start_point.row, node.end_point.row
            if first == last:
                marked[first] = 1
            elif node.child_count == 0:
                marked[first : last + 1] = b"\x01" * (last - first + 1)
            else:
                descend = True
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return sum(marked)


def count_error_nodes(root: Node) -> int:
    """ERROR and MISSING nodes, found by descending only into subtrees that contain errors."""
    if not root.has_error:
        return 0
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            count += 1
        stack.extend(child for child in node.children if child.has_error)
    return count
