"""PLOVER events: who did what to whom, where and when, one event per claim unit at most.

The trigger is found in the dependency parse of the unit's content: the
governing verb of the clause first, looking through reporting verbs ("said
that ...", the attribution cue) and light or control verbs ("held talks",
"plans to attack") to the word that names the action. Triggers, their PLOVER
type, mode and CAMEO code come from ``data/plover.yaml``. The source actor is
the subject (or the agent of a passive), the target the object or the object of
to/with/against/on; both are resolved to actor ids through their mentions.

Abstention over guessing: no event when neither a source nor a target actor is
found, when the clause is a copula, or when a noun trigger has no source; no
default place and no invented date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..records import Actor, Event, EventDate, Place, Span, TimeValue
from . import ClaimUnit, actor_at
from .plover import Lexicon, Trigger, load_lexicon


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report speech or cognition. They are attribution cues, not events
# (PLOVER dropped CAMEO 01 "make public statement"); the event, if any, is in
# their complement clause.
_REPORTING = _words(
    "say tell report state claim add note announce declare suggest show reveal indicate "
    "confirm insist argue write quote explain believe think warn acknowledge deny assert "
    "stress emphasize emphasise predict estimate find know learn hear see demonstrate "
    "highlight mention reiterate point describe consider"
)
# Light verbs take their meaning from the noun they govern ("held talks",
# "staged a protest", "launched an attack", "went on strike").
_LIGHT = _words(
    "hold stage launch carry conduct organize organise mount make take give have lead "
    "call go impose reimpose declare reach begin start resume continue join send renew "
    "undertake issue open complete lodge file"
)
# Control, aspect and intention verbs: the action is their xcomp ("plans to
# attack", "tried to seize", "is set to deploy").
_CONTROL = _words(
    "try attempt seek decide plan intend want aim prepare expect hope set schedule "
    "manage fail keep continue begin start be become appear seem help move vow "
    "go need wish"
)
_COPULA = frozenset({"be", "become", "seem", "appear", "remain"})
# Governing verbs that put the action in the future (intended, planned).
_FUTURE_GOVERNORS = _words(
    "plan intend aim prepare expect hope set schedule want seek vow threaten swear "
    "ready willing prepared determined eager"
)
_FUTURE_AUX = frozenset({"will", "shall"})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "might"})
_CONDITIONAL_MARKS = frozenset({"if", "unless"})
# Habitual adverbs mark a generic statement rather than one occurrence.
_GENERIC_ADVERBS = _words(
    "often usually generally routinely typically regularly frequently always habitually"
)
_NEGATORS = frozenset({"never"})  # besides any "neg" dependency
# Governing verbs that say the action did not happen ("failed to reach",
# "denied meeting the union leaders").
_FAILURE = frozenset({"fail", "refrain"})
_DENIAL = frozenset({"deny", "refute"})
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
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Children that start a clause of their own: their actors are not the phrase's.
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "punct", "cc"})

# Confidence: hand-set priors, not yet calibrated against plover_gsr. A lexicon
# verb heading its clause is the strongest signal; a noun trigger governed by a
# light verb borrows that verb's arguments; a bare noun trigger (subject of an
# unrelated verb) is weakest. Found actors and a known mode each add evidence.
_BASE_CONFIDENCE = {"verb": 0.5, "light": 0.45, "noun": 0.3}
_SOURCE_BONUS = 0.25
_TARGET_BONUS = 0.15
_MODE_BONUS = 0.05
_MAX_CONFIDENCE = 0.95

# An upper-case place, optionally a country or region and a date, optionally
# an agency in brackets, then a dash: the usual wire-story dateline.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]+(?:, [A-Z][\w.' ]+)?(?:, [A-Z][a-z]+\.? \d{1,2})?"
    r"(?: \([^)\n]{1,60}\))?\s*[\u2014\u2013-]+\s*"
)

_DATE_SHAPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
)


@dataclass(frozen=True, slots=True)
class _Found:
    token: Any  # the trigger token (spaCy Token)
    entry: Trigger
    kind: str  # "verb" | "light" | "noun"
    governors: tuple[Any, ...]  # verbs above the trigger in the unit, nearest first


# --- parse helpers -----------------------------------------------------------


# Lemmatizer slips of the small English pipeline seen on news text
# ("staged" → "stag").
_LEMMA_FIXES = {"stag": "stage"}


def _lemma(token) -> str:
    lemma = token.lemma_.lower()
    return _LEMMA_FIXES.get(lemma, lemma)


def _in(token, span: Span) -> bool:
    return span[0] <= token.idx and token.idx + len(token) <= span[1]


def _has_object(token) -> bool:
    return any(c.dep_ in {"dobj", "dative"} for c in token.children)


def _has_complement(token) -> bool:
    return any(c.dep_ in {"dobj", "dative", "xcomp", "ccomp"} for c in token.children)


def _neighbour_lemmas(token) -> set[str]:
    """Lemmas a multi-word trigger's extra words may match: particles,
    prepositions, objects, modifiers, and the objects of those prepositions."""
    out: set[str] = set()
    for child in token.children:
        if child.dep_ in _SUBJECTS:
            continue
        out.add(_lemma(child))
        for grandchild in child.children:
            if grandchild.dep_ in {"pobj", "compound", "amod", "dobj"}:
                out.add(_lemma(grandchild))
    return out


def _match(token, table: dict[str, tuple[Trigger, ...]], verb: bool) -> Trigger | None:
    entries = table.get(_lemma(token))
    if not entries:
        return None
    neighbours = _neighbour_lemmas(token)
    for entry in entries:
        if entry.extras and not set(entry.extras) <= neighbours:
            continue
        if verb and entry.when == "transitive" and not _has_object(token):
            continue
        if verb and entry.when == "intransitive" and _has_object(token):
            continue
        if verb and entry.when == "complement" and not _has_complement(token):
            continue
        return entry
    return None


def _noun_match(token, lexicon: Lexicon) -> Trigger | None:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    return _match(token, lexicon.nouns, verb=False)


def _children(token, deps: set[str], span: Span) -> list:
    return [c for c in token.children if c.dep_ in deps and _in(c, span)]


def _light_nouns(verb, span: Span) -> list:
    """Nouns a light verb lends its arguments to: its object, its passive
    subject ("rallies were held"), the object of on/into ("went on strike")."""
    out = _children(verb, {"dobj", "nsubjpass"}, span)
    for prep in _children(verb, {"prep"}, span):
        if _lemma(prep) in {"on", "into", "in"}:
            out.extend(_children(prep, {"pobj"}, span))
    # "gave 5 million dollars of aid": the measured noun.
    for noun in list(out):
        for prep in _children(noun, {"prep"}, span):
            if _lemma(prep) == "of":
                out.extend(_children(prep, {"pobj"}, span))
    return out


def _find(root, lexicon: Lexicon, span: Span, cue_span: Span | None) -> _Found | None:
    """Breadth-first down the clause's verb chain to the first trigger."""
    queue: list[tuple[Any, tuple[Any, ...]]] = [(root, ())]
    seen: set[int] = set()
    while queue:
        token, governors = queue.pop(0)
        if token.i in seen:
            continue
        seen.add(token.i)
        below = (token, *governors)
        # acomp: "is ready to lift the ban", "is willing to send troops".
        complements = _children(token, {"ccomp", "xcomp", "conj", "acomp"}, span)
        is_cue = cue_span is not None and _in(token, cue_span)
        if token.pos_ in {"VERB", "AUX"} and not is_cue:
            entry = _match(token, lexicon.verbs, verb=True)
            if entry is not None:
                return _Found(token, entry, "verb", governors)
            lemma = _lemma(token)
            if lemma in _LIGHT or lemma in _REPORTING:
                for noun in _light_nouns(token, span):
                    noun_entry = _noun_match(noun, lexicon)
                    if noun_entry is not None:
                        return _Found(noun, noun_entry, "light", below)
            if lemma not in _COPULA and lemma not in _CONTROL and lemma not in _LIGHT:
                # "The meetings of X with Y demonstrate ...": a noun trigger
                # as the subject of a verb that is not itself an event.
                for noun in _children(token, _SUBJECTS, span):
                    noun_entry = _noun_match(noun, lexicon)
                    if noun_entry is not None:
                        return _Found(noun, noun_entry, "noun", below)
        elif token.pos_ in {"NOUN", "PROPN"} and token.dep_ == "ROOT":
            noun_entry = _noun_match(token, lexicon)
            if noun_entry is not None:
                return _Found(token, noun_entry, "noun", governors)
        queue.extend((c, below) for c in complements)
    return None


