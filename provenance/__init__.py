"""provenance: which files of a rewrite, in any language, mirror which files of an original."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("provenance")
except PackageNotFoundError:  # running from a source checkout that is not installed
    __version__ = "0.0.0+unknown"

if TYPE_CHECKING:
    from provenance.match.result import CompareResult


def compare(original: Path | str, rewrite: Path | str, **options: Any) -> CompareResult:
    """Compare two source trees; returns a `CompareResult` (no printing, no exiting).

    Options: `jobs`, `base` (code both sides may share), `options` (a `DiscoveryOptions`),
    `thresholds` (a `Thresholds`), `progress` (a callback `(side, done, total)`).
    """
    from provenance.match.compare import compare_codebases

    return compare_codebases(original, rewrite, **options)


__all__ = ["__version__", "compare"]
