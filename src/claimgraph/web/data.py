"""What the pages show, built from Store methods: overview, actor, event place, article text.

Everything here reads through the public :class:`~claimgraph.store.Store`
API. Where the Store has no aggregate query (events by month, event places
with coordinates), the overview samples a bounded number of claims and
documents instead of scanning the store, and says how many it drew from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import ClaimgraphError
from ..records import Analysis
from ..store import ClaimRow, Store
from . import models as m

# Bounds on what one overview reads: claims per event type and documents
# loaded for coordinates. Chosen so the overview of a 10,000-article store
# stays a fraction of a second after the first request (it is cached until
# the store's counts change); the page says how many events it drew from.
OVERVIEW_EVENTS_PER_TYPE = 500
OVERVIEW_MAP_DOCUMENTS = 200
# Claims read for one actor page (its timeline, documents and interactions).
ACTOR_CLAIMS = 500

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTH = re.compile(r"^\d{4}-\d{2}")
_YEAR = re.compile(r"^\d{4}")


class NotFound(ClaimgraphError):
    """A page or API object that does not exist (HTTP 404)."""


def day(row: ClaimRow) -> str | None:
    """When a claim belongs on a timeline, as precisely as known: its event's day;
    else the document's publication date (an event only dated to its month takes
    the publication day when that falls in the same month); else the event's
    month or year."""
    value = row.event.date if row.event is not None else None
    if value and _DAY.match(value):
        return value[:10]
    if row.published and (not value or not _MONTH.match(value) or "W" in value):
        return row.published[:10]
    if value and _MONTH.match(value) and "W" not in value:
        same = row.published and row.published.startswith(value[:7])
        return row.published[:10] if same else value[:7]
    if value and _YEAR.match(value):
        return value[:4]
    return None


# A timeline is drawn by day when its claims fall in at most this many months
# (a month of days is about 30 bars), else by month, and by year beyond this
# many months (more monthly bars than fit at a readable width).
DAYS_UP_TO_MONTHS = 2
MONTHS_UP_TO = 48


def timeline(rows: Iterable[ClaimRow], series: str | None = None) -> list[m.TimelinePoint]:
    """Counts by period (day, month or year, whichever shows the spread), by event
    type unless ``series`` names one series for all."""
    dated = [(when, row) for row in rows if (when := day(row)) is not None]
    months = {when[:7] for when, _ in dated}
    if len(months) <= DAYS_UP_TO_MONTHS:
        width = 10
    elif len(months) <= MONTHS_UP_TO:
        width = 7
    else:
        width = 4
    counts: dict[str, Counter[str]] = {}
    for when, row in dated:
        key = series or (row.event.type if row.event is not None else "claims")
        counts.setdefault(when[:width], Counter())[key] += 1
    for empty in _gaps(sorted(counts), width):
        counts[empty] = Counter()
    return [m.TimelinePoint(period=p, counts=dict(c)) for p, c in sorted(counts.items())]


def _gaps(periods: list[str], width: int) -> list[str]:
    """The days or months missing between the first and last period, so a chart's
    x-axis is linear time (none when periods mix granularities)."""
    if len(periods) < 2 or any(len(p) != width for p in periods) or width == 4:
        return []
    try:
        if width == 10:
            first, last = date.fromisoformat(periods[0]), date.fromisoformat(periods[-1])
            every = (first + timedelta(days=i) for i in range((last - first).days + 1))
            return sorted({d.isoformat() for d in every} - set(periods))
        y, mo = int(periods[0][:4]), int(periods[0][5:7])
        months = []
        while f"{y:04d}-{mo:02d}" <= periods[-1]:
            months.append(f"{y:04d}-{mo:02d}")
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return sorted(set(months) - set(periods))
    except ValueError:  # a malformed date in the store: draw what there is
        return []


def event_places(store: Store, rows: Sequence[ClaimRow], max_documents: int) -> list[m.PlacePoint]:
    """Event places with coordinates, one point per place with its event count.

    ClaimRows carry the place's name but not its coordinates, which live in
    the document's analysis: at most ``max_documents`` documents are loaded.
    """
    wanted: dict[str, set[str]] = {}
    for row in rows:
        if row.event is not None and row.event.place_id:
            if row.document_id not in wanted and len(wanted) >= max_documents:
                continue
            wanted.setdefault(row.document_id, set())
    counts: Counter[str] = Counter(
        (r.document_id, r.event.place_id)
        for r in rows
        if r.event is not None and r.event.place_id and r.document_id in wanted
    )
    points: dict[tuple[str, float, float], m.PlacePoint] = {}
    for doc in wanted:
        analysis = store.get(doc)
        for place in analysis.places:
            n = counts.get((doc, place.id), 0)
            if not n or place.lat is None or place.lon is None:
                continue
            key = (place.name, round(place.lat, 2), round(place.lon, 2))
            old = points.get(key)
            points[key] = m.PlacePoint(
                name=place.name,
                lat=place.lat,
                lon=place.lon,
                country=place.country,
                events=n + (old.events if old else 0),
            )
    return sorted(points.values(), key=lambda p: (-p.events, p.name))


def overview(store: Store) -> m.OverviewOut:
    stats = store.stats()
    rows: list[ClaimRow] = []
    for event_type in stats.events_by_type:
        rows.extend(store.claims(event_type=event_type, limit=OVERVIEW_EVENTS_PER_TYPE))
    return m.OverviewOut(
        stats=m.stats(stats),
        timeline=timeline(rows),
        places=event_places(store, rows, OVERVIEW_MAP_DOCUMENTS),
        sampled_events=len(rows),
    )


def actor_detail(store: Store, name: str) -> m.ActorDetailOut:
    """An actor by name or alias: its groupings, documents, claims, timeline, interactions."""
    key = name.strip().lower()
    if not key:
        raise NotFound("no actor with an empty name")
    # exact name (else alias) lookups through an index, not a substring search
    variants = store.actor(name)
    if not variants:
        raise NotFound(f"no actor named {name!r} in this store")
    main = variants[0]
    claims = store.claims(actor=main.name, limit=ACTOR_CLAIMS)
    documents: dict[str, m.DocumentOut] = {}
    per_doc: Counter[str] = Counter(r.document_id for r in claims)
    for r in claims:
        documents.setdefault(
            r.document_id,
            m.DocumentOut(
                id=r.document_id,
                title=r.title,
                url=None,
                outlet=r.outlet,
                published=r.published,
                language=None,
                source=None,
                ingested_at="",
                claims=per_doc[r.document_id],
            ),
        )
    names = {main.name.lower(), *(a.lower() for v in variants for a in v.aliases)}
    others: Counter[str] = Counter()
    for r in claims:
        e = r.event
        if e is None:
            continue
        ends = [x for x in (e.source, e.target) if x]
        if any(x.lower() in names for x in ends):
            others.update(x for x in ends if x.lower() not in names)
    return m.ActorDetailOut(
        actor=m.actor(main),
        variants=[m.actor(v) for v in variants],
        documents=list(documents.values()),
        claims=[m.claim(r) for r in claims],
        timeline=timeline(claims, series="mentions"),
        interactions=[m.Count(key=k, count=v) for k, v in others.most_common()],
    )


def cluster_place(store: Store, reports: Sequence[ClaimRow]) -> m.PlacePoint | None:
    """The place of an event cluster with coordinates: its first report's that has one."""
    for row in reports:
        if row.event is None or not row.event.place_id:
            continue
        for place in store.get(row.document_id).places:
            if place.id == row.event.place_id and place.lat is not None and place.lon is not None:
                return m.PlacePoint(
                    name=place.name, lat=place.lat, lon=place.lon, country=place.country
                )
    return None


