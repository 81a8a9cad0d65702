"""The HTML pages: one route per page, each with its JSON twin under ``/api/``.

Pages call the same functions as the API and render a template; they read
without JavaScript (``static/claims.js`` only opens a claim's details on click).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..records import CERTAINTIES
from . import api, charts, data
from .api import DEFAULT_LIMIT, Limit, Offset, StoreDep
from .render import path_part, render

router = APIRouter(include_in_schema=False)


def html(template: str, request: Request, twin: str | None, **context: Any) -> HTMLResponse:
    """A page; ``twin`` is the URL of the same data as JSON, linked from the page."""
    return HTMLResponse(render(template, request, twin=twin, **context))


def twin_of(request: Request, path: str | None = None) -> str:
    """The /api/ URL of this page, with its query string."""
    query = request.url.query
    base = path if path is not None else "/api" + request.url.path
    return base + ("?" + query if query else "")


def more(rows: list[Any], limit: int) -> tuple[list[Any], bool]:
    return rows[:limit], len(rows) > limit


def listing(
    template: str,
    request: Request,
    fetch: Callable[[int, int], list[Any]],
    limit: int,
    offset: int,
    **context: Any,
) -> HTMLResponse:
    """A paged list page: one row more than shown is fetched to know whether
    a next page exists."""
    rows, has_more = more(fetch(limit + 1, offset), limit)
    return html(
        template,
        request,
        twin_of(request),
        rows=rows,
        limit=limit,
        offset=offset,
        has_more=has_more,
        **context,
    )


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    view = api.cached_overview(request, store)
    kinds = [c.key for c in view.stats.events_by_type if c.key]
    return html(
        "overview.html",
        request,
        "/api/overview",
        view=view,
        chart=charts.stacked_bars(view.timeline, kinds),
        map=charts.map_plot(view.places),
        documents=store.documents(limit=10),
    )


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request, store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> HTMLResponse:
    return listing(
        "documents.html", request, lambda n, o: store.documents(limit=n, offset=o), limit, offset
    )


@router.get("/document/{document_id}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, document_id: str) -> HTMLResponse:
    analysis = store.get(document_id)
    rows = store.claims(document=analysis.document.id, limit=10_000)
    rows.sort(key=lambda r: r.start)
    return html(
        "document.html",
        request,
        f"/api/document/{analysis.document.id}",
        doc=analysis.document,
        claims=rows,
        paragraphs=data.paragraphs(analysis, rows),
        counts={c: sum(r.certainty == c for r in rows) for c in CERTAINTIES},
    )


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    store: StoreDep,
    actor: api.ActorQ = None,
    type: api.TypeQ = None,
    certainty: api.CertaintyQ = None,
    date_from: api.FromQ = None,
    date_to: api.ToQ = None,
    place: api.PlaceQ = None,
    document: api.DocumentQ = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    cursor: api.CursorQ = None,
) -> HTMLResponse:
    found = api.claim_rows(
        store, actor, type, certainty, date_from, date_to, place, document, limit + 1, offset,
        cursor,
    )  # fmt: skip
    rows, next_cursor, _ = api.claims_page(request, found, limit)
    form = {
        "actor": actor or "",
        "type": type or "",
        "certainty": certainty or "",
        "from": date_from or "",
        "to": date_to or "",
        "place": place or "",
        "document": document or "",
    }
    return html(
        "claims.html",
        request,
        twin_of(request),
        rows=rows,
        form=form,
        limit=limit,
        offset=offset,
        cursor=api._blank(cursor),
        next_cursor=next_cursor,
    )


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query()] = "",
    limit: Limit = 20,
    offset: Offset = 0,
) -> HTMLResponse:
    rows: list[Any] = []
    has_more = False
    if q.strip():
        rows, has_more = more(store.search(q, limit=limit + 1, offset=offset), limit)
    return html(
        "search.html",
        request,
        twin_of(request) if q.strip() else None,
        q=q,
        rows=rows,
        limit=limit,
        offset=offset,
        has_more=has_more,
    )


@router.get("/actors", response_class=HTMLResponse)
def actors(
    request: Request,
    store: StoreDep,
    name: Annotated[str | None, Query()] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    return listing(
        "actors.html",
        request,
        lambda n, o: store.actors(name=api._blank(name), limit=n, offset=o),
        limit,
        offset,
        name=name or "",
    )


@router.get("/actor/{name}", response_class=HTMLResponse)
def actor(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    view = data.actor_detail(store, name)
    return html(
        "actor.html",
        request,
        f"/api/actor/{path_part(name)}",
        view=view,
        chart=charts.stacked_bars(view.timeline, ["mentions"]),
        net=charts.star_network(
            view.actor.name, [(c.key or "", c.count) for c in view.interactions]
        ),
    )


@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    store: StoreDep,
    min_sources: Annotated[int, Query(ge=0, le=api.MAX_SQL_INT)] = 1,
    type: api.TypeQ = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    return listing(
        "events.html",
        request,
        lambda n, o: store.events(
            min_sources=min_sources, event_type=api._blank(type), limit=n, offset=o
        ),
        limit,
        offset,
        min_sources=min_sources,
        type=type or "",
        types=list(store.stats().events_by_type),
    )


@router.get("/event/{cluster_id}", response_class=HTMLResponse)
def event(request: Request, store: StoreDep, cluster_id: str) -> HTMLResponse:
    detail = store.event(cluster_id)
    place = data.cluster_place(store, [r.claim for r in detail.reports])
    places = [place] if place is not None else []
    return html(
        "event.html",
        request,
        f"/api/event/{detail.cluster.id}",
        detail=detail,
        place=place,
        map=charts.map_plot(places),
    )


@router.get("/statements", response_class=HTMLResponse)
def statements(
    request: Request,
    store: StoreDep,
    min_sources: Annotated[int, Query(ge=1, le=api.MAX_SQL_INT)] = 2,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> HTMLResponse:
    return listing(
        "statements.html",
        request,
        lambda n, o: store.statements(min_sources=min_sources, limit=n, offset=o),
        limit,
        offset,
    )


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(
    request: Request, store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> HTMLResponse:
    return listing(
        "contradictions.html",
        request,
        lambda n, o: store.contradictions(limit=n, offset=o),
        limit,
        offset,
    )
