"""The flat tables of analyses, in plain Python: one spec for Spark and Parquet.

The Spark runner (:mod:`claimgraph.spark`) and the Parquet export
(:mod:`claimgraph.export.parquet`) write the same tables, so their columns
and types are declared once here, in a tiny type language (``STRING``,
``INT``, ``LONG``, ``DOUBLE``, ``BOOL``, :class:`Struct`, :class:`ListOf`) that
each side turns into its own types (``pyspark.sql.types``, ``pyarrow``).

The rows carry the fields of the ``claimgraph/1`` contract (:mod:`claimgraph.output`),
flattened: every span ``[start, end]`` becomes ``*_start``/``*_end`` ints, and
every child record gets its ``document_id`` and its ``position`` in the
document's list, so the lists come back in their original order. Going through
``to_dict``/``from_dict`` keeps the two sides of the contract in one place.

:func:`analysis_row` gives one document as a nested tuple (``ANALYSIS``, the
cheapest form to ship to Spark, which builds rows from tuples positionally);
:func:`flat_rows` gives the flat tables' rows as dicts (what pyarrow takes);
:func:`analysis_from_rows` rebuilds an Analysis from either side's rows.

Tables (``FLAT_TABLES``):

- ``documents``: ordinal (input or export order), document_id, the document
  fields, blocks (list of start/end/kind structs);
- ``actors``, ``places``, ``times``, ``claims``: one row per record with
  ``document_id`` and ``position``; mentions as lists of start/end structs;
  ``claims.attribution`` is the chain (outermost first) as a list of structs;
- ``events``: one row per claim that has an event, keyed by ``document_id``
  and ``claim_id``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .output import from_dict, to_dict
from .records import Analysis

STRING, INT, LONG, DOUBLE, BOOL = "string", "int", "long", "double", "bool"


@dataclass(frozen=True, slots=True)
class Struct:
    fields: tuple[tuple[str, Kind], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.fields)


@dataclass(frozen=True, slots=True)
class ListOf:
    item: Kind


Kind = str | Struct | ListOf


def _struct(*fields: tuple[str, Kind]) -> Struct:
    return Struct(tuple(fields))


SPAN = _struct(("start", INT), ("end", INT))
BLOCK = _struct(("start", INT), ("end", INT), ("kind", STRING))
ACTOR = _struct(
    ("id", STRING),
    ("name", STRING),
    ("type", STRING),
    ("sector", STRING),
    ("country", STRING),
    ("aliases", ListOf(STRING)),
    ("mentions", ListOf(SPAN)),
)
PLACE = _struct(
    ("id", STRING),
    ("name", STRING),
    ("lat", DOUBLE),
    ("lon", DOUBLE),
    ("country", STRING),
    ("admin1", STRING),
    ("geonames_id", LONG),
    ("precision", STRING),
    ("mentions", ListOf(SPAN)),
)
TIME = _struct(("start", INT), ("end", INT), ("text", STRING), ("type", STRING), ("value", STRING))
ATTRIBUTION = _struct(
    ("source_actor", STRING),
    ("source_text", STRING),
    ("source_start", INT),
    ("source_end", INT),
    ("cue", STRING),
    ("cue_start", INT),
    ("cue_end", INT),
    ("anonymous", BOOL),
)
EVENT = _struct(
    ("type", STRING),
    ("mode", STRING),
    ("cameo", STRING),
    ("trigger_start", INT),
    ("trigger_end", INT),
    ("source_actor", STRING),
    ("target_actor", STRING),
    ("place", STRING),
    ("date_value", STRING),
    ("date_precision", STRING),
    ("date_start", INT),
    ("date_end", INT),
    ("realis", STRING),
    ("confidence", DOUBLE),
)
CLAIM = _struct(
    ("id", STRING),
    ("text", STRING),
    ("start", INT),
    ("end", INT),
    ("sentence_start", INT),
    ("sentence_end", INT),
    ("certainty", STRING),
    ("factuality", DOUBLE),
    ("attribution", ListOf(ATTRIBUTION)),
    ("event", EVENT),
)
DOCUMENT_FIELDS = ("title", "url", "outlet", "published", "language", "author", "source", "text")
ANALYSIS = _struct(
    ("document_id", STRING),
    *((name, STRING) for name in DOCUMENT_FIELDS),
    ("blocks", ListOf(BLOCK)),
    ("actors", ListOf(ACTOR)),
    ("places", ListOf(PLACE)),
    ("times", ListOf(TIME)),
    ("claims", ListOf(CLAIM)),
)

_KEYED = (("document_id", STRING), ("position", INT))
FLAT_TABLES: dict[str, Struct] = {
    "documents": _struct(
        ("ordinal", LONG),
        ("document_id", STRING),
        *((name, STRING) for name in DOCUMENT_FIELDS),
        ("blocks", ListOf(BLOCK)),
    ),
    "actors": _struct(*_KEYED, *ACTOR.fields),
    "places": _struct(*_KEYED, *PLACE.fields),
    "times": _struct(*_KEYED, *TIME.fields),
    "claims": _struct(*_KEYED, *(f for f in CLAIM.fields if f[0] != "event")),
    "events": _struct(("document_id", STRING), ("claim_id", STRING), *EVENT.fields),
}


def _plain(value: Any, kind: Kind) -> Any:
    """A nested tuple of ``kind`` as dicts and lists (the form pyarrow takes)."""
    if value is None:
        return None
    if isinstance(kind, Struct):
        return {name: _plain(v, k) for (name, k), v in zip(kind.fields, value, strict=True)}
    if isinstance(kind, ListOf):
        return [_plain(v, kind.item) for v in value]
    return value


def flat_rows(analysis: Analysis, ordinal: int) -> dict[str, list[dict[str, Any]]]:
    """The rows of one document in each of ``FLAT_TABLES``, as dicts: the same
    rows the Spark job's ``schema.tables`` selects from :func:`analysis_row`."""
    d = _plain(analysis_row(analysis), ANALYSIS)
    doc = d["document_id"]
    out: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                "ordinal": ordinal,
                "document_id": doc,
                **{k: d[k] for k in DOCUMENT_FIELDS},
                "blocks": d["blocks"],
            }
        ]
    }
    for name in ("actors", "places", "times"):
        out[name] = [{"document_id": doc, "position": i, **r} for i, r in enumerate(d[name])]
    out["claims"] = [
        {"document_id": doc, "position": i, **{k: v for k, v in c.items() if k != "event"}}
        for i, c in enumerate(d["claims"])
    ]
    out["events"] = [
        {"document_id": doc, "claim_id": c["id"], **c["event"]}
        for c in d["claims"]
        if c["event"] is not None
    ]
    return out


