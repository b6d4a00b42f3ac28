"""The fixed list of rewrite passes that desugar what a one-to-one table cannot express.

Each pass is shared by all languages and reads only data (the grammar's `[idioms]` and
`[passes]` tables). All passes run in one traversal, children before parents: at each node, the
passes interested in its kind run in the order of `PASSES`, mutating it in place or returning a
replacement (which then meets the passes after the one that produced it).

The passes live in modules by theme (`structure`, `calls`, `statements`, `conditions`,
`loops`, `errors`; shared helpers in `tree`); this module holds their order and the traversal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from provenance.ir.kinds import Kind
from provenance.ir.nodes import IRNode
from provenance.ir.passes.calls import (
    canonical_calls,
    drops,
    idioms,
    literal_types,
    membership,
    named_constants,
    own_calls,
    records,
    sign_tests,
    slices,
    string_formatting,
)
from provenance.ir.passes.conditions import conditions, null_comparisons, option_matches
from provenance.ir.passes.errors import error_propagation
from provenance.ir.passes.loops import (
    callback_loops,
    comprehensions,
    counting_loops,
    destructured_items,
    infix_ranges,
)
from provenance.ir.passes.scopes import module_scopes
from provenance.ir.passes.sets import boolean_sets
from provenance.ir.passes.statements import (
    parallel_targets,
    precedence,
    updates,
    zero_values,
)
from provenance.ir.passes.structure import (
    blocks,
    case_breaks,
    docstrings,
    elif_chains,
    field_initialisers,
    function_name,
    named_functions,
    normalise_params,
    receivers,
    returned_branches,
    tail_returns,
    unit_returns,
)
from provenance.ir.passes.switches import switch_cases, switch_chains
from provenance.ir.passes.temporaries import fold_temporaries
from provenance.ir.passes.tree import BODY_OWNERS, DECLARATION_HOLDERS, statement_holders
from provenance.ir.table import CompiledGrammar


def function_scopes(node: IRNode, grammar: CompiledGrammar) -> None:
    """The passes that read a whole function (which names occur where), over one walk of
    the module: maps used as sets, then temporaries folded into their one read."""
    scopes = module_scopes(node)
    boolean_sets(node, scopes)  # keeps every name: the counts stay valid
    fold_temporaries(scopes)


Pass = Callable[[IRNode, CompiledGrammar], "IRNode | None"]

# (name, the kinds it looks at, the rewrite). A rewrite may mutate its node in place or return
# a replacement, which takes the node's place in its parent and meets the passes after it.
PASSES: tuple[tuple[str, frozenset[Kind], Pass], ...] = (
    ("params", frozenset({Kind.FUNC, Kind.LAMBDA}), normalise_params),
    ("receivers", frozenset({Kind.FUNC, Kind.LAMBDA}), receivers),
    ("docstrings", frozenset({Kind.MODULE, Kind.CLASS, Kind.FUNC}), docstrings),
    ("elif_chains", frozenset({Kind.IF}), elif_chains),
    ("unit_returns", frozenset({Kind.RETURN}), unit_returns),
    ("returned_branches", frozenset({Kind.RETURN}), returned_branches),
    ("tail_returns", frozenset({Kind.FUNC, Kind.LAMBDA}), tail_returns),
    ("blocks", BODY_OWNERS, blocks),
    ("field_initialisers", frozenset({Kind.CLASS}), field_initialisers),
    ("case_breaks", frozenset({Kind.CASE}), case_breaks),
    ("named_functions", frozenset({Kind.MODULE, Kind.BLOCK, Kind.CLASS}), named_functions),
    ("own_calls", frozenset({Kind.CALL}), own_calls),
    ("idioms", frozenset({Kind.CALL, Kind.MEMBER}), idioms),
    ("slices", frozenset({Kind.INDEX, Kind.CALL, Kind.SLICE}), slices),
    ("drops", frozenset({Kind.UNOP, Kind.CAST, Kind.UNWRAP}), drops),
    ("literal_types", frozenset({Kind.DICT}), literal_types),
    ("named_constants", frozenset({Kind.MEMBER}), named_constants),
    ("records", frozenset({Kind.CALL}), records),
    ("zero_values", frozenset({Kind.ASSIGN}), zero_values),
    ("parallel_targets", frozenset({Kind.ASSIGN, Kind.LOOP}), parallel_targets),
    ("string_formatting", frozenset({Kind.CALL, Kind.BINOP, Kind.STR_TEMPLATE}), string_formatting),
    ("updates", frozenset({Kind.BLOCK, Kind.MODULE}), updates),
    ("precedence", frozenset({Kind.BINOP}), precedence),
    ("membership", frozenset({Kind.BINOP}), membership),
    ("canonical_calls", frozenset({Kind.CALL, Kind.UNOP, Kind.BINOP}), canonical_calls),
    ("null_comparisons", frozenset({Kind.BINOP}), null_comparisons),
    ("sign_tests", frozenset({Kind.BINOP}), sign_tests),
    ("infix_ranges", frozenset({Kind.RANGE, Kind.BINOP}), infix_ranges),
    ("counting_loops", frozenset({Kind.CALL, Kind.LOOP}), counting_loops),
    ("destructured_items", frozenset({Kind.LOOP}), destructured_items),
    ("switch_cases", frozenset({Kind.SWITCH}), switch_cases),
    ("option_matches", frozenset({Kind.SWITCH}), option_matches),
    ("conditions", frozenset({Kind.IF, Kind.LOOP, Kind.COMP_IF}), conditions),
    ("switch_chains", frozenset({Kind.IF, Kind.SWITCH}), switch_chains),
    ("callback_loops", frozenset({Kind.BLOCK, Kind.MODULE}), callback_loops),
    (
        "comprehensions",
        frozenset({Kind.COMPREHENSION, Kind.CALL, Kind.BLOCK, Kind.MODULE}),
        comprehensions,
    ),
    (
        "error_propagation",
        frozenset({Kind.BLOCK, Kind.MODULE, Kind.RETURN, Kind.CALL, Kind.THROW, Kind.FUNC}),
        error_propagation,
    ),
    ("function_scopes", frozenset({Kind.MODULE}), function_scopes),
)


_BY_KIND: dict[Kind, tuple[tuple[int, Pass], ...]] = {
    kind: tuple(
        (order, rewrite) for order, (_, kinds, rewrite) in enumerate(PASSES) if kind in kinds
    )
    for kind in Kind
}


def run_passes(root: IRNode, grammar: CompiledGrammar) -> IRNode:
    """Apply every pass to every node, children before parents, in one traversal."""
    grammar = _with_local_names(root, grammar)
    stack: list[tuple[IRNode, IRNode | None, int, bool]] = [(root, None, 0, False)]
    by_kind = _BY_KIND
    while stack:
        node, parent, index, expanded = stack.pop()
        if not expanded:
            stack.append((node, parent, index, True))
            children = node.children
            for position in range(len(children) - 1, -1, -1):
                stack.append((children[position], node, position, False))
            continue
        next_order = 0
        current = node
        while True:
            replaced = False
            for order, rewrite in by_kind[current.kind]:
                if order < next_order:
                    continue
                next_order = order + 1
                role = current.role  # a pass may demote the node it replaces (`precedence`)
                result = rewrite(current, grammar)
                if result is not None and result is not current:
                    result.role = role
                    if parent is not None:
                        parent.children[index] = result
                    current = result
                    replaced = True
                    break
            if not replaced:
                break
    return root


def _with_local_names(root: IRNode, grammar: CompiledGrammar) -> CompiledGrammar:
    """The grammar plus the names this file defines, which library idioms must not shadow:
    its classes (calling one constructs, whatever its name looks like: a renamed `_Feature` is
    still a class, for `records`), its methods (`this.add(a, b)` calls the class's own
    `add`, not a library's, for `idioms`) and the qualified names its functions are reached
    by (`Pipeline.warn`, `lunr.Pipeline.warn`, Rust's `Self::key_of`, for `own_calls`)."""
    classes: set[str] = set()
    methods: set[str] = set()
    qualified: set[str] = set()
    skipped = frozenset(grammar.passes.get("skipped_name_segments", ()))
    owner_aliases = grammar.passes.get("own_type_aliases", ())
    # classes defined inside functions count only where calling a class constructs; methods
    # are found in the classes of the module, its namespaces and its classes
    holders = (
        statement_holders(root)
        if grammar.passes.get("capitalised_constructors")
        else statement_holders(root, DECLARATION_HOLDERS)
    )
    for holder in holders:
        for child in holder.children:
            if child.kind is Kind.CLASS and child.text:
                classes.add(child.text)
            elif child.kind is Kind.FUNC and child.text and holder.kind is Kind.CLASS:
                methods.add(child.text)
                owners = [holder.text, *owner_aliases] if holder.text else owner_aliases
                qualified.update(f"{owner}.{child.text}" for owner in owners)
            elif child.kind is Kind.ASSIGN and len(child.children) == 2:
                target, value = child.children
                if value.kind is Kind.LAMBDA and target.role == "target":
                    name = function_name(target, skipped)
                    if name is not None and "." in name:
                        qualified.add(name)
    if (
        not methods
        and not qualified
        and not (classes and grammar.passes.get("capitalised_constructors"))
    ):
        return grammar
    names: dict[str, frozenset[str]] = {
        "local_methods": frozenset(methods),
        "local_functions": frozenset(qualified),
    }
    if grammar.passes.get("capitalised_constructors"):
        names["local_classes"] = frozenset(classes)
    return replace(grammar, passes={**grammar.passes, **names})
