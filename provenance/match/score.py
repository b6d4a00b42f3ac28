"""Score a candidate pair of units: order-preserving statement alignment plus side channels.

The structure channel is the evidence that survives laundering and differs between independent
authors: the two units' statement shapes are aligned in order (longest common subsequence, via
rapidfuzz), and each aligned statement counts by how unforced it is (its rarity in the
background). The score is asymmetric, "how much of the rewrite unit does the original
explain". Literals, identifier words and called names are kept as separate channels: they are
shown in reports, but a spec shares them with clean-room code, so they weigh little.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from provenance.match.background import Background
from provenance.match.features import UnitFeatures

FINE_MATCH = 1.0
COARSE_MATCH = 0.5
BOILERPLATE_WEIGHT = 0.2
"""a statement whose rarity weight is below this is boilerplate (`self.x = x`, `return x`): it
counts in a unit's share, and never as evidence"""


@dataclass(slots=True)
class PairScore:
    """One scored (rewrite unit, original unit) pair, with its evidence."""

    rewrite: UnitFeatures
    original: UnitFeatures
    structure: float
    """rarity-weighted share of the rewrite unit's statements aligned in order"""
    aligned: list[tuple[int, int, bool]]
    """(rewrite statement, original statement, shapes identical) in order"""
    longest_run: int
    literals: float = 0.0
    """side channels: set by `measure_side_channels`, for the pairs a report shows"""
    words: float = 0.0
    calls: float = 0.0
    context: float = 0.0
    """support from matched callers and callees (set by the graph pass)"""
    score: float = 0.0

    @property
    def aligned_count(self) -> int:
        return len(self.aligned)


def statement_weights(unit: UnitFeatures, background: Background) -> list[float]:
    return [
        max(background.weight("fine", s.fine), 0.5 * background.weight("coarse", s.coarse))
        for s in unit.statements
    ]


def align(rewrite: UnitFeatures, original: UnitFeatures) -> list[tuple[int, int, bool]]:
    """Order-preserving alignment on coarse statement shapes (LCS), flagging exact shapes."""
    left = [s.coarse for s in rewrite.statements]
    right = [s.coarse for s in original.statements]
    if not left or not right:
        return []
    pairs: list[tuple[int, int, bool]] = []
    for block in LCSseq.opcodes(left, right):
        if block.tag != "equal":
            continue
        for offset in range(block.src_end - block.src_start):
            i, j = block.src_start + offset, block.dest_start + offset
            pairs.append((i, j, rewrite.statements[i].fine == original.statements[j].fine))
    return pairs


def aligned_weight(
    aligned: list[tuple[int, int, bool]], weights: list[float], floor: float = 0.0
) -> float:
    """The weight aligned statements earn (all of it for an identical shape, half for a
    statement of the same kind), counting only statements that weigh at least `floor`."""
    return sum(
        weights[i] * (FINE_MATCH if exact else COARSE_MATCH)
        for i, _, exact in aligned
        if weights[i] >= floor
    )


def _weighted_containment(
    rewrite: Counter[int] | Counter[str], original: Counter[int] | Counter[str], weigh
) -> float:
    total = sum(weigh(key) * count for key, count in rewrite.items())
    if total <= 0:
        return 0.0
    shared = sum(weigh(key) * min(count, original.get(key, 0)) for key, count in rewrite.items())
    return shared / total


def kgram_containment(
    rewrite: UnitFeatures, original: UnitFeatures, background: Background
) -> float:
    """Rarity-weighted share of the rewrite unit's label k-grams that the original has too: a
    tie-break between candidates whose statements align equally, so computed only for ties."""
    weights = {key: background.weight("kgram", key) for key in rewrite.kgrams}
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    shared = weights.keys() & set(original.kgrams)  # k-grams are distinct
    return sum(weights[key] for key in shared) / total


def _cosine(left: Counter[str], right: Counter[str]) -> float:
    if not left or not right:
        return 0.0
    dot = sum(value * right.get(key, 0) for key, value in left.items())
    norm = math.sqrt(sum(v * v for v in left.values())) * math.sqrt(
        sum(v * v for v in right.values())
    )
    return dot / norm if norm else 0.0


def _sequence_similarity(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    if not left or not right:
        return 0.0
    return LCSseq.similarity(list(left), list(right)) / max(len(left), len(right))


def score_pair(
    rewrite: UnitFeatures,
    original: UnitFeatures,
    background: Background,
    rewrite_weights: list[float] | None = None,
) -> PairScore:
    weights = (
        rewrite_weights if rewrite_weights is not None else statement_weights(rewrite, background)
    )
    aligned = align(rewrite, original)
    total = sum(weights)
    structure = aligned_weight(aligned, weights) / total if total > 0 else 0.0
    run = longest = 0
    previous: tuple[int, int] | None = None
    for i, j, _ in aligned:
        run = (
            run + 1 if previous is not None and (i, j) == (previous[0] + 1, previous[1] + 1) else 1
        )
        longest = max(longest, run)
        previous = (i, j)
    return PairScore(
        rewrite=rewrite,
        original=original,
        structure=structure,
        aligned=aligned,
        longest_run=longest,
    )


def measure_side_channels(pair: PairScore, background: Background) -> None:
    """Literals, identifier words and called names of a pair: shown in reports, never used to
    score or choose a counterpart (the units' own names only break exact ties), so only the
    pairs a report shows pay for them."""
    rewrite, original = pair.rewrite, pair.original
    pair.literals = _weighted_containment(
        rewrite.literals, original.literals, lambda k: background.weight("literal", k)
    )
    pair.words = _cosine(rewrite.words, original.words)
    pair.calls = _sequence_similarity(rewrite.calls, original.calls)
