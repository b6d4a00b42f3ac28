"""Compare two codebases: which rewrite files mirror which original files, how much, how surely.

Pipeline: extract features of both trees (worker processes) -> optionally filter base code ->
retrieve candidate unit pairs -> score them (order-preserving statement alignment) -> add
call-graph context -> keep matches that beat chance -> map units to files -> verdicts.
The function returns a `CompareResult`; it prints nothing and never exits.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from provenance import __version__
from provenance.inputs import materialise
from provenance.ir.identifiers import split_identifier
from provenance.languages import same_language
from provenance.match.background import Background, load_background
from provenance.match.comments import LICENCE, CommentIndex
from provenance.match.extract import Codebase, FileFeatures, extract_discovered
from provenance.match.features import UnitFeatures
from provenance.match.graph import (
    agreement,
    call_graph,
    context_support,
    flooded_candidates,
)
from provenance.match.prepare import PreparedOriginal, prepare_original
from provenance.match.result import (
    CommentPassage,
    CompareResult,
    FileResult,
    InputFile,
    OriginalShare,
    SkippedInput,
    Span,
    StatementPair,
    UnitMatch,
    Verdict,
)
from provenance.match.retrieval import CandidateIndex
from provenance.match.score import (
    BOILERPLATE_WEIGHT,
    PairScore,
    aligned_weight,
    kgram_containment,
    measure_side_channels,
    score_pair,
    statement_weights,
)
from provenance.sources import DiscoveryOptions, discover


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision thresholds, calibrated on the fixture corpus (docs/scoring.md)."""

    unit_score: float = 0.35
    """a unit pair counts as a match from this score up ..."""
    unit_z: float = 3.0
    """... and when it beats chance by this many standard deviations ..."""
    unit_aligned: int = 2
    """... with at least this many statements aligned (one-line look-alikes prove nothing)"""
    mirror_score: float = 0.58
    """across languages (a translation)"""
    mirror_score_same_language: float = 0.86
    """within one language: clean-room code in the original's language and style scores high,
    so the bar is higher (docs/scoring.md shows the measurements behind both values)"""
    mirror_coverage: float = 0.6
    mirror_evidence: float = 2.0
    """... and when the aligned structure weighs this much: rarity weights of the aligned
    statements (about 1 for a shape rare in unrelated code), each unit's scaled by how
    tightly its statements sit in the original unit. Two 2-statement constructors that align
    inside one long unrelated function score 1.0 but weigh 0.5; a copied 7-line function
    weighs 3"""
    mirror_comments: float = 0.5
    """a file also mirrors when at least this share of its comment word 4-grams appear in the
    comments of the originals: those its code matches and the one holding most of them ..."""
    comment_sequences: int = 10
    """... at least this many of them (a sentence or two is not a file's commentary). No code
    floor applies: comments are free prose no specification dictates, so a port that rewrote
    the code and kept the commentary is still a port of the file it repeats"""
    partial_score: float = 0.25
    """a file is `partial` from this score, or when this share of its comment wording (with the
    `comment_sequences` floor) is in the original's comments"""
    context_weight: float = 0.5
    base_score: float = 0.8
    """units that match base code this well are shared legitimately and left out"""


Progress = Callable[[str, int, int], None]


