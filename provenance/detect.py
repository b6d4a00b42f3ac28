"""Decide which registered language a file is written in.

Order of evidence: the extension (with a content check where languages share one, as C and C++
share `.h`: the grammar tables' `shared_extensions` and `header_markers`), then a
shebang line, then pygments' filename patterns (`Rakefile`, `SConstruct`), and last, for files
with no extension at all, pygments' content analysis. Everything consulted is local.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import PurePosixPath

from pygments.lexers import find_lexer_class_by_name, get_lexer_for_filename
from pygments.util import ClassNotFound

from provenance.languages import all_languages

_SHEBANG = re.compile(rb"^#!\s*(\S+)(?:[ \t]+(\S+))?")
_VERSION_SUFFIX = re.compile(r"[\d.]+$")
_CONTENT_GUESS_MIN_SCORE = 0.5


@cache
def _by_extension() -> dict[str, str]:
    table: dict[str, str] = {}
    for spec in all_languages().values():
        for extension in spec.extensions:
            table.setdefault(extension.lower(), spec.name)
    return table


@cache
def _by_interpreter() -> dict[str, str]:
    return {
        interpreter: spec.name
        for spec in all_languages().values()
        for interpreter in spec.interpreters
    }


@cache
def _by_pygments_alias() -> dict[str, str]:
    return {
        alias: spec.name for spec in all_languages().values() for alias in spec.pygments_aliases
    }


@cache
def _shared_extension_claims() -> dict[str, tuple[tuple[str, re.Pattern[bytes]], ...]]:
    """Per shared extension (`.h`), the content patterns by which another language claims it."""
    claims: dict[str, list[tuple[str, re.Pattern[bytes]]]] = {}
    for spec in all_languages().values():
        for extension in spec.shared_extensions:
            for marker in spec.header_markers:
                pattern = re.compile(marker.encode(), re.MULTILINE)
                claims.setdefault(extension.lower(), []).append((spec.name, pattern))
    return {extension: tuple(found) for extension, found in claims.items()}


def detect_language(path: str, head: bytes) -> str | None:
    """The language name for `path` (relative, posix) given its first bytes, or None."""
    name = PurePosixPath(path).name
    suffix = PurePosixPath(name).suffix.lower()
    language = _by_extension().get(suffix)
    if language is not None:
        for claimant, pattern in _shared_extension_claims().get(suffix, ()):
            if pattern.search(head):
                return claimant
        return language
    language = _from_shebang(head)
    if language is not None:
        return language
    language = _from_pygments_filename(name)
    if language is not None or suffix:
        return language
    return _from_pygments_content(head)


def _from_shebang(head: bytes) -> str | None:
    match = _SHEBANG.match(head)
    if match is None:
        return None
    program = match.group(1).rsplit(b"/", 1)[-1].decode("ascii", "replace")
    if program == "env" and match.group(2):
        program = match.group(2).decode("ascii", "replace")
    interpreters = _by_interpreter()
    return interpreters.get(program) or interpreters.get(_VERSION_SUFFIX.sub("", program))


def _from_pygments_filename(name: str) -> str | None:
    try:
        lexer = get_lexer_for_filename(name)
    except ClassNotFound:
        return None
    return _language_of_aliases(lexer.aliases)


def _from_pygments_content(head: bytes) -> str | None:
    text = head.decode("utf-8", "replace")
    best: tuple[float, str] | None = None
    for spec in all_languages().values():
        lexer_class = _lexer_class(spec.name)
        if lexer_class is None:
            continue
        score = float(lexer_class.analyse_text(text))
        if score >= _CONTENT_GUESS_MIN_SCORE and (best is None or score > best[0]):
            best = (score, spec.name)
    return best[1] if best else None


@cache
def _lexer_class(language: str) -> type | None:
    for alias in all_languages()[language].pygments_aliases:
        try:
            return find_lexer_class_by_name(alias)
        except ClassNotFound:
            continue
    return None


def _language_of_aliases(aliases: list[str]) -> str | None:
    table = _by_pygments_alias()
    for alias in aliases:
        if alias in table:
            return table[alias]
    return None
