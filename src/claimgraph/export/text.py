"""JSON Lines (the ``claimgraph/1`` contract) and CSV (one row per claim, document or actor).

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

from ..output import to_dict
from ..store import Store
from ..store.rows import ClaimRow
from .common import pages

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

_PAGE = 500  # claims per query: Store.iter_claims' own default page


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
        return DOCUMENT_COLUMNS, (r.as_dict() for r in pages(store.documents))
    records = (
        {**r.as_dict(), "aliases": "; ".join(r.aliases)} for r in pages(store.actors, name=None)
    )
    return ACTOR_COLUMNS, records


def write_jsonl(store: Store, out: TextIO, table: str = "claims") -> int:
    """One JSON object per line: whole ``claimgraph/1`` documents ("claims" or
    "documents"), or one aggregated actor per line ("actors")."""
    if table == "actors":
        items: Iterator[dict[str, Any]] = (r.as_dict() for r in pages(store.actors, name=None))
    else:
        items = (to_dict(a) for a in store.analyses())
    n = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(store: Store, out: TextIO, table: str = "claims") -> int:
    """A header and one row per record of ``table``."""
    columns, records = _records(store, table)
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for record in records:
        writer.writerow(record)
        n += 1
    return n
