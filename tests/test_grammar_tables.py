"""Every name in every grammar table exists in its grammar; every kind and operator is known."""

from __future__ import annotations

import pytest

from provenance.ir import lower_source
from provenance.ir.table import compile_grammar, validate
from provenance.languages import all_languages

from .conftest import FIXTURES

LOWERED = sorted(name for name, spec in all_languages().items() if "lower" in spec.table)
SAMPLES = {path.suffix: path for path in (FIXTURES / "languages").iterdir()}


def test_every_language_has_a_lowering_table() -> None:
    assert sorted(all_languages()) == LOWERED


@pytest.mark.parametrize("language", LOWERED)
def test_table_names_exist_in_the_grammar(language: str) -> None:
    assert validate(language) == []


@pytest.mark.parametrize("language", LOWERED)
def test_table_compiles(language: str) -> None:
    compiled = compile_grammar(language)
    assert len(compiled.actions) >= len(compiled.node_names) - 1


@pytest.mark.parametrize("language", LOWERED)
def test_sample_lowers_without_unmapped_nodes(language: str) -> None:
    spec = all_languages()[language]
    sample = next(SAMPLES[ext] for ext in spec.extensions if ext in SAMPLES)
    lowered = lower_source(sample.name, language, sample.read_bytes())
    assert dict(lowered.stats.unmapped) == {}
    assert lowered.units, f"{language}: no units found in {sample.name}"
