"""Export a store: JSON Lines, CSV, Parquet, PLOVER JSON, GDELT-style TSV, GraphML.

One module per format; :func:`export` writes the text formats to a stream,
:func:`export_parquet` writes a folder of Parquet files. docs/exports.md
describes every format's fields.

==========  ==========================================  =====================
format      what                                        ``table``
==========  ==========================================  =====================
jsonl       ``claimgraph/1`` documents, one per line    claims (default),
                                                        documents, actors
csv         one row per claim, document or actor        claims (default),
                                                        documents, actors
parquet     one file per table, in a folder             all (default) or one
                                                        of PARQUET_TABLES
plover      PLOVER JSON, one record per event           (none)
gdelt       GDELT-style TSV, one row per event          (none)
graphml     the actor network                           (none)
==========  ==========================================  =====================
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..errors import ClaimgraphError
from ..store import Store
from .gdelt import write_gdelt
from .graphml import write_graphml
from .parquet import TABLES as PARQUET_TABLES
from .parquet import write_parquet
from .plover import write_plover
from .text import (
    ACTOR_COLUMNS,
    CLAIM_COLUMNS,
    DOCUMENT_COLUMNS,
    claim_record,
    write_csv,
    write_jsonl,
)
from .text import TABLES as TEXT_TABLES

__all__ = [
    "ACTOR_COLUMNS",
    "CLAIM_COLUMNS",
    "DOCUMENT_COLUMNS",
    "FORMATS",
    "PARQUET_TABLES",
    "TABLES",
    "check",
    "claim_record",
    "export",
    "export_parquet",
]

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt", "graphml")
TABLES = TEXT_TABLES  # the tables of jsonl and csv
_TABLES = {"jsonl": TEXT_TABLES, "csv": TEXT_TABLES, "parquet": PARQUET_TABLES}
_EVENT_WRITERS = {"plover": write_plover, "gdelt": write_gdelt, "graphml": write_graphml}


def check(fmt: str, table: str | None = None) -> None:
    """Raise a ClaimgraphError unless ``fmt`` is a format and ``table`` one of its tables."""
    if fmt not in FORMATS:
        raise ClaimgraphError(
            f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}"
        )
    if table is None:
        return
    if fmt not in _TABLES:
        what = "the actor network" if fmt == "graphml" else "every event"
        raise ClaimgraphError(
            f"{fmt} exports {what} and takes no table; tables apply to jsonl, csv and parquet"
        )
    if table not in _TABLES[fmt]:
        raise ClaimgraphError(
            f"unknown export table {table!r} for {fmt}; expected one of {', '.join(_TABLES[fmt])}"
        )


def export(store: Store, fmt: str, out: TextIO, table: str | None = None) -> int:
    """Write the store to the text stream ``out`` in ``fmt``; returns the records written.

    ``table`` picks what jsonl and csv write (default "claims"). Records are:
    documents (jsonl claims/documents), rows (csv), events (plover, gdelt) or
    edges (graphml). Parquet writes a folder: :func:`export_parquet`.
    """
    check(fmt, table)
    if fmt == "parquet":
        raise ClaimgraphError(
            "parquet writes one file per table into a folder, not to a stream: "
            "use export_parquet(store, folder) (CLI: --out DIR)"
        )
    if fmt == "jsonl":
        return write_jsonl(store, out, table or "claims")
    if fmt == "csv":
        return write_csv(store, out, table or "claims")
    return _EVENT_WRITERS[fmt](store, out)


def export_parquet(store: Store, directory: str | Path, table: str | None = None) -> dict[str, int]:
    """Write ``DIRECTORY/<table>.parquet`` for every table (or only ``table``); rows per table."""
    check("parquet", table)
    return write_parquet(store, directory, None if table is None else [table])
