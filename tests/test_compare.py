"""`compare` end to end: derived code is found, unrelated code is not, bad input stays clean."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from provenance import compare
from provenance.cli import app
from provenance.ir import Kind, lower_source
from provenance.match.comments import CommentIndex
from provenance.match.compare import Thresholds
from provenance.match.features import unit_features
from provenance.match.graph import AMBIGUOUS_NAME, call_graph

from .conftest import FIXTURES, TreeMaker

DEMO = FIXTURES / "demo"
runner = CliRunner()


def test_translation_is_found_with_its_originals() -> None:
    result = compare(DEMO / "original", DEMO / "rewrite", jobs=1)
    verdicts = {file.path: file for file in result.files}
    assert {path: file.verdict for path, file in verdicts.items()} == {
        "pricing.py": "mirrors",
        "invoice.py": "mirrors",
        "receipt.py": "mirrors",
    }
    assert {o.path for o in verdicts["pricing.py"].originals} == {"money.ts", "tax.ts"}
    assert verdicts["invoice.py"].originals[0].path == "invoice.ts"
    units = {u.rewrite_unit: u.original_unit for u in verdicts["receipt.py"].units}
    assert units["render_receipt"] == "renderReceipt"
    for file in result.files:
        assert file.score > file.chance
        assert "structure" in file.mirrored_by


def _renamed_copy(source: Path, target: Path) -> None:
    """A same-language copy with every identifier renamed (found through the IR) and the
    doc comments removed."""
    target.mkdir(parents=True)
    for path in source.glob("*.ts"):
        names = {
            node.text
            for node in lower_source(path.name, "typescript", path.read_bytes()).module.walk()
            if node.text and node.kind in (Kind.NAME, Kind.FUNC, Kind.PARAM, Kind.CLASS, Kind.FIELD)
        }
        text = re.sub(r"/\*\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        pattern = re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b"
        )
        text = pattern.sub(lambda m: "q" + m.group(1)[::-1], text)
        (target / f"renamed_{path.name}").write_text(text, encoding="utf-8")


def test_same_language_renamed_copy_is_found(tmp_path: Path) -> None:
    _renamed_copy(DEMO / "original", tmp_path / "copy")
    result = compare(DEMO / "original", tmp_path / "copy", jobs=1)
    assert {file.path: file.verdict for file in result.files} == {
        "renamed_invoice.ts": "mirrors",
        "renamed_money.ts": "mirrors",
        "renamed_receipt.ts": "mirrors",
        "renamed_tax.ts": "mirrors",
    }
    assert all(
        file.originals[0].path == file.path.removeprefix("renamed_") for file in result.files
    )


def test_unrelated_code_is_independent() -> None:
    result = compare(DEMO / "original", FIXTURES / "languages", jobs=1)
    assert result.files
    assert result.by_verdict("mirrors") == []


def test_empty_and_one_sided_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert compare(empty, empty, jobs=1).files == []
    one_sided = compare(empty, DEMO / "rewrite", jobs=1)
    assert [file.verdict for file in one_sided.files] == ["independent"] * 3
    assert compare(DEMO / "original", empty, jobs=1).files == []


def test_unparseable_and_foreign_language_files(make_tree: TreeMaker) -> None:
    root = make_tree(
        {
            "garbage.py": bytes(range(1, 250)) * 4,
            "tool.rb": "def helper(x)\n  x * 2\nend\n",
            "blob.py": b"\x00\x01binary",
        }
    )
    result = compare(DEMO / "original", root, jobs=1)
    assert {file.path for file in result.files} == {"garbage.py", "tool.rb"}
    assert all(file.verdict == "independent" for file in result.files)
    assert ("rewrite", "blob.py", "binary") in {(s.side, s.path, s.reason) for s in result.skipped}


def test_cli_compare_table_and_json(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    outcome = runner.invoke(
        app,
        [
            "compare",
            str(DEMO / "original"),
            str(DEMO / "rewrite"),
            "--json",
            str(report),
            "--jobs",
            "1",
        ],
    )
    assert outcome.exit_code == 0, outcome.output
    assert "mirrors" in outcome.stdout and "receipt.py" in outcome.stdout
    data = json.loads(report.read_text())
    assert data["summary"]["mirrors"] == 3
    assert {f["sha256"] for f in data["original_files"]} and len(data["rewrite_files"]) == 3


def test_cli_compare_bad_root_is_one_line(tmp_path: Path) -> None:
    outcome = runner.invoke(app, ["compare", str(tmp_path / "nope"), str(DEMO / "rewrite")])
    assert outcome.exit_code == 2
    assert "no such file or directory" in outcome.output


def test_results_are_deterministic(tmp_path: Path) -> None:
    copy = tmp_path / "rewrite"
    shutil.copytree(DEMO / "rewrite", copy)
    first = compare(DEMO / "original", copy, jobs=1)
    second = compare(DEMO / "original", copy, jobs=2)
    assert first.files == second.files


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_call_graph_decides_between_look_alike_originals(tmp_path: Path) -> None:
    """Two original units read alike statement by statement; the rewrite's helper is matched to
    the one its matched caller's counterpart calls (evidence flows along the call graph)."""
    helper = "        self.{total} += {value}\n        self.{last} = {value}\n"
    original = _write(
        tmp_path / "original",
        {
            "a_counter.py": "class Counter:\n    def add(self, v):\n"
            + helper.format(total="total", value="v", last="previous"),
            "b_render.py": (
                "class Renderer:\n"
                "    def render_line(self, text, width):\n"
                "        if width <= 0:\n"
                "            raise ValueError('width')\n"
                "        padded = text.ljust(width, '.')[:width]\n"
                "        for chunk in padded.split('|'):\n"
                "            self.emit(chunk)\n"
                "        self.emit('\\n')\n"
                "        return len(padded) * 3 + width\n"
                "    def emit(self, s):\n" + helper.format(total="buffer", value="s", last="last")
            ),
        },
    )
    rewrite = _write(
        tmp_path / "rewrite",
        {
            "writer.py": (
                "class Writer:\n"
                "    def line(self, t, w):\n"
                "        if w <= 0:\n"
                "            raise ValueError('w')\n"
                "        p = t.ljust(w, '.')[:w]\n"
                "        for part in p.split('|'):\n"
                "            self.put(part)\n"
                "        self.put('\\n')\n"
                "        return len(p) * 3 + w\n"
                "    def put(self, s):\n" + helper.format(total="buf", value="s", last="last_out")
            )
        },
    )
    result = compare(original, rewrite, jobs=1)
    units = {u.rewrite_unit: u for file in result.files for u in file.units}
    assert units["Writer.line"].original_unit == "Renderer.render_line"
    assert units["Writer.put"].original_unit == "Renderer.emit"
    assert units["Writer.put"].context > 0


