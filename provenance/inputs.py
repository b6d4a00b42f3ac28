"""Inputs that are not plain source trees: archives and JavaScript source maps.

Leaks rarely arrive as a clean checkout. An input may be a `.zip`, `.tar.gz`/`.tgz` (npm
packages are `.tgz`), a Python wheel or sdist, a source map whose `sourcesContent` holds the
original files, or a bundle carrying an inline source map. Each is unpacked into a temporary
directory, safely: no absolute paths or `..`, no links, bounded total size and file count.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from provenance.errors import ProvenanceError

MAX_TOTAL_BYTES = 2 * 1024**3
MAX_MEMBERS = 200_000
_ARCHIVE_SUFFIXES = (".zip", ".whl", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz")
_INLINE_MAP = re.compile(
    rb"//[#@] sourceMappingURL=data:application/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)"
)


def is_archive(path: Path) -> bool:
    name = path.name.lower()
    return path.is_file() and name.endswith(_ARCHIVE_SUFFIXES)


def is_source_map_input(path: Path) -> bool:
    """A `.map` file, or a JavaScript bundle that carries an inline source map."""
    if not path.is_file():
        return False
    if path.name.endswith(".map"):
        return True
    if path.suffix in (".js", ".mjs", ".cjs"):
        with path.open("rb") as handle:
            handle.seek(max(0, path.stat().st_size - 4 * 1024 * 1024))
            return _INLINE_MAP.search(handle.read()) is not None
    return False


@contextmanager
def materialise(path: Path | str) -> Iterator[Path]:
    """A directory holding the input's source files: the input itself when it is a directory,
    else a temporary directory (removed on exit) with the unpacked or recovered files."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not path.exists():
        raise ProvenanceError(f"{path}: no such file or directory")
    if not (is_archive(path) or is_source_map_input(path)):
        raise ProvenanceError(
            f"{path}: not a directory, an archive (.zip .whl .tar.gz .tgz) or a source map"
        )
    scratch = Path(tempfile.mkdtemp(prefix="provenance-"))
    try:
        target = scratch / _stem(path)
        target.mkdir()
        if is_archive(path):
            _unpack(path, target)
        else:
            recover_source_map(path, target)
        yield target
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(_ARCHIVE_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] or "input"
    return path.stem or "input"


def _safe_relative(name: str) -> PurePosixPath | None:
    """The member's path if it stays inside the extraction directory, else None."""
    candidate = PurePosixPath(name.replace("\\", "/"))
    if candidate.is_absolute() or not candidate.parts:
        return None
    parts = [part for part in candidate.parts if part not in ("", ".")]
    if not parts or any(part == ".." for part in parts) or ":" in parts[0]:
        return None
    return PurePosixPath(*parts)


def _unpack(archive: Path, target: Path) -> None:
    total = members = 0
    try:
        if archive.name.lower().endswith((".zip", ".whl")):
            with zipfile.ZipFile(archive) as bundle:
                for info in bundle.infolist():
                    if info.is_dir():
                        continue
                    relative = _safe_relative(info.filename)
                    members += 1
                    total += info.file_size
                    _check_limits(archive, total, members)
                    if relative is None or (info.external_attr >> 16) & 0o170000 == 0o120000:
                        continue  # unsafe path or a symlink: never written
                    destination = target.joinpath(*relative.parts)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with bundle.open(info) as source, destination.open("wb") as sink:
                        shutil.copyfileobj(source, sink)
        else:
            with tarfile.open(archive) as bundle:
                for member in bundle:
                    if not member.isfile():
                        continue  # directories are implied; links and devices are never written
                    relative = _safe_relative(member.name)
                    members += 1
                    total += member.size
                    _check_limits(archive, total, members)
                    if relative is None:
                        continue
                    extracted = bundle.extractfile(member)
                    if extracted is None:
                        continue
                    destination = target.joinpath(*relative.parts)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    with extracted, destination.open("wb") as sink:
                        shutil.copyfileobj(extracted, sink)
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError) as error:
        raise ProvenanceError(f"{archive}: cannot be unpacked ({error})") from None


def _check_limits(archive: Path, total: int, members: int) -> None:
    if total > MAX_TOTAL_BYTES:
        raise ProvenanceError(f"{archive}: unpacks to more than {MAX_TOTAL_BYTES:,} bytes; refused")
    if members > MAX_MEMBERS:
        raise ProvenanceError(f"{archive}: holds more than {MAX_MEMBERS:,} files; refused")


def recover_source_map(path: Path, target: Path) -> list[str]:
    """Write the original sources a source map embeds (`sourcesContent`) under `target`,
    at their recorded paths (`webpack://app/src/x.ts` becomes `app/src/x.ts`)."""
    raw = path.read_bytes()
    if not path.name.endswith(".map"):
        match = _INLINE_MAP.search(raw)
        if match is None:
            raise ProvenanceError(f"{path}: no inline source map")
        raw = base64.b64decode(match.group(1))
    try:
        mapping = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ProvenanceError(
            f"{path}: not a valid source map ({error.msg if hasattr(error, 'msg') else error})"
        ) from None
    sources = mapping.get("sources") or []
    contents = mapping.get("sourcesContent") or []
    if not isinstance(sources, list) or not isinstance(contents, list) or not any(contents):
        raise ProvenanceError(f"{path}: the source map holds no sourcesContent to recover")
    root = str(mapping.get("sourceRoot") or "")
    written: list[str] = []
    for index, (source, content) in enumerate(zip(sources, contents, strict=False)):
        if not isinstance(content, str) or not isinstance(source, str):
            continue
        cleaned = re.sub(
            r"^[a-zA-Z][\w+.-]*://+", "", root.rstrip("/") + "/" + source if root else source
        )
        cleaned = cleaned.split("?", 1)[0]
        # a map beside its bundle names sources relative to it (`../src/x.ts`): keep the path
        parts = [
            part for part in PurePosixPath(cleaned.lstrip("/")).parts if part not in ("..", ".")
        ]
        relative = _safe_relative("/".join(parts)) or PurePosixPath(f"source-{index}")
        if "node_modules" in relative.parts:
            continue  # third-party code the bundle carried along
        destination = target.joinpath(*relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8")
        written.append(str(relative))
    if not written:
        raise ProvenanceError(f"{path}: the source map holds no first-party sources")
    return written
