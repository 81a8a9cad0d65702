"""The command line: each command opens the store, calls one library function, prints.

Domain errors (:class:`claimgraph.errors.ClaimgraphError`) become one clean
line on stderr and exit code 2; nothing else is caught.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..errors import ClaimgraphError, InputError, SkippedDocument
from ..options import DEFAULT_MAX_CHARS, DEFAULT_MODEL
from .common import (
    CueTaggerOption,
    DbOption,
    DictOption,
    LimitOption,
    MaxCharsOption,
    ModelOption,
    _fail,
    _open_store,
    _styled,
    analysis_options,
    err,
    out,
)
from .corroboration import (
    contradictions,
    event,
    events,
    print_cluster_line,
    print_contradiction,
    statements,
)
from .evaluation import eval_app
from .serve import serve
from .spark import spark, spark_load

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    help="claimgraph: news reports → an auditable evidence graph of claims.",
)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files or directories; - reads stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the claimgraph/1 JSON.")] = False,
    model: ModelOption = DEFAULT_MODEL,
    dictionary: DictOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    cue_tagger: CueTaggerOption = False,
) -> None:
    """Analyze articles and print their claims (no store involved)."""
    from ..inputs import read
    from ..output import envelope
    from ..pipeline import analyze_many

    options = analysis_options(model, dictionary, max_chars, cue_tagger)
    problems: list[ClaimgraphError] = []

    def documents():
        for item in read(paths):
            if isinstance(item, InputError | SkippedDocument):
                problems.append(item)
            else:
                yield item

    try:
        analyses = []
        for item in analyze_many(documents(), options):
            if isinstance(item, SkippedDocument):
                problems.append(item)
            else:
                analyses.append(item)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    for problem in problems:
        err.print(f"[yellow]{escape(str(problem))}[/yellow]")
    if as_json:
        sys.stdout.write(json.dumps(envelope(analyses), ensure_ascii=False, indent=1) + "\n")
    else:
        for analysis in analyses:
            _print_analysis(analysis)
    if not analyses and problems:
        raise typer.Exit(1)


def _print_analysis(analysis) -> None:
    d = analysis.document
    names = {a.id: a.name for a in analysis.actors}
    out.rule(escape(d.title or d.source or d.id[:12]))
    meta = " · ".join(x for x in (d.outlet, d.published, d.url, d.id[:12]) if x)
    out.print(f"[dim]{escape(meta)}[/dim]")
    for claim in analysis.claims:
        chain = " › ".join(
            (names.get(a.source_actor) if a.source_actor else None)
            or a.source_text
            or ("anonymous" if a.anonymous else "unnamed")
            for a in claim.attribution
        )
        line = f"{_styled(claim.certainty.rjust(12))}  {escape(claim.text)}"
        out.print(line)
        if chain:
            out.print(f"{'':>14}[dim]says: {escape(chain)}[/dim]")
        if claim.event:
            e = claim.event
            who = names.get(e.source_actor, "?") if e.source_actor else "?"
            whom = names.get(e.target_actor, "") if e.target_actor else ""
            when = e.date.value or ""
            out.print(
                f"{'':>14}[dim]event: {e.type}{'/' + e.mode if e.mode else ''} "
                f"{escape(who)} → {escape(whom)} {when} ({e.realis})[/dim]"
            )


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories or quoted glob patterns ('data/*.warc.gz'); - reads stdin."
        ),
    ],
    db: DbOption = "claimgraph.db",
    model: ModelOption = DEFAULT_MODEL,
    dictionary: DictOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    cue_tagger: CueTaggerOption = False,
    processes: Annotated[
        int,
        typer.Option(
            "--processes",
            "-p",
            min=1,
            help="Worker processes for parsing and extraction (each loads the model once).",
        ),
    ] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
) -> None:
    """Analyze articles and add them to the store (idempotent, resumable).

    Reads text, HTML, JSONL, WARC/WARC.gz and RSS/Atom files. A run that is
    interrupted can be started again: documents already stored are skipped.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from ..inputs import SkippedRecord
    from ..run import ingest as run_ingest

    class SpeedColumn(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "… docs/s", style="dim")

    options = analysis_options(model, dictionary, max_chars, cue_tagger)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        SpeedColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    try:
        with _open_store(db) as store, Progress(*columns, console=err, disable=quiet) as bar:
            task = bar.add_task("ingesting", total=None)

            def tick(item) -> None:
                if isinstance(item, SkippedRecord):
                    return  # a request or metadata record: counted, not a document
                bar.advance(task)
                if isinstance(item, InputError | SkippedDocument):
                    bar.console.print(f"[yellow]{escape(str(item))}[/yellow]")

            def total(n: int) -> None:
                bar.update(task, total=max(n, bar.tasks[0].completed))

            result = run_ingest(
                paths, store, options, on_document=tick, processes=processes, on_total=total
            )
            bar.update(task, total=bar.tasks[0].completed)  # the count was an estimate
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    err.print(
        f"read {result.read} documents: {result.added} added, "
        f"{result.already_stored} already stored, {len(result.skipped)} skipped, "
        f"{len(result.errors)} unreadable"
    )
    if result.records_skipped:
        counts = ", ".join(f"{n} × {reason}" for reason, n in result.records_skipped.most_common())
        err.print(
            f"WARC records without an article: {sum(result.records_skipped.values())} "
            f"({escape(counts)})"
        )


