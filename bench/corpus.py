"""A deterministic generator of fictional ~600-word news articles for the benchmarks.

    .venv/bin/python bench/corpus.py OUT.jsonl [--articles N] [--words W] [--seed S]

Every article recombines sentence templates with fictional people (names
built from syllables, so thousands of distinct ones), roles, places, outlets,
dates, numbers and quotes: the texts differ, exercise actors, places, times,
attribution, certainty and events, and copy no real article. The same seed
gives the same corpus. Written as JSONL (one article per line, with title,
outlet and published date), streamed, so 10,000 articles never sit in memory;
benchmarks write it to a temporary folder, never to the repository.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path


# Syllables for fictional names: 20 × 20 first names and 24 × 24 surnames (230,400
# people), so a corpus of 10,000 articles meets each person only a few times.
def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST_A = _words("Ad Bel Cor Dan El Fen Gal Hal Ir Jon Kal Lor Mar Nel Or Pav Quin Ros Sel Tam")
_FIRST_B = _words("a ia o en el is an ra ina ko ey us iel eth ian or ette ik um ine")
_LAST_A = _words(
    "Var Kor Dal Est Mol Brant Ost Hel Tarn Wend Grev Lund Mer Rask Sor Thal Ulm Vey Wick Yarn"
    " Zell Crane Fold Hask"
)
_LAST_B = _words(
    "holt rin mora mark wick berg dale ford mere stone vik gard ley ton sen rud ham by lund ska"
    " moor dahl feld wood"
)
_PLACE_A = _words(
    "Nor Val Ast Bren Cal Dor Ev Fal Gor Hav Ister Kel Lum Mir Ner Pell Rav Sil Tor Ush"
)
_PLACE_B = _words(
    "dovia mark holm bury grad stad port haven ridge field mouth bridge wick vale ton more"
)
_ROLES = (
    "the mayor",
    "the trade minister",
    "a union leader",
    "a police spokesman",
    "the interior minister",
    "a senior diplomat",
    "the central bank governor",
    "an opposition lawmaker",
    "a hospital director",
    "the harbour master",
    "a local farmer",
    "the army chief of staff",
)
_ORGS = (
    "the ministry of transport",
    "the national rail company",
    "the dock workers' union",
    "the regional council",
    "the election commission",
    "the health department",
    "the coast guard",
    "the chamber of commerce",
)
_OUTLETS = (
    "The Valley Courier",
    "Northern Ledger",
    "Harbour Post",
    "The Daily Meridian",
    "Ostwick Times",
)
_TOPICS = ("repairs", "budget", "tariffs", "ceasefire", "strike", "floods", "elections", "pensions")
_QUOTES = (
    "We will not accept these terms",
    "The situation is under control",
    "Nobody expected the damage to be this severe",
    "We are ready to talk whenever they are",
    "This decision will cost jobs in every town along the coast",
    "Our patience has limits",
    "The figures speak for themselves",
    "We have asked for an independent inquiry",
)
_SENTENCES = (
    "{p}, {r}, said on {d} that {o} would meet again in {l} to discuss the {t}.",
    "Police in {l} arrested {n} protesters outside the town hall on {d}, witnesses said.",
    "{O} announced new tariffs on steel imports from {l} on {d}.",
    '"{q}," {p}, {r}, told reporters in {l}.',
    "According to {r}, the talks in {l} may resume before the end of the month.",
    "Negotiators from {l} met their counterparts from {l2} on {d} but reached no agreement.",
    "{p} denied that any ships had been delayed at the harbour in {l}.",
    "Officials in {l} said floods had closed {n} roads and damaged a bridge on {d}.",
    "The government of {l} might lift the restrictions next year, {r} said.",
    "Dock workers in {l} walked off the job on {d} after the wage talks collapsed.",
    '{p} said the {t} plan was "a mistake" and warned that {o} could lose its funding.',
    "{n} people were injured when a protest in {l} turned violent on {d}, {o} reported.",
    "It is unclear whether {p} will attend the summit in {l2} on {d}.",
    "{p} accused {p2} of misleading voters about the {t} during a debate in {l}.",
    "The two sides signed an agreement in {l} on {d} to share water from the river.",
    "Prices in {l} rose by {n} percent in the year to {m}, {o} said.",
    "{p} resigned on {d}, days after {o} opened an investigation into the {t}.",
    "Troops from {l} withdrew from the border area near {l2} last week, the army said.",
    "{p2}, {r}, said {o} had probably underestimated the cost of the {t}.",
    '"{q}," said {p2}, who has led {o} since {y}.',
    "Residents of {l} were told to leave their homes before the storm reached the coast on {d}.",
    "{O} will hold an emergency meeting in {l} on {d}, a spokeswoman confirmed.",
    "Analysts expect the {t} to dominate the campaign in {l} until {m}.",
    "{p} visited {l2} on {d} and promised aid to the families who lost their homes.",
)
_MONTHS = _words(
    "January February March April May June July August September October November December"
)


def _name(rng: random.Random) -> str:
    first = rng.choice(_FIRST_A) + rng.choice(_FIRST_B)
    last = rng.choice(_LAST_A) + rng.choice(_LAST_B)
    return f"{first} {last}"


def _place(rng: random.Random) -> str:
    return rng.choice(_PLACE_A) + rng.choice(_PLACE_B)


def _day(rng: random.Random, published: date) -> str:
    back = published - timedelta(days=rng.randint(0, 6))
    return rng.choice(
        (back.strftime("%A"), f"{back.day} {back.strftime('%B')}", "Monday", "last week")
    )


def article(rng: random.Random, words: int = 600) -> dict[str, str]:
    """One article as a JSONL record: title, outlet, published, text."""
    published = date(2026, 1, 1) + timedelta(days=rng.randint(0, 330))
    # A small cast per article, so names recur within it as in real reporting.
    people = [_name(rng) for _ in range(4)]
    places = [_place(rng) for _ in range(3)]
    topic = rng.choice(_TOPICS)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            org = rng.choice(_ORGS)
            sentences.append(
                rng.choice(_SENTENCES).format(
                    p=rng.choice(people),
                    p2=rng.choice(people),
                    r=rng.choice(_ROLES),
                    o=org,
                    O=org[0].upper() + org[1:],
                    l=rng.choice(places),
                    l2=rng.choice(places),
                    d=_day(rng, published),
                    t=rng.choice((topic, topic, rng.choice(_TOPICS))),
                    n=rng.randint(2, 40),
                    q=rng.choice(_QUOTES),
                    m=rng.choice(_MONTHS),
                    y=rng.randint(2001, 2025),
                )
            )
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    title = f"{topic.capitalize()} dispute in {places[0]}"
    return {
        "title": title,
        "outlet": rng.choice(_OUTLETS),
        "published": published.isoformat(),
        "text": title + "\n\n" + "\n\n".join(paragraphs),
    }


def articles(n: int, words: int = 600, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` articles, the same for the same seed (a stream: nothing held)."""
    rng = random.Random(seed)
    for _ in range(n):
        yield article(rng, words)


def write_jsonl(path: Path, n: int, words: int = 600, seed: int = 7) -> Path:
    """Write ``n`` articles to ``path`` as JSONL; returns the path."""
    with path.open("w", encoding="utf-8") as out:
        for record in articles(n, words, seed):
            out.write(json.dumps(record) + "\n")
    return path


def write_files(folder: Path, n: int, words: int = 600, seed: int = 7) -> Path:
    """Write ``n`` articles as one .txt file each (title line, blank line, body)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, record in enumerate(articles(n, words, seed)):
        (folder / f"article_{i:05d}.txt").write_text(record["text"], encoding="utf-8")
    return folder


def compare_parser(description: str, articles: int) -> argparse.ArgumentParser:
    """The arguments every ``compare_*`` script takes: the two ``src`` trees
    to alternate (A, B) and the size of the generated corpus."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("src_a", type=Path)
    parser.add_argument("src_b", type=Path)
    parser.add_argument("--articles", type=int, default=articles)
    parser.add_argument("--words", type=int, default=600)
    return parser


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the JSONL file to write")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_jsonl(args.out, args.articles, args.words, args.seed)


if __name__ == "__main__":
    main()
