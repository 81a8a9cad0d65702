"""Span boundaries of sources and contents beyond the subject and clause rules.

Split from :mod:`claimgraph.extract.attribution_syntax` (which calls most of
these) to keep each module to one concern:

- sources: :func:`dropped_modifiers` (words of a subject's phrase PolNeAR
  leaves out), :func:`according_parts` ("according to X" when the parser hung
  the clause under X);
- contents: :func:`reported_advcl` and :func:`clause_start` (a speech verb's
  clause parsed as an adverbial), :func:`object_content` (an object with what
  is said of it: "called him a fraud"), :func:`colon_after` (a cue announcing
  what follows a colon).

Each rule was measured on PolNeAR dev with ``scripts/attribution_errors.py``.
"""

from __future__ import annotations

from . import doc_arrays
from .certainty import certainty_lexicon, lemma_in
from .cues_model import candidate_at, score_at, sentence_has_quote, threshold

_TIME_ENTS = frozenset({"DATE", "TIME"})


def dropped_modifiers(subject) -> set[int]:
    """Indices of the source phrase's words that PolNeAR leaves out of the span.

    A prepositional phrase on the head whose object is a date ("an arbitration
    panel *in 2001* found"): when the source spoke, not who it is. Other
    modifiers stay, set off by commas or not: on PolNeAR dev, dropping a
    comma-set relative clause on a name ("X, who ran the agency, said") cost
    5 exact sources, dropping appositives and relative clauses below the
    first level ("X, president of the union, which represents nurses") cost
    7; the date phrase gained 1 (train, 450 articles: relative clauses on a
    name inside the gold 91 times, outside 66). A participle saying what the
    source was doing goes (:func:`_parenthetical_participle`).
    """
    drop: set[int] = set()
    for child in subject.children:
        if child.i < subject.i:
            continue
        if child.dep_ == "acl" and (
            _parenthetical_participle(subject, child) or main_verb_modifier(child) is not None
        ):
            drop.update(t.i for t in child.subtree)
            continue
        if child.dep_ in {"acl", "relcl"} and _own_cue(child):
            drop.update(t.i for t in child.subtree)
            continue
        if child.dep_ == "prep" and child.i > subject.i:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in _TIME_ENTS:
                drop.update(t.i for t in child.subtree)
    return drop


def _own_cue(clause) -> bool:
    """Whether a relative clause or participle on a source is an attribution of its own.

    "O'Malley, *who noted that* wages rose, said", "a group *backing* Lee
    said", "911 calls *saying* shots were fired": PolNeAR annotates the
    clause as a separate attribution and leaves it out of the outer source.
    The cue scorer decides (the clause's verb above its threshold), as it
    does for cue heads; an agentless passive participle names or describes
    the source ("the hacker *known as* X", "a spot *titled* Y") and stays.
    Counted on cues matching gold: a clause holding a gold cue is never
    inside the gold source (dev 9 outside, 2 partly; first 200 train
    articles 21 outside, 1 partly); of the
    clauses the scorer takes, dev 3 of 4 are outside (inside: "titled"),
    train 17 of 21 ("known as", "considered" inside). Source exact tp: dev
    1484 -> 1487, train 200 2576 -> 2586; cue, content unchanged.
    """
    if clause.tag_ == "VBN" and not any(c.dep_ == "agent" for c in clause.children):
        return False
    return _scored_cue(clause)


def _scored_cue(token) -> bool:
    """Whether the cue scorer takes ``token`` for a cue head (above its threshold)."""
    a = doc_arrays(token.doc)
    if not candidate_at(a, token.i):
        return False
    sentence = token.sent
    quoted = sentence_has_quote(a, sentence.start, sentence.end)
    return score_at(a, token.i, [], sentence.start, sentence.end, quoted) > threshold()


# Children of a raising verb that leave its cue bare: "has not *seemed*",
# "now *appears*".
_BARE_CUE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})


