"""Corroboration in the store: families, event clusters, statements, contradictions.

:func:`link_document` places one stored document in the corpus, in the
transaction that adds it, touching only its candidates:

1. its **syndication family**: candidates share an LSH band key
   (``document_bands``, indexed), each verified exactly on shingles;
2. each clusterable **event** joins the best-matching event cluster among
   events of the same type whose day window overlaps (``event_links``,
   indexed on type and start day), or founds one;
3. each **claim** joins a statement cluster, or founds one, and is checked
   for contradictions against claims sharing a named anchor word within a
   news-cycle window (``claim_anchors``, indexed on term and day).

Clusters and families never merge and are never recomputed, so adding 100
articles to a store of 10,000 costs the 100 and their candidates
(``bench/bench_clusters.py``). The price is order dependence: an event that
would bridge two clusters joins the better one. Independent sources are
counted as distinct families of a cluster's links; ``event_summaries`` keeps
those counts per cluster, recomputed from the links of the clusters a document
joins (here) or leaves (``Store.delete``), so a deleted document leaves counts
right.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, bindparam, func, insert, or_, select

from ..ids import child_id
from ..records import Analysis, Claim
from ..resolve.event_match import (
    CLUSTERED_REALIS,
    MAX_WINDOW_DAYS,
    SLACK_DAYS,
    EventActor,
    EventProfile,
    content_words,
    day_window,
    match_score,
    search_window,
)
from ..resolve.statements import WINDOW_DAYS, StatementProfile, anchors, compare
from . import clusters
from . import schema as s
from .convert import date_bounds

# A claim is compared with at most this many candidates (those sharing the
# most anchors first): a name in every story of a busy week ("Karachi" during
# the strike) must not make one claim cost the whole week.
MAX_STATEMENT_CANDIDATES = 200
# At most this many contradictions recorded per claim: enough to show a
# dispute, not a full cross product of two camps' copies.
MAX_CONTRADICTIONS_PER_CLAIM = 5


def _syndication() -> Any:
    # Imported on first use: datasketch is the `corroboration` extra.
    from ..resolve import syndication

    return syndication


def available() -> bool:
    """Whether syndication detection can run (datasketch installed)."""
    try:
        _syndication()
    except ImportError:
        return False
    return True


def link_document(conn: Connection, analysis: Analysis) -> None:
    """Family, event clusters, statements and contradictions of one stored document."""
    family_id = _link_family(conn, analysis)
    joined = _link_events(conn, analysis, family_id)
    clusters.refresh_summaries(conn, joined)
    _link_claims(conn, analysis, family_id)


# ------------------------------------------------------------------ families


# Statements built once, executed with parameters: SQLAlchemy then skips
# constructing and cache-keying the statement per call, which was most of the
# linking's Python time (profile in docs/performance.md, "Where the ingest
# process spends its CPU"). Lists go through expanding parameters.
_b, _f = s.document_bands, s.document_families
_FAMILY_CANDIDATES = select(_f.c.document_id, _f.c.family_id, _f.c.shingles).where(
    _f.c.document_id.in_(
        select(_b.c.document_id)
        .where(_b.c.bucket.in_(bindparam("keys", expanding=True)))
        .distinct()
    )
)
_INSERT_FAMILY = insert(_f)
_INSERT_BANDS = insert(_b)


def _link_family(conn: Connection, analysis: Analysis) -> str:
    syn = _syndication()
    document = analysis.document
    hashes = syn.shingles(document)
    keys = syn.band_keys(hashes, syn.DEFAULT_THRESHOLDS.lsh)
    best: tuple[float, str, str] | None = None
    if keys:
        for row in conn.execute(_FAMILY_CANDIDATES, {"keys": list(keys)}).all():
            other = np.frombuffer(row.shingles, dtype=np.uint32)
            score = syn.is_copy(hashes, other)
            if score is not None and (best is None or (score, row.document_id) > best[:2]):
                best = (score, row.document_id, row.family_id)
    family_id = best[2] if best else child_id(document.id, "fam")
    published, credited, _ = syn.original_key(document)
    conn.execute(
        _INSERT_FAMILY,
        {
            "document_id": document.id,
            "family_id": family_id,
            "sort_key": f"{published}|{int(credited)}",
            "shingles": hashes.astype(np.uint32).tobytes(),
        },
    )
    if keys:
        conn.execute(_INSERT_BANDS, [{"document_id": document.id, "bucket": key} for key in keys])
    return family_id


# ------------------------------------------------------------------- events


def _actors_of(analysis: Analysis, ids: Iterable[str | None]) -> tuple[EventActor, ...]:
    by_id = {a.id: a for a in analysis.actors}
    return tuple(
        EventActor(by_id[i].name, by_id[i].type, by_id[i].country) for i in ids if i in by_id
    )


def _profile(analysis: Analysis, claim: Claim, family_id: str) -> EventProfile | None:
    event = claim.event
    assert event is not None
    bounds = date_bounds(event.date.value)
    window = day_window(*(bounds or (None, None)), analysis.document.published)
    if window is None:
        return None
    place = next((p for p in analysis.places if p.id == event.place), None)
    sentence = analysis.document.text[claim.sentence_span[0] : claim.sentence_span[1]]
    return EventProfile(
        document_id=analysis.document.id,
        claim_id=claim.id,
        family_id=family_id,
        type=event.type,
        realis=event.realis,
        day_min=window[0],
        day_max=window[1],
        actors=_actors_of(analysis, (event.source_actor, event.target_actor)),
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        place_precision=place.precision if place else None,
        country=place.country if place else None,
        words=content_words(sentence),
    )


_el, _e, _p = s.event_links, s.events, s.places
_source, _target = s.actors.alias("source"), s.actors.alias("target")
# Candidate events of one type whose day window starts in [low, high], with
# their actors joined in. The words come stored (``event_links.words``,
# migration 5), so neither the article text nor a tokeniser is touched per
# candidate.
_EVENT_CANDIDATES = (
    select(
        _el.c.document_id,
        _el.c.claim_id,
        _el.c.cluster_id,
        _el.c.day_min,
        _el.c.day_max,
        _el.c.words,
        _e.c.realis,
        _source.c.name.label("source_name"),
        _source.c.type.label("source_type"),
        _source.c.country.label("source_country"),
        _target.c.name.label("target_name"),
        _target.c.type.label("target_type"),
        _target.c.country.label("target_country"),
        _p.c.lat,
        _p.c.lon,
        _p.c.precision,
        _p.c.country,
        s.document_families.c.family_id,
    )
    .select_from(
        _el.join(_e, and_(_e.c.document_id == _el.c.document_id, _e.c.claim_id == _el.c.claim_id))
        .join(s.document_families, s.document_families.c.document_id == _el.c.document_id)
        .outerjoin(_p, and_(_p.c.document_id == _e.c.document_id, _p.c.id == _e.c.place_id))
        .outerjoin(
            _source,
            and_(_source.c.document_id == _e.c.document_id, _source.c.id == _e.c.source_actor),
        )
        .outerjoin(
            _target,
            and_(_target.c.document_id == _e.c.document_id, _target.c.id == _e.c.target_actor),
        )
    )
    .where(
        _el.c.type == bindparam("type"),
        _el.c.day_min >= bindparam("low"),
        _el.c.day_min <= bindparam("high"),
        # The other half of the overlap test, in SQL: the (type, day_min) range
        # must reach MAX_WINDOW_DAYS back for month-wide windows, so on a dense
        # store most rows it scans end before the event starts. Filtered here,
        # they are never joined nor fetched (≈ 1,300 rows scanned, ≈ 330 kept
        # per window at 5,000 articles: docs/performance.md). Not indexed: the
        # scan stays on ix_event_links_window, so rows come in the same order.
        _el.c.day_max >= bindparam("reach"),
    )
)
_INSERT_EVENT_LINKS = insert(_el)


def event_words(words: frozenset[str]) -> str:
    """``event_links.words`` of a word set: sorted, space-separated (content
    words never contain a space)."""
    return " ".join(sorted(words))


Window = tuple[str, str, str]  # event type, lowest and highest start day (ISO)


def _window_of(profile: EventProfile) -> Window:
    low, high = search_window(profile.day_min, profile.day_max)
    return (profile.type, low.isoformat(), high.isoformat())


def _reach(low: str) -> str:
    """The earliest ``day_max`` a candidate of a window starting at ``low`` can
    have and still overlap: a window is a function of its event's days
    (:func:`search_window`), so every event sharing it starts ``MAX_WINDOW_DAYS
    + SLACK_DAYS`` after ``low`` and the overlap test needs ``day_max`` at least
    that event's start less ``SLACK_DAYS``."""
    return (date.fromisoformat(low) + timedelta(days=MAX_WINDOW_DAYS)).isoformat()


