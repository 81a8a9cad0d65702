"""Analysis ↔ the Spark runner's rows, in plain Python (no pyspark needed here).

The rows carry the fields of the ``claimgraph/1`` contract (:mod:`claimgraph.output`),
flattened: every span ``[start, end]`` becomes ``*_start``/``*_end`` ints, and
every child record gets its ``document_id`` and its ``position`` in the
document's list, so the lists come back in their original order. Going through
``to_dict``/``from_dict`` keeps the two sides of the contract in one place.

Tuples are in the field order of :mod:`claimgraph.spark.schema` (Spark builds
rows from tuples positionally, which is also the cheapest form to ship).
"""

from __future__ import annotations

from typing import Any

from ..errors import SkippedDocument
from ..output import from_dict, to_dict
from ..records import Analysis

# A row's kind in the job's raw output and in the ``skipped`` table.
ANALYSIS = "analysis"
SKIPPED = "skipped"  # a readable document not analyzed (empty, too long, not English)
ERROR = "error"  # an input that cannot be read (InputError)
RECORD = "record"  # a WARC record holding no article: counted by ingest, never stored


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


def skip_kind(item: SkippedDocument | Exception) -> str:
    from ..errors import InputError
    from ..inputs import SkippedRecord

    if isinstance(item, SkippedRecord):
        return RECORD
    return ERROR if isinstance(item, InputError) else SKIPPED


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
        **{
            k: document[k]
            for k in ("title", "url", "outlet", "published", "language", "author", "source", "text")
        },
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
