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
from . import actor_at, doc_arrays, sentence_chars
from .plover import Trigger
from .triggers import (
    LIGHT,
    SUBJECTS,
    Found,
    children,
    event_arrays,
    is_infinitive,
    lemma,
    within,
)

# Prepositions whose object is the target of the action ("met with X",
# "sanctions on X", "protest against X").
# "from": the one acted on in "seized weapons from X", "withdrew from X".
# "between": the parties of "mediation between X and Y", "talks between X and Y".
_TARGET_PREPS = (
    *("with", "against", "on", "upon", "to", "toward", "towards", "into", "from", "between"),
)
# "for": the one an act is meant for ("aid for Sudan", "restrictions on the
# labour market for new members", "support for X"); not for a request, whose
# target is the one asked, not who would benefit ("demanded compensation for X").
_BENEFICIARY_PREP = "for"
# Types whose target is whoever owns the act or thing acted on: what is
# condemned or rejected is its author's ("denounced Serbia's suppression",
# "rejected a U.S. request", "investigating crimes by X"; codebook ACCUSE and
# REJECT), so the owner comes before the object's own target phrase.
_OWNER_FIRST = frozenset({"ACCUSE", "REJECT"})
# Types whose complement clause's subject is the one acted on ("allowed X to
# run", "permitted X to enter"; codebook CONCEDE and RETREAT: easing
# restrictions on persons, allowing entry).
_ALLOWING = frozenset({"CONCEDE", "RETREAT"})
# Verbs of permission inside a trigger's complement ("refused to allow X to
# land"): the one (not) allowed is the target.
_PERMISSIVE = frozenset({"allow", "permit", "let"})
# "with X's help", "with the support of X": X helps the source; a helper is
# no target.
_HELP = frozenset({"help", "support", "assistance", "backing", "aid", "cooperation"})
# Types whose purpose clause names the target when the clause itself names
# none ("staged a hunger strike to demand the resignation of X", "opened fire
# to disperse demonstrators"): protests and force are directed at someone.
_PURPOSE_TYPES = frozenset({"PROTEST", "ASSAULT", "COERCE"})
# Types whose act, done as the purpose of another ("summoned X to complain"),
# is addressed to the one that other act reaches.
_ADDRESSED = frozenset({"ACCUSE", "REQUEST"})
_LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "across", "inside", "outside", "throughout", "around", "within"}
)
_DATE_PREPS = frozenset({"on", "in", "at", "during", "by"})
# Nouns for a site inside a named place: "at the port of Karachi" is in Karachi.
_SITES = frozenset(
    {"port", "harbour", "harbor", "city", "town", "village", "district", "province"}
    | {"region", "outskirts", "centre", "center", "capital", "area", "airport", "border"}
)
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
# parse noise (5, not 4: "X is willing | to send material | to help |
# defend Y" climbs four links to the copula).
_MAX_SUBJECT_CLIMB = 5

_DATE_SHAPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


# --- actors ------------------------------------------------------------------


def _phrase_ids(doc, i: int) -> list[int]:
    """The noun phrase headed by token ``i`` with its prepositional modifiers
    ("security forces in Guinea", "tens of thousands of students throughout
    Indonesia"), without relative or other clauses: token indices, in the
    order of a depth-first walk."""
    arrays = doc_arrays(doc)
    kids, deps, lemmas = arrays.children, arrays.deps, event_arrays(doc).lemmas
    out, stack = [], [i]
    while stack:
        current = stack.pop()
        out.append(current)
        # "a request by X": X is the requester, not who the phrase names.
        stack.extend(
            c
            for c in kids[current]
            if deps[c] not in _CLAUSAL and not (deps[c] in {"prep", "agent"} and lemmas[c] == "by")
        )
    return out


def actor_of(token, actors: tuple[Actor, ...]) -> Actor | None:
    """The actor named by the noun phrase headed by ``token``: the head's own
    mention first ("President Donald Trump" → Trump), then mentions in the
    words before it ("Pakistani ambassadors", "Hamas representatives"), then
    in its prepositional modifiers ("forces in Guinea")."""
    doc, i = token.doc, token.i
    idx, ends = doc_arrays(doc).idx, event_arrays(doc).ends
    head = actor_at(actors, (idx[i], ends[i]))
    if head is not None:
        return head
    found = actor_at(actors, (token.left_edge.idx, ends[i]))
    if found is not None:
        return found
    for part in sorted(_phrase_ids(doc, i)):
        if part > i:
            found = actor_at(actors, (idx[part], ends[part]))
            if found is not None:
                return found
    return None


