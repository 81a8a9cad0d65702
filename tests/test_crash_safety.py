"""Crash safety of the store: SIGKILL a writer at random points, restart; two writers at once.

The writer is a Python subprocess (this file run as a script) that adds
pre-built fictional analyses (no spaCy: the article builder of
test_corroboration) from a JSONL of claimgraph/1 documents, so a kill lands
inside a store transaction, not inside the NLP pipeline. After every kill the
database must pass SQLite's integrity check, and after the last restart it
must equal, table by table, a store filled in one uninterrupted run.
(tests/test_resume.py kills a whole ``ingest`` run once.)
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.output import from_dict, to_dict
from claimgraph.records import Analysis
from claimgraph.store import Store

HERE = Path(__file__).resolve().parent

# 200 documents: 10 kill cycles (the minimum) of 1-25 new documents
# each stay well short of the end, and the last run finishes the rest.
N_DOCUMENTS = 200
CYCLES = 10
# The race needs overlap, not size: 120 documents, 60 in both writers' lists.
TWO_WRITERS = 120
SEED = 9  # the number: any fixed seed makes a CI failure reproducible
# A worker that prints nothing for this long is stuck, not slow (one add takes
# ~10-50 ms; start-up, importing numpy and SQLAlchemy, ~1-3 s on 2 shared cores).
STALL_SECONDS = 60

SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "bu")
OUTLETS = ("Tessaly Wire", "Harbour Courier", "Kestrel Post", "Quay Gazette", "Bresk Ledger")


def code_word(i: int) -> str:
    """A made-up word unique to document ``i``: the claim FTS must find."""
    return "qu" + "".join(SYLLABLES[int(d)] for d in f"{i:03d}") + "x"


def corpus() -> list[Analysis]:
    """``N_DOCUMENTS`` small fictional articles; every tenth is a syndicated
    copy of the one before (another outlet, same body), so families form."""
    # imported here, not by the worker: a restart should cost only what a real one does
    from test_corroboration import VALMORA, Spec, article

    out: list[Analysis] = []
    for i in range(N_DOCUMENTS):
        day = 1 + i % 28
        if i % 10 == 9:
            previous = out[-1]
            copy = article(
                OUTLETS[(i + 1) % len(OUTLETS)],
                f"2026-04-{day:02d}",
                [Spec(c.text) for c in previous.claims],
                extra="With agency inputs",
            )
            out.append(copy)
            continue
        claim = (
            f"The {code_word(i)} committee in Valmora voted {i} to {i % 7} on "
            f"Tuesday to close the northern grain berth."
        )
        spec = Spec(claim, event="PROTEST", date=f"2026-04-{day:02d}", precision="day")
        if i % 3 == 0:
            spec = Spec(claim, certainty="reported", event="PROTEST", place=VALMORA)
        out.append(article(OUTLETS[i % len(OUTLETS)], f"2026-04-{day:02d}", [spec]))
    return out


def write_jsonl(analyses: list[Analysis], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for analysis in analyses:
            f.write(json.dumps(to_dict(analysis), ensure_ascii=False) + "\n")
    return path


# -- the worker (a subprocess) ----------------------------------------------------


def work(db: str, jsonl: str, mode: str) -> None:
    """Add every analysis of ``jsonl`` to ``db``: one ``Store.add`` each, or
    ``add_many`` in batches of 5; print a line before and after each."""
    with open(jsonl, encoding="utf-8") as f:
        analyses = [from_dict(json.loads(line)) for line in f]
    with Store(db) as store:
        print("open", flush=True)
        if mode == "add":
            for analysis in analyses:
                print("begin", flush=True)
                print("added" if store.add(analysis) else "had", flush=True)
        else:
            for start in range(0, len(analyses), 5):
                print("begin", flush=True)
                result = store.add_many(analyses[start : start + 5], batch_size=5)
                print(f"batch {result.added} {result.duplicates}", flush=True)
    print("done", flush=True)


def start(db: Path, jsonl: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, __file__, str(db), str(jsonl), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def read_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], STALL_SECONDS)
    if not ready:
        proc.kill()
        pytest.fail(f"the writer printed nothing for {STALL_SECONDS} s")
    line = proc.stdout.readline()
    if not line:  # exited
        proc.wait(timeout=STALL_SECONDS)
        assert proc.stderr is not None
        pytest.fail(f"the writer exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")
    return line.strip()


def new_documents(line: str) -> int:
    """How many documents the commit a worker's line reports stored."""
    if line == "added":
        return 1
    if line.startswith("batch "):
        return int(line.split()[1])
    return 0


def run_to_end(proc: subprocess.Popen[str]) -> list[str]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    return out.splitlines()


# -- checks ---------------------------------------------------------------------------


