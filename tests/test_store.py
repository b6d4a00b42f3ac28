"""The index (`index` + `scan`), archives and source maps as inputs, and their failure modes."""

from __future__ import annotations

import base64
import io
import json
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from provenance import compare, store
from provenance.errors import ProvenanceError
from provenance.inputs import materialise
from provenance.match.background import load_background
from provenance.match.compare import Thresholds, match_codebases
from provenance.match.extract import extract_codebase
from provenance.match.prepare import prepare_original
from provenance.store import SCHEMA_VERSION, build_index, load_index

from .conftest import FIXTURES

DEMO = FIXTURES / "demo"


def test_index_then_scan_equals_compare(tmp_path: Path) -> None:
    index = tmp_path / "demo.provdb"
    build_index(DEMO / "original", index, jobs=1)
    original, meta = load_index(index)
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    scanned = match_codebases(original, extract_codebase(DEMO / "rewrite", jobs=1))
    direct = compare(DEMO / "original", DEMO / "rewrite", jobs=1)
    assert scanned.files == direct.files


def test_the_original_side_is_prepared_once_for_many_targets(tmp_path: Path) -> None:
    """`scan` builds the original's index, call graph and comment index once: every target
    then gets what a `compare` of its own would give, and a preparation made for another
    original is refused."""
    original = extract_codebase(DEMO / "original", jobs=1)
    prepared = prepare_original(original, None, load_background(), Thresholds().base_score)
    for target in (DEMO / "rewrite", DEMO / "original"):
        scanned = match_codebases(original, extract_codebase(target, jobs=1), prepared=prepared)
        assert scanned.files == compare(DEMO / "original", target, jobs=1).files
    other = extract_codebase(DEMO / "rewrite", jobs=1)
    with pytest.raises(ValueError, match="another original"):
        match_codebases(other, other, prepared=prepared)


