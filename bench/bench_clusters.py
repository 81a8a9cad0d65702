"""Incremental corroboration: adding 100 articles to a store of N costs the 100, not N.

Builds synthetic analyses (no spaCy: the clock measures the store's linking,
not parsing) of fictional articles arriving as news does, ``PER_DAY`` a day:
random PLOVER types, cities, actors and words, events dated up to three days
before publication, one in ten a syndicated copy of a recent article and one
in five another outlet's report of a recent event. A store of N articles
holds the first N; its batch is the next ``--batch`` articles, timed,
so the ratio of per-article times is the cost of the store's size.
(Linking looks at candidates in a window of days around the new article, so
its cost follows the news density of those days, which this model holds
constant, not the size of the archive.)

    .venv/bin/python bench/bench_clusters.py              # sizes 1000 and 10000
    .venv/bin/python bench/bench_clusters.py --sizes 500 2000 --batch 50
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from claimgraph.ids import child_id, document_id
from claimgraph.records import Actor, Analysis, Block, Claim, Document, Event, EventDate, Place
from claimgraph.store import Store

TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
# A mid-sized outlet aggregator's daily volume.
PER_DAY = 30
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ve",
    "tu",
    "sen",
    "dor",
    "bal",
    "kir",
    "mon",
    "pes",
    "tal",
    "vor",
    "zen",
]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


class Generator:
    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.vocabulary = [word(self.rng) for _ in range(5000)]
        self.names = [word(self.rng).title() + " " + word(self.rng).title() for _ in range(2000)]
        self.cities = [
            (word(self.rng).title(), self.rng.uniform(-50, 60), self.rng.uniform(-120, 140))
            for _ in range(300)
        ]
        self.outlets = [f"{word(self.rng).title()} Times" for _ in range(60)]
        self.made: list[tuple[list[str], tuple, date]] = []  # paragraphs, event, day

    def sentence(self, n: int = 14) -> str:
        words = [self.rng.choice(self.vocabulary) for _ in range(n)]
        return " ".join(words).capitalize() + "."

    def article(self, i: int) -> Analysis:
        rng = self.rng
        roll = rng.random()
        if self.made and roll < 0.1:  # a syndicated copy of a recent article
            paragraphs, ev, day = rng.choice(self.made[-200:])
            paragraphs = [*paragraphs, f"With agency inputs {i}"]
        elif self.made and roll < 0.3:  # another outlet's own report of a recent event
            _, ev, day = rng.choice(self.made[-200:])
            paragraphs = [self.sentence() + " " + self.sentence() for _ in range(6)]
        else:
            day = date(2025, 1, 1) + timedelta(days=i // PER_DAY - rng.randint(0, 3))
            ev = (rng.choice(TYPES), rng.choice(self.names), rng.choice(self.cities))
            paragraphs = [self.sentence() + " " + self.sentence() for _ in range(6)]
            self.made.append((paragraphs, ev, day))
        kind, actor_name, (city, lat, lon) = ev
        event_sentence = f"{actor_name} acted in {city} on {day.isoformat()} {self.sentence(8)}"
        paragraphs = [event_sentence, *paragraphs]
        title = f"Report {i}"
        text = title + "\n\n" + "\n\n".join(paragraphs)
        doc = document_id(text)
        blocks = [Block((0, len(title)), "title")]
        pos = len(title) + 2
        for p in paragraphs:
            blocks.append(Block((pos, pos + len(p)), "body"))
            pos += len(p) + 2
        actor = Actor(child_id(doc, "actor", actor_name), actor_name, "person", country="XXX")
        place = Place(child_id(doc, "place", city), city, lat, lon, "XXX", precision="city")
        claims = []
        for block in blocks[1:5]:
            span = block.span
            event = None
            if block is blocks[1]:
                event = Event(
                    kind, None, None, (span[0], span[0] + 1), actor.id, None, place.id,
                    EventDate(day.isoformat(), "day", None), "actual", 0.8,
                )  # fmt: skip
            claims.append(
                Claim(child_id(doc, "claim", *span), text[span[0] : span[1]], span, span,
                      "asserted", (), event)
            )  # fmt: skip
        document = Document(
            id=doc,
            text=text,
            title=title,
            outlet=rng.choice(self.outlets),
            published=(date(2025, 1, 1) + timedelta(days=i // PER_DAY)).isoformat(),
            language="en",
            blocks=tuple(blocks),
        )
        return Analysis(document, (actor,), (place,), (), tuple(claims))


def timed_batch(store: Store, batch: list[Analysis]) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds per article, each added in its own transaction as
    `claimgraph ingest` does. CPU time is the fairer clock on a shared machine."""
    wall, cpu = [], []
    for analysis in batch:
        start, start_cpu = time.perf_counter(), time.process_time()
        store.add(analysis)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    biggest = max(args.sizes)
    generator = Generator()
    corpus = [generator.article(i) for i in range(biggest + args.batch)]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            with Store(Path(tmp) / f"s{size}.db") as store:
                start = time.perf_counter()
                store.add_many(corpus[:size], batch_size=500)
                fill = time.perf_counter() - start
                # The next day's news after the store's last article: batches
                # of equal density, so sizes differ only in the archive behind.
                wall, cpu = timed_batch(store, corpus[size : size + args.batch])
                clusters = store.events(min_sources=2, limit=100000)
            results[size] = (statistics.median(wall), statistics.median(cpu))
            print(
                f"store of {size:>6} articles: filled in {fill:6.1f} s; adding {args.batch}: "
                f"{sum(wall):5.2f} s wall, median {1000 * results[size][0]:5.1f} ms/article "
                f"({1000 * results[size][1]:5.1f} ms CPU); {len(clusters)} events with 2+ sources"
            )
    small, large = min(args.sizes), max(args.sizes)
    print(
        f"per-article ratio, {large} vs {small} articles (store {large / small:.0f}x larger): "
        f"wall {results[large][0] / results[small][0]:.2f}, "
        f"CPU {results[large][1] / results[small][1]:.2f}"
    )


if __name__ == "__main__":
    main()
