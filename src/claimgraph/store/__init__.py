"""The claimgraph store: analyses in a SQL database, queried as claims.

>>> from claimgraph.store import Store      # doctest: +SKIP
>>> with Store("claims.db") as store:
...     store.add_many(claimgraph.pipeline.analyze_many(documents))
...     rows = store.claims(actor="Putin", date_from="2025-02")
"""

from __future__ import annotations

from .core import Store
from .migrations import SCHEMA_VERSION
from .rows import ActorRow, AddResult, ClaimRow, DocumentRow, EventSummary, SourceLink, Stats

__all__ = [
    "SCHEMA_VERSION",
    "ActorRow",
    "AddResult",
    "ClaimRow",
    "DocumentRow",
    "EventSummary",
    "SourceLink",
    "Stats",
    "Store",
]
