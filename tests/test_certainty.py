"""Certainty classes and factuality scores (fictional sentences)."""

from __future__ import annotations

import pytest

from claimgraph.extract import ClaimUnit
from claimgraph.extract.actors import actors
from claimgraph.extract.attribution import claim_units
from claimgraph.extract.certainty import certainty, predicate_factuality
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse
from claimgraph.records import CERTAINTIES, Attribution


def _find(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def classify(text: str, content: str | None = None, cue: str | None = None, source=None):
    """Certainty of one hand-built unit: the whole sentence in the outlet's voice,
    or ``content`` attributed to ``source`` by ``cue``.

    Units are built by hand so that these tables test the certainty rules
    alone, whatever the attribution stage makes of the sentence.
    """
    parsed = parse(document_from_text(text))
    whole = (0, len(parsed.text))
    if content is None:
        return certainty(parsed, ClaimUnit(whole, whole))
    cue_span = _find(parsed.text, cue) if cue else None
    source_span = _find(parsed.text, source) if source else None
    link = Attribution(None, source, source_span, cue, cue_span)
    return certainty(parsed, ClaimUnit(whole, _find(parsed.text, content), (link,), cue_span))


# (sentence, expected class) in the outlet's own voice
OWN_VOICE = [
    # negated: on the main predicate, a negative subject
    ("The army did not enter the village.", "negated"),
    ("The minister never signed the decree.", "negated"),
    ("No one was hurt in the blast.", "negated"),
    ("The port isn't open to ships.", "negated"),
    ("Nobody claimed the parcel at the depot.", "negated"),
    # question
    ("Will the ceasefire hold?", "question"),
    ("Whether the court will accept the appeal is a big question.", "question"),
    ("Whether the deal survives is unclear.", "question"),
    ("Who paid for the new stadium?", "question"),
    ("It is not clear whether the army attacked the town.", "question"),
    ("Investigators do not know if the ship sank.", "question"),
    # hypothetical: condition, future, intention
    ("If the talks fail, the rebels will resume fighting.", "hypothetical"),
    ("The government will raise taxes next year.", "hypothetical"),
    ("The union will strike on Friday.", "hypothetical"),
    ("The group plans to open an office in the capital.", "hypothetical"),
    ("The militia threatened to attack the airport.", "hypothetical"),
    ("The new law would ban the protests.", "hypothetical"),
    # hedged: possibility modals, hedge adverbs, raising verbs, "can" of possibility
    ("The fire may have started in the kitchen.", "hedged"),
    ("The convoy might be delayed by the snow.", "hedged"),
    ("The commander was reportedly killed in the strike.", "hedged"),
    ("The president is believed to be in hiding.", "hedged"),
    ("The ship appears to have sunk near the coast.", "hedged"),
    ("The group allegedly smuggled weapons across the border.", "hedged"),
    ("This shortage can create serious problems for the hospitals.", "hedged"),
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
    # asserted, including "can" of ability or permission
    ("The bridge was destroyed overnight.", "asserted"),
    ("The minister visited the port on Monday.", "asserted"),
    ("Prices rose by four percent in March.", "asserted"),
    ("Citizens can vote at any post office.", "asserted"),
    ("The mayor can veto the budget.", "asserted"),
]

# (sentence, content, cue, source, expected class): attributed units
ATTRIBUTED = [
    ("Officials said the convoy was attacked near the border.",
     "the convoy was attacked near the border", "said", "Officials", "reported"),
    ("According to the study, the lake shrank by a third.",
     "the lake shrank by a third", "According to", "the study", "reported"),
    ("The report suggests that the mine is a real threat.",
     "the mine is a real threat", "suggests", "The report", "reported"),
    ("The envoy told reporters that the talks had resumed.",
     "the talks had resumed", "told", "The envoy", "reported"),
    ("The ministry denied that its troops fired on the crowd.",
     "its troops fired on the crowd", "denied", "The ministry", "negated"),
    ("Officials said the army did not enter the village.",
     "the army did not enter the village", "said", "Officials", "negated"),
    ("The group plans to open an office in the capital.",
     "to open an office in the capital", "plans", "The group", "hypothetical"),
    ("The rebels vowed to retake the city.",
     "to retake the city", "vowed", "The rebels", "hypothetical"),
    ("Officials said the fire may have started in the kitchen.",
     "the fire may have started in the kitchen", "said", "Officials", "hedged"),
    ("The president is believed to be in hiding.",
     "to be in hiding", "is believed", None, "hedged"),
]  # fmt: skip


@pytest.mark.parametrize("text, expected", OWN_VOICE)
def test_certainty_class(text, expected):
    label, score = classify(text)
    assert label == expected
    assert label in CERTAINTIES
    assert -3.0 <= score <= 3.0


@pytest.mark.parametrize("text, content, cue, source, expected", ATTRIBUTED)
def test_attributed_certainty_class(text, content, cue, source, expected):
    label, score = classify(text, content, cue, source)
    assert label == expected
    assert -3.0 <= score <= 3.0


def test_every_class_has_four_cases():
    counts = {c: 0 for c in CERTAINTIES}
    for _, expected in OWN_VOICE:
        counts[expected] += 1
    for *_, expected in ATTRIBUTED:
        counts[expected] += 1
    assert min(counts.values()) >= 4, counts


def test_condition_negation_does_not_negate_the_claim():
    label, _ = classify("If the council does not act, the river will flood the town.")
    assert label == "hypothetical"


def test_negated_class_has_a_negative_score():
    for text in ("The army did not enter the village.", "No one was hurt in the blast."):
        label, score = classify(text)
        assert label == "negated" and score < 0


def test_claim_factuality_is_the_predicate_factuality():
    """The pipeline's per-claim score is the function the harness measures."""
    text = "The fire may have started in the kitchen."
    parsed = parse(document_from_text(text))
    assert classify(text)[1] == predicate_factuality(parsed, _find(text, "started"))


# --- factuality of one predicate --------------------------------------------


def factuality(text: str, word: str) -> float:
    parsed = parse(document_from_text(text))
    return predicate_factuality(parsed, _find(parsed.text, word))


# (sentence, predicate, lowest allowed, highest allowed)
FACTUALITY = [
    # plain past assertion: near certain
    ("The rebels attacked the airport on Monday.", "attacked", 2.5, 3.0),
    ("Prices rose by four percent in March.", "rose", 2.5, 3.0),
    # reported: still well above zero (UW/MEANTIME rate it near +3)
    ("Officials said the rebels attacked the airport.", "attacked", 2.0, 3.0),
    # negated: below zero, and more so in the outlet's voice
    ("The rebels did not attack the airport.", "attack", -3.0, -1.5),
    ("No one was hurt in the blast.", "hurt", -3.0, -1.5),
    ("Officials said the rebels did not attack the airport.", "attack", -3.0, -1.0),
    # negative implicatives flip a realized complement
    ("The talks failed to produce a deal.", "produce", -3.0, -0.5),
    ("The minister refused to sign the decree.", "sign", -3.0, -0.5),
    # positive implicative keeps it
    ("The prisoners managed to escape from the camp.", "escape", 2.0, 3.0),
    # modality: possible, not certain
    ("The fire may have started in the kitchen.", "started", 0.5, 2.0),
    ("The convoy might reach the town tomorrow.", "reach", 0.5, 2.0),
    # intentions, plans and conditions: the event is still to come
    ("The group plans to open an office in the capital.", "open", 0.0, 2.0),
    ("The union wants to strike next week.", "strike", 0.0, 2.0),
    # (UW annotators rate a plain future near +2.3; a condition takes a little off)
    ("If the talks fail, the rebels will resume fighting.", "resume", 0.0, 2.5),
    ("If the talks fail, the rebels will resume fighting.", "fail", 0.0, 2.0),
    # the governing verb itself happened
    ("The group plans to open an office in the capital.", "plans", 2.0, 3.0),
    ("The minister refused to sign the decree.", "refused", 2.0, 3.0),
]


@pytest.mark.parametrize("text, word, low, high", FACTUALITY)
def test_predicate_factuality(text, word, low, high):
    assert low <= factuality(text, word) <= high


def test_factuality_orders_commitment():
    said = factuality("The rebels attacked the airport.", "attacked")
    may = factuality("The rebels may have attacked the airport.", "attacked")
    plan = factuality("The rebels plan to attack the airport.", "attack")
    neg = factuality("The rebels did not attack the airport.", "attack")
    assert said > may > neg
    assert said > plan > neg
    future = factuality("The rebels will attack the airport.", "attack")
    conditional = factuality("If the talks fail, the rebels will attack the airport.", "attack")
    assert said > future > conditional > 0


def test_factuality_of_nothing_is_zero():
    parsed = parse(document_from_text("The rebels attacked the airport."))
    assert predicate_factuality(parsed, (5, 5)) == 0.0


# --- the seed article, through the attribution stage --------------------------


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
