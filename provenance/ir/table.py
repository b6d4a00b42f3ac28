"""Compile a grammar's TOML mapping into dispatch tables indexed by tree-sitter ids.

A grammar file's `[lower]` section maps node types to IR kinds, `[idioms]` names library calls
that the rewrite passes turn into canonical operations. `extends = "<language>"` starts from
another grammar's tables (TypeScript from JavaScript), keyed by name and re-resolved against the
extending grammar's own ids. Names that the grammar does not know are reported by `validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tree_sitter import Language

from provenance.errors import ProvenanceError
from provenance.ir.kinds import OPERATORS, Kind
from provenance.languages import get_language, ts_language

# Actions, one per tree-sitter kind id.
SKIP, SPLICE, MAP, NAME, SELF, LITERAL, STRING, UNMAPPED, TOKEN, ERROR = range(10)

NUMBER = "NUMBER"  # a literal whose kind (LIT_INT / LIT_FLOAT) is decided by its value


@dataclass(slots=True)
class Rule:
    """How one mapped node type becomes an IR node."""

    kind: Kind
    op: str | None = None
    roles: dict[int, str] = field(default_factory=dict)
    tokens: dict[int, str] = field(default_factory=dict)
    flags: dict[int, str] = field(default_factory=dict)
    wants_op: bool = False
    reorder: tuple[int, ...] | None = None
    splice: bool = False
    """lowered children replace the node, but keep the roles its fields give them"""
    type_roles: dict[int, str] = field(default_factory=dict)
    """roles by child node type, for grammars whose children carry no field names"""
    skip_fields: frozenset[int] = frozenset()
    token_kinds: dict[int, Kind] = field(default_factory=dict)
    """a child token that changes the node's kind (`+=` makes an assignment AUG_ASSIGN)"""
    op_nodes: frozenset[int] = frozenset()
    """named child types whose text is the operator (grammars with named operator nodes)"""
    text_ops: dict[str, str] = field(default_factory=dict)
    positions: tuple[str, ...] = ()
    """roles by position for named children that have no field ("" for no role)"""
    groups: tuple[tuple[str, Kind, frozenset[str]], ...] = ()
    """(role, kind, member roles): children with member roles are wrapped in a new node"""


@dataclass(slots=True)
class CompiledGrammar:
    language: str
    actions: list[int]
    rules: list[Rule | None]
    literal_kinds: list[Kind | None]
    interpolations: frozenset[int]
    dollar_names: bool
    """`$name` inside a string literal is an interpolated name (Kotlin's `"row $id"`, which
    this grammar leaves as string content)"""
    name_literals: dict[str, Kind]
    self_names: frozenset[str]
    """identifier texts that mean the receiver (Python's `self`, Lua's `self`)"""
    idiom_tables: tuple[Any, ...]
    """(calls, methods, properties, qualified, macros, adapters, wrappers) for the idiom pass"""
    """identifier texts that are literals in this language (Rust `None`, Kotlin `null`)"""
    node_names: list[str]
    named: list[bool]
    unmapped_as_other: bool
    idioms: dict[str, Any]
    passes: dict[str, Any]
    raw: dict[str, Any]


