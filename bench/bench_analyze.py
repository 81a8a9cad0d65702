"""How long analysis of one ~700-word article takes once the model is loaded,
side by side with bare spaCy on the same text (the cost floor).

    .venv/bin/python bench/bench_analyze.py [--repeat N]

Prints the median and p95 seconds per article for bare ``nlp(text)`` and for
``claimgraph.analyze(text)``, and their ratio. The article is generated from the
bundled sample corpus (fictional), so the benchmark needs nothing from ../shared.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import claimgraph
from claimgraph.options import DEFAULT_MODEL

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def article(words: int = 700) -> str:
    """About ``words`` words of real-looking news text from the sample corpus."""
    paragraphs: list[str] = []
    count = 0
    for path in sorted(CORPUS.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n")[1:]:
            if count >= words:
                break
            paragraphs.append(para)
            count += len(para.split())
    title = "Sample article for the benchmark"
    return title + "\n\n" + "\n\n".join(paragraphs)


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    text = article()
    import spacy

    nlp = spacy.load(DEFAULT_MODEL)  # bare: the pipeline as shipped, without our ruler
    claimgraph.analyze(text)  # load everything once: gazetteer, dictionaries, language model
    # Interleaved, so drift in machine load hits both sides alike.
    bare: list[float] = []
    full: list[float] = []
    for _ in range(args.repeat):
        bare += timed(lambda: nlp(text), 1)
        full += timed(lambda: claimgraph.analyze(text), 1)

    def p95(xs: list[float]) -> float:
        return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]

    print(f"article: {len(text.split())} words, {args.repeat} runs each")
    for label, xs in (("bare spaCy nlp(text)", bare), ("claimgraph.analyze(text)", full)):
        print(f"{label:<26} median {statistics.median(xs):.3f} s  p95 {p95(xs):.3f} s")
    print(f"ratio analyze / bare spaCy: {statistics.median(full) / statistics.median(bare):.2f}")
    verdict = "under" if p95(full) < 1.0 else "OVER"
    print(f"target: one 700-word article under 1 s once loaded: {verdict} (p95 {p95(full):.3f} s)")


if __name__ == "__main__":
    main()