def compare_codebases(
    original: Path | str,
    rewrite: Path | str,
    *,
    jobs: int | None = None,
    base: Path | str | None = None,
    options: DiscoveryOptions | None = None,
    thresholds: Thresholds | None = None,
    background: Background | None = None,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> CompareResult:
    with ExitStack() as stack:
        roots = {"original": stack.enter_context(materialise(original))}
        roots["rewrite"] = stack.enter_context(materialise(rewrite))
        if base is not None:
            roots["base"] = stack.enter_context(materialise(base))
        result = _compare_roots(roots, jobs, options, thresholds, background, progress, scheduler)
    result.original_root = str(Path(original).resolve())
    result.rewrite_root = str(Path(rewrite).resolve())
    return result


def _compare_roots(
    roots: dict[str, Path],
    jobs: int | None,
    options: DiscoveryOptions | None,
    thresholds: Thresholds | None,
    background: Background | None,
    progress: Progress | None,
    scheduler: str | None = None,
) -> CompareResult:
    thresholds = thresholds or Thresholds()
    background = background or load_background()
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    discoveries = {side: discover(root, options) for side, root in roots.items()}
    codebases: dict[str, Codebase] = {}
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 and scheduler is None else None
    try:
        for side, discovery in discoveries.items():

            def step(done: int, total: int, side: str = side) -> None:
                if progress is not None:
                    progress(side, done, total)

            codebases[side] = extract_discovered(
                discovery, jobs=workers, progress=step, pool=pool, scheduler=scheduler
            )
    finally:
        if pool is not None:
            pool.shutdown()
    return match_codebases(
        codebases["original"],
        codebases["rewrite"],
        codebases.get("base"),
        thresholds=thresholds,
        background=background,
        parameters={"jobs": workers},
    )


def match_codebases(
    original: Codebase,
    rewrite: Codebase,
    base: Codebase | None = None,
    *,
    thresholds: Thresholds | None = None,
    background: Background | None = None,
    parameters: dict[str, float | int | str | list[str]] | None = None,
    prepared: PreparedOriginal | None = None,
) -> CompareResult:
    """The matching stages on already extracted codebases (also used by index + scan, which
    pass the original's side `prepared` once for all targets)."""
    thresholds = thresholds or Thresholds()
    single_use = prepared is None
    if prepared is None:
        prepared = prepare_original(
            original, base, background or load_background(), thresholds.base_score
        )
    elif (
        not prepared.built_for(original, base)
        or prepared.base_score != thresholds.base_score
        or (background is not None and background is not prepared.background)
    ):
        raise ValueError("prepared for another original, base code, background or threshold")
    background = prepared.background
    result = CompareResult(
        original_root=str(original.root),
        rewrite_root=str(rewrite.root),
        tool_version=__version__,
        parameters={
            **(parameters or {}),
            **{name: getattr(thresholds, name) for name in Thresholds.__dataclass_fields__},
            "background_documents": background.documents,
        },
    )
    result.original_files = [_input(file) for file in original.files]
    result.rewrite_files = [_input(file) for file in rewrite.files]
    result.skipped = [SkippedInput("original", s.path, s.reason) for s in original.skipped] + [
        SkippedInput("rewrite", s.path, s.reason) for s in rewrite.skipped
    ]
    rewrites = [unit for unit in rewrite.units() if unit.statements]
    base_code = prepared.base_code
    if base_code is not None and base_code.units:
        kept = [u for u in rewrites if not base_code.holds(u, background, thresholds.base_score)]
        result.filtered["units following base code"] = (
            prepared.units_in_base + len(rewrites) - len(kept)
        )
        rewrites = kept
    result.filtered["import statements"] = sum(f.imports for f in original.files + rewrite.files)
    result.filtered["licence or copyright comments"] = sum(
        1
        for f in original.files + rewrite.files
        if any(LICENCE.search(t) for _, t in f.comments[:5])
    )
    graphs = (call_graph(rewrites), prepared.graph)
    index = prepared.candidate_index()
    best = _best_pairs(prepared.units, rewrites, graphs, index, background, thresholds)
    del index
    if single_use:
        prepared.release_index()  # free it before the comment index is built
    _add_context(best, prepared.units, graphs, thresholds)
    comment_index = prepared.comments()
    if base is not None:
        result.filtered["comment word sequences in base code"] = comment_index.shared_sequences
    result.files = _file_results(
        rewrite.files, best, rewrites, background, thresholds, comment_index
    )
    result.filtered["boilerplate statements (common in unrelated code)"] = sum(
        1
        for unit in rewrites
        for w in statement_weights(unit, background)
        if w < BOILERPLATE_WEIGHT
    )
    return result


def _input(file: FileFeatures) -> InputFile:
    return InputFile(file.path, file.language, file.sha256, file.size, file.loc, file.error_nodes)


def _best_pairs(
    originals: list[UnitFeatures],
    rewrites: list[UnitFeatures],
    graphs: tuple[dict[int, set[int]], dict[int, set[int]]],
    index: CandidateIndex,
    background: Background,
    thresholds: Thresholds,
) -> dict[int, PairScore]:
    """For every rewrite unit, the original unit it best corresponds to.

    First by statement alignment alone among the retrieved candidates. Then, for
    `PROPAGATION_ROUNDS` rounds, evidence flows along the call graphs (similarity flooding):
    the original neighbours of a matched neighbour become candidates too (a renamed helper
    whose statements are too common to be retrieved is found through its callers), and every
    candidate is ranked by its score with context (`_lifted`), where context is the share of
    the rewrite unit's call neighbours matched to the candidate's own neighbours. An isolated
    look-alike gains nothing; a unit whose callers and callees line up wins a tie, and then
    the tighter alignment does.
    """
    best: dict[int, PairScore] = {}
    if not originals:
        return best
    rewrite_graph, original_graph = graphs
    position_of = {id(unit): position for position, unit in enumerate(originals)}
    weights = {
        position: statement_weights(unit, background) for position, unit in enumerate(rewrites)
    }
    cache: dict[tuple[int, int], PairScore] = {}

    def scored(position: int, candidate: int) -> PairScore:
        key = (position, candidate)
        if key not in cache:
            cache[key] = score_pair(
                rewrites[position], originals[candidate], background, weights[position]
            )
        return cache[key]

    retrieved = {
        position: index.candidates(unit)
        for position, unit in enumerate(rewrites)
        if sum(weights[position]) > 0
    }
    tied: dict[int, list[PairScore]] = {}
    for position, candidates in retrieved.items():
        pairs = [scored(position, candidate) for candidate in candidates]
        if pairs:
            tied[position] = _best_aligned(pairs, background)
    sources = _Sources({p: pairs[0] for p, pairs in tied.items() if len(pairs) == 1})
    for position, pairs in tied.items():
        best[position] = max(pairs, key=sources.cohesion) if len(pairs) > 1 else pairs[0]
    for _ in range(PROPAGATION_ROUNDS):
        anchors = _anchors(best, position_of, thresholds)
        sources = _Sources({p: best[p] for p in anchors})
        chosen: dict[int, PairScore] = {}
        for position, candidates in retrieved.items():
            around = rewrite_graph.get(position, set())
            pool = set(candidates) | flooded_candidates(around, anchors, original_graph)
            ranked = []
            for candidate in pool:
                pair = scored(position, candidate)
                context = agreement(around, anchors, original_graph.get(candidate, set()))
                lifted = _lifted(pair.structure, context, thresholds)
                ranked.append(((lifted, context, pair.structure, _density(pair)), -candidate, pair))
            if ranked:
                chosen[position] = _of_equals(ranked, sources)
        best = chosen
    return best


PROPAGATION_ROUNDS = 2


def _best_aligned(pairs: list[PairScore], background: Background) -> list[PairScore]:
    """The best-aligned candidates; of equally aligned ones, those sharing the most of the
    rewrite unit's rare label k-grams (in retrieval order)."""
    top = max(pair.structure for pair in pairs)
    tied = [pair for pair in pairs if pair.structure == top]
    if len(tied) == 1:
        return tied
    shared = [kgram_containment(pair.rewrite, pair.original, background) for pair in tied]
    return [pair for pair, value in zip(tied, shared, strict=True) if value == max(shared)]


class _Sources:
    """Which original files the units of each rewrite file currently follow: of candidates
    that explain a unit equally well (template siblings: the same method in two classes), the
    one in the file its neighbours in the rewrite file follow is the likelier source. Read
    from structure alone, it holds for renamed code too."""

    def __init__(self, mapping: dict[int, PairScore]) -> None:
        self.votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.own: dict[int, str] = {}
        for pair in mapping.values():
            self.votes[pair.rewrite.file][pair.original.file] += 1
            self.own[id(pair.rewrite)] = pair.original.file

    def cohesion(self, pair: PairScore) -> int:
        """Units of the pair's rewrite file, itself left out, that follow its original file."""
        votes = self.votes.get(pair.rewrite.file, {}).get(pair.original.file, 0)
        return votes - (self.own.get(id(pair.rewrite)) == pair.original.file)


def _anchors(
    best: dict[int, PairScore], position_of: dict[int, int], thresholds: Thresholds
) -> dict[int, int]:
    """The current mapping (rewrite position -> original position) that context is read
    from: pairs at least half-way to a unit match."""
    return {
        position: position_of[id(pair.original)]
        for position, pair in best.items()
        if pair.structure >= thresholds.unit_score / 2
    }


def _lifted(structure: float, context: float, thresholds: Thresholds) -> float:
    """A pair's score: its structure, raised by call-graph agreement towards 1."""
    if structure <= 0:
        return 0.0
    return min(1.0, structure + thresholds.context_weight * context * (1.0 - structure))


def _of_equals(
    ranked: list[tuple[tuple[float, ...], int, PairScore]], sources: _Sources
) -> PairScore:
    """The pair with the best ranking key; of pairs equal on it, the one in the original
    file the rewrite file's other units follow, then the one whose names agree most (then
    the first retrieved), so that files and names are compared only for ties."""
    top = max(key for key, _, _ in ranked)
    tied = [(order, pair) for key, order, pair in ranked if key == top]
    if len(tied) == 1:
        return tied[0][1]
    return max(tied, key=lambda item: (sources.cohesion(item[1]), _same_name(item[1]), item[0]))[1]


def _same_name(pair: PairScore) -> float:
    """Shared subwords of the two units' own names (`parse_or`, `parseOr`): the last tie-break
    between candidates that explain a rewrite unit equally well in every other respect. A
    port keeps names and a renamed copy loses them; neither earns a pair any score."""
    rewrite = set(split_identifier(pair.rewrite.short_name))
    original = set(split_identifier(pair.original.short_name))
    union = rewrite | original
    return len(rewrite & original) / len(union) if union else 0.0


def _density(pair: PairScore) -> float:
    """How tightly the aligned statements sit in the original unit: of two candidates that
    explain a rewrite unit equally, the one whose matching statements are not scattered
    through a long module body is the likelier source."""
    if not pair.aligned:
        return 0.0
    first, last = pair.aligned[0][1], pair.aligned[-1][1]
    return len(pair.aligned) / (last - first + 1)


def _add_context(
    best: dict[int, PairScore],
    originals: list[UnitFeatures],
    graphs: tuple[dict[int, set[int]], dict[int, set[int]]],
    thresholds: Thresholds,
) -> None:
    """Score = structure, raised by call-graph agreement with the final mapping."""
    position_of = {id(unit): position for position, unit in enumerate(originals)}
    support = context_support(_anchors(best, position_of, thresholds), *graphs)
    for position, pair in best.items():
        pair.context = support.get(position, 0.0)
        pair.score = _lifted(pair.structure, pair.context, thresholds)


def _z(pair: PairScore, background: Background) -> tuple[float, float]:
    mean, std = background.chance(len(pair.rewrite.statements))
    return mean, (pair.structure - mean) / std


def _unit_match(pair: PairScore, background: Background) -> UnitMatch:
    measure_side_channels(pair, background)
    rewrite, original = pair.rewrite, pair.original
    mean, z = _z(pair, background)
    return UnitMatch(
        rewrite_unit=rewrite.name,
        rewrite=Span(rewrite.file, rewrite.start_row + 1, rewrite.end_row + 1),
        original_unit=original.name,
        original=Span(original.file, original.start_row + 1, original.end_row + 1),
        original_public=original.public,
        original_language=original.language,
        score=round(pair.score, 4),
        structure=round(pair.structure, 4),
        context=round(pair.context, 4),
        aligned=pair.aligned_count,
        rewrite_statements=len(rewrite.statements),
        original_statements=len(original.statements),
        longest_run=pair.longest_run,
        chance_mean=round(mean, 4),
        z=round(z, 2),
        literals=round(pair.literals, 4),
        words=round(pair.words, 4),
        calls=round(pair.calls, 4),
        statements=tuple(
            StatementPair(
                Span(
                    rewrite.file,
                    rewrite.statements[i].start_row + 1,
                    rewrite.statements[i].end_row + 1,
                ),
                Span(
                    original.file,
                    original.statements[j].start_row + 1,
                    original.statements[j].end_row + 1,
                ),
                exact,
            )
            for i, j, exact in pair.aligned
        ),
        shared_literals=_shared_literals(rewrite, original, background),
    )


def _shared_literals(
    rewrite: UnitFeatures, original: UnitFeatures, background: Background, limit: int = 8
) -> tuple[str, ...]:
    shared = set(rewrite.literals) & set(original.literals)
    ranked = sorted(shared, key=lambda text: (-background.weight("literal", text), text))
    return tuple(ranked[:limit])


def _originals(
    shares: dict[str, float], named_by_comments: str | None
) -> tuple[OriginalShare, ...]:
    """Original files by their share of the matched code; when only the comments show the
    derivation, the file whose comments they repeat comes first (its code share may be 0)."""
    total = sum(shares.values())
    ranked = [
        OriginalShare(path, round(value / total, 4))
        for path, value in sorted(shares.items(), key=lambda item: -item[1])
    ]
    if named_by_comments is None:
        return tuple(ranked)
    first = next(
        (share for share in ranked if share.path == named_by_comments),
        OriginalShare(named_by_comments, 0.0),
    )
    return (first, *(share for share in ranked if share.path != named_by_comments))


class _Routes(NamedTuple):
    verdict: Verdict
    mirrored_by: tuple[str, ...]
    named_by_comments: bool
    """the comments alone carry the verdict, so the file they repeat is named first"""


def _routes(
    score: float,
    coverage: float,
    evidence: float,
    bar: float,
    carried: float,
    sequences: int,
    thresholds: Thresholds,
) -> _Routes:
    """The verdict, from the two kinds of evidence: structure (score, coverage and evidence
    against their bars) and comments carried over (a share of the file's wording with a floor
    on its count); either makes a file `mirrors`, and a quarter of either `partial`."""
    structure_shows_it = (
        evidence >= thresholds.mirror_evidence
        and coverage >= thresholds.mirror_coverage
        and score >= bar
    )
    enough_comments = sequences >= thresholds.comment_sequences
    comments_show_it = enough_comments and carried >= thresholds.mirror_comments
    comments_suggest_it = enough_comments and carried >= thresholds.partial_score
    verdict: Verdict = "independent"
    if structure_shows_it or comments_show_it:
        verdict = "mirrors"
    elif score >= thresholds.partial_score or comments_suggest_it:
        verdict = "partial"
    comments_decide = comments_show_it or (comments_suggest_it and score < thresholds.partial_score)
    mirrored_by = tuple(
        route
        for route, shown in (("structure", structure_shows_it), ("comments", comments_show_it))
        if shown
    )
    return _Routes(verdict, mirrored_by, comments_decide and not structure_shows_it)


def _file_results(
    files: list[FileFeatures],
    best: dict[int, PairScore],
    rewrites: list[UnitFeatures],
    background: Background,
    thresholds: Thresholds,
    comment_index: CommentIndex,
) -> list[FileResult]:
    position_of = {id(unit): position for position, unit in enumerate(rewrites)}
    results: list[FileResult] = []
    for file in files:
        total = matched = interface = scored = chance = evidence = 0.0
        matches: list[UnitMatch] = []
        unmatched: list[str] = []
        shares: dict[str, float] = defaultdict(float)
        for unit in file.units:
            position = position_of.get(id(unit))
            weights = statement_weights(unit, background) if position is not None else []
            weight = sum(weights)
            if weight <= 0 or len(unit.statements) < thresholds.unit_aligned:
                continue  # too small to be evidence either way
            total += weight
            chance += weight * background.chance(len(unit.statements))[0]
            pair = best.get(position) if position is not None else None
            if pair is None:
                unmatched.append(unit.name)
                continue
            _, z = _z(pair, background)
            if (
                pair.score < thresholds.unit_score
                or z < thresholds.unit_z
                or pair.aligned_count < thresholds.unit_aligned
            ):
                unmatched.append(unit.name)
                continue
            matched += weight
            # rare, dense alignment; boilerplate (`self.x = x`) is no evidence however much a
            # file holds: field-setting constructors align with any code setting fields in a row
            evidence += aligned_weight(pair.aligned, weights, BOILERPLATE_WEIGHT) * _density(pair)
            scored += weight * pair.score
            if pair.original.public:
                interface += weight
            shares[pair.original.file] += weight * pair.score
            matches.append(_unit_match(pair, background))
        score = scored / total if total else 0.0
        coverage = matched / total if total else 0.0
        within_language = any(same_language(m.original_language, file.language) for m in matches)
        bar = thresholds.mirror_score_same_language if within_language else thresholds.mirror_score
        holdings = comment_index.holdings(file.comments)
        owner = holdings.owner
        sources = set(shares) | ({owner} if owner else set())
        carried, sequences, passages = comment_index.carried(file.comments, sources)
        routes = _routes(score, coverage, evidence, bar, carried, sequences, thresholds)
        named_by_comments = owner if routes.named_by_comments else None
        originals = _originals(shares, named_by_comments)
        results.append(
            FileResult(
                path=file.path,
                language=file.language,
                loc=file.loc,
                verdict=routes.verdict,
                score=round(score, 4),
                coverage=round(coverage, 4),
                interface_share=round(interface / matched, 4) if matched else 0.0,
                evidence=round(evidence, 2),
                comments=round(carried, 4),
                comment_sequences=sequences,
                comment_passages=tuple(
                    CommentPassage(row + 1, path, original_row + 1, text[:300], shared)
                    for row, path, original_row, text, shared in passages
                ),
                chance=round(chance / total, 4) if total else 0.0,
                originals=originals,
                comments_elsewhere=round(holdings.elsewhere({o.path for o in originals}), 4),
                units=tuple(matches),
                unmatched_units=tuple(unmatched),
                mirrored_by=routes.mirrored_by,
            )
        )
    results.sort(key=lambda file: (-file.score, file.path))
    return results
