"""Language detection: extensions, shebangs, `.h` content and the pygments fallbacks."""

from __future__ import annotations

import pytest

from provenance.detect import detect_language
from provenance.languages import all_languages


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("a/b.py", "python"), ("x.pyi", "python"), ("x.js", "javascript"), ("x.mjs", "javascript"),
        ("x.cjs", "javascript"), ("x.jsx", "javascript"), ("x.ts", "typescript"),
        ("x.mts", "typescript"), ("x.cts", "typescript"), ("x.tsx", "tsx"), ("x.go", "go"),
        ("x.rs", "rust"), ("X.java", "java"), ("x.c", "c"), ("x.cc", "cpp"), ("x.cpp", "cpp"),
        ("x.cxx", "cpp"), ("x.hpp", "cpp"), ("x.hh", "cpp"), ("x.cs", "csharp"), ("x.rb", "ruby"),
        ("x.php", "php"), ("x.kt", "kotlin"), ("x.kts", "kotlin"), ("x.swift", "swift"),
        ("x.scala", "scala"), ("x.sc", "scala"), ("x.lua", "lua"), ("UPPER.PY", "python"),
    ],
)  # fmt: skip
def test_extensions(path: str, language: str) -> None:
    assert detect_language(path, b"") == language


def test_every_declared_extension_detects_its_language() -> None:
    for spec in all_languages().values():
        for extension in spec.extensions:
            if extension != ".h":
                assert detect_language(f"file{extension}", b"") == spec.name


def test_header_is_c_by_default_and_cpp_with_cpp_constructs() -> None:
    assert detect_language("x.h", b"#include <stdio.h>\nint add(int a, int b);\n") == "c"
    assert detect_language("x.h", b"namespace util {\nint add(int a, int b);\n}\n") == "cpp"
    assert detect_language("x.h", b"#pragma once\ntemplate <typename T> T id(T v);\n") == "cpp"
    assert detect_language("x.h", b"class Parser {\n public:\n  int parse();\n};\n") == "cpp"


@pytest.mark.parametrize(
    ("head", "language"),
    [
        (b"#!/usr/bin/env python3\nprint(1)\n", "python"),
        (b"#!/usr/bin/python3.11\nprint(1)\n", "python"),
        (b"#!/usr/bin/env node\nconsole.log(1)\n", "javascript"),
        (b"#! /usr/bin/ruby -w\nputs 1\n", "ruby"),
        (b"#!/usr/bin/env lua5.4\nprint(1)\n", "lua"),
        (b"#!/bin/sh\necho hi\n", None),
    ],
)
def test_shebang_for_files_without_extension(head: bytes, language: str | None) -> None:
    assert detect_language("bin/tool", head) == language


def test_pygments_filename_patterns() -> None:
    assert detect_language("Rakefile", b"task :default\n") == "ruby"
    assert detect_language("SConstruct", b"env = Environment()\n") == "python"


def test_unknown_extension_is_not_guessed_from_content() -> None:
    assert detect_language("notes.txt", b"def f():\n    return 1\n") is None
    assert detect_language("data.json", b'{"a": 1}') is None


def test_extensionless_prose_is_not_code() -> None:
    assert detect_language("README", b"This project does things.\n") is None