class _Candidates:
    """The stored events a document's events may match, read once per document.

    One query per distinct type and window among the document's events (not
    one per event); a candidate becomes an :class:`EventProfile` only when its
    days overlap an event's (most in a window do not), and then once.
    """

    def __init__(self, conn: Connection, windows: Iterable[Window]) -> None:
        self.conn = conn
        # Per window: (day_min, day_max, cluster_id, key) in the order read.
        self.found: dict[Window, list[tuple[str, str, str, tuple[str, str]]]] = {}
        self.rows: dict[tuple[str, str], tuple[str, Any]] = {}  # key -> (type, row)
        self.built: dict[tuple[str, str], EventProfile] = {}
        for window in dict.fromkeys(windows):
            type_, low, high = window
            # .all(): one fetchall, where iterating the result fetched row by
            # row (≈ 1 ms an article over a few hundred candidates).
            params = {"type": type_, "low": low, "high": high, "reach": _reach(low)}
            rows = conn.execute(_EVENT_CANDIDATES, params).all()
            entries = self.found[window] = []
            for r in rows:
                key = (r.document_id, r.claim_id)
                self.rows[key] = (type_, r)
                entries.append((r.day_min, r.day_max, r.cluster_id, key))

    def matching(self, profile: EventProfile) -> list[tuple[EventProfile, str]]:
        """The candidates whose days overlap ``profile``'s (``match_score``'s
        first test, done on the ISO strings), with their cluster ids."""
        slack = timedelta(days=SLACK_DAYS)
        low = (profile.day_min - slack).isoformat()
        high = (profile.day_max + slack).isoformat()
        hits = [
            (key, cluster)
            for day_min, day_max, cluster, key in self.found[_window_of(profile)]
            if low <= day_max and day_min <= high
        ]
        return [(self._profile(key), cluster) for key, cluster in hits]

    def add(self, profile: EventProfile, cluster_id: str) -> None:
        """The document's own event just linked: a candidate of its later ones
        (an article may report one event twice), as if read back from
        ``event_links``: placed where the (type, day_min) index returns a row
        inserted last, so candidate order, which decides which contradictions
        are kept, is what a query per event saw."""
        key = (profile.document_id, profile.claim_id)
        self.built[key] = profile
        day_min, day_max = profile.day_min.isoformat(), profile.day_max.isoformat()
        for (type_, low, high), entries in self.found.items():
            if type_ == profile.type and low <= day_min <= high:
                at = bisect_right([e[0] for e in entries], day_min)
                entries.insert(at, (day_min, day_max, cluster_id, key))

    def _profile(self, key: tuple[str, str]) -> EventProfile:
        if key not in self.built:
            type_, r = self.rows[key]
            self.built[key] = EventProfile(
                document_id=r.document_id,
                claim_id=r.claim_id,
                family_id=r.family_id,
                type=type_,
                realis=r.realis,
                day_min=date.fromisoformat(r.day_min),
                day_max=date.fromisoformat(r.day_max),
                actors=tuple(
                    EventActor(name, kind, country)
                    for name, kind, country in (
                        (r.source_name, r.source_type, r.source_country),
                        (r.target_name, r.target_type, r.target_country),
                    )
                    if name is not None  # no actor, or its row is missing
                ),
                lat=r.lat,
                lon=r.lon,
                place_precision=r.precision,
                country=r.country,
                words=frozenset(r.words.split()),
            )
        return self.built[key]


