"""The fixture corpus: every file parses cleanly and the ground truth names real files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from provenance.inventory import take_inventory
from provenance.ir import lower_source
from provenance.truth import RELATIONS, CaseTruth, load_corpus, load_truth

from .conftest import FIXTURES

CORPUS = load_corpus(FIXTURES)
CASES = [*CORPUS, load_truth(FIXTURES / "demo" / "truth.toml")]
NON_SOURCE = {".md", ".toml", ".mod", ".sum", ".json"}


def test_every_fixture_file_parses_without_errors() -> None:
    inventory = take_inventory(FIXTURES, jobs=1)
    broken = [stats.path for stats in inventory.files if stats.error_nodes]
    assert broken == []
    unexpected = [
        s
        for s in inventory.skipped
        if Path(s.path).suffix not in NON_SOURCE and not s.path.endswith("/")
    ]
    assert unexpected == []


def test_corpus_size() -> None:
    tasks = [case for case in CORPUS if not case.is_project]
    projects = [case for case in CORPUS if case.is_project]
    assert len(tasks) >= 30
    assert len(projects) >= 2
    assert {case.original_language for case in tasks} <= {
        "typescript",
        "javascript",
        "python",
        "java",
        "go",
    }


@pytest.mark.parametrize("case", [c for c in CORPUS if not c.is_project], ids=lambda c: c.name)
def test_task_has_every_relation(case: CaseTruth) -> None:
    languages: dict[str, set[str]] = {relation: set() for relation in RELATIONS}
    for rewrite in case.rewrites:
        languages[rewrite.relation].add(rewrite.language)
    assert len(languages["translation"]) >= 4
    assert len(languages["disguised"]) >= 2
    assert len(languages["independent"]) >= 2
    assert len(list((case.directory / "original").iterdir())) == 1
    assert (case.directory / "SPEC.md").is_file()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_truth_names_existing_files_and_valid_relations(case: CaseTruth) -> None:
    for rewrite in case.rewrites:
        assert rewrite.relation in RELATIONS, rewrite.path
        assert (case.directory / rewrite.path).is_file(), rewrite.path
        for original in rewrite.derives_from:
            assert (case.directory / original).is_file(), original
        if rewrite.relation == "independent":
            assert rewrite.derives_from == () and rewrite.units == {}, rewrite.path
        else:
            assert rewrite.derives_from, rewrite.path


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_rewrite_file_is_in_the_truth(case: CaseTruth) -> None:
    listed = {rewrite.path for rewrite in case.rewrites}
    counts = Counter(rewrite.path for rewrite in case.rewrites)
    assert [path for path, n in counts.items() if n > 1] == []
    for folder in ("translation", "disguised", "independent", "rewrite"):
        root = case.directory / folder
        if not root.is_dir():
            continue
        on_disk = {
            str(path.relative_to(case.directory))
            for path in root.rglob("*")
            if path.is_file() and path.suffix not in NON_SOURCE
        }
        assert on_disk - listed == set()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_unit_names_appear_in_their_files(case: CaseTruth) -> None:
    for rewrite in case.rewrites:
        rewrite_text = (case.directory / rewrite.path).read_text(encoding="utf-8")
        original_text = "\n".join(
            (case.directory / original).read_text(encoding="utf-8")
            for original in rewrite.derives_from
        )
        for rewrite_unit, original_unit in rewrite.units.items():
            assert rewrite_unit.rsplit(".", 1)[-1] in rewrite_text, (rewrite.path, rewrite_unit)
            last = original_unit.rsplit(".", 1)[-1]
            assert last in original_text or last in {"constructor", "__init__"}, (
                rewrite.path,
                original_unit,
            )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_original_unit_names_are_the_units_the_ir_finds(case: CaseTruth) -> None:
    """The truth names an original unit as `compare` reports it (`Outer.Inner.method` for a
    nested class), so unit precision and recall count name agreements, not spellings."""
    for rewrite in case.rewrites:
        found: set[str] = set()
        for original in rewrite.derives_from:
            path = case.directory / original
            lowered = lower_source(path.name, case.original_language, path.read_bytes())
            found |= {unit.name for unit in lowered.units}
        missing = set(rewrite.units.values()) - found
        assert missing == set(), (rewrite.path, sorted(missing))
