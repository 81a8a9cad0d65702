"""Cue *extent* errors on PolNeAR: right head, wrong span (counts only).

Usage::

    python scripts/cue_extent_errors.py --data ../shared/eval/polnear/dev \
        [--skip N] [--limit N] [--show LABEL]

Three views, each counting gold cues whose head is found and whether the
whole span is exactly gold's (as ``claimgraph eval attribution`` compares
it: trimmed characters):

- **pipeline**: the predicted cues of the attribution stage whose head word
  (the root of the cue span) is a gold cue's head;
- **oracle**: the gold cue heads fed through the cue code
  (``attribution_errors.py --oracle``), same comparison;
- **model**: the span the extent model alone grows from each gold head
  (:func:`claimgraph.extract.cue_extent.span_indices`), as the pipeline
  builds a cue (the stretch from its first word to its last, cut where the
  *gold* content or source begins; no construction extras), compared by
  word tokens.

A miss is *long* (words beyond gold's), *short* (words missing) or *both*.
Each child of the head whose state differs is counted as
``dep gold>pred`` with the states ``out``, ``word`` (the child alone),
``tree`` (its whole subtree) and ``part`` (the child and some of its
descendants, or descendants only); where both take the child itself the
comparison goes one level down (``dobj>prep ...``). Words outside the head's
subtree are ``outside`` (e.g. a governing verb gold includes). ``--show
LABEL`` prints the examples of one label to the terminal for reading (never
into the repository). The held-out tenth of train is ``--skip 756``.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from attribution_errors import _oracle_cues, _relations, parsed_articles
from claimgraph.evaluate.attribution import _trim
from claimgraph.extract import attribution as stage
from claimgraph.extract import doc_arrays
from claimgraph.extract.cue_extent import span_indices
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.options import Options
from train_cue_extent import _clip, _edges, gold_relations

# Dependencies whose child is a closed-class word: its form is shown in the
# label ("prep/in", "aux/did"), the other deps by dependency only.
_FUNCTION_DEPS = frozenset({"prep", "aux", "auxpass", "neg", "prt", "advmod", "mark", "det"})


def _gold_spans(parsed, text: str, to_raw: list[int], relations) -> list[tuple]:
    """(trimmed raw span, spaCy span) per gold cue that aligns with the parse."""
    to_norm = {r: n for n, r in enumerate(to_raw)}
    out = []
    for rel in relations:
        s, e = _trim(text, rel.cue)
        if s >= e or s not in to_norm:
            continue
        ns = to_norm[s]
        last = next((to_norm[k] for k in range(e - 1, s - 1, -1) if k in to_norm), ns)
        span = parsed.doc.char_span(ns, last + 1, alignment_mode="expand")
        if span is not None and len(span):
            out.append(((s, e), span))
    return out


def _words(doc, start: int, end: int) -> set[int]:
    """Non-punctuation token indices of the token range."""
    return {i for i in range(start, end) if not doc[i].is_punct and not doc[i].is_space}


def _state(token, words: set[int]) -> str:
    sub = {t.i for t in token.subtree if not t.is_punct}
    inside = sub & words
    if not inside:
        return "out"
    if inside == sub:
        return "word" if len(sub) == 1 else "tree"
    return "word" if inside == {token.i} else "part"


def _label(token) -> str:
    dep = token.dep_
    return f"{dep}/{token.lower_}" if dep in _FUNCTION_DEPS else dep


def differences(head, gold: set[int], pred: set[int], path: str = "") -> list[str]:
    """One label per child of ``head`` whose state differs, going down where
    both sides take the child but differ below it."""
    out = []
    for child in head.children:
        if child.is_punct:
            continue
        g, p = _state(child, gold), _state(child, pred)
        name = f"{path}{_label(child)}"
        if g == p and g != "part":
            continue
        if child.i in gold and child.i in pred:  # both take the child: look below it
            out.extend(differences(child, gold, pred, f"{name}>"))
            continue
        out.append(f"{name} {g}>{p}")
    return out


def classify(head, gold: set[int], pred: set[int]) -> tuple[str, list[str]]:
    """(``long``/``short``/``both``, the differing children's labels)."""
    extra, missing = pred - gold, gold - pred
    kind = "both" if extra and missing else "long" if extra else "short"
    inside = {t.i for t in head.subtree}
    labels = differences(head, gold, pred)
    for i in sorted((extra | missing) - inside):
        token = head.doc[i]
        side = "extra" if i in extra else "missing"
        rel = "ancestor" if token.is_ancestor(head) else "other"
        labels.append(f"outside {side} {rel} {token.dep_}")
    return kind, labels or ["(no child)"]


class Tally:
    """Counts of one view."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.heads = self.exact = 0
        self.kinds: Counter = Counter()
        self.labels: Counter = Counter()
        self.lemmas: Counter = Counter()
        self.examples: dict[str, list[str]] = {}

    def add(self, head, gold: set[int], pred: set[int], exact: bool, show: str | None) -> None:
        self.heads += 1
        if exact:
            self.exact += 1
            return
        kind, labels = classify(head, gold, pred)
        self.kinds[kind] += 1
        self.lemmas[head.lemma_.lower()] += 1
        for label in set(labels):
            self.labels[label] += 1
            if show and (show == label or show == "all"):
                doc = head.doc

                def text(ids: set[int], doc=doc) -> str:
                    return " ".join(doc[i].text for i in sorted(ids))

                sent = head.sent.text.replace("\n", " / ")
                self.examples.setdefault(label, []).append(
                    f"  gold={text(gold)!r} pred={text(pred)!r}\n    {sent}"
                )

    def report(self, top: int) -> None:
        share = self.exact / self.heads if self.heads else 0.0
        print(f"== {self.name}: head found {self.heads}, exact {self.exact} ({share:.3f})")
        print("   kinds:", dict(self.kinds.most_common()))
        print("   lemmas:", dict(self.lemmas.most_common(12)))
        for label, count in self.labels.most_common(top):
            print(f"   {count:4d} {label}")
        for label, lines in self.examples.items():
            print(f"-- {label}")
            print("\n".join(lines))


def _predicted(parsed, to_raw, units) -> list[tuple]:
    """(trimmed raw span, spaCy span) per predicted cue."""
    out = []
    for rel in _relations(units):
        s, e = rel.cue
        span = parsed.doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            raw = (to_raw[s], to_raw[e - 1] + 1)
            out.append((raw, span))
    return out


def _by_head(text: str, tally: Tally, golds, preds, show) -> None:
    by_head = {span.root.i: (raw, span) for raw, span in preds}
    for graw, gspan in golds:
        hit = by_head.get(gspan.root.i)
        if hit is None:
            continue
        praw, pspan = hit
        doc = gspan.doc
        exact = _trim(text, praw) == graw
        gold = _words(doc, gspan.start, gspan.end)
        pred = _words(doc, pspan.start, pspan.end)
        tally.add(gspan.root, gold, pred, exact, show)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--skip", type=int, default=0, help="articles to pass over first")
    ap.add_argument("--top", type=int, default=40, help="labels printed per view")
    ap.add_argument("--show", help="print the examples of one label ('all': every label)")
    ap.add_argument("--views", default="pipeline,oracle,model")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "claimgraph-parses"))
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(exist_ok=True)
    views = args.views.split(",")
    dictionary = load_dictionary(Options().dictionaries)
    tallies = {v: Tally(v) for v in views}
    gold_total = 0
    for article, parsed, to_raw, actors in parsed_articles(
        args.data, args.skip, args.limit, cache, dictionary
    ):
        text = article.text
        golds = _gold_spans(parsed, text, to_raw, article.relations)
        gold_total += len(golds)
        if "pipeline" in tallies:
            units = list(stage.claim_units(parsed, actors))
            _by_head(text, tallies["pipeline"], golds, _predicted(parsed, to_raw, units), args.show)
        if "oracle" in tallies:
            with _oracle_cues({span.root.i for _, span in golds}):
                units = list(stage.claim_units(parsed, actors))
            _by_head(text, tallies["oracle"], golds, _predicted(parsed, to_raw, units), args.show)
        if "model" in tallies:
            a = doc_arrays(parsed.doc)
            for cue in gold_relations(article, parsed):
                span = cue.span
                head = span.root
                gold = _words(parsed.doc, span.start, span.end)
                grown = _clip(head.i, [head.i, *span_indices(a, head.i)], [cue.content, cue.source])
                edges = _edges(a, grown)
                pred = _words(parsed.doc, edges[0], edges[1] + 1) if edges else set()
                tallies["model"].add(head, gold, pred, pred == gold, args.show)
    print(f"gold cues aligned: {gold_total}")
    for view in views:
        tallies[view].report(args.top)


if __name__ == "__main__":
    main()
