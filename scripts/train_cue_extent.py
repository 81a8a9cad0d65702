"""Train the cue-extent model (data/cue_extent.json) alone.

    .venv/bin/python scripts/train_cue_extent.py --data ../shared/eval/polnear/train \
        [--cache /tmp/extent-train.spacy] [--out-dir src/claimgraph/data] [--dry-run]

Reads the PolNeAR *training* split as ``scripts/train_cue_model.py`` does (it
shares that script's parse cache and perceptron) and learns, for every child
of a gold cue's head, whether the gold span leaves it out, takes the child
word only (its own children then decided in turn) or its whole subtree
(:mod:`claimgraph.extract.cue_extent`). The last tenth of the articles is held
out and reported:

- ``accuracy``: child decisions right;
- ``span exact``: whole spans grown from the gold head, as sets of words;
- ``hull exact``: the same as the pipeline builds a cue (the stretch from its
  first word to its last, cut where the gold content or source begins), which
  is what ``claimgraph eval attribution`` compares.

``cue_model.json`` (the head scorer) is never touched. The output holds
feature names and weights only: no gold text.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claimgraph.evaluate.attribution import _trim, aligned_offsets
from claimgraph.extract import DocArrays, doc_arrays
from claimgraph.extract.cue_extent import (
    INNER,
    MAX_DEPTH,
    OUT,
    SUBTREE,
    WORD,
    child_features,
    span_indices,
)
from train_cue_model import SEED, train, training_set

DATA = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data"
# Features seen in fewer than two training examples are dropped, and weights
# under 0.05 in every class (held-out accuracy 0.94 either way, session 4).
EXTENT_MIN_COUNT = 2
EXTENT_PRUNE = 0.05
# 20 epochs: held-out hull exact 0.8728 against 0.8732 (four tenths, session 6).
EXTENT_EPOCHS = 10

TokenRange = tuple[int, int]


@dataclass(frozen=True)
class Settings:
    """What is learned: three classes (out/word/subtree) or four (``--inner``:
    :data:`claimgraph.extract.cue_extent.INNER`), from how many example orders."""

    classes: int = 3
    orders: int = 1


class GoldCue:
    """One gold cue as token ranges of the parse: the cue span, its content and source."""

    __slots__ = ("span", "content", "source")

    def __init__(self, span, content: TokenRange | None, source: TokenRange | None) -> None:
        self.span = span
        self.content = content
        self.source = source


def _token_range(doc, to_norm: dict[int, int], text: str, raw) -> TokenRange | None:
    if raw is None:
        return None
    start, end = _trim(text, raw)
    if start >= end or start not in to_norm:
        return None
    last = next((to_norm[k] for k in range(end - 1, start - 1, -1) if k in to_norm), None)
    if last is None:
        return None
    span = doc.char_span(to_norm[start], last + 1, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _cue_range(doc, to_norm: dict[int, int], text: str, raw) -> TokenRange | None:
    """A cue's tokens as :func:`train_cue_model.gold_cues` maps them (its start,
    then its raw length): the mapping the shipped weights were learned with."""
    start, end = _trim(text, raw)
    if start >= end or start not in to_norm:
        return None
    s = to_norm[start]
    span = doc.char_span(s, s + (end - start), alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def gold_relations(article, parsed) -> list[GoldCue]:
    """The article's gold cues (trimmed) with their contents and sources, where they align."""
    to_raw = aligned_offsets(article.text, parsed.text)
    to_norm: dict[int, int] = {}
    for i, raw in enumerate(to_raw):
        to_norm.setdefault(raw, i)
    doc = parsed.doc
    out = []
    for relation in article.relations:
        cue = _cue_range(doc, to_norm, article.text, relation.cue)
        if cue is None:
            continue
        out.append(
            GoldCue(
                doc[cue[0] : cue[1]],
                _token_range(doc, to_norm, article.text, relation.content),
                _token_range(doc, to_norm, article.text, relation.source),
            )
        )
    return out


