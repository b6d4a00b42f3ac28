"""The command line: version, languages, inventory, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance import __version__
from provenance.cli import app, parse_size

from .conftest import FIXTURES, TreeMaker

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"provenance {__version__}"


def test_languages_json_lists_sixteen_with_versions() -> None:
    result = runner.invoke(app, ["languages", "--json"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert len(listed) == 16
    assert {entry["name"] for entry in listed} >= {"python", "tsx", "csharp", "lua"}
    for entry in listed:
        assert entry["extensions"] and entry["grammar_package"].startswith("tree-sitter-")
        assert entry["grammar_version"][0].isdigit()


def test_languages_table() -> None:
    result = runner.invoke(app, ["languages"])
    assert result.exit_code == 0
    assert "TypeScript" in result.stdout and "tree-sitter-kotlin" in result.stdout


def test_inventory_json_on_the_demo() -> None:
    result = runner.invoke(app, ["inventory", str(FIXTURES / "demo"), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    languages = {entry["language"]: entry for entry in report["languages"]}
    assert set(languages) == {"python", "typescript"}
    assert languages["typescript"]["files"] == 4
    assert languages["python"]["files"] == 3
    assert report["totals"]["error_nodes"] == 0
    assert report["totals"]["loc"] == sum(f["loc"] for f in report["files"])
    assert {"path": "truth.toml", "reason": "not a recognised source language"} in report["skipped"]


def test_inventory_table_lists_skips_with_reasons(make_tree: TreeMaker) -> None:
    root = make_tree({"a.py": "x = 1\n", "empty.py": "", "node_modules/x.js": "1\n"})
    result = runner.invoke(app, ["inventory", str(root)])
    assert result.exit_code == 0
    assert "empty.py" in result.stdout and "empty file" in result.stdout
    assert "node_modules/" in result.stdout
    quiet = runner.invoke(app, ["inventory", str(root), "--quiet"])
    assert "empty.py" not in quiet.stdout and "empty file" in quiet.stdout


def test_inventory_of_empty_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["inventory", str(tmp_path), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["files"] == [] and report["skipped"] == [] and report["totals"]["loc"] == 0


def test_missing_root_is_one_line_exit_2(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "provenance", "inventory", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().count("\n") == 0
    assert completed.stderr.startswith("provenance: error:")
    assert "no such file or directory" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_bad_size_option_is_one_line_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["inventory", str(tmp_path), "--max-size", "lots"])
    assert result.exit_code == 2
    assert "not a size" in result.output


def test_parse_size() -> None:
    assert parse_size("2MB") == 2 * 1024 * 1024
    assert parse_size("500k") == 500 * 1024
    assert parse_size("1048576") == 1048576
    assert parse_size("1.5 KiB") == 1536


def test_ir_tree_shows_kinds_names_and_source_lines() -> None:
    result = runner.invoke(
        app, ["ir", str(FIXTURES / "demo" / "original" / "money.ts"), "--unit", "roundCents"]
    )
    assert result.exit_code == 0, result.output
    assert "FUNC 'roundCents'" in result.stdout
    assert "| const floor = Math.floor(value);" in result.stdout
    assert "CALL[floor]" in result.stdout


def test_ir_json_lists_units_with_spans() -> None:
    result = runner.invoke(app, ["ir", str(FIXTURES / "demo" / "rewrite" / "pricing.py"), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["language"] == "python"
    units = {unit["name"]: unit for unit in data["units"]}
    assert units["round_cents"]["ir"]["kind"] == "FUNC"
    assert units["round_cents"]["lines"][0] < units["round_cents"]["lines"][1]
    assert data["unmapped"] == {}


def test_ir_errors_are_one_line(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["ir", str(tmp_path / "nope.py")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    unknown_unit = runner.invoke(
        app, ["ir", str(FIXTURES / "demo" / "rewrite" / "pricing.py"), "--unit", "nothing"]
    )
    assert unknown_unit.exit_code == 2 and "no unit 'nothing'" in unknown_unit.output
    notes = tmp_path / "notes.txt"
    notes.write_text("plain words\n")
    undetected = runner.invoke(app, ["ir", str(notes)])
    assert undetected.exit_code == 2 and "not a recognised source language" in undetected.output


def test_a_file_too_deep_to_analyse_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file nested deeper than the interpreter recurses is skipped by `compare`; `ir` and
    `explain` say so in one line."""

    def too_deep(*args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("provenance.cli.lower_file", too_deep)
    monkeypatch.setattr("provenance.report.explain.file_features", too_deep)
    source = tmp_path / "deep.py"
    source.write_text("x = 1\n")
    for command in (["ir", str(source)], ["explain", str(source), str(source)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert result.output.strip().endswith("deep.py: too complex to analyse (RecursionError)")
        assert "Traceback" not in result.output
