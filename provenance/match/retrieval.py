"""Candidate retrieval: which original units are worth scoring against a rewrite unit.

An inverted index over the original's rare features (statement shapes, label k-grams) finds,
for every rewrite unit, the original units that share the most rarity-weighted features, in
time that grows with the number of shared rare features, not with the product of the sizes.
"""

from __future__ import annotations

from collections import defaultdict

from provenance.match.background import Background
from provenance.match.features import UnitFeatures

CANDIDATES_PER_UNIT = 8
MIN_FEATURE_WEIGHT = 0.25
_POSTING_LIMIT = 400
"""a feature in more original units than this says nothing about any of them"""


class CandidateIndex:
    """Inverted index from rare features to the original units that have them."""

    def __init__(self, originals: list[UnitFeatures], background: Background) -> None:
        self.originals = originals
        self.background = background
        self.postings: dict[tuple[str, int], list[int]] = defaultdict(list)
        for position, unit in enumerate(originals):
            for key in self._keys(unit):
                self.postings[key].append(position)
        for key in [k for k, v in self.postings.items() if len(v) > _POSTING_LIMIT]:
            del self.postings[key]

    def _keys(self, unit: UnitFeatures) -> set[tuple[str, int]]:
        keys: set[tuple[str, int]] = set()
        for statement in unit.statements:
            keys.add(("fine", statement.fine))
            keys.add(("coarse", statement.coarse))
        keys.update(("kgram", kgram) for kgram in unit.kgrams)
        return keys

    def candidates(self, unit: UnitFeatures, limit: int = CANDIDATES_PER_UNIT) -> list[int]:
        """Positions of the original units sharing the most weighted rare features."""
        weight = self.background.weight
        votes: dict[int, float] = defaultdict(float)
        for channel, key in self._keys(unit):
            w = weight(channel, key)
            if w < MIN_FEATURE_WEIGHT:
                continue
            for position in self.postings.get((channel, key), ()):
                votes[position] += w
        ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
        return [position for position, _ in ranked[:limit]]
