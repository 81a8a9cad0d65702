"""Throughput of the whole pipeline beside bare spaCy, and of the real runner.

    .venv/bin/python bench/bench_throughput.py [--articles N] [--words W] [--processes 1 2]

On one generated corpus (``bench/corpus.py``: N fictional ~W-word articles in
a temporary JSONL file), for each process count:

(a) bare ``nlp.pipe(texts, batch_size=16, n_process=P)`` with the shipped
    model vs claimgraph's pipe path (:func:`claimgraph.pipeline.analyze_parallel`:
    parsing with our ruler and every extractor, no store) on the same
    documents, same batch size, same process count: articles/s and the ratio
    (issue 7 target: ours ≥ 0.8 × bare);
(b) the real runner, ``claimgraph ingest CORPUS --db NEW.db --processes P``
    in a subprocess: articles/s, CPU seconds per article of the ingest process
    itself and of its workers, and the peak memory of the whole process tree
    (issue 7 targets: ≥ 10 articles/s with 2 processes, peak ≤ 1.5 GB).

"Steady" rates leave out start-up (model and gazetteer loading in each
worker: a per-process constant, not throughput): they count the articles
after the first result over the time after it. Wall times depend on what else
the machine runs; CPU seconds per article are the steadier number, and the
load average is printed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402
from proctree import TreeSampler, mib, now  # noqa: E402


def processes_line(t: Timing) -> str:
    """Peak RSS / PSS and CPU of each process of an ingest run, e.g. "worker 470/330 61.2s"."""
    parts = [
        f"{role} {mib(rss):.0f}/{mib(pss):.0f} {cpu:.1f}s" for role, rss, pss, cpu in t.by_process
    ]
    return "    per process, peak RSS/PSS MiB and CPU s: " + ", ".join(parts)


# Same as the runner's (claimgraph.pipeline.PARALLEL_BATCH), so both sides batch alike.
BATCH = 16


@dataclass(frozen=True, slots=True)
class Timing:
    articles: int
    wall: float
    steady_articles: int  # after the first result
    steady_wall: float
    cpu_parent: float
    cpu_children: float
    peak_rss: int  # summed over the processes alive at one sample
    peak_pss: int
    peak_process_rss: int
    # (role, peak RSS, peak PSS, CPU s) per process: see proctree.TreeSampler.per_process
    by_process: tuple[tuple[str, int, int, float], ...] = ()

    @property
    def rate(self) -> float:
        return self.articles / self.wall

    @property
    def steady_rate(self) -> float:
        return self.steady_articles / self.steady_wall if self.steady_wall else float("nan")

    @property
    def cpu_per_article(self) -> float:
        return (self.cpu_parent + self.cpu_children) / self.articles


def timed_stream(results: Iterable[object]) -> Timing:
    """Consume ``results`` in this process, timing it and sampling the process tree."""
    with TreeSampler(os.getpid()) as tree:
        t0 = now()
        first: float | None = None
        n = 0
        for _ in results:
            n += 1
            if first is None:
                first = now()
                n_first = n
        end = now()
    assert first is not None, "no results"
    return Timing(n, end - t0, n - n_first, end - first, *_usage(tree))


def documents(corpus: Path) -> list:
    from claimgraph.inputs import read
    from claimgraph.records import Document

    return [d for d in read([str(corpus)]) if isinstance(d, Document)]


def bare(texts: list[str], processes: int) -> Timing:
    import spacy

    from claimgraph.options import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)  # the pipeline as shipped: the cost floor
    return timed_stream(nlp.pipe(texts, batch_size=BATCH, n_process=processes))


def ours(docs: list, processes: int) -> Timing:
    from claimgraph.options import Options
    from claimgraph.pipeline import PARALLEL_BATCH, analyze_parallel

    assert PARALLEL_BATCH == BATCH
    return timed_stream(analyze_parallel(docs, Options(), processes))


def ingest_command(corpus: Path, db: Path, processes: int) -> list[str]:
    """``claimgraph ingest`` run by this interpreter (so from this checkout's PYTHONPATH)."""
    return [
        sys.executable,
        "-c",
        "import sys; from claimgraph.cli import main; sys.argv[0] = 'claimgraph'; main()",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--processes",
        str(processes),
        "--quiet",
    ]


def ingest(corpus: Path, db: Path, processes: int) -> Timing:
    """``claimgraph ingest`` in a subprocess, its tree sampled from here."""
    command = ingest_command(corpus, db, processes)
    t0 = now()
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid) as tree:
        _, stderr = proc.communicate()
    wall = now() - t0
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{stderr}")
    added = _stored(db)
    return Timing(added, wall, 0, 0.0, *_usage(tree), tuple(tree.per_process()))


