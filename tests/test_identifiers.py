"""Identifier subwords."""

from __future__ import annotations

import pytest

from provenance.ir.identifiers import split_identifier


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("parseHeader", ("parse", "header")),
        ("parse_header", ("parse", "header")),
        ("ParseHeader", ("parse", "header")),
        ("PARSE_HEADER", ("parse", "header")),
        ("HTTPServer", ("http", "server")),
        ("getHTTPResponseCode", ("get", "http", "response", "code")),
        ("utf8Decode", ("utf", "8", "decode")),
        ("__init__", ("init",)),
        ("kebab-case-name", ("kebab", "case", "name")),
        ("x", ("x",)),
        ("", ()),
    ],
)
def test_split_identifier(name: str, words: tuple[str, ...]) -> None:
    assert split_identifier(name) == words
