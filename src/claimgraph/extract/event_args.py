"""Who, where and when of a PLOVER event: source and target actors, place, date.

The source actor is the subject (or the agent of a passive), the target the
object or the object of to/with/against/on; both are resolved to actors
through their mentions. A place must hang from the trigger by a locative
preposition and a date by a temporal one, without crossing into another
clause: no default place and no invented date.
"""

from __future__ import annotations

import re
from typing import Any

from ..records import Actor, EventDate, Place, Span, TimeValue
from . import actor_at
from .triggers import SUBJECTS, Found, children, is_infinitive, lemma, within

# Prepositions whose object is the target of the action ("met with X",
# "sanctions on X", "protest against X").
# "from": the one acted on in "seized weapons from X", "withdrew from X".
_TARGET_PREPS = ("with", "against", "on", "upon", "to", "toward", "towards", "into", "from")
_LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "across", "inside", "outside", "throughout", "around", "within"}
)
_DATE_PREPS = frozenset({"on", "in", "at", "during", "by"})
# Dependencies along which a place or date phrase hangs from its trigger
# without passing through another clause.
_NP_DEPS = frozenset(
    {"prep", "pobj", "compound", "amod", "appos", "conj", "npadvmod", "nmod", "nummod", "det"}
    | {"dobj"}  # "shelled positions in Kashmir"
)
# Children that start a clause of their own: their actors are not the phrase's.
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "punct", "cc"})
# Steps up the parse from a place or date to the trigger: deeper paths run
# through other clauses (checked on the unit-test sentences and the seed).
_MAX_ATTACHMENT_STEPS = 6
# xcomp/conj chains longer than this between a verb and its subject are
# parse noise.
_MAX_SUBJECT_CLIMB = 4

_DATE_SHAPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


# --- actors ------------------------------------------------------------------


def _phrase_tokens(token) -> list:
    """The noun phrase headed by ``token`` with its prepositional modifiers
    ("security forces in Guinea", "tens of thousands of students throughout
    Indonesia"), without relative or other clauses."""
    out, stack = [], [token]
    while stack:
        current = stack.pop()
        out.append(current)
        # "a request by X": X is the requester, not who the phrase names.
        stack.extend(
            c
            for c in current.children
            if c.dep_ not in _CLAUSAL and not (c.dep_ in {"prep", "agent"} and lemma(c) == "by")
        )
    return out


def actor_of(token, actors: tuple[Actor, ...]) -> Actor | None:
    """The actor named by the noun phrase headed by ``token``: the head's own
    mention first ("President Donald Trump" → Trump), then mentions in the
    words before it ("Pakistani ambassadors", "Hamas representatives"), then
    in its prepositional modifiers ("forces in Guinea")."""
    head = actor_at(actors, (token.idx, token.idx + len(token)))
    if head is not None:
        return head
    left = token.left_edge
    found = actor_at(actors, (left.idx, token.idx + len(token)))
    if found is not None:
        return found
    for part in sorted(_phrase_tokens(token), key=lambda t: t.i):
        if part.i > token.i:
            found = actor_at(actors, (part.idx, part.idx + len(part)))
            if found is not None:
                return found
    return None


def _in_span_children(token, span: Span) -> list[tuple[Any, str]]:
    """(child, dependency) for the children inside the span; a subject outside
    it (a dateline the parser made the subject) is replaced by its apposition
    inside it ("TANGIER - Trade ministers from Morocco ... signed")."""
    out = []
    for child in token.children:
        if within(child, span):
            out.append((child, child.dep_))
        elif child.dep_ in SUBJECTS:
            out.extend(
                (a, child.dep_) for a in child.children if a.dep_ == "appos" and within(a, span)
            )
    return out


