"""The Spark runner on local[1] vs local[2]: the same job, the same generated corpus.

    .venv/bin/python bench/bench_spark.py [--articles N] [--words W]

Generates N fictional ~W-word articles (``bench/corpus.py``, one .txt file
each) in a temporary folder. Each master runs in its own interpreter, so each
starts its own JVM: a session, a warm-up timed apart (the spaCy pipeline
loaded in every Python worker, and the job run once on 8 other articles so the
JVM has loaded and compiled its Parquet and shuffle code: per-process
constants, not throughput), then ``claimgraph.spark.job.run`` over the corpus
into Parquet. Prints wall times, CPU seconds by process (JVM, Python workers,
driver) sampled from /proc, the local[2] / local[1] speed-up (issue 7 target:
≥ 1.6 on the 2-core machine) and the bound the serial share puts on it.
Nothing is written outside the temporary folder. Needs the ``spark`` extra and
Java 17+.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from argparse import SUPPRESS
from dataclasses import asdict, dataclass
from pathlib import Path

from claimgraph.spark import require_pyspark

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_files  # noqa: E402
from proctree import TreeSampler  # noqa: E402


def _warm(_rows):
    # A whole analysis, so the gazetteer and dictionaries load too, not only spaCy.
    from claimgraph.pipeline import analyze

    analyze("Officials in Paris said on Monday that the talks would resume.")
    yield os.getpid()


def _kind(command: str) -> str:
    if "java" in command.split(" ", 1)[0]:
        return "JVM"
    if "pyspark" in command or "daemon" in command:
        return "Python workers"
    return "driver (Python)"


@dataclass(frozen=True, slots=True)
class Measured:
    warm: float
    job: float
    documents: int
    cpu: dict[str, float]  # CPU seconds of the job by process kind


def measure(master: str, cores: int, corpus: Path, warm_corpus: Path, out: Path) -> Measured:
    """One master in this process: warm up, then time the job on ``corpus``."""
    from claimgraph.spark.job import run, session

    spark = session(
        master, config={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}
    )
    try:
        t0 = time.perf_counter()
        # Two tasks per core, so every worker the job will use loads the model.
        spark.sparkContext.parallelize(range(cores * 2), cores * 2).mapPartitions(_warm).collect()
        # The same job on a few articles: the JVM loads and JIT-compiles the
        # Parquet and shuffle paths once, a constant that a long job amortizes.
        run(spark, [str(warm_corpus)], str(out / "warm"))
        warm = time.perf_counter() - t0
        # pss=False: reading a JVM's smaps costs the driver more than it tells.
        with TreeSampler(os.getpid(), interval=0.5, pss=False) as tree:
            t0 = time.perf_counter()
            result = run(spark, [str(corpus)], str(out / "job"))
            job = time.perf_counter() - t0
    finally:
        spark.stop()
    return Measured(warm, job, result.documents, tree.cpu_by(_kind))


def _one(master: str, corpus: Path, warm_corpus: Path, out: Path) -> Measured:
    """``measure`` in a fresh interpreter, so each master starts its own cold JVM
    (pyspark keeps one JVM per Python process across sessions)."""
    command = [sys.executable, __file__, "--one", master, str(corpus), str(warm_corpus), str(out)]
    done = subprocess.run(command, capture_output=True, text=True)
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"{master} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return Measured(**json.loads(lines[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=600)
    # Internal: one master, in the subprocess main() starts for it.
    one = ("MASTER", "CORPUS", "WARM", "OUT")
    parser.add_argument("--one", nargs=4, metavar=one, help=SUPPRESS)
    args = parser.parse_args()
    require_pyspark()
    if args.one:
        master, corpus, warm_corpus, out = args.one
        cores = int(master.removeprefix("local[").rstrip("]"))
        m = measure(master, cores, Path(corpus), Path(warm_corpus), Path(out))
        print(json.dumps(asdict(m)))
        return
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-spark-") as tmp:
        corpus = write_files(Path(tmp, "corpus"), args.articles, args.words)
        # Other articles (another seed), so the warm-up job is not the job.
        warm_corpus = write_files(Path(tmp, "warm"), 8, args.words, seed=8)
        print(f"corpus: {args.articles} generated articles of ~{args.words} words")
        results: dict[int, Measured] = {}
        for cores in (1, 2):
            master = f"local[{cores}]"
            m = results[cores] = _one(master, corpus, warm_corpus, Path(tmp, f"out{cores}"))
            cpu = ", ".join(f"{k} {v:.1f}" for k, v in sorted(m.cpu.items()))
            # Per article: the JVM's share is what issue 7 cuts (it competes
            # with the Python workers for the cores under local[2]).
            jvm_ms = 1000 * m.cpu.get("JVM", 0.0) / max(1, m.documents)
            print(
                f"{master:<9} warm-up (model load per worker, one small job) {m.warm:6.1f} s   "
                f"job {m.job:6.1f} s   {m.documents / m.job:5.2f} articles/s   CPU s: {cpu}   "
                f"(JVM {jvm_ms:.0f} ms/article)"
            )
    ratio = results[1].job / results[2].job
    verdict = "met" if ratio >= 1.6 else "NOT met"
    print(f"speed-up local[2] / local[1]: {ratio:.2f} (target ≥ 1.6: {verdict})")
    # Amdahl: only the Python workers' share runs in parallel; the JVM's and the
    # driver's CPU compete with them for the same two cores.
    one = results[1].cpu
    workers = one.get("Python workers", 0.0)
    share = workers / max(1e-9, sum(one.values()))
    print(
        f"local[1] CPU in Python workers: {share:.0%}; with the rest serial the "
        f"speed-up on 2 cores is at most {1 / ((1 - share) + share / 2):.2f}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other jobs skew the ratio)")


if __name__ == "__main__":
    main()
