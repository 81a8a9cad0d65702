"""Contents of learned cue heads that have no clause, infinitive or object of their own.

:mod:`claimgraph.extract.attribution_model` reads a cue's content from the
head's own complements. On PolNeAR train, 13% of the gold cue heads (2,611 of
19,833, ``scripts/cue_gaps.py``) got no attribution that way, because the
content sits elsewhere in the parse. This module reads it for the
constructions of English grammar that account for most of them:

- **predicates** ("Farmers *are afraid* that X", "The mayor *has been critical
  of* X", "The union *was willing* to X", "They *were quick to point out*
  that X"): the content hangs off the adjective or noun after the copula;
- **purpose infinitives and "by" gerunds** the parser attaches as adverbials
  ("The council *went on to explain* that X", "She *started off by praising*
  X", "The union *is calling for* the city to raise wages");
- **passives without an agent** ("The levy *was dubbed* a disgrace"): the
  patient (the subject) is what is said, with no source;
- **participles on a noun** ("the levy *imposed by* the council"): the noun is
  the content, the "by" agent the source;
- **hearers** ("*asked* the mayor whether X", "*reminded* voters about X"):
  what the hearer is asked or told about, not the hearer;
- **relative clauses** ("the plan the council *adopted*", "the museum, which
  the mayor *described* as a gem"): the antecedent (through its relative
  pronoun, when there is one) is the content; when the
  relative pronoun starts the clause the cue reports ("fees, which the mayor
  *said* were too high"), the content is the rest of that clause after the cue.

Each function returns a :class:`Reading` or None; none of them decides
whether the head is a cue (the scorer did that).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Span
from .attribution_syntax import _clause_span, _content, _subject
from .attribution_syntax import _tokens_span as tokens_span

# Verbs that link a subject to a predicate adjective or noun ("are afraid",
# "has been critical of", "seem confident", "felt betrayed", "came away
# convinced"); an adjective complement (acomp) after any verb counts, a noun
# (attr) only after these (the copulas of English grammars).
_COPULAS = frozenset({"be", "become", "remain", "seem", "appear", "look", "sound", "feel", "stay"})
# Prepositions after a predicate that never introduce what a stance is about:
# time and place ("critical *since* 2015", "ready *in* time" is rare enough to
# keep "in": "interested in X").
_NOT_TOPIC_PREPS = frozenset({"since", "after", "before", "during", "until", "at", "from"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Subjects that never stand for a patient whose description is reported:
# expletives and the writer's referents ("It was reported", "This was
# considered"): the it-frame is left to the rules.
_NOT_PATIENTS = frozenset({"it", "there", "this", "that", "which", "who", "what"})
_RELATIVE_WORDS = frozenset({"which", "that", "who", "whom", "what"})


@dataclass(frozen=True, slots=True)
class Reading:
    """A source, content and extra cue words read from one construction."""

    source: object | None  # a Token: the source's head word, or None
    content: Span
    extra: tuple = ()  # Tokens the cue span takes beyond the learned extent
    construction: str = ""  # which rule read it (for error analysis)


def _child(token, *deps: str):
    return next((c for c in token.children if c.dep_ in deps), None)


def _infinitive(verb) -> bool:
    """Whether ``verb`` is a bare "to" infinitive with no subject or conjunction."""
    return (
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and _child(verb, "nsubj", "nsubjpass", "mark") is None
    )


def _topic(word):
    """(preposition, object) of the first topic preposition after ``word``, or None."""
    for prep in word.children:
        if prep.dep_ != "prep" or prep.i < word.i or prep.lower_ in _NOT_TOPIC_PREPS:
            continue
        obj = _child(prep, "pobj", "pcomp")
        if obj is not None and obj.ent_type_ not in _TIME_ENTS:
            return prep, obj
        # "as to whether X": the object hangs under a second preposition
        inner = _child(prep, "prep")
        obj = _child(inner, "pobj", "pcomp") if inner is not None else None
        if obj is not None:
            return prep, obj
    return None


def _complement_reading(verb, lead: list) -> tuple[Span, tuple] | None:
    """Content and cue words of an infinitive or gerund that carries the stance.

    "quick *to point out* that X": the infinitive is part of the cue and its
    clause the content; "willing *to go forward*": the infinitive is the
    content. ``lead`` are the words before it that join the cue ("to", "by").
    """
    inner = _content(verb)
    if inner is not None:
        cue = (*lead, verb, *(c for c in verb.children if c.dep_ in {"aux", "prt", "neg"}))
        return inner, cue
    return None


def predicate(head, subject) -> Reading | None:
    """ "are afraid that X", "has been critical of X", "is a staunch opponent of X"."""
    pred = next(
        (
            c
            for c in head.children
            if c.i > head.i
            and (c.dep_ == "acomp" or (c.dep_ == "attr" and head.lemma_.lower() in _COPULAS))
        ),
        None,
    )
    if pred is None:
        return None
    clause = _child(pred, "ccomp", "acl") or _child(head, "ccomp")
    if clause is not None and clause.i > pred.i:
        return Reading(subject, _clause_span(clause), (pred,), "predicate-clause")
    xcomp = _child(pred, "xcomp") or _child(head, "xcomp")
    if xcomp is None:
        xcomp = next((c for c in head.children if c.dep_ == "advcl" and _infinitive(c)), None)
    if xcomp is not None and xcomp.i > pred.i:
        inner = _complement_reading(xcomp, [c for c in xcomp.children if c.lower_ == "to"])
        if inner is not None:
            return Reading(subject, inner[0], (pred, *inner[1]), "predicate-infinitive-clause")
        return Reading(subject, _clause_span(xcomp), (pred,), "predicate-infinitive")
    topic = _topic(pred)
    if topic is not None:
        prep, obj = topic
        return Reading(subject, tokens_span(obj.subtree), (pred, prep), "predicate-topic")
    return None


def _next_to(head, word) -> bool:
    """Whether only particles and adverbs of ``head`` stand between it and ``word``
    ("went *on* to explain", "started *off* by praising"): a purpose infinitive after
    an object or a place ("went to the store to buy milk") is not the cue's content."""
    doc = head.doc
    return all(
        doc[k].head.i == head.i and doc[k].dep_ in {"prt", "advmod", "neg"}
        for k in range(head.i + 1, word.i)
    )


