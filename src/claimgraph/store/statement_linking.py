"""Linking a stored document's claims into statements, and their contradictions.

Each claim joins a statement cluster (the same statement in several
documents), or founds one, and is checked for contradictions against claims
sharing a named anchor word within a news-cycle window (``claim_anchors``,
indexed on term and day; :mod:`claimgraph.resolve.statements` decides).

What a document costs grows with the claims sharing its names (≈ 230
candidates and 2,300 pairs a document at 5,000 articles), so the candidates
are read in steps: postings, then the candidates' texts, then, for those the
``may_relate`` gate keeps (it proves the others unrelated: most share a name,
not a topic), their statements, events and written dates. Only kept pairs
reach :func:`compare`; what it would have found is unchanged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import Connection, and_, bindparam, or_, select

from ..ids import child_id
from ..records import Analysis
from ..resolve.event_match import content_words
from ..resolve.statements import (
    WINDOW_DAYS,
    StatementProfile,
    anchors,
    compare,
    may_relate,
)
from . import contradictions
from . import schema as s
from .convert import date_bounds, insert_table

# A claim is compared with at most this many candidates (those sharing the
# most anchors first): a name in every story of a busy week ("Karachi" during
# the strike) must not make one claim cost the whole week.
MAX_STATEMENT_CANDIDATES = 200


# Bounded (issue 7): TIMEX3 values recur (the days of a news cycle); each
# candidate claim's event date is parsed again for every new document.
@lru_cache(maxsize=4096)
def _window(value: str | None) -> tuple[date, date] | None:
    bounds = date_bounds(value)
    return (date.fromisoformat(bounds[0]), date.fromisoformat(bounds[1])) if bounds else None


# Bounded: the days of a news-cycle window, a few dozen per document.
_day = lru_cache(maxsize=1024)(date.fromisoformat)


_ca, _cl, _c, _df, _ti, _e, _k = (
    s.claim_anchors,
    s.claim_links,
    s.claims,
    s.document_families,
    s.times,
    s.events,
    s.contradictions,
)
# Each posting with its claim's row id, so that the candidates are then read
# by row id: a probe per candidate, where ``document_id IN (…) AND id IN (…)``
# probed every pair of the two lists (≈ 150 × 230 at 5,000 articles) and a
# row-value IN scans the whole claims table on SQLite (EXPLAIN QUERY PLAN).
# A posting's ``day`` is its document's publication day (written only by
# link_claims, below), so the documents table is not read.
_POSTINGS = (
    select(_ca.c.term, _ca.c.document_id, _ca.c.claim_id, _ca.c.day, _c.c.pk)
    .select_from(
        _ca.join(_c, and_(_c.c.document_id == _ca.c.document_id, _c.c.id == _ca.c.claim_id))
    )
    .where(
        _ca.c.term.in_(bindparam("terms", expanding=True)),
        _ca.c.day >= bindparam("low"),
        _ca.c.day <= bindparam("high"),
    )
)
# Candidates are read in two steps: their texts, then, for those the
# may_relate gate keeps (about half at 5,000 articles), what compare needs
# besides, through three more index probes each and their written dates.
_CANDIDATE_TEXTS = select(_c.c.pk, _c.c.text).where(_c.c.pk.in_(bindparam("pks", expanding=True)))
_STATEMENT_CANDIDATES = (
    select(
        _c.c.pk,
        _c.c.document_id,
        _c.c.id,
        _c.c.certainty,
        _df.c.family_id,
        _cl.c.statement_id,
        _e.c.date_value,
    )
    .select_from(
        _c.join(_df, _df.c.document_id == _c.c.document_id)
        .join(_cl, and_(_cl.c.document_id == _c.c.document_id, _cl.c.claim_id == _c.c.id))
        .outerjoin(_e, and_(_e.c.document_id == _c.c.document_id, _e.c.claim_id == _c.c.id))
    )
    .where(_c.c.pk.in_(bindparam("pks", expanding=True)))
)
# The dates written inside given claims (for those whose event has no date):
# only the times within each claim's span, not every time of its document.
_WRITTEN_TIMES = (
    select(_c.c.pk, _ti.c.start, _ti.c.end, _ti.c.value)
    .select_from(_c.join(_ti, _ti.c.document_id == _c.c.document_id))
    .where(
        _c.c.pk.in_(bindparam("pks", expanding=True)),
        _ti.c.value.is_not(None),
        _ti.c.start >= _c.c.start,
        _ti.c.end <= _c.c.end,
    )
)
# Contradictions already stored with this document on either side (event
# linking records its own first): :func:`contradictions.record`'s once-per-pair
# rule, checked with one query per document instead of one per contradiction.
_STORED_CONTRADICTIONS = select(
    _k.c.document_id, _k.c.claim_id, _k.c.other_document_id, _k.c.other_claim_id
).where(or_(_k.c.document_id == bindparam("doc"), _k.c.other_document_id == bindparam("doc")))


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A stored claim to compare with, and the statement it belongs to."""

    profile: StatementProfile
    statement_id: str


