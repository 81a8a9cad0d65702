"""Analysis ↔ the Spark runner's rows, in plain Python (no pyspark needed here).

The conversion itself lives in :mod:`claimgraph.tables`, shared with the
Parquet export (one flattening for both); this module adds the kinds of the
job's raw rows.
"""

from __future__ import annotations

from ..errors import SkippedDocument
from ..tables import analysis_from_rows, analysis_row

__all__ = ["analysis_from_rows", "analysis_row", "skip_kind"]

# A row's kind in the job's raw output and in the ``skipped`` table.
ANALYSIS = "analysis"
SKIPPED = "skipped"  # a readable document not analyzed (empty, too long, not English)
ERROR = "error"  # an input that cannot be read (InputError)
RECORD = "record"  # a WARC record holding no article: counted by ingest, never stored


def skip_kind(item: SkippedDocument | Exception) -> str:
    from ..errors import InputError
    from ..inputs import SkippedRecord

    if isinstance(item, SkippedRecord):
        return RECORD
    return ERROR if isinstance(item, InputError) else SKIPPED