def adverbial_complement(head, subject) -> Reading | None:
    """ "went on to explain that X", "started off by praising X", "is calling for X to Y"."""
    for child in head.children:
        if child.i < head.i or not _next_to(head, child.left_edge):
            continue
        if child.dep_ == "advcl" and _infinitive(child):
            to = [c for c in child.children if c.lower_ == "to"]
            inner = _complement_reading(child, to)
            if inner is not None:
                return Reading(subject, inner[0], inner[1], "infinitive-clause")
            obj = _child(child, "dobj")
            if obj is not None:  # "went on to discuss *the polls*"
                return Reading(subject, tokens_span(obj.subtree), (*to, child), "infinitive-object")
            return Reading(subject, _clause_span(child), (), "infinitive")
        if child.dep_ == "advcl":
            mark = _child(child, "mark")
            if mark is not None and mark.lower_ == "for":
                # "calling for the city to raise wages": PolNeAR's content is the
                # infinitive clause with its subject, "for" in the cue.
                words = [t for t in child.subtree if t.i != mark.i]
                return Reading(subject, tokens_span(words), (mark,), "for-infinitive")
        if child.dep_ == "prep" and child.lower_ == "by":
            gerund = _child(child, "pcomp")
            if gerund is None or gerund.tag_ != "VBG":
                continue
            inner = _complement_reading(gerund, [child])
            if inner is not None:
                return Reading(subject, inner[0], inner[1], "by-gerund-clause")
            obj = _child(gerund, "dobj")
            if obj is not None:
                return Reading(
                    subject, tokens_span(obj.subtree), (child, gerund), "by-gerund-object"
                )
    return None


def _phrase_before(noun, clause) -> Span | None:
    """``noun``'s phrase up to where ``clause`` (a modifier after it) starts."""
    words = [t for t in noun.subtree if t.i < clause.left_edge.i]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    return tokens_span(words) if words else None