def merged_table(language: str) -> dict[str, Any]:
    """The `[lower]`, `[idioms]` and `[passes]` tables with `extends` applied (deep merge)."""
    table = get_language(language).table
    base_name = table.get("lower", {}).get("extends")
    own = {key: table.get(key, {}) for key in ("lower", "idioms", "passes")}
    if not base_name:
        return own
    base = merged_table(base_name)
    return {key: _deep_merge(base.get(key, {}), own.get(key, {})) for key in own}


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` on top of `base`; its `remove` list first deletes inherited entries."""
    merged = dict(base)
    for name in override.get("remove", []):
        for section in ("skip", "splice", "identifiers", "self", "interpolations"):
            if isinstance(merged.get(section), list) and name in merged[section]:
                merged[section] = [entry for entry in merged[section] if entry != name]
        for section in ("nodes", "literals"):
            if isinstance(merged.get(section), dict) and name in merged[section]:
                merged[section] = {k: v for k, v in merged[section].items() if k != name}
    for key, value in override.items():
        if key == "remove":
            continue
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        elif isinstance(value, list) and isinstance(merged.get(key), list):
            merged[key] = list(dict.fromkeys([*merged[key], *value]))
        else:
            merged[key] = value
    return merged


def _named_id(grammar: Language, name: str) -> int:
    return grammar.id_for_node_kind(name, True) or 0


def _all_ids(grammar: Language, name: str, named: bool) -> list[int]:
    """Every id that carries `name` (a grammar may alias one name to several ids)."""
    return _ids_by_name(grammar).get((name, named), [])


_ID_INDEX: dict[int, dict[tuple[str, bool], list[int]]] = {}


def _ids_by_name(grammar: Language) -> dict[tuple[str, bool], list[int]]:
    index = _ID_INDEX.get(id(grammar))
    if index is None:
        index = {}
        for kind_id in range(grammar.node_kind_count):
            key = (grammar.node_kind_for_id(kind_id) or "", grammar.node_kind_is_named(kind_id))
            index.setdefault(key, []).append(kind_id)
        _ID_INDEX[id(grammar)] = index
    return index


@cache
def compile_grammar(language: str) -> CompiledGrammar:
    grammar = ts_language(language)
    tables = merged_table(language)
    lower = tables["lower"]
    count = grammar.node_kind_count
    names = [grammar.node_kind_for_id(i) or "" for i in range(count)]
    named = [grammar.node_kind_is_named(i) for i in range(count)]
    actions = [UNMAPPED if named[i] else TOKEN for i in range(count)]
    rules: list[Rule | None] = [None] * count
    literal_kinds: list[Kind | None] = [None] * count

    def assign(name: str, action: int) -> list[int]:
        ids = _all_ids(grammar, name, True)
        for kind_id in ids:
            actions[kind_id] = action
        return ids

    for name in lower.get("splice", []):
        assign(name, SPLICE)
    for name in lower.get("identifiers", []):
        assign(name, NAME)
        for kind_id in _all_ids(grammar, name, False):  # keywords used as names (Swift `init`)
            actions[kind_id] = NAME
    for name in lower.get("self", []):
        assign(name, SELF)
        for kind_id in _all_ids(grammar, name, False):
            actions[kind_id] = SELF
    operators = _operator_table(grammar, lower.get("operators", {}))
    for name, spec in lower.get("literals", {}).items():
        action = STRING if spec in ("STRING", "TEMPLATE") else LITERAL
        kind = (
            Kind.STR_TEMPLATE
            if spec == "TEMPLATE"
            else (None if spec in (NUMBER, "STRING") else Kind[spec])
        )
        for kind_id in assign(name, action) + _anonymous_literal_ids(grammar, name, spec):
            actions[kind_id] = action
            literal_kinds[kind_id] = kind
    text_operators = {k: v for k, v in lower.get("operators", {}).items() if isinstance(v, str)}
    for name, spec in lower.get("nodes", {}).items():
        rule = _compile_rule(grammar, name, spec, operators, text_operators)
        for kind_id in assign(name, MAP):
            rules[kind_id] = rule
    for name in lower.get("skip", []):
        assign(name, SKIP)
        for kind_id in _all_ids(grammar, name, False):
            actions[kind_id] = SKIP
    error_id = _named_id(grammar, "ERROR")
    if error_id >= count:  # ERROR has a reserved id past the grammar's own kinds
        padding = error_id + 1 - count
        actions += [UNMAPPED] * padding
        rules += [None] * padding
        literal_kinds += [None] * padding
        names += [""] * padding
        named += [True] * padding
    if error_id:
        actions[error_id] = ERROR
        names[error_id] = "ERROR"
    interpolations = frozenset(
        kind_id
        for name in lower.get("interpolations", [])
        for kind_id in _all_ids(grammar, name, True)
    )
    return CompiledGrammar(
        language=language,
        actions=actions,
        rules=rules,
        literal_kinds=literal_kinds,
        interpolations=interpolations,
        dollar_names=bool(lower.get("dollar_names", False)),
        name_literals={text: Kind[kind] for text, kind in lower.get("name_literals", {}).items()},
        self_names=frozenset(tables["passes"].get("self_names", ())),
        idiom_tables=(
            tables["idioms"].get("calls", {}),
            tables["idioms"].get("methods", {}),
            tables["idioms"].get("properties", {}),
            tables["idioms"].get("qualified", {}),
            tables["idioms"].get("macros", {}),
            frozenset(tables["idioms"].get("adapters", ())),
            frozenset(tables["idioms"].get("wrappers", ())),
        ),
        node_names=names,
        named=named,
        unmapped_as_other=lower.get("unmapped", "splice") == "other",
        idioms=tables["idioms"],
        passes=tables["passes"],
        raw=tables,
    )


def _anonymous_literal_ids(grammar: Language, name: str, spec: str) -> list[int]:
    """Keywords such as `true` or `nil` are anonymous in some grammars: map those ids too."""
    if spec in ("LIT_BOOL", "LIT_NULL"):
        return _all_ids(grammar, name, False)
    return []


def _operator_table(grammar: Language, spec: dict[str, Any]) -> dict[str, dict[int, str]]:
    """{'': global token->op, '<node type>': overrides} with tokens resolved to anonymous ids."""
    table: dict[str, dict[int, str]] = {"": {}}
    for key, value in spec.items():
        if isinstance(value, dict):
            table[key] = {
                kind_id: op
                for token, op in value.items()
                for kind_id in _all_ids(grammar, token, False)
            }
        else:
            for kind_id in _all_ids(grammar, key, False):
                table[""][kind_id] = value
    return table


def _compile_rule(
    grammar: Language,
    name: str,
    spec: dict[str, Any] | str,
    operators: dict[str, dict[int, str]],
    text_operators: dict[str, str],
) -> Rule:
    if isinstance(spec, str):
        spec = {"kind": spec}
    try:
        kind = Kind[spec["kind"]]
    except KeyError:
        raise ProvenanceError(f"node rule {name!r}: unknown IR kind {spec.get('kind')!r}") from None
    rule = Rule(kind=kind, op=spec.get("op"), splice=bool(spec.get("splice", False)))
    if "reorder" in spec:
        rule.reorder = tuple(spec["reorder"])
    for type_name, role in spec.get("child_roles", {}).items():
        for kind_id in _all_ids(grammar, type_name, True):
            rule.type_roles[kind_id] = role
    rule.skip_fields = frozenset(
        field_id
        for name in spec.get("skip_fields", ())
        if (field_id := grammar.field_id_for_name(name))
    )
    for token, kind_name in spec.get("kinds", {}).items():
        for kind_id in _all_ids(grammar, token, False):
            rule.token_kinds[kind_id] = Kind[kind_name]
    rule.op_nodes = frozenset(
        kind_id for name in spec.get("op_nodes", ()) for kind_id in _all_ids(grammar, name, True)
    )
    if rule.op_nodes:
        rule.text_ops = {**text_operators, **spec.get("text_ops", {})}
        rule.wants_op = True
    rule.positions = tuple(spec.get("positions", ()))
    rule.groups = tuple(
        (role, Kind[group["kind"]], frozenset(group["roles"]))
        for role, group in spec.get("group", {}).items()
    )
    for role, field_names in spec.get("fields", {}).items():
        for field_name in field_names.split("|"):
            field_id = grammar.field_id_for_name(field_name)
            if field_id:
                rule.roles[field_id] = role
    if spec.get("op") == "token":
        rule.op = None
        rule.wants_op = True
        rule.tokens = {**operators[""], **operators.get(name, {})}
    for token, op in spec.get("tokens", {}).items():
        for kind_id in _all_ids(grammar, token, False) or _all_ids(grammar, token, True):
            rule.tokens[kind_id] = op
        rule.wants_op = True
    for token, flag in spec.get("flags", {}).items():
        for kind_id in _all_ids(grammar, token, False) or _all_ids(grammar, token, True):
            rule.flags[kind_id] = flag
    return rule


def validate(language: str) -> list[str]:
    """Every problem in a grammar file's own tables: unknown node types, fields, kinds or
    operators. Entries inherited through `extends` are checked against the grammar that declares
    them; names the extending grammar lacks are simply not compiled."""
    grammar = ts_language(language)
    lower = get_language(language).table.get("lower", {})
    problems: list[str] = []

    def known(name: str, named: bool | None = True) -> bool:
        if named is None:
            return bool(_all_ids(grammar, name, True) or _all_ids(grammar, name, False))
        return bool(_all_ids(grammar, name, named))

    for section in ("splice", "interpolations"):
        problems += [
            f"{section}: no node type {n!r}" for n in lower.get(section, []) if not known(n)
        ]
    for section in ("skip", "self", "identifiers"):
        problems += [
            f"{section}: no node type {n!r}" for n in lower.get(section, []) if not known(n, None)
        ]
    for text, kind_name in lower.get("name_literals", {}).items():
        if kind_name not in ("LIT_NULL", "LIT_BOOL"):
            problems.append(
                f"name_literals.{text}: must be LIT_NULL or LIT_BOOL, not {kind_name!r}"
            )
    for name, spec in lower.get("literals", {}).items():
        if not known(name, None):
            problems.append(f"literals: no node type {name!r}")
        if spec not in ("STRING", "TEMPLATE", NUMBER) and spec not in Kind.__members__:
            problems.append(f"literals.{name}: unknown kind {spec!r}")
    for key, value in lower.get("operators", {}).items():
        pairs = value.items() if isinstance(value, dict) else [(key, value)]
        if isinstance(value, dict) and not known(key):
            problems.append(f"operators: no node type {key!r}")
        for token, op in pairs:
            if not known(token, False):
                problems.append(f"operators: no token {token!r}")
            if op not in OPERATORS:
                problems.append(f"operators.{token}: unknown operator family {op!r}")
    for name, spec in lower.get("nodes", {}).items():
        spec = {"kind": spec} if isinstance(spec, str) else spec
        if not known(name):
            problems.append(f"nodes: no node type {name!r}")
        if spec.get("kind") not in Kind.__members__:
            problems.append(f"nodes.{name}: unknown kind {spec.get('kind')!r}")
        for role, field_names in spec.get("fields", {}).items():
            for field_name in field_names.split("|"):
                if not grammar.field_id_for_name(field_name):
                    problems.append(f"nodes.{name}.fields.{role}: no field {field_name!r}")
        for token in [*spec.get("tokens", {}), *spec.get("flags", {}), *spec.get("kinds", {})]:
            if not known(token, None):
                problems.append(f"nodes.{name}: no token {token!r}")
        for kind_name in spec.get("kinds", {}).values():
            if kind_name not in Kind.__members__:
                problems.append(f"nodes.{name}.kinds: unknown kind {kind_name!r}")
        for type_name in [*spec.get("child_roles", {}), *spec.get("op_nodes", ())]:
            if not known(type_name):
                problems.append(f"nodes.{name}: no node type {type_name!r}")
        for field_name in spec.get("skip_fields", ()):
            if not grammar.field_id_for_name(field_name):
                problems.append(f"nodes.{name}.skip_fields: no field {field_name!r}")
        for role, group in spec.get("group", {}).items():
            if group.get("kind") not in Kind.__members__:
                problems.append(f"nodes.{name}.group.{role}: unknown kind {group.get('kind')!r}")
    return problems
