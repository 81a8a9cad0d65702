"""The Apache Spark runner (extra ``spark``): analyze a corpus on a cluster into
Parquet tables, and load those tables into a store.

pyspark is imported only here, behind :func:`require_pyspark`, so the rest of
claimgraph never needs it. ``job`` runs the analysis, ``load`` fills a store,
``schema`` holds the tables' explicit Spark schemas, ``rows`` converts
Analysis records to and from their rows.
"""

from __future__ import annotations

from ..errors import ClaimgraphError

MISSING = "the Spark runner needs pyspark (and Java 17+): pip install 'claimgraph[spark]'"


def require_pyspark() -> None:
    """Raise a ClaimgraphError naming the extra when pyspark is not installed."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise ClaimgraphError(MISSING) from None
