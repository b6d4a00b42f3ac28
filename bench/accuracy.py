"""Accuracy of `compare` on the fixture corpus, against its ground truth.

For every task and project, the original is compared with each rewrite (one language of one
relation: e.g. `translation/python/`). Reported:
- file level, per relation: recall of `mirrors` for translations and disguised rewrites (the
  file must also name a right original file first), precision of `mirrors` over all rewrites,
  and how many clean-room (independent) files are judged `mirrors` or `partial`;
- unit level: precision and recall of the unit correspondence for derived files;
- the score distributions per relation and how far apart they are (AUC: the probability that a
  derived file scores above an independent one);
- a sweep of the `mirrors` score threshold, to show the trade-off the default sits on.

    python bench/accuracy.py [--out FILE] [--languages python,typescript]
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from provenance.languages import same_language
from provenance.match.background import load_background
from provenance.match.compare import Thresholds, match_codebases
from provenance.match.extract import extract_codebase
from provenance.match.result import FileResult
from provenance.truth import CaseTruth, RewriteTruth, load_corpus

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
RELATIONS = ("translation", "disguised", "independent")


@dataclass(slots=True)
class Judged:
    case: str
    relation: str
    language: str
    path: str
    file: FileResult
    truth: RewriteTruth


def judge_corpus(thresholds: Thresholds, languages: set[str] | None) -> list[Judged]:
    background = load_background()
    judged: list[Judged] = []
    for case in load_corpus(REPO / "fixtures"):
        original = extract_codebase(case.directory / "original", jobs=1)
        groups: dict[Path, list[RewriteTruth]] = defaultdict(list)
        for rewrite in case.rewrites:
            if languages and rewrite.language not in languages:
                continue
            parts = Path(rewrite.path).parts
            groups[case.directory / parts[0] / parts[1]].append(rewrite)
        for directory, truths in sorted(groups.items()):
            codebase = extract_codebase(directory, jobs=1)
            result = match_codebases(
                original, codebase, thresholds=thresholds, background=background
            )
            by_path = {file.path: file for file in result.files}
            prefix = str(directory.relative_to(case.directory))
            for truth in truths:
                file = by_path.get(str(Path(truth.path).relative_to(prefix)))
                if file is not None:
                    judged.append(
                        Judged(case.name, truth.relation, truth.language, truth.path, file, truth)
                    )
    return judged


def _names_right_original(item: Judged, case_dirs: dict[str, CaseTruth]) -> bool:
    if not item.file.originals:
        return False
    top = "original/" + item.file.originals[0].path
    return top in item.truth.derives_from


def summarise(judged: list[Judged]) -> dict[str, object]:
    corpus = {case.name: case for case in load_corpus(REPO / "fixtures")}
    out: dict[str, object] = {}
    for relation in RELATIONS:
        items = [j for j in judged if j.relation == relation]
        scores = sorted(j.file.score for j in items)
        verdicts = defaultdict(int)
        for item in items:
            verdicts[item.file.verdict] += 1
        row: dict[str, object] = {
            "files": len(items),
            "verdicts": dict(verdicts),
            "score_quartiles": [
                round(scores[int(q * (len(scores) - 1))], 3) for q in (0.1, 0.25, 0.5, 0.75, 0.9)
            ]
            if scores
            else [],
        }
        if relation != "independent" and items:
            found = [
                j for j in items if j.file.verdict == "mirrors" and _names_right_original(j, corpus)
            ]
            row["recall_mirrors"] = round(len(found) / len(items), 3)
            row["recall_mirrors_or_partial"] = round(
                sum(1 for j in items if j.file.verdict != "independent") / len(items), 3
            )
        out[relation] = row
    mirrors = [j for j in judged if j.file.verdict == "mirrors"]
    correct = [
        j for j in mirrors if j.relation != "independent" and _names_right_original(j, corpus)
    ]
    out["precision_mirrors"] = round(len(correct) / len(mirrors), 3) if mirrors else None
    derived = [j for j in judged if j.relation != "independent"]
    matched = right = expected = 0
    for item in derived:
        expected += len(item.truth.units)
        for unit in item.file.units:
            if unit.rewrite_unit in item.truth.units:
                matched += 1
                right += item.truth.units[unit.rewrite_unit] == unit.original_unit
    out["units"] = {
        "precision": round(right / matched, 3) if matched else None,
        "recall": round(right / expected, 3) if expected else None,
        "truth_pairs": expected,
    }
    per_language: dict[str, list[float]] = defaultdict(list)
    for item in judged:
        if item.relation == "translation":
            per_language[item.language].append(item.file.score)
    out["translation_median_score_by_language"] = {
        language: round(statistics.median(scores), 3)
        for language, scores in sorted(per_language.items())
    }
    independent = [j.file.score for j in judged if j.relation == "independent"]
    for relation in ("translation", "disguised"):
        scores = [j.file.score for j in judged if j.relation == relation]
        out[f"auc_{relation}_over_independent"] = round(_auc(scores, independent), 3)
    return out


def _auc(positive: list[float], negative: list[float]) -> float:
    if not positive or not negative:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def sweep(judged: list[Judged], thresholds: Thresholds) -> dict[str, list[dict[str, object]]]:
    """Share of files that would be `mirrors` at each score threshold, for rewrites in the
    original's language and for rewrites in another language (they get separate thresholds)."""
    original_language = {
        case.name: case.original_language for case in load_corpus(REPO / "fixtures")
    }
    groups: dict[str, list[dict[str, object]]] = {}
    for label, same in (("same_language", True), ("cross_language", False)):
        selected = [
            j for j in judged if same_language(j.language, original_language[j.case]) == same
        ]
        rows = []
        defaults = {thresholds.mirror_score, thresholds.mirror_score_same_language}
        for cut in sorted({0.35, 0.45, 0.55, 0.65, 0.75, 0.85} | defaults):
            row: dict[str, object] = {"mirror_score": cut}
            for relation in RELATIONS:
                items = [j for j in selected if j.relation == relation]
                hits = sum(
                    1
                    for j in items
                    if j.file.score >= cut and j.file.coverage >= thresholds.mirror_coverage
                )
                row[relation] = f"{hits}/{len(items)}"
            rows.append(row)
        groups[label] = rows
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS / "accuracy.json")
    parser.add_argument("--languages", default="", help="only rewrites in these languages")
    args = parser.parse_args()
    thresholds = Thresholds()
    languages = set(filter(None, args.languages.split(","))) or None
    judged = judge_corpus(thresholds, languages)
    summary = summarise(judged)
    summary["threshold_sweep"] = sweep(judged, thresholds)
    summary["thresholds"] = {
        name: getattr(thresholds, name) for name in Thresholds.__dataclass_fields__
    }
    summary["languages"] = sorted(languages) if languages else "all"
    print(json.dumps(summary, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(
        "median file score: "
        + ", ".join(
            f"{r} {statistics.median([j.file.score for j in judged if j.relation == r] or [0]):.2f}"
            for r in RELATIONS
        )
    )


if __name__ == "__main__":
    main()
