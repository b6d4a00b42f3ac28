"""provenance against peer clone detectors on same-language disguised rewrites of real JavaScript.

Corpus: the `lib/` JavaScript of markdown-it 14.1.0 and commonmark 0.31.0 (`npm pack`). Every
file is disguised by `disguise.py` (identifiers renamed, functions and methods reordered,
layout changed). Each tool then compares the two originals with the two disguised trees:

- true pairs: a file and its own disguised rewrite;
- negatives: a file and the disguised rewrite of another file, either of the same library
  (`same-library`: same authors and style, and markdown-it's three presets are near-copies of
  each other) or of the other library (`cross-library`: independent code).

Per tool: recall of the true pairs at the score threshold where the false-positive rate on
the negatives is 1% and 5% (strictly above the score of the negative at that rank, so ties
with a negative do not count), the AUC, and the time per 1,000 lines of code read (both
trees; peer times are wall time of their process, start-up included). A cross-language run
(markdown-it JS against markdown-it-py) shows what each tool reports across languages.

Peers (installed into the git-ignored `bench/realworld/.cache/peers/`):
- Dolos (`@dodona/dolos-lib`, driven by `peers/dolos_pairs.mjs`): pair similarity;
- jscpd: run on the union of both trees; per file pair, the share of both files' lines inside
  reported clones that join the two (duplicated lines of A + of B over lines of A + B);
- copydetect (its own venv, driven by `peers/copydetect_pairs.py`): share of the rewrite's
  fingerprints found in the original.
provenance: `provenance.compare(original, rewrite, jobs=2)`; a pair scores the rewrite file's
`score` when it names the original file, scaled by that original's share relative to the
first-named one, else 0.

    python bench/realworld/peers.py --install     # fetch peers and corpus (idempotent)
    python bench/realworld/peers.py [--out bench/results/peers.json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CACHE = HERE / ".cache"
PEERS = CACHE / "peers"
NODE = PEERS / "node"
VENV = PEERS / "venv"
CORPUS = CACHE / "corpus"
WORK = CACHE / "work"
RESULTS = REPO / "bench" / "results" / "peers.json"

NPM_PEERS = {"@dodona/dolos-lib": "3.5.1", "jscpd": "4.0.5"}
PYPI_PEERS = {"copydetect": "0.5.0"}
LIBRARIES = {"markdown-it": "14.1.0", "commonmark": "0.31.0"}
PY_PORT = ("markdown-it-py", "3.0.0")
JS_EXTENSIONS = (".js", ".mjs", ".cjs")
OFFLINE_SIGNS = (
    "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ECONNRESET", "network",
    "Network is unreachable", "Temporary failure in name resolution", "Max retries exceeded",
    "No matching distribution", "Could not find a version",
)
TIMEOUT = 900


class SetupError(Exception):
    """Something the benchmark needs is missing or could not be fetched."""


def _run(command: list[str], what: str, registry: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT)
    except FileNotFoundError:
        raise SetupError(f"{what}: `{command[0]}` is not installed") from None
    except subprocess.TimeoutExpired:
        raise SetupError(f"{what}: no answer from the {registry} within {TIMEOUT} s "
                         "(offline?); run --install again when it is reachable") from None
    if done.returncode != 0:
        text = done.stderr + done.stdout
        if any(sign.lower() in text.lower() for sign in OFFLINE_SIGNS):
            raise SetupError(f"{what}: the {registry} is unreachable (offline?); run --install "
                             f"again when it is reachable. Last lines:\n{_tail(text)}")
        raise SetupError(f"{what} failed:\n{_tail(text)}")
    return done.stdout


def _tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- installation -------------------------------------------------------------------------


def _npm_installed(name: str, version: str) -> bool:
    manifest = NODE / "node_modules" / name / "package.json"
    return manifest.is_file() and json.loads(manifest.read_text()).get("version") == version


def install_node_peers() -> None:
    if all(_npm_installed(name, version) for name, version in NPM_PEERS.items()):
        print("npm peers: already installed")
    else:
        NODE.mkdir(parents=True, exist_ok=True)
        specs = [f"{name}@{version}" for name, version in NPM_PEERS.items()]
        print(f"npm peers: installing {' '.join(specs)} into {NODE.relative_to(REPO)}")
        _run(["npm", "install", "--prefix", str(NODE), "--no-audit", "--no-fund", *specs],
             "npm install", "npm registry")
    parsers = NODE / "node_modules" / "@dodona" / "dolos-parsers"
    if not (parsers / "build" / "Release").is_dir():  # native parsers not built (scripts off)
        print("npm peers: building Dolos's tree-sitter parsers")
        _run(["npm", "rebuild", "--prefix", str(NODE), "@dodona/dolos-parsers", "tree-sitter"],
             "npm rebuild", "npm registry")


def install_copydetect() -> None:
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"copydetect: creating {VENV.relative_to(REPO)}")
        _run(["python3", "-m", "venv", str(VENV)], "python3 -m venv", "local machine")
    name, version = next(iter(PYPI_PEERS.items()))
    probe = subprocess.run([str(python), "-c", "import importlib.metadata as m;"
                            f"print(m.version('{name}'))"], capture_output=True, text=True)
    if probe.returncode == 0 and probe.stdout.strip() == version:
        print("copydetect: already installed")
        return
    print(f"copydetect: installing {name}=={version}")
    _run([str(python), "-m", "pip", "install", "--quiet", f"{name}=={version}"],
         "pip install", "Python package index")


def fetch_corpus() -> None:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for name, version in LIBRARIES.items():
        folder = CORPUS / f"{name}-{version}"
        if (folder / "package" / "lib").is_dir():
            print(f"corpus: {name} {version} already unpacked")
            continue
        tarball = CORPUS / f"{name}-{version}.tgz"
        if not tarball.exists():
            print(f"corpus: npm pack {name}@{version}")
            _run(["npm", "pack", f"{name}@{version}"], "npm pack", "npm registry", cwd=CORPUS)
        with tarfile.open(tarball) as archive:
            archive.extractall(folder, filter="data")
    name, version = PY_PORT
    folder = CORPUS / f"{name}-{version}"
    if (folder / "markdown_it").is_dir():
        print(f"corpus: {name} {version} already unpacked")
        return
    wheels = sorted(CORPUS.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    if not wheels:
        print(f"corpus: pip download {name}=={version}")
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
              "-d", str(CORPUS), f"{name}=={version}"], "pip download", "Python package index")
        wheels = sorted(CORPUS.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    with zipfile.ZipFile(wheels[0]) as archive:
        members = [m for m in archive.namelist() if m.startswith("markdown_it/")]
        archive.extractall(folder, members)


def install() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    ignore = CACHE / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")
    install_node_peers()
    install_copydetect()
    fetch_corpus()
    print("install: done")


def check_installed() -> None:
    missing = [f"{n}@{v}" for n, v in NPM_PEERS.items() if not _npm_installed(n, v)]
    if not (VENV / "bin" / "python").exists():
        missing.append("copydetect venv")
    missing += [n for n, v in LIBRARIES.items() if not (CORPUS / f"{n}-{v}/package/lib").is_dir()]
    if not (CORPUS / f"{PY_PORT[0]}-{PY_PORT[1]}" / "markdown_it").is_dir():
        missing.append(PY_PORT[0])
    if missing:
        raise SetupError(f"not installed: {', '.join(missing)}; run with --install first")


# --- the trees ------------------------------------------------------------------------------


def prepare_trees() -> tuple[Path, Path]:
    """original/<library>/... and disguised/<library>/..., rebuilt on every run."""
    sys.path.insert(0, str(HERE))
    from disguise import disguise_tree

    original, disguised = WORK / "original", WORK / "disguised"
    shutil.rmtree(WORK, ignore_errors=True)
    for name, version in LIBRARIES.items():
        source = CORPUS / f"{name}-{version}" / "package" / "lib"
        for file in sorted(source.rglob("*")):
            if file.is_file() and file.suffix in JS_EXTENSIONS:
                target = original / name / file.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
        disguise_tree(original / name, disguised / name, seed=0)
    return original, disguised


def count_loc(root: Path, extensions: tuple[str, ...]) -> int:
    from provenance.parsing import measure, parse_source

    total = 0
    for file in sorted(root.rglob("*")):
        if file.is_file() and file.suffix in extensions:
            language = "python" if file.suffix == ".py" else "javascript"
            relative = file.relative_to(root).as_posix()
            total += measure(parse_source(relative, language, file.read_bytes())).loc
    return total


def files_under(root: Path, extensions: tuple[str, ...]) -> list[str]:
    return sorted(f.relative_to(root).as_posix() for f in root.rglob("*")
                  if f.is_file() and f.suffix in extensions)


# --- the tools ------------------------------------------------------------------------------

Scores = dict[tuple[str, str], float]


def run_provenance(original: Path, rewrite: Path) -> tuple[Scores, float, dict]:
    import provenance

    started = time.perf_counter()
    result = provenance.compare(original, rewrite, jobs=2)
    seconds = time.perf_counter() - started
    scores: Scores = {}
    verdicts: dict[str, int] = {}
    for file in result.files:
        verdicts[file.verdict] = verdicts.get(file.verdict, 0) + 1
        if not file.originals:
            continue
        top = file.originals[0].share or 1.0
        for share in file.originals:
            scores[(share.path, file.path)] = file.score * min(1.0, share.share / top)
    named_first = {file.path: file.originals[0].path for file in result.files if file.originals}
    return scores, seconds, {"verdicts": verdicts, "named_first": named_first,
                             "files_listed": len(result.files)}


def run_dolos(original: Path, rewrite: Path, language: str | None = "javascript"
              ) -> tuple[Scores, float, dict]:
    command = ["node", str(HERE / "peers" / "dolos_pairs.mjs"), "--modules", str(NODE)]
    if language:
        command += ["--language", language]
    started = time.perf_counter()
    out = _run([*command, str(original), str(rewrite)], "Dolos", "local machine")
    seconds = time.perf_counter() - started
    report = json.loads(out)
    scores = {(p["a"], p["b"]): p["similarity"] for p in report["pairs"]}
    return scores, seconds, {"language": report["language"], "warnings": report["warnings"],
                             "files_analysed": report["files"]}


def run_jscpd(original: Path, rewrite: Path, formats: str | None = "javascript:js,mjs,cjs"
              ) -> tuple[Scores, float, dict]:
    """jscpd on the union of both trees (run from their common parent, so names are
    `original/...` and `rewrite/...`)."""
    parent = original.parent
    assert rewrite.parent == parent
    out_dir = parent / "jscpd-report"
    shutil.rmtree(out_dir, ignore_errors=True)
    command = [str(NODE / "node_modules" / ".bin" / "jscpd"), "--silent", "--reporters", "json",
               "--output", str(out_dir)]
    if formats:
        command += ["--format", formats.split(":")[0], "--formats-exts", formats]
    started = time.perf_counter()
    _run([*command, original.name, rewrite.name], "jscpd", "local machine", cwd=parent)
    seconds = time.perf_counter() - started
    report = json.loads((out_dir / "jscpd-report.json").read_text())
    lines: dict[tuple[str, str], list[set[int]]] = {}
    cross_format = 0

    def side(name: str) -> tuple[str, str] | None:
        path = Path(name)
        if path.parts[0] == original.name:
            return "a", Path(*path.parts[1:]).as_posix()
        if path.parts[0] == rewrite.name:
            return "b", Path(*path.parts[1:]).as_posix()
        return None

    for duplicate in report["duplicates"]:
        first, second = duplicate["firstFile"], duplicate["secondFile"]
        left, right = side(first["name"]), side(second["name"])
        if left is None or right is None or left[0] == right[0]:
            continue
        if left[0] == "b":
            left, right, first, second = right, left, second, first
        if Path(left[1]).suffix != Path(right[1]).suffix:
            cross_format += 1
        a_lines, b_lines = lines.setdefault((left[1], right[1]), [set(), set()])
        a_lines.update(range(first["start"], first["end"] + 1))
        b_lines.update(range(second["start"], second["end"] + 1))
    scores: Scores = {}
    for (a, b), (a_lines, b_lines) in lines.items():
        total = _line_count(original / a) + _line_count(rewrite / b)
        scores[(a, b)] = (len(a_lines) + len(b_lines)) / total if total else 0.0
    return scores, seconds, {"clones_reported": len(report["duplicates"]),
                             "clones_across_trees": sum(1 for _ in lines),
                             "cross_extension_clones": cross_format}


def _line_count(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def run_copydetect(original: Path, rewrite: Path, ext: str = "js,mjs,cjs",
                   language: str | None = "javascript") -> tuple[Scores, float, dict]:
    command = [str(VENV / "bin" / "python"), str(HERE / "peers" / "copydetect_pairs.py"),
               str(original), str(rewrite), "--ext", ext]
    if language:
        command += ["--language", language]
    started = time.perf_counter()
    out = _run(command, "copydetect", "local machine")
    seconds = time.perf_counter() - started
    report = json.loads(out)
    scores = {(p["a"], p["b"]): p["test_share"] for p in report["pairs"]}
    return scores, seconds, {"files_analysed": report["files"]}


# --- metrics --------------------------------------------------------------------------------


def recall_at_fpr(positives: list[float], negatives: list[float], fpr: float) -> dict:
    ranked = sorted(negatives, reverse=True)
    allowed = int(fpr * len(ranked))
    threshold = ranked[allowed] if allowed < len(ranked) else float("-inf")
    hits = sum(1 for s in positives if s > threshold)
    false = sum(1 for s in negatives if s > threshold)
    return {"threshold": round(threshold, 4), "recall": round(hits / len(positives), 4),
            "fpr": round(false / len(negatives), 4)}


def auc(positives: list[float], negatives: list[float]) -> float:
    wins = 0.0
    for p in positives:
        for n in negatives:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return round(wins / (len(positives) * len(negatives)), 4)


def evaluate(scores: Scores, files: list[str]) -> dict:
    library = {f: f.split("/", 1)[0] for f in files}
    positives = [scores.get((f, f), 0.0) for f in files]
    same = [scores.get((a, b), 0.0) for a in files for b in files
            if a != b and library[a] == library[b]]
    cross = [scores.get((a, b), 0.0) for a in files for b in files if library[a] != library[b]]
    pools = {"all": same + cross, "same-library": same, "cross-library": cross}
    out: dict = {
        "true_pairs": len(positives),
        "true_pair_score_median": round(sorted(positives)[len(positives) // 2], 4),
        "true_pairs_scored_zero": sum(1 for s in positives if s <= 0),
    }
    for name, negatives in pools.items():
        out[name] = {
            "negatives": len(negatives),
            "auc": auc(positives, negatives),
            "at_fpr_1pct": recall_at_fpr(positives, negatives, 0.01),
            "at_fpr_5pct": recall_at_fpr(positives, negatives, 0.05),
            "negative_score_max": round(max(negatives), 4),
        }
    return out


# --- cross-language -------------------------------------------------------------------------


def _stem_key(path: str) -> str:
    stem = path.rsplit(".", 1)[0]
    return "main" if stem == "index" else stem


def cross_language(loc: int) -> dict:
    """markdown-it (JS) against markdown-it-py (Python): what each tool reports."""
    js, py = WORK / "cross" / "javascript", WORK / "cross" / "python"
    py_root = CORPUS / f"{PY_PORT[0]}-{PY_PORT[1]}" / "markdown_it"
    shutil.copytree(WORK / "original" / "markdown-it", js)
    shutil.copytree(py_root, py, ignore=shutil.ignore_patterns("*.pyc", "__pycache__", "*.typed"))
    js_files = {_stem_key(f): f for f in files_under(js, JS_EXTENSIONS)}
    py_files = {_stem_key(f): f for f in files_under(py, (".py",))}
    counterparts = [(js_files[k], py_files[k]) for k in sorted(js_files.keys() & py_files.keys())]
    loc = count_loc(js, JS_EXTENSIONS) + count_loc(py, (".py",))
    runs: dict[str, Callable[[], tuple[Scores, float, dict]]] = {
        "provenance": lambda: run_provenance(js, py),
        "dolos": lambda: run_dolos(js, py, language=None),
        "jscpd": lambda: run_jscpd(js, py, formats=None),
        "copydetect": lambda: run_copydetect(js, py, ext="js,mjs,py", language=None),
    }
    out: dict = {"original": f"markdown-it {LIBRARIES['markdown-it']} lib/ (JavaScript)",
                 "rewrite": f"{PY_PORT[0]} {PY_PORT[1]} markdown_it/ (Python)",
                 "loc": loc, "counterpart_pairs": len(counterparts), "tools": {}}
    for tool, run in runs.items():
        try:
            scores, seconds, extra = run()
        except SetupError as error:
            out["tools"][tool] = {"error": str(error)}
            continue
        values = [scores.get(pair, 0.0) for pair in counterparts]
        others = [s for (a, b), s in scores.items() if (a, b) not in set(counterparts)]
        entry = {
            "pairs_scored": len(scores),
            "pairs_scored_above_zero": sum(1 for s in scores.values() if s > 0),
            "counterpart_score_mean": round(sum(values) / len(values), 4) if values else 0.0,
            "counterparts_above_zero": sum(1 for s in values if s > 0),
            "non_counterpart_score_mean": round(sum(others) / len(others), 4) if others else 0.0,
            "seconds": round(seconds, 2),
            **{k: v for k, v in extra.items() if k != "named_first"},
        }
        if tool == "provenance":
            named = extra["named_first"]
            entry["counterparts_named_first"] = sum(1 for a, b in counterparts
                                                    if named.get(b) == a)
        out["tools"][tool] = entry
    return out


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", action="store_true",
                        help="install the peers and fetch the corpus (idempotent), then stop")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    try:
        if args.install:
            install()
            return 0
        check_installed()
    except SetupError as error:
        print(f"peers: {error}", file=sys.stderr)
        return 1
    os.environ.setdefault("NODE_OPTIONS", "--no-warnings")
    original, disguised = prepare_trees()
    files = files_under(original, JS_EXTENSIONS)
    assert files == files_under(disguised, JS_EXTENSIONS)
    loc = count_loc(original, JS_EXTENSIONS) + count_loc(disguised, JS_EXTENSIONS)
    tools = {"provenance": run_provenance, "dolos": run_dolos, "jscpd": run_jscpd,
             "copydetect": run_copydetect}
    results: dict = {
        "corpus": {name: f"{version} lib/" for name, version in LIBRARIES.items()},
        "files": len(files),
        "loc_read": loc,
        "disguise": "identifiers renamed per file, top-level functions and class methods "
                    "shuffled (seed 0), comments removed, Allman braces, one-line blocks "
                    "expanded, indentation re-based (bench/realworld/disguise.py)",
        "versions": {**NPM_PEERS, **PYPI_PEERS},
        "tools": {},
    }
    for tool, run in tools.items():
        print(f"running {tool} ...", file=sys.stderr)
        try:
            scores, seconds, extra = run(original, disguised)
        except SetupError as error:
            results["tools"][tool] = {"error": str(error)}
            continue
        entry = evaluate(scores, files)
        entry["seconds"] = round(seconds, 2)
        entry["seconds_per_kloc"] = round(seconds / (loc / 1000), 3)
        if tool == "provenance":
            named = extra.pop("named_first")
            entry["true_original_named_first"] = sum(1 for f in files if named.get(f) == f)
        entry.update(extra)
        results["tools"][tool] = entry
    print("running the cross-language pair ...", file=sys.stderr)
    results["cross_language"] = cross_language(loc)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nwritten to {args.out}")
    return 0


def print_table(results: dict) -> None:
    print(f"{results['files']} true pairs, {results['loc_read']} LOC read per run")
    header = ("tool", "pool", "AUC", "R@1%FPR", "thr", "R@5%FPR", "thr", "s/kLOC")
    rows = [header]
    for tool, entry in results["tools"].items():
        if "error" in entry:
            rows.append((tool, "error", entry["error"][:40], "", "", "", "", ""))
            continue
        for pool in ("all", "same-library", "cross-library"):
            figures = entry[pool]
            rows.append((tool if pool == "all" else "", pool, f"{figures['auc']:.3f}",
                         f"{figures['at_fpr_1pct']['recall']:.3f}",
                         f"{figures['at_fpr_1pct']['threshold']:.3f}",
                         f"{figures['at_fpr_5pct']['recall']:.3f}",
                         f"{figures['at_fpr_5pct']['threshold']:.3f}",
                         f"{entry['seconds_per_kloc']:.3f}" if pool == "all" else ""))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
    cross = results["cross_language"]
    print(f"\ncross-language: {cross['original']} vs {cross['rewrite']} "
          f"({cross['counterpart_pairs']} same-named file pairs)")
    for tool, entry in cross["tools"].items():
        if "error" in entry:
            print(f"  {tool}: error: {entry['error']}")
            continue
        print(f"  {tool}: {entry['pairs_scored_above_zero']} of {entry['pairs_scored']} pairs "
              f"scored > 0; counterparts > 0: {entry['counterparts_above_zero']}, mean "
              f"{entry['counterpart_score_mean']}; other pairs mean "
              f"{entry['non_counterpart_score_mean']}")


if __name__ == "__main__":
    raise SystemExit(main())
