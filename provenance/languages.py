"""The language registry: what each grammar is, read from `grammars/<language>.toml`.

Per-language facts (extensions, interpreter names, grammar wheel, comment node types) are data,
so adding a language means adding a TOML file, not editing Python.
"""

from __future__ import annotations

import importlib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from tree_sitter import Language

from provenance.errors import ProvenanceError


@dataclass(frozen=True, slots=True)
class LanguageSpec:
    """One grammar as declared in its TOML file's `[meta]` table."""

    name: str
    display: str
    package: str
    module: str
    entry: str
    extensions: tuple[str, ...]
    interpreters: tuple[str, ...]
    pygments_aliases: tuple[str, ...]
    comment_types: tuple[str, ...]
    header_markers: tuple[str, ...]
    shared_extensions: tuple[str, ...]
    """extensions another language owns that this one claims when `header_markers` match"""
    table: dict[str, Any]
    family: str = ""
    """the language this one is a dialect of (TypeScript and TSX of JavaScript): a rewrite
    between the two is a rewrite within one language"""

    @property
    def grammar_version(self) -> str:
        try:
            return metadata.version(self.package)
        except metadata.PackageNotFoundError:
            return "not installed"


def grammars_dir() -> Path:
    """Where the grammar tables live: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "grammars", here.parent / "grammars"):
        if candidate.is_dir():
            return candidate
    raise ProvenanceError("grammar tables not found: the installation is incomplete")


def _spec_from_toml(path: Path) -> LanguageSpec:
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ProvenanceError(f"grammar table {path.name} is invalid: {error}") from None
    meta = table.get("meta", {})
    try:
        return LanguageSpec(
            name=meta["name"],
            display=meta["display"],
            package=meta["package"],
            module=meta["module"],
            entry=meta["entry"],
            extensions=tuple(meta["extensions"]),
            interpreters=tuple(meta.get("interpreters", ())),
            pygments_aliases=tuple(meta.get("pygments", ())),
            comment_types=tuple(meta.get("comments", ())),
            header_markers=tuple(meta.get("header_markers", ())),
            shared_extensions=tuple(meta.get("shared_extensions", ())),
            table=table,
            family=meta.get("family", meta["name"]),
        )
    except KeyError as missing:
        raise ProvenanceError(f"{path.name}: [meta] lacks {missing}") from None


@cache
def all_languages() -> dict[str, LanguageSpec]:
    """Every registered language, keyed by name, in a stable (alphabetical) order."""
    specs = [_spec_from_toml(path) for path in sorted(grammars_dir().glob("*.toml"))]
    return {spec.name: spec for spec in specs}


def get_language(name: str) -> LanguageSpec:
    try:
        return all_languages()[name]
    except KeyError:
        known = ", ".join(all_languages())
        raise ProvenanceError(f"unknown language {name!r} (known: {known})") from None


def same_language(first: str, second: str) -> bool:
    """Whether two languages are one for comparison: equal, or dialects of one family."""
    if first == second:
        return True
    languages = all_languages()
    if first not in languages or second not in languages:
        return False
    return languages[first].family == languages[second].family


@cache
def ts_language(name: str) -> Language:
    """The tree-sitter Language object for a registered language (loaded once per process)."""
    spec = get_language(name)
    try:
        module = importlib.import_module(spec.module)
        return Language(getattr(module, spec.entry)())
    except (ImportError, AttributeError, ValueError) as error:
        raise ProvenanceError(
            f"grammar for {spec.display} cannot be loaded from {spec.package}: {error}"
        ) from None
