"""Source and content of learned cue heads whose content is not a complement of their own.

Each row names a cue head (as the scorer would propose it) in a fictional
sentence and what :func:`claimgraph.extract.attribution_model.model_cue` must
read for it through :mod:`claimgraph.extract.attribution_clauses`. The cue
head is given, not scored, so the rows test the parse rules alone; the cue
span's outer words come from the learned extent model, so only the words a
construction adds to it are checked. The negatives are the look-alikes each
construction must leave alone.
"""

from __future__ import annotations

import pytest

from claimgraph.extract import attribution_clauses as clauses
from claimgraph.extract.actors import actors
from claimgraph.extract.attribution_model import (
    SOURCELESS_MARGIN,
    _at_object,
    _pro_form,
    _to_object,
    _verb_parts,
    model_cue,
)
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse


def _head(text: str, word: str):
    parsed = parse(document_from_text(text))
    head = next(t for t in parsed.doc if t.text == word)
    return parsed, head


def _read(text: str, word: str):
    """(construction, source text, cue text, content text) for the head ``word``."""
    parsed, head = _head(text, word)
    source, content, _ = _verb_parts(head)
    reading = clauses.verb_reading(head, source, content)
    # Above the sourceless margin: a sourceless reading is kept, as for a sure scorer.
    cue = model_cue(
        parsed, actors(parsed, load_dictionary(())), head, head.sent, SOURCELESS_MARGIN + 1
    )
    if cue is None:
        return (reading and reading.construction, None, None, None)
    content_text = None if cue.content is None else parsed.text[slice(*cue.content)]
    return (reading and reading.construction, cue.link.source_text, cue.link.cue, content_text)


# (sentence, head, construction, source or None, words the cue must hold, content)
ROWS = [
    # Predicates: the content hangs off the adjective or noun after the copula.
    (
        "The mayor has been critical of the harbor plan since spring.",
        "been",
        "predicate-topic",
        "The mayor",
        "critical of",
        "the harbor plan",
    ),
    (
        "Farmers are afraid that the river will flood their fields.",
        "are",
        "predicate-clause",
        "Farmers",
        "afraid",
        "that the river will flood their fields",
    ),
    (
        "The union was willing to return to the table.",
        "was",
        "predicate-infinitive",
        "The union",
        "willing",
        "to return to the table",
    ),
    (
        "Farmers were quick to point out that the river had flooded.",
        "were",
        "predicate-infinitive-clause",
        "Farmers",
        "quick to point out",
        "that the river had flooded",
    ),
    (
        "The regulator remains a fierce opponent of the merger.",
        "remains",
        "predicate-topic",
        "The regulator",
        "opponent of",
        "the merger",
    ),
    # Infinitives and gerunds the parser hangs on the head as adverbials.
    (
        "The council went on to explain that the pier would close.",
        "went",
        "infinitive-clause",
        "The council",
        "to explain",
        "that the pier would close",
    ),
    (
        "The council went on to discuss the new budget.",
        "went",
        "infinitive-object",
        "The council",
        "to discuss",
        "the new budget",
    ),
    (
        "The union is calling for the city to raise wages.",
        "calling",
        "for-infinitive",
        "The union",
        "calling for",
        "the city to raise wages",
    ),
    (
        "She started off by praising the new mayor.",
        "started",
        "by-gerund-object",
        "She",
        "by praising",
        "the new mayor",
    ),
    (
        "The mayor concluded by saying that the budget was sound.",
        "concluded",
        "by-gerund-clause",
        "The mayor",
        "by saying",
        "that the budget was sound",
    ),
    # Hearer verbs: what the hearer is asked or told about, not the hearer.
    (
        "The reporter asked the mayor if the ferry fares would rise next year.",
        "asked",
        "hearer-question",
        "The reporter",
        "asked",
        "if the ferry fares would rise next year",
    ),
    (
        "The anchor asked Senator Velde about the harbor levy on Sunday.",
        "asked",
        "hearer-topic",
        "The anchor",
        "asked Senator Velde about",
        "the harbor levy",
    ),
    # Relative clauses: the antecedent, or the reported rest of the clause.
    (
        "The harbor fees, which the mayor said were too high, fell.",
        "said",
        "relative-clause",
        "the mayor",
        "said",
        "were too high",
    ),
    (
        "The museum, which the mayor described as a gem, reopened.",
        "described",
        "relative-antecedent",
        "the mayor",
        "described",
        "The museum, which",
    ),
    (
        "Voters cheered the ferry line that the governor had long opposed.",
        "opposed",
        "relative-antecedent",
        "the governor",
        "opposed",
        "the ferry line that",
    ),
    (
        "Residents rejected the plan the council adopted in May.",
        "adopted",
        "relative-antecedent",
        "the council",
        "adopted",
        "the plan",
    ),
    # Participles on a noun: the noun is the content, the agent the source.
    (
        "The toll imposed by the county angered drivers.",
        "imposed",
        "participle",
        "the county",
        "imposed",
        "The toll",
    ),
    # Passives without an agent: the patient, with no source.
    (
        "The ferry was dubbed a floating disaster.",
        "dubbed",
        "passive-patient",
        None,
        "was dubbed",
        "The ferry",
    ),
    (
        "The mayor is a donor and has been mentioned as a candidate for governor.",
        "mentioned",
        "passive-patient",
        None,
        "been mentioned",
        "The mayor",
    ),
    (
        "Calls for an inquiry were heard in May and rejected by the council in June.",
        "rejected",
        "passive-conjunct",
        "the council",
        "rejected",
        "Calls for an inquiry",
    ),
]