def _in_span_children(token, span: Span) -> list[tuple[Any, str]]:
    """(child, dependency) for the children inside the span; a subject outside
    it (a dateline the parser made the subject) is replaced by its apposition
    inside it ("TANGIER - Trade ministers from Morocco ... signed")."""
    doc = token.doc
    arrays = doc_arrays(doc)
    kids, deps, idx, ends = arrays.children, arrays.deps, arrays.idx, event_arrays(doc).ends
    start, end = span
    out = []
    for child in kids[token.i]:
        dep = deps[child]
        if start <= idx[child] and ends[child] <= end:
            out.append((doc[child], dep))
        if dep in {"aux", "auxpass"}:
            # Parser slip: "Chad is opposed to ...": the subject hung on "is".
            out.extend(
                (doc[c], deps[c])
                for c in kids[child]
                if deps[c] in SUBJECTS and start <= idx[c] and ends[c] <= end
            )
        elif dep in SUBJECTS:
            out.extend(
                (doc[a], dep)
                for a in kids[child]
                if deps[a] == "appos" and start <= idx[a] and ends[a] <= end
            )
    return out


def _issued(token) -> bool:
    """A participle on the object of a light verb ("issued a statement
    condemning ...")."""
    noun = token.head
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and noun.dep_ == "dobj"
        and lemma(noun.head) in LIGHT
    )


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
        if _issued(token):
            # "X issued a declaration demanding ...": the issuer demands.
            token = token.head.head
            continue
        if (token.dep_ not in {"xcomp", "conj", "acomp"} and not controlled) or token.head == token:
            break
        token = token.head
    return None, None


def _object_candidates(token, span: Span, beneficiary: bool = True) -> list:
    out = [c for c in children(token, {"dobj", "dative"}, span) if c.pos_ != "ADP"]
    preps = (*_TARGET_PREPS, _BENEFICIARY_PREP) if beneficiary else _TARGET_PREPS
    # spaCy labels "to" in "provide X to Y" dative; its object is the target.
    for prep in children(token, {"prep", "dative"}, span):
        if prep.pos_ == "ADP" and lemma(prep) in preps:
            out.extend(
                o
                for o in children(prep, {"pobj"}, span)
                if not (lemma(prep) == "with" and lemma(o) in _HELP)
            )
    return out


def agents(noun, span: Span) -> list:
    """The "by"/"from" authors of a noun ("calls by X", "an appeal from X",
    "crimes committed by X", "the demonstration staged by X")."""
    out = []
    for prep in children(noun, {"prep", "agent"}, span):
        if lemma(prep) in {"by", "from"}:
            out.extend(children(prep, {"pobj"}, span))
    for participle in children(noun, {"acl"}, span):
        for agent in children(participle, {"agent"}, span):
            out.extend(children(agent, {"pobj"}, span))
    return out


