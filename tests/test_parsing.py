"""Parsing and measuring: every language parses its sample cleanly, LOC counts are right."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from provenance.inventory import take_inventory
from provenance.languages import all_languages
from provenance.parsing import measure, parse_source

from .conftest import FIXTURES, TreeMaker

SAMPLES = FIXTURES / "languages"


def test_every_language_has_a_sample_that_parses_without_errors() -> None:
    inventory = take_inventory(SAMPLES, jobs=1)
    by_language = {totals.language: totals for totals in inventory.by_language()}
    assert set(by_language) == set(all_languages())
    for language, totals in by_language.items():
        assert totals.files == 1, language
        assert totals.error_nodes == 0, language
        assert totals.loc > 0, language
    assert inventory.skipped == []


def measure_text(language: str, text: str) -> tuple[int, int]:
    stats = measure(parse_source(f"snippet.{language}", language, text.encode()))
    return stats.loc, stats.error_nodes


def test_loc_skips_blank_and_comment_lines_python() -> None:
    text = (
        "# a comment\n"
        "\n"
        "def f(x):\n"
        '    """Docstring lines\n'
        '    are code lines."""\n'
        "    # inside\n"
        "    return x  # trailing comment\n"
    )
    assert measure_text("python", text) == (4, 0)


def test_loc_counts_multiline_strings_and_skips_block_comments_c_family() -> None:
    text = (
        "/* header\n"
        " * more header\n"
        " */\n"
        "const s = `line one\n"
        "line two`;\n"
        "\n"
        "// note\n"
        "function f() { /* inline */ return s; }\n"
    )
    assert measure_text("javascript", text) == (3, 0)
    rust = "//! crate doc\n/* block */\nfn main() {\n    // c\n    let x = 1;\n}\n"
    assert measure_text("rust", rust) == (3, 0)


def test_comment_only_file_has_no_code() -> None:
    assert measure_text("python", "# only a comment\n") == (0, 0)
    assert measure_text("lua", "-- only a comment\n") == (0, 0)


def test_syntax_errors_are_counted_not_fatal() -> None:
    loc, errors = measure_text("python", "def broken(:\n    return )\n")
    assert loc == 2
    assert errors > 0


def test_garbage_bytes_with_python_name_are_parsed_with_errors(make_tree: TreeMaker) -> None:
    rng = random.Random(7)
    garbage = bytes(rng.choice(range(1, 256)) for _ in range(4000))
    root = make_tree({"garbage.py": garbage, "ok.py": "x = 1\n"})
    inventory = take_inventory(root, jobs=1)
    stats = {s.path: s for s in inventory.files}
    assert set(stats) == {"garbage.py", "ok.py"}
    assert stats["garbage.py"].error_nodes > 0
    assert stats["garbage.py"].encoding == "latin-1"
    assert stats["ok.py"].error_nodes == 0


def test_undecodable_file_is_skipped_with_reason(make_tree: TreeMaker) -> None:
    root = make_tree({"bad.py": b"\xff\xfe\x00\xd8a", "ok.py": "x = 1\n"})
    inventory = take_inventory(root, jobs=1)
    assert [s.path for s in inventory.files] == ["ok.py"]
    assert inventory.skipped[0].path == "bad.py"
    assert inventory.skipped[0].reason.startswith("undecodable")


def test_deeply_nested_code_does_not_exhaust_the_stack() -> None:
    depth = 5000
    text = "x = " + "[" * depth + "]" * depth + "\n"
    loc, _ = measure_text("python", text)
    assert loc == 1


def test_parallel_and_sequential_inventories_agree(make_tree: TreeMaker) -> None:
    files = {f"pkg/m{i}.py": f"def f{i}(x):\n    return x + {i}\n" for i in range(150)}
    files.update({f"web/c{i}.ts": f"export const c{i} = {i};\n// done\n" for i in range(50)})
    root = make_tree(files)
    sequential = take_inventory(root, jobs=1)
    parallel = take_inventory(root, jobs=2)
    assert sorted(sequential.files, key=lambda s: s.path) == sorted(
        parallel.files, key=lambda s: s.path
    )
    assert sequential.totals().loc == 150 * 2 + 50


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()))
def test_sample_lines_of_code_are_below_physical_lines(sample: str) -> None:
    inventory = take_inventory(SAMPLES, jobs=1)
    stats = {s.path: s for s in inventory.files}[sample]
    raw = (SAMPLES / sample).read_text().splitlines()
    non_blank = [line for line in raw if line.strip()]
    assert 0 < stats.loc < len(non_blank)  # every sample has at least one comment line


def test_repository_demo_is_clean() -> None:
    inventory = take_inventory(Path(FIXTURES / "demo"), jobs=1)
    assert {t.language for t in inventory.by_language()} == {"typescript", "python"}
    assert inventory.totals().error_nodes == 0
