"""Comments carried over: the rewrite's comment text found in the original's comments.

Comments and docstrings are free prose: no behaviour and no specification dictates their
wording, so an independent author words them differently, while a port (by a person or an AI
agent) keeps or translates them sentence by sentence. The measure is the share of a rewrite
file's comment word 4-grams (lower-cased words, taken within one comment) that occur in the
comments of the original files it matches. Licence and copyright comments are left out: a
shared licence header is not derivation. The share is its own channel beside structure;
docs/scoring.md (section 8) says how it enters the verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from provenance.match.features import stable_hash

GRAM = 4
"""words per sequence: long enough that common phrases ("returns the number of") are rare"""

LICENCE = re.compile(r"\b(licen[cs]e|copyright|spdx-license-identifier)\b", re.IGNORECASE)

_WORD = re.compile(r"[^\W\d_]+")


def comment_grams(comments: Iterable[tuple[int, str]]) -> frozenset[int]:
    """Hashed word 4-grams of a file's comments, licence and copyright comments left out."""
    grams: set[int] = set()
    for _, text in comments:
        if LICENCE.search(text):
            continue
        words = [word.lower() for word in _WORD.findall(text)]
        for start in range(len(words) - GRAM + 1):
            grams.add(stable_hash(" ".join(words[start : start + GRAM])))
    return frozenset(grams)


def carried_over(rewrite: frozenset[int], original: frozenset[int]) -> tuple[float, int]:
    """(share of the rewrite's comment 4-grams found in the original's, how many)."""
    if not rewrite:
        return 0.0, 0
    shared = len(rewrite & original)
    return shared / len(rewrite), shared
