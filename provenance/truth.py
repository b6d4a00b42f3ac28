"""Ground truth of the fixture corpus: which rewrite file derives from which original files.

Each task or project directory holds a `truth.toml` (format in fixtures/README.md). The
accuracy benchmarks and the fixture tests read it through this module.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

RELATIONS = ("translation", "disguised", "independent")


@dataclass(frozen=True, slots=True)
class RewriteTruth:
    path: str
    language: str
    relation: str
    derives_from: tuple[str, ...]
    units: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CaseTruth:
    """One task or project: its directory, original language and rewrites."""

    name: str
    directory: Path
    original_language: str
    summary: str
    rewrites: tuple[RewriteTruth, ...]

    @property
    def is_project(self) -> bool:
        return self.directory.parent.name == "projects"


def load_truth(path: Path) -> CaseTruth:
    with path.open("rb") as handle:
        table = tomllib.load(handle)
    rewrites = tuple(
        RewriteTruth(
            path=entry["path"],
            language=entry["language"],
            relation=entry["relation"],
            derives_from=tuple(entry.get("derives_from", ())),
            units=dict(entry.get("units", {})),
        )
        for entry in table.get("rewrite", [])
    )
    return CaseTruth(
        name=table.get("task") or table.get("project") or path.parent.name,
        directory=path.parent,
        original_language=table.get("original_language", ""),
        summary=table.get("summary", ""),
        rewrites=rewrites,
    )


def load_corpus(fixtures: Path) -> list[CaseTruth]:
    """Every task and project under `fixtures/` (not the demo), sorted by name."""
    paths = sorted((fixtures / "tasks").glob("*/truth.toml")) + sorted(
        (fixtures / "projects").glob("*/truth.toml")
    )
    return [load_truth(path) for path in paths]
