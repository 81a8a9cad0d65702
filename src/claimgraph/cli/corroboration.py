"""Commands over corroboration: events across outlets, one event's reports, contradictions."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.markup import escape

from ..errors import ClaimgraphError
from .common import DbOption, LimitOption, _fail, _open_store, _styled, out


def _dump(rows) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row.as_dict(), ensure_ascii=False) + "\n")


def _where(c) -> str:
    return " · ".join(x for x in (c.date or "date unknown", c.place) if x)


def print_cluster_line(c, index: int | None = None) -> None:
    """One cluster as two lines: what, and how many independent sources say so."""
    lead = f"{index:>2}. " if index is not None else ""
    ev = c.evidence.event
    who = f"{ev.source or '?'} → {ev.target or '—'}" if ev else ""
    sources = f"{c.sources} independent source{'s' if c.sources != 1 else ''}"
    extra = [f"{c.reports} report{'s' if c.reports != 1 else ''}"]
    if c.denials:
        extra.append(f"{c.denials} denying")
    if c.contradictions:
        extra.append(
            f"[red]{c.contradictions} contradiction{'s' if c.contradictions > 1 else ''}[/red]"
        )
    out.print(
        f"{lead}[bold]{escape(c.type)}[/bold]  {escape(who)}  [dim]{escape(_where(c))}[/dim]  "
        f"[dim]{c.id}[/dim]"
    )
    out.print(
        f"    [bold]{sources}[/bold] ({', '.join(extra)}); first reported by "
        f"{escape(c.first_outlet or 'unknown outlet')} ({escape(c.first_published or 'undated')})"
    )
    out.print(f"    [dim]“{escape(c.evidence.text)}”[/dim]")


def events(
    db: DbOption = "claimgraph.db",
    min_sources: Annotated[
        int,
        typer.Option(
            "--min-sources", min=0, help="Only events this many independent sources report."
        ),
    ] = 1,
    event_type: Annotated[
        str | None, typer.Option("--type", help="Only this PLOVER event type.")
    ] = None,
    limit: LimitOption = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """Events across outlets, with independent sources (copies of one story count once)."""
    try:
        with _open_store(db) as store:
            rows = store.events(min_sources=min_sources, event_type=event_type, limit=limit)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        _dump(rows)
        return
    if not rows:
        out.print(f"no event reported by {min_sources} or more independent sources")
    for i, cluster in enumerate(rows, 1):
        print_cluster_line(cluster, i)


def event(
    cluster_id: Annotated[str, typer.Argument(help="Event cluster id or unique prefix.")],
    db: DbOption = "claimgraph.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """One event: every report side by side, with its evidence sentence and source."""
    try:
        with _open_store(db) as store:
            detail = store.event(cluster_id)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        sys.stdout.write(json.dumps(detail.as_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    print_cluster_line(detail.cluster)
    for report in detail.reports:
        r = report.claim
        role = "original" if report.original else "copy"
        out.print(
            f"  • {escape(r.outlet or 'unknown outlet')} ({escape(r.published or 'undated')}) "
            f"[dim]{r.document_id[:8]} family {report.family_id[4:12]} · {role}[/dim]"
        )
        says = r.chain_text.replace(" > ", " › ") or "the outlet itself"
        realis = r.event.realis if r.event else ""
        out.print(f"    {_styled(r.certainty)} · {escape(realis)} · says: {escape(says)}")
        out.print(f"    “{escape(r.text)}”")
    for c in detail.contradictions:
        print_contradiction(c)


def print_contradiction(c, index: int | None = None) -> None:
    lead = f"{index:>2}. " if index is not None else ""
    out.print(f"{lead}[red]contradiction[/red] ({escape(c.kind)}: {escape(c.detail)})")
    for r in (c.other, c.claim):
        says = r.chain_text.replace(" > ", " › ") or "the outlet itself"
        out.print(
            f"    {escape(r.outlet or 'unknown outlet')} ({escape(r.published or 'undated')}), "
            f"{escape(says)}: [dim]“{escape(r.text)}”[/dim]"
        )


def contradictions(
    db: DbOption = "claimgraph.db",
    limit: LimitOption = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """Claims from independent sources that cannot both be true."""
    try:
        with _open_store(db) as store:
            rows = store.contradictions(limit=limit)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        _dump(rows)
        return
    if not rows:
        out.print("no contradictions found")
    for i, c in enumerate(rows, 1):
        print_contradiction(c, i)


def statements(
    db: DbOption = "claimgraph.db",
    min_sources: Annotated[
        int,
        typer.Option("--min-sources", min=1, help="Only statements this many sources make."),
    ] = 2,
    limit: LimitOption = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines.")] = False,
) -> None:
    """Statements (not only events) that several documents make, with independent sources."""
    try:
        with _open_store(db) as store:
            rows = store.statements(min_sources=min_sources, limit=limit)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    if as_json:
        _dump(rows)
        return
    if not rows:
        out.print(f"no statement made by {min_sources} or more independent sources")
    for i, cluster in enumerate(rows, 1):
        n = len(cluster.reports)
        out.print(
            f"{i:>2}. [bold]{cluster.sources} independent sources[/bold] ({n} reports)  "
            f"[dim]{cluster.id}[/dim]"
        )
        for r in cluster.reports:
            says = r.chain_text.replace(" > ", " › ") or "the outlet itself"
            out.print(
                f"    {escape(r.outlet or 'unknown outlet')} ({escape(r.published or 'undated')}), "
                f"{_styled(r.certainty)}, {escape(says)}: [dim]“{escape(r.text)}”[/dim]"
            )
