"""End-to-end `compare` time and peak memory on generated codebases of growing size.

For each size (lines of code), an original is assembled from the running interpreter's standard
library, and a rewrite is made of renamed copies of half of the original's files (every
identifier renamed, comments dropped, via the tokenize module) plus as many unrelated standard
library files. Both trees are written to a temporary directory and compared with all cores.
Doubling the input should cost at most about 2.3 times the time.

    python bench/scale.py [--sizes 10000 50000 100000] [--jobs N] [--out FILE]
"""

from __future__ import annotations

import argparse
import builtins
import io
import itertools
import json
import keyword
import platform
import resource
import sysconfig
import tempfile
import time
import tokenize
from pathlib import Path

from provenance import __version__
from provenance.match.compare import compare_codebases
from provenance.match.result import FileResult

RESULTS = Path(__file__).resolve().parent / "results"
_KEEP = set(keyword.kwlist) | set(dir(builtins)) | {"self", "cls"}
_KNOWN_DERIVATIONS = {"lzma.py": "bz2.py", "imghdr.py": "image.py", "sndhdr.py": "audio.py"}
"""standard-library modules written from another one (`LZMAFile` follows `BZ2File` method by
method; `email/mime/image.py` and `audio.py` say their format tests come "originally from the
imghdr module" and "from the sndhdr module"): never drawn as unrelated files while the other
is among the originals"""


def _stdlib_files() -> list[Path]:
    root = Path(sysconfig.get_paths()["stdlib"])
    skip = ("test", "tests", "idlelib", "lib2to3", "site-packages", "turtledemo", "tkinter")
    return sorted(
        path
        for path in root.rglob("*.py")
        if not any(part in skip for part in path.relative_to(root).parts)
        and 2_000 < path.stat().st_size < 200_000
    )


def _loc(text: str) -> int:
    return sum(
        1 for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def _renamed(text: str) -> str | None:
    """Every identifier renamed except keywords, builtins and attribute names (`x.update`
    stays: renaming a library method would change what the program calls); comments dropped."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    out = []
    previous = ""
    for token in tokens:
        after_dot = previous == "."
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = token.string
        if (
            token.type == tokenize.NAME
            and token.string not in _KEEP
            and not token.string.startswith("__")
            and not after_dot
        ):
            token = token._replace(string="r" + token.string[::-1] + "_")
        elif token.type == tokenize.COMMENT:
            token = token._replace(string="")
        out.append(token)
    try:
        return tokenize.untokenize(out)
    except ValueError:
        return None


def build(size: int, directory: Path, files: list[Path]) -> tuple[int, int]:
    original, rewrite = directory / "original", directory / "rewrite"
    original.mkdir(parents=True)
    rewrite.mkdir(parents=True)
    chosen, loc = [], 0
    cursor = 0
    chosen_names: set[str] = set()
    while loc < size and cursor < len(files):
        text = files[cursor].read_text(encoding="utf-8", errors="replace")
        cursor += 1
        if _renamed(text) is None:
            continue
        chosen.append(text)
        chosen_names.add(files[cursor - 1].name)
        loc += _loc(text)
    rewrite_loc = 0
    for index, text in enumerate(chosen):
        (original / f"m{index:05d}.py").write_text(text, encoding="utf-8")
        if index % 2 == 0:
            renamed = _renamed(text) or ""
            (rewrite / f"r{index:05d}.py").write_text(renamed, encoding="utf-8")
            rewrite_loc += _loc(renamed)
    while rewrite_loc < loc and cursor < len(files):
        text = files[cursor].read_text(encoding="utf-8", errors="replace")
        cursor += 1
        if _KNOWN_DERIVATIONS.get(files[cursor - 1].name) in chosen_names:
            continue  # not unrelated: one was written from the other
        (rewrite / f"u{cursor:05d}.py").write_text(text, encoding="utf-8")
        rewrite_loc += _loc(text)
    return loc, rewrite_loc


def _share_mirrors(files: list[FileResult]) -> str:
    return f"{sum(file.verdict == 'mirrors' for file in files)}/{len(files)}"


def _naming_their_source(files: list[FileResult]) -> str:
    """Of the renamed copies judged `mirrors`, those whose first original is the file they were
    made from (`r00012.py` from `m00012.py`)."""
    mirrors = [file for file in files if file.verdict == "mirrors"]
    right = sum(
        1 for file in mirrors if file.originals and file.originals[0].path == "m" + file.path[1:]
    )
    return f"{right}/{len(mirrors)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--out", type=Path, default=RESULTS / "scale.json")
    args = parser.parse_args()
    files = _stdlib_files()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            original_loc, rewrite_loc = build(size, Path(scratch), files)
            started = time.perf_counter()
            result = compare_codebases(
                Path(scratch) / "original", Path(scratch) / "rewrite", jobs=args.jobs
            )
            seconds = time.perf_counter() - started
        peak = max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        renamed = [f for f in result.files if f.path.startswith("r")]
        unrelated = [f for f in result.files if f.path.startswith("u")]
        row = {
            "original_loc": original_loc,
            "rewrite_loc": rewrite_loc,
            "seconds": round(seconds, 2),
            "peak_memory_mib": round(peak / 1024, 1),
            "renamed_copies_judged_mirrors": _share_mirrors(renamed),
            "mirrors_naming_their_source": _naming_their_source(renamed),
            "unrelated_judged_mirrors": _share_mirrors(unrelated),
        }
        rows.append(row)
        print(row)
    for smaller, larger in itertools.pairwise(rows):
        ratio = larger["seconds"] / smaller["seconds"] if smaller["seconds"] else float("nan")
        size_ratio = larger["original_loc"] / smaller["original_loc"]
        print(f"{size_ratio:.1f}x the input took {ratio:.2f}x the time")
    report = {
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "provenance": __version__,
        "rows": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