def subject(verb, span: Span) -> tuple[Any | None, Any | None]:
    """(source token, passive-subject token) for a verb, inheriting the subject
    of the governing verb through xcomp and conj ("plans to attack")."""
    token = verb
    for _ in range(_MAX_SUBJECT_CLIMB):
        for child, dep in _in_span_children(token, span):
            if dep == "nsubjpass" and token == verb:
                agents = [p for a in token.children if a.dep_ == "agent" for p in a.children]
                return (agents[0] if agents else None), child
            # Above the verb, a passive subject is the actor's: "X is set to deploy".
            if dep in SUBJECTS:
                return child, None
        controlled = token.dep_ == "advcl" and is_infinitive(token)
        if (token.dep_ not in {"xcomp", "conj", "acomp"} and not controlled) or token.head == token:
            break
        token = token.head
    return None, None


def _object_candidates(token, span: Span) -> list:
    out = [c for c in children(token, {"dobj", "dative"}, span) if c.pos_ != "ADP"]
    # spaCy labels "to" in "provide X to Y" dative; its object is the target.
    for prep in children(token, {"prep", "dative"}, span):
        if prep.pos_ == "ADP" and lemma(prep) in _TARGET_PREPS:
            out.extend(children(prep, {"pobj"}, span))
    return out


def _target(found: Found, source: Actor | None, actors, span: Span) -> Actor | None:
    heads = [found.token]
    if found.kind == "light" and found.governors:
        heads.append(found.governors[0])
    # A control verb's object may sit in its complement: "threatened to impose
    # sanctions on Poland". Not for a request, whose target is the one asked,
    # not the one the requested action is about ("asked X to send inspectors
    # to Y").
    if found.entry.type != "REQUEST":
        heads.extend(children(found.token, {"xcomp", "ccomp"}, span))
    if found.kind == "noun":
        # "the meetings of Hamas representatives with Pakistani ambassadors":
        # the parser often hangs the target phrase on the "of" object.
        for prep in children(found.token, {"prep"}, span):
            if lemma(prep) == "of":
                heads.extend(children(prep, {"pobj"}, span))
    candidates = []
    for head in heads:
        for obj in _object_candidates(head, span):
            candidates.append(obj)
            # "condemned the attack on Israel": the object's own target phrase.
            candidates.extend(_object_candidates(obj, span) if obj.dep_ == "dobj" else [])
    # "rejected calls by X", "dismissed an appeal from X", "violated a ban by
    # X": what is rejected is X's (codebook REJECT: the recipient is the one
    # whose request is rejected). "the blockade of X": the one it is laid on.
    for head in heads:
        for obj in children(head, {"dobj"}, span) if head is found.token else []:
            for prep in children(obj, {"prep", "agent"}, span):
                if found.entry.type == "REJECT" and lemma(prep) in {"by", "from"}:
                    candidates.extend(children(prep, {"pobj"}, span))
    if found.kind == "light":
        for prep in children(found.token, {"prep"}, span):
            if lemma(prep) == "of":
                candidates.extend(children(prep, {"pobj"}, span))
    if found.entry.type == "REQUEST":
        # "demanded that Hamas renounce ...": the one asked is the subject of
        # the demanded clause.
        for clause in children(found.token, {"ccomp"}, span):
            candidates.extend(children(clause, {"nsubj", "nsubjpass"}, span))
    for candidate in candidates:
        if found.kind == "light" and candidate == found.token:
            continue
        actor = actor_of(candidate, actors)
        if actor is not None and (source is None or actor.id != source.id):
            return actor
    return None