def _start(span: list[int] | None) -> int | None:
    return None if span is None else span[0]


def _end(span: list[int] | None) -> int | None:
    return None if span is None else span[1]


def _float(value: Any) -> float | None:
    # Spark's DoubleType rejects a Python int (a lat of 0, a confidence of 1).
    return None if value is None else float(value)


def _spans(spans: list[list[int]]) -> list[tuple[int, int]]:
    return [(s[0], s[1]) for s in spans]


def _event(e: dict[str, Any] | None) -> tuple | None:
    if e is None:
        return None
    date = e["date"]
    return (
        e["type"],
        e["mode"],
        e["cameo"],
        _start(e["trigger_span"]),
        _end(e["trigger_span"]),
        e["source_actor"],
        e["target_actor"],
        e["place"],
        date["value"],
        date["precision"],
        _start(date["span"]),
        _end(date["span"]),
        e["realis"],
        _float(e["confidence"]),
    )


def analysis_row(analysis: Analysis) -> tuple:
    """One document and everything in it, as a nested tuple (schema.ANALYSIS)."""
    d = to_dict(analysis)
    return (
        d["id"],
        d["title"],
        d["url"],
        d["outlet"],
        d["published"],
        d["language"],
        d["author"],
        d["source"],
        d["text"],
        [(b["span"][0], b["span"][1], b["kind"]) for b in d["blocks"]],
        [
            (
                a["id"],
                a["name"],
                a["type"],
                a["sector"],
                a["country"],
                list(a["aliases"]),
                _spans(a["mentions"]),
            )
            for a in d["actors"]
        ],
        [
            (
                p["id"],
                p["name"],
                _float(p["lat"]),
                _float(p["lon"]),
                p["country"],
                p["admin1"],
                p["geonames_id"],
                p["precision"],
                _spans(p["mentions"]),
            )
            for p in d["places"]
        ],
        [
            (_start(t["span"]), _end(t["span"]), t["text"], t["type"], t["value"])
            for t in d["times"]
        ],
        [
            (
                c["id"],
                c["text"],
                _start(c["span"]),
                _end(c["span"]),
                _start(c["sentence_span"]),
                _end(c["sentence_span"]),
                c["certainty"],
                _float(c["factuality"]),
                [
                    (
                        a["source_actor"],
                        a["source_text"],
                        _start(a["source_span"]),
                        _end(a["source_span"]),
                        a["cue"],
                        _start(a["cue_span"]),
                        _end(a["cue_span"]),
                        a["anonymous"],
                    )
                    for a in c["attribution"]
                ],
                _event(c["event"]),
            )
            for c in d["claims"]
        ],
    )


