"""What the learned cue-head scorer takes and leaves (:mod:`claimgraph.extract.cues_model`).

Sentences are fictional. PolNeAR counts beliefs, fears, wants, plans, calls
and noun cues ("her claim that") as attributions; the scorer must take those
heads and leave the same or similar words where they report no one's speech
or mind ("plans were printed", "the council closed").
"""

from __future__ import annotations

import pytest

from claimgraph.extract import cues_model
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse


def _parsed(text: str):
    return parse(document_from_text(text))


# (sentence, the cue-head word the scorer must take)
HEADS = [
    ("The governor believes that the tunnel is safe.", "believes"),
    ("Several farmers fear the river will flood again.", "fear"),
    ("The union wants to reopen the talks next week.", "wants"),
    ("The council plans to close two libraries.", "plans"),
    ("Ms. Orrin's claim that the vote was rigged drew scorn.", "claim"),
    ("The minister called for a recount in the northern district.", "called"),
    ("Local doctors warned that the clinic would run out of vaccine.", "warned"),
    ("The coach insisted his players had done nothing wrong.", "insisted"),
    # Stances taken by a person or a body (PolNeAR counts them as attributions).
    ("The committee grilled the bank's chief executive about the fees.", "grilled"),
    ("Ms. Varga pushed for a recount in the eastern wards.", "pushed"),
    ("Critics slammed the mayor's decision to close the clinic.", "slammed"),
    # A copula's predicate of stance: the cue's head is the verb "is".
    ("Mr. Dunmore is critical of the council's budget.", "is"),
]

# (sentence, a word the scorer must leave alone)
NOT_HEADS = [
    ("The bridge over the river opened in May.", "opened"),
    ("The council closed two libraries last year.", "closed"),
    ("Farmers planted wheat along the river.", "planted"),
    ("The city plans were printed on blue paper.", "printed"),
    # The same verbs as physical acts.
    ("The cook grilled the fish over charcoal.", "grilled"),
    ("The crew pushed the cart into the barn.", "pushed"),
]


@pytest.mark.parametrize(("sentence", "word"), HEADS)
def test_cue_heads_taken(sentence, word):
    doc = _parsed(sentence).doc
    token = next(t for t in doc if t.text == word)
    assert cues_model.is_cue(token, [])


@pytest.mark.parametrize(("sentence", "word"), NOT_HEADS)
def test_ordinary_words_left(sentence, word):
    doc = _parsed(sentence).doc
    token = next(t for t in doc if t.text == word)
    assert not cues_model.is_cue(token, [])


# Multi-word cue spans, as PolNeAR draws them: (sentence, source, cue, content).
SPANS = [
    (
        "The treasurer has not said whether the fund will be audited.",
        "The treasurer",
        "has not said",
        "the fund will be audited",
    ),
    (
        "Ms. Halvorsen pointed out that the ferry had never run on time.",
        "Ms. Halvorsen",
        "pointed out",
        "the ferry had never run on time",
    ),
    (
        "The union called for an inquiry into the accident.",
        "The union",
        "called for",
        "an inquiry into the accident",
    ),
    (
        # The occasion of speaking mostly stays out (PolNeAR train: "in an
        # interview" outside the cue 134 times, inside 35).
        "The mayor said in an interview that the budget was balanced.",
        "The mayor",
        "said",
        "the budget was balanced",
    ),
    (
        # The stance preposition under the object joins, its object does not.
        "Dr. Amsel expressed concern about the shortage of nurses.",
        "Dr. Amsel",
        "expressed concern about",
        "the shortage of nurses",
    ),
]

# Sentences in the outlet's own voice: no attribution at all.
UNATTRIBUTED = [
    "The ferry ran on time for the first week of June.",
    "The council plans were printed on blue paper.",
]


def _attributed(text: str) -> list[tuple[str | None, str, str]]:
    from claimgraph.extract.actors import actors
    from claimgraph.extract.attribution import claim_units
    from claimgraph.extract.dictionary import load_dictionary

    parsed = _parsed(text)
    units = claim_units(parsed, actors(parsed, load_dictionary(())))
    return [
        (u.chain[-1].source_text, u.chain[-1].cue, parsed.text[u.span[0] : u.span[1]])
        for u in units
        if u.chain
    ]


@pytest.mark.parametrize(("sentence", "source", "cue", "content"), SPANS)
def test_multi_word_cue_spans(sentence, source, cue, content):
    assert _attributed(sentence) == [(source, cue, content)]


@pytest.mark.parametrize("sentence", UNATTRIBUTED)
def test_no_cue_in_the_outlets_voice(sentence):
    assert _attributed(sentence) == []


def test_fast_score_equals_the_training_features():
    # The run-time scorer (score_at) must add the very weights the training
    # features (features, as scripts/train_cue_model.py builds them) name.
    from claimgraph.extract import doc_arrays

    doc = _parsed(
        "Ms. Orrin's claim that the vote was rigged drew scorn, and the union "
        "went on to say that it wants to reopen the talks: “Now,” it said."
    ).doc
    a = doc_arrays(doc)
    checked = 0
    for sentence in doc.sents:
        quoted = cues_model.sentence_has_quote(a, sentence.start, sentence.end)
        for token in sentence:
            if not cues_model.candidate(token):
                continue
            slow = cues_model.score_features(cues_model.features(token, [], sentence))
            fast = cues_model.score_at(a, token.i, [], sentence.start, sentence.end, quoted)
            assert fast == slow
            checked += 1
    assert checked > 8
