"""Claim queries: the filters of ``Store.claims`` and assembly of ClaimRows."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    or_,
    select,
    union,
)

from ..errors import StoreError
from ..records import CERTAINTIES
from . import schema as s
from .convert import date_bounds
from .rows import ClaimRow, EventSummary, SourceLink

c = s.claims
d = s.documents
e = s.events


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """The filters of ``Store.claims``; every given filter must hold (AND)."""

    actor: str | None = None
    event_type: str | None = None
    certainty: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    document: str | None = None  # a full document id (resolved by the Store)


def base_select() -> Select:
    return select(
        c.c.pk,
        c.c.id,
        c.c.document_id,
        d.c.title,
        d.c.outlet,
        d.c.published,
        c.c.text,
        c.c.start,
        c.c.end,
        c.c.sentence_start,
        c.c.sentence_end,
        c.c.certainty,
        c.c.factuality,
    ).select_from(
        c.join(d, d.c.id == c.c.document_id).outerjoin(
            e, and_(e.c.document_id == c.c.document_id, e.c.claim_id == c.c.id)
        )
    )


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_matches(actor: Any, name: str) -> ColumnElement[bool]:
    """Actor name or one of its aliases equals ``name``, case-insensitive."""
    q = name.strip().lower()
    alias = "%" + _like_escape(json.dumps(q, ensure_ascii=False)) + "%"
    return or_(
        func.lower(actor.c.name) == q,
        func.lower(actor.c.aliases).like(alias, escape="\\"),
    )


def _actor_condition(name: str) -> ColumnElement[bool]:
    """The actor is a source of the chain, the event's source or target, or in the claim."""
    q = name.strip().lower()
    a = s.actors.alias("fa")
    att = s.attributions.alias("fatt")
    m = s.actor_mentions.alias("fam")
    as_source = exists(
        select(1)
        .select_from(
            att.outerjoin(
                a, and_(a.c.document_id == att.c.document_id, a.c.id == att.c.source_actor)
            )
        )
        .where(
            att.c.document_id == c.c.document_id,
            att.c.claim_id == c.c.id,
            or_(func.lower(att.c.source_text) == q, _actor_matches(a, name)),
        )
    )
    in_event = exists(
        select(1).where(
            a.c.document_id == c.c.document_id,
            or_(a.c.id == e.c.source_actor, a.c.id == e.c.target_actor),
            _actor_matches(a, name),
        )
    )
    mentioned = exists(
        select(1)
        .select_from(m.join(a, and_(a.c.document_id == m.c.document_id, a.c.id == m.c.actor_id)))
        .where(
            m.c.document_id == c.c.document_id,
            m.c.start >= c.c.start,
            m.c.end <= c.c.end,
            _actor_matches(a, name),
        )
    )
    # Only documents with a matching actor or source can match: one scan of the
    # actors narrows the claims to those documents before the per-claim checks.
    docs = union(
        select(a.c.document_id).where(_actor_matches(a, name)),
        select(att.c.document_id).where(func.lower(att.c.source_text) == q),
    )
    return and_(c.c.document_id.in_(docs), or_(as_source, in_event, mentioned))


def _place_condition(place: str) -> ColumnElement[bool]:
    """The event happens at the place, or the place is mentioned in the claim.

    ``place`` is a place name (case-insensitive) or an ISO 3166 country code.
    """
    q = place.strip()
    p = s.places.alias("fp")
    m = s.place_mentions.alias("fpm")
    matches = or_(func.lower(p.c.name) == q.lower(), func.upper(p.c.country) == q.upper())
    at_event = exists(
        select(1).where(p.c.document_id == c.c.document_id, p.c.id == e.c.place_id, matches)
    )
    mentioned = exists(
        select(1)
        .select_from(m.join(p, and_(p.c.document_id == m.c.document_id, p.c.id == m.c.place_id)))
        .where(
            m.c.document_id == c.c.document_id,
            m.c.start >= c.c.start,
            m.c.end <= c.c.end,
            matches,
        )
    )
    docs = select(p.c.document_id).where(matches)
    return and_(c.c.document_id.in_(docs), or_(at_event, mentioned))


