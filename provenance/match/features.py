"""Per-unit fingerprints: compact, picklable features that survive translation.

Structure is described without names or values: each statement of a unit becomes a *shape*
hash (its IR labels, nested blocks left out, depth-capped), in source order, so that two units
can be aligned statement by statement. Beside it: k-grams of the unit's label sequence,
normalised literals, identifier subwords, and called names.
All hashes are 64-bit xxhash values of text, stable across runs and machines.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field

import xxhash

from provenance.ir.identifiers import split_identifier
from provenance.ir.kinds import LITERAL_KINDS, Kind
from provenance.ir.nodes import IRNode
from provenance.ir.units import Unit

SHAPE_DEPTH = 4
KGRAM = 5
_TRIVIAL_NUMBERS = frozenset({"0", "1", "2", "-1", "10", "100", "1000", "16", "8", "255"})
_MIN_LITERAL = 4
_CONTAINERS = frozenset({Kind.BLOCK})
_NESTED_UNITS = frozenset({Kind.FUNC, Kind.CLASS})


def stable_hash(text: str) -> int:
    return xxhash.xxh3_64_intdigest(text.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement of a unit: its shape hashes and where it is."""

    coarse: int
    fine: int
    start_row: int
    end_row: int
    start_byte: int
    end_byte: int


@dataclass(slots=True)
class UnitFeatures:
    """What retrieval and scoring need of a unit; no trees, so workers return these cheaply."""

    file: str
    name: str
    kind: str
    parent_class: str | None
    params: tuple[str, ...]
    start_row: int
    end_row: int
    start_byte: int
    end_byte: int
    nodes: int
    statements: tuple[Statement, ...]
    kgrams: array[int] = field(default_factory=lambda: array("Q"))
    """distinct label k-gram hashes, sorted (an array: a large codebase holds millions)"""
    literals: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    calls: tuple[str, ...] = ()
    """called names in order: unit-local callees by name, canonical operations as `op:<name>`"""
    public: bool = True
    language: str = ""

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]


def _is_self_field(node: IRNode) -> bool:
    return (
        node.kind is Kind.MEMBER
        and len(node.children) == 2
        and node.children[0].kind is Kind.SELF
        and node.children[1].kind is Kind.NAME
    )


def _shape(node: IRNode, depth: int) -> str:
    """Labels of `node` and its descendants to `depth`, nested blocks and units left out.

    `self.x` reads as a plain name `x`: turning a class into closures (state in captured
    variables instead of fields) is a disguise, not a new design. A PAIR (a record field, a
    keyword argument) reads as its value.
    """
    parts: list[str] = []
    stack: list[tuple[IRNode | None, int]] = [(node, 0)]
    while stack:
        current, level = stack.pop()
        if current is None:
            parts.append(")")
            continue
        if _is_self_field(current):
            parts.append("NAME")
            continue
        if current.kind is Kind.PROPAGATE and len(current.children) == 1:
            stack.append((current.children[0], level))  # `f()?` is `f()` where errors throw
            continue
        if current.kind is Kind.PAIR and current.children:
            # a field or keyword argument is its value: `{kind: k}`, `Token(kind=k)` and the
            # positional `Token(k)` build the same record
            stack.append((current.children[-1], level))
            continue
        parts.append(current.label)
        if level >= depth or not current.children:
            continue
        parts.append("(")
        stack.append((None, 0))
        for child in reversed(current.children):
            if child.kind in _CONTAINERS or child.kind in _NESTED_UNITS:
                continue
            stack.append((child, level + 1))
    return " ".join(parts)


def statements_of(root: IRNode) -> list[IRNode]:
    """The unit's statements in source order: children of blocks (and of a module), each
    followed by the statements of its own nested blocks; nested functions and classes are
    units of their own and are not entered."""
    found: list[IRNode] = []
    stack: list[tuple[IRNode, bool]] = [(root, False)]
    while stack:
        node, is_statement = stack.pop()
        if is_statement:
            found.append(node)
        if node is not root and node.kind in _NESTED_UNITS:
            continue
        in_block = node.kind is Kind.BLOCK or (node is root and node.kind is Kind.MODULE)
        for child in reversed(node.children):
            if child.kind is Kind.DOC:
                continue  # a docstring is documentation, like a comment: never structure
            stack.append((child, in_block and child.kind is not Kind.BLOCK))
    return found


def _label_sequence(root: IRNode) -> list[str]:
    labels: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if _is_self_field(node):
            labels.append("NAME")
            continue
        if node.kind is Kind.DOC:
            continue
        if node.kind not in (Kind.BLOCK, Kind.PROPAGATE):
            labels.append(node.label)
        stack.extend(reversed(node.children))
    return labels


def _kgrams(labels: list[str]) -> array[int]:
    if len(labels) < KGRAM:
        found = {stable_hash(" ".join(labels))} if labels else set()
    else:
        found = {
            stable_hash(" ".join(labels[i : i + KGRAM])) for i in range(len(labels) - KGRAM + 1)
        }
    return array("Q", sorted(found))


def _calls(root: IRNode) -> tuple[str, ...]:
    called: list[str] = []
    for node in root.walk():
        if node.kind is not Kind.CALL:
            continue
        if node.op:
            called.append(f"op:{node.op}")
            continue
        callee = node.children[0] if node.children else None
        if callee is None:
            continue
        if callee.kind is Kind.NAME and callee.text:
            called.append(callee.text)
        elif callee.kind is Kind.MEMBER and len(callee.children) == 2 and callee.children[1].text:
            called.append(callee.children[1].text)
    return tuple(called)


def unit_features(unit: Unit, file: str, language: str = "") -> UnitFeatures:
    root = unit.node
    statements = tuple(
        Statement(
            coarse=stable_hash(_shape(node, 1)),
            fine=stable_hash(_shape(node, SHAPE_DEPTH)),
            start_row=node.start_row,
            end_row=node.end_row,
            start_byte=node.start_byte,
            end_byte=node.end_byte,
        )
        for node in statements_of(root)
    )
    literals: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for node in root.walk():
        if node.kind in LITERAL_KINDS and node.text:
            text = node.text.strip()
            if node.kind in (Kind.LIT_INT, Kind.LIT_FLOAT):
                if text not in _TRIVIAL_NUMBERS:
                    literals[f"#{text}"] += 1
            elif len(text) >= _MIN_LITERAL:
                literals[" ".join(text.casefold().split())] += 1
        elif node.text and node.kind in (Kind.NAME, Kind.FUNC, Kind.PARAM, Kind.CLASS, Kind.FIELD):
            words.update(split_identifier(node.text))
    labels = _label_sequence(root)
    return UnitFeatures(
        file=file,
        name=unit.name,
        kind=unit.kind,
        parent_class=unit.parent_class,
        params=tuple(unit.params),
        start_row=root.start_row,
        end_row=root.end_row,
        start_byte=root.start_byte,
        end_byte=root.end_byte,
        nodes=len(labels),
        statements=statements,
        kgrams=_kgrams(labels),
        literals=literals,
        words=words,
        calls=_calls(root),
        public=unit.public,
        language=language,
    )
