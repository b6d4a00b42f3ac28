"""The `provenance` command line. Thin: parses options, calls the library, renders results."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from contextlib import ExitStack, nullcontext
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text
from typer.core import TyperArgument

from provenance import __version__
from provenance.errors import ProvenanceError
from provenance.inputs import materialise
from provenance.inventory import take_inventory
from provenance.ir.files import ir_json, lower_file
from provenance.ir.show import render_tree
from provenance.languages import all_languages
from provenance.match.background import load_background
from provenance.match.compare import Thresholds, compare_codebases, match_codebases
from provenance.match.extract import TOO_DEEP, extract_codebase, too_complex
from provenance.match.prepare import prepare_original
from provenance.render import inventory_json, inventory_tables, languages_json, languages_table
from provenance.report.explain import explain_files, explain_renderables
from provenance.report.html import result_html
from provenance.report.json_report import result_json
from provenance.report.markdown import result_markdown
from provenance.report.sarif import result_sarif
from provenance.report.spreadsheet import result_csv
from provenance.report.terminal import result_tables
from provenance.sources import DEFAULT_MAX_SIZE, DiscoveryOptions
from provenance.store import analysis_fingerprint, build_index, load_index

app = typer.Typer(
    name="provenance",
    help="Which files of a rewrite, in any language, still mirror which files of an original?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class FailOn(StrEnum):
    mirrors = "mirrors"
    partial = "partial"


Jobs = Annotated[int | None, typer.Option(min=1, help="Worker processes (default: all cores).")]
Include = Annotated[list[str] | None, typer.Option(help="Only files matching this glob.")]
Exclude = Annotated[list[str] | None, typer.Option(help="Leave out files matching this glob.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
Scheduler = Annotated[
    str | None, typer.Option(help="Run the analysis on a Dask cluster at this address.")
]
FailOnOption = Annotated[
    FailOn | None, typer.Option(help="Exit with 1 when any file is judged this (or worse): for CI.")
]


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_PROGRESS_MIN_FILES = 200


def _fail(message: str) -> typer.Exit:
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"provenance: error: {message}", markup=False
    )
    return typer.Exit(code=2)


def parse_size(text: str) -> int:
    """'2MB', '500k', '1048576' -> bytes."""
    match = _SIZE.match(text)
    if match is None:
        raise ProvenanceError(f"not a size: {text!r} (use e.g. 500k, 2MB)")
    return int(float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()])


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Which files of a rewrite, in any language, still mirror which files of an original?"""


