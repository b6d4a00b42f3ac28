"""Translations converge: the same functions in 16 languages look alike after lowering.

The floors below guard against regressions; the measured figures are in
bench/results/convergence.json (python bench/convergence.py).
"""

from __future__ import annotations

from provenance.ir.convergence import convergence, load_functions
from provenance.languages import all_languages

from .conftest import FIXTURES

FUNCTIONS = 12


def test_every_language_has_the_convergence_functions() -> None:
    functions = load_functions(FIXTURES / "convergence")
    per_language: dict[str, int] = {}
    for function in functions:
        per_language[function.language] = per_language.get(function.language, 0) + 1
    assert set(per_language) == set(all_languages())
    assert all(count >= FUNCTIONS for count in per_language.values()), per_language


def test_corresponding_functions_are_more_alike_than_others() -> None:
    report = convergence(load_functions(FIXTURES / "convergence"))
    assert report.corresponding_mean > report.other_mean + 0.1
    assert report.auc >= 0.80
    assert report.worst_language_auc[1] >= 0.55, report.per_language_auc
