"""Learned cues kept where PolNeAR keeps them, and the per-document feature arrays.

Sentences are fictional. Each row is one construction the learned path now
keeps: a passive whose subject is what the agent reported, a sourceless
passive cue the scorer is sure of, and evidential verbs whose subject is a
cited thing rather than the writer's referent.
"""

from __future__ import annotations

import pytest

from claimgraph.extract import cues_model
from claimgraph.extract.actors import actors
from claimgraph.extract.attribution import claim_units
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse


def _units(text: str):
    parsed = parse(document_from_text(text))
    return parsed, list(claim_units(parsed, actors(parsed, load_dictionary(()))))


def _attributed(text: str) -> list[tuple[str | None, str, str]]:
    """(innermost source text, cue, content text) of every attributed unit."""
    parsed, units = _units(text)
    return [
        (u.chain[-1].source_text, u.chain[-1].cue, parsed.text[u.span[0] : u.span[1]])
        for u in units
        if u.chain
    ]


# (sentence, source_text or None, cue, content)
KEPT = [
    # Passive with a "by" agent: the agent is the source, the subject the content.
    (
        "The shortage was first reported by the Valley Gazette.",
        "the Valley Gazette",
        "was first reported",
        "The shortage",
    ),
    # No source at all, but a confident cue and a content: kept, sourceless.
    (
        "The harbor master was accused of selling fuel permits to smugglers.",
        None,
        "was accused of",
        "selling fuel permits to smugglers",
    ),
    # Evidential verbs whose subject is a cited thing, not the writer's referent.
    (
        "Satellite imagery shows that the dam has been breached.",
        "Satellite imagery",
        "shows",
        "the dam has been breached",
    ),
    (
        "Nine percent indicated that they would not vote.",
        "Nine percent",
        "indicated",
        "they would not vote",
    ),
    # "it" points back to a cited thing (a report, a video), not the writer's inference
    (
        "It shows that the bears have returned to the valley.",
        "It",
        "shows",
        "the bears have returned to the valley",
    ),
    # a demonstrative over people who can be sources
    (
        "These officials have suggested that the ferry plan has failed.",
        "These officials",
        "have suggested",
        "the ferry plan has failed",
    ),
]


@pytest.mark.parametrize("text, source, cue, expected", KEPT)
def test_learned_cue_is_kept(text, source, cue, expected):
    found = _attributed(text)
    assert found == [(source, cue, expected)]


# Still the writer's voice: a demonstrative or possessed subject of an
# evidential verb, and a hearer as passive subject.
REFUSED = [
    "This outcome shows that the plan has failed.",
    "That shows that the ferry plan has failed.",
    "Her absence suggests that the talks have stalled.",
    "The mayor was told that the tunnel had flooded.",
]


@pytest.mark.parametrize("text", REFUSED)
def test_writer_referents_and_hearers_stay_unattributed(text):
    _, units = _units(text)
    assert [u.chain for u in units] == [()]


def test_feature_arrays_follow_the_document():
    # The arrays are cached per document by reference: features of a token
    # must not change after another document was read in between.
    first = parse(document_from_text("The senator believes the dam will hold."))
    second = parse(document_from_text("Prices rose sharply in the spring."))
    believes = next(t for t in first.doc if t.text == "believes")
    before = cues_model.features(believes, [])
    rose = next(t for t in second.doc if t.text == "rose")
    assert "lemma=rise" in cues_model.features(rose, [])
    assert cues_model.features(believes, []) == before
    assert "subj=NOUN" in before and "mark=that" not in before
    assert cues_model.candidate(believes) and not cues_model.candidate(first.doc[-1])


# A clause that is the complement of a cue verb before it is that verb's
# content, never a "Y, X said" frame around the inner verb (which made the
# inner cue's content the whole sentence, swallowing the outer cue).
# (sentence, [(source, cue, content)] of the attributed units)
COMPLEMENTS = [
    (
        "The treasurer said he cannot comment on the audit because he has not read it.",
        [("The treasurer", "said", "he cannot comment on the audit because he has not read it")],
    ),
    (
        "The coach says she hopes to win the cup, but she knows that the final will be hard.",
        [
            ("The coach", "says", "she hopes to win the cup"),
            ("she", "knows", "the final will be hard"),
        ],
    ),
    # The parenthetical frame itself still holds.
    (
        "The port will reopen, the minister said.",
        [("the minister", "said", "The port will reopen")],
    ),
]


