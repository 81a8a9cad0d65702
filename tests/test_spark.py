"""The Spark runner equals the local runner: same analyses, same skips, same store.

One Spark session (local[2]) for the module; the articles are fictional and
written here. Skipped without pyspark or Java, except in CI (CI=true), where
the runner must be tested.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"the Spark tests must run in CI, but {reason}")
    pytest.skip(f"Spark runner tests skipped: {reason}", allow_module_level=True)


if importlib.util.find_spec("pyspark") is None:
    _unavailable("pyspark is not installed (pip install -e '.[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    _unavailable("no Java runtime (Spark needs Java 17+ on PATH or JAVA_HOME)")

from claimgraph.cli.main import app  # noqa: E402
from claimgraph.errors import InputError, SkippedDocument  # noqa: E402
from claimgraph.inputs import read  # noqa: E402
from claimgraph.output import to_dict  # noqa: E402
from claimgraph.pipeline import analyze_many  # noqa: E402
from claimgraph.records import Analysis, Document  # noqa: E402
from claimgraph.store import Store  # noqa: E402

ARTICLES = {
    "floods.txt": (
        "Floods close roads in Varnholt\n\n"
        "Officials in the town of Varnholt said on Monday that floods had closed three "
        "roads. Mayor Edda Lind said the council would meet on Friday to discuss repairs. "
        '"We will rebuild," she told reporters.'
    ),
    "harbour.txt": (
        "Strike at the Korrin harbour\n\n"
        "Dock workers in Korrin walked off the job on Tuesday, union leader Pavel Orsk said. "
        "The port authority denied that any ships had been delayed."
    ),
    "talks/ceasefire.txt": (
        "Talks in Dalmora\n\n"
        "Negotiators from Estmark and Valdoria met in Dalmora on Thursday, according to a "
        "statement from the Estmark foreign ministry. Both sides may sign a ceasefire next "
        "week, a diplomat who asked not to be named said."
    ),
    # The same text as floods.txt: ingest keeps the first copy only.
    "zz_copy.txt": (
        "Floods close roads in Varnholt\n\n"
        "Officials in the town of Varnholt said on Monday that floods had closed three "
        "roads. Mayor Edda Lind said the council would meet on Friday to discuss repairs. "
        '"We will rebuild," she told reporters.'
    ),
    "empty.txt": "",
}
FEED = [
    {
        "text": "The ministry of Eldoria announced new tariffs on steel on Wednesday. Trade "
        "minister Ana Vell said the tariffs might be lifted next year.",
        "title": "Eldoria tariffs",
        "outlet": "The Eldoria Ledger",
        "published": "2025-03-05",
    },
    {
        "text": "Police arrested two protesters outside the parliament in Eldoria on Saturday, "
        "witnesses said. The protesters were released the next day.",
        "title": "Arrests in Eldoria",
        "published": "2025-03-08",
    },
    {"text": "   "},
]

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("spark_corpus")
    for name, text in ARTICLES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    lines = "".join(json.dumps(item) + "\n" for item in FEED)
    (folder / "wire.jsonl").write_text(lines, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def spark():
    from claimgraph.spark.job import session

    spark = session(
        "local[2]",
        app_name="claimgraph-tests",
        config={
            "spark.ui.enabled": "false",
            "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": "2",
        },
    )
    yield spark
    spark.stop()


def _local(paths: list[str]) -> tuple[list[dict], set[tuple[str, str]]]:
    """The local runner's analyses (first copy of each text) and skips."""
    documents: list[Document] = []
    skips: set[tuple[str, str]] = set()
    for item in read(paths):
        if isinstance(item, InputError | SkippedDocument):
            skips.add((item.source, item.reason))
        else:
            documents.append(item)
    analyses: dict[str, dict] = {}
    for item in analyze_many(documents):
        if isinstance(item, Analysis):
            analyses.setdefault(item.document.id, to_dict(item))
        else:
            skips.add((item.source, item.reason))
    return sorted(analyses.values(), key=lambda d: d["id"]), skips


def _from_parquet(spark, out: Path) -> tuple[list[dict], set[tuple[str, str]]]:
    from claimgraph.spark.load import analyses, skips

    found = sorted((to_dict(a) for a in analyses(spark, str(out))), key=lambda d: d["id"])
    recorded, _ = skips(spark, str(out))
    return found, {(s.source, s.reason) for s in recorded}