def _link_events(conn: Connection, analysis: Analysis, family_id: str) -> set[str]:
    """Link the document's clusterable events; the ids of the clusters they joined."""
    joined: set[str] = set()
    profiles: list[tuple[Claim, EventProfile]] = []
    for claim in analysis.claims:
        if claim.event is None:
            continue
        profile = _profile(analysis, claim, family_id)
        if profile is None or profile.realis not in CLUSTERED_REALIS:
            continue
        profiles.append((claim, profile))
    if not profiles:
        return joined
    candidates = _Candidates(conn, [_window_of(p) for _, p in profiles])
    # Inserted together at the end: the document's own events reach its later
    # ones through ``candidates.add``, not through the table.
    links: list[dict[str, Any]] = []
    for claim, profile in profiles:
        assert claim.event is not None
        scored = [
            (score, other.document_id, other.claim_id, cluster, other)
            for other, cluster in candidates.matching(profile)
            if (score := match_score(profile, other)) is not None
        ]
        best = max(scored, default=None, key=lambda x: x[:3])
        cluster_id = best[3] if best else child_id(claim.id, "evc")
        joined.add(cluster_id)
        links.append(
            {
                "document_id": profile.document_id,
                "claim_id": claim.id,
                "cluster_id": cluster_id,
                "type": profile.type,
                "day_min": profile.day_min.isoformat(),
                "day_max": profile.day_max.isoformat(),
                "score": best[0] if best else None,
                "words": event_words(profile.words),
            }
        )
        candidates.add(profile, cluster_id)
        # A denial meets what it denies in one cluster: opposite realis from
        # another source is a contradiction.
        opposite = [
            other
            for _, _, _, cluster, other in scored
            if cluster == cluster_id
            and other.family_id != family_id
            and (other.realis == "negated") != (profile.realis == "negated")
        ]
        for other in opposite[:MAX_CONTRADICTIONS_PER_CLAIM]:
            _contradiction(conn, "negation", claim.event.type, profile, other, cluster_id)
    conn.execute(_INSERT_EVENT_LINKS, links)
    return joined


