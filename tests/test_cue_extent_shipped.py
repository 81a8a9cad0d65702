"""The cue-extent model's shipped-weights path decides as its feature names do.

:func:`claimgraph.extract.cue_extent.decide_at` without ``weights`` looks the
shipped weights up from the feature parts (no feature strings); with
``weights`` it adds the weights of :func:`child_features_at`'s names, as the
training scripts do. Both must give the same class for every child, at every
depth, on the bundled sample corpus and fictional sentences (a token holding
"|" included).
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.extract import cue_extent, doc_arrays
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse

ROOT = Path(__file__).resolve().parents[1]

FICTIONAL = (
    "Mr. Dorran raised questions about the cost at a briefing on Monday, "
    "and the council has not yet said whether it will pay. "
    "The mayor, speaking in a phone interview, pointed out that the pier | the dock "
    "would close. “We will never agree,” Ms. Quill told reporters in Lorrow."
)


def _compare(text: str) -> int:
    a = doc_arrays(parse(document_from_text(text)).doc)
    weights = cue_extent._weights()
    checked = 0
    for h in range(len(a.texts)):
        for c in a.children[h]:
            for depth in (1, 2, 3):
                fast = cue_extent.decide_at(a, h, c, depth)
                assert fast == cue_extent.decide_at(a, h, c, depth, weights), (h, c, depth)
                checked += 1
    return checked


def test_shipped_path_equals_the_feature_names_on_fictional_sentences():
    assert cue_extent.available()
    assert _compare(FICTIONAL) > 100


def test_shipped_path_equals_the_feature_names_on_the_sample_corpus():
    paths = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    assert paths, "the bundled sample corpus is missing"
    assert sum(_compare(p.read_text(encoding="utf-8")) for p in paths) > 8000


def test_every_class_is_chosen_somewhere():
    # (a path that always answered OUT would pass the equality tests on few words)
    a = doc_arrays(parse(document_from_text(FICTIONAL)).doc)
    kinds = {cue_extent.decide_at(a, h, c) for h in range(len(a.texts)) for c in a.children[h]}
    assert {cue_extent.OUT, cue_extent.WORD, cue_extent.SUBTREE} <= kinds
