"""Comments carried over: the rewrite's comment text found in the original's comments.

Comments and docstrings are free prose: no behaviour and no specification dictates their
wording, so an independent author words them differently, while a port (by a person or an AI
agent) keeps or translates them sentence by sentence. The measure is the share of a rewrite
file's comment word 4-grams (lower-cased words, taken within one comment) that occur in the
comments of the original files its code matches and of the one original whose comments hold
most of that wording. Licence and copyright comments are left out: a
shared licence header is not derivation. The share is its own channel beside structure;
docs/scoring.md (section 8) says how it enters the verdict.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from provenance.match.features import stable_hash

GRAM = 4
"""words per sequence: long enough that common phrases ("returns the number of") are rare"""

LICENCE = re.compile(r"\b(licen[cs]e|copyright|spdx-license-identifier)\b", re.IGNORECASE)

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def _grams(text: str) -> frozenset[int]:
    """Hashed word 4-grams of one comment; none for a licence or copyright comment. Cached:
    a rewrite file's comments are read twice, for their owner and for what it holds."""
    if LICENCE.search(text):
        return frozenset()
    words = [word.lower() for word in _WORD.findall(text)]
    return frozenset(
        stable_hash(" ".join(words[i : i + GRAM])) for i in range(len(words) - GRAM + 1)
    )


@dataclass(frozen=True, slots=True)
class CommentHoldings:
    """How much of a rewrite file's comment wording each original file holds."""

    owner: str | None
    held: dict[str, int]
    """original file -> distinct 4-grams of the rewrite file's comments it holds"""
    total: int
    """distinct 4-grams of the rewrite file's comments"""

    def elsewhere(self, named: set[str]) -> float:
        """The largest share of the wording that one original file not in `named` also holds:
        how specific the wording is to the originals named, the comment channel's counterpart
        of the chance baseline (high when the original repeats its comments across files)."""
        most = max((count for path, count in self.held.items() if path not in named), default=0)
        return most / self.total if self.total else 0.0


class CommentIndex:
    """The original's comment 4-grams, per file and per comment: how much of a rewrite file's
    comment wording the originals it matches hold, and which original comment each rewrite
    comment repeats (for the reports' side-by-side passages). Wording that base code (code
    both sides may share, `--base`) also holds is left out of both sides of the measure."""

    def __init__(
        self,
        files: dict[str, list[tuple[int, str]]],
        shared: Iterable[tuple[int, str]] = (),
    ) -> None:
        self._shared: set[int] = set().union(*(_grams(text) for _, text in shared))
        self._rows: dict[str, dict[int, list[int]]] = {}  # per file: 4-gram -> comment rows
        self._files: dict[int, list[str]] = defaultdict(list)  # 4-gram -> files holding it
        for path, comments in files.items():
            rows: dict[int, list[int]] = defaultdict(list)
            for row, text in comments:
                for gram in _grams(text):
                    rows[gram].append(row)
            self._rows[path] = rows
            for gram in rows:
                self._files[gram].append(path)

    @property
    def shared_sequences(self) -> int:
        return len(self._shared)

    def _grams(self, text: str) -> frozenset[int]:
        grams = _grams(text)
        return grams - self._shared if self._shared else grams

    def holdings(self, comments: list[tuple[int, str]]) -> CommentHoldings:
        """Which original files hold these comments' 4-grams. The owner is the file holding the
        most, each 4-gram counting 1/k for the k original files that hold it: where a file's
        commentary came from when none of its code matched, since a port may rewrite a
        function's body and keep the sentences that document it. No owner when no file holds
        more than every other (files generated from one template share their wording, and it
        names none of them)."""
        grams = set().union(*(self._grams(text) for _, text in comments))
        weighted: dict[str, float] = defaultdict(float)
        counts: Counter[str] = Counter()
        for gram in grams:
            files = self._files.get(gram, ())
            for path in files:
                weighted[path] += 1.0 / len(files)
            counts.update(files)
        top = heapq.nlargest(2, weighted.items(), key=lambda item: item[1])
        tied = len(top) == 2 and top[1][1] >= top[0][1] - 1e-9
        owner = top[0][0] if top and not tied else None
        return CommentHoldings(owner, dict(counts), len(grams))

    def carried(
        self, comments: list[tuple[int, str]], files: set[str], limit: int = 5
    ) -> tuple[float, int, list[tuple[int, str, int, str, int]]]:
        """(share of the rewrite comments' 4-grams held by the comments of `files`, how many,
        passages): a passage is (rewrite row, original file, original row, rewrite text,
        shared 4-grams), the rewrite comments that repeat one original comment most first.
        Only the files named are looked at, so the cost follows the rewrite file, not the
        size of the original."""
        indexes = [(path, self._rows[path]) for path in sorted(files) if path in self._rows]
        every: set[int] = set()
        held: set[int] = set()
        found = []
        for row, text in comments:
            grams = self._grams(text)
            every |= grams
            hits: Counter[tuple[str, int]] = Counter()
            for path, rows in indexes:
                for gram in grams:
                    places = rows.get(gram)
                    if places:
                        held.add(gram)
                        hits.update((path, original_row) for original_row in places)
            if hits:
                (path, original_row), shared = hits.most_common(1)[0]
                found.append((row, path, original_row, text, shared))
        found.sort(key=lambda item: (-item[4], item[0]))
        share = len(held) / len(every) if every else 0.0  # `held` is part of `every`
        return share, len(held), found[:limit]
