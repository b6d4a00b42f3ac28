"""Index and scan at scale: fingerprinting throughput, scan time and memory, query cost.

Codebases are generated from the running interpreter's standard library (as in scale.py):
an original of N lines, and targets made of renamed copies of half its files plus unrelated
files; copies beyond the library's size are renamed again with another salt, so they differ.

Reported:
- fingerprinting throughput (lines of code per second) with the local process pool and with a
  Dask LocalCluster of the same size, side by side;
- scan time and peak memory for targets of growing size against one index, and the time of a
  further target of the same size in the same scan (the original's side is prepared once);
- scan time of one target against indexes of growing size (should stay nearly flat).

    python bench/index_scan.py [--index-sizes 10000 100000] [--target-sizes 100000 1000000]
                               [--jobs N] [--no-dask] [--out FILE]
"""

from __future__ import annotations

import argparse
import builtins
import io
import json
import keyword
import multiprocessing
import platform
import resource
import sys
import tempfile
import time
import tokenize
from pathlib import Path

from provenance import __version__
from provenance.match.background import load_background
from provenance.match.compare import Thresholds, match_codebases
from provenance.match.extract import extract_codebase
from provenance.match.prepare import prepare_original
from provenance.store import build_index, load_index

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import _loc, _stdlib_files  # the benchmark's own helper module

RESULTS = Path(__file__).resolve().parent / "results"
_KEEP = set(keyword.kwlist) | set(dir(builtins)) | {"self", "cls"}


def _rename(text: str, salt: str) -> str | None:
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    out, previous = [], ""
    for token in tokens:
        after_dot = previous == "."
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = token.string
        if token.type == tokenize.NAME and token.string not in _KEEP and not after_dot:
            token = token._replace(string=f"{salt}{token.string}")
        out.append(token)
    try:
        return tokenize.untokenize(out)
    except ValueError:
        return None


def write_tree(directory: Path, size: int, files: list[Path], salt: str, offset: int = 0) -> int:
    """Write about `size` lines of code of (renamed) library files into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    loc = written = 0
    cursor = offset
    rounds = 0
    while loc < size:
        source = files[cursor % len(files)]
        cursor += 1
        if cursor % len(files) == 0:
            rounds += 1
        text = source.read_text(encoding="utf-8", errors="replace")
        renamed = _rename(text, f"{salt}{rounds}_") if salt or rounds else text
        if renamed is None:
            continue
        (directory / f"f{written:06d}.py").write_text(renamed, encoding="utf-8")
        written += 1
        loc += _loc(renamed)
    return loc


def throughput(root: Path, loc: int, jobs: int | None, dask: bool) -> dict[str, object]:
    started = time.perf_counter()
    extract_codebase(root, jobs=jobs)
    local = time.perf_counter() - started
    row: dict[str, object] = {"loc": loc, "local_pool_loc_per_s": round(loc / local)}
    if dask:
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=jobs or 2, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as cluster:
            started = time.perf_counter()
            extract_codebase(root, scheduler=cluster.scheduler_address)
            remote = time.perf_counter() - started
        row["dask_local_cluster_loc_per_s"] = round(loc / remote)
    return row


def _scan_in_child(index: Path, target: Path, jobs: int | None, sink: object) -> None:
    """What `scan` does for its first target (load the index, prepare the original's side,
    extract and match the target), then the match of one more target of the same size
    against the prepared original, as a scan of several targets does."""
    started = time.perf_counter()
    original, _ = load_index(index)
    prepared = prepare_original(original, None, load_background(), Thresholds().base_score)
    codebase = extract_codebase(target, jobs=jobs)
    result = match_codebases(original, codebase, prepared=prepared)
    first = time.perf_counter() - started
    started = time.perf_counter()
    match_codebases(original, extract_codebase(target, jobs=jobs), prepared=prepared)
    next_target = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sink.send((first, next_target, len(result.by_verdict("mirrors")), max(peak, workers)))  # type: ignore[attr-defined]


def scan_time(
    index: Path, target: Path, jobs: int | None = None
) -> tuple[float, float, int, float]:
    """(seconds, seconds for a further target, files mirrored, peak MiB) of one scan, run in
    a fresh process so that its memory is its own (spawned, not forked: a forked child's peak
    would count this process's earlier stages, the 1M-line fingerprinting run among them)."""
    receive, send = multiprocessing.Pipe(duplex=False)
    child = multiprocessing.get_context("spawn").Process(
        target=_scan_in_child, args=(index, target, jobs, send)
    )
    child.start()
    seconds, next_target, mirrors, peak = receive.recv()
    child.join()
    return seconds, next_target, mirrors, round(peak / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--target-sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--query-size", type=int, default=50_000)
    parser.add_argument(
        "--scan-index-size", type=int, default=100_000, help="index the targets are scanned against"
    )
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS / "index_scan.json")
    args = parser.parse_args()
    files = _stdlib_files()
    report: dict[str, object] = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "provenance": __version__,
    }
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        indexes: dict[int, tuple[Path, int]] = {}
        for size in sorted(set(args.index_sizes)):
            tree = base / f"original-{size}"
            loc = write_tree(tree, size, files, salt="")
            index = base / f"index-{size}.provdb"
            started = time.perf_counter()
            build_index(tree, index, jobs=args.jobs)
            indexes[size] = (index, loc)
            print(f"index of {loc:,} lines built in {time.perf_counter() - started:.1f}s")
        largest_tree = base / f"original-{max(indexes)}"
        report["fingerprinting"] = throughput(
            largest_tree, indexes[max(indexes)][1], args.jobs, not args.no_dask
        )
        print(report["fingerprinting"])
        scan_size = min(indexes, key=lambda size: abs(size - args.scan_index_size))
        main_index, main_loc = indexes[scan_size]
        scans = []
        for size in args.target_sizes:
            target = base / f"target-{size}"
            loc = write_tree(target, size, files, salt="t", offset=len(files) // 3)
            seconds, next_target, mirrors, peak = scan_time(main_index, target, args.jobs)
            row = {
                "index_loc": main_loc,
                "target_loc": loc,
                "seconds": round(seconds, 1),
                "next_target_seconds": round(next_target, 1),
                "peak_memory_mib": peak,
                "files_mirrored": mirrors,
            }
            scans.append(row)
            print(row)
        report["scans"] = scans
        query = base / "query"
        query_loc = write_tree(query, args.query_size, files, salt="q", offset=len(files) // 5)
        flat = []
        for _size, (index, loc) in sorted(indexes.items()):
            seconds, next_target, _, _ = scan_time(index, query, args.jobs)
            flat.append(
                {
                    "index_loc": loc,
                    "target_loc": query_loc,
                    "seconds": round(seconds, 2),
                    "next_target_seconds": round(next_target, 2),
                }
            )
            print(flat[-1])
        report["query_cost_by_index_size"] = flat
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
