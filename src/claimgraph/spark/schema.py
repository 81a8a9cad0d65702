"""Explicit Spark schemas of the runner's output (never inferred).

``ANALYSIS`` is one document with its records nested, in the field order of
:func:`claimgraph.spark.rows.analysis_row`; ``RAW`` is one outcome of the job
(an analysis or a skip) with its input ``ordinal``. The Parquet tables written
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


def _struct(*fields: tuple[str, DataType]) -> StructType:
    return StructType([StructField(name, kind, nullable=True) for name, kind in fields])


_S, _I = StringType(), IntegerType()
SPAN = _struct(("start", _I), ("end", _I))
BLOCK = _struct(("start", _I), ("end", _I), ("kind", _S))
ACTOR = _struct(
    ("id", _S),
    ("name", _S),
    ("type", _S),
    ("sector", _S),
    ("country", _S),
    ("aliases", ArrayType(_S)),
    ("mentions", ArrayType(SPAN)),
)
PLACE = _struct(
    ("id", _S),
    ("name", _S),
    ("lat", DoubleType()),
    ("lon", DoubleType()),
    ("country", _S),
    ("admin1", _S),
    ("geonames_id", LongType()),
    ("precision", _S),
    ("mentions", ArrayType(SPAN)),
)
TIME = _struct(("start", _I), ("end", _I), ("text", _S), ("type", _S), ("value", _S))
ATTRIBUTION = _struct(
    ("source_actor", _S),
    ("source_text", _S),
    ("source_start", _I),
    ("source_end", _I),
    ("cue", _S),
    ("cue_start", _I),
    ("cue_end", _I),
    ("anonymous", BooleanType()),
)
EVENT = _struct(
    ("type", _S),
    ("mode", _S),
    ("cameo", _S),
    ("trigger_start", _I),
    ("trigger_end", _I),
    ("source_actor", _S),
    ("target_actor", _S),
    ("place", _S),
    ("date_value", _S),
    ("date_precision", _S),
    ("date_start", _I),
    ("date_end", _I),
    ("realis", _S),
    ("confidence", DoubleType()),
)
CLAIM = _struct(
    ("id", _S),
    ("text", _S),
    ("start", _I),
    ("end", _I),
    ("sentence_start", _I),
    ("sentence_end", _I),
    ("certainty", _S),
    ("factuality", DoubleType()),
    ("attribution", ArrayType(ATTRIBUTION)),
    ("event", EVENT),
)
DOCUMENT_FIELDS = ("title", "url", "outlet", "published", "language", "author", "source", "text")
ANALYSIS = _struct(
    ("document_id", _S),
    *((name, _S) for name in DOCUMENT_FIELDS),
    ("blocks", ArrayType(BLOCK)),
    ("actors", ArrayType(ACTOR)),
    ("places", ArrayType(PLACE)),
    ("times", ArrayType(TIME)),
    ("claims", ArrayType(CLAIM)),
)
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
