"""The typed result of a comparison: what the JSON report, the terminal table and the Python
API all hold. Plain dataclasses, so callers can inspect, serialise or post-process them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Verdict = Literal["mirrors", "partial", "independent"]


@dataclass(frozen=True, slots=True)
class Span:
    file: str
    start_line: int
    end_line: int


@dataclass(frozen=True, slots=True)
class StatementPair:
    rewrite: Span
    original: Span
    identical_shape: bool


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A rewrite unit, the original unit it follows, and the evidence."""

    rewrite_unit: str
    rewrite: Span
    original_unit: str
    original: Span
    original_public: bool
    original_language: str
    score: float
    structure: float
    context: float
    aligned: int
    rewrite_statements: int
    original_statements: int
    longest_run: int
    chance_mean: float
    z: float
    literals: float
    words: float
    calls: float
    statements: tuple[StatementPair, ...] = ()
    shared_literals: tuple[str, ...] = ()
    """distinctive literals (strings, numbers) both units contain, rarest first"""


@dataclass(frozen=True, slots=True)
class CommentPassage:
    """A rewrite comment that repeats an original comment (four-word sequences in common)."""

    rewrite_line: int
    original_file: str
    original_line: int
    text: str
    """the rewrite's comment (its first 300 characters)"""
    shared: int


@dataclass(frozen=True, slots=True)
class OriginalShare:
    path: str
    share: float
    """share of the rewrite file's matched weight that this original file explains"""


@dataclass(frozen=True, slots=True)
class FileResult:
    """One rewrite file: which original files it mirrors, how much of it, how surely."""

    path: str
    language: str
    loc: int
    verdict: Verdict
    score: float
    coverage: float
    """share of the file's (rarity-weighted) code inside matched units"""
    interface_share: float
    """share of the matched weight on units that are public in the original"""
    evidence: float
    """rarity weight of the aligned statements (about 1 per statement of a rare shape),
    scaled per unit by how tightly they sit in the original unit"""
    chance: float
    """what unrelated code of the same size scores, on average"""
    originals: tuple[OriginalShare, ...]
    units: tuple[UnitMatch, ...]
    unmatched_units: tuple[str, ...]
    comments: float = 0.0
    """share of the file's comment word 4-grams found in the comments of its originals"""
    comment_sequences: int = 0
    """how many of them"""
    comments_elsewhere: float = 0.0
    """the largest share of its comment wording that one original file it is not attributed to
    also holds: how specific the wording is to its originals (high when the original repeats
    its comments across files, or when the prose is common)"""
    comment_passages: tuple[CommentPassage, ...] = ()
    """the rewrite comments that repeat the originals' most, for the reader to check"""
    mirrored_by: tuple[str, ...] = ()
    """the evidence that reached the `mirrors` bars on its own: "structure", "comments", both
    or (for a file that does not mirror) neither"""

    @property
    def by_comments_alone(self) -> bool:
        """`mirrors` because of the comments it carries over, its code below the bars"""
        return self.mirrored_by == ("comments",)


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str
    language: str
    sha256: str
    bytes: int
    loc: int
    error_nodes: int


@dataclass(frozen=True, slots=True)
class SkippedInput:
    side: Literal["original", "rewrite"]
    path: str
    reason: str


@dataclass(slots=True)
class CompareResult:
    original_root: str
    rewrite_root: str
    tool_version: str
    parameters: dict[str, float | int | str | list[str]]
    command: list[str] = field(default_factory=list)
    """the command line that produced the result, when run from the CLI"""
    files: list[FileResult] = field(default_factory=list)
    original_files: list[InputFile] = field(default_factory=list)
    rewrite_files: list[InputFile] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)
    filtered: dict[str, int] = field(default_factory=dict)
    """what was discounted before comparison, with counts"""

    def by_verdict(self, verdict: Verdict) -> list[FileResult]:
        return [file for file in self.files if file.verdict == verdict]

    @property
    def derived_loc_share(self) -> float:
        """Share of the rewrite's lines of code in files judged `mirrors`, by coverage."""
        total = sum(file.loc for file in self.files)
        if not total:
            return 0.0
        derived = sum(file.loc * file.coverage for file in self.files if file.verdict == "mirrors")
        return derived / total