# -- article text with claims marked -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    claim: ClaimRow | None  # the innermost claim covering this text, if any
    first: bool = False  # the first segment of its claim (where the anchor goes)


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: str  # a Block kind: title, heading, body, furniture, byline, dateline
    segments: tuple[Segment, ...]


def paragraphs(analysis: Analysis, claims: Sequence[ClaimRow]) -> list[Paragraph]:
    """The article's blocks cut into segments, each under the innermost claim covering it.

    Claims may nest (an attributed claim inside another unit), so a segment
    belongs to the shortest claim that covers it; each claim is anchored at
    its first segment.
    """
    text = analysis.document.text
    spans = sorted((b.span[0], b.span[1], b.kind) for b in analysis.document.blocks)
    if not spans:
        spans = [
            (mt.start(), mt.end(), "body") for mt in re.finditer(r"\S(?:.*\S)?", text, re.DOTALL)
        ][:1]
    ordered = sorted(claims, key=lambda c: (c.start, -c.end))
    anchored: set[str] = set()
    out: list[Paragraph] = []
    for start, end, kind in spans:
        inside = [c for c in ordered if c.start < end and c.end > start]
        cuts = {start, end}
        for c in inside:
            cuts.update(x for x in (c.start, c.end) if start < x < end)
        points = sorted(cuts)
        segments: list[Segment] = []
        for a, b in zip(points, points[1:], strict=False):
            covering = [c for c in inside if c.start <= a and c.end >= b]
            claim = min(covering, key=lambda c: c.end - c.start) if covering else None
            first = claim is not None and claim.claim_id not in anchored
            if claim is not None:
                anchored.add(claim.claim_id)
            segments.append(Segment(text[a:b], claim, first))
        out.append(Paragraph(kind, tuple(segments)))
    return out