def test_calls_resolve_in_the_callers_file_first_and_ambiguous_names_stay_unresolved() -> None:
    """A call of `get` links to the `get` of its own file when there is one; a name defined in
    more units than `AMBIGUOUS_NAME` elsewhere links to none of them (in a large codebase
    linking all would make every unit a neighbour of every other)."""
    sources = {
        "main.py": "def get(k):\n    return k\ndef run(k):\n    return get(k) + helper(k)\n",
        "util.py": "def helper(k):\n    return k\n",
    }
    for index in range(AMBIGUOUS_NAME + 1):
        sources[f"m{index}.py"] = "def get(k):\n    return k\ndef tick(k):\n    return k\n"
    sources["far.py"] = "def use(k):\n    return get(k) + tick(k)\n"
    units = [
        unit_features(unit, path)
        for path, text in sources.items()
        for unit in lower_source(path, "python", text.encode()).units
        if unit.kind != "module"
    ]
    position = {(unit.file, unit.name): index for index, unit in enumerate(units)}
    graph = call_graph(units)
    run = position[("main.py", "run")]
    assert graph[run] == {position[("main.py", "get")], position[("util.py", "helper")]}
    use = graph[position[("far.py", "use")]]
    assert not use & {position[(f"m{i}.py", "get")] for i in range(AMBIGUOUS_NAME + 1)}
    assert not use & {position[(f"m{i}.py", "tick")] for i in range(AMBIGUOUS_NAME + 1)}


