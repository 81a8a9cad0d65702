"""The JSON API under ``/api/``: one route per Store query, pydantic models out.

Every list is a page (``items``, ``limit``, ``offset``, ``next``); ``limit``
is capped at :data:`MAX_LIMIT`. The claims list pages by cursor: its ``next``
link carries ``cursor`` (also given as ``next_cursor``), which costs what the
first page costs at any depth; ``offset`` still works there, at the cost of
the rows it skips.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..output import envelope
from ..store import Store
from . import data
from . import models as m
from .ingest import ingest_request

# One response holds at most this many rows: 500 claims assemble in four
# queries; more belongs to `claimgraph export`, not to a page.
MAX_LIMIT = 500
DEFAULT_LIMIT = 50

T = TypeVar("T")

# SQLite and PostgreSQL integers are signed 64-bit: a bigger bound parameter
# was an OverflowError in the driver, a 500 (found by tests/test_api_fuzz.py).
MAX_SQL_INT = 2**63 - 1

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (≤ {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_SQL_INT, description="Rows to skip.")]
CursorQ = Annotated[
    str | None,
    Query(max_length=500, description="Continue after a page: its 'next_cursor'."),
]


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next: str | None  # the URL of the next page, when there may be one
    # the cursor in ``next`` (claims only): pass it as ``cursor=`` to continue
    next_cursor: str | None = None


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def page(request: Request, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page of ``items`` (fetched with ``limit + 1`` to know whether more follow)."""
    more = len(items) > limit
    following = None
    if more:
        following = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {"items": items[:limit], "limit": limit, "offset": offset, "next": following}


# Documented error statuses, so the schema matches what the app sends (an
# ``{"error": ...}`` body; the app turns validation errors into a 400, not
# FastAPI's 422). Found by the schemathesis fuzz (tests/test_api_fuzz.py).
BAD_REQUEST = {400: {"model": m.ErrorOut, "description": "Invalid parameter"}}
NOT_FOUND = {404: {"model": m.ErrorOut, "description": "No such object"}}

router = APIRouter(prefix="/api", tags=["api"], responses=BAD_REQUEST)


@router.get("/stats", response_model=m.StatsOut)
def stats(store: StoreDep) -> m.StatsOut:
    """Counts: documents, actors, places, claims, events by type, claims by certainty."""
    return m.stats(store.stats())


@router.get("/overview", response_model=m.OverviewOut)
def overview(request: Request, store: StoreDep) -> m.OverviewOut:
    """The overview page's data: counts, events by type and month, event places."""
    return cached_overview(request, store)


def cached_overview(request: Request, store: Store) -> m.OverviewOut:
    """The overview, recomputed only when the store's counts change."""
    s = store.stats()
    key = (s.documents, s.claims, s.events, s.actors, s.places)
    cache: dict[Any, m.OverviewOut] = request.app.state.overview_cache
    if key not in cache:
        cache.clear()
        cache[key] = data.overview(store)
    return cache[key]


