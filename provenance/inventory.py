"""Inventory a source tree: files, lines of code and syntax-error share per language.

A library function with no printing: callers pass a progress callback if they want one.
Large trees are measured in a process pool, in batches; workers return small stats records.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from provenance.parsing import FileStats, SkipFile, measure, read_and_parse
from provenance.sources import Discovery, DiscoveryOptions, SkippedFile, SourceFile, discover

ProgressCallback = Callable[[int, int], None]
"""Called as (files done, files total) while measuring."""

_PARALLEL_MIN_FILES = 64
_BATCH_SIZE = 32


@dataclass(frozen=True, slots=True)
class LanguageTotals:
    language: str
    files: int
    loc: int
    lines: int
    nodes: int
    error_nodes: int

    @property
    def error_share(self) -> float:
        return self.error_nodes / self.nodes if self.nodes else 0.0


@dataclass(slots=True)
class Inventory:
    root: Path
    files: list[FileStats] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    def by_language(self) -> list[LanguageTotals]:
        grouped: dict[str, list[FileStats]] = {}
        for stats in self.files:
            grouped.setdefault(stats.language, []).append(stats)
        return [_totals(language, grouped[language]) for language in sorted(grouped)]

    def totals(self) -> LanguageTotals:
        return _totals("total", self.files)


def _totals(language: str, files: Sequence[FileStats]) -> LanguageTotals:
    return LanguageTotals(
        language=language,
        files=len(files),
        loc=sum(stats.loc for stats in files),
        lines=sum(stats.lines for stats in files),
        nodes=sum(stats.nodes for stats in files),
        error_nodes=sum(stats.error_nodes for stats in files),
    )


def take_inventory(
    root: Path | str,
    options: DiscoveryOptions | None = None,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
) -> Inventory:
    """Discover and measure every source file under `root`."""
    discovery = discover(root, options)
    return measure_discovery(discovery, jobs=jobs, progress=progress)


def measure_discovery(
    discovery: Discovery, jobs: int | None = None, progress: ProgressCallback | None = None
) -> Inventory:
    inventory = Inventory(root=discovery.root, skipped=list(discovery.skipped))
    files = discovery.files
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    batches = [files[i : i + _BATCH_SIZE] for i in range(0, len(files), _BATCH_SIZE)]
    done = 0
    if workers == 1 or len(files) < _PARALLEL_MIN_FILES:
        results = (_measure_batch(discovery.root, batch) for batch in batches)
        for outcome in results:
            done = _collect(inventory, outcome, done, len(files), progress)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            roots = [discovery.root] * len(batches)
            for outcome in pool.map(_measure_batch, roots, batches):
                done = _collect(inventory, outcome, done, len(files), progress)
    inventory.skipped.sort(key=lambda skipped: skipped.path)
    return inventory


def _collect(
    inventory: Inventory,
    outcome: list[FileStats | SkippedFile],
    done: int,
    total: int,
    progress: ProgressCallback | None,
) -> int:
    for item in outcome:
        if isinstance(item, FileStats):
            inventory.files.append(item)
        else:
            inventory.skipped.append(item)
    done += len(outcome)
    if progress is not None:
        progress(done, total)
    return done


def _measure_batch(root: Path, batch: list[SourceFile]) -> list[FileStats | SkippedFile]:
    """Worker entry point: measure files, turning per-file failures into skip records."""
    outcome: list[FileStats | SkippedFile] = []
    for source_file in batch:
        try:
            outcome.append(measure(read_and_parse(root, source_file)))
        except SkipFile as reason:
            outcome.append(SkippedFile(source_file.path, str(reason)))
    return outcome
