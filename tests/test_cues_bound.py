"""The Doc-wide score bound of :mod:`claimgraph.extract.cues_bound` never rules out a cue.

:func:`cues_model.cue_margin` scores a token exactly only when its bound is
over the threshold, so the bound must be at least the exact score of every
candidate, whatever the sentence split, quotation regions and quote-in-sentence
flag the caller passes. Checked here on the bundled sample corpus, fictional
sentences (a token holding "|", quotes at sentence edges), and PolNeAR dev
texts when ../shared is present.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from claimgraph.extract import cues_model, doc_arrays
from claimgraph.extract.attribution_syntax import quote_regions
from claimgraph.extract.cues_bound import SLACK, score_bounds
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear" / "dev" / "text"

FICTIONAL = (
    "The mayor said that the bridge would reopen, and critics called for a review. "
    '"We want answers," a resident told reporters | the council denied any delay. '
    "Her claim that the budget is balanced drew scorn from the opposition.\n\n"
    "“It is over,” Ms. Quill said. Officials in Lorrow believe the dam will hold, "
    "and the union wants to reopen talks, according to a statement. "
    "He was accused of hiding the funds; analysts think so too."
)


def _check(text: str, splits: int = 3, seed: int = 7) -> int:
    """Bound ≥ exact score for every candidate, under the parser's sentences and
    ``splits`` random re-splits, with and without the text's quotation regions."""
    parsed = parse(document_from_text(text))
    doc = parsed.doc
    a = doc_arrays(doc)
    bounds = score_bounds(a)
    rng = random.Random(seed)
    sentences = [(s.start, s.end) for s in doc.sents]
    for _ in range(splits):  # other splits: the sentence edges move
        cuts = sorted(rng.sample(range(1, len(doc)), min(len(doc) - 1, len(sentences))))
        edges = [0, *cuts, len(doc)]
        sentences += [(s, e) for s, e in zip(edges, edges[1:], strict=False) if s < e]
    regions = quote_regions(parsed.text, (0, len(parsed.text)))
    checked = 0
    for s, e in sentences:
        for i in range(s, e):
            if not cues_model.candidate_at(a, i):
                continue
            for quotes in ([], regions):
                for in_sentence in (False, True):
                    exact = cues_model.score_at(a, i, quotes, s, e, in_sentence)
                    assert bounds[i] + SLACK >= exact, (doc[i].text, s, e, exact, bounds[i])
                    checked += 1
    return checked


def test_bound_holds_on_fictional_sentences():
    assert _check(FICTIONAL, splits=6) > 200


def test_bound_holds_on_the_sample_corpus():
    paths = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    assert paths, "the bundled sample corpus is missing"
    checked = sum(_check(p.read_text(encoding="utf-8")) for p in paths)
    assert checked > 5000


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/eval/polnear/dev absent")
def test_bound_holds_on_polnear_dev_texts():
    paths = sorted(DEV.iterdir())[:20]
    assert sum(_check(p.read_text(encoding="utf-8"), splits=1) for p in paths) > 5000


@pytest.mark.parametrize("floor", [0.0, -2.0, -6.0])
def test_cue_margin_is_the_exact_margin_when_over(floor: float):
    # floor < 0: heads a caller tries below the threshold (attribution's main verbs).
    parsed = parse(document_from_text(FICTIONAL))
    a = doc_arrays(parsed.doc)
    regions = quote_regions(parsed.text, (0, len(parsed.text)))
    bar = cues_model.threshold()
    over = under = 0
    for sentence in parsed.doc.sents:
        s, e = sentence.start, sentence.end
        in_sentence = cues_model.sentence_has_quote(a, s, e)
        for i in range(s, e):
            if not cues_model.candidate_at(a, i):  # punctuation, determiners ...
                assert cues_model.cue_margin(a, i, regions, s, e, floor=floor) is None
                continue
            exact = cues_model.score_at(a, i, regions, s, e, in_sentence) - bar
            margin = cues_model.cue_margin(a, i, regions, s, e, floor=floor)
            if exact > floor:
                assert margin == exact
                over += 1
            else:
                assert margin is None
                under += 1
    assert over >= 4 and under > 20


def test_scored_candidates_are_the_tokens_over_the_threshold():
    parsed = parse(document_from_text(FICTIONAL))
    a = doc_arrays(parsed.doc)
    sentence = next(iter(parsed.doc.sents))
    found = dict(cues_model.scored_candidates(a, sentence.start, sentence.end, []))
    said = next(t.i for t in sentence if t.text == "said")
    assert said in found and found[said] > 0
    assert all(cues_model.candidate_at(a, i) for i in found)


def test_an_empty_doc_has_no_bounds():
    parsed = parse(document_from_text("Fine."))
    a = doc_arrays(parsed.doc[0:0].as_doc())
    assert len(score_bounds(a)) == 0