def _without_dateline(text: str, span: Span) -> Span:
    """The unit without a leading wire dateline ("TANGIER, March 13 (Reuters) -",
    "ANTOFAGASTA, Chile —"): it names where the story was filed, and must not
    become the subject, the place or the date of the event."""
    match = _DATELINE.match(text, span[0], span[1])
    return (match.end(), span[1]) if match else span


def _roots(doc, span: Span) -> list:
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    if tokens is None:
        return []
    roots = [t for t in tokens if t.head == t or not _in(t.head, span)]
    # Verbs first: a clause is headed by its verb; fragments fall back to nouns.
    return sorted(roots, key=lambda t: (t.pos_ not in {"VERB", "AUX"}, t.i))


# --- arguments ---------------------------------------------------------------


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
            if c.dep_ not in _CLAUSAL and not (c.dep_ in {"prep", "agent"} and _lemma(c) == "by")
        )
    return out


def _actor_of(token, actors: tuple[Actor, ...]) -> Actor | None:
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
        if _in(child, span):
            out.append((child, child.dep_))
        elif child.dep_ in _SUBJECTS:
            out.extend(
                (a, child.dep_) for a in child.children if a.dep_ == "appos" and _in(a, span)
            )
    return out


def _subject(verb, span: Span) -> tuple[Any | None, Any | None]:
    """(source token, passive-subject token) for a verb, inheriting the subject
    of the governing verb through xcomp and conj ("plans to attack")."""
    token = verb
    for _ in range(4):  # xcomp/conj chains longer than this are parse noise
        for child, dep in _in_span_children(token, span):
            if dep == "nsubjpass" and token == verb:
                agents = [p for a in token.children if a.dep_ == "agent" for p in a.children]
                return (agents[0] if agents else None), child
            # Above the verb, a passive subject is the actor's: "X is set to deploy".
            if dep in _SUBJECTS:
                return child, None
        if token.dep_ not in {"xcomp", "conj"} or token.head == token:
            break
        token = token.head
    return None, None


