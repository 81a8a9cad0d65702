"""Source and content spans of constructions the parse gets in its own way.

Sentences are fictional. Each table row is (sentence, source, cue, content)
for the innermost attribution of the sentence's attributed units; the
negatives keep a construction from reaching too far.
"""

from __future__ import annotations

import pytest

from claimgraph.extract.actors import actors
from claimgraph.extract.attribution import claim_units
from claimgraph.extract.attribution_spans import colon_after
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse


def _attributed(text: str) -> list[tuple[str | None, str, str]]:
    """(innermost source text, cue, content text) of every attributed unit."""
    parsed = parse(document_from_text(text))
    units = claim_units(parsed, actors(parsed, load_dictionary(())))
    return [
        (u.chain[-1].source_text, u.chain[-1].cue, parsed.text[u.span[0] : u.span[1]])
        for u in units
        if u.chain
    ]


SOURCES = [
    # The parser gave "said" a second subject inside the quote ("One of the
    # sharpest minds"); the speaker is the subject no quotation mark cuts off.
    (
        '"She would be a fine mayor. Not fine, superb. One of the sharpest minds of '
        'the whole council," Rep. Dana K. Ortiz (D-Ore.) said in a phone interview.',
        "Rep. Dana K. Ortiz (D-Ore.)",
    ),
    (
        "“The ferry line is in crisis mode. Full crisis mode,” said Nadia Brenn, a "
        "Portland-based chair of the Harbor Workers Guild.",
        "Nadia Brenn, a Portland-based chair of the Harbor Workers Guild",
    ),
    # Object control: the object of "forced" admits, not the senator.
    ("The senator forced Smith to admit that no one was punished.", "Smith"),
    # A date on the source is when it spoke, not who it is.
    ("A review panel in 2009 found that the dam was unsafe.", "A review panel"),
    # Appositives and relative clauses stay (PolNeAR keeps them).
    (
        "Lena Marsh, a lawyer for the union, which represents 4,000 nurses, said the "
        "deal was fair.",
        "Lena Marsh, a lawyer for the union, which represents 4,000 nurses",
    ),
    (
        "Omar Diaz, who chairs the board, said the vote was final.",
        "Omar Diaz, who chairs the board",
    ),
    # A participle saying what the source was doing goes: set off by commas,
    # or active on a name; a passive one on a common noun says which one it is.
    ("Tomas Ruiz, speaking at a rally in Porto, said the ferry would run.", "Tomas Ruiz"),
    ("Lena Ortiz, pressed by reporters, said the pier would close.", "Lena Ortiz"),
    ("A report released on Sunday found that the dam was unsafe.", "A report released on Sunday"),
    # A determiner "that" stays (only a complementizer is trimmed).
    ("But that small committee also concluded that the pier was unsafe.", "that small committee"),
]


@pytest.mark.parametrize("text, source", SOURCES)
def test_source_span(text, source):
    assert {s for s, _, _ in _attributed(text)} == {source}


CONTENTS = [
    # A speech verb's clause parsed as an adverbial.
    (
        "Lawmakers have not said when they would take up the bill.",
        ("Lawmakers", "have not said", "when they would take up the bill"),
    ),
    (
        "Tom said after the meeting he would not accept the offer.",
        ("Tom", "said", "he would not accept the offer"),
    ),
    # "According to X" whose clause the parser hung under X.
    (
        "According to the radio host Tom Smith, the move reeks of fear.",
        ("the radio host Tom Smith", "According to", "the move reeks of fear"),
    ),
    (
        "According to Dr. Ann Wu, a physician at the clinic, the virus is spreading.",
        ("Dr. Ann Wu, a physician at the clinic", "According to", "the virus is spreading"),
    ),
    # A noun the tagger took for a verb after "according to".
    (
        "The actor often mocked his staff, according to show insiders.",
        ("show insiders", "according to", "The actor often mocked his staff"),
    ),
    # A colon after the cue (or its object) and the rest of the sentence.
    (
        "The mayor told reporters: the pier will reopen.",
        ("The mayor", "told", "the pier will reopen"),
    ),
    # What a verb says of its object is part of the content with the object.
    ("Rivals called him a fraud.", ("Rivals", "called", "him a fraud")),
    (
        "The minister branded the rebels a gang of thieves.",
        ("The minister", "branded", "the rebels a gang of thieves"),
    ),
    (
        "Ms. Cole described the mayor as a disgrace.",
        ("Ms. Cole", "described", "the mayor as a disgrace"),
    ),
    (
        "The envoy warned the regime to refrain from further tests.",
        ("The envoy", "warned", "the regime to refrain from further tests"),
    ),
    (
        "Residents criticized the mayor for ignoring the flood.",
        ("Residents", "criticized", "the mayor for ignoring the flood"),
    ),
    # A pronoun object with a predicate is no longer "said nothing".
    ("She accused him of lying.", ("She", "accused", "him of lying")),
    # A capital "That" opening a quote is its subject, not a complementizer.
    (
        "Later that night the chef boasted, “That makes me efficient.”",
        ("the chef", "boasted", "That makes me efficient"),
    ),
]

