"""Identifier subwords: `parseHeader`, `parse_header` and `ParseHeader` all give parse, header.

Splits camelCase, PascalCase, snake_case, kebab-case and SCREAMING_CASE, keeps acronyms whole
(`HTTPServer` gives http, server) and keeps digit runs as their own subwords (`utf8` gives utf, 8).
The original text stays on the IR node for reports; subwords are a feature channel.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


@lru_cache(maxsize=65536)
def split_identifier(name: str) -> tuple[str, ...]:
    """Lower-case subwords of an identifier, in order."""
    return tuple(word.lower() for word in _WORDS.findall(name))
