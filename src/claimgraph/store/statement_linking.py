"""Linking a stored document's claims into statements, and their contradictions.

Each claim joins a statement cluster (the same statement in several
documents), or founds one, and is checked for contradictions against claims
sharing a named anchor word within a news-cycle window (``claim_anchors``,
indexed on term and day; :mod:`claimgraph.resolve.statements` decides).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Connection, and_, bindparam, insert, select

from ..ids import child_id
from ..records import Analysis
from ..resolve.statements import WINDOW_DAYS, StatementProfile, anchors, compare
from . import contradictions
from . import schema as s
from .convert import date_bounds

# A claim is compared with at most this many candidates (those sharing the
# most anchors first): a name in every story of a busy week ("Karachi" during
# the strike) must not make one claim cost the whole week.
MAX_STATEMENT_CANDIDATES = 200


def _window(value: str | None) -> tuple[date, date] | None:
    bounds = date_bounds(value)
    return (date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])) if bounds else None


_ca, _cl, _c, _d, _df, _ti, _e = (
    s.claim_anchors,
    s.claim_links,
    s.claims,
    s.documents,
    s.document_families,
    s.times,
    s.events,
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


def link_claims(conn: Connection, analysis: Analysis, family_id: str) -> None:
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
        found = 0
        for other, other_statement in candidates.get(claim.id, ()):
            result = compare(profile, other)
            if result is None:
                continue
            if result.contradiction and found < contradictions.MAX_CONTRADICTIONS_PER_CLAIM:
                found += 1
                contradictions.record(
                    conn, result.contradiction, result.detail, profile, other, None
                )
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
