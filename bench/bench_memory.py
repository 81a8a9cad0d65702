"""Peak memory of ``claimgraph ingest`` at two corpus sizes: streaming must keep it flat.

    .venv/bin/python bench/bench_memory.py [--small 1000] [--large 10000] [--processes 2]

Generates two corpora of fictional ~600-word articles (``bench/corpus.py``,
JSONL in a temporary folder), ingests each into a new SQLite store in a
subprocess, samples the whole process tree (the ingest process, the
forkserver, the workers) from /proc, and prints the peak of the summed RSS
and PSS, the largest single process, and the large / small ratio (issue 7
target: ≤ 1.2). The full size takes about an hour of CPU; ``--small 200
--large 2000`` is the quick variant ``make bench`` runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_throughput import Timing, ingest, processes_line  # noqa: E402
from corpus import write_jsonl  # noqa: E402
from proctree import mib  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    results: dict[int, Timing] = {}
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-memory-") as tmp:
        for n in (args.small, args.large):
            corpus = write_jsonl(Path(tmp, f"corpus{n}.jsonl"), n, args.words)
            t = ingest(corpus, Path(tmp, f"store{n}.db"), args.processes)
            corpus.unlink()
            results[n] = t
            print(
                f"{n:>6} articles, {args.processes} process(es): peak RSS (sum over the tree) "
                f"{mib(t.peak_rss):6.0f} MiB, PSS {mib(t.peak_pss):6.0f} MiB, largest process "
                f"{mib(t.peak_process_rss):5.0f} MiB; {t.rate:5.2f} articles/s, "
                f"CPU {t.cpu_per_article:.3f} s/article ({t.articles} stored)"
            )
            print(processes_line(t))
    small, large = results[args.small], results[args.large]
    ratio = large.peak_rss / small.peak_rss
    verdict = "met" if ratio <= 1.2 else "NOT met"
    print(
        f"peak RSS {args.large} / {args.small} articles: {ratio:.2f} "
        f"(PSS {large.peak_pss / small.peak_pss:.2f}; target ≤ 1.2: {verdict})"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