# A pronoun object and nothing said of it: no content.
NO_OBJECT_CONTENT = ["Officials said nothing.", "The spokesman told them."]


@pytest.mark.parametrize("text", NO_OBJECT_CONTENT)
def test_bare_pronoun_object_is_no_content(text):
    assert _attributed(text) == []


def test_quoted_transcript_labels():
    text = (
        "Transcript of the interview follows.\n\n"
        '"HOST: Welcome back. Will the mayor attend the gala tonight?\n\n'
        '"LEE: She will not attend. She has a council vote at seven.\n\n'
        '"HOST: Thank you for joining us."\n'
    )
    assert _attributed(text) == [
        ("HOST", ":", "Welcome back."),
        ("HOST", ":", "Will the mayor attend the gala tonight?"),
        ("LEE", ":", "She will not attend."),
        ("LEE", ":", "She has a council vote at seven."),
        ("HOST", ":", "Thank you for joining us."),
    ]


def test_label_before_a_quote_stays_the_quote_layout():
    # "Name: “...”": the quote rules' speaker layout, not a label with content.
    text = "The mayor spoke at noon.\n\nLEE: “We will rebuild the pier.”\n"
    assert _attributed(text) == [("LEE", ":", "We will rebuild the pier.")]


@pytest.mark.parametrize("text, expected", CONTENTS)
def test_content_span(text, expected):
    assert _attributed(text) == [expected]


# Real adverbials stay out of the content: a conjunction, or a verb with an object.
NOT_CONTENT = [
    "The mayor spoke while the crowd waited outside.",
    "Officials said nothing when the fire started.",
]


@pytest.mark.parametrize("text", NOT_CONTENT)
def test_adverbial_is_not_reported(text):
    assert _attributed(text) == []


@pytest.mark.parametrize(
    "text, verb, expected",
    [
        ("The mayor made the following statement: the pier will reopen.", "made", True),
        ("He said: the pier will reopen.", "said", True),
        ("The mayor made a statement on Monday.", "made", False),
    ],
)
def test_colon_after_a_cue_or_its_object(text, verb, expected):
    doc = parse(document_from_text(text)).doc
    token = next(t for t in doc if t.text == verb)
    assert (colon_after(token) is not None) is expected


# A participle or conjunct the parser hung on a speech verb's reported clause
# is the speaker's (sentence, cue, source); after a finding verb ("found") the
# clause's own subject stays the source.
REPORTED_CLAUSE_PARTICIPLES = [
    (
        "The engineers said the dam had cracked, arguing that the town must be evacuated.",
        "arguing",
        "The engineers",
    ),
    (
        "Mayor Ilse Varga said the port would close and warned that ferries would stop.",
        "warned",
        "Mayor Ilse Varga",
    ),
    (
        "Inspectors found the crew had ignored the alarm and claimed the ship was safe.",
        "claimed",
        "the crew",
    ),
]


@pytest.mark.parametrize("text, cue, source", REPORTED_CLAUSE_PARTICIPLES)
def test_participle_on_a_reported_clause(text, cue, source):
    found = {c: s for s, c, _ in _attributed(text)}
    assert found[cue] == source


