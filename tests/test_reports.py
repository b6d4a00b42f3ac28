"""Report formats: JSON against its schema, SARIF against the SARIF 2.1.0 schema, Markdown,
CSV and the CI exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from provenance import compare
from provenance.cli import app
from provenance.match.result import CompareResult
from provenance.report.json_report import SCHEMA_FILE, result_json
from provenance.report.markdown import result_markdown
from provenance.report.sarif import result_sarif
from provenance.report.spreadsheet import COLUMNS, result_csv

from .conftest import FIXTURES
from .test_compare import _ATTRS_PY, _ATTRS_TS

DEMO = FIXTURES / "demo"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_result() -> CompareResult:
    return compare(DEMO / "original", DEMO / "rewrite", jobs=1)


def test_json_report_validates_and_is_deterministic(demo_result: CompareResult) -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    data = result_json(demo_result)
    jsonschema.Draft202012Validator(schema).validate(data)
    again = result_json(compare(DEMO / "original", DEMO / "rewrite", jobs=1))
    assert json.dumps(data, sort_keys=True) == json.dumps(again, sort_keys=True)


def test_json_schema_rejects_a_broken_report(demo_result: CompareResult) -> None:
    data = result_json(demo_result)
    data["files"][0]["verdict"] = "probably"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text()))


def test_sarif_validates_against_the_sarif_schema(demo_result: CompareResult) -> None:
    sarif = result_sarif(demo_result)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} == {
        "pricing.py",
        "invoice.py",
        "receipt.py",
    }
    assert all(r["level"] == "error" and r["relatedLocations"] for r in results)


def test_markdown_names_files_and_line_ranges(demo_result: CompareResult) -> None:
    text = result_markdown(demo_result)
    assert "| `pricing.py` | mirrors | money.ts, tax.ts |" in text
    assert "<- receipt.ts:" in text
    assert "Evidence, not a legal conclusion" in text


def test_csv_has_one_row_per_file_pair(demo_result: CompareResult) -> None:
    rows = list(csv.DictReader(io.StringIO(result_csv(demo_result))))
    assert tuple(rows[0]) == COLUMNS
    pairs = {(row["rewrite_file"], row["original_file"]) for row in rows}
    assert ("pricing.py", "money.ts") in pairs and ("pricing.py", "tax.ts") in pairs
    assert len(rows) == 4


def test_cli_writes_every_format_and_fail_on_sets_the_exit_code(tmp_path: Path) -> None:
    paths = {name: tmp_path / f"report.{name}" for name in ("json", "sarif", "md", "csv")}
    args = ["compare", str(DEMO / "original"), str(DEMO / "rewrite"), "--jobs", "1", "-q"]
    args += ["--json", str(paths["json"]), "--sarif", str(paths["sarif"])]
    args += ["--markdown", str(paths["md"]), "--csv", str(paths["csv"])]
    assert runner.invoke(app, args).exit_code == 0
    assert all(path.stat().st_size > 0 for path in paths.values())
    command = json.loads(paths["json"].read_text())["command"]
    assert command[:4] == ["provenance", "compare", str(DEMO / "original"), str(DEMO / "rewrite")]
    assert "--jobs" in command and "--sarif" in command
    assert runner.invoke(app, [*args, "--fail-on", "mirrors"]).exit_code == 1
    unrelated = ["compare", str(DEMO / "original"), str(FIXTURES / "languages"), "--jobs", "1"]
    assert runner.invoke(app, [*unrelated, "--fail-on", "mirrors"]).exit_code == 0


def test_escaping_of_odd_file_names(tmp_path: Path) -> None:
    odd = tmp_path / "rewrite"
    odd.mkdir()
    source = (DEMO / "rewrite" / "receipt.py").read_text()
    (odd / '<script>|quote"é.py').write_text(source)
    (odd / "invoice.py").write_text((DEMO / "rewrite" / "invoice.py").read_text())
    result = compare(DEMO / "original", odd, jobs=1)
    text = result_markdown(result)
    assert "<script>\\|quote" in text
    jsonschema.validate(result_json(result), json.loads(SCHEMA_FILE.read_text()))


def test_explain_shows_units_side_by_side_in_plain_words() -> None:
    outcome = runner.invoke(
        app,
        ["explain", str(DEMO / "original" / "receipt.ts"), str(DEMO / "rewrite" / "receipt.py")],
        env={"COLUMNS": "200"},
    )
    assert outcome.exit_code == 0, outcome.output
    assert "The rewrite's render_receipt" in outcome.stdout
    assert "follows the original's renderReceipt" in outcome.stdout
    assert re.search(r"\d+ of \d+ statements aligned in order", outcome.stdout)
    assert "unrelated code of this size aligns about" in outcome.stdout
    assert (
        'out.append("-" * WIDTH)' in outcome.stdout
        and 'out.push("-".repeat(WIDTH));' in outcome.stdout
    )


def test_explain_errors_are_one_line(tmp_path: Path) -> None:
    outcome = runner.invoke(
        app, ["explain", str(tmp_path / "a.ts"), str(DEMO / "rewrite" / "receipt.py")]
    )
    assert outcome.exit_code == 2 and "no such file" in outcome.output


def test_a_file_mirrored_by_its_comments_alone_says_so_in_every_format(tmp_path: Path) -> None:
    original, rewrite = tmp_path / "original", tmp_path / "rewrite"
    original.mkdir()
    rewrite.mkdir()
    (original / "attrs.ts").write_text(_ATTRS_TS, encoding="utf-8")
    (rewrite / "attrs.py").write_text(_ATTRS_PY, encoding="utf-8")
    result = compare(original, rewrite, jobs=1)
    jsonschema.validate(result_json(result), json.loads(SCHEMA_FILE.read_text()))
    assert result_json(result)["files"][0]["mirrored_by"] == ["comments"]
    sarif = result_sarif(result)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(sarif)
    (finding,) = sarif["runs"][0]["results"]
    assert "mirrors attrs.ts by its comments" in finding["message"]["text"]
    assert finding["properties"]["mirroredBy"] == ["comments"]
    related = [
        r["physicalLocation"]["artifactLocation"]["uri"] for r in finding["relatedLocations"]
    ]
    assert related and set(related) == {"attrs.ts"}  # the original comments it repeats
    assert "| `attrs.py` | mirrors (by comments) | attrs.ts |" in result_markdown(result)
    (row,) = csv.DictReader(io.StringIO(result_csv(result)))
    assert (row["original_file"], row["mirrored_by"]) == ("attrs.ts", "comments")
