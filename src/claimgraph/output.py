"""The output contract ``claimgraph/1``: Analysis records ↔ plain JSON-ready dicts.

docs/schema.md documents every field; ``data/schema.json`` is the JSON Schema
the tests check against. Extra keys beyond the contract are allowed.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .records import (
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

SCHEMA_ID = "claimgraph/1"


def _span(span) -> list[int] | None:
    return None if span is None else [span[0], span[1]]


def _tuple_span(value) -> tuple[int, int] | None:
    return None if value is None else (int(value[0]), int(value[1]))


def attribution_dict(a: Attribution) -> dict[str, Any]:
    return {
        "source_actor": a.source_actor,
        "source_text": a.source_text,
        "source_span": _span(a.source_span),
        "cue": a.cue,
        "cue_span": _span(a.cue_span),
        "anonymous": a.anonymous,
    }


def event_dict(e: Event) -> dict[str, Any]:
    return {
        "type": e.type,
        "mode": e.mode,
        "cameo": e.cameo,
        "trigger_span": _span(e.trigger_span),
        "source_actor": e.source_actor,
        "target_actor": e.target_actor,
        "place": e.place,
        "date": {"value": e.date.value, "precision": e.date.precision, "span": _span(e.date.span)},
        "realis": e.realis,
        "confidence": e.confidence,
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "text": c.text,
        "span": _span(c.span),
        "sentence_span": _span(c.sentence_span),
        "certainty": c.certainty,
        "factuality": c.factuality,
        "attribution": [attribution_dict(a) for a in c.attribution],
        "event": None if c.event is None else event_dict(c.event),
    }


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """One document of the contract (an element of ``documents``)."""
    d = analysis.document
    return {
        "id": d.id,
        "title": d.title,
        "url": d.url,
        "outlet": d.outlet,
        "published": d.published,
        "language": d.language,
        "author": d.author,
        "source": d.source,
        "text": d.text,
        "blocks": [{"span": _span(b.span), "kind": b.kind} for b in d.blocks],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "type": a.type,
                "sector": a.sector,
                "country": a.country,
                "aliases": list(a.aliases),
                "mentions": [_span(m) for m in a.mentions],
            }
            for a in analysis.actors
        ],
        "places": [
            {
                "id": p.id,
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country,
                "admin1": p.admin1,
                "geonames_id": p.geonames_id,
                "precision": p.precision,
                "mentions": [_span(m) for m in p.mentions],
            }
            for p in analysis.places
        ],
        "times": [
            {"span": _span(t.span), "text": t.text, "type": t.type, "value": t.value}
            for t in analysis.times
        ],
        "claims": [claim_dict(c) for c in analysis.claims],
    }


def envelope(analyses) -> dict[str, Any]:
    """The whole ``claimgraph analyze --json`` output."""
    return {"schema": SCHEMA_ID, "documents": [to_dict(a) for a in analyses]}


def _attribution(d: dict) -> Attribution:
    return Attribution(
        source_actor=d.get("source_actor"),
        source_text=d.get("source_text"),
        source_span=_tuple_span(d.get("source_span")),
        cue=d.get("cue"),
        cue_span=_tuple_span(d.get("cue_span")),
        anonymous=bool(d.get("anonymous", False)),
    )


def _event(d: dict | None) -> Event | None:
    if d is None:
        return None
    date = d.get("date") or {}
    return Event(
        type=d["type"],
        mode=d.get("mode"),
        cameo=d.get("cameo"),
        trigger_span=_tuple_span(d["trigger_span"]),
        source_actor=d.get("source_actor"),
        target_actor=d.get("target_actor"),
        place=d.get("place"),
        date=EventDate(
            date.get("value"), date.get("precision", "unknown"), _tuple_span(date.get("span"))
        ),
        realis=d.get("realis", "actual"),
        confidence=float(d.get("confidence", 0.5)),
    )


def from_dict(d: dict[str, Any]) -> Analysis:
    """Inverse of :func:`to_dict`: ``from_dict(to_dict(a)) == a``."""
    document = Document(
        id=d["id"],
        text=d["text"],
        title=d.get("title"),
        url=d.get("url"),
        outlet=d.get("outlet"),
        published=d.get("published"),
        language=d.get("language"),
        author=d.get("author"),
        blocks=tuple(Block(_tuple_span(b["span"]), b["kind"]) for b in d.get("blocks", [])),
        source=d.get("source"),
    )
    actors = tuple(
        Actor(
            id=a["id"],
            name=a["name"],
            type=a["type"],
            sector=a.get("sector"),
            country=a.get("country"),
            aliases=tuple(a.get("aliases", ())),
            mentions=tuple(_tuple_span(m) for m in a.get("mentions", ())),
        )
        for a in d.get("actors", [])
    )
    places = tuple(
        Place(
            id=p["id"],
            name=p["name"],
            lat=p.get("lat"),
            lon=p.get("lon"),
            country=p.get("country"),
            admin1=p.get("admin1"),
            geonames_id=p.get("geonames_id"),
            precision=p.get("precision"),
            mentions=tuple(_tuple_span(m) for m in p.get("mentions", ())),
        )
        for p in d.get("places", [])
    )
    times = tuple(
        TimeValue(_tuple_span(t["span"]), t["text"], t["type"], t.get("value"))
        for t in d.get("times", [])
    )
    claims = tuple(
        Claim(
            id=c["id"],
            text=c["text"],
            span=_tuple_span(c["span"]),
            sentence_span=_tuple_span(c["sentence_span"]),
            certainty=c["certainty"],
            attribution=tuple(_attribution(a) for a in c.get("attribution", ())),
            event=_event(c.get("event")),
            factuality=c.get("factuality"),
        )
        for c in d.get("claims", [])
    )
    return Analysis(document, actors, places, times, claims)


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of the ``claimgraph/1`` output (``data/schema.json``)."""
    text = resources.files("claimgraph").joinpath("data/schema.json").read_text("utf-8")
    return json.loads(text)
