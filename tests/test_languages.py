"""The language registry: every grammar loads and every name in its TOML exists in it."""

from __future__ import annotations

import re

import pytest

from provenance.languages import all_languages, same_language, ts_language

EXPECTED = {
    "python", "javascript", "typescript", "tsx", "go", "rust", "java", "c", "cpp",
    "csharp", "ruby", "php", "kotlin", "swift", "scala", "lua",
}  # fmt: skip


def test_all_sixteen_grammars_are_registered() -> None:
    assert set(all_languages()) == EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_grammar_loads_and_knows_its_comment_types(name: str) -> None:
    spec = all_languages()[name]
    grammar = ts_language(name)
    assert grammar.node_kind_count > 50
    assert spec.comment_types, f"{name} declares no comment node types"
    for comment_type in spec.comment_types:
        assert grammar.id_for_node_kind(comment_type, True), f"{name}: no node type {comment_type}"
    assert spec.grammar_version != "not installed"


def test_no_extension_is_claimed_twice() -> None:
    owners: dict[str, str] = {}
    for spec in all_languages().values():
        for extension in spec.extensions:
            assert extension not in owners, f"{extension}: {owners.get(extension)} and {spec.name}"
            owners[extension] = spec.name


def test_header_markers_compile() -> None:
    for spec in all_languages().values():
        for marker in spec.header_markers:
            re.compile(marker)


def test_typescript_and_tsx_are_javascript_for_comparison() -> None:
    assert same_language("typescript", "javascript") and same_language("tsx", "typescript")
    assert same_language("python", "python")
    assert not same_language("python", "javascript") and not same_language("c", "cpp")
    assert not same_language("typescript", "cobol")  # an unknown name is no family
    assert {spec.family for spec in all_languages().values()} >= {"javascript", "python"}
