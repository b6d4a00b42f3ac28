"""`compare` on published packages: ports against their ground truth, independent
implementations of the same behaviour for false alarms.

The cases and pinned versions are in `manifest.toml`; the packages are fetched on demand into
the git-ignored `.cache/` (`fetch.py`). Per case: files and lines of code on each side, wall
time, and

- for a port: file-level precision, recall and F1 of `mirrors` against `truth/CASE.toml`. A
  rewrite file is found when its verdict is `mirrors` and the first original it names is in its
  `derives_from`; a `mirrors` verdict on any other file is a false positive. The same figures
  with `partial` counted as found are reported beside them.
- for independent implementations: the number of rewrite files judged `mirrors` and `partial`
  (every one is a false alarm).

    python bench/realworld/run.py [--quick] [--case NAME ...] [--jobs N] [--out FILE]

`--quick` runs the cases marked `quick = true` (one port, one independent case).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import tomllib
from pathlib import Path

import provenance
from provenance.match.result import CompareResult

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "results"
sys.path.insert(0, str(HERE))

import fetch  # noqa: E402


def load_truth(case: str) -> dict[str, list[str]]:
    with (HERE / "truth" / f"{case}.toml").open("rb") as handle:
        data = tomllib.load(handle)
    return {entry["rewrite"]: list(entry["derives_from"]) for entry in data["file"]}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return 0.0 if precision is not None and recall is not None else None
    return round(2 * precision * recall / (precision + recall), 3)


def score_port(result: CompareResult, truth: dict[str, list[str]], found: set[str]) -> dict:
    """Precision, recall and F1 when the verdicts in `found` count as a claim of derivation."""
    judged = {file.path: file for file in result.files}
    claims = [file for file in result.files if file.verdict in found]
    correct = [
        file for file in claims
        if file.originals and file.originals[0].path in truth.get(file.path, [])
    ]
    derived = [path for path, sources in truth.items() if sources]
    recalled = [
        path for path in derived
        if path in judged and judged[path].verdict in found and judged[path].originals
        and judged[path].originals[0].path in truth[path]
    ]
    precision = _ratio(len(correct), len(claims))
    recall = _ratio(len(recalled), len(derived))
    return {
        "claimed": len(claims),
        "correct": len(correct),
        "derived_files": len(derived),
        "found": len(recalled),
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "false_positives": sorted(
            f"{file.path} -> {file.originals[0].path if file.originals else '?'}"
            for file in claims if file not in correct
        ),
        "missed": sorted(
            f"{path} ({judged[path].verdict} {judged[path].score:.2f})"
            if path in judged else f"{path} (not judged)"
            for path in derived if path not in recalled
        ),
    }


def run_case(case: dict, manifest: dict, jobs: int) -> dict:
    original = fetch.tree(case["original"], manifest)
    rewrite = fetch.tree(case["rewrite"], manifest)
    started = time.perf_counter()
    result = provenance.compare(original, rewrite, jobs=jobs)
    seconds = time.perf_counter() - started
    packages = manifest["package"]

    def side(package_id: str, files: list) -> dict:
        package = packages[package_id]
        return {
            "package": f"{package['registry']}:{package['name']}=={package['version']}",
            "root": package["root"],
            "files": len(files),
            "loc": sum(file.loc for file in files),
        }

    row: dict = {
        "case": case["name"],
        "kind": case["kind"],
        "original": side(case["original"], result.original_files),
        "rewrite": side(case["rewrite"], result.rewrite_files),
        "seconds": round(seconds, 2),
        "verdicts": {
            verdict: len(result.by_verdict(verdict))
            for verdict in ("mirrors", "partial", "independent")
        },
        "skipped": len(result.skipped),
    }
    if case["kind"] == "port":
        truth = load_truth(case["name"])
        judged = {file.path for file in result.files}
        row["truth_files_not_judged"] = sorted(set(truth) - judged)
        row["judged_files_not_in_truth"] = sorted(judged - set(truth))
        row["mirrors"] = score_port(result, truth, {"mirrors"})
        row["mirrors_or_partial"] = score_port(result, truth, {"mirrors", "partial"})
    else:
        row["mirrors"] = sorted(
            f"{file.path} -> {file.originals[0].path if file.originals else '?'} "
            f"({file.score:.2f})"
            for file in result.by_verdict("mirrors")
        )
        row["partial"] = len(result.by_verdict("partial"))
    row["files"] = [
        {
            "path": file.path,
            "verdict": file.verdict,
            "score": round(file.score, 3),
            "coverage": round(file.coverage, 3),
            "originals": [o.path for o in file.originals[:3]],
        }
        for file in sorted(result.files, key=lambda item: item.path)
    ]
    return row


def _print(row: dict) -> None:
    o, r = row["original"], row["rewrite"]
    print(f"{row['case']} ({row['kind']}): original {o['package']} {o['files']} files "
          f"{o['loc']} LOC; rewrite {r['package']} {r['files']} files {r['loc']} LOC; "
          f"{row['seconds']} s")
    v = row["verdicts"]
    print(f"  verdicts: {v['mirrors']} mirrors, {v['partial']} partial, "
          f"{v['independent']} independent")
    if row["kind"] == "port":
        for key, label in (("mirrors", "mirrors"), ("mirrors_or_partial", "mirrors+partial")):
            s = row[key]
            print(f"  {label:16} P {s['precision']}  R {s['recall']}  F1 {s['f1']}  "
                  f"({s['correct']}/{s['claimed']} claims right, "
                  f"{s['found']}/{s['derived_files']} derived files found)")
        for item in row["mirrors"]["false_positives"]:
            print(f"    false positive: {item}")
    else:
        print(f"  false alarms: {len(row['mirrors'])} mirrors, {row['partial']} partial")
        for item in row["mirrors"]:
            print(f"    mirrors: {item}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the cases marked quick")
    parser.add_argument("--case", nargs="*", help="case names (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS / "realworld.json")
    args = parser.parse_args(argv)
    manifest = fetch.load_manifest()
    cases = manifest["case"]
    if args.quick:
        cases = [case for case in cases if case.get("quick")]
    if args.case:
        unknown = set(args.case) - {case["name"] for case in manifest["case"]}
        if unknown:
            parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
        cases = [case for case in cases if case["name"] in args.case]
    rows = []
    for case in cases:
        row = run_case(case, manifest, args.jobs)
        _print(row)
        rows.append(row)
    summary = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "provenance": provenance.__version__,
        "jobs": args.jobs,
        "quick": args.quick,
        "cases": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
