"""The Spark job: inputs → analyses in executors → Parquet tables; and Parquet → store.

The driver only lists the inputs (globs and folders expanded as
:func:`claimgraph.inputs.read` expands them) and ships *paths*; each partition
reads its files with ``read``, checks and analyzes them with
:func:`claimgraph.pipeline.analyze_many` and yields one row per outcome.
The spaCy pipeline loads once per Python worker (``nlp.pipeline`` is a
per-process cache and Spark reuses its Python workers), not once per task.
When there are fewer files than partitions (one big WARC or JSONL), the driver
reads the documents instead and ships them, so the work still spreads.

Every outcome carries an ``ordinal`` (file index × 2³² + index in the file):
the input order, which decides which copy of a repeated text is kept (the
first, as ``claimgraph ingest`` keeps it) and the order :func:`load` adds
documents in (corroboration links depend on it).
"""

from __future__ import annotations

import glob
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pyspark import StorageLevel
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from ..errors import InputError, SkippedDocument
from ..inputs import read
from ..inputs.read import _GLOB_CHARS, STDIN, _walk, _wanted
from ..options import Options
from ..pipeline import analyze_many, check_document
from ..records import Analysis, Document
from . import rows as R
from .schema import RAW, TABLES, tables

# Ordinal = file index << 32 | index of the outcome in that file: 2³² outcomes
# per file is more than any WARC holds (a CC-NEWS file has ~30,000 records).
_FILE_SHIFT = 32
# Partitions per core when shipping paths: several tasks per core even out
# files of unequal size, and cost little as each Python worker keeps its model
# (the tables are then written from ``cores`` partitions: see ``run``).
_TASKS_PER_CORE = 4
# The local JVM only moves rows from the Python workers into Parquet; most of
# its CPU in a job was the C2 JIT compiler (4-5 of 8-11 CPU s for 400 articles,
# per-thread CPU from /proc), compiling Spark's planner, task serialization
# and Parquet code anew each run, while the Python workers needed both cores.
# C1 alone compiles for a fraction of that, and the task threads' CPU did not
# grow (2.9 s both ways): measured with bench_spark.py's job, issue 7.
_LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"


def session(
    master: str = "local[2]", *, app_name: str = "claimgraph", config: dict[str, str] | None = None
) -> SparkSession:
    """A Spark session on ``master`` (``local[N]`` or ``spark://host:port``, ``yarn``...).

    In local mode the Python workers run this interpreter, the driver binds
    to the loopback address unless the environment says otherwise, and the JVM
    compiles with C1 only (:data:`_LOCAL_JVM_OPTIONS`); on a cluster all of it
    is the cluster's business, so no local path or flag is baked in. ``config``
    overrides any of these. JVM options apply only if this call starts the JVM
    (pyspark keeps one JVM per Python process).
    """
    settings = {
        # The model loads once per Python worker only if workers are reused.
        "spark.python.worker.reuse": "true",
    }
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings["spark.driver.extraJavaOptions"] = _LOCAL_JVM_OPTIONS
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in (settings | (config or {})).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


# -- listing inputs on the driver ----------------------------------------------


@dataclass(slots=True)
class Inputs:
    files: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def list_inputs(paths: Iterable[str | Path]) -> Inputs:
    """The files :func:`read` would read from ``paths``, in its order, and the
    inputs it would report as errors (with its own messages)."""
    found = Inputs()
    for item in paths:
        text = str(item)
        path = Path(text)
        if text == STDIN:
            found.errors.append(InputError(STDIN, "stdin cannot be distributed; give files"))
        elif path.is_dir():
            _add_folder(found, path)
        elif not path.exists() and _GLOB_CHARS & set(text):
            before = len(found.files)
            for match in map(Path, sorted(glob.glob(text, recursive=True))):
                if match.is_dir():
                    _add_folder(found, match)
                elif _wanted(match):
                    found.files.append(str(match))
            if len(found.files) == before:  # read() says why (no match, no supported file)
                found.errors.extend(e for e in read([text]) if isinstance(e, InputError))
        elif path.is_file() and _wanted(path):
            found.files.append(text)
        else:  # missing or unsupported: read() yields the error without reading anything
            found.errors.extend(e for e in read([text]) if isinstance(e, InputError))
    return found


def _add_folder(found: Inputs, folder: Path) -> None:
    unreadable: list[OSError] = []
    found.files.extend(str(p) for p in _walk(folder, True, unreadable))
    for exc in unreadable:
        found.errors.append(
            InputError(exc.filename or str(folder), f"cannot read: {exc.strerror or exc}")
        )


# -- in the executors ------------------------------------------------------------

_Item = Document | InputError | SkippedDocument


def _skip_row(ordinal: int, item: InputError | SkippedDocument) -> tuple:
    return (ordinal, R.skip_kind(item), None, (item.source, item.reason))


def _outcomes(options: Options, items: Iterable[tuple[int, _Item]]) -> Iterator[tuple]:
    """Rows (schema RAW) for numbered inputs: documents analyzed, the rest reported.

    Documents are checked here rather than inside ``analyze_many``, so that
    every analysis it yields belongs to the next accepted document in order
    (its only other output, a failed analysis, also takes that document's
    place): that is how each result gets its ordinal back.
    """
    accepted: deque[int] = deque()
    skips: list[tuple] = []

    def documents() -> Iterator[Document]:
        for ordinal, item in items:
            if not isinstance(item, Document):
                skips.append(_skip_row(ordinal, item))
                continue
            try:
                check_document(item, options)
            except SkippedDocument as skip:
                skips.append(_skip_row(ordinal, skip))
                continue
            accepted.append(ordinal)
            yield item

    for result in analyze_many(documents(), options):
        yield from skips
        skips.clear()
        ordinal = accepted.popleft()
        if isinstance(result, Analysis):
            yield (ordinal, R.ANALYSIS, R.analysis_row(result), None)
        else:
            yield _skip_row(ordinal, result)
    yield from skips