def _usage(tree: TreeSampler) -> tuple[float, float, int, int, int]:
    return tree.cpu_root, tree.cpu_others, tree.peak_rss, tree.peak_pss, tree.peak_process_rss


def _stored(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from documents").fetchone()[0]


def warm_in_process() -> None:
    """Load our pipeline, gazetteer and dictionaries here once (for 1 process)."""
    from claimgraph.pipeline import analyze

    analyze("Officials in Paris said on Monday that the talks would resume.")


def line(label: str, t: Timing, extra: str = "") -> str:
    steady = f"steady {t.steady_rate:6.2f} art/s   " if t.steady_wall else ""
    return (
        f"  {label:<28} {t.rate:6.2f} art/s   {steady}"
        f"CPU {t.cpu_per_article:5.3f} s/art (this process {t.cpu_parent / t.articles:5.3f})"
        f"   peak RSS {mib(t.peak_rss):5.0f} MiB (PSS {mib(t.peak_pss):5.0f}){extra}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip", choices=("pipe", "ingest"), help="leave out one part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-throughput-") as tmp:
        corpus = write_jsonl(Path(tmp, "corpus.jsonl"), args.articles, args.words)
        docs = documents(corpus)
        words = sum(len(d.text.split()) for d in docs) / len(docs)
        print(f"corpus: {len(docs)} generated articles, {words:.0f} words on average")
        if args.skip != "pipe":
            _pipe(docs, args.processes)
        if args.skip != "ingest":
            _runner(corpus, Path(tmp), args.processes)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _pipe(docs: list, counts: list[int]) -> None:
    print("(a) bare nlp.pipe vs claimgraph's analyze_parallel (no store)")
    texts = [d.text for d in docs]
    warm_in_process()
    for processes in counts:
        b = bare(texts, processes)
        o = ours(docs, processes)
        print(f" {processes} process(es), batch {BATCH}")
        print(line("bare spaCy nlp.pipe", b))
        print(line("claimgraph analyze_parallel", o))
        _ratio("throughput ours / bare", o.steady_rate / b.steady_rate, o.rate / b.rate, 0.8)
        print(f"    CPU per article ours / bare: {o.cpu_per_article / b.cpu_per_article:.2f}")


def _ratio(label: str, steady: float, total: float, target: float) -> None:
    verdict = "met" if steady >= target else "NOT met"
    print(
        f"    {label}: steady {steady:.2f}, with start-up {total:.2f} "
        f"(target ≥ {target}: {verdict})"
    )


def _runner(corpus: Path, tmp: Path, counts: list[int]) -> None:
    print("(b) claimgraph ingest into a new SQLite store")
    results: dict[int, Timing] = {}
    for processes in counts:
        t = ingest(corpus, tmp / f"ingest{processes}.db", processes)
        results[processes] = t
        print(line(f"ingest --processes {processes}", t, f"  ({t.articles} stored)"))
        print(processes_line(t))
    if 2 in results:
        r = results[2].rate
        verdict = "met" if r >= 10 else "NOT met"
        print(f"    2 processes: {r:.2f} articles/s (target ≥ 10: {verdict})")
    peak = mib(max(t.peak_rss for t in results.values()))
    verdict = "met" if peak <= 1536 else "NOT met"
    pss = mib(max(t.peak_pss for t in results.values()))
    print(
        f"    peak memory summed over the tree: RSS {peak:.0f} MiB (target ≤ 1536: {verdict}), "
        f"PSS {pss:.0f} MiB (shared pages counted once)"
    )
    if 1 in results and 2 in results:
        print(f"    speed-up 2 / 1 processes: {results[2].rate / results[1].rate:.2f}")


if __name__ == "__main__":
    main()
