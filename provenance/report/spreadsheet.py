"""CSV of file pairs (one row per rewrite file and original file it follows), for spreadsheets."""

from __future__ import annotations

import csv
import io

from provenance.match.result import CompareResult

COLUMNS = (
    "rewrite_file", "rewrite_language", "verdict", "score", "coverage", "chance",
    "interface_share", "original_file", "original_share", "matched_units", "rewrite_loc",
    "comments", "mirrored_by",
)  # fmt: skip


def result_csv(result: CompareResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for file in result.files:
        originals = file.originals or ()
        rows = [(o.path, o.share) for o in originals] or [("", 0.0)]
        for original, share in rows:
            matched = sum(1 for unit in file.units if unit.original.file == original)
            writer.writerow(
                (
                    file.path,
                    file.language,
                    file.verdict,
                    file.score,
                    file.coverage,
                    file.chance,
                    file.interface_share,
                    original,
                    share,
                    matched,
                    file.loc,
                    file.comments,
                    "+".join(file.mirrored_by),
                )
            )
    return buffer.getvalue()