@pytest.fixture(scope="module")
def spark_output(spark, corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spark_out") / "tables"
    result = runner.invoke(
        app,
        ["spark", "--input", f"{corpus}/*", "--output", str(out), "--master", "local[2]"],
    )
    assert result.exit_code == 0, result.output
    return out


def test_spark_tables_equal_local_runner(spark, corpus, spark_output):
    tables = sorted(p.name for p in spark_output.iterdir())
    assert tables == sorted(
        ["documents", "actors", "places", "times", "claims", "events", "skipped"]
    )
    expected, expected_skips = _local([f"{corpus}/*"])
    found, found_skips = _from_parquet(spark, spark_output)
    assert len(found) == 5  # six articles, one of them twice; the blank ones skipped
    assert found == expected
    assert found_skips == expected_skips
    assert any(c["event"] for d in found for c in d["claims"])  # the events table is exercised
    assert any(c["attribution"] for d in found for c in d["claims"])


def test_spark_flat_tables_have_document_ids_and_spans(spark, spark_output):
    claims = spark.read.parquet(str(spark_output / "claims"))
    assert {"document_id", "position", "start", "end", "attribution"} <= set(claims.columns)
    events = spark.read.parquet(str(spark_output / "events"))
    assert {"document_id", "claim_id", "trigger_start", "trigger_end", "date_value"} <= set(
        events.columns
    )
    documents = spark.read.parquet(str(spark_output / "documents"))
    assert documents.count() == documents.select("document_id").distinct().count()


def test_one_big_file_ships_documents(spark, corpus, tmp_path):
    from claimgraph.spark.job import run

    jsonl = str(corpus / "wire.jsonl")
    result = run(spark, [jsonl], str(tmp_path / "one"), partitions=2)
    assert result.shipped == "documents" and result.partitions == 2
    assert _from_parquet(spark, tmp_path / "one") == _local([jsonl])


def test_run_counts_outcomes_and_keeps_the_first_copy(spark, corpus, tmp_path):
    from claimgraph.spark.job import run

    out = tmp_path / "counted"
    # Three tasks: floods.txt and its copy zz_copy.txt are analyzed in different ones.
    result = run(spark, [f"{corpus}/*"], str(out), partitions=3)
    assert (result.shipped, result.partitions) == ("paths", 3)
    assert result.by_kind == {"analysis": 6, "skipped": 2}
    assert result.documents == 5
    sources = {r["source"] for r in spark.read.parquet(str(out / "documents")).collect()}
    assert any(s.endswith("floods.txt") for s in sources)
    assert not any(s.endswith("zz_copy.txt") for s in sources)
    # Written from one partition per core (2), not one per task.
    assert len(list((out / "claims").glob("part-*.parquet"))) <= 2


def test_local_session_jvm_compiles_with_c1_only(spark):
    # The session fixture started this JVM through job.session(), as the CLI does.
    runtime = spark.sparkContext._jvm.java.lang.management.ManagementFactory.getRuntimeMXBean()
    assert "-XX:TieredStopAtLevel=1" in list(runtime.getInputArguments())


def test_spark_load_fills_the_store_like_ingest(spark, corpus, spark_output, tmp_path):
    loaded, ingested = tmp_path / "spark.db", tmp_path / "ingest.db"
    result = runner.invoke(app, ["spark-load", "--input", str(spark_output), "--db", str(loaded)])
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output
    result = runner.invoke(app, ["ingest", f"{corpus}/*", "--db", str(ingested), "--quiet"])
    assert result.exit_code == 0, result.output
    with Store(str(loaded)) as a, Store(str(ingested)) as b:
        assert [to_dict(x) for x in a.analyses()] == [to_dict(x) for x in b.analyses()]
        skipped = {(r["source"], r["reason"]) for r in a.skipped(limit=1000)}
        assert skipped == {(r["source"], r["reason"]) for r in b.skipped(limit=1000)}
        assert a.stats() == b.stats()
    # Loading again adds nothing.
    result = runner.invoke(app, ["spark-load", "--input", str(spark_output), "--db", str(loaded)])
    assert result.exit_code == 0, result.output
    assert "0 added, 5 already stored" in result.output


def test_missing_pyspark_names_the_extra(monkeypatch):
    from claimgraph.errors import ClaimgraphError
    from claimgraph.spark import require_pyspark

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(ClaimgraphError, match=r"claimgraph\[spark\]"):
        require_pyspark()
