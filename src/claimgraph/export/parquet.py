"""Parquet: one file per table (documents, actors, places, times, claims, events).

The tables and their rows are those of :mod:`claimgraph.tables`, the same
flattening the Spark runner writes, so a folder exported here reads like the
Spark job's output (pyarrow, pandas, DuckDB, Spark). Rows are written in row
groups of a batch of documents at a time: memory holds one batch, not the store.
pyarrow is the optional extra ``parquet``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import tables as T
from ..errors import ClaimgraphError
from ..store import Store
from .common import BATCH, batches

TABLES = tuple(T.FLAT_TABLES)
MISSING = "the Parquet export needs pyarrow: pip install 'claimgraph[parquet]'"


def require_pyarrow() -> Any:
    """The pyarrow module, or a ClaimgraphError naming the extra."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ClaimgraphError(MISSING) from None
    return pyarrow


def arrow_schema(table: str) -> Any:
    """The pyarrow schema of one of :data:`TABLES`."""
    pa = require_pyarrow()
    scalars = {
        T.STRING: pa.string(),
        T.INT: pa.int32(),
        T.LONG: pa.int64(),
        T.DOUBLE: pa.float64(),
        T.BOOL: pa.bool_(),
    }

    def arrow(kind: T.Kind) -> Any:
        if isinstance(kind, T.Struct):
            return pa.struct([(name, arrow(k)) for name, k in kind.fields])
        if isinstance(kind, T.ListOf):
            return pa.list_(arrow(kind.item))
        return scalars[kind]

    return pa.schema([(name, arrow(kind)) for name, kind in T.FLAT_TABLES[table].fields])


def write_parquet(
    store: Store,
    directory: str | Path,
    tables: Sequence[str] | None = None,
    batch: int = BATCH,
) -> dict[str, int]:
    """Write ``tables`` (default: all) as ``DIRECTORY/<table>.parquet``; rows per table.

    Existing files of those names are replaced.
    """
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    wanted = list(tables or TABLES)
    unknown = [t for t in wanted if t not in TABLES]
    if unknown:
        raise ClaimgraphError(
            f"unknown parquet table {unknown[0]!r}; expected one of {', '.join(TABLES)}"
        )
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ClaimgraphError(
            f"{folder} is a file: parquet writes one file per table, give a folder"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClaimgraphError(f"cannot create {folder}: {exc.strerror or exc}") from None
    schemas = {t: arrow_schema(t) for t in wanted}
    counts = dict.fromkeys(wanted, 0)
    writers: dict[str, Any] = {}
    try:
        for t in wanted:
            writers[t] = pq.ParquetWriter(folder / f"{t}.parquet", schemas[t])
        ordinal = 0
        for analyses in batches(store.analyses(batch_size=batch), batch):
            rows: dict[str, list[dict[str, Any]]] = {t: [] for t in wanted}
            for analysis in analyses:
                flat = T.flat_rows(analysis, ordinal)
                ordinal += 1
                for t in wanted:
                    rows[t].extend(flat[t])
            for t in wanted:
                if rows[t]:
                    writers[t].write_table(pa.Table.from_pylist(rows[t], schema=schemas[t]))
                    counts[t] += len(rows[t])
    except OSError as exc:
        raise ClaimgraphError(f"cannot write {folder}: {exc.strerror or exc}") from None
    finally:
        for writer in writers.values():
            writer.close()
    return counts
