"""SARIF 2.1.0 for code scanning in CI: one result per rewrite file judged `mirrors` (level
error) or `partial` (level warning), located on the matched region of the rewrite file, with the
original files and lines it follows as related locations."""

from __future__ import annotations

from typing import Any

from provenance.match.result import CommentPassage, CompareResult, FileResult, UnitMatch

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_RULES = {
    "mirrors": ("PROV001", "error", "Rewrite file mirrors original code"),
    "partial": ("PROV002", "warning", "Rewrite file partly follows original code"),
}


def _message(file: FileResult) -> str:
    originals = ", ".join(o.path for o in file.originals[:3]) or "the original"
    code = (
        f"{file.coverage:.0%} of its code lies in units that follow original units "
        f"(score {file.score:.2f}; unrelated code of this size scores about {file.chance:.2f})"
    )
    if file.by_comments_alone:
        return (
            f"{file.path} mirrors {originals} by its comments: {file.comments:.0%} of its "
            f"comment wording ({file.comment_sequences} four-word sequences) is in the "
            f"original's comments; {code}, below the structural bars."
        )
    verb = "mirrors" if file.verdict == "mirrors" else "partly follows"
    return f"{file.path} {verb} {originals}: {code}."


def _location(uri: str, start: int, end: int, base: str) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": base},
            "region": {"startLine": start, "endLine": max(start, end)},
        }
    }


def _related(index: int, unit: UnitMatch) -> dict[str, Any]:
    original = unit.original
    text = f"{unit.rewrite_unit} follows {unit.original_unit} ({unit.aligned} statements aligned)"
    location = _location(original.file, original.start_line, original.end_line, "ORIGINAL")
    return {"id": index, **location, "message": {"text": text}}


def _comment_related(index: int, passage: CommentPassage) -> dict[str, Any]:
    text = (
        f"comment at line {passage.rewrite_line} repeats this comment "
        f"({passage.shared} word sequences)"
    )
    location = _location(
        passage.original_file, passage.original_line, passage.original_line, "ORIGINAL"
    )
    return {"id": index, **location, "message": {"text": text}}


def result_sarif(result: CompareResult) -> dict[str, Any]:
    results = []
    for file in result.files:
        if file.verdict not in _RULES:
            continue
        rule_id, level, _ = _RULES[file.verdict]
        units = sorted(file.units, key=lambda unit: unit.rewrite.start_line)
        start = units[0].rewrite.start_line if units else 1
        end = units[-1].rewrite.end_line if units else 1
        related = [_related(index, unit) for index, unit in enumerate(units)]
        related += [
            _comment_related(len(related) + index, passage)
            for index, passage in enumerate(file.comment_passages)
        ]
        results.append(
            {
                "ruleId": rule_id,
                "level": level,
                "message": {"text": _message(file)},
                "locations": [_location(file.path, start, end, "REWRITE")],
                "relatedLocations": related,
                "properties": {
                    "score": file.score,
                    "coverage": file.coverage,
                    "chance": file.chance,
                    "comments": file.comments,
                    "commentsElsewhere": file.comments_elsewhere,
                    "mirroredBy": list(file.mirrored_by),
                },
            }
        )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "provenance",
                        "version": result.tool_version,
                        "rules": [
                            {
                                "id": rule_id,
                                "name": name.replace(" ", ""),
                                "shortDescription": {"text": name},
                                "defaultConfiguration": {"level": level},
                            }
                            for rule_id, level, name in _RULES.values()
                        ],
                    }
                },
                "originalUriBaseIds": {
                    "REWRITE": {"uri": _as_uri(result.rewrite_root)},
                    "ORIGINAL": {"uri": _as_uri(result.original_root)},
                },
                "results": results,
            }
        ],
    }


def _as_uri(root: str) -> str:
    path = root if root.endswith("/") else root + "/"
    return "file://" + path if path.startswith("/") else path