# A main verb the parser left without a subject: the subject hangs on the noun
# before it (an appositive or conjunct) or on the verb as a noun modifier.
STRAY_SUBJECTS = [
    (
        "In a statement to the Gazette, her chief of staff, Omar Lindqvist, said: "
        "“The mayor stands by the plan.”",
        "her chief of staff, Omar Lindqvist",
    ),
    (
        "Monday at the summit in Porto, Portugal, ferry union leader Tomas Ruiz (L-PT) "
        "called out his rival.",
        "ferry union leader Tomas Ruiz (L-PT)",
    ),
    ("Less than a third agreed with the mayor that the pier should close.", "Less than a third"),
    (
        "Making her way around the harbor, Lena Ortiz and husband Karl, thanked another "
        "vendor for wearing a badge.",
        "Lena Ortiz and husband Karl",
    ),
]


@pytest.mark.parametrize("text, source", STRAY_SUBJECTS)
def test_stray_subject_is_the_source(text, source):
    assert {s for s, _, _ in _attributed(text)} == {source}


# Imperatives have no subject to find: the noun before the verb's object is no
# speaker.
NO_STRAY_SUBJECT = [
    "Tell the mayor, Omar Lindqvist, that the pier is closed.",
    "Ask the harbor chief, Lena Ortiz, whether the pier will close.",
]


@pytest.mark.parametrize("text", NO_STRAY_SUBJECT)
def test_imperative_has_no_stray_subject(text):
    from claimgraph.extract.attribution_spans import stray_subject

    doc = parse(document_from_text(text)).doc
    assert stray_subject(doc[0]) is None
    assert all(s is None for s, _, _ in _attributed(text))


# A verb with its own object or infinitive reports that, not a quote another
# verb of the sentence introduces (sentence, cue, content of that cue); the
# look-alikes: a hearer's object ("told reporters") leaves the quote to the
# verb, and an object holding the quote keeps it.
OWN_CONSTRUCTION = [
    (
        "The council urged the port to resume talks, calling the plan “a disaster” for the town.",
        "urged",
        "the port to resume talks",
    ),
    (
        "Lena Ortiz criticized the ferry contract, saying the deal goes “nowhere near far enough.”",
        "criticized",
        "the ferry contract",
    ),
    ("The mayor told reporters, “The pier is safe.”", "told", "The pier is safe"),
    ("The mayor described the pier as “a death trap.”", "described", "the pier as “a death trap"),
]


@pytest.mark.parametrize("text, cue, content", OWN_CONSTRUCTION)
def test_own_object_before_a_quote(text, cue, content):
    assert {c: t for _, c, t in _attributed(text)}[cue] == content


# A clause before the verb that the parser took for a second complement is not
# the content when one follows the verb (no quote in the sentence, or a colon
# announcing it); look-alike: in a quote split around its cue the rule stays
# out of the way (the first part stays the cue's).
LATER_COMPLEMENT = [
    (
        "It’s an extremely unlikely scenario; Ortiz's team says she’ll continue her march "
        "toward the vote later this week.",
        "says",
        "she’ll continue her march toward the vote later this week",
    ),
    (
        "Writing for a Porto Times panel that all agreed Ortiz won the debate, Tom Ruiz noted "
        "that the way Ortiz carried himself was critical to his success.",
        "noted",
        "the way Ortiz carried himself was critical to his success",
    ),
    (
        "“The pier is safe,” the mayor said, “and it will stay open.”",
        "said",
        "The pier is safe",
    ),
]


@pytest.mark.parametrize("text, cue, content", LATER_COMPLEMENT)
def test_complement_after_the_verb(text, cue, content):
    assert {c: t for _, c, t in _attributed(text)}[cue] == content


# The parser took the sentence's main verb for a participle of the noun before
# it (the noun the root): the noun is the subject, and the verb's words stay
# out of it. A passive headline with a "by" agent keeps the agent.
MAIN_VERB_MODIFIERS = [
    (
        "Nils Brandt, the head of the harbor guild, tweeted on Friday with a photo of "
        "the empty pier.",
        "tweeted on Friday with",
        "Nils Brandt, the head of the harbor guild",
    ),
    (
        "A Morrow Institute poll found last week that most riders would pay more.",
        "found",
        "A Morrow Institute poll",
    ),
    ("Fisherman Named By Police In Pier Fire.", "Named", "Police"),
]