def passive_patient(head) -> Reading | None:
    """ "The levy was dubbed a disgrace": the passive subject, with no source.

    A passive conjunct borrows its first conjunct's subject ("The mayor is a
    donor and has been mentioned as a candidate"); its "by" agent, if any, is
    the source ("... and was rejected by the council").
    """
    subject = _child(head, "nsubjpass")
    if subject is None and head.dep_ == "conj" and _child(head, "nsubj") is None:
        # "has been mentioned", or a participle sharing the first conjunct's
        # auxiliary ("were heard in May and rejected by the council")
        first = head.head
        if _child(head, "auxpass") is not None or (
            head.tag_ == "VBN" and _child(first, "auxpass") is not None
        ):
            subject = _subject(head)
    if subject is None or subject.lower_ in _NOT_PATIENTS:
        return None
    agent = _child(head, "agent")
    if agent is not None:
        if subject.head.i == head.i:
            return None  # the agent reading of attribution_model took it
        source = _child(agent, "pobj")
        return Reading(source, tokens_span(subject.subtree), (), "passive-conjunct")
    return Reading(None, tokens_span(subject.subtree), (), "passive-patient")


def participle(head) -> Reading | None:
    """ "the levy imposed by the council": the noun is the content, the agent the source."""
    noun = head.head
    if head.dep_ != "acl" or head.tag_ != "VBN" or noun.i > head.i:
        return None
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    agent = _child(head, "agent")
    source = _child(agent, "pobj") if agent is not None else None
    content = _phrase_before(noun, head)
    if content is None:
        return None
    return Reading(source, content, (), "participle")


def relative(head, subject, content: Span | None) -> Reading | None:
    """A cue in a relative clause: what its antecedent stands for is the content.

    "the plan the council adopted", "the museum, which the mayor described as a
    gem": the antecedent phrase. "fees, which the mayor said were too high":
    the reported clause holds the relative pronoun, so its span would swallow
    the cue; the content is the rest of the clause after the cue.
    """
    if head.dep_ != "relcl" or subject is None or subject.lower_ in _RELATIVE_WORDS:
        return None
    obj = _child(head, "dobj")
    if obj is not None and obj.i < head.i and obj.lower_ in _RELATIVE_WORDS:
        content = None  # "which the mayor described as a gem": the object is the antecedent
    if content is not None and content[0] <= head.idx < content[1]:
        tail = [
            t
            for t in head.doc[head.i + 1 : head.right_edge.i + 1]
            if content[0] <= t.idx < content[1]
        ]
        while tail and (tail[0].is_punct or tail[0].lower_ in {"that", "whether"}):
            tail.pop(0)
        while tail and tail[-1].is_punct:
            tail.pop()
        return Reading(subject, tokens_span(tail), (), "relative-clause") if tail else None
    if content is not None:
        return None
    antecedent = _phrase_before(head.head, head)
    if antecedent is None or head.head.i > head.i:
        return None
    pronoun = next(
        (
            t
            for t in head.subtree
            if t.i < head.i and t.lower_ in _RELATIVE_WORDS and t.dep_ not in _SUBJECTS
        ),
        None,
    )
    if pronoun is not None:
        # "the museum, which the mayor described as a gem": PolNeAR's content
        # is the antecedent or the relative pronoun (with the clause from it);
        # the span from one to the other holds both. Content overlap tp: dev
        # 1614 -> 1615, train 200 2865 -> 2873 (cue, source unchanged).
        antecedent = (antecedent[0], pronoun.idx + len(pronoun))
    return Reading(subject, antecedent, (), "relative-antecedent")


# Verbs whose direct object is the one spoken to ("told the mayor", "asked
# voters"), never what is said; shared with attribution's passive-hearer veto.
HEARER_VERBS = frozenset({"tell", "ask", "inform", "brief", "notify", "assure", "remind", "advise"})
# Conjunctions that open the question put to a hearer ("asked him *whether* X").
_QUESTION_MARKS = frozenset({"if", "whether"})