def _contradiction(
    conn: Connection,
    kind: str,
    detail: str,
    a: EventProfile | StatementProfile,
    b: EventProfile | StatementProfile,
    cluster_id: str | None,
) -> None:
    params = {
        "a_doc": a.document_id,
        "a_claim": a.claim_id,
        "b_doc": b.document_id,
        "b_claim": b.claim_id,
    }
    if conn.scalar(_CONTRADICTION_EXISTS, params):
        return
    conn.execute(
        _INSERT_CONTRADICTION,
        {
            "kind": kind,
            "detail": detail,
            "document_id": a.document_id,
            "claim_id": a.claim_id,
            "other_document_id": b.document_id,
            "other_claim_id": b.claim_id,
            "cluster_id": cluster_id,
        },
    )


_t = s.contradictions
_CONTRADICTION_EXISTS = (
    select(func.count())
    .select_from(_t)
    .where(
        or_(
            and_(
                _t.c.document_id == bindparam("a_doc"),
                _t.c.claim_id == bindparam("a_claim"),
                _t.c.other_document_id == bindparam("b_doc"),
                _t.c.other_claim_id == bindparam("b_claim"),
            ),
            and_(
                _t.c.document_id == bindparam("b_doc"),
                _t.c.claim_id == bindparam("b_claim"),
                _t.c.other_document_id == bindparam("a_doc"),
                _t.c.other_claim_id == bindparam("a_claim"),
            ),
        )
    )
)
_INSERT_CONTRADICTION = insert(_t)


# ------------------------------------------------------------------- claims


def _window(value: str | None) -> tuple[date, date] | None:
    bounds = date_bounds(value)
    return (date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])) if bounds else None


_ca, _cl, _c, _d, _df, _ti = (
    s.claim_anchors,
    s.claim_links,
    s.claims,
    s.documents,
    s.document_families,
    s.times,
)
_POSTINGS = select(_ca.c.term, _ca.c.document_id, _ca.c.claim_id).where(
    _ca.c.term.in_(bindparam("terms", expanding=True)),
    _ca.c.day >= bindparam("low"),
    _ca.c.day <= bindparam("high"),
)
_STATEMENT_CANDIDATES = (
    select(
        _c.c.document_id,
        _c.c.id,
        _c.c.text,
        _c.c.certainty,
        _c.c.start,
        _c.c.end,
        _d.c.published,
        _df.c.family_id,
        _cl.c.statement_id,
        _e.c.date_value,
    )
    .select_from(
        _c.join(_d, _d.c.id == _c.c.document_id)
        .join(_df, _df.c.document_id == _c.c.document_id)
        .join(_cl, and_(_cl.c.document_id == _c.c.document_id, _cl.c.claim_id == _c.c.id))
        .outerjoin(_e, and_(_e.c.document_id == _c.c.document_id, _e.c.claim_id == _c.c.id))
    )
    # Two plain INs, not a row-value IN: SQLite scans the whole claims
    # table for the latter (EXPLAIN QUERY PLAN), which made linking grow
    # with the store. The cross product is filtered by the caller.
    .where(
        _c.c.document_id.in_(bindparam("docs", expanding=True)),
        _c.c.id.in_(bindparam("claims", expanding=True)),
    )
)
_WRITTEN_TIMES = select(_ti.c.document_id, _ti.c.start, _ti.c.end, _ti.c.value).where(
    _ti.c.document_id.in_(bindparam("docs", expanding=True)), _ti.c.value.is_not(None)
)
_INSERT_CLAIM_LINKS = insert(_cl)
_INSERT_CLAIM_ANCHORS = insert(_ca)