def writers_raising(head, cue) -> bool:
    """Whether a raising-verb cue is the writer's inference, with no source.

    "Melania *seems* to have vanished", "The closures *appear* to have
    brought stability": PolNeAR marks the cue but no source, the subject
    being what the inference is about. When the infinitive is itself a
    saying or a stance ("He *appeared to suggest* that", "seemed to blame
    the network"), the subject is the source again, and so when the cue
    takes in more than auxiliaries and adverbs ("appeared *pleased with*").
    Counted on PolNeAR train (all 840 articles): a gold cue that is a bare
    form of seem/appear has no source 151 times of 155; one with more words
    ("seemed to blame") 10 of 44. Source exact F1: dev 0.7757 -> 0.7773,
    first 200 train articles 0.7737 -> 0.7757 (same matches, fewer wrong
    sources); cue and content unchanged.
    """
    if not lemma_in(head, certainty_lexicon()["hedge_raising_verbs"]):
        return False
    if any(t.i != head.i and t.dep_ not in _BARE_CUE_DEPS for t in cue):
        return False
    from .attribution_syntax import rule_verbs_lexicon  # (it imports this module)

    complement = next((c for c in head.children if c.dep_ == "xcomp"), None)
    if complement is None:
        return True
    predicate = complement
    if complement.lemma_ == "be":  # "seemed to be *ready to riff*"
        predicate = next((c for c in complement.children if c.dep_ == "acomp"), complement)
    if predicate.tag_ in {"JJ", "VBN"} and any(c.dep_ == "xcomp" for c in predicate.children):
        # "appears *set to veto*", "seemed *ready to abandon*": an intention
        # (PolNeAR's source is the subject), not a state.
        return False
    return not (lemma_in(complement, rule_verbs_lexicon()) or _scored_cue(complement))


def passive_participle(head) -> bool:
    """Whether a cue is a passive participle whose understood subject is its hearer.

    "*Asked* about the vote, Lee said ...", "Lee said so when *asked*": the
    participle's subject, borrowed from the clause it hangs on, is the one
    asked, not who asked (the source, left unsaid). PolNeAR gives these cues
    no source: on train (all 840 articles) 68 of 79 gold cues headed by such
    a participle (53 of them "asked"). A perfect participle is active
    ("*Having announced* that ..., the judge said") and a "by" agent names the
    source; both keep theirs. Source exact F1: dev 0.7773 -> 0.7777, first
    200 train articles 0.7757 -> 0.7773 (same matches, fewer wrong sources).
    """
    if head.tag_ != "VBN" or head.dep_ != "advcl":
        return False
    return not any(
        c.dep_ in {"nsubj", "nsubjpass", "agent"}
        or (c.dep_ == "aux" and c.lower_ in {"have", "having"})
        for c in head.children
    )


# Verb tags of a main verb that needs a subject: a bare "VB" is an imperative
# unless a modal or auxiliary comes with it; a main-clause "VBN" is mostly a
# past tense the tagger misread ("Less than a third agreed/VBN with ...").
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})
# Dependencies the parser gives a subject it hung on the verb by mistake
# ("*Less than a third* agreed", "*About 4 in 10* say").
_STRAY_SUBJECT_DEPS = frozenset({"npadvmod", "nummod", "dep"})
# Dependencies of a phrase the parser joined to the noun before it when it is
# the verb's subject: "In a statement to the Post, *her adviser, Jo Lee,*
# said" (appositive), "..., Clinton and *her husband* thanked" (conjunct).
_JOINED_DEPS = frozenset({"appos", "conj"})
_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON"})


def main_verb_modifier(verb):
    """The noun a sentence's main verb was parsed as modifying, or None.

    "Ann Lee, the union's director, *compared* the plan to a cage" and "A
    Harris poll *found* that ...": with no other verb, the parser made the
    noun the root and the verb its participle (``acl``). A finite or past
    verb after a root noun, with no subject and no "by" agent of its own
    ("Suspect *named* by police" is a passive headline), is the noun's
    predicate: the noun is its subject. Counted on the first 400 PolNeAR
    train articles, gold cue heads in this construction (VBD/VBN): the noun
    heads the gold source 10 times of 11 (the other, the agent headline).
    """
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in _FINITE_TAGS or noun.i > verb.i:
        return None
    if noun.dep_ != "ROOT" or noun.pos_ not in _NOMINAL:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in verb.children):
        return None
    return noun


