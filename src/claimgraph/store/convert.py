"""Analysis records ↔ table rows: the only place that knows both shapes."""

from __future__ import annotations

import calendar
import functools
import json
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, select

from ..records import (
    Actor,
    Analysis,
    Attribution,
    Block,
    Claim,
    Document,
    Event,
    EventDate,
    Place,
    TimeValue,
)
from . import schema as s

Row = dict[str, Any]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """First and last day (``YYYY-MM-DD``) a TIMEX3 date value covers, or None.

    ``2025-02-05`` → itself; ``2025-02`` → Feb 1–28; ``2025`` → the year;
    ``2025-W06`` → Monday–Sunday of ISO week 6. Durations, sets and
    unresolvable values give None.
    """
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return day, day
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).isoformat(), date(year, month, last).isoformat()
        if m := _YEAR.match(value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
        if m := _WEEK.match(value):
            year, week = int(m[1]), int(m[2])
            first = date.fromisocalendar(year, week, 1).isoformat()
            return first, date.fromisocalendar(year, week, 7).isoformat()
    except ValueError:
        return None
    return None


def _span(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span[0], span[1])


def analysis_rows(analysis: Analysis, ingested_at: str) -> dict[str, list[Row]]:
    """Rows for every content table, keyed by table name."""
    d = analysis.document
    doc = d.id
    rows: dict[str, list[Row]] = {t.name: [] for t in s.CONTENT_TABLES}
    rows["documents"].append(
        {
            "id": doc,
            "title": d.title,
            "url": d.url,
            "outlet": d.outlet,
            "published": d.published,
            "language": d.language,
            "author": d.author,
            "source": d.source,
            "text": d.text,
            "ingested_at": ingested_at,
        }
    )
    for i, b in enumerate(d.blocks):
        rows["blocks"].append(
            {
                "document_id": doc,
                "position": i,
                "start": b.span[0],
                "end": b.span[1],
                "kind": b.kind,
            }
        )
    for i, a in enumerate(analysis.actors):
        rows["actors"].append(
            {
                "document_id": doc,
                "id": a.id,
                "position": i,
                "name": a.name,
                "type": a.type,
                "sector": a.sector,
                "country": a.country,
                "aliases": json.dumps(list(a.aliases), ensure_ascii=False),
            }
        )
        for j, (start, end) in enumerate(a.mentions):
            rows["actor_mentions"].append(
                {"document_id": doc, "actor_id": a.id, "position": j, "start": start, "end": end}
            )
    for i, p in enumerate(analysis.places):
        rows["places"].append(
            {
                "document_id": doc,
                "id": p.id,
                "position": i,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "admin1": p.admin1,
                "geonames_id": p.geonames_id,
                "precision": p.precision,
            }
        )
        for j, (start, end) in enumerate(p.mentions):
            rows["place_mentions"].append(
                {"document_id": doc, "place_id": p.id, "position": j, "start": start, "end": end}
            )
    for i, t in enumerate(analysis.times):
        rows["times"].append(
            {
                "document_id": doc,
                "position": i,
                "start": t.span[0],
                "end": t.span[1],
                "text": t.text,
                "type": t.type,
                "value": t.value,
            }
        )
    for i, c in enumerate(analysis.claims):
        rows["claims"].append(
            {
                "document_id": doc,
                "id": c.id,
                "position": i,
                "text": c.text,
                "start": c.span[0],
                "end": c.span[1],
                "sentence_start": c.sentence_span[0],
                "sentence_end": c.sentence_span[1],
                "certainty": c.certainty,
                "factuality": c.factuality,
            }
        )
        for j, link in enumerate(c.attribution):
            source_start, source_end = _span(link.source_span)
            cue_start, cue_end = _span(link.cue_span)
            rows["attributions"].append(
                {
                    "document_id": doc,
                    "claim_id": c.id,
                    "position": j,
                    "source_actor": link.source_actor,
                    "source_text": link.source_text,
                    "source_start": source_start,
                    "source_end": source_end,
                    "cue": link.cue,
                    "cue_start": cue_start,
                    "cue_end": cue_end,
                    "anonymous": int(link.anonymous),
                }
            )
        if c.event is not None:
            rows["events"].append(_event_row(doc, c.id, c.event))
    return rows


def _event_row(doc: str, claim_id: str, e: Event) -> Row:
    date_start, date_end = _span(e.date.span)
    bounds = date_bounds(e.date.value) or (None, None)
    return {
        "document_id": doc,
        "claim_id": claim_id,
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "trigger_start": e.trigger_span[0],
        "trigger_end": e.trigger_span[1],
        "source_actor": e.source_actor,
        "target_actor": e.target_actor,
        "place_id": e.place,
        "date_value": e.date.value,
        "date_precision": e.date.precision,
        "date_start": date_start,
        "date_end": date_end,
        "date_min": bounds[0],
        "date_max": bounds[1],
        "realis": e.realis,
        "confidence": e.confidence,
    }


def insert_table(conn: Connection, table: Table, rows: list[Row]) -> None:
    if not rows:
        return
    if conn.dialect.paramstyle != "qmark":  # PostgreSQL: SQLAlchemy's executemany
        conn.execute(_insert_of(table), rows)
        return
    sql, values_of, processors = _positional_insert(table, conn.dialect, tuple(rows[0]))
    values = list(map(values_of, rows))
    if processors:
        converted = []
        for row in values:
            row = list(row)
            for i, process in processors:
                if row[i] is not None:
                    row[i] = process(row[i])
            converted.append(tuple(row))
        values = converted
    conn.exec_driver_sql(sql, values)


# Tables × dialects × key sets: a handful per store; bounded because every
# Store opened in one process (tests open hundreds) brings its own dialect.
@functools.lru_cache(maxsize=256)
def _positional_insert(
    table: Table, dialect: Any, keys: tuple[str, ...]
) -> tuple[str, Callable[[Row], tuple[Any, ...]], tuple[tuple[int, Any], ...]]:
    """The INSERT of ``keys`` compiled once for a qmark driver (SQLite): its
    SQL, a function from a row dict to its parameter tuple, and the bind
    processors of the columns that have one, by parameter position.

    ``conn.execute(insert, dicts)`` runs SQLAlchemy's per-row parameter
    processing, ≈ 3 ms an article over its ~300 rows (docs/performance.md,
    "Where the ingest process spends its CPU"); tuples handed to the driver's
    executemany skip it, with the same values (Double's float conversion on
    SQLite is applied here) and the same error wrapping (IntegrityError).
    """
    compiled = table.insert().compile(dialect=dialect, column_keys=list(keys))
    order = tuple(compiled.positiontup or ())
    if sorted(order) != sorted(keys):
        raise ValueError(f"{table.name}: compiled INSERT binds {order}, rows give {keys}")
    processors = tuple(
        (i, process)
        for i, k in enumerate(order)
        if (process := table.c[k].type._cached_bind_processor(dialect)) is not None
    )
    getter = itemgetter(*order)
    values_of = getter if len(order) > 1 else lambda row: (getter(row),)
    return compiled.string, values_of, processors


@functools.cache
def _insert_of(table: Table) -> Any:
    """One INSERT per table, built once (a handful of tables): a new one per
    call cost SQLAlchemy a construction and a cache key each time (issue 7)."""
    return table.insert()


def actor_name_rows(document_id: str, actor_id: str, name: str, aliases: Any) -> list[Row]:
    """``actor_names`` rows of one actor: its name and aliases, lower-cased, once each."""
    names = {n.strip().lower() for n in (name, *aliases) if n and n.strip()}
    return [{"document_id": document_id, "actor_id": actor_id, "name": n} for n in sorted(names)]


def insert_analysis(conn: Connection, analysis: Analysis, ingested_at: str) -> None:
    """Insert every row of one analysis on ``conn`` (the caller owns the transaction)."""
    rows = analysis_rows(analysis, ingested_at)
    for table in s.CONTENT_TABLES:
        insert_table(conn, table, rows[table.name])


def insert_names(conn: Connection, analysis: Analysis) -> None:
    """The ``actor_names`` rows of one stored analysis (migration 4 backfills
    those of documents stored before it)."""
    doc = analysis.document.id
    names = [r for a in analysis.actors for r in actor_name_rows(doc, a.id, a.name, a.aliases)]
    insert_table(conn, s.actor_names, names)


def _by_position(conn: Connection, table: Table, document_id: str) -> list[Any]:
    statement = select(table).where(table.c.document_id == document_id)
    return list(conn.execute(statement.order_by(*_order(table))).mappings())


def _order(table: Table) -> list[Any]:
    keys = [c for c in ("actor_id", "place_id", "claim_id") if c in table.c]
    return [table.c[k] for k in keys] + [table.c.position]


def _pair(start: int | None, end: int | None) -> tuple[int, int] | None:
    return None if start is None or end is None else (start, end)


def load_analysis(conn: Connection, document_id: str) -> Analysis | None:
    """The stored analysis of one document, exactly as it was added; None if absent."""
    doc = conn.execute(select(s.documents).where(s.documents.c.id == document_id)).mappings()
    d = doc.first()
    if d is None:
        return None

    def grouped(table: Table, key: str) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = defaultdict(list)
        for row in _by_position(conn, table, document_id):
            out[row[key]].append(row)
        return out

    document = Document(
        id=d["id"],
        text=d["text"],
        title=d["title"],
        url=d["url"],
        outlet=d["outlet"],
        published=d["published"],
        language=d["language"],
        author=d["author"],
        blocks=tuple(
            Block((b["start"], b["end"]), b["kind"])
            for b in _by_position(conn, s.blocks, document_id)
        ),
        source=d["source"],
    )
    actor_mentions = grouped(s.actor_mentions, "actor_id")
    actors = tuple(
        Actor(
            id=a["id"],
            name=a["name"],
            type=a["type"],
            sector=a["sector"],
            country=a["country"],
            aliases=tuple(json.loads(a["aliases"] or "[]")),
            mentions=tuple((m["start"], m["end"]) for m in actor_mentions[a["id"]]),
        )
        for a in _by_position(conn, s.actors, document_id)
    )
    place_mentions = grouped(s.place_mentions, "place_id")
    places = tuple(
        Place(
            id=p["id"],
            name=p["name"],
            lat=p["lat"],
            lon=p["lon"],
            country=p["country"],
            admin1=p["admin1"],
            geonames_id=p["geonames_id"],
            precision=p["precision"],
            mentions=tuple((m["start"], m["end"]) for m in place_mentions[p["id"]]),
        )
        for p in _by_position(conn, s.places, document_id)
    )
    times = tuple(
        TimeValue((t["start"], t["end"]), t["text"], t["type"], t["value"])
        for t in _by_position(conn, s.times, document_id)
    )
    chains = grouped(s.attributions, "claim_id")
    events = {e["claim_id"]: e for e in _by_position_events(conn, document_id)}
    claims = tuple(
        Claim(
            id=c["id"],
            text=c["text"],
            span=(c["start"], c["end"]),
            sentence_span=(c["sentence_start"], c["sentence_end"]),
            certainty=c["certainty"],
            attribution=tuple(_attribution(a) for a in chains[c["id"]]),
            event=_event(events.get(c["id"])),
            factuality=c["factuality"],
        )
        for c in _by_position(conn, s.claims, document_id)
    )
    return Analysis(document, actors, places, times, claims)


def _by_position_events(conn: Connection, document_id: str) -> list[Any]:
    statement = select(s.events).where(s.events.c.document_id == document_id)
    return list(conn.execute(statement).mappings())


def _attribution(a: Any) -> Attribution:
    return Attribution(
        source_actor=a["source_actor"],
        source_text=a["source_text"],
        source_span=_pair(a["source_start"], a["source_end"]),
        cue=a["cue"],
        cue_span=_pair(a["cue_start"], a["cue_end"]),
        anonymous=bool(a["anonymous"]),
    )


def _event(e: Any | None) -> Event | None:
    if e is None:
        return None
    return Event(
        type=e["type"],
        mode=e["mode"],
        cameo=e["cameo"],
        trigger_span=(e["trigger_start"], e["trigger_end"]),
        source_actor=e["source_actor"],
        target_actor=e["target_actor"],
        place=e["place_id"],
        date=EventDate(e["date_value"], e["date_precision"], _pair(e["date_start"], e["date_end"])),
        realis=e["realis"],
        confidence=e["confidence"],
    )
