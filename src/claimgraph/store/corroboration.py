"""Corroboration in the store: families, event clusters, statements, contradictions.

:func:`link_document` places one stored document in the corpus, in the
transaction that adds it, touching only its candidates:

1. its **syndication family**: candidates share an LSH band key
   (``document_bands``, indexed), each verified exactly on shingles (here);
2. each clusterable **event** joins the best-matching event cluster among
   stored events of the same type whose day window overlaps and that share an
   actor key or a place cell (``event_keys``, schema version 6), or founds one
   (:mod:`claimgraph.store.event_linking`);
3. each **claim** joins a statement cluster, or founds one, and is checked
   for contradictions against claims sharing a named anchor word within a
   news-cycle window (``claim_anchors``, indexed on term and day;
   :mod:`claimgraph.store.statement_linking`).

Clusters and families never merge and are never recomputed, so adding 100
articles to a store of 10,000 costs the 100 and their candidates
(``bench/bench_clusters.py``). The price is order dependence: an event that
would bridge two clusters joins the better one. Independent sources are
counted as distinct families of a cluster's links; ``event_summaries`` keeps
those counts per cluster, updated by what a document adds to the clusters it
joins (here) and recomputed from the links of those it leaves
(``Store.delete``), so a deleted document leaves counts right.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, insert, select

from ..ids import child_id
from ..records import Analysis
from . import clusters
from . import schema as s
from .contradictions import MAX_CONTRADICTIONS_PER_CLAIM
from .convert import insert_table
from .event_linking import event_words
from .event_linking import link_events as _link_events
from .statement_linking import MAX_STATEMENT_CANDIDATES
from .statement_linking import link_claims as _link_claims

__all__ = [
    "MAX_CONTRADICTIONS_PER_CLAIM",
    "MAX_STATEMENT_CANDIDATES",
    "event_words",
    "link_document",
]


def _syndication() -> Any:
    # Imported on first use: reading a store never needs the MinHash code.
    from ..resolve import syndication

    return syndication


def link_document(conn: Connection, analysis: Analysis) -> None:
    """Family, event clusters, statements and contradictions of one stored document."""
    family_id = _link_family(conn, analysis)
    joined = _link_events(conn, analysis, family_id)
    document = analysis.document
    clusters.add_to_summaries(conn, document.id, family_id, document.published, joined)
    _link_claims(conn, analysis, family_id)


# ------------------------------------------------------------------ families


# Statements built once, executed with parameters: SQLAlchemy then skips
# constructing and cache-keying the statement per call, which was most of the
# linking's Python time (profile in docs/performance.md, "Where the ingest
# process spends its CPU"). Lists go through expanding parameters.
_b, _f = s.document_bands, s.document_families
_FAMILY_CANDIDATES = select(_f.c.document_id, _f.c.family_id, _f.c.shingles).where(
    _f.c.document_id.in_(
        select(_b.c.document_id)
        .where(_b.c.bucket.in_(bindparam("keys", expanding=True)))
        .distinct()
    )
)
_INSERT_FAMILY = insert(_f)


def _link_family(conn: Connection, analysis: Analysis) -> str:
    syn = _syndication()
    document = analysis.document
    hashes = syn.shingles(document)
    keys = syn.band_keys(hashes, syn.DEFAULT_THRESHOLDS.lsh)
    best: tuple[float, str, str] | None = None
    if keys:
        for row in conn.execute(_FAMILY_CANDIDATES, {"keys": list(keys)}).all():
            other = np.frombuffer(row.shingles, dtype=np.uint32)
            score = syn.is_copy(hashes, other)
            if score is not None and (best is None or (score, row.document_id) > best[:2]):
                best = (score, row.document_id, row.family_id)
    family_id = best[2] if best else child_id(document.id, "fam")
    published, credited, _ = syn.original_key(document)
    conn.execute(
        _INSERT_FAMILY,
        {
            "document_id": document.id,
            "family_id": family_id,
            "sort_key": f"{published}|{int(credited)}",
            "shingles": hashes.astype(np.uint32).tobytes(),
        },
    )
    if keys:
        # insert_table: the driver's executemany on positional tuples, without
        # SQLAlchemy's per-row parameter processing (≈ 10 µs a row; this and
        # the link tables below are ≈ 200 rows an article).
        insert_table(conn, _b, [{"document_id": document.id, "bucket": key} for key in keys])
    return family_id
