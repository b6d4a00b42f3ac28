"""Normalise literal values so that translations of one literal compare equal.

Strings lose their quotes, prefixes and escapes; each interpolation becomes `{}` (the lowering
engine marks holes with NUL). Numbers are compared by value: `0x10`, `16`, `16.0`, `1_6`,
`16L` and `16u32` all give the integer 16.
"""

from __future__ import annotations

import re

from provenance.ir.kinds import Kind

_PREFIX = re.compile(r"^[A-Za-z@$]{0,3}(?=[\"'`#\[%<])")
_LUA_LONG = re.compile(r"^\[(=*)\[(.*)\]\1\]$", re.DOTALL)
_RUST_RAW = re.compile(r'^(#+)"(.*)"\1$', re.DOTALL)
_HEREDOC = re.compile(r"^<<[-~]?['\"]?(\w+)['\"]?\r?\n(.*)\n\s*\1;?$", re.DOTALL)
_ESCAPE = re.compile(
    r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)", re.DOTALL
)
_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v", "a": "\a",
    "e": "\x1b", "\\": "\\", '"': '"', "'": "'", "`": "`", "$": "$", "{": "{", "}": "}",
    "/": "/", "\n": "",
}  # fmt: skip
_NUMBER_SUFFIX = re.compile(r"(?:[iu](?:8|16|32|64|128|size)|f(?:32|64)|[lLuUfFdDmMn]+)$")
_HEX_SUFFIX = re.compile(r"(?:[iu](?:8|16|32|64|128|size)|[lLuU]+)$")
_C_OCTAL = re.compile(r"0[0-7]+")


def normalise_string(raw: str) -> str:
    """Quotes and prefixes stripped, escapes resolved, interpolation holes as `{}`."""
    body = _strip_delimiters(raw)
    if "\\" in body:
        body = _ESCAPE.sub(_unescape, body)
    return body.replace("\x00", "{}")


def _strip_delimiters(raw: str) -> str:
    text = raw.strip()
    heredoc = _HEREDOC.match(text)
    if heredoc:
        return heredoc.group(2)
    text = _PREFIX.sub("", text, count=1)
    long_bracket = _LUA_LONG.match(text)
    if long_bracket:
        return long_bracket.group(2)
    raw_string = _RUST_RAW.match(text)
    if raw_string:
        return raw_string.group(2)
    for quote in ('"""', "'''"):
        if len(text) >= 6 and text.startswith(quote) and text.endswith(quote):
            return text[3:-3]
    if len(text) >= 2 and text[0] in "\"'`" and text[-1] == text[0]:
        return text[1:-1]
    if text.startswith("%") and len(text) >= 3:  # Ruby %q(...) and friends
        return text[text.index(text[2]) + 1 if text[1].isalpha() else 2 : -1]
    return text


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[code]
    try:
        if code.startswith("u{"):
            return chr(int(code[2:-1], 16))
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        if code.isdigit():
            return chr(int(code, 8))
    except (ValueError, OverflowError):
        pass
    return code


def normalise_number(raw: str) -> tuple[Kind, str]:
    """(LIT_INT or LIT_FLOAT, canonical value text); integral values are integers."""
    text = raw.strip().replace("_", "").replace("'", "")
    lowered = text.lower()
    try:
        if lowered.startswith("0x") and "p" not in lowered and "." not in lowered:
            return Kind.LIT_INT, str(int(_HEX_SUFFIX.sub("", text)[2:], 16))
        stripped = _NUMBER_SUFFIX.sub("", text)
        if lowered.startswith(("0b", "0o")):
            return Kind.LIT_INT, str(int(stripped, 0))
        if _C_OCTAL.fullmatch(stripped):
            return Kind.LIT_INT, str(int(stripped, 8))
        value = float(stripped)
    except ValueError:
        return Kind.LIT_FLOAT, lowered
    if value.is_integer() and abs(value) < 2**63:
        return Kind.LIT_INT, str(int(value))
    return Kind.LIT_FLOAT, repr(value)
