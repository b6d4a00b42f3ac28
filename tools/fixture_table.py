"""Write fixtures/README.md: the corpus's tasks and projects, languages, relations and sizes.

Run after changing the corpus:  python tools/fixture_table.py
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from provenance.inventory import take_inventory
from provenance.truth import CaseTruth, load_corpus

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"

HEADER = """# Fixture corpus

Parallel programs with ground truth, written for this project. Every accuracy figure of
provenance is measured here. Each task directory holds:

- `original/`: the original, one file (TypeScript, JavaScript, Python, Java or Go);
- `SPEC.md`: the behavioural specification a clean-room team is given: public API, every
  user-visible message, data tables, examples; no internal design;
- `translation/<language>/`: faithful ports, written the way a person or an AI agent asked to
  "port this file" writes them;
- `disguised/<language>/`: laundered ports: every identifier renamed, functions reordered, loop
  forms changed, helpers extracted or inlined, classes turned into closures or back, files split,
  messages reworded, comments removed; the algorithms kept;
- `independent/<language>/`: clean-room implementations written by separate authors from
  `SPEC.md` alone, never from the original. They share the whole interface layer (names,
  signatures, messages, tables) with the original: the hard negatives;
- `truth.toml`: which rewrite file derives from which original file(s), the relation
  (`translation`, `disguised`, `independent`) and, for derived files, the unit correspondence
  (`"rewrite unit" = "original unit"`, methods as `Type.method`, nested functions as `outer.inner`).

`projects/` holds whole multi-file TypeScript projects ported to Python and Rust or Go (with
files merged and split the way real ports do), plus a clean-room implementation from the spec.
`demo/` is the README's quick-start input; `languages/` holds one small sample per grammar.

Lines of code are non-blank, non-comment lines counted from the syntax tree.

"""


def _loc_by_file(case: CaseTruth) -> dict[str, int]:
    inventory = take_inventory(case.directory, jobs=1)
    return {stats.path: stats.loc for stats in inventory.files}


def _row(case: CaseTruth) -> str:
    loc = _loc_by_file(case)
    original_loc = sum(v for k, v in loc.items() if k.startswith("original/"))
    by_relation: dict[str, list[str]] = defaultdict(list)
    for rewrite in case.rewrites:
        if rewrite.language not in by_relation[rewrite.relation]:
            by_relation[rewrite.relation].append(rewrite.language)
    rewrite_loc = sum(v for k, v in loc.items() if not k.startswith("original/"))
    cells = [
        f"`{case.name}`",
        case.original_language,
        str(original_loc),
        ", ".join(by_relation["translation"]),
        ", ".join(by_relation["disguised"]),
        ", ".join(by_relation["independent"]),
        str(rewrite_loc),
    ]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    corpus = load_corpus(FIXTURES)
    columns = (
        "| case | original | original LOC | translations | disguised | independent | rewrites LOC |"
    )
    lines = [HEADER, "## Tasks\n", columns, "|" + " --- |" * 7]
    lines += [_row(case) for case in corpus if not case.is_project]
    lines += ["", "## Projects\n", columns, "|" + " --- |" * 7]
    lines += [_row(case) for case in corpus if case.is_project]
    summaries = [f"- `{case.name}`: {case.summary}" for case in corpus if case.summary]
    if summaries:
        lines += ["", "## What each case is\n", *summaries]
    (FIXTURES / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {FIXTURES / 'README.md'} ({len(corpus)} cases)")


if __name__ == "__main__":
    main()
