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


def call_graph(units: list[UnitFeatures]) -> dict[int, set[int]]:
    """Undirected call adjacency between unit positions (callers and callees alike)."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for position, unit in enumerate(units):
        by_name[unit.short_name].append(position)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for position, unit in enumerate(units):
        for called in set(unit.calls):
            for target in by_name.get(called, ()):
                if target != position:
                    neighbours[position].add(target)
                    neighbours[target].add(position)
    return neighbours


def context_support(
    pairs: dict[int, int],
    rewrite_graph: dict[int, set[int]],
    original_graph: dict[int, set[int]],
) -> dict[int, float]:
    """For each matched rewrite unit, the share of its neighbours matched to neighbours of its
    counterpart (0 when it has no neighbours: no context, no support)."""
    support: dict[int, float] = {}
    for rewrite, original in pairs.items():
        around = rewrite_graph.get(rewrite, set())
        if not around:
            support[rewrite] = 0.0
            continue
        targets = original_graph.get(original, set())
        agreeing = sum(1 for neighbour in around if pairs.get(neighbour) in targets)
        support[rewrite] = agreeing / len(around)
    return support