def _claims_table(rows) -> Table:
    table = Table(show_lines=False)
    for col in ("document", "certainty", "says", "claim", "event"):
        table.add_column(col, overflow="fold")
    for r in rows:
        event = ""
        if r.event:
            e = r.event
            event = f"{e.type} {e.source or '?'} → {e.target or ''}"
            if e.date:
                event += f" {e.date}"
        table.add_row(
            escape(f"{r.outlet or ''} {r.document_id[:8]}"),
            _styled(r.certainty),
            escape(r.chain_text.replace(" > ", " › ")),
            escape(r.text),
            escape(event),
        )
    return table


def _emit_rows(rows, as_json: bool) -> None:
    from dataclasses import asdict

    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    else:
        out.print(_claims_table(rows))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Full-text query over claim text.")],
    db: DbOption = "claimgraph.db",
    limit: LimitOption = 20,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """Full-text search over stored claims."""
    try:
        with _open_store(db) as store:
            rows = store.search(query, limit=limit)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    _emit_rows(rows, as_json)


@app.command()
def claims(
    db: DbOption = "claimgraph.db",
    actor: Annotated[str | None, typer.Option(help="Actor name or alias.")] = None,
    event_type: Annotated[str | None, typer.Option("--event-type", help="PLOVER type.")] = None,
    certainty: Annotated[str | None, typer.Option(help="Certainty class.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY-MM-DD.")] = None,
    place: Annotated[str | None, typer.Option(help="Place name or country code.")] = None,
    document: Annotated[str | None, typer.Option(help="Document id or prefix.")] = None,
    limit: LimitOption = 100,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """List stored claims, filtered."""
    from ..records import CERTAINTIES

    if certainty and certainty not in CERTAINTIES:
        raise _fail(
            ClaimgraphError(
                f"unknown certainty {certainty!r}; choose one of {', '.join(CERTAINTIES)}"
            )
        )
    try:
        with _open_store(db) as store:
            rows = store.claims(
                actor=actor,
                event_type=event_type.upper() if event_type else None,
                certainty=certainty,
                date_from=date_from,
                date_to=date_to,
                place=place,
                document=document,
                limit=limit,
            )
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    _emit_rows(rows, as_json)


@app.command()
def actors(
    db: DbOption = "claimgraph.db",
    name: Annotated[str | None, typer.Option(help="Name or alias contains this.")] = None,
    limit: LimitOption = 100,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """List actors across stored documents."""
    from dataclasses import asdict

    try:
        with _open_store(db) as store:
            rows = store.actors(name=name, limit=limit)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        return
    table = Table()
    for col in ("name", "type", "sector", "country", "documents", "mentions", "aliases"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            escape(r.name),
            r.type,
            r.sector or "",
            r.country or "",
            str(r.documents),
            str(r.mentions),
            escape(", ".join(r.aliases)),
        )
    out.print(table)


@app.command()
def show(
    document: Annotated[str, typer.Argument(help="Document id or unique prefix.")],
    db: DbOption = "claimgraph.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print the claimgraph/1 JSON.")] = False,
) -> None:
    """Show one stored document with its claims."""
    from ..output import envelope

    try:
        with _open_store(db) as store:
            analysis = store.get(document)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(envelope([analysis]), ensure_ascii=False, indent=1) + "\n")
    else:
        _print_analysis(analysis)