def noun_source(noun, actors, span: Span) -> Actor | None:
    """Who a noun trigger belongs to: "Israel's attack", "Israeli airstrikes",
    "the meetings of Hamas representatives", "an attack by rebels"."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and within(child, span):
            actor = actor_of(child, actors)
            if actor is not None:
                return actor
    for prep in children(noun, {"prep"}, span):
        if lemma(prep) in {"of", "by"}:
            for pobj in children(prep, {"pobj"}, span):
                actor = actor_of(pobj, actors)
                if actor is not None:
                    return actor
    return None


def arguments(found: Found, actors, span: Span) -> tuple[Actor | None, Actor | None, Any | None]:
    """(source actor, target actor, source token): the token is the subject
    the source was read from (a pronoun has no actor but names one)."""
    src_tok = None
    if found.kind == "noun":
        source = noun_source(found.token, actors, span)
    else:
        verb = found.governors[0] if found.kind == "light" else found.token
        src_tok, passive_subject = subject(verb, span)
        source = actor_of(src_tok, actors) if src_tok is not None else None
        if found.kind == "light" and source is None:
            source = noun_source(found.token, actors, span)
        if passive_subject is not None and passive_subject != found.token:
            # "X was arrested by Y": the passive subject is the one acted on.
            target = actor_of(passive_subject, actors)
            if target is not None and (source is None or target.id != source.id):
                return source, target, src_tok
    return source, _target(found, source, actors, span), src_tok


# --- place, date -------------------------------------------------------------


def _attachment(token, anchors: set[int]) -> int | None:
    """Steps from ``token`` up to an anchor along noun-phrase and preposition
    links, or None when the way passes through another clause."""
    steps = 0
    current = token
    while current.head != current and steps < _MAX_ATTACHMENT_STEPS:
        if current.dep_ not in _NP_DEPS and current.dep_ not in {"tmod", "npadvmod"}:
            return None
        current = current.head
        steps += 1
        if current.i in anchors:
            return steps
        if current.pos_ in {"VERB", "AUX"}:
            return None
    return None


def _anchors(found: Found) -> set[int]:
    anchors = {found.token.i}
    if found.kind == "light" and found.governors:
        anchors.add(found.governors[0].i)
    return anchors


def located_actor(found: Found, doc, actors: tuple[Actor, ...], span: Span) -> Actor | None:
    """A state named where the act was done to it ("imposed a curfew in Haiti",
    "shelled positions in Kashmir"): the state actor whose mention is the
    locative phrase of the trigger."""
    states = tuple(a for a in actors if a.type == "state")
    found_state = place(found, doc, states, span)
    return found_state if isinstance(found_state, Actor) else None


def place(
    found: Found, doc, places: tuple[Place, ...] | tuple[Actor, ...], span: Span
) -> Place | Actor | None:
    """The place (or, from :func:`located_actor`, the actor) whose mention is
    the object of a locative preposition attached to the trigger."""
    anchors = _anchors(found)
    best = None
    for candidate in places:
        for start, end in candidate.mentions:
            if not (span[0] <= start and end <= span[1]):
                continue
            mention = doc.char_span(start, end, alignment_mode="expand")
            if mention is None:
                continue
            root = mention.root
            if root.dep_ != "pobj" and root.dep_ != "compound":
                continue
            # "in various institutions in Pakistan" / "in Gaza City": climb to
            # the preposition, which must be locative.
            prep = root
            while prep.dep_ in {"pobj", "compound"} and prep.head != prep:
                prep = prep.head
                if prep.dep_ == "prep":
                    break
            if prep.dep_ != "prep" or lemma(prep) not in _LOCATIVE_PREPS:
                continue
            steps = _attachment(root, anchors)
            if steps is not None and (best is None or steps < best[0]):
                best = (steps, candidate)
    return best[1] if best else None


def _precision(value: str | None) -> str:
    if not value:
        return "unknown"
    for pattern, precision in _DATE_SHAPES:
        if pattern.match(value):
            return precision
    return "unknown"


def date(found: Found, doc, times: tuple[TimeValue, ...], span: Span) -> EventDate:
    anchors = _anchors(found)
    best: tuple[int, TimeValue] | None = None
    for time in times:
        if time.type not in {"DATE", "TIME"}:
            continue
        if not (span[0] <= time.span[0] and time.span[1] <= span[1]):
            continue
        mention = doc.char_span(time.span[0], time.span[1], alignment_mode="expand")
        if mention is None:
            continue
        root = mention.root
        attached = root.dep_ in {"npadvmod", "tmod"} or (
            root.dep_ == "pobj" and lemma(root.head) in _DATE_PREPS
        )
        if not attached:
            continue
        steps = _attachment(root, anchors)
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, time)
    if best is None:
        return EventDate(None, "unknown", None)
    time = best[1]
    return EventDate(time.value, _precision(time.value), time.span)  # type: ignore[arg-type]