def test_docstrings_are_not_statements() -> None:
    documented = lower_source(
        "a.py", "python", b'def f(x):\n    """Say why."""\n    return x + 1\n'
    ).units[0]
    bare = lower_source("b.py", "python", b"def f(x):\n    return x + 1\n").units[0]
    with_doc, without = unit_features(documented, "a.py"), unit_features(bare, "b.py")
    assert len(with_doc.statements) == len(without.statements) == 1
    assert [s.fine for s in with_doc.statements] == [s.fine for s in without.statements]
    assert with_doc.kgrams == without.kgrams


def test_small_look_alikes_inside_one_long_function_are_not_mirrors(tmp_path: Path) -> None:
    """Two boilerplate constructors whose statements all appear, scattered, inside one long
    unrelated method score 1.0 but carry little evidence: the file is not `mirrors`, while a
    copied 7-statement function is (`renamed_tax.ts` in the renamed-copy test)."""
    original, rewrite = tmp_path / "original", tmp_path / "rewrite"
    original.mkdir()
    rewrite.mkdir()
    (original / "task.py").write_text(
        (
            "class Task:\n    def step(self, exc=None):\n        result = None\n"
            "        if self.cancelled:\n            raise RuntimeError('cancelled')\n"
            "        if exc is not None:\n            total = compute(exc)\n"
            "            super().handle(exc)\n            for item in self.items:\n"
            "                item.close()\n        count = len(self.items)\n"
            "        while count > 0:\n            count -= 1\n"
            "            self.log.append(count)\n        self.state = exc\n"
            "        try:\n            result = self.coro.send(None)\n"
            "        except StopIteration as stop:\n            self.finish(stop.value)\n"
            "        else:\n            self.pending.add(result)\n"
            "        if result is not None:\n            super().schedule(result)\n"
            "            self.waiting = result\n        self.steps += 1\n"
            "        return result\n"
        ),
        encoding="utf-8",
    )
    (rewrite / "errors.py").write_text(
        (
            "class MessageDefect(ValueError):\n    def __init__(self, line=None):\n"
            "        if line is not None:\n            super().__init__(line)\n"
            "        self.line = line\n\n\n"
            "class NonPrintableDefect(MessageDefect):\n    def __init__(self, chars):\n"
            "        super().__init__(chars)\n        self.chars = chars\n"
        ),
        encoding="utf-8",
    )
    result = compare(original, rewrite, jobs=1)
    (file,) = result.files
    assert len(file.units) == 2 and file.score >= 0.86 and file.coverage == 1.0
    assert file.evidence < result.parameters["mirror_evidence"]
    assert file.verdict == "partial"


def test_comments_carried_over_are_evidence_of_a_port(tmp_path: Path) -> None:
    """The demo's Python port keeps its originals' comments and docstrings: with the score bar
    out of reach, the carried-over comments still make its files `mirrors` (the demo's files
    are short, so the count floor is lowered to 5), whatever the coverage floor of the
    structural route; a file with fewer shared sequences than the floor stays `partial`; reworded, the same code is only `partial`, and so is the port
    when the comment route is switched off."""
    no_structure_route = Thresholds(mirror_score=1.01, comment_sequences=5)
    result = compare(DEMO / "original", DEMO / "rewrite", jobs=1, thresholds=no_structure_route)
    assert all(file.comments >= 0.8 and file.comment_sequences >= 5 for file in result.files)
    assert {file.verdict for file in result.files} == {"mirrors"}
    receipt = next(file for file in result.files if file.path == "receipt.py")
    first = receipt.comment_passages[0]  # the module docstring repeats the JSDoc header
    assert (first.rewrite_line, first.original_file, first.original_line) == (1, "receipt.ts", 1)
    assert first.text.startswith("Plain-text receipt rendering") and first.shared >= 5
    floor = Thresholds(mirror_score=1.01, comment_sequences=10)
    result = compare(DEMO / "original", DEMO / "rewrite", jobs=1, thresholds=floor)
    for file in result.files:
        assert file.verdict == ("mirrors" if file.comment_sequences >= 10 else "partial")
    beyond_coverage = Thresholds(mirror_score=1.01, comment_sequences=5, mirror_coverage=1.01)
    result = compare(DEMO / "original", DEMO / "rewrite", jobs=1, thresholds=beyond_coverage)
    assert {file.verdict for file in result.files} == {"mirrors"}  # comments need no coverage
    neither = Thresholds(mirror_score=1.01, comment_sequences=5, mirror_comments=1.01)
    result = compare(DEMO / "original", DEMO / "rewrite", jobs=1, thresholds=neither)
    assert {file.verdict for file in result.files} == {"partial"}
    reworded = tmp_path / "rewrite"
    shutil.copytree(DEMO / "rewrite", reworded)
    for path in reworded.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'"""[^"]*"""', '"""Written in our own words here."""', text)
        path.write_text(re.sub(r"#[^\n]*", "# written in our own words", text), encoding="utf-8")
    result = compare(DEMO / "original", reworded, jobs=1, thresholds=no_structure_route)
    assert all(file.comments == 0.0 for file in result.files)
    assert {file.verdict for file in result.files} == {"partial"}