@app.command()
def export(
    db: DbOption = "claimgraph.db",
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="jsonl, csv, parquet, plover, gdelt or graphml."),
    ] = "jsonl",
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            "-t",
            help="jsonl/csv: claims (default), documents or actors; parquet: one table "
            "(default: all).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--out", "--output", "-o", help="File to write (default stdout); parquet: a folder."
        ),
    ] = None,
) -> None:
    """Export the store in one of six formats (docs/exports.md)."""
    from ..export import check, export_parquet
    from ..export import export as run_export

    try:
        # Checked before the store is opened, so a typo creates no empty store.
        check(fmt, table)
        if fmt == "parquet" and output is None:
            raise ClaimgraphError("parquet writes one file per table into a folder: give --out DIR")
        with _open_store(db) as store:
            if fmt == "parquet":
                assert output is not None
                for name, rows in export_parquet(store, output, table).items():
                    out.print(f"{rows} rows → {output / name}.parquet")
            elif output is None:
                run_export(store, fmt, sys.stdout, table)
            else:
                with output.open("w", encoding="utf-8", newline="") as stream:
                    run_export(store, fmt, stream, table)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(ClaimgraphError(f"cannot write {output}: {exc.strerror}")) from None


@app.command()
def summary(
    db: DbOption = "claimgraph.db",
    top: Annotated[int, typer.Option("--top", min=0, help="How many events to list.")] = 10,
) -> None:
    """Summarize the store: documents, actors, events by type, claims by certainty."""
    from ..summary import summary as build_summary

    try:
        with _open_store(db) as store:
            s = build_summary(store, top=top)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    _print_summary(s)


def _print_summary(s) -> None:
    out.rule("claimgraph summary")
    out.print(
        f"{s.documents} documents · {s.actors} actors · {s.places} places · "
        f"{s.claims} claims · {s.events} events · {s.skipped} skipped"
    )
    for title, counts in (("claims by certainty", s.by_certainty), ("events by type", s.by_type)):
        table = Table(title=title, title_justify="left")
        table.add_column("")
        table.add_column("count", justify="right")
        for key, n in counts.items():
            table.add_row(_styled(key), str(n))
        out.print(table)
    if s.outlets:
        table = Table(title="documents by outlet", title_justify="left")
        table.add_column("outlet")
        table.add_column("documents", justify="right")
        for outlet, n in s.outlets.items():
            table.add_row(escape(outlet), str(n))
        out.print(table)
    if s.top_events:
        out.print("[bold]top events[/bold] (most confidently coded, realis actual)")
        for i, e in enumerate(s.top_events, 1):
            kind = f"{e.type}{'/' + e.mode if e.mode else ''}"
            where = " · ".join(x for x in (e.date or "date unknown", e.place) if x)
            out.print(
                f"{i:>2}. [bold]{escape(kind)}[/bold]  {escape(e.source or '?')} → "
                f"{escape(e.target or '—')}  [dim]{escape(where)}[/dim]"
            )
            out.print(f"    reported by {escape(e.reported_by)}")
            out.print(f"    [dim]“{escape(e.evidence)}”[/dim]")
    if s.corroborated:
        out.print("[bold]events across outlets[/bold] (independent sources: copies count once)")
        for i, cluster in enumerate(s.corroborated, 1):
            print_cluster_line(cluster, i)
    if s.contradictions:
        out.print("[bold]contradictions[/bold]")
        for i, c in enumerate(s.contradictions, 1):
            print_contradiction(c, i)


app.command()(events)
app.command()(event)
app.command()(statements)
app.command()(contradictions)
app.command()(serve)
app.command()(spark)
app.command("spark-load")(spark_load)
app.add_typer(eval_app, name="eval")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