def _statement_candidates(
    conn: Connection, terms: dict[str, frozenset[str]], published: date
) -> dict[str, list[tuple[StatementProfile, str]]]:
    """Stored claims sharing an anchor with any of this document's claims, in
    the window; one query for the postings, one for the claims."""
    wanted = sorted(set().union(*terms.values()))
    low = (published - timedelta(days=WINDOW_DAYS)).isoformat()
    high = (published + timedelta(days=WINDOW_DAYS)).isoformat()
    postings: dict[str, list[tuple[str, str]]] = {}
    for row in conn.execute(_POSTINGS, {"terms": wanted, "low": low, "high": high}).all():
        postings.setdefault(row.term, []).append((row.document_id, row.claim_id))
    keys: set[tuple[str, str]] = set()
    per_claim: dict[str, list[tuple[str, str]]] = {}
    matched: dict[tuple[str, str], set[str]] = {}
    for claim_id, claim_terms in terms.items():
        shared: dict[tuple[str, str], int] = {}
        for term in claim_terms:
            for key in postings.get(term, ()):
                shared[key] = shared.get(key, 0) + 1
                matched.setdefault(key, set()).add(term)
        best = sorted(shared, key=lambda k: (-shared[k], k))[:MAX_STATEMENT_CANDIDATES]
        per_claim[claim_id] = best
        keys.update(best)
    if not keys:
        return {}
    rows = conn.execute(
        _STATEMENT_CANDIDATES,
        {"docs": sorted({k[0] for k in keys}), "claims": sorted({k[1] for k in keys})},
    ).all()
    written: dict[str, list[tuple[int, int, str]]] = {}
    written_rows = conn.execute(
        _WRITTEN_TIMES, {"docs": sorted({r.document_id for r in rows})}
    ).all()
    for row in written_rows:
        written.setdefault(row.document_id, []).append((row.start, row.end, row.value))
    profiles = {
        (r.document_id, r.id): (
            StatementProfile(
                document_id=r.document_id,
                claim_id=r.id,
                family_id=r.family_id,
                certainty=r.certainty,
                text=r.text,
                published=date.fromisoformat(r.published[:10]),
                window=_window(r.date_value)
                or _written_window(written.get(r.document_id, ()), (r.start, r.end)),
                names=frozenset(matched.get((r.document_id, r.id), ())),
            ),
            r.statement_id,
        )
        for r in rows
    }
    return {
        claim_id: [profiles[k] for k in best if k in profiles]
        for claim_id, best in per_claim.items()
    }


def _written_window(times, span: tuple[int, int]) -> tuple[date, date] | None:
    """The first date written inside a claim ("this week" → its days), or None."""
    for start, end, value in sorted(times):
        if span[0] <= start and end <= span[1] and (window := _window(value)):
            return window
    return None


def _link_claims(conn: Connection, analysis: Analysis, family_id: str) -> None:
    document = analysis.document
    try:
        published = date.fromisoformat(document.published[:10]) if document.published else None
    except ValueError:
        published = None
    # Cross-document statements need a publication date (the window) and a name.
    text = document.text
    sentence_names = {
        c.id: anchors(text[c.sentence_span[0] : c.sentence_span[1]]) for c in analysis.claims
    }
    terms = dict(sentence_names) if published else {}
    written = [(t.span[0], t.span[1], t.value) for t in analysis.times if t.value]
    terms = {k: v for k, v in terms.items() if v}
    candidates = _statement_candidates(conn, terms, published) if terms and published else {}
    links, postings = [], []
    for claim in analysis.claims:
        profile = StatementProfile(
            document_id=document.id,
            claim_id=claim.id,
            family_id=family_id,
            certainty=claim.certainty,
            text=claim.text,
            published=published,
            window=(_window(claim.event.date.value) if claim.event else None)
            or _written_window(written, claim.span),
            names=sentence_names[claim.id],
        )
        statement_id = None
        contradictions = 0
        for other, other_statement in candidates.get(claim.id, ()):
            result = compare(profile, other)
            if result is None:
                continue
            if result.contradiction and contradictions < MAX_CONTRADICTIONS_PER_CLAIM:
                contradictions += 1
                _contradiction(conn, result.contradiction, result.detail, profile, other, None)
            elif result.same_statement and statement_id is None:
                statement_id = other_statement
        links.append(
            {
                "document_id": document.id,
                "claim_id": claim.id,
                "statement_id": statement_id or child_id(claim.id, "stm"),
            }
        )
        postings.extend(
            {"document_id": document.id, "claim_id": claim.id, "term": t, "day": str(published)}
            for t in sorted(terms.get(claim.id, ()))
        )
    if links:
        conn.execute(_INSERT_CLAIM_LINKS, links)
    if postings:
        conn.execute(_INSERT_CLAIM_ANCHORS, postings)
