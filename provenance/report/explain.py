"""`provenance explain`: one original file and one rewrite file side by side, unit by unit,
statement by statement, with the evidence in plain words."""

from __future__ import annotations

from pathlib import Path

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from provenance.errors import ProvenanceError
from provenance.match.compare import Thresholds, match_codebases
from provenance.match.extract import TOO_DEEP, Codebase, file_features, too_complex
from provenance.match.result import CompareResult, FileResult, UnitMatch
from provenance.parsing import SkipFile
from provenance.sources import discover


def _single_file_codebase(path: Path) -> Codebase:
    if not path.is_file():
        raise ProvenanceError(f"{path}: no such file")
    discovery = discover(path.parent)
    source = next((f for f in discovery.files if f.path == path.name), None)
    if source is None:
        reason = next((s.reason for s in discovery.skipped if s.path == path.name), "not found")
        raise ProvenanceError(f"{path}: cannot be analysed ({reason})")
    try:
        features = file_features(discovery.root, source)
    except SkipFile as reason:
        raise ProvenanceError(f"{path}: {reason}") from None
    except TOO_DEEP as error:
        raise ProvenanceError(f"{path}: {too_complex(error)}") from None
    return Codebase(root=discovery.root, files=[features], skipped=[])


def explain_files(
    original: Path, rewrite: Path, thresholds: Thresholds | None = None
) -> CompareResult:
    return match_codebases(
        _single_file_codebase(original), _single_file_codebase(rewrite), thresholds=thresholds
    )


def describe_unit(unit: UnitMatch) -> str:
    """The plain-language sentence for one matched unit."""
    expected = round(unit.chance_mean * unit.rewrite_statements)
    rewrite, original = unit.rewrite, unit.original
    return (
        f"The rewrite's {unit.rewrite_unit} (lines {rewrite.start_line}-{rewrite.end_line}) "
        f"follows the original's {unit.original_unit} (lines {original.start_line}-"
        f"{original.end_line}): {unit.aligned} of {unit.rewrite_statements} statements "
        f"aligned in order, the longest run {unit.longest_run}; unrelated code of this size "
        f"aligns about {expected} ({unit.z:.1f} standard deviations above that)."
    )


def _basis(file: FileResult) -> str:
    """Say so when the comments alone carry the verdict: the code figures that follow do not."""
    if file.by_comments_alone:
        return ", by its comments alone (its code does not reach the structural bars)"
    return ""


def explain_renderables(
    result: CompareResult, original: Path, rewrite: Path
) -> list[RenderableType]:
    original_lines = original.read_text(encoding="utf-8", errors="replace").splitlines()
    rewrite_lines = rewrite.read_text(encoding="utf-8", errors="replace").splitlines()
    out: list[RenderableType] = []
    if not result.files:
        return [Text("The rewrite file has no code to compare.")]
    file = result.files[0]
    out.append(
        Text(
            f"{rewrite.name}: {file.verdict}{_basis(file)} (score {file.score:.2f}, "
            f"coverage {file.coverage:.0%}, evidence {file.evidence:.1f}, "
            "unrelated code of this size scores "
            f"{file.chance:.2f}; {file.interface_share:.0%} of the matched code is public "
            "interface in the original; "
            f"{file.comments:.0%} of its comment wording ({file.comment_sequences} word "
            "sequences) is in the original's comments; one other original file holds at most "
            f"{file.comments_elsewhere:.0%} of it)",
            style="bold",
        )
    )
    for passage in file.comment_passages:
        out.append(
            Text(
                f"  comment at line {passage.rewrite_line} repeats {passage.original_file} line "
                f"{passage.original_line} ({passage.shared} word sequences): "
                f"{' '.join(passage.text.split())[:120]}",
                style="dim",
            )
        )
    for unit in file.units:
        out.append(Text(""))
        out.append(Text(describe_unit(unit)))
        out.append(
            Text(
                f"  channels: structure {unit.structure:.2f}, call-graph context "
                f"{unit.context:.2f}, literals {unit.literals:.2f}, identifier words "
                f"{unit.words:.2f}, calls {unit.calls:.2f}",
                style="dim",
            )
        )
        table = Table(show_header=True, box=None, pad_edge=False, expand=True)
        table.add_column(f"original {original.name}", ratio=1)
        table.add_column("", width=1)
        table.add_column(f"rewrite {rewrite.name}", ratio=1)
        for pair in unit.statements:
            left = _line(original_lines, pair.original.start_line)
            right = _line(rewrite_lines, pair.rewrite.start_line)
            table.add_row(
                Text(f"{pair.original.start_line:>4}  {left}"),
                Text(
                    "=" if pair.identical_shape else "~",
                    style="green" if pair.identical_shape else "yellow",
                ),
                Text(f"{pair.rewrite.start_line:>4}  {right}"),
            )
        out.append(table)
    if file.unmatched_units:
        out.append(Text(""))
        out.append(
            Text("Not matched above chance: " + ", ".join(file.unmatched_units), style="dim")
        )
    out.append(Text("= identical statement shape, ~ same kind of statement", style="dim"))
    return out


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""
