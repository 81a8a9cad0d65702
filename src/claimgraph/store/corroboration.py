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

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, func, insert, or_, select

from ..ids import child_id
from ..records import Analysis, Claim
from ..resolve.event_match import (
    CLUSTERED_REALIS,
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


def _link_family(conn: Connection, analysis: Analysis) -> str:
    syn = _syndication()
    document = analysis.document
    hashes = syn.shingles(document)
    keys = syn.band_keys(hashes, syn.DEFAULT_THRESHOLDS.lsh)
    best: tuple[float, str, str] | None = None
    if keys:
        b = s.document_bands
        candidates = select(b.c.document_id).where(b.c.bucket.in_(keys))
        f = s.document_families
        rows = conn.execute(
            select(f.c.document_id, f.c.family_id, f.c.shingles).where(
                f.c.document_id.in_(candidates.distinct())
            )
        )
        for row in rows:
            other = np.frombuffer(row.shingles, dtype=np.uint32)
            score = syn.is_copy(hashes, other)
            if score is not None and (best is None or (score, row.document_id) > best[:2]):
                best = (score, row.document_id, row.family_id)
    family_id = best[2] if best else child_id(document.id, "fam")
    published, credited, _ = syn.original_key(document)
    conn.execute(
        insert(s.document_families).values(
            document_id=document.id,
            family_id=family_id,
            sort_key=f"{published}|{int(credited)}",
            shingles=hashes.astype(np.uint32).tobytes(),
        )
    )
    if keys:
        conn.execute(
            insert(s.document_bands),
            [{"document_id": document.id, "bucket": key} for key in keys],
        )
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


def _candidates(conn: Connection, profile: EventProfile) -> list[tuple[EventProfile, str]]:
    """Stored events of the same type whose window may overlap, with their cluster ids."""
    low, high = search_window(profile.day_min, profile.day_max)
    el, e, c, p, a = s.event_links, s.events, s.claims, s.places, s.actors
    rows = conn.execute(
        select(
            el.c.document_id,
            el.c.claim_id,
            el.c.cluster_id,
            el.c.day_min,
            el.c.day_max,
            e.c.realis,
            e.c.source_actor,
            e.c.target_actor,
            p.c.lat,
            p.c.lon,
            p.c.precision,
            p.c.country,
            # Only the sentence, not the whole article, for every candidate.
            func.substr(
                s.documents.c.text, c.c.sentence_start + 1, c.c.sentence_end - c.c.sentence_start
            ).label("sentence"),
            s.document_families.c.family_id,
        )
        .select_from(
            el.join(e, and_(e.c.document_id == el.c.document_id, e.c.claim_id == el.c.claim_id))
            .join(c, and_(c.c.document_id == el.c.document_id, c.c.id == el.c.claim_id))
            .join(s.documents, s.documents.c.id == el.c.document_id)
            .join(s.document_families, s.document_families.c.document_id == el.c.document_id)
            .outerjoin(p, and_(p.c.document_id == e.c.document_id, p.c.id == e.c.place_id))
        )
        .where(
            el.c.type == profile.type,
            el.c.day_min >= low.isoformat(),
            el.c.day_min <= high.isoformat(),
        )
    ).all()
    if not rows:
        return []
    wanted = {(r.document_id, r.source_actor) for r in rows} | {
        (r.document_id, r.target_actor) for r in rows
    }
    docs = sorted({r.document_id for r in rows})
    actors = {
        (x.document_id, x.id): EventActor(x.name, x.type, x.country)
        for x in conn.execute(
            select(a.c.document_id, a.c.id, a.c.name, a.c.type, a.c.country).where(
                a.c.document_id.in_(docs)
            )
        )
        if (x.document_id, x.id) in wanted
    }
    out = []
    for r in rows:
        keys = [(r.document_id, r.source_actor), (r.document_id, r.target_actor)]
        out.append(
            (
                EventProfile(
                    document_id=r.document_id,
                    claim_id=r.claim_id,
                    family_id=r.family_id,
                    type=profile.type,
                    realis=r.realis,
                    day_min=date.fromisoformat(r.day_min),
                    day_max=date.fromisoformat(r.day_max),
                    actors=tuple(actors[k] for k in keys if k in actors),
                    lat=r.lat,
                    lon=r.lon,
                    place_precision=r.precision,
                    country=r.country,
                    words=content_words(r.sentence),
                ),
                r.cluster_id,
            )
        )
    return out


def _link_events(conn: Connection, analysis: Analysis, family_id: str) -> set[str]:
    """Link the document's clusterable events; the ids of the clusters they joined."""
    joined: set[str] = set()
    for claim in analysis.claims:
        if claim.event is None:
            continue
        profile = _profile(analysis, claim, family_id)
        if profile is None or profile.realis not in CLUSTERED_REALIS:
            continue
        candidates = _candidates(conn, profile)
        scored = [
            (score, other.document_id, other.claim_id, cluster, other)
            for other, cluster in candidates
            if (score := match_score(profile, other)) is not None
        ]
        best = max(scored, default=None, key=lambda x: x[:3])
        cluster_id = best[3] if best else child_id(claim.id, "evc")
        joined.add(cluster_id)
        conn.execute(
            insert(s.event_links).values(
                document_id=profile.document_id,
                claim_id=claim.id,
                cluster_id=cluster_id,
                type=profile.type,
                day_min=profile.day_min.isoformat(),
                day_max=profile.day_max.isoformat(),
                score=best[0] if best else None,
            )
        )
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
    return joined


def _contradiction(
    conn: Connection,
    kind: str,
    detail: str,
    a: EventProfile | StatementProfile,
    b: EventProfile | StatementProfile,
    cluster_id: str | None,
) -> None:
    t = s.contradictions
    pair = or_(
        and_(
            t.c.document_id == a.document_id,
            t.c.claim_id == a.claim_id,
            t.c.other_document_id == b.document_id,
            t.c.other_claim_id == b.claim_id,
        ),
        and_(
            t.c.document_id == b.document_id,
            t.c.claim_id == b.claim_id,
            t.c.other_document_id == a.document_id,
            t.c.other_claim_id == a.claim_id,
        ),
    )
    if conn.scalar(select(func.count()).select_from(t).where(pair)):
        return
    conn.execute(
        insert(t).values(
            kind=kind,
            detail=detail,
            document_id=a.document_id,
            claim_id=a.claim_id,
            other_document_id=b.document_id,
            other_claim_id=b.claim_id,
            cluster_id=cluster_id,
        )
    )


# ------------------------------------------------------------------- claims


def _window(value: str | None) -> tuple[date, date] | None:
    bounds = date_bounds(value)
    return (date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])) if bounds else None


