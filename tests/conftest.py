"""Shared test helpers: build small source trees on disk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from provenance.ir import lower_source

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"

TreeMaker = Callable[[Mapping[str, str | bytes]], Path]


def unit_sexpr(language: str, code: str, name: str | None = None) -> str:
    """The IR s-expression of a snippet's first unit (or of the unit called `name`)."""
    lowered = lower_source("snippet", language, code.encode())
    units = [u for u in lowered.units if u.kind != "module"]
    unit = units[0] if name is None else next(u for u in lowered.units if u.name == name)
    return unit.node.to_sexpr()


@pytest.fixture
def make_tree(tmp_path: Path) -> TreeMaker:
    """Write {relative path: text or bytes} under a fresh directory and return it."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        root = tmp_path / "tree"
        root.mkdir(exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make