def _object_candidates(token, span: Span) -> list:
    out = [c for c in _children(token, {"dobj", "dative"}, span) if c.pos_ != "ADP"]
    # spaCy labels "to" in "provide X to Y" dative; its object is the target.
    for prep in _children(token, {"prep", "dative"}, span):
        if prep.pos_ == "ADP" and _lemma(prep) in _TARGET_PREPS:
            out.extend(_children(prep, {"pobj"}, span))
    return out


def _target(found: _Found, source: Actor | None, actors, span: Span) -> Actor | None:
    heads = [found.token]
    if found.kind == "light" and found.governors:
        heads.append(found.governors[0])
    # A control verb's object may sit in its complement: "threatened to impose
    # sanctions on Poland". Not for a request, whose target is the one asked,
    # not the one the requested action is about ("asked X to send inspectors
    # to Y").
    if found.entry.type != "REQUEST":
        heads.extend(_children(found.token, {"xcomp", "ccomp"}, span))
    if found.kind == "noun":
        # "the meetings of Hamas representatives with Pakistani ambassadors":
        # the parser often hangs the target phrase on the "of" object.
        for prep in _children(found.token, {"prep"}, span):
            if _lemma(prep) == "of":
                heads.extend(_children(prep, {"pobj"}, span))
    candidates = []
    for head in heads:
        for obj in _object_candidates(head, span):
            candidates.append(obj)
            # "condemned the attack on Israel": the object's own target phrase.
            candidates.extend(_object_candidates(obj, span) if obj.dep_ == "dobj" else [])
    for candidate in candidates:
        if found.kind == "light" and candidate == found.token:
            continue
        actor = _actor_of(candidate, actors)
        if actor is not None and (source is None or actor.id != source.id):
            return actor
    return None


