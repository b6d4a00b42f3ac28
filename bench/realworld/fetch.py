"""Fetch the packages of `manifest.toml` into the git-ignored `bench/realworld/.cache/`.

For each package: download the archive (`npm pack NAME@VERSION`, or `pip download --no-deps
--no-binary :all: NAME==VERSION` for the sdist) into `.cache/archives/`, unpack it with
provenance's own safe unpacker (`provenance.inputs.materialise`: no absolute or `..` paths, no
links, size limits) into `.cache/packages/ID/`, and copy the source tree the manifest names
(`root`, `include`, `exclude`) into `.cache/trees/ID/`. Whatever is already there is kept.

    python bench/realworld/fetch.py [--only ID ...] [--force]

`tree(package_id)` is what `run.py` uses: it fetches on demand and returns the tree's path.
"""

from __future__ import annotations

import argparse
import base64
import fnmatch
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

from provenance.inputs import materialise

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
MANIFEST = HERE / "manifest.toml"


def load_manifest(path: Path = MANIFEST) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _ensure_cache() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    ignore = CACHE / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")


def _archive(package: dict) -> Path:
    """The package's archive in `.cache/archives/`, downloaded when missing."""
    folder = CACHE / "archives" / package["registry"]
    folder.mkdir(parents=True, exist_ok=True)
    name, version = package["name"], package["version"]
    if package["registry"] == "npm":
        expected = folder / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
        if not expected.exists():
            subprocess.run(
                ["npm", "pack", f"{name}@{version}", "--silent"],
                cwd=folder, check=True, stdout=subprocess.DEVNULL,
            )
        return expected
    if package["registry"] == "pypi":
        stems = {f"{name}-{version}", f"{name.replace('-', '_')}-{version}"}
        found = [p for p in folder.glob("*.tar.gz") if p.name[: -len(".tar.gz")] in stems]
        if not found:
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                 "--quiet", "-d", str(folder), f"{name}=={version}"],
                check=True,
            )
            found = [p for p in folder.glob("*.tar.gz") if p.name[: -len(".tar.gz")] in stems]
        if not found:
            raise SystemExit(f"fetch: no sdist for {name}=={version} in {folder}")
        return found[0]
    raise SystemExit(f"fetch: unknown registry {package['registry']!r}")


def _unpacked(package_id: str, package: dict) -> Path:
    """The archive unpacked into `.cache/packages/ID/` (once)."""
    target = CACHE / "packages" / package_id
    done = CACHE / "packages" / f"{package_id}.complete"
    if done.exists() and target.is_dir():
        return target
    archive = _archive(package)
    if target.exists():
        shutil.rmtree(target)
    with materialise(archive) as unpacked:
        shutil.copytree(unpacked, target)
    done.write_text(f"{archive.name}\n")
    return target


def _safe(name: str) -> PurePosixPath | None:
    """A source map's recorded path made relative: leading `../` and scheme prefixes dropped;
    None if anything would still leave the target folder."""
    name = name.split("://", 1)[-1].split("?", 1)[0]
    parts = [part for part in PurePosixPath(name).parts if part not in ("/", "", ".")]
    while parts and parts[0] == "..":
        parts.pop(0)
    if not parts or ".." in parts or "node_modules" in parts or ":" in parts[0]:
        return None
    return PurePosixPath(*parts)


def _recover_sources(source_map: Path, target: Path) -> None:
    """Write the first-party sources a source map embeds under `target` at their recorded
    paths, `../src/x.ts` as `src/x.ts` (provenance's own `recover_source_map` names
    paths that climb out of the map's folder `source-N`, losing the file names)."""
    raw = source_map.read_bytes()
    if not source_map.name.endswith(".map"):  # an inline map at the end of a bundle
        marker = b"base64,"
        raw = base64.b64decode(raw[raw.rindex(marker) + len(marker):].split()[0])
    mapping = json.loads(raw)
    for name, content in zip(mapping.get("sources", []), mapping.get("sourcesContent", []),
                             strict=False):
        relative = _safe(name) if isinstance(name, str) else None
        if relative is None or not isinstance(content, str):
            continue
        destination = target.joinpath(*relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(content, encoding="utf-8")


def _selected(root: Path, include: list[str], exclude: list[str]) -> list[Path]:
    def matches(relative: str, patterns: list[str]) -> bool:
        return any(
            fnmatch.fnmatchcase(relative, pattern)
            or (pattern.startswith("**/") and fnmatch.fnmatchcase(relative, pattern[3:]))
            for pattern in patterns
        )

    chosen = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_file() and matches(relative, include) and not matches(relative, exclude):
            chosen.append(path)
    return chosen


def tree(package_id: str, manifest: dict | None = None, force: bool = False) -> Path:
    """The package's source tree in `.cache/trees/ID/`, fetched and built when missing."""
    manifest = manifest or load_manifest()
    package = manifest["package"][package_id]
    _ensure_cache()
    target = CACHE / "trees" / package_id
    done = CACHE / "trees" / f"{package_id}.complete"
    if done.exists() and target.is_dir() and not force:
        return target
    unpacked = _unpacked(package_id, package)
    if package.get("sourcemap"):
        recovered = CACHE / "recovered" / package_id
        if recovered.exists():
            shutil.rmtree(recovered)
        _recover_sources(unpacked / package["sourcemap"], recovered)
        base = recovered / package["root"]
    else:
        base = unpacked / package["root"]
    if not base.is_dir():
        raise SystemExit(f"fetch: {package_id}: no folder {package['root']!r} in the package")
    files = _selected(base, package.get("include", ["**/*"]), package.get("exclude", []))
    if not files:
        raise SystemExit(f"fetch: {package_id}: no source files under {package['root']!r}")
    if target.exists():
        shutil.rmtree(target)
    for path in files:
        destination = target / path.relative_to(base)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    done.write_text(f"{package['name']} {package['version']}\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="package ids (default: all)")
    parser.add_argument("--force", action="store_true", help="rebuild the source trees")
    args = parser.parse_args(argv)
    manifest = load_manifest()
    for package_id in args.only or sorted(manifest["package"]):
        path = tree(package_id, manifest, force=args.force)
        count = sum(1 for p in path.rglob("*") if p.is_file())
        package = manifest["package"][package_id]
        print(f"{package_id}: {package['name']} {package['version']} -> "
              f"{path.relative_to(HERE)} ({count} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
