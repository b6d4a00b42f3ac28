"""The fingerprint index: an original codebase's features in SQLite, computed once, scanned often.

One file (`FILE.provdb`, WAL mode) holds, per source file, its path, language, SHA-256, size and
the features of its units (statement shapes with spans, k-grams, literals, words, calls), plus
the skip list, the schema version, the tool version and the fingerprint of the analysis that
computed them (parsers, grammar tables, lowering and feature code, background table): an update
under another analysis re-analyses every file, since unchanged sources would otherwise keep
features this version no longer computes. Features are stored as compressed JSON, never pickles:
an index file from elsewhere is data, not code. Every update is one transaction, so a killed run
leaves the previous index intact; a second writer waits briefly, then gets a clear message.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from array import array
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from provenance import __version__
from provenance.errors import ProvenanceError
from provenance.languages import all_languages, grammars_dir
from provenance.match.background import DATA_FILE
from provenance.match.extract import Codebase, FileFeatures, extract_discovered
from provenance.match.features import Statement, UnitFeatures
from provenance.sources import Discovery, DiscoveryOptions, SkippedFile, discover

SCHEMA_VERSION = 1
_BUSY_TIMEOUT_MS = 5_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    language TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    loc INTEGER NOT NULL,
    units INTEGER NOT NULL,
    features BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
    path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_line INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    public INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS units_path ON units(path);
CREATE TABLE IF NOT EXISTS skipped (path TEXT PRIMARY KEY, reason TEXT NOT NULL);
"""


def background_fingerprint() -> str:
    try:
        return hashlib.sha256(DATA_FILE.read_bytes()).hexdigest()[:16]
    except OSError:
        return "none"


_PACKAGE = Path(__file__).resolve().parent
_ANALYSIS_CODE = ("ir", "match/features.py", "match/extract.py", "parsing.py", "decoding.py")
"""what turns a source file into stored features, beside the grammar tables"""


def analysis_fingerprint() -> str:
    """A digest of everything that decides a file's stored features: the parsers' versions,
    the grammar tables, the lowering and feature code, and the background table. Two runs with
    the same fingerprint compute the same features from the same bytes."""
    digest = hashlib.sha256(background_fingerprint().encode())
    for language in all_languages().values():
        digest.update(f"{language.package}=={language.grammar_version}".encode())
    sources = sorted(grammars_dir().glob("*.toml"))
    for part in _ANALYSIS_CODE:
        target = _PACKAGE / part
        sources += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# ----------------------------------------------------------------------------- (de)serialise


def _encode(file: FileFeatures) -> bytes:
    units = [
        {
            "name": u.name,
            "kind": u.kind,
            "parent_class": u.parent_class,
            "params": list(u.params),
            "rows": [u.start_row, u.end_row, u.start_byte, u.end_byte],
            "nodes": u.nodes,
            "statements": [
                [s.coarse, s.fine, s.start_row, s.end_row, s.start_byte, s.end_byte]
                for s in u.statements
            ],
            "kgrams": u.kgrams.tolist(),
            "literals": dict(u.literals),
            "words": dict(u.words),
            "calls": list(u.calls),
            "public": u.public,
            "language": u.language,
        }
        for u in file.units
    ]
    payload = {
        "path": file.path,
        "language": file.language,
        "sha256": file.sha256,
        "size": file.size,
        "loc": file.loc,
        "error_nodes": file.error_nodes,
        "nodes": file.nodes,
        "imports": file.imports,
        "comments": file.comments,
        "units": units,
    }
    return zlib.compress(json.dumps(payload, separators=(",", ":")).encode("utf-8"), 6)


def _decode(blob: bytes) -> FileFeatures:
    data: dict[str, Any] = json.loads(zlib.decompress(blob))
    units = []
    for u in data["units"]:
        start_row, end_row, start_byte, end_byte = u["rows"]
        units.append(
            UnitFeatures(
                file=data["path"],
                name=u["name"],
                kind=u["kind"],
                parent_class=u["parent_class"],
                params=tuple(u["params"]),
                start_row=start_row,
                end_row=end_row,
                start_byte=start_byte,
                end_byte=end_byte,
                nodes=u["nodes"],
                statements=tuple(Statement(*row) for row in u["statements"]),
                kgrams=array("Q", u["kgrams"]),
                literals=Counter(u["literals"]),
                words=Counter(u["words"]),
                calls=tuple(u["calls"]),
                public=bool(u["public"]),
                language=u["language"],
            )
        )
    return FileFeatures(
        path=data["path"],
        language=data["language"],
        sha256=data["sha256"],
        size=data["size"],
        loc=data["loc"],
        error_nodes=data["error_nodes"],
        nodes=data["nodes"],
        units=units,
        imports=data["imports"],
        comments=[(int(row), str(text)) for row, text in data["comments"]],
    )


# ----------------------------------------------------------------------------- database


def _connect(path: Path, *, write: bool) -> sqlite3.Connection:
    if not write and not path.is_file():
        raise ProvenanceError(f"{path}: no such index")
    try:
        if write:
            connection = sqlite3.connect(
                path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
        else:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=_BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
            )
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        if write:
            connection.execute("PRAGMA journal_mode = WAL")
        return connection
    except sqlite3.OperationalError as error:
        if write:
            raise ProvenanceError(
                f"{path}: cannot create or write the index here ({error})"
            ) from None
        raise ProvenanceError(f"{path}: not a usable index ({error})") from None
    except sqlite3.DatabaseError as error:
        raise ProvenanceError(f"{path}: not a usable index ({error})") from None
    except OSError as error:
        raise ProvenanceError(f"{path}: cannot open ({error.strerror})") from None


