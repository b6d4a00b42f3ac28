"""The original's side of a comparison, built once: its units (base code left out), the
inverted index retrieval reads, its call graph and its comment index.

None of it depends on the rewrite, so `scan` builds it once per index and reuses it for every
target; against a large original it is most of the cost of comparing a small target.
"""

from __future__ import annotations

from dataclasses import dataclass

from provenance.match.background import Background
from provenance.match.comments import CommentIndex
from provenance.match.extract import Codebase
from provenance.match.features import UnitFeatures
from provenance.match.graph import call_graph
from provenance.match.retrieval import CandidateIndex
from provenance.match.score import score_pair, statement_weights


@dataclass(slots=True)
class BaseCode:
    """Code both sides may legitimately share (`--base`): its units and their index."""

    units: list[UnitFeatures]
    index: CandidateIndex
    comments: list[tuple[int, str]]

    def holds(self, unit: UnitFeatures, background: Background, score: float) -> bool:
        """Whether `unit` follows some base unit at least this well (then it is shared
        legitimately and left out)."""
        weights = statement_weights(unit, background)
        return any(
            score_pair(unit, self.units[p], background, weights).structure >= score
            for p in self.index.candidates(unit)
        )


@dataclass(slots=True)
class PreparedOriginal:
    """What matching needs of the original, whatever the rewrite."""

    codebase: Codebase
    base: Codebase | None
    background: Background
    base_score: float
    units: list[UnitFeatures]
    """units with statements, those following base code left out"""
    units_in_base: int
    """original units left out because they follow base code"""
    index: CandidateIndex | None
    """None once released by a comparison that built it for itself (`release_index`)"""
    graph: dict[int, set[int]]
    base_code: BaseCode | None
    _comments: CommentIndex | None = None

    def built_for(self, original: Codebase, base: Codebase | None) -> bool:
        return self.codebase is original and self.base is base

    def comments(self) -> CommentIndex:
        """The comment index, built on first use: a comparison that needs no more retrieval
        can free the candidate index first (`release_index`), so the two never peak together."""
        if self._comments is None:
            self._comments = CommentIndex(
                {file.path: file.comments for file in self.codebase.files},
                shared=self.base_code.comments if self.base_code is not None else (),
            )
        return self._comments

    def candidate_index(self) -> CandidateIndex:
        if self.index is None:
            raise ValueError("the candidate index was released")
        return self.index

    def release_index(self) -> None:
        self.index = None


def prepare_original(
    original: Codebase, base: Codebase | None, background: Background, base_score: float
) -> PreparedOriginal:
    """Units, retrieval index and call graph of `original` (its comment index follows on
    first use); with `base`, the original units that follow base code (structure >=
    `base_score`) are left out, and the base's comment wording is no evidence."""
    units = [unit for unit in original.units() if unit.statements]
    base_code = None
    left_out = 0
    if base is not None:
        base_units = [unit for unit in base.units() if unit.statements]
        base_code = BaseCode(
            base_units,
            CandidateIndex(base_units, background),
            [comment for file in base.files for comment in file.comments],
        )
        kept = [unit for unit in units if not base_code.holds(unit, background, base_score)]
        left_out = len(units) - len(kept)
        units = kept
    return PreparedOriginal(
        codebase=original,
        base=base,
        background=background,
        base_score=base_score,
        units=units,
        units_in_base=left_out,
        index=CandidateIndex(units, background),
        graph=call_graph(units),
        base_code=base_code,
    )
