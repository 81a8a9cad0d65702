"""Syndication detection on generated copies of the bundled sample corpus.

    .venv/bin/python bench/bench_syndication.py [--variants N] [--seed S]

Every distinct story of ``examples/corpus`` (the three Meridian port-strike
copies are one story, see examples/corpus/README.md; the other strike reports
are independent) gets ``N`` generated syndicated copies, each with a new
headline and outlet and a random mix of: inserted boilerplate lines, an
inserted byline or wire credit, the last 1-2 paragraphs trimmed, paragraphs
reordered, a few words edited, and (one in four) a paragraph borrowed from
another story. Prints pairwise precision and recall of family
assignment against the stories, and the family counts. Deterministic for a
seed; the corpus is fictional, so the benchmark needs nothing from ../shared.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from claimgraph.inputs import document_from_text, read
from claimgraph.records import Document
from claimgraph.resolve.syndication import (
    DEFAULT_THRESHOLDS,
    Thresholds,
    families,
    shingles,
    similarity,
)

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
# The corpus's real syndicated copies (examples/corpus/README.md, section 2).
COPIES_OF = {
    "coastline-port-strike-wire": "meridian-port-strike",
    "valley-courier-port-strike-wire": "meridian-port-strike",
}
OUTLETS = ("Bayside Post", "Inland Herald", "Metro Dispatch", "Lakeside Times", "Hill Gazette")
HEADLINES = ("Latest: {}", "{} — what we know", "Update: {}", "{}, officials say")
BOILERPLATE = (
    "Also read: Council votes on new parking rules",
    "Share this article",
    "Follow us on Twitter for the latest updates",
    "Subscribe to our newsletter",
    "Advertisement",
    "Click here to download our app",
)
CREDITS = (
    "By Staff Writer (Meridian Wire Service)",
    "With agency inputs",
    "By The Associated Press",
    "By Reuters",
)
# Small copy-desk edits: one word for another, as subeditors do.
EDITS = {
    "said": "says",
    "about": "around",
    "neighbouring": "neighboring",
    "labour": "labor",
    "would": "will",
    "percent": "per cent",
}


@dataclass(frozen=True, slots=True)
class Item:
    document: Document
    story: str  # gold family: the original's file stem
    kind: str  # "original" or the transformations applied


def corpus() -> list[tuple[str, Document]]:
    out = []
    for result in read([str(CORPUS)]):
        if isinstance(result, Document) and result.source:
            out.append((Path(result.source).stem, result))
    return sorted(out, key=lambda pair: pair[0])


def _paragraphs(document: Document) -> tuple[str | None, list[str]]:
    """Title and the body paragraphs (datelines kept with their paragraph)."""
    title = None
    paragraphs: list[str] = []
    dateline = ""
    for block in document.blocks:
        text = document.text[block.span[0] : block.span[1]]
        if block.kind == "title":
            title = text
        elif block.kind == "dateline":
            dateline = text + " "
        elif block.kind == "body":
            paragraphs.append(dateline + text)
            dateline = ""
    return title, paragraphs


def _edit(paragraph: str, rng: random.Random, count: int) -> str:
    words = paragraph.split(" ")
    for _ in range(count):
        i = rng.randrange(len(words))
        word = words[i]
        if word.lower() in EDITS and EDITS[word.lower()] != word.lower():
            words[i] = EDITS[word.lower()]
        elif rng.random() < 0.5 and len(words) > 3:
            del words[i]
        else:
            words.insert(i, rng.choice(("also", "now", "reportedly", "still")))
    return " ".join(words)


def variant(
    document: Document, rng: random.Random, number: int, others: list[Document]
) -> tuple[str, Document]:
    """A generated syndicated copy and the transformations applied to it.

    "borrow" inserts one paragraph of another story (an outlet quoting a
    second report): the copy must stay with its own story.
    """
    title, paragraphs = _paragraphs(document)
    applied = ["headline"]
    ops = [op for op in ("boilerplate", "credit", "trim", "reorder", "edit") if rng.random() < 0.5]
    lines: list[str] = []
    if "edit" in ops:
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(paragraphs))
            paragraphs[i] = _edit(paragraphs[i], rng, rng.randint(1, 3))
    if "trim" in ops and len(paragraphs) > 3:
        paragraphs = paragraphs[: -rng.randint(1, 2)]
    if "reorder" in ops and len(paragraphs) > 2:
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        paragraphs = head + rest
    if "boilerplate" in ops:
        for _ in range(rng.randint(1, 3)):
            paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(BOILERPLATE))
    if "credit" in ops:
        lines.append(rng.choice(CREDITS))
    if rng.random() < 0.25:
        ops.append("borrow")
        borrowed = _paragraphs(rng.choice(others))[1]
        paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(borrowed))
    applied += ops
    headline = rng.choice(HEADLINES).format(title or "News")
    text = "\n\n".join([headline, *lines, *paragraphs])
    copy = document_from_text(
        text,
        outlet=OUTLETS[number % len(OUTLETS)],
        published=document.published,
        source=f"{document.source}#variant{number}",
    )
    return "+".join(applied), copy


def generate(variants: int = 8, seed: int = 7) -> list[Item]:
    """The corpus (gold: its stories) plus ``variants`` copies of each story."""
    rng = random.Random(seed)
    items = []
    stories = corpus()
    for stem, document in stories:
        story = COPIES_OF.get(stem, stem)
        items.append(Item(document, story, "original"))
        if stem in COPIES_OF:
            continue
        for number in range(variants):
            others = [d for s, d in stories if COPIES_OF.get(s, s) != story]
            kind, copy = variant(document, rng, number, others)
            items.append(Item(copy, story, kind))
    return items


def score(items: list[Item], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> dict[str, float]:
    """Pairwise precision and recall of family assignment, and family counts."""
    found = families([item.document for item in items], thresholds)
    family_of = {member: f.id for f in found for member in f.members}
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_gold = a.story == b.story
        same_found = family_of[a.document.id] == family_of[b.document.id]
        tp += same_gold and same_found
        fp += same_found and not same_gold
        fn += same_gold and not same_found
    return {
        "documents": len(items),
        "gold_families": len({item.story for item in items}),
        "found_families": len(found),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }


def margins(items: list[Item]) -> dict[str, float]:
    """The gap the thresholds sit in, by exact containment and Jaccard.

    A document joins its family through its best-matching member, so for
    every document: its best match in its own story (the weakest of these is
    reported) and its best match in another story (the strongest).
    """
    hashes = [shingles(item.document) for item in items]
    own: dict[int, tuple[float, float]] = {}
    other: dict[int, tuple[float, float]] = {}
    for (i, a), (j, b) in combinations(enumerate(items), 2):
        pair = similarity(hashes[i], hashes[j])[::-1]  # (containment, jaccard)
        best = own if a.story == b.story else other
        for k in (i, j):
            best[k] = max(best.get(k, (0.0, 0.0)), pair)
    weakest = min(own.values(), default=(1.0, 1.0))
    strongest = max(other.values(), default=(0.0, 0.0))
    return {
        "weakest_copy_containment": weakest[0],
        "weakest_copy_jaccard": weakest[1],
        "strongest_other_containment": strongest[0],
        "strongest_other_jaccard": strongest[1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=8)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    items = generate(args.variants, args.seed)
    start = time.perf_counter()
    result = score(items)
    seconds = time.perf_counter() - start
    print(f"documents       {result['documents']}")
    print(f"gold families   {result['gold_families']}")
    print(f"found families  {result['found_families']}")
    print(f"precision       {result['precision']:.4f}")
    print(f"recall          {result['recall']:.4f}")
    print(f"seconds         {seconds:.2f}")
    for name, value in margins(items).items():
        print(f"{name:28} {value:.3f}")


if __name__ == "__main__":
    main()