def stray_subject(verb):
    """The subject of a main verb the parser left without one, or None.

    A finite main-clause verb has a subject; when the parse gives it none, the
    subject was attached elsewhere: as the verb's own noun modifier ("*Less
    than a third* agreed with the President"), or as an appositive or
    conjunct of the noun before it ("In a statement to the Observer, *her
    adviser, Jo Lee,* said"; "Tuesday in Boston, while campaigning for his
    wife, *former mayor Tom Ruiz* said"). The phrase must end right before
    the verb (its adverbs, auxiliaries and commas aside).
    """
    doc = verb.doc
    noun = main_verb_modifier(verb)
    if noun is not None:
        return noun
    if verb.dep_ != "ROOT" or verb.pos_ not in {"VERB", "AUX"}:
        return None
    finite = verb.tag_ in _FINITE_TAGS or any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    if not finite:
        return None
    start = verb.sent.start
    for child in verb.children:
        if (
            child.i < verb.i
            and child.dep_ in _STRAY_SUBJECT_DEPS
            and child.pos_ in _NOMINAL
            and child.ent_type_ not in _TIME_ENTS
        ):
            return child
    # The last word before the verb that is not the verb's own adverb,
    # auxiliary or punctuation.
    k = verb.i - 1
    while k >= start and (
        doc[k].is_punct or (doc[k].head.i == verb.i and doc[k].dep_ in {"advmod", "aux", "neg"})
    ):
        k -= 1
    if k < start:
        return None
    word = doc[k]
    if word.head.i == verb.i:
        return None
    node = word
    while node.dep_ not in _JOINED_DEPS and node.head.i != node.i and node.head.i < verb.i:
        node = node.head
    # Up an appositive chain ("her adviser, Jo Lee"), and from a conjunct to
    # its coordination when the two are joined by "and" ("Ana Kim and *her
    # husband*"); a conjunct with no conjunction is a list item of its own
    # ("at the summit in Porto, Portugal, *union leader Tom Ruiz* said").
    while node.head.dep_ in _JOINED_DEPS and node.head.head.i != node.head.i:
        if node.dep_ == "conj" and not any(c.dep_ == "cc" for c in node.head.children):
            break
        node = node.head
    if node.dep_ not in _JOINED_DEPS or node.pos_ not in _NOMINAL:
        return None
    if any(t.tag_ in {"``", "''"} for t in node.subtree):
        return None  # a quote's words are not its speaker
    return node


def _parenthetical_participle(head, participle) -> bool:
    """Whether a participle on the source says what it was doing, not who it is.

    Set off by a comma and either active ("Rubio, *speaking at a rally*,
    said") or on a name ("Lee, *pressed by reporters*, said"), or active on a
    name with no comma ("the Sierra Club *backing the plan*"). Counted on the
    first 450 PolNeAR train articles, cues matching gold: these participles
    are outside the gold source 26 + 5 + 6 times and inside it once; a passive
    one on a common noun with no comma stays ("a poll *released Sunday*":
    inside 26 times, outside 5), and so does an active one on a common noun
    ("judges *handling the case*": outside 35, inside 3 on train but inside
    both times on dev). Dev source exact 0.7679 -> 0.7689, train 150
    0.7657 -> 0.7686.
    """
    before = participle.left_edge.i - 1
    comma = before >= 0 and participle.doc[before].text == ","
    active = participle.tag_ == "VBG"
    name = head.pos_ == "PROPN"
    return (comma and (active or name)) or (active and name)


def words_outside(sentence, taken) -> list:
    """The sentence's words (no punctuation or space) whose index ``taken`` refuses:
    what is left for the content once a cue phrase or a prefix is set aside."""
    return [t for t in sentence if not taken(t.i) and not t.is_punct and not t.is_space]


def according_parts(token, to, sentence) -> tuple[object, int | None, list] | None:
    """(source head, index the source ends before or None, content words) of
    "according to X", or None.

    The source is the object of "to" ("according to *the report*"), or its
    clause when the tagger took a noun for a verb ("according to *show
    insiders*"); the content is the rest of the sentence. When the parser hung
    the whole clause under the phrase ("According to the host Ann Lee, *the
    plan is dead*": the clause an appositive of the name), the phrase ends at
    its first comma.
    """
    source = next((c for c in to.children if c.dep_ in {"pobj", "pcomp"}), None)
    if source is None:
        return None
    phrase = {t.i for t in token.subtree}
    rest = words_outside(sentence, phrase.__contains__)
    if rest:
        return source, None, rest
    comma = next((t.i for t in token.subtree if t.i > to.i and t.text == ","), None)
    if comma is None or comma <= source.left_edge.i:
        return None
    rest = words_outside(sentence, lambda i: i <= comma)
    return (source, comma, rest) if rest else None