def test_opinion_noun_frames_its_clause():
    """ "In the mayor's view, X": the possessor is the source, the framed clause the content."""
    parsed, head = _head("In the mayor's view, the pier is safe for ferries.", "view")
    reading = clauses.noun_frame(head)
    assert reading is not None and reading.source.text == "mayor"
    assert parsed.text[slice(*reading.content)] == "the pier is safe for ferries"
    # Without a possessor ("in view of the storm") the noun frames nothing.
    _, plain = _head("The pier closed in view of the storm.", "view")
    assert clauses.noun_frame(plain) is None


@pytest.mark.parametrize(("text", "word", "construction", "source", "cue", "content"), ROWS)
def test_construction_reads_source_and_content(text, word, construction, source, cue, content):
    found, got_source, got_cue, got_content = _read(text, word)
    assert found == construction
    assert got_source == source
    assert got_cue is not None and cue in got_cue
    assert got_content == content


# (sentence, head): look-alikes that must get no construction reading.
NEGATIVES = [
    # A purpose infinitive after a place is not the content of "went".
    ("He went to the store to buy milk.", "went"),
    # A predicate with no clause or topic has nothing to report.
    ("The bridge is tall.", "is"),
    ("The teachers are in the hall.", "are"),
    # A time after a predicate is not its topic.
    ("The pier has been busy since Monday.", "been"),
    # The relative pronoun is the subject: the antecedent is the source, not content.
    ("The ferry, which sank in May, was raised.", "sank"),
    # A hearer verb's own clause, or a request with no topic, stays as it is.
    ("The clerk told the mayor that the pier would close.", "told"),
    ("The clerk asked the mayor for a recount.", "asked"),
    # Expletive and demonstrative subjects are not patients ("It was reported that").
    ("This was considered at length.", "considered"),
]


@pytest.mark.parametrize(("text", "word"), NEGATIVES)
def test_no_construction_for_look_alikes(text, word):
    _, head = _head(text, word)
    source, content, _ = _verb_parts(head)
    assert clauses.verb_reading(head, source, content) is None


def test_expletive_frame_stays_the_writers():
    """ "It is clear that X" keeps no attribution (PolNeAR train: 34 of 254 such
    frames are annotated cues), predicate rule or not."""
    found = _read("It is clear that the dam will hold.", "is")
    assert found[1:] == (None, None, None)


def test_passive_with_agent_is_left_to_the_agent_rule():
    """ "The shortage was reported by the Gazette": attribution_model's own
    agent reading (subject as content) stands; no construction replaces it."""
    text = "The shortage was reported by the Valley Gazette."
    found, source, _, content = _read(text, "reported")
    assert (found, source, content) == (None, "the Valley Gazette", "The shortage")


# (sentence, head, content): "to" objects a stance points at.
TO_OBJECTS = [
    ("The mayor pointed to the new ferry schedule as proof.", "pointed", "the new ferry schedule"),
    (
        "The council responded to the flooding complaints on Friday.",
        "responded",
        "the flooding complaints",
    ),
    (
        "The candidate is pointing to her record on housing.",
        "pointing",
        "her record on housing",
    ),
]