def _check_schema(connection: sqlite3.Connection, path: Path, *, allow_empty: bool) -> None:
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    except sqlite3.DatabaseError as error:
        raise ProvenanceError(f"{path}: not a provenance index ({error})") from None
    if not tables and allow_empty:
        return
    if "meta" not in tables or "files" not in tables:
        raise ProvenanceError(f"{path}: not a provenance index (another SQLite database)")
    stored = _meta_value(connection, "schema_version")
    if stored is None:
        raise ProvenanceError(f"{path}: not a provenance index (no schema version)")
    version = int(stored)
    if version > SCHEMA_VERSION:
        raise ProvenanceError(
            f"{path}: written by a newer provenance (index schema {version}, this one reads "
            f"{SCHEMA_VERSION}); upgrade provenance or rebuild the index"
        )
    if version < SCHEMA_VERSION:
        raise ProvenanceError(
            f"{path}: index schema {version} is too old; rebuild it with `provenance index`"
        )


def _meta_value(connection: sqlite3.Connection, key: str) -> str | None:
    row = connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


class IndexReport:
    """What an `index` run did, for the command's summary line."""

    def __init__(self) -> None:
        self.added = self.updated = self.unchanged = self.removed = 0
        self.skipped: list[SkippedFile] = []
        self.reanalysed = False
        """the index was built by another analysis, so every file was analysed again"""


def build_index(
    root: Path | str,
    out: Path,
    *,
    options: DiscoveryOptions | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    scheduler: str | None = None,
) -> IndexReport:
    """Create or update `out` from the tree at `root`; only changed files are re-analysed."""
    discovery = discover(root, options)
    connection = _connect(out, write=True)
    report = IndexReport()
    try:
        _check_schema(connection, out, allow_empty=True)
        connection.executescript(_SCHEMA)
        stored = dict(connection.execute("SELECT path, sha256 FROM files").fetchall())
        analysis = analysis_fingerprint()
        report.reanalysed = bool(stored) and _meta_value(connection, "analysis") != analysis
        current = {} if report.reanalysed else stored  # features another analysis computed
        hashes = {source.path: _sha256(discovery.root / source.path) for source in discovery.files}
        changed = [s for s in discovery.files if current.get(s.path) != hashes[s.path]]
        subset = Discovery(root=discovery.root, files=changed, skipped=list(discovery.skipped))
        fresh = extract_discovered(subset, jobs=jobs, progress=progress, scheduler=scheduler)
        connection.execute("BEGIN IMMEDIATE")
        try:
            present = {source.path for source in discovery.files}
            for path in set(stored) - present:
                connection.execute("DELETE FROM files WHERE path = ?", (path,))
                report.removed += 1
            for file in fresh.files:
                report.updated += file.path in stored
                report.added += file.path not in stored
                connection.execute("DELETE FROM files WHERE path = ?", (file.path,))
                connection.execute(
                    "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        file.path,
                        file.language,
                        file.sha256,
                        file.size,
                        file.loc,
                        len(file.units),
                        _encode(file),
                    ),
                )
                connection.executemany(
                    "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        (file.path, u.name, u.kind, u.start_row + 1, u.end_row + 1, int(u.public))
                        for u in file.units
                    ],
                )
            report.unchanged = len(discovery.files) - len(changed)
            connection.execute("DELETE FROM skipped")
            connection.executemany(
                "INSERT INTO skipped VALUES (?, ?)", [(s.path, s.reason) for s in fresh.skipped]
            )
            report.skipped = list(fresh.skipped)
            meta = {
                "schema_version": str(SCHEMA_VERSION),
                "tool_version": __version__,
                "background": background_fingerprint(),
                "analysis": analysis,
                "root": str(discovery.root),
            }
            connection.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as error:
        message = str(error)
        if "locked" in message or "busy" in message:
            raise ProvenanceError(
                f"{out}: another process is updating this index; try again"
            ) from None
        raise ProvenanceError(f"{out}: cannot write the index ({message})") from None
    except sqlite3.DatabaseError as error:
        raise ProvenanceError(f"{out}: not a usable index ({error})") from None
    finally:
        connection.close()
    return report


def load_index(path: Path) -> tuple[Codebase, dict[str, str]]:
    """The indexed original as a `Codebase` (what `compare` extracts), and the index's meta."""
    connection = _connect(path, write=False)
    try:
        _check_schema(connection, path, allow_empty=False)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        files = [
            _decode(blob)
            for (blob,) in connection.execute("SELECT features FROM files ORDER BY path")
        ]
        skipped = [
            SkippedFile(p, r)
            for p, r in connection.execute("SELECT path, reason FROM skipped ORDER BY path")
        ]
    except (
        sqlite3.DatabaseError,
        zlib.error,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        ValueError,
    ) as error:
        raise ProvenanceError(f"{path}: the index is damaged ({error}); rebuild it") from None
    finally:
        connection.close()
    return Codebase(root=Path(meta.get("root", ".")), files=files, skipped=skipped), meta


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()
