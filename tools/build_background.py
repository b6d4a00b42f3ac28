"""Build the background table shipped in provenance/data/background.npz.

Document frequencies of every feature channel over a corpus of code that is always at hand:
the running interpreter's standard library (one document per file) and the fixture corpus (one
document per task or project, so that a task's nine versions count once), plus any extra
directories given. Then the chance baseline: the structure score of unrelated unit pairs (units
of different fixture cases), by size.

    python tools/build_background.py [--extra DIR ...] [--stdlib-limit N] [--out FILE]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sysconfig
from collections import Counter
from pathlib import Path

from provenance.match.background import (
    DATA_FILE,
    SIZE_BUCKETS,
    Background,
    bucket_of,
    save_background,
)
from provenance.match.extract import Codebase, extract_codebase
from provenance.match.features import UnitFeatures, stable_hash
from provenance.match.score import score_pair

REPO = Path(__file__).resolve().parent.parent
NULL_PAIRS = 40_000
SEED = 20261126


def _document(units: list[UnitFeatures]) -> dict[str, set[int]]:
    features: dict[str, set[int]] = {
        c: set() for c in ("fine", "coarse", "kgram", "literal", "word")
    }
    for unit in units:
        features["fine"].update(s.fine for s in unit.statements)
        features["coarse"].update(s.coarse for s in unit.statements)
        features["kgram"].update(unit.kgrams)
        features["literal"].update(stable_hash(text) for text in unit.literals)
        features["word"].update(stable_hash(word) for word in unit.words)
    return features


def _count(documents: list[dict[str, set[int]]]) -> dict[str, dict[int, int]]:
    counts: dict[str, Counter[int]] = {}
    for document in documents:
        for channel, keys in document.items():
            counts.setdefault(channel, Counter()).update(keys)
    # features seen once carry no information beyond "rare": leave them out to keep the file small
    return {channel: {k: v for k, v in table.items() if v > 1} for channel, table in counts.items()}


def _fixture_cases() -> list[tuple[str, list[UnitFeatures]]]:
    cases = []
    for directory in sorted(
        [*(REPO / "fixtures" / "tasks").iterdir(), *(REPO / "fixtures" / "projects").iterdir()]
    ):
        if directory.is_dir():
            codebase = extract_codebase(directory, jobs=2)
            cases.append((directory.name, codebase.units()))
    return cases


def _null_distribution(
    cases: list[tuple[str, list[UnitFeatures]]], background: Background
) -> tuple[list[float], list[float], int]:
    rng = random.Random(SEED)
    pool = [(name, unit) for name, units in cases for unit in units if unit.statements]
    scores: list[list[float]] = [[] for _ in SIZE_BUCKETS]
    drawn = 0
    while drawn < NULL_PAIRS:
        (case_a, a), (case_b, b) = rng.choice(pool), rng.choice(pool)
        if case_a == case_b:
            continue
        scores[bucket_of(len(a.statements))].append(score_pair(a, b, background).structure)
        drawn += 1
    means, stds = [], []
    for bucket in scores:
        means.append(statistics.fmean(bucket) if bucket else 0.1)
        stds.append(statistics.pstdev(bucket) if len(bucket) > 1 else 0.1)
    return means, stds, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more corpus directories")
    parser.add_argument("--stdlib-limit", type=int, default=None, help="at most N stdlib files")
    parser.add_argument("--out", type=Path, default=DATA_FILE)
    args = parser.parse_args()
    documents: list[dict[str, set[int]]] = []
    roots = [Path(sysconfig.get_paths()["stdlib"]), *args.extra]
    for root in roots:
        codebase: Codebase = extract_codebase(root, jobs=2)
        files = codebase.files[: args.stdlib_limit] if args.stdlib_limit else codebase.files
        documents += [_document(file.units) for file in files]
        print(f"{root.name}: {len(files)} files")
    cases = _fixture_cases()
    documents += [_document(units) for _, units in cases]
    print(f"fixtures: {len(cases)} cases")
    background = Background(documents=len(documents), frequencies=_count(documents))
    background.null_mean, background.null_std, background.null_pairs = _null_distribution(
        cases, background
    )
    save_background(background, args.out)
    sizes = {channel: len(table) for channel, table in background.frequencies.items()}
    print(f"{background.documents} documents; features kept per channel: {sizes}")
    print("null structure score by size bucket:", [round(m, 3) for m in background.null_mean])


if __name__ == "__main__":
    main()
