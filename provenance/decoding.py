"""Turn a file's bytes into the UTF-8 buffer that tree-sitter parses and spans point into.

Valid UTF-8 is used as it is (no copy). A UTF-8 byte-order mark is stripped, UTF-16 with a BOM
is transcoded, and anything else falls back to Latin-1, which never fails. Every span produced
later is a byte range of `DecodedSource.data`, so reports slice that buffer, never the raw file;
line numbers are the same in both.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class UndecodableError(ValueError):
    """The file declares an encoding (a BOM) that its content contradicts."""


@dataclass(frozen=True, slots=True)
class DecodedSource:
    data: bytes
    """UTF-8 text, the parser's input and the space of all byte offsets."""
    encoding: str
    """What the file was read as: utf-8, utf-8-sig, utf-16-le, utf-16-be or latin-1."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_source(raw: bytes) -> DecodedSource:
    """Decode `raw` robustly; raises UndecodableError only when a BOM lies about the content."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            body = raw[len(bom) :]
            if encoding == "utf-8-sig":
                return _utf8_or_latin1(body, bom_encoding=encoding)
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableError(
                    f"invalid {encoding.upper()} after its BOM: {error.reason}"
                ) from None
            return DecodedSource(text.encode("utf-8"), encoding)
    return _utf8_or_latin1(raw, bom_encoding=None)


def _utf8_or_latin1(raw: bytes, bom_encoding: str | None) -> DecodedSource:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return DecodedSource(raw.decode("latin-1").encode("utf-8"), "latin-1")
    return DecodedSource(raw, bom_encoding or "utf-8")
