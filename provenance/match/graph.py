"""Evidence from the call graphs: a unit whose callers and callees matched is more likely
matched itself, and an isolated look-alike is less likely.

Calls are resolved by name inside each codebase (a rename changes a definition and its calls
alike, so renamed code keeps its graph). For a candidate pair (u, o) the context is the share
of u's call neighbours whose best match is a call neighbour of o: derived code keeps
who-calls-whom; an independent design decomposes the work differently.
"""

from __future__ import annotations

from collections import defaultdict

from provenance.match.features import UnitFeatures

AMBIGUOUS_NAME = 8
"""a called name defined in more units than this, none of them in the caller's file, is not
resolved: `get` or `run` defined all over a large codebase says nothing about which is meant,
and linking every definition would make the graph denser the larger the codebase"""


def call_graph(units: list[UnitFeatures]) -> dict[int, set[int]]:
    """Undirected call adjacency between unit positions (callers and callees alike). A call
    resolves to the definitions of its name in the caller's own file when there are any, else
    to those elsewhere unless the name is ambiguous (`AMBIGUOUS_NAME`)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    in_file: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, unit in enumerate(units):
        by_name[unit.short_name].append(position)
        in_file[(unit.file, unit.short_name)].append(position)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for position, unit in enumerate(units):
        for called in set(unit.calls):
            targets = in_file.get((unit.file, called))
            if not targets:
                targets = by_name.get(called, ())
                if len(targets) > AMBIGUOUS_NAME:
                    continue
            for target in targets:
                if target != position:
                    neighbours[position].add(target)
                    neighbours[target].add(position)
    return neighbours


def agreement(around: set[int], matched: dict[int, int], targets: set[int]) -> float:
    """Share of a rewrite unit's call neighbours (`around`) whose counterpart in `matched` is
    among `targets`, the call neighbours of an original unit (0 without neighbours: no context,
    no support)."""
    if not around:
        return 0.0
    return sum(1 for neighbour in around if matched.get(neighbour) in targets) / len(around)


def context_support(
    pairs: dict[int, int],
    rewrite_graph: dict[int, set[int]],
    original_graph: dict[int, set[int]],
) -> dict[int, float]:
    """For each matched rewrite unit, the share of its neighbours matched to neighbours of its
    counterpart."""
    return {
        rewrite: agreement(
            rewrite_graph.get(rewrite, set()), pairs, original_graph.get(original, set())
        )
        for rewrite, original in pairs.items()
    }


FLOODED_CANDIDATES = 8
"""original units proposed per rewrite unit by its matched neighbours, most votes first"""
_HUB_DEGREE = 64
"""a matched neighbour with more call neighbours than this votes for no one (a dispatcher or a
module body says nothing about which of its many callees a unit is)"""


def flooded_candidates(
    around: set[int], matched: dict[int, int], original_graph: dict[int, set[int]]
) -> set[int]:
    """Original units adjacent to the counterparts of a rewrite unit's matched neighbours."""
    votes: dict[int, int] = defaultdict(int)
    for neighbour in around:
        counterpart = matched.get(neighbour)
        if counterpart is None:
            continue
        adjacent = original_graph.get(counterpart, ())
        if len(adjacent) > _HUB_DEGREE:
            continue
        for candidate in adjacent:
            votes[candidate] += 1
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    return {candidate for candidate, _ in ranked[:FLOODED_CANDIDATES]}
