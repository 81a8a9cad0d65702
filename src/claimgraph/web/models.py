"""Pydantic models of the HTTP API: the only place pydantic appears.

The Store returns frozen dataclasses; the API converts them here so the
OpenAPI schema documents every field, and the domain stays free of pydantic.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..records import Analysis
from ..store.rows import (
    ActorRow,
    ClaimRow,
    Contradiction,
    DocumentRow,
    EventCluster,
    EventClusterDetail,
    StatementCluster,
    Stats,
)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceLinkOut(_Out):
    source: str | None
    source_actor: str | None
    source_text: str | None
    cue: str | None
    anonymous: bool = False


class EventOut(_Out):
    type: str
    mode: str | None
    cameo: str | None
    source: str | None
    target: str | None
    source_actor: str | None
    target_actor: str | None
    place: str | None
    place_id: str | None
    country: str | None
    date: str | None
    date_precision: str
    realis: str
    confidence: float


class ClaimOut(_Out):
    claim_id: str
    document_id: str
    title: str | None
    outlet: str | None
    published: str | None
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    certainty: str
    factuality: float | None
    chain: list[SourceLinkOut]
    event: EventOut | None
    rank: float | None = None
    position: int | None = None  # the claim's 0-based index in its document


class DocumentOut(_Out):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    source: str | None
    ingested_at: str
    claims: int


class ActorOut(_Out):
    name: str
    type: str
    sector: str | None
    country: str | None
    aliases: list[str]
    documents: int
    mentions: int


class Count(_Out):
    key: str | None
    count: int


class StatsOut(_Out):
    documents: int
    actors: int
    places: int
    claims: int
    events: int
    skipped: int
    events_by_type: list[Count]
    claims_by_certainty: list[Count]
    documents_by_outlet: list[Count]  # key None: documents without an outlet


class EventClusterOut(_Out):
    id: str
    type: str
    reports: int
    documents: int
    sources: int
    denials: int
    first_published: str | None
    first_outlet: str | None
    date: str | None
    place: str | None
    contradictions: int
    evidence: ClaimOut


class ReportOut(_Out):
    claim: ClaimOut
    family_id: str
    original: bool


class ContradictionOut(_Out):
    id: int
    kind: str
    detail: str
    claim: ClaimOut
    other: ClaimOut
    cluster_id: str | None


class EventDetailOut(_Out):
    cluster: EventClusterOut
    reports: list[ReportOut]
    contradictions: list[ContradictionOut]
    place: PlacePoint | None = None  # the cluster's place with coordinates, when known


class StatementOut(_Out):
    id: str
    sources: int
    reports: list[ClaimOut]


class PlacePoint(_Out):
    name: str
    lat: float
    lon: float
    country: str | None
    events: int = 1


class TimelinePoint(_Out):
    period: str  # YYYY-MM-DD, YYYY-MM or YYYY (one granularity per timeline)
    counts: dict[str, int]  # series (event type or "mentions") → count


class ActorDetailOut(_Out):
    actor: ActorOut
    variants: list[ActorOut]  # every (type, country) grouping with this name
    documents: list[DocumentOut]
    claims: list[ClaimOut]
    timeline: list[TimelinePoint]
    interactions: list[Count]  # other actors met as event source or target


class OverviewOut(_Out):
    stats: StatsOut
    timeline: list[TimelinePoint]
    places: list[PlacePoint]
    sampled_events: int  # how many coded events the charts were drawn from


class DocumentDetailOut(_Out):
    """One stored document: its metadata, text and claims (the claimgraph/1
    record is at ``/api/document/{id}?format=claimgraph``)."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    author: str | None
    source: str | None
    text: str
    claims: list[ClaimOut]


class IngestOut(_Out):
    added: list[str]
    already_stored: list[str]
    skipped: list[dict[str, str]]  # {"source", "reason"}


class ErrorOut(_Out):
    error: str


EventDetailOut.model_rebuild()


# -- conversion --------------------------------------------------------------------


def _plain(row: Any) -> dict[str, Any]:
    return asdict(row)


def claim(row: ClaimRow) -> ClaimOut:
    return ClaimOut.model_validate(_plain(row))


def document(row: DocumentRow) -> DocumentOut:
    return DocumentOut.model_validate(_plain(row))


def actor(row: ActorRow) -> ActorOut:
    return ActorOut.model_validate(_plain(row))


def _counts(mapping: dict[Any, int]) -> list[Count]:
    return [Count(key=k, count=v) for k, v in mapping.items()]


def stats(row: Stats) -> StatsOut:
    return StatsOut(
        documents=row.documents,
        actors=row.actors,
        places=row.places,
        claims=row.claims,
        events=row.events,
        skipped=row.skipped,
        events_by_type=_counts(row.events_by_type),
        claims_by_certainty=_counts(row.claims_by_certainty),
        documents_by_outlet=_counts(row.documents_by_outlet),
    )


def cluster(row: EventCluster) -> EventClusterOut:
    return EventClusterOut.model_validate(_plain(row))


def contradiction(row: Contradiction) -> ContradictionOut:
    return ContradictionOut.model_validate(_plain(row))


def event_detail(row: EventClusterDetail, place: PlacePoint | None) -> EventDetailOut:
    data = _plain(row)
    data["place"] = place
    return EventDetailOut.model_validate(data)


def statement(row: StatementCluster) -> StatementOut:
    return StatementOut.model_validate(_plain(row))


def document_detail(analysis: Analysis, claims: list[ClaimRow]) -> DocumentDetailOut:
    d = analysis.document
    return DocumentDetailOut(
        id=d.id,
        title=d.title,
        url=d.url,
        outlet=d.outlet,
        published=d.published,
        language=d.language,
        author=d.author,
        source=d.source,
        text=d.text,
        claims=[claim(r) for r in claims],
    )