def _target(found: Found, source: Actor | None, actors, span: Span) -> Actor | None:
    heads = [found.token]
    if found.kind == "light" and found.governors:
        heads.append(found.governors[0])
    verbs = list(heads)
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
    objects = [o for head in heads for o in children(head, {"dobj"}, span)]
    beneficiary = found.entry.type != "REQUEST"
    candidates = []
    if found.entry.type in _OWNER_FIRST:
        # "rejected calls by X", "dismissed an appeal from X", "condemned the
        # attack on Y by X", "is investigating crimes by X": what is rejected
        # or condemned is X's (codebook REJECT: the recipient is the one whose
        # request is rejected; ACCUSE: the one accused).
        candidates.extend(a for o in objects for a in agents(o, span))
    for head in heads:
        for obj in _object_candidates(head, span, beneficiary):
            candidates.append(obj)
            # "condemned the attack on Israel": the object's own target phrase.
            if obj.dep_ == "dobj":
                candidates.extend(_object_candidates(obj, span, beneficiary))
        if head is not found.token and lemma(head) in _PERMISSIVE:
            # "refused to allow U.N. planes to land": the one not allowed.
            for clause in children(head, {"ccomp", "xcomp"}, span):
                candidates.extend(children(clause, {"nsubj", "nsubjpass"}, span))
    # "prevented the demonstration staged by students": an act done to an
    # activity is done to its author.
    candidates.extend(a for o in objects for a in agents(o, span))
    if found.kind == "light":
        # "the blockade of X": the one it is laid on.
        for prep in children(found.token, {"prep"}, span):
            if lemma(prep) == "of":
                candidates.extend(children(prep, {"pobj"}, span))
    if found.entry.type == "REQUEST":
        # "demanded that Hamas renounce ...": the one asked is the subject of
        # the demanded clause; "demanded an admission by Moscow": its author.
        # ("its demands that X grant ...": the noun's clause is an acl).
        # "reiterated its demand that X ...": the light verb's clause.
        for head in verbs:
            for clause in children(head, {"ccomp", "acl"}, span):
                candidates.extend(children(clause, {"nsubj", "nsubjpass"}, span))
        candidates.extend(a for o in objects for a in agents(o, span))
    if found.entry.type in _ALLOWING:
        # "allowed refugees from Angola to return": the one allowed.
        for clause in children(found.token, {"ccomp", "xcomp"}, span):
            candidates.extend(children(clause, {"nsubj", "nsubjpass"}, span))
    if found.entry.type in {"CONSULT", "AID"}:
        # "hosted a visit by Laos", "a donation from X".
        candidates.extend(a for o in objects for a in agents(o, span))
    for head in verbs:
        # "mobilized reservists for a possible war against Iraq".
        for against in _against(head, span):
            candidates.append(against)
            candidates.extend(agents(against, span))
    if found.entry.type in _PURPOSE_TYPES:
        # The purpose clause may be a unit of its own ("X began a hunger
        # strike | to demand ..."): it is read within the whole sentence.
        sentence = sentence_chars(found.token)
        for head in verbs:
            for clause in _purpose_clauses(head, sentence):
                for obj in _object_candidates(clause, sentence):
                    candidates.extend([obj, *agents(obj, sentence)])
                for against in _against(clause, sentence):
                    candidates.extend([against, *agents(against, sentence)])
    clause = verbs[-1]
    if found.entry.type in _ADDRESSED and clause.dep_ == "advcl" and is_infinitive(clause):
        # "summoned Niger's ambassador to complain", "sent inspectors to
        # Bosnia to investigate": the act of a purpose clause is aimed at the
        # one its governing verb reaches.
        sentence = sentence_chars(clause)
        candidates.extend(_object_candidates(clause.head, sentence))
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
    # "the demonstration staged by students": the agent of a participle.
    for participle in children(noun, {"acl"}, span):
        for agent in children(participle, {"agent"}, span):
            for pobj in children(agent, {"pobj"}, span):
                actor = actor_of(pobj, actors)
                if actor is not None:
                    return actor
    return None


def _against(head, span: Span) -> list:
    """Objects of "against" anywhere in the phrases hanging from ``head``
    without crossing into another clause ("mobilized reservists for a
    possible war against Iraq", "in protest against violations by X"), each
    followed by the words that own it."""
    out = []
    stack = [c for c in head.children if c.dep_ in {"prep", "dobj"} and within(c, span)]
    while stack:
        current = stack.pop()
        if current.dep_ == "prep" and lemma(current) == "against":
            out.extend(children(current, {"pobj"}, span))
            continue
        stack.extend(c for c in current.children if c.dep_ in _NP_DEPS and within(c, span))
    return out


def _purpose_clauses(head, span: Span) -> list:
    """Infinitive clauses of purpose under ``head`` ("... to demand X")."""
    return [c for c in children(head, {"advcl"}, span) if is_infinitive(c)]


# Types whose agentless passive with "to" is an attitude of its subject
# ("is opposed to", "is committed to", "is dedicated to").
_ATTITUDES = frozenset({"AGREE", "REJECT", "SUPPORT"})


