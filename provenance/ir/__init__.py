"""The language-neutral IR: lowering, rewrite passes and units.

`lower_source` is the entry point: source bytes in, a `FileIR` out (module tree, units,
comments kept aside as text, lowering statistics).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from provenance.ir.comments import Comment, collect_comments
from provenance.ir.kinds import Kind
from provenance.ir.lower import LoweringStats, lower_tree
from provenance.ir.nodes import IRNode
from provenance.ir.passes import run_passes
from provenance.ir.table import compile_grammar
from provenance.ir.units import Unit, extract_units
from provenance.ir.visibility import is_public, receiver_type, visibility_rules
from provenance.parsing import ParsedSource, parse_source


@dataclass(slots=True)
class FileIR:
    path: str
    language: str
    source: bytes
    module: IRNode
    units: list[Unit]
    comments: list[Comment] = field(default_factory=list)
    stats: LoweringStats = field(default_factory=LoweringStats)


def lower_parsed(parsed: ParsedSource) -> FileIR:
    grammar = compile_grammar(parsed.language)
    stats = LoweringStats()
    data = parsed.source.data
    module = run_passes(lower_tree(parsed.tree, data, grammar, stats), grammar)
    units = extract_units(module)
    rules = visibility_rules(parsed.language)
    for unit in units:
        owner = receiver_type(unit, data, rules)
        if owner is not None:
            unit.name = f"{owner}.{unit.name}"
            unit.parent_class = owner
            unit.kind = "method"
        unit.public = is_public(unit.name, unit.kind, unit.node, data, rules)
    return FileIR(
        path=parsed.path,
        language=parsed.language,
        source=data,
        module=module,
        units=units,
        comments=collect_comments(parsed),
        stats=stats,
    )


def lower_source(path: str, language: str, raw: bytes) -> FileIR:
    """Parse and lower one file's bytes."""
    return lower_parsed(parse_source(path, language, raw))


__all__ = ["Comment", "FileIR", "IRNode", "Kind", "Unit", "lower_parsed", "lower_source"]