def test_comment_wording_is_compared_in_word_sequences_without_licences() -> None:
    """Four-word sequences within one comment; a shared licence header is not derivation."""
    licence = "Copyright 2024 Example Corp, licensed under the MIT License"
    index = CommentIndex(
        {"a.ts": [(0, licence), (3, "Skip the byte order mark before the header")]}
    )
    assert index.carried([(0, licence)], {"a.ts"}) == (0.0, 0, [])
    share, count, passages = index.carried(
        [(9, "skip the byte order mark"), (10, "then read every field")], {"a.ts"}
    )
    assert passages == [(9, "a.ts", 3, "skip the byte order mark", 2)]
    assert count == 2 and share == 2 / 3  # "skip the byte order", "the byte order mark"


_ATTRS_TS = """/** Search attribute index by name, or -1 when the token carries no such attribute. */
export function attrIndex(attrs: [string, string][], name: string): number {
  for (let i = 0; i < attrs.length; i++) {
    if (attrs[i][0] === name) { return i; }
  }
  return -1;
}

/** Join value to existing attribute via space, or create the attribute if it is missing. */
export function attrJoin(attrs: [string, string][], name: string, value: string): void {
  const idx = attrIndex(attrs, name);
  if (idx < 0) { attrs.push([name, value]); } else { attrs[idx][1] = attrs[idx][1] + " " + value; }
}
"""

_OTHER_TS = """/** Render a token stream back into markup, one rule per token type. */
export function render(tokens: string[]): string {
  let out = "";
  for (const token of tokens) { out += "<" + token + ">"; }
  return out;
}
"""

_ATTRS_PY = '''def attr_index(attrs: dict, name: str) -> int:
    """Search attribute index by name, or -1 when the token carries no such attribute."""
    return list(attrs).index(name) if name in attrs else -1


def attr_join(attrs: dict, name: str, value: str) -> None:
    """Join value to existing attribute via space, or create the attribute if it is missing."""
    attrs[name] = f"{attrs[name]} {value}" if name in attrs else value
'''


def test_carried_over_commentary_names_the_original_whose_code_was_rewritten(
    tmp_path: Path,
) -> None:
    """A port that rewrote the code (a dict where the original scans a list) but kept the
    commentary word for word mirrors the file whose comments it repeats, named first though
    no unit matched; reworded, or with the wording in base code both sides share, the
    comments are no evidence."""
    original, rewrite, base = tmp_path / "original", tmp_path / "rewrite", tmp_path / "base"
    for root in (original, rewrite, base):
        root.mkdir()
    (original / "attrs.ts").write_text(_ATTRS_TS, encoding="utf-8")
    (original / "render.ts").write_text(_OTHER_TS, encoding="utf-8")
    (rewrite / "attrs.py").write_text(_ATTRS_PY, encoding="utf-8")
    (file,) = compare(original, rewrite, jobs=1).files
    assert file.coverage == 0.0 and file.units == ()  # the code itself follows nothing
    assert file.comment_sequences >= 10 and file.comments == 1.0
    assert file.comments_elsewhere == 0.0  # render.ts says none of it: no coincidence
    assert file.verdict == "mirrors" and file.mirrored_by == ("comments",)
    assert file.originals[0].path == "attrs.ts"
    assert {passage.original_file for passage in file.comment_passages} == {"attrs.ts"}

    (base / "spec.ts").write_text(_ATTRS_TS, encoding="utf-8")  # wording a spec publishes
    result = compare(original, rewrite, jobs=1, base=base)
    assert result.filtered["comment word sequences in base code"] >= 10
    (file,) = result.files
    assert file.comment_sequences == 0 and file.verdict == "independent"

    partly = (
        '"""Attribute helpers for tokens, in words of our own: a dictionary replaces the list."""'
        "\n\n"
        + _ATTRS_PY.replace(
            "Join value to existing attribute via space, or create the attribute if it is missing.",
            "Glue a value onto what the name holds, or start it afresh.",
        )
    )
    (rewrite / "attrs.py").write_text(partly, encoding="utf-8")
    (file,) = compare(original, rewrite, jobs=1).files
    assert 0.25 <= file.comments < 0.5 and file.comment_sequences >= 10
    assert file.verdict == "partial" and file.originals[0].path == "attrs.ts"  # worth a look

    reworded = re.sub(r'"""[^"]*"""', '"""Where the name sits, minus one if absent."""', _ATTRS_PY)
    (rewrite / "attrs.py").write_text(reworded, encoding="utf-8")
    (file,) = compare(original, rewrite, jobs=1).files
    assert file.comments == 0.0 and file.verdict == "independent" and file.originals == ()


