"""Fit the event coreference pair scorer (resolve/event_coref.py WEIGHTS).

    .venv/bin/python scripts/train_event_coref.py --data ../shared/eval/ecbplus [--topics odd]

Reads ECB+ (gold mentions, gold subtopics, exactly as ``claimgraph eval
ecb-events`` builds its records), takes the candidate pairs of
:func:`claimgraph.resolve.event_coref.candidate_pairs` in the chosen topics
(default: the odd-numbered ones, the tuning half; even topics stay held out),
labels a pair 1 when both mentions are in one gold chain, and fits an
L2-regularized logistic regression. Prints the weights as a Python dict to
paste into ``WEIGHTS``: feature names and numbers only, no gold text.
About a minute (the spaCy parse of the coreference sentences dominates).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from claimgraph.evaluate import ecb
from claimgraph.nlp import pipeline
from claimgraph.options import Options
from claimgraph.resolve.coref import CorefMention, normalize_heads
from claimgraph.resolve.event_coref import (
    candidate_pairs,
    context_idf,
    document_vectors,
    fit_logistic,
    scope_groups,
)

# L2 strength: 0.3, 1 and 3 gave the same odd-topic CoNLL F1 within 0.001.
L2 = 1.0


def training_rows(
    records: Sequence[CorefMention],
    gold: Mapping[str, str],
    words: Mapping,
    keep_topic,
) -> tuple[list[list[float]], list[bool], list[float]]:
    """Feature rows, labels and sample weights of the candidate pairs in the kept topics.

    Head keys and context IDF are computed over all records, as at prediction
    time; only the pairs (and so the labels) are restricted to kept topics. A
    pair weighs 1/(nᵢ·nⱼ), nᵢ the mentions sharing mention i's key in its
    scope, so each pair of heads weighs about the same however often the heads
    occur: a head seen 40 times brings 780 pairs, and without the weight those
    few heads decide the fit. Odd topics, best threshold each: unweighted
    0.8046, 1/sqrt(nᵢ·nⱼ) 0.8058, 1/(nᵢ·nⱼ)^0.75 0.8088, 1/(nᵢ·nⱼ) 0.8090,
    1/(nᵢ·nⱼ)^1.5 0.8083 (event CoNLL F1).
    """
    keys = normalize_heads(m.key or m.head for m in records)
    idf = context_idf(records)
    vectors = document_vectors(words, {m.doc: m.topic for m in records})
    rows: list[list[float]] = []
    labels: list[bool] = []
    weights: list[float] = []
    for group in scope_groups(records).values():
        if not keep_topic(group[0].topic):
            continue
        pairs, features = candidate_pairs(group, keys, idf, vectors)
        k = [keys[m.key or m.head] for m in group]
        counts = Counter(k)
        rows.extend(features)
        labels.extend(gold[group[i].id] == gold[group[j].id] for i, j in pairs)
        weights.extend(1 / (counts[k[i]] * counts[k[j]]) for i, j in pairs)
    return rows, labels, weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ECB+ release folder")
    parser.add_argument("--topics", choices=("odd", "even", "all"), default="odd")
    args = parser.parse_args()
    documents = list(ecb.read_corpus(args.data))
    scopes = ecb.scopes_for(documents, "gold")
    records = [
        m
        for m in ecb.coref_mentions(documents, pipeline(Options().model), scopes)
        if m.kind == "event"
    ]
    gold = {m.id: m.gold for d in documents for m in d.mentions}
    words = {d.name: ecb.document_words(ecb.document_text(d)) for d in documents}
    parity = {"odd": 1, "even": 0}.get(args.topics)
    rows, labels, sample_weights = training_rows(
        records, gold, words, lambda t: parity is None or int(t) % 2 == parity
    )
    weights = fit_logistic(rows, labels, L2, sample_weights)
    print(f"# {len(rows)} candidate pairs, {sum(labels)} coreferent")
    print(json.dumps(weights, indent=4))


if __name__ == "__main__":
    main()