def _bound(value: str, name: str, index: int) -> str:
    bounds = date_bounds(value.strip())
    if bounds is None or len(value.strip()) not in (4, 7, 10):
        raise StoreError(f"invalid {name} {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    return bounds[index]


def apply(statement: Select, f: ClaimFilter) -> Select:
    """Add the WHERE clauses of ``f`` to a :func:`base_select` statement."""
    if f.certainty is not None:
        if f.certainty not in CERTAINTIES:
            raise StoreError(
                f"unknown certainty {f.certainty!r}; expected one of {', '.join(CERTAINTIES)}"
            )
        statement = statement.where(c.c.certainty == f.certainty)
    if f.event_type is not None:
        # Types are stored upper-case: compare the bare column so that
        # ix_events_type serves the filter (upper() on it forced a scan).
        statement = statement.where(e.c.type == f.event_type.strip().upper())
    if f.document is not None:
        statement = statement.where(c.c.document_id == f.document)
    if f.actor is not None and f.actor.strip():
        statement = statement.where(_actor_condition(f.actor))
    if f.place is not None and f.place.strip():
        statement = statement.where(_place_condition(f.place))
    # an event's own date when it has one, else the document's publication date
    if f.date_from is not None:
        low = _bound(f.date_from, "date_from", 0)
        statement = statement.where(func.coalesce(e.c.date_max, d.c.published) >= low)
    if f.date_to is not None:
        high = _bound(f.date_to, "date_to", 1)
        statement = statement.where(func.coalesce(e.c.date_min, d.c.published) <= high)
    return statement


def ordered(statement: Select) -> Select:
    """Newest documents first (undated last), claims in text order."""
    return statement.order_by(d.c.published.desc().nulls_last(), c.c.document_id, c.c.position)


def assemble(
    conn: Connection, rows: Sequence[Any], ranks: dict[int, float] | None = None
) -> list[ClaimRow]:
    """ClaimRows for selected claim rows, with chains, events and names in 4 queries."""
    if not rows:
        return []
    docs = sorted({r.document_id for r in rows})
    ids = sorted({r.id for r in rows})
    att = s.attributions
    chains: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for a in conn.execute(
        select(att)
        .where(att.c.document_id.in_(docs), att.c.claim_id.in_(ids))
        .order_by(att.c.document_id, att.c.claim_id, att.c.position)
    ).mappings():
        chains[(a["document_id"], a["claim_id"])].append(a)
    events = {
        (x["document_id"], x["claim_id"]): x
        for x in conn.execute(
            select(e).where(e.c.document_id.in_(docs), e.c.claim_id.in_(ids))
        ).mappings()
    }
    actor_ids = {a["source_actor"] for chain in chains.values() for a in chain}
    actor_ids |= {x["source_actor"] for x in events.values()}
    actor_ids |= {x["target_actor"] for x in events.values()}
    names = _lookup(conn, s.actors, docs, actor_ids - {None}, ("name",))
    place_ids = {x["place_id"] for x in events.values()} - {None}
    places = _lookup(conn, s.places, docs, place_ids, ("name", "country"))
    out = []
    for r in rows:
        key = (r.document_id, r.id)
        chain = tuple(
            SourceLink(
                source=names.get((r.document_id, a["source_actor"]), (a["source_text"],))[0],
                source_actor=a["source_actor"],
                source_text=a["source_text"],
                cue=a["cue"],
                anonymous=bool(a["anonymous"]),
            )
            for a in chains.get(key, ())
        )
        out.append(
            ClaimRow(
                claim_id=r.id,
                document_id=r.document_id,
                title=r.title,
                outlet=r.outlet,
                published=r.published,
                text=r.text,
                start=r.start,
                end=r.end,
                sentence_start=r.sentence_start,
                sentence_end=r.sentence_end,
                certainty=r.certainty,
                factuality=r.factuality,
                chain=chain,
                event=_summary(r.document_id, events.get(key), names, places),
                rank=None if ranks is None else ranks.get(r.pk),
            )
        )
    return out


def _lookup(
    conn: Connection, table: Any, docs: list[str], ids: Iterable[str], columns: tuple[str, ...]
) -> dict[tuple[str, str], tuple[Any, ...]]:
    ids = sorted(ids)
    if not ids:
        return {}
    statement = select(table.c.document_id, table.c.id, *(table.c[k] for k in columns)).where(
        table.c.document_id.in_(docs), table.c.id.in_(ids)
    )
    return {(row[0], row[1]): tuple(row[2:]) for row in conn.execute(statement)}


def _summary(
    doc: str,
    x: Any | None,
    names: dict[tuple[str, str], tuple[Any, ...]],
    places: dict[tuple[str, str], tuple[Any, ...]],
) -> EventSummary | None:
    if x is None:
        return None
    place = places.get((doc, x["place_id"]), (None, None))
    return EventSummary(
        type=x["type"],
        mode=x["mode"],
        cameo=x["cameo"],
        source=names.get((doc, x["source_actor"]), (None,))[0],
        target=names.get((doc, x["target_actor"]), (None,))[0],
        source_actor=x["source_actor"],
        target_actor=x["target_actor"],
        place=place[0],
        place_id=x["place_id"],
        country=place[1],
        date=x["date_value"],
        date_precision=x["date_precision"],
        realis=x["realis"],
        confidence=x["confidence"],
    )
