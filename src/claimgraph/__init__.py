"""claimgraph: news reports → an auditable evidence graph of claims.

The public API is a handful of verbs::

    import claimgraph

    analysis = claimgraph.analyze(text, published="2026-03-03")
    with claimgraph.Store("news.db") as store:
        claimgraph.ingest(["articles/"], store)
        rows = claimgraph.search(store, "strike")
        claimgraph.export(store, "jsonl", open("out.jsonl", "w"))
"""

from __future__ import annotations

from .errors import ClaimgraphError
from .export import export
from .options import Options
from .pipeline import analyze
from .run import ingest
from .store import Store

__all__ = ["ClaimgraphError", "Options", "Store", "analyze", "export", "ingest", "search"]
__version__ = "0.1.0"


def search(store: Store, query: str, limit: int = 20):
    """Full-text search over the claims of a store, best match first."""
    return store.search(query, limit=limit)