def _stative(verb, found: Found, span: Span) -> bool:
    return (
        found.kind == "verb"
        and found.entry.type in _ATTITUDES
        and not any(c.dep_ == "agent" for c in verb.children)
        and any(lemma(p) == "to" for p in children(verb, {"prep"}, span))
    )


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
        if found.kind == "light" and source is None and (src_tok is None or src_tok.tag_ != "PRP"):
            # (A pronoun subject names the source, only not here: "it would
            # tighten the blockade of Serbia" is not Serbia's blockade.)
            source = noun_source(found.token, actors, span)
        if passive_subject is not None and src_tok is None and _stative(verb, found, span):
            # "Israel is opposed to French mediation", "Vietnam is committed
            # to opening up": an attitude, held by its subject.
            src_tok, passive_subject = passive_subject, None
            source = actor_of(src_tok, actors)
        if passive_subject is not None and passive_subject != found.token:
            # "X was arrested by Y": the passive subject is the one acted on.
            target = actor_of(passive_subject, actors)
            if target is not None and (source is None or target.id != source.id):
                return source, target, src_tok
    return source, _target(found, source, actors, span), src_tok


# --- place, date -------------------------------------------------------------


def _attachment(token, anchors: set[int], subject: bool = False) -> int | None:
    """Steps from ``token`` up to an anchor along noun-phrase and preposition
    links, or None when the way passes through another clause. With
    ``subject``, also through the trigger's subject: where the actors are is
    where they act ("dockworkers at the port of Karachi began a strike")."""
    steps = 0
    base = doc_arrays(token.doc)
    heads, deps, pos = base.heads, base.deps, base.pos
    current = token.i
    allowed = _ATTACHING_SUBJECT if subject else _ATTACHING
    while heads[current] != current and steps < _MAX_ATTACHMENT_STEPS:
        if deps[current] not in allowed:
            return None
        current = heads[current]
        steps += 1
        if current in anchors:
            return steps
        if pos[current] in {"VERB", "AUX"}:
            return None
    return None


# The links _attachment may climb.
_ATTACHING = _NP_DEPS | {"tmod", "npadvmod", "poss"}
_ATTACHING_SUBJECT = _ATTACHING | {"nsubj", "nsubjpass"}


def _anchors(found: Found) -> set[int]:
    anchors = {found.token.i}
    if found.kind == "light" and found.governors:
        anchors.add(found.governors[0].i)
    return anchors


# Acts done to a place's people or rulers, whose locative state is their
# target when no other is named.
# PROTEST is among them as a last resort (PLOVER gold records code "rioted at
# a jail in northern Israel" with target Israel): the protest's purpose clause
# and "against" phrase are tried first (event_args).
# AID: aid or peacekeepers sent to where they arrive go to its people
# (codebook AID: "military and police assistance including arms and
# personnel"; the recipient is the target).
LOCATED_TYPES = frozenset(
    {"COERCE", "CONCEDE", "ASSAULT", "RETREAT", "MOBILIZE", "CONSULT", "PROTEST", "AID"}
)


def located(entry: Trigger) -> bool:
    """Whether the state where the act is done is its target when no other is
    named: the located types, and seeking refuge or asylum "in X" (codebook
    DEMAND: refugees' demands to be let into other countries code those
    countries as targets)."""
    return entry.type in LOCATED_TYPES or (entry.type, entry.mode) == ("REQUEST", "assist")


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
            if root.dep_ not in {"pobj", "compound", "poss"}:
                continue
            # "in various institutions in Pakistan" / "in Gaza City": climb to
            # the preposition, which must be locative; "at the port of
            # Karachi", "at Karachi's port": through a place noun.
            prep = root
            while prep.dep_ in {"pobj", "compound", "poss"} and prep.head != prep:
                prep = prep.head
                if prep.dep_ == "prep" and lemma(prep) == "of" and lemma(prep.head) in _SITES:
                    prep = prep.head
                elif prep.dep_ == "prep":
                    break
            if prep.dep_ != "prep" or lemma(prep) not in _LOCATIVE_PREPS:
                continue
            steps = _attachment(root, anchors, subject=True)
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
