"""Throughput on one core, over a corpus that is always present offline.

Two stages are timed: `parse` (parse + walk: the lines-of-code and error counts of the
inventory) and `lower` (parse + lowering into the IR + rewrite passes + unit extraction).
The corpus is the running interpreter's standard library. Prints files, lines of code,
seconds, lines of code per second and peak memory, and writes them to bench/results/.

    python bench/throughput.py [--stage parse|lower] [--root DIR] [--limit N] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sysconfig
import time
from pathlib import Path

from provenance import __version__
from provenance.ir import lower_parsed
from provenance.parsing import SkipFile, measure, read_and_parse
from provenance.sources import discover

RESULTS = Path(__file__).resolve().parent / "results"


STAGES = {
    "parse": "parse + walk (lines-of-code count, error count), one core",
    "lower": "parse + lower to IR + rewrite passes + units, one core",
}


def run(root: Path, limit: int | None, stage: str = "parse") -> dict[str, object]:
    discovery = discover(root)
    files = discovery.files[:limit] if limit else discovery.files
    started = time.perf_counter()
    loc = parsed = skipped = 0
    for source_file in files:
        try:
            tree = read_and_parse(discovery.root, source_file)
            if stage == "lower":
                lower_parsed(tree)
            loc += measure(tree).loc
            parsed += 1
        except SkipFile:
            skipped += 1
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "benchmark": STAGES[stage],
        "corpus": "python standard library" if root == _stdlib() else str(root),
        "files": parsed,
        "skipped_while_parsing": skipped,
        "loc": loc,
        "seconds": round(seconds, 3),
        "loc_per_second": round(loc / seconds) if seconds else None,
        "peak_memory_mib": round(peak_kib / 1024, 1),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "provenance": __version__,
    }


def _stdlib() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=sorted(STAGES), default="parse")
    parser.add_argument("--root", type=Path, default=_stdlib())
    parser.add_argument("--limit", type=int, default=None, help="at most this many files")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    result = run(args.root, args.limit, args.stage)
    args.out = args.out or RESULTS / f"throughput-{args.stage}.json"
    for key, value in result.items():
        print(f"{key:>22}: {value}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