@pytest.mark.parametrize("text, expected", COMPLEMENTS)
def test_complement_of_a_cue_is_not_a_frame(text, expected):
    found = _attributed(text)
    assert found == expected


def test_colon_at_paragraph_end_announces_the_next_paragraph():
    # "The governor added:" closing a paragraph: the next paragraph is what he
    # added, sentence by sentence; the paragraph after it is the writer's again.
    text = (
        "The storm closed the port.\n\nThe governor added:\n\n"
        "The bridge will be rebuilt before winter. Crews are already at work.\n\nPrices rose."
    )
    parsed, units = _units(text)
    chains = {parsed.text[u.span[0] : u.span[1]]: u.chain for u in units}
    said = [(link.source_text, link.cue) for link in chains["Crews are already at work."]]
    assert said == [("The governor", "added")]
    assert chains["The bridge will be rebuilt before winter."][-1].cue == "added"
    assert chains["Prices rose."] == () and chains["The storm closed the port."] == ()


# "in" a poll or survey reports its findings, as "according to" does; not an
# "in" phrase on a noun. (sentence, [(source, cue, content)])
IN_SOURCES = [
    (
        "In the latest county poll, Mayor Diaz leads the race by six points.",
        [("the latest county poll", "In", "Mayor Diaz leads the race by six points")],
    ),
    (
        "Mayor Diaz gained support in a county survey.",
        [("a county survey", "in", "Mayor Diaz gained support")],
    ),
    ("Interest in the poll was low.", []),
]


@pytest.mark.parametrize("text, expected", IN_SOURCES)
def test_in_a_poll_is_a_source(text, expected):
    found = _attributed(text)
    assert found == expected


# Hearsay adverbs: the cue is the adverb, with no source; the content is the
# clause it modifies, adverb included. (sentence, [(source, cue, content)])
HEARSAY = [
    (
        "The firm has reportedly sold the mine as the inquiry nears its end.",
        [(None, "reportedly", "The firm has reportedly sold the mine")],
    ),
    (
        "Reportedly, the envoy left the talks early.",
        [(None, "Reportedly", "the envoy left the talks early")],
    ),
    (
        "The mayor is a Democrat, but has allegedly funded rival campaigns.",
        [(None, "allegedly", "The mayor is a Democrat, but has allegedly funded rival campaigns")],
    ),
]


@pytest.mark.parametrize("text, expected", HEARSAY)
def test_hearsay_adverb_is_a_sourceless_cue(text, expected):
    found = _attributed(text)
    assert found == expected


def test_fast_score_equals_the_feature_sum():
    # score_at looks weights up from the feature parts instead of building
    # the feature strings; it must give the very same float, a token holding
    # "|" (a part that could be split two ways) included.
    from claimgraph.extract import doc_arrays
    from claimgraph.extract.attribution_syntax import quote_regions

    text = (
        "The mayor said that the bridge would reopen, and critics called for a review. "
        '"We want answers," a resident told reporters | the council denied any delay. '
        "Her claim that the budget is balanced drew scorn from the opposition."
    )
    parsed = parse(document_from_text(text))
    a = doc_arrays(parsed.doc)
    quotes = quote_regions(parsed.text, (0, len(parsed.text)))
    checked = 0
    for sentence in parsed.doc.sents:
        s, e = sentence.start, sentence.end
        for i in range(s, e):
            if not cues_model.candidate_at(a, i):
                continue
            for quoted in (False, True):
                slow = cues_model.score_features(cues_model.features_at(a, i, quotes, s, e, quoted))
                assert cues_model.score_at(a, i, quotes, s, e, quoted) == slow
                checked += 1
    assert checked > 20
    assert any("|" in t for t in a.texts)
