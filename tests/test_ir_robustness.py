"""Lowering never raises: randomly mutated real files and random bytes, in every grammar."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.ir import Kind, lower_source
from provenance.languages import all_languages
from provenance.parsing import SkipFile

from .conftest import FIXTURES

SAMPLES = {path.suffix: path.read_bytes() for path in (FIXTURES / "languages").iterdir()}
LANGUAGES = sorted(all_languages())


def sample_for(language: str) -> bytes:
    spec = all_languages()[language]
    return next(SAMPLES[ext] for ext in spec.extensions if ext in SAMPLES)


mutation = st.tuples(
    st.sampled_from(["delete", "insert", "duplicate", "swap"]),
    st.floats(0, 1),
    st.floats(0, 1),
    st.binary(max_size=12),
)


def mutate(source: bytes, edits: list[tuple[str, float, float, bytes]]) -> bytes:
    data = bytearray(source)
    for action, where, length, payload in edits:
        if not data:
            data.extend(payload)
            continue
        start = int(where * (len(data) - 1))
        end = min(len(data), start + 1 + int(length * 40))
        if action == "delete":
            del data[start:end]
        elif action == "insert":
            data[start:start] = payload
        elif action == "duplicate":
            data[start:start] = data[start:end]
        else:
            other = int(length * (len(data) - 1))
            data[start], data[other] = data[other], data[start]
    return bytes(data)


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(mutation, min_size=1, max_size=8))
def test_mutated_real_files_lower(
    language: str, edits: list[tuple[str, float, float, bytes]]
) -> None:
    try:
        lowered = lower_source("mutated", language, mutate(sample_for(language), edits))
    except SkipFile:  # a mutation can forge a byte-order mark; skipping it is the right outcome
        return
    for unit in lowered.units:
        assert unit.node.start_byte <= unit.node.end_byte <= len(lowered.source)


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=15, deadline=None)
@given(data=st.binary(max_size=400))
def test_random_bytes_lower(language: str, data: bytes) -> None:
    try:
        lowered = lower_source("random", language, data)
    except SkipFile:
        return
    assert lowered.module.kind.name == "MODULE"


def test_long_boolean_chains_lower_without_recursion() -> None:
    """Generated code writes conditions of thousands of terms; each nests one level deeper
    than the last, so the passes over them must not recurse."""
    terms = " or\n        ".join(f"x == {i}" for i in range(3000))
    code = f"def f(x):\n    if ({terms}):\n        return 1\n    return 0\n"
    lowered = lower_source("deep.py", "python", code.encode())
    [unit] = lowered.units
    branch = next(node for node in unit.node.walk() if node.kind is Kind.IF)
    assert branch.children[0].role == "cond"
    assert sum(1 for node in branch.children[0].walk() if node.kind is Kind.LIT_INT) == 3000