def test_comment_owner_is_the_file_holding_most_of_the_wording() -> None:
    index = CommentIndex(
        {
            "a.ts": [(0, "skip the byte order mark before the header")],
            "b.ts": [(0, "skip the byte order mark"), (5, "then read every field of the row")],
        },
        shared=[(0, "then read every field")],
    )
    header = index.holdings([(1, "skip the byte order mark before the header")])
    assert header.owner == "a.ts" and header.total == 5
    assert header.held == {"a.ts": 5, "b.ts": 2}  # b.ts: "skip the byte order ... mark"
    assert header.elsewhere({"a.ts"}) == 0.4 and header.elsewhere(set()) == 1.0
    assert index.holdings([(1, "skip the byte order mark")]).owner is None  # both hold it
    assert index.holdings([(1, "then read every field of the row")]).owner == "b.ts"
    assert index.holdings([(1, "then read every field")]).owner is None  # base wording only
    nowhere = index.holdings([(1, "nothing of this is anywhere")])
    assert nowhere.owner is None and nowhere.elsewhere(set()) == 0.0
    assert index.shared_sequences == 1  # "then read every field"


def test_of_equally_aligned_counterparts_the_one_of_the_same_name_is_chosen(
    tmp_path: Path,
) -> None:
    """Two original functions with one shape: the port's `parse_and` follows `parseAnd`,
    whichever comes first in the file; renamed, it still matches one of them."""
    body = (
        "  let left = next(tokens);\n  while (tokens.length > 0 && tokens[0] === {op}) {{\n"
        "    tokens.shift();\n    left = {{ op: {op}, left, right: next(tokens) }};\n  }}\n"
        "  return left;\n}}\n"
    )
    original, rewrite = tmp_path / "original", tmp_path / "rewrite"
    original.mkdir()
    rewrite.mkdir()
    (original / "parse.ts").write_text(
        "export function parseOr(tokens: string[]): unknown {\n"
        + body.format(op='"or"')
        + "\nexport function parseAnd(tokens: string[]): unknown {\n"
        + body.format(op='"and"'),
        encoding="utf-8",
    )
    port = (
        "def {name}(tokens):\n    left = next_term(tokens)\n"
        '    while len(tokens) > 0 and tokens[0] == "and":\n        tokens.pop(0)\n'
        '        left = {{"op": "and", "left": left, "right": next_term(tokens)}}\n'
        "    return left\n"
    )
    (rewrite / "parse.py").write_text(port.format(name="parse_and"), encoding="utf-8")
    (file,) = compare(original, rewrite, jobs=1).files
    assert [(u.rewrite_unit, u.original_unit) for u in file.units] == [("parse_and", "parseAnd")]
    (rewrite / "parse.py").write_text(port.format(name="conjunction"), encoding="utf-8")
    (file,) = compare(original, rewrite, jobs=1).files
    assert [u.original_unit for u in file.units] in (["parseOr"], ["parseAnd"])


