"""What the event exports share: every stored event with its document, actors,
place and corroboration counts, read from the store in batches.

The PLOVER, GDELT and GraphML exports all walk the same thing: each coded
event of each stored analysis. :func:`coded_events` yields them one at a time
while reading a batch of documents (and their ingestion times and event
clusters) per query, so memory stays bounded by the batch, not the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import distinct, func, select

from ..records import Actor, Analysis, Claim, Event, Place
from ..store import Store
from ..store import schema as s

# Documents read per round trip: Store.analyses' own default page.
BATCH = 100

T = TypeVar("T")


def pages(method: Any, page: int = 500, **kwargs: Any) -> Iterator[Any]:
    """Every row of a ``limit``/``offset`` store method, one page at a time."""
    offset = 0
    while rows := method(**kwargs, limit=page, offset=offset):
        yield from rows
        offset += len(rows)


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass(frozen=True, slots=True)
class Cluster:
    """The corroboration cluster an event belongs to (``event_links``)."""

    id: str
    reports: int  # coded events in the cluster, every copy counted
    articles: int  # distinct documents
    sources: int  # distinct syndication families (a copy is not a second source)


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """One stored event with everything an export row needs."""

    analysis: Analysis
    claim: Claim
    event: Event
    ingested_at: str | None
    cluster: Cluster | None  # None: not clustered (not actual/negated, or not linked yet)

    @property
    def source(self) -> Actor | None:
        return self._actor(self.event.source_actor)

    @property
    def target(self) -> Actor | None:
        return self._actor(self.event.target_actor)

    @property
    def place(self) -> Place | None:
        pid = self.event.place
        return next((p for p in self.analysis.places if p.id == pid), None) if pid else None

    def _actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        return next((a for a in self.analysis.actors if a.id == actor_id), None)


def coded_events(store: Store, batch: int = BATCH) -> Iterator[CodedEvent]:
    """Every stored event, document by document (document id order), claim order within."""
    for analyses in batches(store.analyses(batch_size=batch), batch):
        ids = [a.document.id for a in analyses]
        ingested, clusters = _context(store, ids)
        for analysis in analyses:
            doc = analysis.document.id
            for claim in analysis.claims:
                if claim.event is not None:
                    yield CodedEvent(
                        analysis,
                        claim,
                        claim.event,
                        ingested.get(doc),
                        clusters.get((doc, claim.id)),
                    )


def _context(store: Store, ids: list[str]) -> tuple[dict[str, str], dict[tuple[str, str], Cluster]]:
    """Ingestion times of the documents ``ids`` and the clusters of their events."""
    d, el, df = s.documents, s.event_links, s.document_families
    with store.engine.connect() as conn:
        ingested = dict(conn.execute(select(d.c.id, d.c.ingested_at).where(d.c.id.in_(ids))).all())
        links = conn.execute(
            select(el.c.document_id, el.c.claim_id, el.c.cluster_id).where(
                el.c.document_id.in_(ids)
            )
        ).all()
        cluster_ids = sorted({link.cluster_id for link in links})
        counts: dict[str, Cluster] = {}
        if cluster_ids:
            # A document not yet in a family (stored without the corroboration
            # extra) counts as a family of its own.
            family = func.coalesce(df.c.family_id, el.c.document_id)
            rows = conn.execute(
                select(
                    el.c.cluster_id,
                    func.count(),
                    func.count(distinct(el.c.document_id)),
                    func.count(distinct(family)),
                )
                .select_from(el.outerjoin(df, df.c.document_id == el.c.document_id))
                .where(el.c.cluster_id.in_(cluster_ids))
                .group_by(el.c.cluster_id)
            ).all()
            counts = {r[0]: Cluster(r[0], int(r[1]), int(r[2]), int(r[3])) for r in rows}
    clusters = {(link.document_id, link.claim_id): counts[link.cluster_id] for link in links}
    return ingested, clusters


def mention_spans(record: Actor | Place | None, within: tuple[int, int]) -> list[tuple[int, int]]:
    """The mentions of an actor or place inside ``within`` (a sentence), in text order."""
    if record is None:
        return []
    return [m for m in record.mentions if m[0] >= within[0] and m[1] <= within[1]]


def chain_text(analysis: Analysis, claim: Claim) -> str:
    """The attribution chain as ``"A > B"`` (actor names where resolved), as the CSV shows it."""
    names = {a.id: a.name for a in analysis.actors}
    return " > ".join(
        names.get(link.source_actor or "", link.source_text or "?") or "?"
        for link in claim.attribution
    )
