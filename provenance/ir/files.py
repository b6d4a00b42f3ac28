"""Lower a file on disk (with language detection) and describe the result as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from provenance.detect import detect_language
from provenance.errors import ProvenanceError
from provenance.ir import FileIR, Unit, lower_source
from provenance.languages import all_languages
from provenance.parsing import SkipFile


def lower_file(path: Path, language: str | None = None) -> FileIR:
    """Read, detect, parse and lower one file; raises ProvenanceError with a one-line reason."""
    if not path.is_file():
        raise ProvenanceError(f"{path}: no such file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ProvenanceError(f"{path}: {error.strerror}") from None
    if language is None:
        language = detect_language(path.name, raw[:65536])
        if language is None:
            raise ProvenanceError(f"{path}: not a recognised source language (try --language)")
    elif language not in all_languages():
        raise ProvenanceError(f"unknown language {language!r}")
    try:
        return lower_source(path.name, language, raw)
    except SkipFile as reason:
        raise ProvenanceError(f"{path}: {reason}") from None


def ir_json(lowered: FileIR, units: list[Unit]) -> dict[str, Any]:
    return {
        "path": lowered.path,
        "language": lowered.language,
        "unmapped": dict(lowered.stats.unmapped.most_common()),
        "units": [
            {
                "name": unit.name,
                "kind": unit.kind,
                "parent_class": unit.parent_class,
                "params": unit.params,
                "lines": [unit.start_row + 1, unit.end_row + 1],
                "ir": unit.node.to_dict(),
            }
            for unit in units
        ],
        "comments": [{"line": c.row + 1, "text": c.text} for c in lowered.comments],
    }
