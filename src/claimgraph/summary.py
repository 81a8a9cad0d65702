"""summary(): what a store holds, at a glance (what `make demo` prints)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class TopEvent:
    type: str
    mode: str | None
    realis: str
    source: str | None
    target: str | None
    date: str | None
    place: str | None
    reported_by: str  # "outlet (published), citing A › B"
    evidence: str  # the claim text
    confidence: float


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    actors: int
    places: int
    claims: int
    events: int
    skipped: int
    by_certainty: dict[str, int]
    by_type: dict[str, int]
    outlets: dict[str, int] = field(default_factory=dict)
    top_events: tuple[TopEvent, ...] = ()
    # Event clusters with two or more independent sources, and contradictions
    # (empty without the corroboration extra).
    corroborated: tuple[Any, ...] = ()
    contradictions: tuple[Any, ...] = ()


def _reported_by(row) -> str:
    who = row.outlet or "unknown outlet"
    if row.published:
        who += f" ({row.published})"
    if row.chain:
        who += ", citing " + row.chain_text.replace(" > ", " › ")
    return who


def summary(store, top: int = 10) -> Summary:
    """Counts by kind, certainty, event type and outlet, and the top events with their sources.

    Top events are the most confidently coded events that actually happened
    (realis "actual"), one per claim, best first.
    """
    stats = store.stats()
    candidates = []
    for event_type in stats.events_by_type:
        candidates.extend(store.claims(event_type=event_type, limit=max(top, 1) * 3))
    candidates = [r for r in candidates if r.event is not None and r.event.realis == "actual"]
    candidates.sort(key=lambda r: (-r.event.confidence, r.published or "", r.claim_id))
    # Syndicated copies carry the same sentence: list each report once (the
    # earliest copy), as "events across outlets" counts them once.
    seen: set[tuple[str, str]] = set()
    unique = []
    for r in sorted(candidates, key=lambda r: (r.published or "9999", r.claim_id)):
        key = (r.event.type, " ".join(r.text.split()).casefold())
        if key not in seen:
            seen.add(key)
            unique.append(r)
    keep = {id(r) for r in unique}
    candidates = [r for r in candidates if id(r) in keep]
    top_events = tuple(
        TopEvent(
            type=r.event.type,
            mode=r.event.mode,
            realis=r.event.realis,
            source=r.event.source,
            target=r.event.target,
            date=r.event.date,
            place=r.event.place,
            reported_by=_reported_by(r),
            evidence=r.text,
            confidence=r.event.confidence,
        )
        for r in candidates[:top]
    )
    corroborated = tuple(store.events(min_sources=2, limit=max(top, 1)))
    contradictions = tuple(store.contradictions(limit=max(top, 1)))
    return Summary(
        documents=stats.documents,
        actors=stats.actors,
        places=stats.places,
        claims=stats.claims,
        events=stats.events,
        skipped=stats.skipped,
        by_certainty=dict(stats.claims_by_certainty),
        by_type=dict(stats.events_by_type),
        outlets={outlet or "(no outlet)": n for outlet, n in stats.documents_by_outlet.items()},
        top_events=top_events,
        corroborated=corroborated,
        contradictions=contradictions,
    )
