"""Render inventories and the language list as rich tables or JSON-ready dictionaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from provenance.inventory import Inventory, LanguageTotals
from provenance.languages import LanguageSpec

INVENTORY_SCHEMA_VERSION = 1


def languages_json(specs: Sequence[LanguageSpec]) -> list[dict[str, Any]]:
    return [
        {
            "name": spec.name,
            "display": spec.display,
            "extensions": list(spec.extensions),
            "grammar_package": spec.package,
            "grammar_version": spec.grammar_version,
        }
        for spec in specs
    ]


def languages_table(specs: Sequence[LanguageSpec]) -> Table:
    table = Table(title=f"{len(specs)} supported languages")
    for column in ("language", "name", "extensions", "grammar package", "version"):
        table.add_column(column)
    for spec in specs:
        table.add_row(
            spec.display,
            spec.name,
            " ".join(spec.extensions),
            spec.package,
            spec.grammar_version,
        )
    return table


def _totals_json(totals: LanguageTotals) -> dict[str, Any]:
    return {
        "language": totals.language,
        "files": totals.files,
        "loc": totals.loc,
        "lines": totals.lines,
        "nodes": totals.nodes,
        "error_nodes": totals.error_nodes,
        "error_share": round(totals.error_share, 6),
    }


def inventory_json(inventory: Inventory, tool_version: str) -> dict[str, Any]:
    totals = _totals_json(inventory.totals())
    del totals["language"]
    return {
        "schema_version": INVENTORY_SCHEMA_VERSION,
        "tool": {"name": "provenance", "version": tool_version},
        "root": str(inventory.root),
        "languages": [_totals_json(totals) for totals in inventory.by_language()],
        "totals": totals,
        "files": [
            {
                "path": stats.path,
                "language": stats.language,
                "encoding": stats.encoding,
                "bytes": stats.size,
                "lines": stats.lines,
                "loc": stats.loc,
                "nodes": stats.nodes,
                "error_nodes": stats.error_nodes,
            }
            for stats in sorted(inventory.files, key=lambda stats: stats.path)
        ],
        "skipped": [
            {"path": skipped.path, "reason": skipped.reason} for skipped in inventory.skipped
        ],
    }


def _percent(share: float) -> str:
    return f"{share * 100:.2f}%"


def inventory_tables(inventory: Inventory, skip_limit: int | None) -> Iterable[RenderableType]:
    """The language table, then the skip list (all of it, the first `skip_limit`, or counts)."""
    table = Table(title=f"Inventory of {inventory.root}")
    table.add_column("language")
    for column in ("files", "lines of code", "error nodes"):
        table.add_column(column, justify="right")
    for totals in inventory.by_language():
        table.add_row(
            totals.language, str(totals.files), f"{totals.loc:,}", _percent(totals.error_share)
        )
    overall = inventory.totals()
    table.add_section()
    table.add_row(
        "total", str(overall.files), f"{overall.loc:,}", _percent(overall.error_share), style="bold"
    )
    yield table
    if not inventory.skipped:
        yield Text("No files skipped.")
        return
    yield Text(
        f"Skipped: {len(inventory.skipped)} (files and directories, with reasons)", style="bold"
    )
    reasons = Counter(_reason_family(skipped.reason) for skipped in inventory.skipped)
    for reason, count in reasons.most_common():
        yield Text(f"  {count:>6}  {reason}")
    if skip_limit == 0:
        return
    shown = inventory.skipped if skip_limit is None else inventory.skipped[:skip_limit]
    skip_table = Table(show_header=True, box=None, pad_edge=False)
    skip_table.add_column("skipped")
    skip_table.add_column("reason")
    for skipped in shown:
        skip_table.add_row(Text(skipped.path), Text(skipped.reason))
    yield skip_table
    hidden = len(inventory.skipped) - len(shown)
    if hidden:
        yield Text(f"... and {hidden} more: --show-skipped or --json lists them all.")


def _reason_family(reason: str) -> str:
    """Group reasons that differ only in their detail (sizes, names) for the summary counts."""
    return reason.split(" (", 1)[0]
