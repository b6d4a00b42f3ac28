"""Is a unit part of the public interface, or a private detail of its implementation?

The interface layer (public names and signatures) is what a clean-room specification shares
with the original; private helpers are where derivation shows. Each grammar's `[units]` table
says how its code marks visibility: name prefixes (`_helper`), exported-by-case (Go),
keywords on the declaration (`private`, `pub`, `export`, `static`, `local`), and the default
for methods and for free functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from provenance.ir.nodes import IRNode
from provenance.languages import get_language

_WORD = re.compile(rb"[A-Za-z_]+")
_HEADER_LIMIT = 240


@dataclass(frozen=True, slots=True)
class VisibilityRules:
    private_prefixes: tuple[str, ...]
    private_markers: frozenset[bytes]
    public_markers: frozenset[bytes]
    method_default_public: bool
    function_default_public: bool
    exported_by_case: bool
    public_names: tuple[re.Pattern[str], ...]
    """names public whatever their prefix (Python's `__init__`, `__len__`)"""
    receiver_pattern: re.Pattern[bytes] | None
    """where methods name their type outside any class (Go's `func (c *Cache) Get`)"""


@cache
def visibility_rules(language: str) -> VisibilityRules:
    table = get_language(language).table.get("units", {})
    return VisibilityRules(
        private_prefixes=tuple(table.get("private_prefixes", ())),
        private_markers=frozenset(m.encode() for m in table.get("private_markers", ())),
        public_markers=frozenset(m.encode() for m in table.get("public_markers", ())),
        method_default_public=table.get("method_default", "public") == "public",
        function_default_public=table.get("function_default", "public") == "public",
        exported_by_case=bool(table.get("exported_by_case", False)),
        public_names=tuple(re.compile(p) for p in table.get("public_names", ())),
        receiver_pattern=re.compile(table["receiver_pattern"].encode())
        if "receiver_pattern" in table
        else None,
    )


def receiver_type(unit: object, source: bytes, rules: VisibilityRules) -> str | None:
    """The receiver's type of a free function declared as a method (Go), else None."""
    pattern = rules.receiver_pattern
    if (
        pattern is None
        or getattr(unit, "kind", "") != "function"
        or "." in getattr(unit, "name", "")
    ):
        return None
    node = unit.node  # type: ignore[attr-defined]
    match = pattern.match(
        source, node.start_byte, min(node.end_byte, node.start_byte + _HEADER_LIMIT)
    )
    return match.group(1).decode("utf-8", "replace") if match else None


def is_public(name: str, kind: str, node: IRNode, source: bytes, rules: VisibilityRules) -> bool:
    """Decide from the unit's own name and the words of its declaration header."""
    if kind == "module":
        return True
    if kind == "lambda" or ("." in name and not _is_member(name, kind)):
        return False
    short = name.rsplit(".", 1)[-1]
    if any(pattern.fullmatch(short) for pattern in rules.public_names):
        return True
    if any(short.startswith(prefix) for prefix in rules.private_prefixes):
        return False
    if rules.exported_by_case:
        return short[:1].isupper()
    line_start = source.rfind(b"\n", 0, node.start_byte) + 1
    header = source[line_start : min(node.end_byte, node.start_byte + _HEADER_LIMIT)]
    header = header.split(b"{", 1)[0].split(b"(", 1)[0]
    words = set(_WORD.findall(header))
    if words & rules.private_markers:
        return False
    if words & rules.public_markers:
        return True
    return rules.method_default_public if kind == "method" else rules.function_default_public


def _is_member(name: str, kind: str) -> bool:
    """`Class.method` is a member; `outer.inner` (a nested function) is not."""
    return kind == "method" and name.count(".") == 1