def test_of_template_siblings_the_one_in_the_file_the_neighbours_follow_is_chosen(
    make_tree: TreeMaker,
) -> None:
    """The same method in two original classes (template siblings) explains a renamed rewrite
    method equally well: the sibling in the file that the rewrite file's other units follow
    is its source, not the one that happens to come first."""
    peek = (
        "  peek(offset: number): number | null {\n    const index = this.at + offset;\n"
        "    if (index < 0 || index >= this.items.length) {\n      return null;\n    }\n"
        "    return this.items[index];\n  }\n"
    )
    total = (
        "  total(limit: number): number {\n    let sum = 0;\n"
        "    for (const item of this.items) {\n      if (item > limit) {\n        break;\n"
        "      }\n      sum += item * 2;\n    }\n    return sum;\n  }\n"
    )
    fields = "  private items: number[] = [];\n  private at = 0;\n"
    root = make_tree(
        {
            "original/a_scanner.ts": "export class Scanner {\n" + fields + peek + "}\n",
            "original/b_stream.ts": "export class Stream {\n" + fields + peek + total + "}\n",
            "rewrite/flow.py": (
                "class Flow:\n    def look(self, offset):\n        index = self.at + offset\n"
                "        if index < 0 or index >= len(self.items):\n            return None\n"
                "        return self.items[index]\n\n    def sum_up(self, limit):\n"
                "        acc = 0\n        for item in self.items:\n            if item > limit:\n"
                "                break\n            acc += item * 2\n        return acc\n"
            ),
        }
    )
    (file,) = compare(root / "original", root / "rewrite", jobs=1).files
    assert [(u.rewrite_unit, u.original.file) for u in file.units] == [
        ("Flow.look", "b_stream.ts"),
        ("Flow.sum_up", "b_stream.ts"),
    ]
    assert [share.path for share in file.originals] == ["b_stream.ts"]


def test_constructors_that_only_set_fields_are_no_evidence(tmp_path: Path) -> None:
    """A file of node classes whose constructors only assign fields aligns, statement for
    statement, with any original that sets fields in a row (a parser saving and restoring its
    state): the shares are high, but boilerplate is never evidence, so it stays `partial`."""
    original, rewrite = tmp_path / "original", tmp_path / "rewrite"
    original.mkdir()
    rewrite.mkdir()
    methods = "\n".join(
        f"  save{i}(a, b, c, d) {{\n    this.a{i} = a;\n    this.b{i} = b;\n"
        f"    this.c{i} = c;\n    this.d{i} = d;\n  }}"
        for i in range(12)
    )
    (original / "state.js").write_text(f"class State {{\n{methods}\n}}\n", encoding="utf-8")
    classes = "\n\n".join(
        f"class Node{i}:\n    def __init__(self, a, b, c, d):\n        self.kind = 'n{i}'\n"
        "        self.left = a\n        self.right = b\n        self.extra = c\n"
        for i in range(40)
    )
    (rewrite / "nodes.py").write_text(classes + "\n", encoding="utf-8")
    (file,) = compare(original, rewrite, jobs=1).files
    assert file.coverage >= 0.6 and file.score >= 0.58  # the shares alone would mirror
    assert file.evidence < 2.0 and file.verdict == "partial"


def test_a_typescript_rewrite_of_javascript_meets_the_same_language_bar(tmp_path: Path) -> None:
    """TypeScript is JavaScript with types, which the IR drops: a TypeScript copy of a
    JavaScript file is held to the bar of rewrites within one language."""
    original, rewrite = tmp_path / "original", tmp_path / "rewrite"
    original.mkdir()
    rewrite.mkdir()
    code = (DEMO / "original" / "money.ts").read_text(encoding="utf-8")
    (original / "money.js").write_text(re.sub(r"//[^\n]*|/\*.*?\*/", "", code, flags=re.S))
    (rewrite / "money.ts").write_text(re.sub(r"//[^\n]*|/\*.*?\*/", "", code, flags=re.S))
    strict = Thresholds(mirror_score=0.0, mirror_score_same_language=1.01)
    (file,) = compare(original, rewrite, jobs=1, thresholds=strict).files
    assert file.score >= 0.9 and file.verdict == "partial"