# -- back from the flat tables --------------------------------------------------


def _span(row: Any, prefix: str) -> list[int] | None:
    start = row[f"{prefix}_start"] if prefix else row["start"]
    end = row[f"{prefix}_end"] if prefix else row["end"]
    return None if start is None else [start, end]


def _ordered(rows: list[Any] | None) -> list[Any]:
    return sorted(rows or (), key=lambda r: r["position"])


def analysis_from_rows(
    document: Any,
    actors: list[Any] | None,
    places: list[Any] | None,
    times: list[Any] | None,
    claims: list[Any] | None,
    events: list[Any] | None,
) -> Analysis:
    """Rebuild one Analysis from its rows in the six tables (any row type indexable by name)."""
    by_claim = {e["claim_id"]: e for e in events or ()}
    d: dict[str, Any] = {
        "id": document["document_id"],
        **{k: document[k] for k in DOCUMENT_FIELDS},
        "blocks": [
            {"span": [b["start"], b["end"]], "kind": b["kind"]} for b in document["blocks"] or ()
        ],
        "actors": [
            {
                "id": a["id"],
                "name": a["name"],
                "type": a["type"],
                "sector": a["sector"],
                "country": a["country"],
                "aliases": list(a["aliases"] or ()),
                "mentions": [[m["start"], m["end"]] for m in a["mentions"] or ()],
            }
            for a in _ordered(actors)
        ],
        "places": [
            {
                "id": p["id"],
                "name": p["name"],
                "lat": p["lat"],
                "lon": p["lon"],
                "country": p["country"],
                "admin1": p["admin1"],
                "geonames_id": p["geonames_id"],
                "precision": p["precision"],
                "mentions": [[m["start"], m["end"]] for m in p["mentions"] or ()],
            }
            for p in _ordered(places)
        ],
        "times": [
            {"span": _span(t, ""), "text": t["text"], "type": t["type"], "value": t["value"]}
            for t in _ordered(times)
        ],
        "claims": [
            {
                "id": c["id"],
                "text": c["text"],
                "span": _span(c, ""),
                "sentence_span": _span(c, "sentence"),
                "certainty": c["certainty"],
                "factuality": c["factuality"],
                "attribution": [
                    {
                        "source_actor": a["source_actor"],
                        "source_text": a["source_text"],
                        "source_span": _span(a, "source"),
                        "cue": a["cue"],
                        "cue_span": _span(a, "cue"),
                        "anonymous": a["anonymous"],
                    }
                    for a in c["attribution"] or ()
                ],
                "event": _event_dict(by_claim.get(c["id"])),
            }
            for c in _ordered(claims)
        ],
    }
    return from_dict(d)


def _event_dict(e: Any | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "type": e["type"],
        "mode": e["mode"],
        "cameo": e["cameo"],
        "trigger_span": _span(e, "trigger"),
        "source_actor": e["source_actor"],
        "target_actor": e["target_actor"],
        "place": e["place"],
        "date": {
            "value": e["date_value"],
            "precision": e["date_precision"],
            "span": _span(e, "date"),
        },
        "realis": e["realis"],
        "confidence": e["confidence"],
    }