def _noun_source(noun, actors, span: Span) -> Actor | None:
    """Who a noun trigger belongs to: "Israel's attack", "Israeli airstrikes",
    "the meetings of Hamas representatives", "an attack by rebels"."""
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and _in(child, span):
            actor = _actor_of(child, actors)
            if actor is not None:
                return actor
    for prep in _children(noun, {"prep"}, span):
        if _lemma(prep) in {"of", "by"}:
            for pobj in _children(prep, {"pobj"}, span):
                actor = _actor_of(pobj, actors)
                if actor is not None:
                    return actor
    return None


def _arguments(found: _Found, actors, span: Span) -> tuple[Actor | None, Actor | None]:
    if found.kind == "noun":
        source = _noun_source(found.token, actors, span)
    else:
        verb = found.governors[0] if found.kind == "light" else found.token
        src_tok, passive_subject = _subject(verb, span)
        source = _actor_of(src_tok, actors) if src_tok is not None else None
        if found.kind == "light" and source is None:
            source = _noun_source(found.token, actors, span)
        if passive_subject is not None and passive_subject != found.token:
            # "X was arrested by Y": the passive subject is the one acted on.
            target = _actor_of(passive_subject, actors)
            if target is not None and (source is None or target.id != source.id):
                return source, target
    return source, _target(found, source, actors, span)


# --- place, date -------------------------------------------------------------


def _attachment(token, anchors: set[int]) -> int | None:
    """Steps from ``token`` up to an anchor along noun-phrase and preposition
    links, or None when the way passes through another clause."""
    steps = 0
    current = token
    while current.head != current and steps < 6:  # deeper paths are other clauses
        if current.dep_ not in _NP_DEPS and current.dep_ not in {"tmod", "npadvmod"}:
            return None
        current = current.head
        steps += 1
        if current.i in anchors:
            return steps
        if current.pos_ in {"VERB", "AUX"}:
            return None
    return None


def _anchors(found: _Found) -> set[int]:
    anchors = {found.token.i}
    if found.kind == "light" and found.governors:
        anchors.add(found.governors[0].i)
    return anchors


def _place(found: _Found, doc, places: tuple[Place, ...], span: Span) -> Place | None:
    anchors = _anchors(found)
    best: tuple[int, Place] | None = None
    for place in places:
        for start, end in place.mentions:
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
            if prep.dep_ != "prep" or _lemma(prep) not in _LOCATIVE_PREPS:
                continue
            steps = _attachment(root, anchors)
            if steps is not None and (best is None or steps < best[0]):
                best = (steps, place)
    return best[1] if best else None


def _precision(value: str | None) -> str:
    if not value:
        return "unknown"
    for pattern, precision in _DATE_SHAPES:
        if pattern.match(value):
            return precision
    return "unknown"


def _date(found: _Found, doc, times: tuple[TimeValue, ...], span: Span) -> EventDate:
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
            root.dep_ == "pobj" and _lemma(root.head) in _DATE_PREPS
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


# --- realis, mode, confidence -------------------------------------------------


def _in_condition(token) -> bool:
    """Inside an if/unless clause (the condition itself is hypothetical)."""
    current = token
    while current.head != current:
        if current.dep_ == "advcl" and any(
            c.dep_ == "mark" and _lemma(c) in _CONDITIONAL_MARKS for c in current.children
        ):
            return True
        current = current.head
    return False


