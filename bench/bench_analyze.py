"""How long analysis of one ~700-word article takes once the model is loaded,
side by side with bare spaCy on the same text (the cost floor).

    .venv/bin/python bench/bench_analyze.py [--repeat N] [--stages]

Prints the median and p95 seconds per article for bare ``nlp(text)`` and for
``claimgraph.analyze(text)``, wall clock and CPU time of this process, and
their ratios. The machine is shared, so the CPU ratio is the number to
compare (issue 7's target: at most 1.25). ``--stages`` also splits the CPU
time of ``analyze`` by stage (parse, actors, places, times, attribution,
certainty, events, other). The article is generated from the bundled sample
corpus (fictional), so the benchmark needs nothing from ../shared.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import claimgraph
from claimgraph import pipeline
from claimgraph.options import DEFAULT_MODEL

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"

# (module attribute of claimgraph.pipeline, function name, stage label)
_STAGES = (
    ("", "document_from_text", "reading (blocks, language)"),
    ("", "parse", "parse (spaCy + actor ruler)"),
    ("actors_stage", "actors", "actors"),
    ("places_stage", "places", "places"),
    ("times_stage", "times", "times"),
    ("attribution_stage", "claim_units", "attribution"),
    ("certainty_stage", "certainty", "certainty"),
    ("events_stage", "event", "events"),
)


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


def timed(fn, repeat: int) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) of each of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - w0, time.process_time() - c0))
    return times


def _stage_clock(spent: Counter) -> None:
    """Wrap each stage function the pipeline calls so its CPU time adds to ``spent``."""

    def plain(fn: Callable, label: str) -> Callable:
        def wrapped(*args, **kwargs):
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.process_time() - c0

        return wrapped

    def generator(fn: Callable, label: str) -> Callable:
        # claim_units is lazy: its work happens in each next(), between the
        # certainty and event calls for the unit before.
        def wrapped(*args, **kwargs) -> Iterator:
            items = fn(*args, **kwargs)
            while True:
                c0 = time.process_time()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    spent[label] += time.process_time() - c0
                yield item

        return wrapped

    for module_name, name, label in _STAGES:
        owner = getattr(pipeline, module_name) if module_name else pipeline
        wrap = generator if name == "claim_units" else plain
        setattr(owner, name, wrap(getattr(owner, name), label))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--stages", action="store_true", help="also split analyze's CPU time by stage"
    )
    parser.add_argument(
        "--cue-tagger",
        action="store_true",
        help="also time analyze with Options(cue_tagger=True) (the 'transformer' extra)",
    )
    args = parser.parse_args()
    tagged_options = claimgraph.Options(cue_tagger=True) if args.cue_tagger else None
    text = article()
    import spacy

    nlp = spacy.load(DEFAULT_MODEL)  # bare: the pipeline as shipped, without our ruler
    spent: Counter = Counter()
    if args.stages:
        _stage_clock(spent)
    claimgraph.analyze(text)  # load everything once: gazetteer, dictionaries, language model
    if tagged_options is not None:
        claimgraph.analyze(text, tagged_options)  # PyTorch and the encoder
    spent.clear()
    # Interleaved, so drift in machine load hits both sides alike.
    bare: list[tuple[float, float]] = []
    full: list[tuple[float, float]] = []
    tagged: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        bare += timed(lambda: nlp(text), 1)
        full += timed(lambda: claimgraph.analyze(text), 1)
        if tagged_options is not None:
            tagged += timed(lambda: claimgraph.analyze(text, tagged_options), 1)

    def p95(xs: list[float]) -> float:
        return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]

    print(f"article: {len(text.split())} words, {args.repeat} runs each")
    print(f"{'':<26} {'wall median':>11} {'wall p95':>9} {'CPU median':>11} {'CPU mean':>9}")
    rows = [("bare spaCy nlp(text)", bare), ("claimgraph.analyze(text)", full)]
    if tagged:
        rows.append(("... with the cue tagger", tagged))
    for label, xs in rows:
        wall, cpu = [w for w, _ in xs], [c for _, c in xs]
        print(
            f"{label:<26} {statistics.median(wall):>9.3f} s {p95(wall):>7.3f} s"
            f" {statistics.median(cpu):>9.3f} s {statistics.fmean(cpu):>7.3f} s"
        )
    ratio_wall = statistics.median(w for w, _ in full) / statistics.median(w for w, _ in bare)
    cpu_full, cpu_bare = sum(c for _, c in full), sum(c for _, c in bare)
    print(f"ratio analyze / bare spaCy, wall (medians): {ratio_wall:.2f}")
    print(f"ratio analyze / bare spaCy, CPU (totals):   {cpu_full / cpu_bare:.3f}")
    if tagged:
        cpu_tagged = sum(c for _, c in tagged)
        print(f"ratio with / without the cue tagger, CPU (totals): {cpu_tagged / cpu_full:.3f}")
    print(
        f"claimgraph's own CPU per article: {(cpu_full - cpu_bare) / args.repeat * 1000:.1f} ms"
        f" (issue 7 target: ratio ≤ 1.25, i.e. ≤ {0.25 * cpu_bare / args.repeat * 1000:.1f} ms)"
    )
    wall_p95 = p95([w for w, _ in full])
    verdict = "under" if wall_p95 < 1.0 else "OVER"
    print(f"target: one 700-word article under 1 s once loaded: {verdict} (p95 {wall_p95:.3f} s)")
    if args.stages:
        print("CPU per article by stage of analyze (ms):")
        staged = sum(spent.values())
        for _, _, label in _STAGES:
            print(f"  {label:<28} {spent[label] / args.repeat * 1000:7.1f}")
        other = (cpu_full - staged) / args.repeat * 1000
        print(f"  {'other (glue, records)':<28} {other:7.1f}")
        print(f"  {'bare spaCy, for comparison':<28} {cpu_bare / args.repeat * 1000:7.1f}")


if __name__ == "__main__":
    main()