@pytest.mark.parametrize(("text", "word", "content"), TO_OBJECTS)
def test_to_object_is_the_stance_content(text, word, content):
    found, source, cue, got = _read(text, word)
    assert found is None and source is not None
    assert cue is not None and "to" in cue.split()
    assert got == content


# (sentence, head): "to" objects that are who was addressed, or not right after the verb.
TO_HEARERS = [
    ("The mayor spoke to reporters after the vote.", "spoke"),
    ("The mayor turned to her aide.", "turned"),
    ("The clerk wrote to the Harbor Commission last week.", "wrote"),
    ("The clerk talked to Marlow Fenwick about the levy.", "talked"),
    ("The clerk sent a letter to the new ferry operator.", "sent"),
]


@pytest.mark.parametrize(("text", "word"), TO_HEARERS)
def test_to_hearer_is_no_content(text, word):
    _, head = _head(text, word)
    assert _to_object(head) is None


# (sentence, head, content): the target of an attack after "at".
AT_TARGETS = [
    (
        "The senator lashed out at the ferry commission on Monday.",
        "lashed",
        "the ferry commission",
    ),
    ("The governor fired back at the harbor critics on Tuesday.", "fired", "the harbor critics"),
]


@pytest.mark.parametrize(("text", "word", "content"), AT_TARGETS)
def test_at_target_is_the_stance_content(text, word, content):
    _, head = _head(text, word)
    found = _at_object(head)
    assert found is not None and found[0].text == "at"
    assert " ".join(t.text for t in found[1].subtree) == content


# (sentence, head): "at" phrases that say where or when, not at whom.
AT_PLACES = [
    ("The mayor spoke at a rally in the harbor district.", "spoke"),
    ("The mayor spoke at the Lakeside Convention Center.", "spoke"),
    ("The clerk said at noon that the polls would close.", "said"),
    ("The mayor argued at the council meeting that fares must fall.", "argued"),
]


@pytest.mark.parametrize(("text", "word"), AT_PLACES)
def test_at_place_is_no_content(text, word):
    _, head = _head(text, word)
    assert _at_object(head) is None


def test_pro_form_so_is_the_content():
    """ "The clerk thinks so": "so" stands for the reported clause."""
    found, source, cue, content = _read("The clerk thinks so, too.", "thinks")
    assert (source, content) == ("The clerk", "so")
    assert cue is not None and "thinks" in cue


# (sentence, head): a "so" that is no pro-form of the verb's clause.
PRO_FORM_LOOK_ALIKES = [
    ("The ferry ran late, so the clerk waited.", "ran"),
    ("The clerk said so much about the levy.", "said"),
    ("The clerk said it, so the council voted.", "said"),
]


@pytest.mark.parametrize(("text", "word"), PRO_FORM_LOOK_ALIKES)
def test_so_look_alikes_are_no_pro_form(text, word):
    _, head = _head(text, word)
    assert _pro_form(head) is None


def test_as_parenthetical_after_a_conjunction():
    """ "But, as the clerk noted, X": X is the content, without the "But"."""
    found, source, cue, content = _read(
        "But, as the clerk noted, the ferry will not run on Sunday.", "noted"
    )
    # (the comma after the phrase is trimmed when the unit is made)
    assert (source, content.strip(" ,")) == ("the clerk", "the ferry will not run on Sunday")
    # In mid-sentence the content would span its own cue: no link is read.
    assert _read("The ferry, as the clerk noted, will not run on Sunday.", "noted")[1:] == (
        None,
        None,
        None,
    )


# (sentence, head, content): an "as" clause whose verb has its own complement is
# a time clause ("as she called for X, ..."): the verb reports its own object,
# not the clause the "as" phrase hangs on.
AS_TIME_CLAUSES = [
    (
        "As the clerk called for a recount, the mayor left the hall.",
        "called",
        "a recount",
    ),
    (
        "The ferry sailed late as the captain talked about the storm damage.",
        "talked",
        "the storm damage",
    ),
    (
        "The council adjourned early as the mayor discussed her housing plan.",
        "discussed",
        "her housing plan",
    ),
]


@pytest.mark.parametrize(("text", "word", "content"), AS_TIME_CLAUSES)
def test_as_clause_with_a_complement_reports_it(text, word, content):
    _, source, _, got = _read(text, word)
    assert source is not None
    assert got == content