def integrity(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every ordinary table's rows, sorted, without the ingestion time (the FTS
    index is checked by searching, its shadow tables are not compared)."""
    with sqlite3.connect(db) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'"
            )
        ]
        out = {}
        for name in names:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
            kept = ", ".join(f'"{c}"' for c in columns if c != "ingested_at")
            out[name] = sorted(conn.execute(f"SELECT {kept} FROM {name}"), key=repr)
    return out


def check_complete(db: Path, analyses: list[Analysis]) -> None:
    """Each document stored once, whole, searchable, with one family row."""
    expected = {a.document.id: a for a in analyses}
    with Store(db) as store:
        assert store.count() == len(expected)
        assert store.stats().claims == sum(len(a.claims) for a in expected.values())
        for doc_id, analysis in expected.items():
            assert store.get(doc_id) == analysis
        for i, analysis in enumerate(analyses):
            if i % 10 == 9:
                continue  # a copy: its claim text (and code word) is the one before
            hits = {row.claim_id for row in store.search(code_word(i), limit=5)}
            assert analysis.claims[0].id in hits, code_word(i)
    with sqlite3.connect(db) as conn:
        families = dict(
            conn.execute("SELECT document_id, count(*) FROM document_families GROUP BY 1")
        )
        assert families == {doc_id: 1 for doc_id in expected}
        assert conn.execute(
            "SELECT count(*) FROM document_bands WHERE document_id NOT IN "
            "(SELECT id FROM documents)"
        ).fetchone() == (0,)


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return corpus()


@pytest.fixture(scope="module")
def reference(analyses, tmp_path_factory) -> Path:
    """The store filled in one uninterrupted run, in the same order."""
    db = tmp_path_factory.mktemp("reference") / "reference.db"
    with Store(db) as store:
        store.add_many(analyses, batch_size=50)  # the same order as one add each
    return db


def test_corpus_is_distinct(analyses):
    assert len({a.document.id for a in analyses}) == N_DOCUMENTS
    assert len({code_word(i) for i in range(N_DOCUMENTS)}) == N_DOCUMENTS


def test_sigkill_and_restart(analyses, reference, tmp_path):
    """``CYCLES`` writers killed with SIGKILL at seeded random points, then one
    run to the end: the store equals the uninterrupted one."""
    rng = random.Random(SEED)
    db = tmp_path / "killed.db"
    jsonl = write_jsonl(analyses, tmp_path / "analyses.jsonl")
    kills = []
    for cycle in range(CYCLES):
        mode = ("add", "add_many")[cycle % 2]
        proc = start(db, jsonl, mode)
        assert read_line(proc) == "open"
        # Let 1-5 commits that store something go by (a restart first meets
        # what is stored already), then die in the next add, 0-10 ms after it
        # began: one add took ~5-50 ms on 2 shared cores, so about half the
        # kills cut an add before its commit and half come just after it.
        new = 0
        for _ in range(rng.randint(1, 5)):
            while not new_documents(line := read_line(proc)):
                assert line != "done"
            new += new_documents(line)
        while (line := read_line(proc)) != "begin":
            new += new_documents(line)
        time.sleep(rng.uniform(0, 0.01))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=STALL_SECONDS)
        assert proc.returncode == -signal.SIGKILL
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
        integrity(db)
        with Store(db) as store:
            # every commit the worker reported survived the kill
            assert store.count() >= (kills[-1] if kills else 0) + new
            kills.append(store.count())
    assert all(a < b for a, b in zip([0, *kills], kills, strict=False)), kills  # each got on
    assert kills[-1] < N_DOCUMENTS, kills  # and none finished
    lines = run_to_end(start(db, jsonl, "add"))
    assert lines[0] == "open" and lines[-1] == "done"
    # everything the killed runs committed is found as already stored
    assert lines.count("had") == kills[-1]
    assert lines.count("added") == N_DOCUMENTS - kills[-1]
    integrity(db)
    check_complete(db, analyses)
    assert tables(db) == tables(reference)


def test_two_writers_at_once(analyses, tmp_path):
    """Two processes add overlapping sets (60 shared documents, opposite
    order) to one SQLite store at once: both finish, nothing lost or doubled."""
    analyses = analyses[:TWO_WRITERS]
    db = tmp_path / "shared.db"
    Store(db).close()  # created (and migrated) before the race
    first = write_jsonl(analyses[:90], tmp_path / "first.jsonl")
    second = write_jsonl(analyses[30:][::-1], tmp_path / "second.jsonl")
    procs = [start(db, first, "add"), start(db, second, "add_many")]
    one, two = (run_to_end(p) for p in procs)
    added_one = one.count("added")
    batches = [line.split() for line in two if line.startswith("batch")]
    added_two = sum(int(b[1]) for b in batches)
    dup_two = sum(int(b[2]) for b in batches)
    assert added_one + added_two == TWO_WRITERS
    assert one.count("had") + dup_two == 60  # each shared document: added once, met once
    integrity(db)
    check_complete(db, analyses)


if __name__ == "__main__":
    work(*sys.argv[1:4])
