"""Linking a stored document's events into cross-document event clusters.

Each clusterable event (realis ``actual`` or ``negated``, a day window of at
most a month) joins the best-matching cluster among stored events that can
match it, or founds one. Candidates are read through ``event_keys`` (schema
version 6, :mod:`claimgraph.store.event_keys`): events of the same type whose
day window overlaps and that share an actor key or a place cell, the only
ones :func:`~claimgraph.resolve.event_match.match_score` can score. Reading
every overlapping event of the type instead gave the same clusters but grew
with the store: 71 candidates read per event at 1,000 articles and 334 at
5,000 on the generated corpus, of which 8% could score; through the keys,
4.7 and 23 are read, nearly all of which score (``bench/bench_add.py
--candidates``; docs/performance.md, "linking grows with the store").

Candidates come in the order ``event_links`` rows were inserted within a
start day (``day_min``, then ``event_keys.id``), as the old scan of
``ix_event_links_window`` returned them on SQLite: the order in which a
denial's contradictions are taken (the best match is chosen by score and
ids, whatever the order).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, bindparam, select

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
from . import contradictions
from . import schema as s
from .clusters import Joined
from .convert import date_bounds, insert_table
from .event_keys import search_keys, stored_keys


def event_words(words: frozenset[str]) -> str:
    """``event_links.words`` of a word set: sorted, space-separated (content
    words never contain a space)."""
    return " ".join(sorted(words))


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


_el, _e, _p, _k = s.event_links, s.events, s.places, s.event_keys
_source, _target = s.actors.alias("source"), s.actors.alias("target")


def stored_profiles(*extra: Any) -> Select[Any]:
    """Linked events as :func:`profile_of_row` reads them (actors and place
    joined in; the words come stored, ``event_links.words``, migration 5), with
    ``extra`` columns, from ``event_links`` joined to the rest."""
    return select(
        *extra,
        _el.c.document_id,
        _el.c.claim_id,
        _el.c.cluster_id,
        _el.c.type,
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


def profile_joins(left: Any) -> Any:
    """``left`` (``event_links``, or a table joined to it) joined to what
    :func:`stored_profiles` reads."""
    return (
        left.join(_e, and_(_e.c.document_id == _el.c.document_id, _e.c.claim_id == _el.c.claim_id))
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


def profile_of_row(r: Any) -> EventProfile:
    """The :class:`EventProfile` of a :func:`stored_profiles` row."""
    return EventProfile(
        document_id=r.document_id,
        claim_id=r.claim_id,
        family_id=r.family_id,
        type=r.type,
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


# Stored events of one type sharing one of ``keys`` whose day window starts in
# [low, high] and reaches ``reach``: one row per (event, shared key), in
# start-day and insertion order. The overlap test's second half (``day_max``)
# is in the index: a window's start-day range must reach MAX_WINDOW_DAYS back
# for month-wide windows, and on a dense store most events in it end before
# the new one starts.
_EVENT_CANDIDATES = (
    stored_profiles(_k.c.key, _k.c.id.label("seq"))
    .select_from(
        profile_joins(
            _k.join(
                _el, and_(_el.c.document_id == _k.c.document_id, _el.c.claim_id == _k.c.claim_id)
            )
        )
    )
    .where(
        _k.c.type == bindparam("type"),
        _k.c.key.in_(bindparam("keys", expanding=True)),
        _k.c.day_min >= bindparam("low"),
        _k.c.day_min <= bindparam("high"),
        _k.c.day_max >= bindparam("reach"),
    )
    .order_by(_k.c.day_min, _k.c.id)
)

Window = tuple[str, str, str]  # event type, lowest and highest start day (ISO)
Key = tuple[str, str]  # document id, claim id


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
    one per event), for the union of their search keys; a candidate becomes an
    :class:`EventProfile` only when its days overlap an event's and it shares
    one of that event's keys, and then once.
    """

    def __init__(self, conn: Connection, wanted: dict[Window, frozenset[str]]) -> None:
        # Per window: (day_min, day_max, cluster_id, key, keys shared) in order.
        self.found: dict[Window, list[tuple[str, str, str, Key, set[str]]]] = {}
        self.rows: dict[Key, Any] = {}
        self.built: dict[Key, EventProfile] = {}
        for window, keys in wanted.items():
            type_, low, high = window
            entries: dict[Key, tuple[str, str, str, Key, set[str]]] = {}
            if keys:  # an event without keys can match nothing
                params = {
                    "type": type_,
                    "keys": sorted(keys),
                    "low": low,
                    "high": high,
                    "reach": _reach(low),
                }
                # .all(): one fetchall, where iterating the result fetched row
                # by row (≈ 1 ms an article over a few hundred candidates).
                for r in conn.execute(_EVENT_CANDIDATES, params).all():
                    key = (r.document_id, r.claim_id)
                    if key in entries:  # the same event again, through another shared key
                        entries[key][4].add(r.key)
                        continue
                    self.rows[key] = r
                    entries[key] = (r.day_min, r.day_max, r.cluster_id, key, {r.key})
            self.found[window] = list(entries.values())

    def matching(
        self, profile: EventProfile, keys: frozenset[str]
    ) -> list[tuple[EventProfile, str]]:
        """The candidates whose days overlap ``profile``'s (``match_score``'s
        first test, done on the ISO strings) and that share one of its search
        ``keys``, with their cluster ids."""
        slack = timedelta(days=SLACK_DAYS)
        low = (profile.day_min - slack).isoformat()
        high = (profile.day_max + slack).isoformat()
        hits = [
            (key, cluster)
            for day_min, day_max, cluster, key, shared in self.found[_window_of(profile)]
            if low <= day_max and day_min <= high and not keys.isdisjoint(shared)
        ]
        return [(self._profile(key), cluster) for key, cluster in hits]

    def add(self, profile: EventProfile, cluster_id: str, keys: Iterable[str]) -> None:
        """The document's own event just linked, with its stored ``keys``: a
        candidate of its later ones (an article may report one event twice), as
        if read back from ``event_keys``: after the rows of its start day, as
        it was inserted last, so candidate order is what a query per event saw."""
        key = (profile.document_id, profile.claim_id)
        self.built[key] = profile
        stored = frozenset(keys)
        day_min, day_max = profile.day_min.isoformat(), profile.day_max.isoformat()
        for (type_, low, high), entries in self.found.items():
            if type_ == profile.type and low <= day_min <= high:
                at = bisect_right([e[0] for e in entries], day_min)
                entries.insert(at, (day_min, day_max, cluster_id, key, set(stored)))

    def _profile(self, key: Key) -> EventProfile:
        if key not in self.built:
            self.built[key] = profile_of_row(self.rows[key])
        return self.built[key]


