"""Decoding keeps the parser's input UTF-8 and the spans meaningful."""

from __future__ import annotations

import codecs

import pytest

from provenance.decoding import UndecodableError, decode_source
from provenance.parsing import parse_source

TEXT = 'name = "Zoë"  # naïve café\nvalue = 1\n'


def test_plain_utf8_is_used_unchanged() -> None:
    raw = TEXT.encode("utf-8")
    decoded = decode_source(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.data is raw


def test_utf8_bom_is_stripped() -> None:
    decoded = decode_source(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert decoded.encoding == "utf-8-sig"
    assert decoded.data == TEXT.encode("utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_bom_is_transcoded(bom: bytes, codec: str) -> None:
    decoded = decode_source(bom + TEXT.encode(codec))
    assert decoded.encoding == codec
    assert decoded.data.decode("utf-8") == TEXT


def test_latin1_fallback() -> None:
    decoded = decode_source(TEXT.encode("latin-1"))
    assert decoded.encoding == "latin-1"
    assert decoded.data.decode("utf-8") == TEXT


def test_utf16_bom_with_broken_content_is_undecodable() -> None:
    with pytest.raises(UndecodableError):
        decode_source(codecs.BOM_UTF16_LE + b"\x00\xd8a")  # a lone high surrogate


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "latin-1"])
def test_spans_slice_the_decoded_text(codec: str) -> None:
    parsed = parse_source("x.py", "python", TEXT.encode(codec))
    string_node = parsed.tree.root_node.child(0).child(0).child_by_field_name("right")
    assert string_node is not None
    text = parsed.source.data[string_node.start_byte : string_node.end_byte].decode("utf-8")
    assert text == '"Zoë"'
    assert string_node.start_point.row == 0