def extent_examples(cues: list[GoldCue], classes: int = 3) -> list[tuple[list[str], int]]:
    """(features, class) for every child of each gold cue head: 0 out, 1 word,
    2 subtree (3 inner: out, some descendants in, with ``classes`` 4)."""
    out: list[tuple[list[str], int]] = []
    for cue in cues:
        span = cue.span
        _extent_children(span.root, set(range(span.start, span.end)), 1, classes, out)
    return out


def _extent_children(head, inside: set[int], depth: int, classes: int, out: list) -> None:
    """Examples for ``head``'s children; a child inside as a word only has its
    own children labelled in turn, as
    :func:`claimgraph.extract.cue_extent.span_indices` decides them."""
    for child in head.children:
        if child.is_punct or child.is_space:
            continue
        subtree = {t.i for t in child.subtree}
        if child.i in inside:
            label = SUBTREE if subtree <= inside else WORD
        else:
            label = INNER if classes > INNER and subtree & inside else OUT
        out.append((child_features(head, child, depth), label))
        if label in (WORD, INNER) and depth < MAX_DEPTH:
            _extent_children(child, inside, depth + 1, classes, out)


def learn(data, settings: Settings) -> dict[str, list[float]]:
    """Weights averaged over ``settings.orders`` perceptrons that differ only in
    the order they see the examples (five orders: held-out hull exact 0.8761
    against 0.8760 for one, four tenths, session 6)."""
    total: dict[str, np.ndarray] = {}
    n = settings.orders
    for k in range(n):
        names, averaged = train(data, settings.classes, EXTENT_EPOCHS, EXTENT_MIN_COUNT, SEED + k)
        for f, row in zip(names, averaged, strict=True):
            total[f] = total[f] + row if f in total else row.copy()
    return {
        f: [round(float(w) / n, 4) for w in row]
        for f, row in total.items()
        if np.abs(row).max() / n >= EXTENT_PRUNE
    }


def _edges(a: DocArrays, ids) -> TokenRange | None:
    """First and last word (punctuation aside) of the stretch covering ``ids``."""
    if not ids:
        return None
    words = [i for i in range(min(ids), max(ids) + 1) if not a.punct[i] and not a.space[i]]
    return (words[0], words[-1]) if words else None


def _clip(h: int, ids: list[int], spans: list[TokenRange | None]) -> list[int]:
    """``ids`` without those at or beyond a gold content or source, seen from the head
    (:func:`claimgraph.extract.attribution_model.clipped`, in tokens)."""
    live = [s for s in spans if s is not None]

    def blocked(i: int, s: TokenRange) -> bool:
        if i > h:
            return s[0] > h and i >= s[0]
        return i < h and s[1] <= h and i < s[1]

    return [i for i in ids if not any(blocked(i, s) for s in live)]


def scores(weights: dict[str, list[float]], held: list, parsed, cues) -> dict[str, float]:
    """Held-out child accuracy, span exact and hull exact (see the module doc)."""
    right = 0
    for feats, label in held:
        total = [0.0] * 4
        for f in feats:
            for k, w in enumerate(weights.get(f, ())):
                total[k] += w
        width = len(next(iter(weights.values()), [0, 0, 0]))
        right += int(max(range(width), key=lambda k: total[k]) == label)
    spans = hulls = n = 0
    for p, golds in zip(parsed, cues, strict=True):
        a = doc_arrays(p.doc)
        for cue in golds:
            span = cue.span
            h = span.root.i
            grown = [h, *span_indices(a, h, weights=weights)]
            gold = {i for i in range(span.start, span.end) if not a.punct[i]}
            spans += {i for i in grown if not a.punct[i]} == gold
            hulls += _edges(a, _clip(h, grown, [cue.content, cue.source])) == _edges(a, gold)
            n += 1
    return {
        "accuracy": right / len(held) if held else 0.0,
        "span_exact": spans / n if n else 0.0,
        "hull_exact": hulls / n if n else 0.0,
    }


