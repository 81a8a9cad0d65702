"""Explicit Spark schemas of the runner's output (never inferred).

The fields are declared in :mod:`claimgraph.tables` (shared with the Parquet
export) and turned into Spark types here. ``ANALYSIS`` is one document with
its records nested, in the field order of :func:`claimgraph.tables.analysis_row`;
``RAW`` is one outcome of the job (an analysis or a skip) with its input
``ordinal``. The Parquet tables written
under the output folder are flat selections of it (see :func:`tables`):

- ``documents``: ordinal, document_id, the document fields, blocks (array of
  start/end/kind structs);
- ``actors``, ``places``, ``times``, ``claims``: one row per record with
  ``document_id`` and ``position`` (its index in the document's list); spans as
  ``start``/``end`` ints, mentions as arrays of start/end structs;
  ``claims.attribution`` is the chain (outermost first) as an array of structs;
- ``events``: one row per claim that has an event, keyed by ``document_id`` and
  ``claim_id``;
- ``skipped``: ordinal, kind (skipped | error | record), source, reason.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

from .. import tables as T


def _spark(kind: T.Kind) -> DataType:
    if isinstance(kind, T.Struct):
        return StructType([StructField(n, _spark(k), nullable=True) for n, k in kind.fields])
    if isinstance(kind, T.ListOf):
        return ArrayType(_spark(kind.item))
    return _SCALARS[kind]


_SCALARS: dict[str, DataType] = {
    T.STRING: StringType(),
    T.INT: IntegerType(),
    T.LONG: LongType(),
    T.DOUBLE: DoubleType(),
    T.BOOL: BooleanType(),
}


def _struct(*fields: tuple[str, DataType]) -> StructType:
    return StructType([StructField(name, kind, nullable=True) for name, kind in fields])


# The columns are declared once, in claimgraph.tables (shared with the Parquet export).
SPAN, BLOCK, ACTOR, PLACE, TIME = map(_spark, (T.SPAN, T.BLOCK, T.ACTOR, T.PLACE, T.TIME))
ATTRIBUTION, EVENT, CLAIM = map(_spark, (T.ATTRIBUTION, T.EVENT, T.CLAIM))
ANALYSIS = _spark(T.ANALYSIS)
DOCUMENT_FIELDS = T.DOCUMENT_FIELDS
_S = StringType()
SKIP = _struct(("source", _S), ("reason", _S))
RAW = StructType(
    [
        StructField("ordinal", LongType(), nullable=False),
        StructField("kind", _S, nullable=False),
        StructField("analysis", ANALYSIS, nullable=True),
        StructField("skip", SKIP, nullable=True),
    ]
)

TABLES = ("documents", "actors", "places", "times", "claims", "events", "skipped")
_CHILDREN = {"actors": ACTOR, "places": PLACE, "times": TIME}


def _exploded(analyses: DataFrame, column: str) -> DataFrame:
    return analyses.select(
        F.col("analysis.document_id").alias("document_id"),
        F.posexplode(f"analysis.{column}").alias("position", "item"),
    )


def _fields(prefix: str, struct: StructType, skip: tuple[str, ...] = ()) -> list[Column]:
    return [F.col(f"{prefix}.{f.name}").alias(f.name) for f in struct.fields if f.name not in skip]


def tables(raw: DataFrame, analyses: DataFrame) -> dict[str, DataFrame]:
    """The flat output tables: ``analyses`` (rows of schema RAW holding one
    analysis per document) and the skips among ``raw`` (all rows)."""
    out = {
        "documents": analyses.select(
            "ordinal",
            F.col("analysis.document_id").alias("document_id"),
            *(F.col(f"analysis.{name}").alias(name) for name in DOCUMENT_FIELDS),
            F.col("analysis.blocks").alias("blocks"),
        ),
        **{
            name: _exploded(analyses, name).select(
                "document_id", "position", *_fields("item", struct)
            )
            for name, struct in _CHILDREN.items()
        },
    }
    claims = _exploded(analyses, "claims")
    out["claims"] = claims.select("document_id", "position", *_fields("item", CLAIM, ("event",)))
    out["events"] = claims.where(F.col("item.event").isNotNull()).select(
        "document_id",
        F.col("item.id").alias("claim_id"),
        *_fields("item.event", EVENT),
    )
    out["skipped"] = raw.where(F.col("skip").isNotNull()).select(
        "ordinal",
        "kind",
        F.col("skip.source").alias("source"),
        F.col("skip.reason").alias("reason"),
    )
    return out