def _realis(found: _Found, certainty: str, unit: ClaimUnit, span: Span) -> str:
    # The trigger and the verbs above it up to a reporting verb: "X said it
    # will not attack" is about the attack, not about the saying.
    chain = [found.token]
    reporter = None
    for governor in found.governors:
        if _lemma(governor) in _REPORTING:
            reporter = governor
            break
        chain.append(governor)
    children = [c for t in chain for c in t.children]
    failed = any(_lemma(g) in _FAILURE for g in chain[1:])
    failed = failed or (reporter is not None and _lemma(reporter) in _DENIAL)
    if (
        certainty == "negated"
        or failed
        or any(c.dep_ == "neg" or _lemma(c) in _NEGATORS for c in children)
    ):
        return "negated"
    auxes = {_lemma(c) for c in children if c.dep_ in {"aux", "auxpass"}}
    if _in_condition(found.token):
        return "hypothetical"
    # In reported speech "would" is the future of the past ("the minister said
    # she would meet both sides"), not a hypothetical.
    reported = reporter is not None or bool(unit.chain)
    if reported and "would" in auxes:
        auxes = (auxes - {"would"}) | {"will"}
    if auxes & _HYPOTHETICAL_AUX:
        return "hypothetical"
    # A light verb is part of the trigger ("held talks"), not a governor of it.
    above = chain[2:] if found.kind == "light" else chain[1:]
    intends = any(
        _lemma(g) in _FUTURE_GOVERNORS or (_lemma(g) == "go" and g.tag_ == "VBG")
        for g in above
        if g.pos_ in {"VERB", "AUX", "ADJ"}
    )
    if auxes & _FUTURE_AUX or intends:
        return "future"
    # The certainty stage rates the whole claim, and counts the future as
    # hypothetical; its verdict applies to the trigger only when no clause
    # below the trigger can be what is irrealis ("threatened to attack" is an
    # actual threat of a hypothetical attack).
    if certainty == "hypothetical" and not _children(found.token, {"xcomp", "ccomp"}, span):
        return "hypothetical"
    if any(c.dep_ == "advmod" and _lemma(c) in _GENERIC_ADVERBS for c in children):
        return "generic"
    return "actual"


def _mode(found: _Found, lexicon: Lexicon, span: Span) -> str | None:
    if found.entry.mode:
        return found.entry.mode
    cues = lexicon.mode_cues.get(found.entry.type)
    if not cues:
        return None
    clause = found.governors[0] if found.kind == "light" and found.governors else found.token
    for token in clause.subtree:
        if _in(token, span) and _lemma(token) in cues:
            return cues[_lemma(token)]
    return None


def event(
    parsed,
    unit: ClaimUnit,
    actors: tuple[Actor, ...],
    places: tuple[Place, ...],
    times: tuple[TimeValue, ...],
    certainty: str,
    lexicon: Lexicon | None = None,
) -> Event | None:
    """The main PLOVER event of one claim unit, or None (see module docstring)."""
    lexicon = lexicon or load_lexicon()
    doc = parsed.doc
    span = _without_dateline(parsed.text, unit.span)
    found = None
    for root in _roots(doc, span):
        found = _find(root, lexicon, span, unit.cue_span)
        if found is not None:
            break
    if found is None:
        return None
    source, target = _arguments(found, actors, span)
    if source is None and target is None:
        return None
    if found.kind == "noun" and source is None:
        return None
    type_, cameo = found.entry.type, found.entry.cameo
    mode = _mode(found, lexicon, span)
    realis = _realis(found, certainty, unit, span)
    if realis == "future" and type_ in lexicon.intent:
        # PLOVER codes a cooperative action announced for the future as AGREE.
        type_, cameo, mode = "AGREE", lexicon.intent[type_], None
    confidence = _BASE_CONFIDENCE[found.kind]
    confidence += _SOURCE_BONUS if source else 0.0
    confidence += _TARGET_BONUS if target else 0.0
    confidence += _MODE_BONUS if mode else 0.0
    start = found.token.idx
    return Event(
        type=type_,
        mode=mode,
        cameo=cameo or None,
        trigger_span=(start, start + len(found.token)),
        source_actor=source.id if source else None,
        target_actor=target.id if target else None,
        place=(p.id if (p := _place(found, doc, places, span)) else None),
        date=_date(found, doc, times, span),
        realis=realis,
        confidence=round(min(confidence, _MAX_CONFIDENCE), 3),
    )