def _read_files(indexed: Iterable[tuple[int, str]]) -> Iterator[tuple[int, _Item]]:
    for index, path in indexed:
        for number, item in enumerate(read([path])):
            yield (index << _FILE_SHIFT) + number, item


def _analyze_files(options: Options, indexed: Iterator[tuple[int, str]]) -> Iterator[tuple]:
    return _outcomes(options, _read_files(indexed))


def _analyze_documents(options: Options, items: Iterator[tuple[int, _Item]]) -> Iterator[tuple]:
    return _outcomes(options, items)


# -- the job ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SparkRunResult:
    files: int
    partitions: int
    shipped: str  # "paths" or "documents"
    documents: int  # distinct documents written
    by_kind: dict[str, int]  # outcomes per kind (analysis, skipped, error, record)


def run(
    spark: SparkSession,
    inputs: Iterable[str | Path],
    output: str,
    options: Options = Options(),
    partitions: int | None = None,
) -> SparkRunResult:
    """Analyze ``inputs`` on ``spark`` and write the Parquet tables under ``output``
    (a folder or a URI such as ``hdfs://...``; existing tables are replaced)."""
    listed = list_inputs(inputs)
    context = spark.sparkContext
    cores = max(1, context.defaultParallelism)
    errors = [_skip_row(-1, e) for e in listed.errors]
    indexed = list(enumerate(listed.files))
    if len(indexed) >= cores:
        slices = partitions or min(len(indexed), cores * _TASKS_PER_CORE)
        shipped = "paths"
        rdd = context.parallelize(indexed, slices).mapPartitions(
            partial(_analyze_files, options), preservesPartitioning=False
        )
    else:
        # Few files (one big archive): read here, ship the documents. What is
        # not a document becomes its row here: exceptions with two-argument
        # constructors do not survive pickling.
        items: list[tuple[int, Document]] = []
        for ordinal, item in _read_files(indexed):
            if isinstance(item, Document):
                items.append((ordinal, item))
            else:
                errors.append(_skip_row(ordinal, item))
        slices = partitions or max(1, min(len(items), cores * _TASKS_PER_CORE))
        shipped = "documents"
        rdd = context.parallelize(items, slices).mapPartitions(partial(_analyze_documents, options))
    if errors:
        rdd = rdd.union(context.parallelize(errors, 1))
    # Cached: the analysis runs once, however many tables are written from it.
    raw = spark.createDataFrame(rdd, RAW).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # The first query over ``raw`` runs the analysis, in ``slices`` tasks:
        # it must not be a coalesced one, or the tasks would be ``cores``.
        summary = _summary(spark, raw, cores)
        # Written from ``cores`` partitions: the writes are a few cheap tasks
        # each (once per table), and each table gets ``cores`` files.
        raw = raw.coalesce(cores)
        out = tables(raw, _first_copies(raw, summary.repeated))
        base = output.rstrip("/")
        for name in TABLES:
            out[name].write.mode("overwrite").parquet(f"{base}/{name}")
    finally:
        raw.unpersist()
    return SparkRunResult(len(indexed), slices, shipped, summary.documents, summary.by_kind)


@dataclass(frozen=True, slots=True)
class _Summary:
    by_kind: dict[str, int]  # outcomes per kind
    documents: int  # distinct document ids among the analyses
    repeated: dict[str, int]  # document id → ordinal of its first copy, for ids seen twice


def _summary(spark: SparkSession, raw: DataFrame, cores: int) -> _Summary:
    """Counts per kind, and the first copy of every text analyzed more than once.

    One query of two small aggregations (a key and two numbers per document,
    then a row per kind) instead of a window over whole analyses: only the
    repeated ids come back to the driver, so a corpus of millions of
    documents does not, and no analysis row is shuffled.
    """
    document = F.col("analysis.document_id")
    per_text = raw.groupBy("kind", document.alias("document_id")).agg(
        F.min("ordinal").alias("first"), F.count(F.lit(1)).alias("copies")
    )
    # The skips of a kind share one group with a null id: not a repeated text
    # (and a null in isin() would make the filter null for every other id).
    repeated = F.when(
        (F.col("copies") > 1) & F.col("document_id").isNotNull(),
        F.struct("document_id", "first"),
    )
    per_kind = per_text.groupBy("kind").agg(
        F.sum("copies").alias("outcomes"),
        F.count("document_id").alias("documents"),  # count() skips the skips' null id
        F.collect_list(repeated).alias("repeated"),  # collect_list() skips nulls
    )
    # Small data: a shuffle partition per core, not Spark's default 200.
    before = spark.conf.get("spark.sql.shuffle.partitions")
    spark.conf.set("spark.sql.shuffle.partitions", str(cores))
    try:
        rows = per_kind.collect()
    finally:
        spark.conf.set("spark.sql.shuffle.partitions", before)
    return _Summary(
        by_kind={r["kind"]: r["outcomes"] for r in rows},
        documents=sum(r["documents"] for r in rows),
        repeated={x["document_id"]: x["first"] for r in rows for x in r["repeated"]},
    )


def _first_copies(raw: DataFrame, repeated: dict[str, int]) -> DataFrame:
    """Analyses, one per document id: the first in input order, as ingest keeps it."""
    analyses = raw.where(F.col("analysis").isNotNull())
    if not repeated:
        return analyses
    # Ordinals are unique, so a repeated id keeps exactly its first copy.
    return analyses.where(
        ~F.col("analysis.document_id").isin(list(repeated))
        | F.col("ordinal").isin(list(repeated.values()))
    )