# A relative clause or participle on the source that is an attribution of its
# own (the cue scorer takes its verb) stays out of the outer source; one that
# only says who the source is stays in, and so does an agentless passive that
# names it ("known as").
OWN_CUE_CLAUSES = [
    (
        "Ana Reyes, who noted that the ferry had been late all week, said the line would close.",
        "said",
        "Ana Reyes",
    ),
    ("A group backing the mayor said the vote was rigged.", "said", "A group"),
    (
        "The pilot known as the Captain said the pier would close.",
        "said",
        "The pilot known as the Captain",
    ),
    (
        "Omar Diaz, who chairs the board, said the vote was final.",
        "said",
        "Omar Diaz, who chairs the board",
    ),
]


# A bare raising verb is the writer's inference about its subject: the cue
# has no source. With a saying or a stance as its infinitive, or an intention
# ("set to veto"), the subject is the source again.
RAISING_VERBS = [
    ("The new ferry schedule appears to have eased the crowding at the pier.", "appears", None),
    ("The harbor board seems to have lost its patience with the operator.", "seems", None),
    ("Mayor Lena Ortiz seemed to suggest that the pier would close.", "seemed", "Mayor Lena Ortiz"),
    ("Dag Holm seems to think the fare rise is unfair.", "seems", "Dag Holm"),
    (
        "Councilor Dag Holm appeared to blame the operator for the delays.",
        "appeared to blame",
        "Councilor Dag Holm",
    ),
]


# A passive participle's borrowed subject is the one asked, not who asked: no
# source. A perfect participle is active and keeps the main clause's subject.
PARTICIPLE_SOURCES = [
    (
        "Asked about the ferry fares, Mayor Lena Ortiz said they would stay the same.",
        "Asked about",
        None,
    ),
    (
        "Asked about the ferry fares, Mayor Lena Ortiz said they would stay the same.",
        "said",
        "Mayor Lena Ortiz",
    ),
    (
        "Having announced that the pier would close, Judge Ola Berg said the ferry would stop.",
        "Having announced",
        "Judge Ola Berg",
    ),
]


# An object-experiencer verb: the one who feels it (the object, or the
# passive subject) is the source and its cause the content. A particle makes
# it another verb, and "X worried that Y" has no object: the subject stays.
EXPERIENCER_VERBS = [
    (
        "The fare rise has angered ferry commuters.",
        "has angered",
        "ferry commuters",
        "The fare rise",
    ),
    ("That worries the ferry workers.", "worries", "the ferry workers", "That"),
    (
        "Harbor officials were alarmed by the storm damage at the pier.",
        "were alarmed",
        "Harbor officials",
        "the storm damage at the pier",
    ),
    (
        "Councilor Dag Holm rattled off the list of delays at the hearing.",
        "rattled off",
        "Councilor Dag Holm",
        "the list of delays",
    ),
    (
        "Mayor Lena Ortiz worried that the ferry would stop running.",
        "worried",
        "Mayor Lena Ortiz",
        "the ferry would stop running",
    ),
]


@pytest.mark.parametrize("text, cue, source, content", EXPERIENCER_VERBS)
def test_experiencer_is_the_source(text, cue, source, content):
    assert (source, cue, content) in _attributed(text)


# A source never holds its own cue: the parser hung "endorsed" under the
# subject, whose subtree then ran through the verb to the sentence's end.
CUE_INSIDE_SOURCE = [
    (
        "A guild representing harbor pilots endorsed Mayor Ilse Varga for governor on "
        "Friday, another example of organized labor throwing its weight behind her.",
        "endorsed",
        "A guild representing harbor pilots",
    ),
]