def reported_advcl(verb, speech_verbs: frozenset[str]):
    """The clause a speech verb reports that the parser attached as an adverbial, or None.

    "Tom said after the meeting *he would not accept*", "Lawmakers have not
    said *when they would vote*": a finite clause after the verb, with its
    own subject and no subordinating conjunction ("said nothing *when the
    fire started*" has none either, but its verb has an object: not taken).
    A conjunction ("because", "if", "while") makes it a real adverbial.
    """
    if not lemma_in(verb, speech_verbs) or any(c.dep_ == "dobj" for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ != "advcl" or child.i < verb.i:
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
            continue
        marks = [c for c in child.children if c.dep_ == "mark"]
        if marks and not all(m.lower_ in {"that", "whether"} for m in marks):
            continue
        return child
    return None


def clause_start(clause) -> int:
    """Index the reported clause starts at: a time or place phrase before its
    subject is the saying's, misattached ("said *after the meeting* he would
    not accept"), and stays out."""
    subject = next(c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"})
    leading = [c for c in clause.children if c.dep_ == "prep" and c.i < subject.i]
    return subject.left_edge.i if leading else clause.left_edge.i


# Prepositions that introduce what is said of a verb's object: "described X
# *as* a disgrace", "criticized X *for* ignoring", "accused X *of* lying",
# "likened X *to* a cage" (the small clauses of grammars of English).
_PREDICATE_PREPS = frozenset({"as", "for", "of", "to"})


def object_predicate(verb, obj):
    """What ``verb`` says of its object ``obj``, or None.

    An object predicate ("called him *a fraud*"), a second object ("branded
    the rebels *a gang*"), an infinitive ("urged the firm *to resume talks*")
    or a preposition of judgement right after the object ("described the
    mayor *as a disgrace*").
    """
    if obj.i < verb.i:
        return None  # "what he called a fraud": the object is fronted, not followed
    end = obj.right_edge.i
    for child in verb.children:
        if child.i <= end:
            continue
        if child.dep_ in {"oprd", "xcomp", "ccomp"} or (child.dep_ == "dobj" and child is not obj):
            return child
        if child.dep_ == "prep" and child.i == end + 1 and child.lower_ in _PREDICATE_PREPS:
            return child
    return None


def has_construction_content(verb, hearer_verbs: frozenset[str]) -> bool:
    """Whether a verb with no clause reports through its own object or infinitive.

    An object with what is said of it ("urged *the firm to resume talks*",
    "described *the plan as a disaster*"), any other object after the verb
    ("criticized *the accord*"), or an infinitive ("pledged *to remain
    calm*"). A hearer's verb ("told reporters", "asked the mayor") reports
    through its object only with a predicate ("asked *the crowd to wait*"),
    and a bare pronoun object ("said nothing") reports nothing.
    """
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "dobj":
            if object_predicate(verb, child) is not None:
                return True
            if child.pos_ != "PRON" and verb.lemma_.lower() not in hearer_verbs:
                return True
        if child.dep_ == "xcomp" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return True
    return False


def object_content(verb, obj) -> tuple[int, int]:
    """Token range [first, last] of an object content with what is said of it.

    "called *him a fraud*", "urged *the firm to resume talks*": the object and
    its predicate together state the proposition (PolNeAR marks either part
    or both; the whole covers each).
    """
    predicate = object_predicate(verb, obj)
    last = predicate.right_edge.i if predicate is not None else obj.right_edge.i
    return obj.left_edge.i, last


def token_range_span(doc, first: int, last: int) -> tuple[int, int]:
    """Character span of tokens ``first`` to ``last`` (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last])


def colon_after(verb) -> int | None:
    """Index of a colon right after the verb or its object ("She made the
    following statement:"): the content comes after it. None if there is none."""
    doc = verb.doc
    words = [c.right_edge.i for c in verb.children if c.i > verb.i and not c.is_punct]
    return next(
        (i + 1 for i in [verb.i, *words] if i + 1 < len(doc) and doc[i + 1].text == ":"), None
    )
