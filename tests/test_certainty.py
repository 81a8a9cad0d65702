"""Certainty classes and factuality scores (fictional sentences)."""

from __future__ import annotations

import pytest

from claimgraph.extract.actors import actors
from claimgraph.extract.attribution import claim_units
from claimgraph.extract.certainty import certainty
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse
from claimgraph.records import CERTAINTIES


def classify(text: str) -> tuple[str, float]:
    """Certainty of the first unit of a one-sentence text."""
    parsed = parse(document_from_text(text))
    units = list(claim_units(parsed, actors(parsed, load_dictionary(()))))
    return certainty(parsed, units[0])


CASES = [
    # negated: on the main predicate, a negative argument, a denial
    ("The army did not enter the village.", "negated"),
    ("The minister never signed the decree.", "negated"),
    ("No one was hurt in the blast.", "negated"),
    ("The ministry denied that its troops fired on the crowd.", "negated"),
    ("The port isn't open to ships.", "negated"),
    # question
    ("Will the ceasefire hold?", "question"),
    ("Whether the court will accept the appeal is a big question.", "question"),
    ("Whether the deal survives is unclear.", "question"),
    # hypothetical: condition, future, intention
    ("If the talks fail, the rebels will resume fighting.", "hypothetical"),
    ("The government will raise taxes next year.", "hypothetical"),
    ("The group plans to open an office in the capital.", "hypothetical"),
    ("The militia threatened to attack the airport.", "hypothetical"),
    ("The new law would ban the protests.", "hypothetical"),
    # hedged
    ("The fire may have started in the kitchen.", "hedged"),
    ("The convoy might be delayed by the snow.", "hedged"),
    ("The commander was reportedly killed in the strike.", "hedged"),
    ("The president is believed to be in hiding.", "hedged"),
    ("The ship appears to have sunk near the coast.", "hedged"),
    ("The group allegedly smuggled weapons across the border.", "hedged"),
    # inferred: the writer's conclusion
    ("This shows that the army has lost control of the north.", "inferred"),
    ("Their presence shows that the government tolerates the group.", "inferred"),
    ("This development indicates that the party is divided.", "inferred"),
    ("The meetings clearly demonstrate the envoy's influence.", "inferred"),
    ("This alliance makes it clear how the two groups cooperate.", "inferred"),
    # opinion: evaluations
    ("It is a matter of concern that the roads are closed.", "opinion"),
    ("The new policy poses a major risk to the region.", "opinion"),
    ("The smuggling network is a real threat.", "opinion"),
    ("The council made a shocking decision on Tuesday.", "opinion"),
    ("The decision is outrageous.", "opinion"),
    ("This is a matter of concern for the allies as it shows the plan failed.", "opinion"),
    # reported: attributed, none of the above
    ("Officials said the convoy was attacked near the border.", "reported"),
    ("According to the study, the lake shrank by a third.", "reported"),
    ("The report suggests that the mine is a real threat.", "reported"),
    ("It was reported that the convoy was attacked.", "reported"),
    # asserted
    ("The bridge was destroyed overnight.", "asserted"),
    ("The minister visited the port on Monday.", "asserted"),
    ("Prices rose by four percent in March.", "asserted"),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_certainty_class(text, expected):
    label, score = classify(text)
    assert label == expected
    assert label in CERTAINTIES
    assert -3.0 <= score <= 3.0


def test_every_class_is_covered():
    assert {expected for _, expected in CASES} == set(CERTAINTIES)


@pytest.mark.parametrize(
    "text, score",
    [
        ("The bridge was destroyed overnight.", 3.0),
        ("Officials said the convoy was attacked.", 2.0),
        ("The fire may have started in the kitchen.", 1.0),
        ("Will the ceasefire hold?", 0.0),
        ("The army did not enter the village.", -3.0),
        ("Officials said the army did not enter the village.", -2.0),
        ("The army may not have entered the village.", -1.0),
    ],
)
def test_factuality_scale(text, score):
    assert classify(text)[1] == score


def test_condition_negation_does_not_negate_the_claim():
    label, _ = classify("If the council does not act, the river will flood the town.")
    assert label == "hypothetical"


# --- the seed article -------------------------------------------------------


@pytest.fixture(scope="module")
def seed_certainties(seed_path):
    from claimgraph.inputs import read

    (document,) = list(read([str(seed_path)]))
    parsed = parse(document)
    units = claim_units(parsed, actors(parsed, load_dictionary(())))
    return {
        parsed.text[u.sentence_span[0] : u.sentence_span[1]]: certainty(parsed, u)[0] for u in units
    }


@pytest.mark.shared
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Qaddumi’s presence shows that Islamabad is providing tacit support", "inferred"),
        ("This is a matter of concern for Washington as it shows", "opinion"),
        ("The Middle East Media Research Institute report suggests", "reported"),
        ("Whether the US should still consider Pakistan", "question"),
    ],
)
def test_seed_certainty(seed_certainties, sentence, expected):
    (label,) = [v for k, v in seed_certainties.items() if k.startswith(sentence)]
    assert label == expected