# A subject the parser borrowed from quoted words is no speaker: the cue keeps
# no source. A whole quote between source and cue, a source holding a quote
# mark, and a quoted title as the whole source stay.
QUOTE_SOURCES = [
    (
        "Ola Berg hardly settled the matter, calling the ruling a gift -- ''That helps "
        "me'' -- and, when asked later, insisting, ''Of course, I will walk.''",
        "insisting",
        None,
    ),
    (
        "The ferry ran aground near the pier, according to “The Harbor Ledger,” a weekly paper.",
        "according to",
        "The Harbor Ledger",
    ),
    # A learned stance cue in the reported clause ("praised") keeps its own
    # unit; the paper's claim, the whole clause, is a unit of its own.
    (
        "Mayor Lena Ortiz praised the ferry plan, according to “The Harbor Ledger.”",
        "according to",
        "The Harbor Ledger",
    ),
    (
        "Ola Berg, who called the fare rise “a disgrace,” said the council would regret it.",
        "said",
        "Ola Berg, who called the fare rise “a disgrace",
    ),
    (
        "Dag Holm is telling the guild that the fleet is “aging” and says he will buy "
        "three ferries.",
        "says",
        "Dag Holm",
    ),
]


def test_according_to_over_a_stance_verb_keeps_its_claim():
    found = _attributed(
        "Mayor Lena Ortiz praised the ferry plan, according to “The Harbor Ledger,” a weekly paper."
    )
    assert ("Mayor Lena Ortiz", "praised", "the ferry plan") in found
    assert [(c, t) for _, c, t in found if c == "according to"] == [
        ("according to", "Mayor Lena Ortiz praised the ferry plan")
    ]
    # A speech verb's content is what the report states: one unit, as before.
    assert [
        c for _, c, _ in _attributed("Officials said the talks had failed, according to Reuters.")
    ] == ["said"]


# A dateline the parser joined to the subject opens the story; the source
# starts after its dash. A party label in brackets with no dash stays.
DATELINES = [
    (
        "Lisbon (AFP) – Harbor Mayor Ana Kolar on Monday lashed out at the guild, "
        "accusing it of lying about the pier.",
        "accusing",
        "Harbor Mayor Ana Kolar",
    ),
    (
        "Oslo, Mar 3 (Reuters) - Norwegian harbor chief Ana Kolar said on Friday the "
        "pier would reopen.",
        "said",
        "Norwegian harbor chief Ana Kolar",
    ),
    ("Rep. Dana Ortiz (D-Ore.) said the pier would reopen.", "said", "Rep. Dana Ortiz (D-Ore.)"),
]


def _doc(words, heads, deps, tags, pos):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_verb_misread_as_noun_takes_the_name_before_it():
    """ "Holm claims that ...": the tagger's plural noun with a name as its
    compound; with a determiner it is a real noun phrase and has no subject."""
    from claimgraph.extract.attribution_model import _misread_verb_subject

    words = ["Holm", "claims", "that", "it", "works", "."]
    misread = _doc(
        words,
        [1, 1, 4, 4, 1, 1],
        ["compound", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        ["NNP", "NNS", "IN", "PRP", "VBZ", "."],
        ["PROPN", "NOUN", "SCONJ", "PRON", "VERB", "PUNCT"],
    )
    assert _misread_verb_subject(misread[1]).text == "Holm"
    words = ["The", "Holm", "claims", "that", "it", "works", "."]
    noun_phrase = _doc(
        words,
        [2, 2, 2, 5, 5, 2, 2],
        ["det", "compound", "ROOT", "mark", "nsubj", "acl", "punct"],
        ["DT", "NNP", "NNS", "IN", "PRP", "VBZ", "."],
        ["DET", "PROPN", "NOUN", "SCONJ", "PRON", "VERB", "PUNCT"],
    )
    assert _misread_verb_subject(noun_phrase[2]) is None


# Every (sentence, cue, source) table above: the cue's source as found.
SOURCE_TABLES = {
    "main verb parsed as modifier": MAIN_VERB_MODIFIERS,
    "clause with its own cue leaves the source": OWN_CUE_CLAUSES,
    "raising verb source": RAISING_VERBS,
    "participle source": PARTICIPLE_SOURCES,
    "source stops at its cue": CUE_INSIDE_SOURCE,
    "source across a quote mark": QUOTE_SOURCES,
    "dateline is not the source": DATELINES,
}


@pytest.mark.parametrize(
    "text, cue, source",
    [
        pytest.param(*row, id=f"{name}-{k}")
        for name, rows in SOURCE_TABLES.items()
        for k, row in enumerate(rows)
    ],
)
def test_source_of_cue(text, cue, source):
    assert (source, cue) in [(s, c) for s, c, _ in _attributed(text)]
