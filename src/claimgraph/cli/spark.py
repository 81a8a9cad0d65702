"""``claimgraph spark`` and ``claimgraph spark-load``: the Apache Spark runner (extra ``spark``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ..errors import ClaimgraphError
from ..options import DEFAULT_MAX_CHARS, DEFAULT_MODEL, Options
from .common import DbOption, DictOption, MaxCharsOption, ModelOption, _fail, err

MasterOption = Annotated[
    str,
    typer.Option(
        "--master",
        help="Spark master: local[N] on this machine, spark://host:7077, yarn, k8s://...",
    ),
]


@contextmanager
def _session(master: str) -> Iterator:
    """A Spark session for one command, stopped after it unless it was already
    running in this process (a notebook's or a test's session is left alone)."""
    from ..spark import require_pyspark

    require_pyspark()
    from pyspark.sql import SparkSession

    from ..spark.job import session

    existing = SparkSession.getActiveSession()
    try:
        spark = existing or session(master)
    except Exception as exc:  # no Java, a master that cannot be reached
        raise ClaimgraphError(f"cannot start Spark on {master}: {exc}") from exc
    try:
        yield spark
    finally:
        if existing is None:
            spark.stop()


def spark(
    inputs: Annotated[
        list[str],
        typer.Option(
            "--input",
            "-i",
            help="File, folder or quoted glob ('data/*.warc.gz'); repeatable. On a cluster, "
            "a path every executor can read.",
        ),
    ],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Folder (or URI) for the Parquet tables.")
    ],
    master: MasterOption = "local[2]",
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", min=1, help="Spark partitions (default: 4 per core)."),
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
    dictionary: DictOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
) -> None:
    """Analyze articles with Apache Spark into Parquet tables (documents, actors,
    places, times, claims, events, skipped); load them with spark-load."""
    options = Options(
        model=model,
        dictionaries=tuple(str(p) for p in dictionary or ()),
        max_chars=max_chars,
    )
    try:
        with _session(master) as session:
            from ..spark.job import run

            result = run(session, inputs, output, options, partitions)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(result.by_kind.items()))
    err.print(
        f"{result.files} files, {result.partitions} partitions (shipped {result.shipped}): "
        f"{kinds or 'nothing read'}; {result.documents} documents written to {escape(output)}"
    )


def spark_load(
    input_dir: Annotated[
        str, typer.Option("--input", "-i", help="Folder (or URI) written by claimgraph spark.")
    ],
    db: DbOption = "claimgraph.db",
    master: MasterOption = "local[1]",
) -> None:
    """Load the Parquet tables of claimgraph spark into the store (idempotent;
    corroboration links run as documents are added)."""
    from ..store import Store

    if "://" not in input_dir and not Path(input_dir, "documents").exists():
        raise _fail(ClaimgraphError(f"{input_dir}: no documents table (run claimgraph spark)"))
    try:
        with _session(master) as session, Store(db) as store:
            from ..spark.load import load

            result = load(session, input_dir, store)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    err.print(
        f"{result.added} added, {result.already_stored} already stored, "
        f"{result.skipped} skips recorded, {result.records} WARC records without an article"
    )