@app.command()
def languages(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the supported languages, their file extensions and grammar versions."""
    try:
        specs = list(all_languages().values())
        if as_json:
            typer.echo(json.dumps(languages_json(specs), indent=2))
        else:
            Console().print(languages_table(specs))
    except ProvenanceError as error:
        raise _fail(str(error)) from None


@app.command()
def inventory(
    directory: Annotated[Path, typer.Argument(help="The source tree to inventory.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar; skipped files as counts only.")
    ] = False,
    include: Annotated[
        list[str] | None, typer.Option(help="Only files matching this glob (repeatable).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Leave out files matching this glob (repeatable).")
    ] = None,
    max_size: Annotated[
        str, typer.Option(help="Skip files larger than this (e.g. 500k, 2MB).")
    ] = f"{DEFAULT_MAX_SIZE // (1024 * 1024)}MB",
    gitignore: Annotated[
        bool, typer.Option("--gitignore/--no-gitignore", help="Honour .gitignore files.")
    ] = True,
    jobs: Jobs = None,
    show_skipped: Annotated[
        bool, typer.Option(help="List every skipped file, not just the first ones.")
    ] = False,
) -> None:
    """Count files, lines of code and syntax errors per language, and list what was skipped."""
    try:
        options = DiscoveryOptions(
            max_size=parse_size(max_size),
            include=tuple(include or ()),
            exclude=tuple(exclude or ()),
            use_gitignore=gitignore,
        )
        show_progress = not quiet and not as_json and sys.stderr.isatty()
        with _progress_bar(show_progress) as bar:
            tasks = _ProgressTasks(bar)
            result = take_inventory(
                directory, options, jobs=jobs, progress=lambda d, t: tasks.update("parsing", d, t)
            )
    except ProvenanceError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(inventory_json(result, __version__), indent=2))
        return
    console = Console()
    skip_limit = None if show_skipped else (0 if quiet else 20)
    for renderable in inventory_tables(result, skip_limit):
        console.print(renderable)


@app.command()
def compare(
    context: typer.Context,
    original: Annotated[Path, typer.Argument(help="The original source tree.")],
    rewrite: Annotated[Path, typer.Argument(help="The suspected rewrite.")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full result as JSON to this file.")
    ] = None,
    base: Annotated[
        Path | None,
        typer.Option(help="Code both sides may legitimately share (SDK, spec snippets)."),
    ] = None,
    jobs: Jobs = None,
    mirror_score: Annotated[
        float | None, typer.Option(help="Score from which a file mirrors.")
    ] = None,
    mirror_coverage: Annotated[
        float | None, typer.Option(help="Coverage from which a file mirrors.")
    ] = None,
    mirror_evidence: Annotated[
        float | None,
        typer.Option(help="Rarity weight of aligned statements from which a file mirrors."),
    ] = None,
    mirror_comments: Annotated[
        float | None,
        typer.Option(
            help="Share of a file's comment wording found in the original's comments from which "
            "it mirrors, whatever its code scores."
        ),
    ] = None,
    partial_score: Annotated[
        float | None, typer.Option(help="Score from which a file is partial.")
    ] = None,
    include: Include = None,
    exclude: Exclude = None,
    sarif: Annotated[Path | None, typer.Option(help="Write SARIF 2.1.0 to this file.")] = None,
    markdown: Annotated[
        Path | None, typer.Option(help="Write a Markdown summary to this file.")
    ] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Write file pairs as CSV.")] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write a self-contained HTML evidence report.")
    ] = None,
    fail_on: FailOnOption = None,
    scheduler: Scheduler = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every rewrite file.")] = False,
    quiet: Quiet = False,
) -> None:
    """Which files of REWRITE mirror which files of ORIGINAL, how much, and how surely."""
    overrides = {
        name: value
        for name, value in (
            ("mirror_score", mirror_score),
            ("mirror_coverage", mirror_coverage),
            ("mirror_evidence", mirror_evidence),
            ("mirror_comments", mirror_comments),
            ("partial_score", partial_score),
        )
        if value is not None
    }
    options = DiscoveryOptions(include=tuple(include or ()), exclude=tuple(exclude or ()))
    show_progress = not quiet and sys.stderr.isatty()
    try:
        # archives are unpacked here, so that the HTML report can show their code
        with ExitStack() as inputs, _progress_bar(show_progress) as bar:
            tasks = _ProgressTasks(bar)
            sources = (
                inputs.enter_context(materialise(original)),
                inputs.enter_context(materialise(rewrite)),
            )
            result = compare_codebases(
                *sources,
                jobs=jobs,
                base=None if base is None else inputs.enter_context(materialise(base)),
                options=options,
                thresholds=replace(Thresholds(), **overrides),
                progress=lambda side, d, t: tasks.update(f"reading {side}", d, t),
                scheduler=scheduler,
            )
            result.original_root = str(original.resolve())
            result.rewrite_root = str(rewrite.resolve())
            result.command = _command_line(context)
            _write_reports(
                {
                    json_out: lambda: json.dumps(result_json(result), indent=1) + "\n",
                    sarif: lambda: json.dumps(result_sarif(result), indent=1) + "\n",
                    markdown: lambda: result_markdown(result),
                    csv_out: lambda: result_csv(result),
                    html_out: lambda: result_html(result, sources),
                }
            )
    except (ProvenanceError, OSError) as error:
        raise _fail(str(error)) from None
    console = Console()
    for renderable in result_tables(result, None if show_all else 50):
        console.print(renderable)
    _exit_on(fail_on, (file.verdict for file in result.files))


@app.command()
def index(
    original: Annotated[Path, typer.Argument(help="The original: a tree, archive or source map.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The index file to create or update.")],
    jobs: Jobs = None,
    include: Include = None,
    exclude: Exclude = None,
    quiet: Quiet = False,
    scheduler: Scheduler = None,
) -> None:
    """Fingerprint ORIGINAL once into an index file; re-runs re-analyse only changed files."""
    options = DiscoveryOptions(include=tuple(include or ()), exclude=tuple(exclude or ()))
    try:
        with materialise(original) as root, _progress_bar(not quiet and sys.stderr.isatty()) as bar:
            tasks = _ProgressTasks(bar)
            outcome = build_index(
                root,
                out,
                options=options,
                jobs=jobs,
                progress=lambda d, t: tasks.update("indexing", d, t),
                scheduler=scheduler,
            )
    except ProvenanceError as error:
        raise _fail(str(error)) from None
    Console(highlight=False, soft_wrap=True).print(
        f"{out}: {outcome.added} files added, {outcome.updated} updated, {outcome.unchanged} "
        f"unchanged, {outcome.removed} removed; {len(outcome.skipped)} skipped"
        + (
            "; every file re-analysed: the index was built by another analysis"
            if outcome.reanalysed
            else ""
        ),
        markup=False,
    )


@app.command()
def scan(
    index_file: Annotated[Path, typer.Argument(help="An index made by `provenance index`.")],
    targets: Annotated[
        list[Path], typer.Argument(help="Trees, git checkouts or archives to scan.")
    ],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write all results as JSON.")
    ] = None,
    markdown: Annotated[Path | None, typer.Option(help="Write a Markdown roll-up.")] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="HTML report per target (name gets the target).")
    ] = None,
    sarif: Annotated[
        Path | None, typer.Option(help="SARIF per target (name gets the target).")
    ] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="CSV per target (name gets the target).")
    ] = None,
    jobs: Jobs = None,
    fail_on: FailOnOption = None,
) -> None:
    """Compare every TARGET with the indexed original; a roll-up ranks targets by derivation."""
    console = Console()
    try:
        original, meta = load_index(index_file)
        if meta.get("analysis") != analysis_fingerprint():
            console.print(
                Text(
                    f"warning: {index_file} was built by another analysis (grammar tables, "
                    "lowering or background table); run `provenance index` again for results "
                    "identical to compare",
                    style="yellow",
                )
            )
        results = []
        prepared = prepare_original(original, None, load_background(), Thresholds().base_score)
        for number, target in enumerate(targets, start=1):
            with materialise(target) as root:
                codebase = extract_codebase(root, jobs=jobs)
                result = match_codebases(original, codebase, prepared=prepared)
                result.original_root = meta.get("root", str(index_file))
                result.rewrite_root = str(target)
                _write_reports(
                    {
                        _named(html_out, number, target): lambda r=result, at=root: result_html(
                            r, (Path(r.original_root), at)
                        ),
                        _named(sarif, number, target): lambda r=result: json.dumps(
                            result_sarif(r), indent=1
                        ),
                        _named(csv_out, number, target): lambda r=result: result_csv(r),
                    }
                )
            results.append(result)
    except (ProvenanceError, OSError) as error:
        raise _fail(str(error)) from None
    rollup = sorted(results, key=lambda r: (-r.derived_loc_share, r.rewrite_root))
    table = Table(title=f"{len(results)} targets scanned against {index_file}")
    for column in ("target", "files", "mirrors", "partial", "derived code"):
        table.add_column(column, justify="left" if column == "target" else "right")
    for result in rollup:
        table.add_row(
            Text(result.rewrite_root),
            str(len(result.files)),
            str(len(result.by_verdict("mirrors"))),
            str(len(result.by_verdict("partial"))),
            f"{result.derived_loc_share:.0%}",
        )
    console.print(table)
    if json_out is not None:
        payload = {"index": str(index_file), "targets": [result_json(r) for r in rollup]}
        json_out.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    if markdown is not None:
        markdown.write_text("\n".join(result_markdown(r) for r in rollup), encoding="utf-8")
    _exit_on(fail_on, (file.verdict for r in results for file in r.files))


def _named(path: Path | None, number: int, target: Path) -> Path | None:
    """`report.html` for target 2 `leak.zip` becomes `report.2-leak.zip.html`."""
    if path is None:
        return None
    label = re.sub(r"[^\w.-]+", "_", target.name or "target")
    return path.with_name(f"{path.stem}.{number}-{label}{path.suffix}")


@app.command()
def explain(
    original_file: Annotated[Path, typer.Argument(help="A file of the original.")],
    rewrite_file: Annotated[Path, typer.Argument(help="A file of the rewrite.")],
) -> None:
    """Show how REWRITE_FILE follows ORIGINAL_FILE: units and statements side by side."""
    try:
        result = explain_files(original_file, rewrite_file)
        renderables = explain_renderables(result, original_file, rewrite_file)
    except (ProvenanceError, OSError) as error:
        raise _fail(str(error)) from None
    console = Console(highlight=False)
    for renderable in renderables:
        console.print(renderable)


@app.command("ir")
def ir_command(
    file: Annotated[Path, typer.Argument(help="A source file to lower.")],
    unit: Annotated[
        str | None, typer.Option(help="Only this unit (qualified name, e.g. Cache.get).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a tree.")] = False,
    language: Annotated[
        str | None, typer.Option(help="Override language detection (e.g. typescript).")
    ] = None,
) -> None:
    """Show the language-neutral IR of a file: units, kinds, names and source lines."""
    try:
        lowered = lower_file(file, language)
    except ProvenanceError as error:
        raise _fail(str(error)) from None
    except TOO_DEEP as error:  # as `compare` skips such a file
        raise _fail(f"{file}: {too_complex(error)}") from None
    units = lowered.units
    if unit is not None:
        units = [u for u in units if u.name == unit or u.name.rsplit(".", 1)[-1] == unit]
        if not units:
            names = ", ".join(u.name for u in lowered.units) or "none"
            raise _fail(f"no unit {unit!r} in {file} (units: {names})")
    if as_json:
        typer.echo(json.dumps(ir_json(lowered, units), indent=1))
        return
    console = Console(highlight=False)
    console.print(
        f"{file} ({lowered.language}): {len(lowered.units)} units, "
        f"{lowered.stats.unmapped_total} unmapped syntax nodes",
        markup=False,
    )
    roots = [u.node for u in units] if unit is not None else [lowered.module]
    for root in roots:
        for line in render_tree(root, lowered.source):
            console.print(line, markup=False, soft_wrap=True)


def _command_line(context: typer.Context) -> list[str]:
    """The running command with its effective arguments, for the reproducibility record."""
    words = ["provenance", context.info_name or ""]
    for parameter in context.command.params:
        value = context.params.get(parameter.name or "")
        if value is None or value is False or value == [] or value == parameter.default:
            continue
        if isinstance(parameter, TyperArgument):
            words.append(str(value))
            continue
        flag = max(parameter.opts, key=len)
        if value is True:
            words.append(flag)
        else:
            for item in value if isinstance(value, (list, tuple)) else [value]:
                words += [flag, str(getattr(item, "value", item))]
    return words


class _ProgressTasks:
    """One progress bar with a task per label, shown only for large inputs."""

    def __init__(self, bar: Progress | None) -> None:
        self.bar = bar
        self.tasks: dict[str, TaskID] = {}

    def update(self, label: str, done: int, total: int) -> None:
        if self.bar is None or total < _PROGRESS_MIN_FILES:
            return
        if label not in self.tasks:
            self.tasks[label] = self.bar.add_task(label, total=total)
        self.bar.update(self.tasks[label], completed=done)


def _write_reports(outputs: dict[Path | None, Callable[[], str]]) -> None:
    for path, render in outputs.items():
        if path is not None:
            path.write_text(render(), encoding="utf-8")


def _exit_on(fail_on: FailOn | None, verdicts: Iterable[str]) -> None:
    """For CI: exit with 1 when a file is judged `fail_on` or worse."""
    if fail_on is None:
        return
    failing = {"mirrors"} if fail_on is FailOn.mirrors else {"mirrors", "partial"}
    if any(verdict in failing for verdict in verdicts):
        raise typer.Exit(code=1)


def _progress_bar(enabled: bool) -> Progress | nullcontext[None]:
    if not enabled:
        return nullcontext(None)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
