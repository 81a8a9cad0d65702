"""Export a store: JSON Lines (the ``claimgraph/1`` contract) or CSV (one row per claim).

``jsonl`` writes one ``claimgraph/1`` document per line (:func:`claimgraph.output.to_dict`),
so each line reads back with :func:`claimgraph.output.from_dict`. ``csv`` writes
flat rows for spreadsheets: one per claim (``table="claims"``), per document
(``"documents"``) or per aggregated actor (``"actors"``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from .errors import ClaimgraphError
from .output import to_dict
from .store import Store
from .store.rows import ClaimRow

FORMATS = ("jsonl", "csv")
TABLES = ("claims", "documents", "actors")

CLAIM_COLUMNS = (
    "document_id",
    "outlet",
    "published",
    "claim_id",
    "text",
    "certainty",
    "source",
    "chain",
    "event_type",
    "event_mode",
    "event_source",
    "event_target",
    "event_date",
    "event_place",
    "start",
    "end",
)
DOCUMENT_COLUMNS = (
    "id",
    "title",
    "url",
    "outlet",
    "published",
    "language",
    "source",
    "ingested_at",
    "claims",
)
ACTOR_COLUMNS = ("name", "type", "sector", "country", "aliases", "documents", "mentions")

_PAGE = 500


def claim_record(row: ClaimRow) -> dict[str, Any]:
    """The flat CSV record of one claim."""
    ev = row.event
    return {
        "document_id": row.document_id,
        "outlet": row.outlet,
        "published": row.published,
        "claim_id": row.claim_id,
        "text": row.text,
        "certainty": row.certainty,
        "source": row.source,
        "chain": row.chain_text,
        "event_type": ev.type if ev else None,
        "event_mode": ev.mode if ev else None,
        "event_source": ev.source if ev else None,
        "event_target": ev.target if ev else None,
        "event_date": ev.date if ev else None,
        "event_place": ev.place if ev else None,
        "start": row.start,
        "end": row.end,
    }


def _records(store: Store, table: str) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    if table == "claims":
        return CLAIM_COLUMNS, (claim_record(r) for r in store.iter_claims(page=_PAGE))
    if table == "documents":
        return DOCUMENT_COLUMNS, (r.as_dict() for r in _pages(store.documents))
    records = (
        {**r.as_dict(), "aliases": "; ".join(r.aliases)} for r in _pages(store.actors, name=None)
    )
    return ACTOR_COLUMNS, records


def _pages(method: Any, **kwargs: Any) -> Iterator[Any]:
    offset = 0
    while rows := method(**kwargs, limit=_PAGE, offset=offset):
        yield from rows
        offset += len(rows)


def export(store: Store, fmt: str, out: TextIO, table: str = "claims") -> int:
    """Write the store to the text stream ``out``; returns the number of records written.

    ``fmt="jsonl"`` with ``table`` "claims" or "documents" writes whole
    ``claimgraph/1`` documents; with "actors", one aggregated actor per line.
    ``fmt="csv"`` writes a header and one row per record of ``table``.
    """
    if fmt not in FORMATS:
        raise ClaimgraphError(
            f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}"
        )
    if table not in TABLES:
        raise ClaimgraphError(
            f"unknown export table {table!r}; expected one of {', '.join(TABLES)}"
        )
    n = 0
    if fmt == "jsonl":
        if table == "actors":
            items: Iterator[dict[str, Any]] = (r.as_dict() for r in _pages(store.actors, name=None))
        else:
            items = (to_dict(a) for a in store.analyses())
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
        return n
    columns, records = _records(store, table)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(record)
        n += 1
    return n
