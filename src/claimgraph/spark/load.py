"""Parquet tables written by :func:`claimgraph.spark.job.run` → Analysis records → the store.

Read with Spark itself (pyspark does not bring pyarrow), so the tables may sit
wherever the job wrote them (a folder, ``hdfs://``, ``s3a://``). Each
document's records are gathered with one ``collect_list`` per table and the
documents stream to the driver in input order (``toLocalIterator``: one
partition in memory at a time), into :meth:`Store.add_many`, which links
corroboration as it adds: the same order ``claimgraph ingest`` adds them in.
Loading twice adds nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from ..errors import SkippedDocument
from ..records import Analysis
from . import rows as R

_CHILD_TABLES = ("actors", "places", "times", "claims", "events")


@dataclass(frozen=True, slots=True)
class LoadResult:
    added: int
    already_stored: int
    skipped: int  # skips and unreadable inputs recorded in the store
    records: int  # WARC records without an article (counted, not stored)
    linked: int  # earlier documents linked by Store.link() afterwards


def _table(spark: SparkSession, base: str, name: str) -> DataFrame:
    return spark.read.parquet(f"{base}/{name}")


def _grouped(table: DataFrame, name: str) -> DataFrame:
    fields = [c for c in table.columns if c != "document_id"]
    return table.groupBy("document_id").agg(F.collect_list(F.struct(*fields)).alias(name))


def analyses(spark: SparkSession, directory: str) -> Iterator[Analysis]:
    """Every analysis in the tables under ``directory``, in input order."""
    base = directory.rstrip("/")
    joined = _table(spark, base, "documents")
    for name in _CHILD_TABLES:
        joined = joined.join(_grouped(_table(spark, base, name), name), "document_id", "left")
    for row in joined.orderBy("ordinal").toLocalIterator():
        yield R.analysis_from_rows(row, *(row[name] for name in _CHILD_TABLES))


def skips(spark: SparkSession, directory: str) -> tuple[list[SkippedDocument], int]:
    """The skips and input errors to record, and how many WARC records held no article."""
    table = _table(spark, directory.rstrip("/"), "skipped").orderBy("ordinal")
    recorded: list[SkippedDocument] = []
    records = 0
    for row in table.toLocalIterator():
        if row["kind"] == R.RECORD:
            records += 1
        else:
            recorded.append(SkippedDocument(row["source"], row["reason"]))
    return recorded, records


def load(spark: SparkSession, directory: str, store, batch_size: int = 100) -> LoadResult:
    """Add the analyses under ``directory`` to ``store`` (idempotent), as ingest would."""
    recorded, records = skips(spark, directory)
    result = store.add_many(chain(recorded, analyses(spark, directory)), batch_size=batch_size)
    linked = store.link()
    return LoadResult(result.added, result.duplicates, result.skipped, records, linked)
