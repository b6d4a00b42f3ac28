"""A self-contained HTML evidence report: one file, inline CSS and JS, no network requests.

Overview (summary, original x rewrite heat map, files by verdict, takedown-ready list), then
one section per mirrored or partial file pair: code side by side with pygments highlighting,
matched statements coloured and linked (click one side, the counterpart scrolls into view),
the unit and identifier correspondence, shared distinctive literals, an element-by-element chart
in the spirit of abstraction-filtration-comparison, the chance baseline in plain words, and a
reproducibility block. Large comparisons stay usable: pair sections are rendered only for files
judged `mirrors` or `partial` (at most `MAX_PAIR_VIEWS`), and code is inserted when a section is
opened.
"""

from __future__ import annotations

import json
from collections import defaultdict
from importlib import metadata
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from provenance.languages import all_languages
from provenance.match.result import CompareResult, FileResult
from provenance.report.explain import describe_unit

MAX_PAIR_VIEWS = 300
_MAX_HEATMAP = 60


def _highlight(path: Path, language: str) -> str:
    try:
        code = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "<pre>(file not readable)</pre>"
    spec = all_languages().get(language)
    lexer = None
    for alias in spec.pygments_aliases if spec else ():
        try:
            lexer = get_lexer_by_name(alias)
            break
        except ClassNotFound:
            continue
    if lexer is None:
        lexer = get_lexer_by_name("text")
    formatter = HtmlFormatter(linenos="inline", linespans="L", nowrap=False, cssclass="code")
    return highlight(code, lexer, formatter)


def _pair_view(
    result: CompareResult, file: FileResult, index: int, sources: tuple[Path, Path]
) -> dict[str, object]:
    original_root, rewrite_root = sources
    languages = {f.path: f.language for f in result.original_files}
    originals = [o.path for o in file.originals]
    links = []
    identifiers: dict[str, str] = {}
    units = []
    for number, unit in enumerate(file.units):
        identifiers[unit.original_unit] = unit.rewrite_unit
        units.append(
            {
                "number": number,
                "sentence": describe_unit(unit),
                "unit": unit,
                "original_file": unit.original.file,
            }
        )
        for pair in unit.statements:
            links.append(
                {
                    "unit": number,
                    "rewrite": [pair.rewrite.start_line, pair.rewrite.end_line],
                    "original_file": originals.index(pair.original.file)
                    if pair.original.file in originals
                    else 0,
                    "original": [pair.original.start_line, pair.original.end_line],
                    "exact": pair.identical_shape,
                }
            )
    literals = sorted({text for unit in file.units for text in unit.shared_literals})
    return {
        "index": index,
        "file": file,
        "rewrite_code": _highlight(rewrite_root / file.path, file.language),
        "original_codes": [
            {"path": path, "code": _highlight(original_root / path, languages.get(path, ""))}
            for path in originals
        ],
        "links_json": json.dumps(links),
        "units": units,
        "identifiers": sorted(identifiers.items()),
        "literals": literals[:40],
        "afc": _afc_chart(result, file),
        "takedown": _takedown_lines(file),
        "comment_passages": file.comment_passages,
    }


