"""Turn a source tree into per-file, per-unit features, in worker processes.

The work unit is a batch of files; a worker reads, parses, lowers and fingerprints them and
returns `FileFeatures` (small), never syntax trees. Per-file failures become skip records.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from provenance.errors import ProvenanceError
from provenance.ir import lower_parsed
from provenance.ir.comments import docstrings
from provenance.ir.kinds import Kind
from provenance.match.features import UnitFeatures, unit_features
from provenance.parsing import (
    SkipFile,
    comment_kind_ids,
    count_code_lines,
    count_error_nodes,
    parse_source,
)
from provenance.sources import Discovery, DiscoveryOptions, SkippedFile, SourceFile, discover

_BATCH = 16
_PARALLEL_MIN_FILES = 48


@dataclass(slots=True)
class FileFeatures:
    path: str
    language: str
    sha256: str
    size: int
    loc: int
    error_nodes: int
    nodes: int
    units: list[UnitFeatures]
    imports: int = 0
    comments: list[tuple[int, str]] = field(default_factory=list)


@dataclass(slots=True)
class Codebase:
    """One side of a comparison: its root, analysed files and everything skipped."""

    root: Path
    files: list[FileFeatures]
    skipped: list[SkippedFile]

    def units(self) -> list[UnitFeatures]:
        return [unit for file in self.files for unit in file.units]

    @property
    def loc(self) -> int:
        return sum(file.loc for file in self.files)


def file_features(root: Path, source: SourceFile) -> FileFeatures:
    try:
        raw = (root / source.path).read_bytes()
    except OSError as error:
        raise SkipFile(f"unreadable: {error.strerror}") from None
    parsed = parse_source(source.path, source.language, raw)
    lowered = lower_parsed(parsed)
    return FileFeatures(
        path=source.path,
        language=source.language,
        sha256=hashlib.sha256(raw).hexdigest(),
        size=len(raw),
        loc=count_code_lines(parsed.tree, comment_kind_ids(source.language)),
        error_nodes=count_error_nodes(parsed.tree.root_node),
        nodes=parsed.tree.root_node.descendant_count,
        units=[unit_features(unit, source.path, source.language) for unit in lowered.units],
        imports=sum(1 for child in lowered.module.children if child.kind is Kind.IMPORT),
        comments=[
            (comment.row, comment.text)
            for comment in sorted(
                [*lowered.comments, *docstrings(lowered.module)], key=lambda c: c.row
            )
        ],
    )


TOO_DEEP = (RecursionError, MemoryError)
"""what a file nested deeper than the interpreter recurses (or too large to hold) raises"""


def too_complex(error: BaseException) -> str:
    """The reason given for a file that raised one of `TOO_DEEP`."""
    return f"too complex to analyse ({type(error).__name__})"


def _batch(root: Path, batch: list[SourceFile]) -> list[FileFeatures | SkippedFile]:
    outcome: list[FileFeatures | SkippedFile] = []
    for source in batch:
        try:
            outcome.append(file_features(root, source))
        except SkipFile as reason:
            outcome.append(SkippedFile(source.path, str(reason)))
        except TOO_DEEP as error:
            outcome.append(SkippedFile(source.path, too_complex(error)))
    return outcome


def extract_codebase(
    root: Path | str,
    options: DiscoveryOptions | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
    scheduler: str | None = None,
) -> Codebase:
    discovery = discover(root, options)
    return extract_discovered(
        discovery, jobs=jobs, progress=progress, pool=pool, scheduler=scheduler
    )


def _dask_map(
    scheduler: str, root: Path, batches: list[list[SourceFile]]
) -> list[list[FileFeatures | SkippedFile]]:
    """The same batches on a Dask distributed cluster (workers must see the same paths);
    results come back in submission order, so they equal a local run's."""
    try:
        from distributed import Client  # an optional extra, imported when used
    except ImportError:
        raise ProvenanceError("--scheduler needs Dask: pip install 'provenance[dask]'") from None
    try:
        with Client(scheduler, timeout="10s") as client:
            futures = client.map(_batch, [root] * len(batches), batches, pure=False)
            return client.gather(futures)
    except (OSError, TimeoutError) as error:
        raise ProvenanceError(f"cannot use the Dask scheduler at {scheduler}: {error}") from None


def extract_discovered(
    discovery: Discovery,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
    scheduler: str | None = None,
) -> Codebase:
    files = discovery.files
    batches = [files[i : i + _BATCH] for i in range(0, len(files), _BATCH)]
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    codebase = Codebase(root=discovery.root, files=[], skipped=list(discovery.skipped))
    done = 0

    def collect(outcome: list[FileFeatures | SkippedFile]) -> None:
        nonlocal done
        for item in outcome:
            if isinstance(item, FileFeatures):
                codebase.files.append(item)
            else:
                codebase.skipped.append(item)
        done += len(outcome)
        # Features live as long as the comparison: keep the cyclic collector from re-scanning
        # millions of them after every batch (large codebases otherwise slow down quadratically).
        gc.freeze()
        if progress is not None:
            progress(done, len(files))

    if scheduler is not None:
        for outcome in _dask_map(scheduler, discovery.root, batches):
            collect(outcome)
    elif pool is not None and len(files) >= _PARALLEL_MIN_FILES:
        for outcome in pool.map(_batch, [discovery.root] * len(batches), batches):
            collect(outcome)
    elif workers > 1 and len(files) >= _PARALLEL_MIN_FILES:
        with ProcessPoolExecutor(max_workers=workers) as own_pool:
            for outcome in own_pool.map(_batch, [discovery.root] * len(batches), batches):
                collect(outcome)
    else:
        for batch in batches:
            collect(_batch(discovery.root, batch))
    codebase.files.sort(key=lambda file: file.path)
    codebase.skipped.sort(key=lambda skipped: skipped.path)
    return codebase
