"""The Spark runner on local[1] vs local[2]: the same job, the same generated corpus.

    .venv/bin/python bench/bench_spark.py [--articles N] [--words W]

Generates N fictional ~W-word articles (one .txt file each) in a temporary
folder, then for each master starts a session, loads the spaCy pipeline in
every Python worker (a warm-up job, timed apart: it is a per-worker constant,
not throughput), runs ``claimgraph.spark.job.run`` over the folder into
Parquet, and prints wall times and the local[2] / local[1] speed-up (issue 7
target: ≥ 1.6 on the 2-core machine). Nothing is written outside the
temporary folder. Needs the ``spark`` extra and Java 17+.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from claimgraph.spark import require_pyspark

# Fictional names and places, so the corpus is ours and exercises actors,
# places, dates, attribution and events without copying any real article.
PEOPLE = ("Edda Lind", "Pavel Orsk", "Ana Vell", "Tomas Greve", "Mira Kallen", "Jon Adair")
ROLES = ("the mayor", "a union leader", "the trade minister", "a police spokesman")
PLACES = ("Varnholt", "Korrin", "Dalmora", "Estmark", "Valdoria", "Eldoria")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "last week")
SENTENCES = (
    "{p} said on {d} that the council in {l} would meet again to discuss the repairs.",
    "Police in {l} arrested two protesters outside the town hall on {d}, witnesses said.",
    "The ministry announced new tariffs on steel imports from {l} on {d}.",
    '"We will not accept these terms," {p}, {r}, told reporters in {l}.',
    "According to {r}, the talks in {l} may resume before the end of the month.",
    "Negotiators from {l} met their counterparts on {d} but reached no agreement.",
    "{p} denied that any ships had been delayed at the harbour in {l}.",
    "Officials in {l} said floods had closed three roads and damaged a bridge on {d}.",
    "The government of {l} might lift the restrictions next year, {r} said.",
    "Dock workers in {l} walked off the job on {d} after the wage talks collapsed.",
)


def article(rng: random.Random, words: int) -> str:
    place = rng.choice(PLACES)
    body: list[str] = []
    count = 0
    while count < words:
        paragraph = " ".join(
            rng.choice(SENTENCES).format(
                p=rng.choice(PEOPLE), r=rng.choice(ROLES), l=rng.choice(PLACES), d=rng.choice(DAYS)
            )
            for _ in range(3)
        )
        body.append(paragraph)
        count += len(paragraph.split())
    return f"News from {place}\n\n" + "\n\n".join(body)


def generate(folder: Path, articles: int, words: int) -> None:
    rng = random.Random(7)  # fixed: the same corpus on every run
    for i in range(articles):
        (folder / f"article_{i:05d}.txt").write_text(article(rng, words), encoding="utf-8")


def _warm(_rows):
    # A whole analysis, so the gazetteer and dictionaries load too, not only spaCy.
    from claimgraph.pipeline import analyze

    analyze("Officials in Paris said on Monday that the talks would resume.")
    yield os.getpid()


def measure(master: str, cores: int, corpus: Path, out: Path) -> tuple[float, float, int]:
    from claimgraph.spark.job import run, session

    spark = session(
        master, config={"spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false"}
    )
    try:
        t0 = time.perf_counter()
        # Two tasks per core, so every worker the job will use gets one.
        spark.sparkContext.parallelize(range(cores * 2), cores * 2).mapPartitions(_warm).collect()
        warm = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = run(spark, [str(corpus)], str(out))
        job = time.perf_counter() - t0
    finally:
        spark.stop()
    return warm, job, result.documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--words", type=int, default=600)
    args = parser.parse_args()
    require_pyspark()
    with tempfile.TemporaryDirectory(prefix="claimgraph-bench-spark-") as tmp:
        corpus = Path(tmp, "corpus")
        corpus.mkdir()
        generate(corpus, args.articles, args.words)
        print(f"corpus: {args.articles} generated articles of ~{args.words} words")
        jobs: dict[int, float] = {}
        for cores in (1, 2):
            master = f"local[{cores}]"
            warm, job, documents = measure(master, cores, corpus, Path(tmp, f"out{cores}"))
            jobs[cores] = job
            print(
                f"{master:<9} warm-up (model load per worker) {warm:6.1f} s   "
                f"job {job:6.1f} s   {documents / job:5.2f} articles/s"
            )
    ratio = jobs[1] / jobs[2]
    verdict = "met" if ratio >= 1.6 else "NOT met"
    print(f"speed-up local[2] / local[1]: {ratio:.2f} (target ≥ 1.6: {verdict})")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (other jobs skew the ratio)")


if __name__ == "__main__":
    main()