def _statement_candidates(
    conn: Connection,
    terms: dict[str, frozenset[str]],
    words: dict[str, frozenset[str]],
    published: date,
) -> dict[str, list[_Candidate]]:
    """Per claim (``terms``: its anchors, ``words``: its content words), the
    stored claims sharing an anchor with it in the window, most shared anchors
    first, at most MAX_STATEMENT_CANDIDATES, less those ``may_relate`` proves
    unrelated; one query for the postings, one for the candidates' texts, one
    for the rest of the kept ones, one for the dates written in them."""
    wanted = sorted(set().union(*terms.values()))
    low = (published - timedelta(days=WINDOW_DAYS)).isoformat()
    high = (published + timedelta(days=WINDOW_DAYS)).isoformat()
    postings: dict[str, list[tuple[str, str]]] = {}
    # The anchors a candidate shares with the document: every posting's term
    # is one of ``wanted``, the union of the claims' terms.
    matched: dict[tuple[str, str], set[str]] = {}
    pks: dict[tuple[str, str], int] = {}
    days: dict[tuple[str, str], str] = {}
    for row in conn.execute(_POSTINGS, {"terms": wanted, "low": low, "high": high}).all():
        key = (row.document_id, row.claim_id)
        postings.setdefault(row.term, []).append(key)
        matched.setdefault(key, set()).add(row.term)
        pks[key] = row.pk
        days[key] = row.day
    keys: set[tuple[str, str]] = set()
    per_claim: dict[str, list[tuple[str, str]]] = {}
    for claim_id, claim_terms in terms.items():
        shared: Counter[tuple[str, str]] = Counter()
        for term in claim_terms:
            shared.update(postings.get(term, ()))
        # Most shared anchors first, ties by key: sorted by key, then a stable
        # sort by count (``reverse`` keeps ties in order).
        best = sorted(shared)
        best.sort(key=shared.__getitem__, reverse=True)
        per_claim[claim_id] = best = best[:MAX_STATEMENT_CANDIDATES]
        keys.update(best)
    if not keys:
        return {}
    texts = {
        row.pk: row.text
        for row in conn.execute(_CANDIDATE_TEXTS, {"pks": sorted(pks[k] for k in keys)})
    }
    words_of = {pk: content_words(text) for pk, text in texts.items()}
    kept: set[tuple[str, str]] = set()
    for claim_id, best in per_claim.items():
        best = [k for k in best if pks[k] in texts]
        mine = words[claim_id]
        per_claim[claim_id] = best = [k for k in best if may_relate(mine, words_of[pks[k]])]
        kept.update(best)
    if not kept:
        return {}
    rows = conn.execute(_STATEMENT_CANDIDATES, {"pks": sorted(pks[k] for k in kept)}).all()
    event_windows = {row.pk: _window(row.date_value) for row in rows}
    written: dict[int, list[tuple[int, int, str]]] = {}
    if undated := sorted(pk for pk, window in event_windows.items() if window is None):
        for row in conn.execute(_WRITTEN_TIMES, {"pks": undated}).all():
            written.setdefault(row.pk, []).append((row.start, row.end, row.value))
    found: dict[tuple[str, str], _Candidate] = {}
    for r in rows:
        key = (r.document_id, r.id)
        profile = StatementProfile(
            document_id=r.document_id,
            claim_id=r.id,
            family_id=r.family_id,
            certainty=r.certainty,
            text=texts[r.pk],
            published=_day(days[key]),
            window=event_windows[r.pk] or _first_window(written.get(r.pk, ())),
            names=frozenset(matched[key]),
        )
        found[key] = _Candidate(profile, r.statement_id)
    return {
        claim_id: [found[k] for k in best if k in found] for claim_id, best in per_claim.items()
    }


def _first_window(times) -> tuple[date, date] | None:
    """The first (in span order) of the given times that is a date, as days."""
    for _, _, value in sorted(times):
        if window := _window(value):
            return window
    return None


def _written_window(times, span: tuple[int, int]) -> tuple[date, date] | None:
    """The first date written inside a claim ("this week" → its days), or None."""
    return _first_window(t for t in times if span[0] <= t[0] and t[1] <= span[1])


def _record_contradictions(conn: Connection, document_id: str, found: list[dict]) -> None:
    """Insert the new document's statement contradictions in the order found,
    skipping pairs stored already in either order (as ``contradictions.record``)."""
    stored = set()
    for row in conn.execute(_STORED_CONTRADICTIONS, {"doc": document_id}).all():
        one, other = (row.document_id, row.claim_id), (row.other_document_id, row.other_claim_id)
        stored.update(((one, other), (other, one)))
    rows = [
        row
        for row in found
        if (
            (row["document_id"], row["claim_id"]),
            (row["other_document_id"], row["other_claim_id"]),
        )
        not in stored
    ]
    insert_table(conn, _k, rows)


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
    words = {c.id: content_words(c.text) for c in analysis.claims}
    candidates = _statement_candidates(conn, terms, words, published) if terms and published else {}
    links, postings, found_contradictions = [], [], []
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
        # Most candidates share a name but not the topic: the may_relate gate
        # has proved those unrelated (dropped from the list, order kept).
        for candidate in candidates.get(claim.id, ()):
            other = candidate.profile
            result = compare(profile, other)
            if result is None:
                continue
            if result.contradiction and found < contradictions.MAX_CONTRADICTIONS_PER_CLAIM:
                found += 1
                found_contradictions.append(
                    {
                        "kind": result.contradiction,
                        "detail": result.detail,
                        "document_id": document.id,
                        "claim_id": claim.id,
                        "other_document_id": other.document_id,
                        "other_claim_id": other.claim_id,
                        "cluster_id": None,
                    }
                )
            elif result.same_statement and statement_id is None:
                statement_id = candidate.statement_id
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
    if found_contradictions:
        _record_contradictions(conn, document.id, found_contradictions)
    insert_table(conn, _cl, links)
    insert_table(conn, _ca, postings)
