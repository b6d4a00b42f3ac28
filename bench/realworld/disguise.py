"""Same-language disguise of JavaScript files: rename, reorder, reformat.

For each JavaScript file (`.js`, `.mjs`, `.cjs`) the rewrite keeps the behaviour and changes
what a reader sees:
- every identifier the file declares (top-level and local: variables, functions, classes,
  parameters, catch and loop bindings) gets a fresh name, consistently within the file;
  property names after `.`, object keys and imported names are kept (shorthand properties are
  expanded to `key: newName` so the key stays);
- top-level function declarations are shuffled among their own slots, and so are the methods
  of each class (both are order-free in JavaScript), with a seed derived from the file's path;
- the layout changes: comments removed, braces of function and control-flow blocks moved to
  their own line, one-line blocks expanded, indentation re-based (2 spaces to 4, 4 to 2);
- the result must parse without error nodes (tree-sitter, through `provenance.parsing`).

    python bench/realworld/disguise.py SOURCE_DIR OUT_DIR [--seed N]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections.abc import Iterator
from pathlib import Path

from tree_sitter import Node

from provenance.parsing import parse_source

EXTENSIONS = (".js", ".mjs", ".cjs")
WORDS = (
    "acc", "alpha", "anchor", "arg", "atom", "base", "beta", "bin", "block", "buf", "cell",
    "chunk", "cur", "data", "delta", "doc", "drop", "edge", "elem", "entry", "field", "flag",
    "frame", "gamma", "head", "hold", "item", "key", "kit", "lane", "leaf", "left", "link",
    "load", "mark", "memo", "mode", "node", "note", "pack", "part", "peek", "piece", "pin",
    "plan", "pool", "port", "probe", "quad", "rank", "ref", "rest", "right", "row", "seg",
    "shard", "slot", "span", "stack", "step", "store", "tail", "tag", "tape", "tick", "tile",
    "tip", "unit", "val", "vec", "walk", "ward", "wire", "word", "zone",
)
KEYWORDS = {
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "export", "extends", "finally", "for", "function", "if", "import", "in",
    "instanceof", "let", "new", "return", "super", "switch", "this", "throw", "try", "typeof",
    "var", "void", "while", "with", "yield", "await", "async", "of", "static", "get", "set",
    "null", "true", "false", "undefined", "arguments", "eval", "enum", "implements",
    "interface", "package", "private", "protected", "public",
}
FUNCTION_TYPES = {
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "function",
    "generator_function",
}
ALLMAN_PARENTS = FUNCTION_TYPES | {
    "method_definition",
    "if_statement",
    "else_clause",
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
    "try_statement",
    "catch_clause",
    "finally_clause",
}


class DisguiseError(Exception):
    """The rewrite of one file did not parse cleanly."""


def _walk(node: Node) -> Iterator[Node]:
    cursor = node.walk()
    while True:
        yield cursor.node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return


def _parse(path: str, data: bytes) -> Node:
    return parse_source(path, "javascript", data).tree.root_node


def _apply(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    out = data
    last = len(data) + 1
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        if end > last:  # overlapping edit: keep the later (outer-first) one only
            continue
        out = out[:start] + text + out[end:]
        last = start
    return out


def _binding_names(node: Node, into: set[str]) -> None:
    """Names bound by a declaration target or a parameter (identifiers inside patterns)."""
    kind = node.type
    if kind in ("identifier", "shorthand_property_identifier_pattern"):
        into.add(node.text.decode())
    elif kind == "pair_pattern":
        value = node.child_by_field_name("value")
        if value is not None:
            _binding_names(value, into)
    elif kind == "assignment_pattern":
        left = node.child_by_field_name("left")
        if left is not None:
            _binding_names(left, into)
    elif kind in ("object_pattern", "array_pattern", "rest_pattern", "formal_parameters"):
        for child in node.named_children:
            _binding_names(child, into)


def declared_names(root: Node) -> tuple[set[str], set[str]]:
    """(names the file declares, names it imports)."""
    declared: set[str] = set()
    imported: set[str] = set()
    for node in _walk(root):
        kind = node.type
        if kind == "import_clause" or kind == "namespace_import":
            for sub in _walk(node):
                if sub.type == "identifier":
                    imported.add(sub.text.decode())
        elif kind == "variable_declarator":
            name = node.child_by_field_name("name")
            if name is not None:
                _binding_names(name, declared)
        elif kind in FUNCTION_TYPES or kind in ("class_declaration", "class"):
            name = node.child_by_field_name("name")
            if name is not None and name.type == "identifier":
                declared.add(name.text.decode())
            params = node.child_by_field_name("parameters")
            if params is not None:
                _binding_names(params, declared)
        elif kind in ("arrow_function", "method_definition"):
            param = node.child_by_field_name("parameter")
            if param is not None:
                _binding_names(param, declared)
            params = node.child_by_field_name("parameters")
            if params is not None:
                _binding_names(params, declared)
        elif kind == "catch_clause":
            param = node.child_by_field_name("parameter")
            if param is not None:
                _binding_names(param, declared)
        elif kind == "for_in_statement":
            left = node.child_by_field_name("left")
            if left is not None and node.child_by_field_name("kind") is not None:
                _binding_names(left, declared)
    return declared - imported, imported


def _fresh_names(names: list[str], taken: set[str], rng: random.Random) -> dict[str, str]:
    mapping: dict[str, str] = {}
    used = set(taken) | KEYWORDS
    for name in names:
        while True:
            first, second = rng.sample(WORDS, 2)
            candidate = first + second.capitalize()
            if name[:1].isupper():
                candidate = candidate[:1].upper() + candidate[1:]
            if name.isupper() and len(name) > 1:
                candidate = f"{first}_{second}".upper()
            if rng.random() < 0.3:
                candidate += str(rng.randint(2, 9))
            if candidate not in used:
                break
        used.add(candidate)
        mapping[name] = candidate
    return mapping


def rename(path: str, data: bytes, rng: random.Random) -> bytes:
    root = _parse(path, data)
    declared, _ = declared_names(root)
    taken = {n.text.decode() for n in _walk(root) if n.type.endswith("identifier")}
    mapping = _fresh_names(sorted(declared), taken, rng)
    edits: list[tuple[int, int, bytes]] = []
    for node in _walk(root):
        kind = node.type
        if kind == "comment":
            edits.append((node.start_byte, node.end_byte, b" "))
            continue
        if kind not in ("identifier", "shorthand_property_identifier",
                        "shorthand_property_identifier_pattern"):
            continue
        name = node.text.decode()
        if name not in mapping:
            continue
        parent = node.parent
        if parent is not None and parent.type in ("import_specifier", "namespace_import",
                                                  "import_clause"):
            continue
        new = mapping[name].encode()
        if kind != "identifier":  # `{a}` keeps its key: `{a: new}`
            new = node.text + b": " + new
        edits.append((node.start_byte, node.end_byte, new))
    out = _apply(data, edits)
    # drop lines that only held a comment (when no block comment changed the line count)
    lines, before = out.split(b"\n"), data.split(b"\n")
    if len(lines) != len(before):
        return out
    kept = [line for old, line in zip(before, lines, strict=True)
            if line.strip() or not old.strip()]
    return b"\n".join(kept)


def reorder(path: str, data: bytes, rng: random.Random) -> bytes:
    root = _parse(path, data)
    groups: list[list[Node]] = []
    top: list[Node] = []
    for child in root.named_children:
        target = child
        if child.type == "export_statement":
            declaration = child.child_by_field_name("declaration")
            target = declaration if declaration is not None else child
        if target.type in ("function_declaration", "generator_function_declaration"):
            top.append(child)
    groups.append(top)
    for node in _walk(root):
        if node.type == "class_body":
            groups.append([m for m in node.named_children if m.type == "method_definition"
                           and (m.child_by_field_name("name") is None
                                or m.child_by_field_name("name").text != b"constructor")])
    edits: list[tuple[int, int, bytes]] = []
    for group in groups:
        if len(group) < 2:
            continue
        order = list(range(len(group)))
        for _ in range(5):
            rng.shuffle(order)
            if order != sorted(order):
                break
        for slot, source in zip(group, order, strict=True):
            edits.append((slot.start_byte, slot.end_byte, group[source].text))
    # class bodies nest inside top-level functions rarely; keep outer edits on overlap
    return _apply(data, edits)


def _line_indent(data: bytes, offset: int) -> bytes:
    start = data.rfind(b"\n", 0, offset) + 1
    end = start
    while end < len(data) and data[end : end + 1] in (b" ", b"\t"):
        end += 1
    return data[start:end]


def relayout(path: str, data: bytes, unit: bytes) -> bytes:
    root = _parse(path, data)
    edits: list[tuple[int, int, bytes]] = []
    for node in _walk(root):
        if node.type != "statement_block" or node.parent is None:
            continue
        if node.parent.type not in ALLMAN_PARENTS:
            continue
        indent = _line_indent(data, node.start_byte)
        # move `{` to its own line
        gap_start = node.start_byte
        while gap_start > 0 and data[gap_start - 1 : gap_start] in (b" ", b"\t"):
            gap_start -= 1
        if data[gap_start - 1 : gap_start] != b"\n":
            edits.append((gap_start, node.start_byte, b"\n" + indent))
        # expand a one-line block
        if node.start_point[0] == node.end_point[0] and node.named_child_count:
            inner = data[node.start_byte + 1 : node.end_byte - 1].strip()
            text = b"{\n" + indent + unit + inner + b"\n" + indent + b"}"
            edits.append((node.start_byte, node.end_byte, text))
    return _apply(data, edits)


def _protected_lines(root: Node) -> set[int]:
    """Lines that start inside a template string: their leading whitespace is content."""
    lines: set[int] = set()
    for node in _walk(root):
        if node.type in ("template_string", "string") and node.end_point[0] > node.start_point[0]:
            lines.update(range(node.start_point[0] + 1, node.end_point[0] + 1))
    return lines


def reindent(path: str, data: bytes, unit: int, new_unit: bytes) -> bytes:
    protected = _protected_lines(_parse(path, data))
    out = []
    for number, line in enumerate(data.split(b"\n")):
        if number in protected:
            out.append(line)
            continue
        body = line.lstrip(b" \t")
        if not body:
            out.append(b"")
            continue
        width = len(line) - len(body)
        level, extra = divmod(width, unit)
        out.append(new_unit * level + b" " * extra + body.rstrip())
    return b"\n".join(out)


def _indent_unit(data: bytes) -> int:
    widths = [len(line) - len(line.lstrip(b" ")) for line in data.split(b"\n") if line.strip()]
    widths = [w for w in widths if w]
    return min(widths) if widths else 2


def disguise_source(path: str, data: bytes, seed: int = 0) -> bytes:
    digest = hashlib.sha256(f"{seed}:{path}".encode()).digest()
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    unit = _indent_unit(data)
    out = rename(path, data, rng)
    out = reorder(path, out, rng)
    out = relayout(path, out, b" " * unit)
    out = reindent(path, out, unit, b"    " if unit <= 2 else b"  ")
    out = out.strip(b"\n") + b"\n"
    if _parse(path, out).has_error:
        raise DisguiseError(f"{path}: the disguised rewrite does not parse cleanly")
    return out


def disguise_tree(source: Path, target: Path, seed: int = 0) -> list[str]:
    """Disguise every JavaScript file under `source` into `target` (same relative paths)."""
    written = []
    for file in sorted(source.rglob("*")):
        if not file.is_file() or file.suffix not in EXTENSIONS:
            continue
        relative = file.relative_to(source).as_posix()
        data = file.read_bytes()
        if _parse(relative, data).has_error:
            continue  # the original itself does not parse; nothing to disguise
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(disguise_source(relative, data, seed))
        written.append(relative)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        written = disguise_tree(args.source, args.target, args.seed)
    except DisguiseError as error:
        print(f"disguise: {error}", file=sys.stderr)
        return 1
    print(f"disguised {len(written)} files into {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
