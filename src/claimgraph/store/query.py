"""Claim queries: the filters of ``Store.claims`` and assembly of ClaimRows."""

from __future__ import annotations

import base64
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
        c.c.position,
    ).select_from(
        c.join(d, d.c.id == c.c.document_id).outerjoin(
            e, and_(e.c.document_id == c.c.document_id, e.c.claim_id == c.c.id)
        )
    )


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _actor_matches(actor: Any, name: str) -> ColumnElement[bool]:
    """Actor name or one of its aliases equals ``name``, case-insensitive.

    An ``actor_names`` primary-key lookup: names and aliases are stored
    lower-cased there, so no scan of the actors and their JSON aliases.
    """
    n = s.actor_names
    return exists(
        select(1).where(
            n.c.document_id == actor.c.document_id,
            n.c.actor_id == actor.c.id,
            n.c.name == name.strip().lower(),
        )
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
    # Only documents with a matching actor or source can match: two index
    # lookups (ix_actor_names_name, ix_attributions_source_lower) narrow the
    # claims to those documents before the per-claim checks.
    docs = union(
        select(s.actor_names.c.document_id).where(s.actor_names.c.name == q),
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
    low = high = None
    if f.date_from is not None:
        low = _bound(f.date_from, "date_from", 0)
        statement = statement.where(func.coalesce(e.c.date_max, d.c.published) >= low)
    if f.date_to is not None:
        high = _bound(f.date_to, "date_to", 1)
        statement = statement.where(func.coalesce(e.c.date_min, d.c.published) <= high)
        statement = statement.where(c.c.pk.in_(_dated_until(low, high)))
    return statement


def _dated_until(low: str | None, high: str) -> Select:
    """Claims in a date range that ends: events dated in it (``ix_events_date``)
    and claims of documents published in it without an event date
    (``ix_documents_published_id``).

    The same rows as the coalesce conditions, found through two indexes: a
    week's claims are then fetched and sorted, where walking the documents
    from the newest scanned everything published after the week. (A range
    open at the end is left to that walk, which starts in it.)
    """
    dc, de = s.claims.alias("dc"), s.events.alias("de")
    dd = s.documents.alias("dd")
    event_days = [de.c.date_min <= high] + ([] if low is None else [de.c.date_max >= low])
    published = [dd.c.published <= high] + ([] if low is None else [dd.c.published >= low])
    return union(
        select(dc.c.pk)
        .select_from(
            de.join(dc, and_(dc.c.document_id == de.c.document_id, dc.c.id == de.c.claim_id))
        )
        .where(*event_days),
        select(dc.c.pk)
        .select_from(
            dd.join(dc, dc.c.document_id == dd.c.id).outerjoin(
                de, and_(de.c.document_id == dc.c.document_id, de.c.claim_id == dc.c.id)
            )
        )
        .where(*published, de.c.date_min.is_(None)),
    )


def ordered(statement: Select) -> Select:
    """Newest documents first (undated last), claims in text order.

    ``documents.id``, not ``claims.document_id`` (equal): ordering by the
    documents' columns lets ``ix_documents_published_id`` drive the join, so
    a page stops after its rows instead of sorting every match.
    """
    return statement.order_by(d.c.published.desc().nulls_last(), d.c.id, c.c.position)


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page of claims ends: the last row's sort key."""

    published: str | None
    document_id: str
    position: int


def cursor_of(row: ClaimRow) -> str:
    """The opaque cursor of the page after ``row`` (its sort key, base64url JSON)."""
    key = json.dumps([row.published, row.document_id, row.position], separators=(",", ":"))
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def parse_cursor(value: str) -> Cursor:
    """The :class:`Cursor` of a :func:`cursor_of` string; a clear error otherwise."""
    try:
        raw = base64.urlsafe_b64decode(value.strip() + "=" * (-len(value.strip()) % 4))
        published, document_id, position = json.loads(raw)
        if not (
            (published is None or isinstance(published, str))
            and isinstance(document_id, str)
            and isinstance(position, int)
            and not isinstance(position, bool)
        ):
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError):
        raise StoreError(
            f"invalid cursor {value!r}: pass the 'next_cursor' of a previous page"
        ) from None
    return Cursor(published, document_id, position)


def after(statement: Select, key: Cursor) -> Select:
    """Rows after ``key`` in :func:`ordered` order, among the rows dated like it.

    Keyset pagination: a range on ``ix_documents_published_id`` instead of
    OFFSET, so a deep page costs what the first one does. A dated cursor
    selects the rest of the dated rows (SQL ``<=`` drops NULL); the caller
    continues into the undated ones (:func:`undated`) when they run out.
    """
    same_day_later = or_(
        d.c.id > key.document_id, and_(d.c.id == key.document_id, c.c.position > key.position)
    )
    if key.published is None:
        return statement.where(d.c.published.is_(None), same_day_later)
    return statement.where(
        d.c.published <= key.published, or_(d.c.published < key.published, same_day_later)
    )


def undated(statement: Select) -> Select:
    """The rows of undated documents (the end of the :func:`ordered` order)."""
    return statement.where(d.c.published.is_(None))


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
                position=r.position,
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
