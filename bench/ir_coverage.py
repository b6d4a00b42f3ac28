"""IR mapping coverage per grammar: the share of named syntax nodes a mapping rule handles.

A node counts as handled when a rule of `grammars/<language>.toml` maps, splices, skips or
reads it; the rest go through the generic pass-through and are listed (most frequent first),
so the report shows what each grammar still misses. Corpus: every source file under
`fixtures/`, plus, for Python, the running interpreter's standard library.

    python bench/ir_coverage.py [--no-stdlib] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import sysconfig
from collections import defaultdict
from pathlib import Path

from provenance.ir import lower_parsed
from provenance.ir.lower import LoweringStats
from provenance.parsing import SkipFile, read_and_parse
from provenance.sources import discover

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
GOAL = 0.95


def coverage(root: Path, only: str | None = None) -> dict[str, LoweringStats]:
    discovery = discover(root)
    per_language: dict[str, LoweringStats] = defaultdict(LoweringStats)
    for source_file in discovery.files:
        if only is not None and source_file.language != only:
            continue
        try:
            lowered = lower_parsed(read_and_parse(discovery.root, source_file))
        except SkipFile:
            continue
        per_language[source_file.language].merge(lowered.stats)
    return per_language


def summarise(per_language: dict[str, LoweringStats]) -> dict[str, dict[str, object]]:
    summary = {}
    for language in sorted(per_language):
        stats = per_language[language]
        total = stats.handled + stats.unmapped_total
        summary[language] = {
            "named_nodes": total,
            "handled": stats.handled,
            "coverage": round(stats.handled / total, 4) if total else 1.0,
            "top_unmapped": dict(stats.unmapped.most_common(8)),
        }
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-stdlib", action="store_true", help="skip the Python stdlib corpus")
    parser.add_argument("--out", type=Path, default=RESULTS / "ir_coverage.json")
    args = parser.parse_args()
    result = {"goal": GOAL, "fixtures": summarise(coverage(REPO / "fixtures"))}
    if not args.no_stdlib:
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        result["python_stdlib"] = summarise(coverage(stdlib, only="python"))
    for corpus in ("fixtures", "python_stdlib"):
        if corpus not in result:
            continue
        print(f"\n{corpus}")
        for language, row in result[corpus].items():
            flag = "" if row["coverage"] >= GOAL else "  < goal"
            missing = ", ".join(f"{k} {v}" for k, v in row["top_unmapped"].items())
            share = f"{row['coverage']:7.2%} of {row['named_nodes']:>8,}"
            print(f"  {language:<11} {share}{flag}  {missing}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
