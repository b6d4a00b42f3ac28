"""Terminal rendering of a comparison result (rich tables and plain-language lines)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from provenance.match.result import CompareResult

_VERDICT_STYLE = {"mirrors": "bold red", "partial": "yellow", "independent": "green"}


def result_tables(result: CompareResult, limit: int | None = 50) -> list[RenderableType]:
    table = Table(title=f"{result.rewrite_root}  vs  original {result.original_root}")
    table.add_column("rewrite file", overflow="fold")  # wrap a long path, never cut it
    table.add_column("mirrors original", overflow="fold")
    for column in ("cover", "score", "chance", "API", "comments"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("verdict")
    shown = result.files if limit is None else result.files[:limit]
    for file in shown:
        originals = ", ".join(
            f"{o.path}" + (f" ({o.share:.0%})" if len(file.originals) > 1 else "")
            for o in file.originals[:3]
        )
        if len(file.originals) > 3:
            originals += f" +{len(file.originals) - 3}"
        table.add_row(
            Text(file.path),
            Text(originals or "-"),
            f"{file.coverage:.0%}",
            f"{file.score:.2f}",
            f"{file.chance:.2f}",
            f"{file.interface_share:.0%}",
            f"{file.comments:.0%}" if file.comment_sequences else "-",
            Text(
                file.verdict + ("*" if file.by_comments_alone else ""),
                style=_VERDICT_STYLE[file.verdict],
            ),
        )
    out: list[RenderableType] = [table]
    if limit is not None and len(result.files) > limit:
        out.append(Text(f"... {len(result.files) - limit} more files: --all or --json lists them."))
    mirrors = result.by_verdict("mirrors")
    partial = result.by_verdict("partial")
    out.append(
        Text(
            f"{len(mirrors)} of {len(result.files)} rewrite files mirror the original, "
            f"{len(partial)} partially; {result.derived_loc_share:.0%} of the rewrite's code "
            "lies in mirrored units.",
            style="bold",
        )
    )
    out.append(
        Text(
            "cover: share of the file's code in units that follow an original unit; score: "
            "how closely (1 = statement by statement); chance: what unrelated code of the same "
            "size scores; API: share of the matched code that is public interface in the "
            "original (a clean-room implementation shares that layer); comments: share of the "
            "file's comment wording found in its originals' comments; mirrors*: by the "
            "comments alone, the code below the structural bars.",
            style="dim",
        )
    )
    if result.skipped:
        out.append(
            Text(
                f"{len(result.skipped)} files skipped (--json lists them with reasons).",
                style="dim",
            )
        )
    return out
