"""How alike corresponding functions look after lowering, across languages.

Used by the convergence test and benchmark over `fixtures/convergence/<language>/`: the same
functions, in the same order, written idiomatically in every grammar (functions correspond by
position, since naming conventions differ: `is_palindrome`, `isPalindrome`, `palindrome?`).
Similarity is the normalised Indel similarity of the units' pre-order label sequences.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from rapidfuzz.distance import Indel

from provenance.detect import detect_language
from provenance.ir import lower_source
from provenance.ir.kinds import Kind

SIMILAR_SIZE = 1.5
_CONSTRUCTORS = frozenset({"constructor", "__init__", "init", "new"})


@dataclass(frozen=True, slots=True)
class LoweredFunction:
    language: str
    name: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConvergenceReport:
    functions: int
    languages: int
    corresponding_mean: float
    other_mean: float
    auc: float
    """share of (corresponding, non-corresponding of similar size) comparisons won"""
    worst_language_auc: tuple[str, float]
    per_language_auc: dict[str, float]


def load_functions(root: Path) -> list[LoweredFunction]:
    found: list[LoweredFunction] = []
    for path in sorted(root.glob("*/*")):
        language = detect_language(path.name, path.read_bytes()[:4096])
        if language is None or path.parent.name != language:
            continue
        lowered = lower_source(path.name, language, path.read_bytes())
        names = {unit.name for unit in lowered.units}
        functions = [
            unit
            for unit in lowered.units
            if unit.kind in ("function", "method")
            and unit.name.rpartition(".")[0] not in names  # not nested in another function
            and unit.name.rsplit(".", 1)[-1] not in _CONSTRUCTORS | {unit.parent_class}
        ]
        for position, unit in enumerate(functions):
            labels = tuple(n.label for n in unit.node.walk() if n.kind is not Kind.BLOCK)
            found.append(LoweredFunction(language, f"#{position + 1}", labels))
    return found


def similarity(left: LoweredFunction, right: LoweredFunction) -> float:
    return Indel.normalized_similarity(left.labels, right.labels)


def convergence(functions: list[LoweredFunction]) -> ConvergenceReport:
    by_language: dict[str, list[LoweredFunction]] = {}
    for function in functions:
        by_language.setdefault(function.language, []).append(function)
    wins = comparisons = 0
    per_language: dict[str, list[int]] = {language: [0, 0] for language in by_language}
    corresponding: list[float] = []
    others: list[float] = []
    for a, b in combinations(sorted(by_language), 2):
        right = {f.name: f for f in by_language[b]}
        for left in by_language[a]:
            match = right.get(left.name)
            if match is None:
                continue
            same = similarity(left, match)
            corresponding.append(same)
            for other in by_language[b]:
                if other.name == left.name or not _similar_size(left, other):
                    continue
                different = similarity(left, other)
                others.append(different)
                won = 1 if same > different else 0
                wins += won
                comparisons += 1
                for language in (a, b):
                    per_language[language][0] += won
                    per_language[language][1] += 1
    per_language_auc = {
        language: won / total for language, (won, total) in sorted(per_language.items()) if total
    }
    worst = min(per_language_auc.items(), key=lambda item: item[1], default=("", 1.0))
    return ConvergenceReport(
        functions=len({f.name for f in functions}),
        languages=len(by_language),
        corresponding_mean=sum(corresponding) / len(corresponding) if corresponding else 0.0,
        other_mean=sum(others) / len(others) if others else 0.0,
        auc=wins / comparisons if comparisons else 0.0,
        worst_language_auc=worst,
        per_language_auc=per_language_auc,
    )


def _similar_size(left: LoweredFunction, right: LoweredFunction) -> bool:
    small, large = sorted((len(left.labels), len(right.labels)))
    return small > 0 and large / small <= SIMILAR_SIZE