@router.get("/documents", response_model=Page[m.DocumentOut])
def documents(
    request: Request, store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Stored documents (no text), most recently ingested first."""
    rows = store.documents(limit=limit + 1, offset=offset)
    return page(request, [m.document(r) for r in rows], limit, offset)


@router.get("/document/{document_id}", response_model=m.DocumentDetailOut, responses=NOT_FOUND)
def document(
    store: StoreDep,
    document_id: str,
    format: Annotated[
        str, Query(pattern="^(detail|claimgraph)$", description="claimgraph: the /1 contract")
    ] = "detail",
) -> Any:
    """One document by id or unique prefix: text and claims (or its claimgraph/1 JSON)."""
    analysis = store.get(document_id)
    if format == "claimgraph":
        return JSONResponse(envelope([analysis]))
    rows = store.claims(document=analysis.document.id, limit=10_000)
    return m.document_detail(analysis, rows)


ActorQ = Annotated[str | None, Query(description="Actor name or alias.")]
TypeQ = Annotated[str | None, Query(description="PLOVER event type.")]
CertaintyQ = Annotated[str | None, Query(description="Certainty class.")]
FromQ = Annotated[str | None, Query(alias="from", description="YYYY[-MM[-DD]], inclusive.")]
ToQ = Annotated[str | None, Query(alias="to", description="YYYY[-MM[-DD]], inclusive.")]
PlaceQ = Annotated[str | None, Query(description="Place name or ISO 3166 code.")]
DocumentQ = Annotated[str | None, Query(description="Document id or unique prefix.")]


def _blank(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value if value is not None and value.strip() else None


def claim_rows(
    store: Store,
    actor: str | None,
    type: str | None,
    certainty: str | None,
    date_from: str | None,
    date_to: str | None,
    place: str | None,
    document: str | None,
    limit: int,
    offset: int,
    cursor: str | None = None,
) -> list[Any]:
    """``Store.claims`` with form semantics: blank fields are no filter."""
    return store.claims(
        actor=_blank(actor),
        event_type=_blank(type),
        certainty=_blank(certainty),
        date_from=_blank(date_from),
        date_to=_blank(date_to),
        place=_blank(place),
        document=_blank(document),
        limit=limit,
        offset=offset,
        cursor=_blank(cursor),
    )


def claims_page(
    request: Request, rows: list[Any], limit: int
) -> tuple[list[Any], str | None, str | None]:
    """A claims page of ``rows`` (fetched with ``limit + 1``): the rows shown,
    the cursor after them and the URL of the next page (None: the last page)."""
    if len(rows) <= limit:
        return rows, None, None
    cursor = Store.cursor_of(rows[limit - 1])
    url = request.url.remove_query_params("offset").include_query_params(cursor=cursor)
    return rows[:limit], cursor, str(url)


@router.get("/claims", response_model=Page[m.ClaimOut])
def claims(
    request: Request,
    store: StoreDep,
    actor: ActorQ = None,
    type: TypeQ = None,
    certainty: CertaintyQ = None,
    date_from: FromQ = None,
    date_to: ToQ = None,
    place: PlaceQ = None,
    document: DocumentQ = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    cursor: CursorQ = None,
) -> dict[str, Any]:
    """Claims matching every given filter, newest documents first; page on
    with the ``next`` link (``cursor``)."""
    rows = claim_rows(
        store, actor, type, certainty, date_from, date_to, place, document, limit + 1, offset,
        cursor,
    )  # fmt: skip
    shown, after, following = claims_page(request, rows, limit)
    return {
        "items": [m.claim(r) for r in shown],
        "limit": limit,
        "offset": offset,
        "next": following,
        "next_cursor": after,
    }


@router.get("/search", response_model=Page[m.ClaimOut])
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, description="Full-text query over claim text.")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims whose text matches ``q``, best first."""
    rows = store.search(q, limit=limit + 1, offset=offset)
    return page(request, [m.claim(r) for r in rows], limit, offset)


@router.get("/actors", response_model=Page[m.ActorOut])
def actors(
    request: Request,
    store: StoreDep,
    name: Annotated[str | None, Query(description="Part of a name, or a whole alias.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Actors across documents, most documents first."""
    rows = store.actors(name=_blank(name), limit=limit + 1, offset=offset)
    return page(request, [m.actor(r) for r in rows], limit, offset)


@router.get("/actor/{name}", response_model=m.ActorDetailOut, responses=NOT_FOUND)
def actor(store: StoreDep, name: str) -> m.ActorDetailOut:
    """One actor by name or alias: aliases, documents, claims, mention timeline."""
    return data.actor_detail(store, name)


@router.get("/events", response_model=Page[m.EventClusterOut])
def events(
    request: Request,
    store: StoreDep,
    min_sources: Annotated[
        int, Query(ge=0, le=MAX_SQL_INT, description="Independent sources, at least.")
    ] = 1,
    type: TypeQ = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events across documents (clusters), most independent sources first."""
    rows = store.events(
        min_sources=min_sources, event_type=_blank(type), limit=limit + 1, offset=offset
    )
    return page(request, [m.cluster(r) for r in rows], limit, offset)


@router.get("/event/{cluster_id}", response_model=m.EventDetailOut, responses=NOT_FOUND)
def event(store: StoreDep, cluster_id: str) -> m.EventDetailOut:
    """One event (cluster id or unique prefix): every report side by side."""
    detail = store.event(cluster_id)
    place = data.cluster_place(store, [r.claim for r in detail.reports])
    return m.event_detail(detail, place)


@router.get("/statements", response_model=Page[m.StatementOut])
def statements(
    request: Request,
    store: StoreDep,
    min_sources: Annotated[
        int, Query(ge=1, le=MAX_SQL_INT, description="Independent sources, at least.")
    ] = 2,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Statements made in several documents, most independent sources first."""
    rows = store.statements(min_sources=min_sources, limit=limit + 1, offset=offset)
    return page(request, [m.statement(r) for r in rows], limit, offset)


@router.get("/contradictions", response_model=Page[m.ContradictionOut])
def contradictions(
    request: Request, store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Pairs of claims from independent sources that cannot both be true."""
    rows = store.contradictions(limit=limit + 1, offset=offset)
    return page(request, [m.contradiction(r) for r in rows], limit, offset)


_NULLABLE_TEXT = {"type": ["string", "null"]}
_RECORD = {
    "type": "object",
    "properties": {
        key: _NULLABLE_TEXT
        for key in ("text", "html", "title", "url", "outlet", "published", "author")
    },
}
INGEST_BODY = {
    "text/plain": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
    "application/json": {"schema": {"anyOf": [_RECORD, {"type": "array", "items": _RECORD}]}},
    "application/x-ndjson": {"schema": {"type": "string"}},  # one record a line
}

router.add_api_route(
    "/ingest",
    ingest_request,
    methods=["POST"],
    response_model=m.IngestOut,
    status_code=200,
    summary="Analyze and store articles (text/plain, text/html, application/json)",
    responses={
        **{code: {"model": m.ErrorOut} for code in (401, 403, 413, 415)},
        422: {"model": m.ErrorOut, "description": "Not analyzed (e.g. an empty text)"},
    },
    # The route reads the raw body itself (four media types), so FastAPI
    # cannot derive it: declared here for clients and for the API fuzz.
    openapi_extra={"requestBody": {"required": True, "content": INGEST_BODY}},
)