def _statement_candidates(
    conn: Connection, terms: dict[str, frozenset[str]], published: date
) -> dict[str, list[tuple[StatementProfile, str]]]:
    """Stored claims sharing an anchor with any of this document's claims, in
    the window; one query for the postings, one for the claims."""
    ca, cl, c, ev = s.claim_anchors, s.claim_links, s.claims, s.events
    wanted = sorted(set().union(*terms.values()))
    low = (published - timedelta(days=WINDOW_DAYS)).isoformat()
    high = (published + timedelta(days=WINDOW_DAYS)).isoformat()
    postings: dict[str, list[tuple[str, str]]] = {}
    for row in conn.execute(
        select(ca.c.term, ca.c.document_id, ca.c.claim_id).where(
            ca.c.term.in_(wanted), ca.c.day >= low, ca.c.day <= high
        )
    ):
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
        select(
            c.c.document_id,
            c.c.id,
            c.c.text,
            c.c.certainty,
            c.c.start,
            c.c.end,
            s.documents.c.published,
            s.document_families.c.family_id,
            cl.c.statement_id,
            ev.c.date_value,
        )
        .select_from(
            c.join(s.documents, s.documents.c.id == c.c.document_id)
            .join(s.document_families, s.document_families.c.document_id == c.c.document_id)
            .join(cl, and_(cl.c.document_id == c.c.document_id, cl.c.claim_id == c.c.id))
            .outerjoin(ev, and_(ev.c.document_id == c.c.document_id, ev.c.claim_id == c.c.id))
        )
        # Two plain INs, not a row-value IN: SQLite scans the whole claims
        # table for the latter (EXPLAIN QUERY PLAN), which made linking grow
        # with the store. The cross product is filtered below.
        .where(
            c.c.document_id.in_(sorted({k[0] for k in keys})),
            c.c.id.in_(sorted({k[1] for k in keys})),
        )
    ).all()
    t = s.times
    written: dict[str, list[tuple[int, int, str]]] = {}
    for row in conn.execute(
        select(t.c.document_id, t.c.start, t.c.end, t.c.value).where(
            t.c.document_id.in_(sorted({r.document_id for r in rows})), t.c.value.is_not(None)
        )
    ):
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
        conn.execute(insert(s.claim_links), links)
    if postings:
        conn.execute(insert(s.claim_anchors), postings)
