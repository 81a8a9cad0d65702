"""The local runner: a run killed with SIGKILL and restarted loses nothing and
stores nothing twice; several worker processes give the same analyses as one;
one document that breaks a stage is recorded and the run goes on.

The corpus is generated here: 40 short fictional articles.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.errors import SkippedDocument
from claimgraph.ids import document_id
from claimgraph.inputs import read
from claimgraph.pipeline import analyze_many
from claimgraph.records import Analysis, Document
from claimgraph.run import ingest
from claimgraph.store import Store

TOWNS = ["Port Valdor", "Tesk", "Marrow Bay", "Quillon", "Esterfeld", "Vasha", "Orlen", "Caddow"]
PEOPLE = ["Elena Brask", "Tomas Vire", "Marta Quill", "Ilse Daro", "Jun Harlo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
N_ARTICLES = 40
# How long a cold start (model, gazetteer) and the corpus may take on a busy
# 2-core machine before the test gives up: a hang, not slowness, fails it.
TIMEOUT = 900


def article(i: int) -> str:
    town, other = TOWNS[i % len(TOWNS)], TOWNS[(i * 3 + 1) % len(TOWNS)]
    person, leader = PEOPLE[i % len(PEOPLE)], PEOPLE[(i + 2) % len(PEOPLE)]
    day = DAYS[i % len(DAYS)]
    return (
        f"{town} council report number {i}\n\n"
        f"The council of {town} voted on {day} to fund ferry berth number {i} for the line "
        f"to {other}, officials said. {person}, the mayor of {town}, said the first "
        f"crossings would begin in June.\n\n"
        f"Union leader {leader} said the dock workers of {town} would strike if {i + 3} "
        f"drivers were not hired before the summer."
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(N_ARTICLES):
        (folder / f"article-{i:02d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def _stored(db: Path) -> int:
    """Documents committed so far, read as another process would."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


def _command(corpus: Path, db: Path) -> list[str]:
    run = "from claimgraph.cli import main; main()"
    return [sys.executable, "-c", run, "ingest", str(corpus), "--db", str(db), "-q"]


def _expected(corpus: Path) -> list[Document]:
    documents = [d for d in read([corpus]) if isinstance(d, Document)]
    assert len(documents) == N_ARTICLES
    assert len({d.id for d in documents}) == N_ARTICLES
    return documents


def test_sigkill_then_restart_loses_and_duplicates_nothing(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    log = (tmp_path / "first.log").open("w")
    first = subprocess.Popen(_command(corpus, db), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + TIMEOUT
    try:
        while _stored(db) < 3:
            assert first.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no document stored in time"
            time.sleep(0.1)
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        log.close()
    assert first.returncode == -signal.SIGKILL
    before = _stored(db)
    assert 3 <= before < N_ARTICLES, f"{before} documents stored when killed"

    second = subprocess.run(
        _command(corpus, db), capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    summary = f"read {N_ARTICLES} documents: {N_ARTICLES - before} added, {before} already stored"
    assert summary in second.stderr, second.stderr[-2000:]

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT id FROM documents").fetchall()
    assert len(rows) == N_ARTICLES  # exactly once each: no duplicates, none lost
    documents = _expected(corpus)
    assert {row[0] for row in rows} == {d.id for d in documents}
    # Nothing stored is corrupt: each document reads back whole and equals a
    # fresh analysis of the same file, the one cut by the kill included.
    fresh = {a.document.id: a for a in analyze_many(documents) if isinstance(a, Analysis)}
    with Store(db) as store:
        assert store.count() == N_ARTICLES
        for d in documents:
            stored = store.get(d.id)
            assert document_id(stored.document.text) == d.id
            assert stored == fresh[d.id], d.source


def test_processes_give_the_same_analyses_in_order(corpus: Path, tmp_path: Path) -> None:
    paths = sorted(corpus.iterdir())[:6]
    serial = [a for a in analyze_many(_expected(corpus)[:6]) if isinstance(a, Analysis)]
    seen: list = []
    totals: list[int] = []
    with Store(tmp_path / "p2.db") as store:
        result = ingest(paths, store, processes=2, on_document=seen.append, on_total=totals.append)
        assert result.added == 6 and result.errors == [] and result.skipped == []
        assert [store.get(a.document.id) for a in serial] == serial
    assert seen == serial  # stored in input order, whatever worker finished first
    assert totals in ([], [6])  # the background count (may finish after the run)


def test_a_failing_stage_skips_that_document_only(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimgraph import pipeline
    from claimgraph.extract import times as times_stage

    real = times_stage.times

    def flaky(parsed):
        if "report number 1\n" in parsed.text:
            raise ValueError("a bug met in one article")
        return real(parsed)

    monkeypatch.setattr(pipeline.times_stage, "times", flaky)
    paths = sorted(corpus.iterdir())[:3]
    with Store(tmp_path / "flaky.db") as store:
        result = ingest(paths, store)
        assert result.added == 2
        (skip,) = result.skipped
        assert isinstance(skip, SkippedDocument) and skip.source.endswith("article-01.txt")
        assert skip.reason == "analysis failed: ValueError: a bug met in one article"
        assert store.stats().skipped == 1


def test_two_ingest_processes_on_one_store(corpus: Path, tmp_path: Path):
    """Two `claimgraph ingest` runs at once, on overlapping inputs, into one
    store: both finish, every document is stored once, nothing is lost."""
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, numbers in ((first, range(0, 14)), (second, range(8, 20))):
        folder.mkdir()
        for i in numbers:
            (folder / f"article-{i:02d}.txt").write_text(article(i), encoding="utf-8")
    db = tmp_path / "shared.db"
    runs = [
        subprocess.Popen(_command(folder, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in (first, second)
    ]
    for run in runs:
        _, err = run.communicate(timeout=TIMEOUT)
        assert run.returncode == 0, err.decode()
    with Store(db) as store:
        ids = [row.id for row in store.documents(limit=100)]
        assert len(ids) == len(set(ids)) == 20
        assert {document_id(article(i)) for i in range(20)} == set(ids)
        for doc in ids:
            assert store.get(doc).document.id == doc