def key_rows(profile: EventProfile) -> list[dict[str, Any]]:
    """``event_keys`` rows of one linked event."""
    return [
        {
            "document_id": profile.document_id,
            "claim_id": profile.claim_id,
            "key": key,
            "type": profile.type,
            "day_min": profile.day_min.isoformat(),
            "day_max": profile.day_max.isoformat(),
        }
        for key in stored_keys(profile)
    ]


def link_events(conn: Connection, analysis: Analysis, family_id: str) -> dict[str, Joined]:
    """Link the document's clusterable events; what they add to each cluster they joined."""
    joined: dict[str, Joined] = {}
    profiles: list[tuple[Claim, EventProfile, frozenset[str]]] = []
    for claim in analysis.claims:
        if claim.event is None:
            continue
        profile = _profile(analysis, claim, family_id)
        if profile is None or profile.realis not in CLUSTERED_REALIS:
            continue
        profiles.append((claim, profile, search_keys(profile)))
    if not profiles:
        return joined
    wanted: dict[Window, frozenset[str]] = {}
    for _, profile, keys in profiles:
        window = _window_of(profile)
        wanted[window] = wanted.get(window, frozenset()) | keys
    candidates = _Candidates(conn, wanted)
    # Inserted together at the end: the document's own events reach its later
    # ones through ``candidates.add``, not through the tables.
    links: list[dict[str, Any]] = []
    keys_rows: list[dict[str, Any]] = []
    for claim, profile, keys in profiles:
        assert claim.event is not None
        scored = [
            (score, other.document_id, other.claim_id, cluster, other)
            for other, cluster in candidates.matching(profile, keys)
            if (score := match_score(profile, other)) is not None
        ]
        best = max(scored, default=None, key=lambda x: x[:3])
        cluster_id = best[3] if best else child_id(claim.id, "evc")
        before = joined.get(cluster_id, Joined(0, False, False))
        joined[cluster_id] = Joined(
            before.reports + 1,
            before.actual or profile.realis == "actual",
            before.negated or profile.realis == "negated",
        )
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
        own = key_rows(profile)
        keys_rows.extend(own)
        candidates.add(profile, cluster_id, (row["key"] for row in own))
        # A denial meets what it denies in one cluster: opposite realis from
        # another source is a contradiction.
        opposite = [
            other
            for _, _, _, cluster, other in scored
            if cluster == cluster_id
            and other.family_id != family_id
            and (other.realis == "negated") != (profile.realis == "negated")
        ]
        for other in opposite[: contradictions.MAX_CONTRADICTIONS_PER_CLAIM]:
            contradictions.record(conn, "negation", claim.event.type, profile, other, cluster_id)
    insert_table(conn, _el, links)
    # after the links they reference, in link order (their ids)
    insert_table(conn, _k, keys_rows)
    return joined