def fit(parsed, cues, cut: int, provenance: str, settings: Settings) -> tuple[dict, str]:
    """The extent model's JSON (fit on the first ``cut`` articles) and a one-line summary."""
    per_article = [extent_examples(c, settings.classes) for c in cues]
    fit_x = [x for xs in per_article[:cut] for x in xs]
    held_x = [x for xs in per_article[cut:] for x in xs]
    weights = learn(fit_x, settings)
    held = scores(weights, held_x, parsed[cut:], cues[cut:])
    classes = "out/word/subtree" + ("/inner" if settings.classes > INNER else "")
    model = {
        "model": f"averaged perceptron, classes {classes} (claimgraph.extract.cue_extent)",
        "trained_on": provenance,
        "examples": len(fit_x),
        "epochs": EXTENT_EPOCHS,
        "min_count": EXTENT_MIN_COUNT,
        "seed": SEED,
        "held_out_accuracy": round(held["accuracy"], 4),
        "held_out_span_exact": round(held["span_exact"], 4),
        "weights": weights,
    }
    if settings.orders > 1:
        model["orders"] = settings.orders
    summary = (
        f"extent: {len(weights)} weights, held-out accuracy {held['accuracy']:.4f}, "
        f"span exact {held['span_exact']:.4f}, hull exact {held['hull_exact']:.4f}"
    )
    return model, summary


def _cross_validate(parsed, cues, folds: int, settings: Settings) -> None:
    """Held-out scores on ``folds`` disjoint tenths (the last tenth first), each
    fit on the other nine: one tenth (about 1,070 cues) moves by 0.003 with the
    order of the examples alone, too much to tell features apart on one."""
    n = len(parsed)
    tenth = n // 10
    totals: dict[str, float] = {}
    for k in range(folds):
        start = n - tenth if k == 0 else (k - 1) * (n - tenth) // max(folds - 1, 1)
        held = range(start, start + tenth)
        keep = [i for i in range(n) if i not in held]
        fit_x = [x for i in keep for x in extent_examples(cues[i], settings.classes)]
        held_x = [x for i in held for x in extent_examples(cues[i], settings.classes)]
        weights = learn(fit_x, settings)
        got = scores(weights, held_x, [parsed[i] for i in held], [cues[i] for i in held])
        shown = ", ".join(f"{key} {v:.4f}" for key, v in got.items())
        print(f"fold {k} (articles {start}-{start + tenth}): {shown}", file=sys.stderr)
        for key, v in got.items():
            totals[key] = totals.get(key, 0.0) + v / folds
    print("mean: " + ", ".join(f"{key} {v:.4f}" for key, v in totals.items()), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="PolNeAR training split folder")
    parser.add_argument("--cache", default=None, help="DocBin file to reuse the parses")
    parser.add_argument("--out-dir", default=str(DATA))
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument(
        "--folds", type=int, default=1, help="also report the mean over this many held-out tenths"
    )
    parser.add_argument(
        "--inner", action="store_true", help="learn the fourth class (cue_extent.INNER)"
    )
    parser.add_argument("--orders", type=int, default=1, help="average over this many orders")
    args = parser.parse_args(argv)
    settings = Settings(classes=4 if args.inner else 3, orders=args.orders)
    started = time.process_time()
    _, parsed, cues, cut, provenance = training_set(args.data, args.cache, gold_relations)
    if args.folds > 1:
        _cross_validate(parsed, cues, args.folds, settings)
    model, summary = fit(parsed, cues, cut, provenance, settings)
    if not args.dry_run:
        text = json.dumps(model, indent=0, sort_keys=True) + "\n"
        (Path(args.out_dir) / "cue_extent.json").write_text(text, encoding="utf-8")
    print(f"{summary}; {time.process_time() - started:.0f} s CPU", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