def _afc_chart(result: CompareResult, file: FileResult) -> list[tuple[str, str]]:
    """Layer by layer: what was compared and what it shows (evidence, not conclusions)."""
    aligned = sum(unit.aligned for unit in file.units)
    statements = sum(unit.rewrite_statements for unit in file.units)
    words = [unit.words for unit in file.units]
    literal_share = [unit.literals for unit in file.units]
    order_kept = sum(
        1
        for a, b in zip(file.units, file.units[1:], strict=False)
        if a.original.file == b.original.file and a.original.start_line <= b.original.start_line
    )
    return [
        (
            "File organisation",
            "The file draws on " + ", ".join(f"{o.path} ({o.share:.0%})" for o in file.originals)
            if file.originals
            else "No original file corresponds.",
        ),
        (
            "Unit structure and order",
            f"{len(file.units)} of {len(file.units) + len(file.unmatched_units)} units follow an "
            f"original unit; {order_kept} of {max(len(file.units) - 1, 0)} consecutive pairs keep "
            "the original's order.",
        ),
        (
            "Statement sequences",
            f"{aligned} of {statements} statements of the matched units align in order with the "
            f"original's; unrelated code of this size scores about {file.chance:.2f} "
            f"against this file's {file.score:.2f}.",
        ),
        (
            "Identifiers",
            f"Mean identifier-word similarity of matched units: {sum(words) / len(words):.2f} "
            "(renaming lowers it; it is not used in the verdict)."
            if words
            else "No matched units.",
        ),
        (
            "Literals and messages",
            f"Mean share of the rewrite's distinctive literals also in the original: "
            f"{sum(literal_share) / len(literal_share):.2f} (a specification shares messages too; "
            "not used in the verdict)."
            if literal_share
            else "No matched units.",
        ),
        (
            "Comments",
            f"{file.comments:.0%} of the file's comment wording ({file.comment_sequences} "
            "four-word sequences) is in the comments of the original files it follows: prose "
            "that no behaviour dictates. One other original file holds at most "
            f"{file.comments_elsewhere:.0%} of it too (the original repeating its comments, or "
            "common prose)."
            + (
                " The comments alone make this file mirror the original: its code does not "
                "reach the structural bars."
                if file.by_comments_alone
                else ""
            )
            if file.comment_sequences
            else "No comment wording shared with the original.",
        ),
        (
            "Public API surface",
            f"{file.interface_share:.0%} of the matched code is on units that are public in the "
            "original: the interface layer that a clean-room specification would share.",
        ),
    ]


def _takedown_lines(file: FileResult) -> list[str]:
    return [
        f"{file.path}:{unit.rewrite.start_line}-{unit.rewrite.end_line} <- "
        f"{unit.original.file}:{unit.original.start_line}-{unit.original.end_line}"
        for unit in sorted(file.units, key=lambda unit: unit.rewrite.start_line)
    ]


def _heatmap(result: CompareResult) -> dict[str, object]:
    rewrites = [f for f in result.files if f.originals][:_MAX_HEATMAP]
    columns: list[str] = []
    for file in rewrites:
        for original in file.originals:
            if original.path not in columns:
                columns.append(original.path)
    columns = columns[:_MAX_HEATMAP]
    rows = []
    for file in rewrites:
        shares = defaultdict(float, {o.path: o.share * file.score for o in file.originals})
        rows.append({"file": file, "cells": [round(shares[c], 3) for c in columns]})
    return {"columns": columns, "rows": rows, "truncated": len(result.files) > len(rewrites)}


def _versions() -> list[tuple[str, str]]:
    found = [("provenance", _version("provenance"))]
    found += [(spec.package, spec.grammar_version) for spec in all_languages().values()]
    found += [(name, _version(name)) for name in ("tree-sitter", "rapidfuzz", "pygments")]
    return sorted(set(found))


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def result_html(result: CompareResult, sources: tuple[Path, Path] | None = None) -> str:
    """The report; `sources` are the directories holding the original's and the rewrite's
    files when the recorded roots cannot be read (an archive, unpacked only while compared)."""
    roots = sources or (Path(result.original_root), Path(result.rewrite_root))
    environment = Environment(
        loader=PackageLoader("provenance", "templates"),
        autoescape=select_autoescape(default=True),
    )
    template = environment.get_template("report.html.j2")
    shown = [f for f in result.files if f.verdict in ("mirrors", "partial")]
    pairs = [
        _pair_view(result, file, index, roots) for index, file in enumerate(shown[:MAX_PAIR_VIEWS])
    ]
    return template.render(
        result=result,
        mirrors=result.by_verdict("mirrors"),
        partial=result.by_verdict("partial"),
        independent=result.by_verdict("independent"),
        pairs=pairs,
        pairs_omitted=max(0, len(shown) - MAX_PAIR_VIEWS),
        heatmap=_heatmap(result),
        pygments_css=HtmlFormatter(cssclass="code").get_style_defs(".code"),
        versions=_versions(),
        command=" ".join(result.command),
    )
