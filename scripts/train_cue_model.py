"""Train the attribution cue scorer (src/claimgraph/data/cue_model.json).

    .venv/bin/python scripts/train_cue_model.py --data ../shared/eval/polnear/train \
        [--epochs 8] [--cache /tmp/polnear-train.spacy] [--out src/claimgraph/data/cue_model.json]

Reads the PolNeAR *training* split (brat standoff; one annotation file per
article, the first in sorted order, as the evaluation harness does), parses it
with claimgraph's spaCy pipeline, and labels each candidate token of a body
sentence 1 when it is the syntactic head of a gold ``Cue`` span, else 0. An
averaged perceptron (Collins 2002) learns weights over the features of
:func:`claimgraph.extract.cues_model.features`; the last tenth of the articles
is held out to pick the decision threshold that maximizes head F1 there. The
output holds feature names, weights and the threshold only: no gold text.
Deterministic: a fixed seed orders the training examples.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from claimgraph.evaluate import offset_map
from claimgraph.evaluate.attribution import read_articles
from claimgraph.extract.attribution import quote_regions
from claimgraph.extract.cues_model import candidate, features
from claimgraph.inputs import document_from_text
from claimgraph.nlp import Parsed, parse_many

OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "cue_model.json"
SEED = 13
# Features seen fewer times than this in the training split are dropped before
# training: rare word pairs are noise for 18k positive examples; without the
# cut-off the file was 2.7 MB, with it the same held-out F1 (0.80) at half that.
MIN_COUNT = 5
# Averaged weights smaller than this change few decisions (the bias alone is
# about -11): measured on PolNeAR dev, dropping them halves the file (1.4 MB to
# 0.7 MB) for -0.005 cue exact F1.
PRUNE = 1.0


def _parsed(articles, cache: str | None) -> list[Parsed]:
    documents = [document_from_text(a.text) for a in articles]
    if cache and Path(cache).exists():
        import spacy
        from spacy.tokens import DocBin

        # A DocBin stores its own strings: any English vocabulary reads it back.
        docs = DocBin().from_disk(cache).get_docs(spacy.blank("en").vocab)
        return [Parsed(d, doc) for d, doc in zip(documents, docs, strict=True)]
    parsed = list(parse_many(documents))
    if cache:
        from spacy.tokens import DocBin

        bin_ = DocBin(store_user_data=True)
        for p in parsed:
            bin_.add(p.doc)
        bin_.to_disk(cache)
    return parsed


def examples(article, parsed: Parsed) -> list[tuple[list[str], int]]:
    """(features, label) for every candidate token of the article's body sentences."""
    to_raw = offset_map(article.text, parsed.text)
    to_norm: dict[int, int] = {}
    for i, raw in enumerate(to_raw):
        to_norm.setdefault(raw, i)
    heads = set()
    for relation in article.relations:
        start, end = relation.cue
        if start not in to_norm:
            continue
        s = to_norm[start]
        span = parsed.doc.char_span(s, s + (end - start), alignment_mode="expand")
        if span is not None and len(span):
            heads.add(span.root.i)
    out = []
    for block in parsed.document.blocks:
        if block.kind != "body":
            continue
        quotes = quote_regions(parsed.text, block.span)
        span = parsed.doc.char_span(*block.span, alignment_mode="expand")
        for token in span or ():
            if candidate(token):
                out.append((features(token, quotes), int(token.i in heads)))
    return out


def train(data: list[tuple[list[str], int]], epochs: int) -> dict[str, float]:
    """Averaged perceptron, labels in {0, 1}, decision at score > 0."""
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    step = 0
    order = list(range(len(data)))
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            step += 1
            feats, label = data[i]
            guess = int(sum(weights.get(f, 0.0) for f in feats) > 0)
            if guess == label:
                continue
            delta = 1.0 if label else -1.0
            for f in feats:
                totals[f] += (step - stamps[f]) * weights[f]
                stamps[f] = step
                weights[f] += delta
    return {f: (totals[f] + (step - stamps[f]) * weights[f]) / step for f in weights}


def best_threshold(weights: dict[str, float], held: list) -> tuple[float, float]:
    scored = sorted(
        ((sum(weights.get(f, 0.0) for f in feats), label) for feats, label in held), reverse=True
    )
    gold = sum(label for _, label in held)
    best, best_f1, tp = 0.0, 0.0, 0
    for n, (score, label) in enumerate(scored, start=1):
        tp += label
        f1 = 2 * tp / (n + gold) if gold else 0.0
        if f1 > best_f1 and (n == len(scored) or scored[n][0] < score):
            best_f1 = f1
            best = (score + scored[n][0]) / 2 if n < len(scored) else score - 1e-6
    return best, best_f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="PolNeAR training split folder")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--cache", default=None, help="DocBin file to reuse the parses")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    articles = list(read_articles(args.data))
    parsed = _parsed(articles, args.cache)
    per_article = [examples(a, p) for a, p in zip(articles, parsed, strict=True)]
    cut = len(per_article) * 9 // 10
    fit = [x for xs in per_article[:cut] for x in xs]
    held = [x for xs in per_article[cut:] for x in xs]
    seen = Counter(f for feats, _ in fit for f in feats)
    fit = [([f for f in feats if seen[f] >= MIN_COUNT], label) for feats, label in fit]
    weights = train(fit, args.epochs)
    threshold, f1 = best_threshold(weights, held)
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= PRUNE}
    model = {
        "model": "averaged perceptron over token features (claimgraph.extract.cues_model)",
        "trained_on": f"PolNeAR train split: {cut} articles fit, {len(per_article) - cut} held out",
        "examples": len(fit),
        "positives": sum(label for _, label in fit),
        "epochs": args.epochs,
        "min_count": MIN_COUNT,
        "seed": SEED,
        "threshold": round(threshold, 4),
        "held_out_head_f1": round(f1, 4),
        "weights": kept,
    }
    Path(args.out).write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    summary = f"{len(kept)} weights, threshold {threshold:.3f}, held-out head F1 {f1:.3f}"
    print(summary, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
