"""A Markdown summary for a pull-request comment or a memo: the verdict counts, the files that
mirror or partly follow the original, with the line ranges that correspond."""

from __future__ import annotations

from provenance.match.result import CompareResult, FileResult


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _ranges(file: FileResult, limit: int = 4) -> str:
    parts = [
        f"{unit.rewrite.start_line}-{unit.rewrite.end_line} <- {unit.original.file}:"
        f"{unit.original.start_line}-{unit.original.end_line}"
        for unit in sorted(file.units, key=lambda unit: unit.rewrite.start_line)[:limit]
    ]
    if len(file.units) > limit:
        parts.append(f"+{len(file.units) - limit} more")
    return "; ".join(parts)


def result_markdown(result: CompareResult) -> str:
    mirrors, partial = result.by_verdict("mirrors"), result.by_verdict("partial")
    lines = [
        "## provenance: rewrite compared with original",
        "",
        f"- rewrite: `{result.rewrite_root}`; original: `{result.original_root}`",
        f"- {len(mirrors)} of {len(result.files)} rewrite files mirror the original, "
        f"{len(partial)} partly follow it; {result.derived_loc_share:.0%} of the rewrite's code "
        "lies in mirrored units.",
        f"- provenance {result.tool_version}; {len(result.skipped)} files skipped.",
        "",
    ]
    if mirrors or partial:
        header = ("rewrite file", "verdict", "follows", "coverage", "score", "chance", "lines")
        lines += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for file in mirrors + partial:
            originals = ", ".join(o.path for o in file.originals[:3])
            cells = (
                f"`{_cell(file.path)}`",
                "mirrors (by comments)" if file.by_comments_alone else file.verdict,
                _cell(originals),
                f"{file.coverage:.0%}",
                f"{file.score:.2f}",
                f"{file.chance:.2f}",
                _cell(_ranges(file)),
            )
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(
        "Evidence, not a legal conclusion: coverage is the share of a file's code in units that "
        "follow original units; chance is what unrelated code of the same size scores."
    )
    return "\n".join(lines) + "\n"