def hearer_topic(head, subject, content: Span | None) -> Reading | None:
    """ "asked the mayor whether X", "reminded voters about X": what the hearer is asked or told.

    The object of a hearer verb is the one addressed; when an "if"/"whether"
    clause or an "about" phrase follows it, that is what is said (PolNeAR's
    content), not the hearer. Only when the content read so far is the object
    itself (or nothing): "told the mayor that X" keeps its clause. PolNeAR
    content overlap tp: dev 1613 -> 1614 (cue exact 1486 -> 1487: "asked X
    about" is PolNeAR's cue span), train 200 2861 -> 2865.
    """
    if head.lemma_.lower() not in HEARER_VERBS:
        return None
    obj = _child(head, "dobj")
    if obj is None or obj.i < head.i:
        return None
    if content is not None and content[0] != obj.left_edge.idx:
        return None
    for child in head.children:
        if child.i <= obj.i:
            continue
        if child.dep_ in {"advcl", "ccomp"} and any(
            c.dep_ == "mark" and c.lower_ in _QUESTION_MARKS for c in child.children
        ):
            return Reading(subject, _clause_span(child), (), "hearer-question")
        if child.dep_ == "prep" and child.lower_ == "about":
            topic = _child(child, "pobj", "pcomp")
            if topic is not None:
                return Reading(subject, tokens_span(topic.subtree), (child,), "hearer-topic")
    return None


# Answers that stand for the reported clause: "the mayor said yes".
_ANSWERS = frozenset({"yes", "no"})


def pro_form(verb) -> list | None:
    """The words right after ``verb`` that stand for the clause it reports, or None.

    "he does not think *so*", "Lee said *as much*", "the mayor said *yes*":
    PolNeAR annotates the pro-form as the content (train: "so" 12 times,
    "yes"/"no" 7 with "said"); a quote elsewhere in the sentence is another
    verb's ("said as much, arguing that “...”").
    """
    doc = verb.doc
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is None or nxt.head.i not in {verb.i, verb.i + 2}:
        return None
    if nxt.lower_ == "so" and nxt.dep_ == "advmod" and nxt.head.i == verb.i:
        return [nxt]
    if nxt.lower_ in _ANSWERS and nxt.dep_ == "intj" and nxt.head.i == verb.i:
        return [nxt]
    much = doc[verb.i + 2] if verb.i + 2 < len(doc) else None
    if nxt.lower_ != "as" or much is None or much.lower_ != "much":
        return None
    return [nxt, much] if much.head.i == verb.i and nxt.head.i == much.i else None


def verb_reading(head, source, content: Span | None) -> Reading | None:
    """The first construction that reads a content for a verb cue ``head``, or None.

    ``source`` and ``content`` are what the head's own subject and complements
    gave (:func:`claimgraph.extract.attribution_model._verb_parts`); only a
    missing content, or one that would swallow its own cue, is looked for here.
    """
    found = relative(head, source, content) or hearer_topic(head, source, content)
    if found is not None or content is not None:
        return found
    return (
        predicate(head, source)
        or adverbial_complement(head, source)
        or participle(head)
        or passive_patient(head)
    )


# Prepositions that make a possessed opinion noun the frame of the clause they
# modify: "*In* the mayor's view, X", "*By* her own admission, X", "*Under* the
# council's plan, X" (PolNeAR train: such nouns are cues, the clause their content).
_FRAME_PREPS = frozenset({"in", "by", "under", "to"})


def noun_frame(noun) -> Reading | None:
    """ "In the mayor's view, the pier is safe": the clause the phrase frames is the content."""
    prep = noun.head
    source = _child(noun, "poss")
    if noun.dep_ != "pobj" or source is None or prep.lower_ not in _FRAME_PREPS:
        return None
    clause = prep.head
    if prep.dep_ != "prep" or clause.pos_ not in {"VERB", "AUX"}:
        return None
    skip = {t.i for t in prep.subtree}
    words = [t for t in clause.subtree if t.i not in skip and not t.is_punct and not t.is_space]
    return Reading(source, tokens_span(words), (), "noun-frame") if len(words) > 1 else None