def test_index_is_incremental(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    for path in (DEMO / "original").iterdir():
        (tree / path.name).write_bytes(path.read_bytes())
    index = tmp_path / "i.provdb"
    first = build_index(tree, index, jobs=1)
    assert (first.added, first.updated, first.unchanged, first.removed) == (4, 0, 0, 0)
    (tree / "tax.ts").write_text((tree / "tax.ts").read_text() + "\nexport const EXTRA = 1;\n")
    (tree / "receipt.ts").unlink()
    second = build_index(tree, index, jobs=1)
    assert (second.added, second.updated, second.unchanged, second.removed) == (0, 1, 2, 1)
    codebase, _ = load_index(index)
    assert sorted(f.path for f in codebase.files) == ["invoice.ts", "money.ts", "tax.ts"]


def test_an_index_built_by_another_analysis_is_analysed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unchanged sources keep their stored features only while the analysis that computed them
    (grammar tables, lowering, background) is the current one."""
    index = tmp_path / "i.provdb"
    build_index(DEMO / "original", index, jobs=1)
    same = build_index(DEMO / "original", index, jobs=1)
    assert (same.updated, same.unchanged, same.reanalysed) == (0, 4, False)
    monkeypatch.setattr(store, "analysis_fingerprint", lambda: "another-analysis")
    redone = build_index(DEMO / "original", index, jobs=1)
    assert (redone.updated, redone.unchanged, redone.reanalysed) == (4, 0, True)
    _, meta = load_index(index)
    assert meta["analysis"] == "another-analysis"


def test_the_analysis_fingerprint_follows_the_grammar_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = store.analysis_fingerprint()
    tables = tmp_path / "grammars"
    tables.mkdir()
    for table in store.grammars_dir().glob("*.toml"):
        (tables / table.name).write_bytes(table.read_bytes())
    monkeypatch.setattr(store, "grammars_dir", lambda: tables)
    assert store.analysis_fingerprint() == current
    lua = tables / "lua.toml"
    lua.write_text(lua.read_text().replace("first_index = 1", "first_index = 0"))
    assert store.analysis_fingerprint() != current


def test_corrupt_foreign_and_newer_databases_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.provdb"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ProvenanceError, match=r"not a provenance index|not a usable index"):
        load_index(garbage)
    with pytest.raises(ProvenanceError):
        build_index(DEMO / "original", garbage, jobs=1)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(ProvenanceError, match="another SQLite database"):
        load_index(foreign)
    newer = tmp_path / "newer.provdb"
    build_index(DEMO / "original", newer, jobs=1)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ProvenanceError, match="newer provenance"):
        load_index(newer)
    with pytest.raises(ProvenanceError, match="no such index"):
        load_index(tmp_path / "absent.provdb")


def test_damaged_rows_are_reported_not_raised(tmp_path: Path) -> None:
    index = tmp_path / "d.provdb"
    build_index(DEMO / "original", index, jobs=1)
    with sqlite3.connect(index) as connection:
        connection.execute("UPDATE files SET features = x'00ff00ff' WHERE path = 'tax.ts'")
    with pytest.raises(ProvenanceError, match="damaged"):
        load_index(index)


def test_read_only_location_is_a_clear_error() -> None:
    with pytest.raises(ProvenanceError, match="cannot create or write"):
        build_index(DEMO / "original", Path("/proc/provenance-test.provdb"), jobs=1)


def test_concurrent_writer_waits_then_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import provenance.store as store

    monkeypatch.setattr(store, "_BUSY_TIMEOUT_MS", 300)
    index = tmp_path / "c.provdb"
    build_index(DEMO / "original", index, jobs=1)
    holder = sqlite3.connect(index, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        (tmp_path / "tree").mkdir()
        (tmp_path / "tree" / "a.py").write_text("def f(x):\n    return x + 1\n")
        with pytest.raises(ProvenanceError, match="another process is updating"):
            build_index(tmp_path / "tree", index, jobs=1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(load_index(index)[0].files) == 4


def test_killed_index_run_leaves_a_valid_index(tmp_path: Path) -> None:
    index = tmp_path / "k.provdb"
    build_index(DEMO / "original", index, jobs=1)
    command = [
        sys.executable,
        "-m",
        "provenance",
        "index",
        str(FIXTURES / "tasks"),
        "--out",
        str(index),
        "--jobs",
        "1",
        "-q",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(index) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    codebase, _ = load_index(index)
    assert len(codebase.files) in (4, len(extract_codebase(FIXTURES / "tasks", jobs=2).files))


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path


def test_archives_unpack_safely(tmp_path: Path) -> None:
    code = (DEMO / "rewrite" / "receipt.py").read_bytes()
    archive = _zip(
        tmp_path / "leak.zip", {"pkg/receipt.py": code, "../escape.py": code, "/abs.py": code}
    )
    with materialise(archive) as root:
        found = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert found == ["pkg/receipt.py"]
    assert not (tmp_path / "escape.py").exists()
    tarball = tmp_path / "leak.tgz"
    with tarfile.open(tarball, "w:gz") as bundle:
        info = tarfile.TarInfo("package/receipt.py")
        info.size = len(code)
        bundle.addfile(info, io.BytesIO(code))
        link = tarfile.TarInfo("package/passwd.py")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        bundle.addfile(link)
    result = compare(DEMO / "original", tarball, jobs=1)
    assert [f.path for f in result.files] == ["package/receipt.py"]
    assert result.files[0].verdict == "mirrors"


def test_broken_archive_is_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ProvenanceError, match="cannot be unpacked"), materialise(broken):
        pass


def _source_map() -> dict[str, object]:
    files = sorted((DEMO / "original").glob("*.ts"))
    return {
        "version": 3,
        "file": "bundle.js",
        "sources": [f"webpack://invoices/./src/{p.name}" for p in files]
        + ["webpack://invoices/node_modules/lib/x.js"],
        "sourcesContent": [p.read_text() for p in files] + ["module.exports = 1;"],
        "mappings": "",
    }


def test_source_map_recovers_the_original(tmp_path: Path) -> None:
    mapping = tmp_path / "bundle.js.map"
    mapping.write_text(json.dumps(_source_map()))
    with materialise(mapping) as root:
        found = sorted(str(p.relative_to(root)) for p in root.rglob("*.ts"))
    assert found == [
        "invoices/src/invoice.ts",
        "invoices/src/money.ts",
        "invoices/src/receipt.ts",
        "invoices/src/tax.ts",
    ]
    result = compare(mapping, DEMO / "rewrite", jobs=1)
    assert {f.path: f.originals[0].path for f in result.files}[
        "receipt.py"
    ] == "invoices/src/receipt.ts"


def test_source_map_with_parent_relative_sources_keeps_their_paths(tmp_path: Path) -> None:
    mapping = _source_map()
    mapping["sources"] = [s.replace("webpack://invoices/./", "../") for s in mapping["sources"]]  # type: ignore[union-attr]
    path = tmp_path / "lib" / "bundle.esm.js.map"
    path.parent.mkdir()
    path.write_text(json.dumps(mapping))
    with materialise(path) as root:
        found = sorted(str(p.relative_to(root)) for p in root.rglob("*.ts"))
    assert found == ["src/invoice.ts", "src/money.ts", "src/receipt.ts", "src/tax.ts"]


def test_inline_source_map_in_a_bundle(tmp_path: Path) -> None:
    encoded = base64.b64encode(json.dumps(_source_map()).encode()).decode()
    bundle = tmp_path / "app.min.js"
    bundle.write_text(
        "var a=1;\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,"
        + encoded
        + "\n"
    )
    result = compare(bundle, DEMO / "rewrite", jobs=1)
    assert len(result.by_verdict("mirrors")) == 3


def test_cli_index_and_scan(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from provenance.cli import app

    runner = CliRunner()
    index = tmp_path / "demo.provdb"
    built = runner.invoke(
        app, ["index", str(DEMO / "original"), "--out", str(index), "--jobs", "1", "-q"]
    )
    assert built.exit_code == 0 and "4 files added" in built.stdout
    archive = _zip(
        tmp_path / "rewrite.zip",
        {f"r/{p.name}": p.read_bytes() for p in (DEMO / "rewrite").iterdir()},
    )
    report = tmp_path / "scan.json"
    scanned = runner.invoke(
        app,
        [
            "scan",
            str(index),
            str(archive),
            str(FIXTURES / "languages"),
            "--json",
            str(report),
            "--jobs",
            "1",
        ],
    )
    assert scanned.exit_code == 0, scanned.output
    targets = json.loads(report.read_text())["targets"]
    assert [t["rewrite_root"] for t in targets] == [str(archive), str(FIXTURES / "languages")]
    assert targets[0]["summary"]["mirrors"] == 3 and targets[1]["summary"]["mirrors"] == 0
    failing = runner.invoke(
        app, ["scan", str(index), str(archive), "--fail-on", "mirrors", "--jobs", "1"]
    )
    assert failing.exit_code == 1, failing.output
    broken = runner.invoke(app, ["scan", str(tmp_path / "nope.provdb"), str(archive)])
    assert broken.exit_code == 2 and "no such index" in broken.output


def test_html_reports_show_the_code_of_archive_inputs(tmp_path: Path) -> None:
    """An archive is unpacked only while it is compared; the HTML report is written then, so
    its side-by-side view shows the archive's code, for `compare` and for each `scan` target."""
    from typer.testing import CliRunner

    from provenance.cli import app

    runner = CliRunner()
    rewrite_files = {f"r/{p.name}": p.read_bytes() for p in (DEMO / "rewrite").iterdir()}
    archive = _zip(tmp_path / "rewrite.zip", rewrite_files)
    marker = "ljust"  # in the body of the demo rewrite's parse_amount, nowhere else
    assert any(marker.encode() in data for data in rewrite_files.values())
    report = tmp_path / "compare.html"
    arguments = ["compare", str(DEMO / "original"), str(archive), "--html", str(report)]
    compared = runner.invoke(app, [*arguments, "--jobs", "1", "-q"])
    assert compared.exit_code == 0, compared.output
    index = tmp_path / "demo.provdb"
    runner.invoke(app, ["index", str(DEMO / "original"), "--out", str(index), "-q"])
    scanned = runner.invoke(
        app, ["scan", str(index), str(archive), "--html", str(tmp_path / "scan.html")]
    )
    assert scanned.exit_code == 0, scanned.output
    for html in (report, tmp_path / "scan.1-rewrite.zip.html"):
        text = html.read_text()
        assert "file not readable" not in text
        assert marker in text
