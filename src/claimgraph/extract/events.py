"""PLOVER events: who did what to whom, where and when, one event per claim unit at most.

The trigger is found in the dependency parse of the unit's content
(:mod:`.triggers`); its PLOVER type, mode and CAMEO code come from
``data/plover.yaml``; actors, place and date are attached by
:mod:`.event_args`, realis and mode by :mod:`.realis`. This module then reads
the act in its setting, the way the PLOVER codebook does:

- a speech act that PLOVER codes is the event, not its content: "X accused Y
  of ..." is ACCUSE, "X urged Y to ..." REQUEST, "X agreed that ..." AGREE,
  "X threatened to ..." THREATEN (``speech_acts`` in the lexicon);
- in reported speech a pronoun subject is the speaker ("X said it would ...");
- a hostile act (ASSAULT, COERCE, SANCTION, PROTEST, MOBILIZE) that its own
  source announces or intends for the future is THREATEN, with the act's
  threat mode ("said they would boycott", "plans to impose restrictions");
  a cooperative one is AGREE (codebook, AGREE: "All cooperative actions
  reported in future tense are also taken to imply intentions");
- "X said Y must ..." is a REQUEST by X of Y;
- codebook exceptions: a demand made by protesting is part of the PROTEST;
  peacekeeping deployments are AID (CAMEO 074); expelling people is COERCE;
  readiness ("prepared to resume shelling") is MOBILIZE, not a voiced threat;
  a failure to reach agreement is REJECT; a one-party meeting is no CONSULT.

Which attribution cue is itself the act, which is a speech act and who said
it, is read by :mod:`.event_cues`. Each act is coded once per document: the
first unit that codes it owns it (units that read their whole sentence would
otherwise code it again).

Abstention over guessing: no event when neither a source nor a target actor is
found, when the clause is a copula, or when a noun trigger has no source; no
default place and no invented date. One exception, never with an invented
source: a protest or an attack told as an agentless passive with a named place
("rallies were held in Lima on Friday", "an attack was carried out in Kabul")
is coded with source (and, unless the place is a state, target) None and a
lower confidence: for these two types the actor is often unnamed, and the
place says where it happened.

Event nouns that point back ("these events", "the rally") inherit their
antecedent's date and place, and a plain one its type, so "Hamas leaders
participated in these events" is the events' act by Hamas (:mod:`.event_anaphora`).
"""

from __future__ import annotations

from ..records import Actor, Event, Place, Span, TimeValue
from . import ClaimUnit, doc_arrays, event_anaphora, event_args, realis, sentence_chars
from .event_cues import (
    cue_as_trigger,
    cue_is_no_report,
    cue_verb,
    outer_trigger,
    speech_cue,
    unit_speaker,
)
from .event_intent import Coded, intention, refuses, threat, threatened_act
from .plover import Lexicon, Trigger, load_lexicon
from .triggers import (
    Found,
    children,
    event_arrays,
    find,
    first_in,
    is_infinitive,
    lemma,
    light_nouns,
    match,
    noun_match,
    roots,
    token_range,
    within,
    without_dateline,
)

# Confidence: hand-set priors, not yet calibrated against plover_gsr. A lexicon
# verb heading its clause is the strongest signal; a noun trigger governed by a
# light verb borrows that verb's arguments; a bare noun trigger (subject of an
# unrelated verb) is weakest. Found actors and a known mode each add evidence.
# An agentless event (no actor at all, only a place) starts lowest: it says
# that something happened where, not who did it.
_BASE_CONFIDENCE = {"verb": 0.5, "light": 0.45, "noun": 0.3, "speech": 0.45, "agentless": 0.3}
_SOURCE_BONUS = 0.25
_TARGET_BONUS = 0.15
_MODE_BONUS = 0.05
_MAX_CONFIDENCE = 0.95

# Personal pronouns that, as the subject of reported content, stand for the
# speaker ("Iran said it would ..."); first and second person only in quotes.
_SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
_SPEAKER_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my"})
# Modals of obligation: "X said Y must/should ..." asks Y to act.
_OBLIGATION = frozenset({"must", "should"})


# Types that code an intention of their source (AGREE, THREATEN).
_INTENT_TYPES = frozenset({"AGREE", "THREATEN"})
# Words that make a deployment a peacekeeping one (CAMEO 074).
_PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peacekeep"})

# Types coded from an agentless passive with a named place (see the module
# docstring): crowds and unidentified attackers are the usual unnamed actors
# (event data record them as "protesters" or "unidentified armed group"); a
# meeting, an agreement or a sanction with no party says nothing.
_AGENTLESS_TYPES = frozenset({"PROTEST", "ASSAULT"})


def _controlled(found: Found, span: Span) -> bool:
    """The trigger's clause is an infinitive whose subject lies outside the
    unit ("to impose restrictions" in "X plans to impose ...")."""
    verb = found.governors[0] if found.kind == "light" and found.governors else found.token
    if found.kind == "noun":
        return False
    token = verb
    while within(token.head, span) and token.dep_ in {"xcomp", "conj"} and token.head != token:
        token = token.head
    return is_infinitive(token) and not within(token.head, span)


def _is_speaker_pronoun(token) -> bool:
    """ "it", "they", or a phrase owned by one ("their forces", "its troops")."""
    if token is None:
        return False
    if token.tag_ == "PRP":
        return token.lower_ in _SPEAKER_PRONOUNS
    return token.pos_ == "NOUN" and any(
        c.dep_ == "poss" and c.lower_ in _SPEAKER_POSSESSIVES for c in token.children
    )


def _obligation(doc, span: Span, actors, speaker: Actor) -> tuple[Actor, object] | None:
    """(the one obliged, the clause) for "Y must/should ...", Y not the speaker."""
    tokens = token_range(doc, span[0], span[1])
    if tokens is None:
        return None
    arrays = doc_arrays(doc)
    deps, lowers, heads, idx = arrays.deps, arrays.lowers, arrays.heads, arrays.idx
    ends = event_arrays(doc).ends
    for i in tokens:
        head = heads[i]
        if (
            deps[i] == "aux"
            and lowers[i] in _OBLIGATION
            and span[0] <= idx[head]
            and ends[head] <= span[1]
        ):
            clause = doc[head]
            for subj in children(clause, {"nsubj"}, span):
                obliged = event_args.actor_of(subj, actors)
                if obliged is not None and obliged.id != speaker.id:
                    return obliged, clause
    return None


def _request_mode(lexicon: Lexicon, clause, span: Span) -> str | None:
    cues = lexicon.mode_cues.get("REQUEST", {})
    cue = first_in(clause, span, cues)
    return cues[cue] if cue is not None else None


def _speech_act(
    kind: str, lexicon: Lexicon, doc, cue, coded: Coded | None, found, actors, span, speaker
) -> Coded:
    """The event of an eventive cue ("accused", "urged", "agreed", "threatened")."""
    obj = next((c for c in cue.children if c.dep_ in {"dobj", "dative"}), None)
    target = None
    if obj is not None and kind == "ACCUSE":
        # "condemned the attack on Y by X": the accused is the act's author.
        sentence = sentence_chars(cue)
        for author in event_args.agents(obj, sentence):
            target = target or event_args.actor_of(author, actors)
    if obj is not None and target is None:
        target = event_args.actor_of(obj, actors)
    if target is not None and speaker is not None and target.id == speaker.id:
        target = None
    if coded is not None and found is not None and target is None:
        # "alleged that Y attacked": the accused acted; "agreed that Y should": Y.
        target = coded.target if kind in {"AGREE", "THREATEN"} else (coded.source or coded.target)
        if target is not None and speaker is not None and target.id == speaker.id:
            target = coded.target
    if target is None and kind in {"REQUEST", "ACCUSE"}:
        target = _addressee(cue, obj, actors, speaker)
    entry = next((e for e in lexicon.verbs.get(lemma(cue), ()) if e.type == kind), None)
    if target is None and entry is not None and cue.pos_ == "VERB":
        # "threatened to break relations with Russia": the phrases of the
        # cue's own clause, as for any verb trigger.
        sentence = sentence_chars(cue)
        target = event_args.arguments(Found(cue, entry, "verb", ()), actors, sentence)[1]
        if target is not None and speaker is not None and target.id == speaker.id:
            target = None
    mode, cameo = (entry.mode, entry.cameo) if entry else (None, lexicon.cameo.get(kind))
    hostile = found is not None and found.entry.type in lexicon.threats
    if kind == "THREATEN" and not hostile:
        # The act threatened may be in the cue's own clause when the unit is
        # another one ("threatened to impose import restrictions ... as the
        # leaders sought to ease tensions").
        sentence = sentence_chars(cue)
        for clause in children(cue, {"xcomp", "ccomp"}, sentence):
            act = find(clause, lexicon, sentence, None)
            if act is not None and act.entry.type in lexicon.threats:
                found, span, hostile = act, sentence, True
                break
    if kind == "AGREE" and hostile:
        kind = "THREATEN"  # "vowed to fight on"
    elif (
        kind == "AGREE"
        and coded
        and coded.realis == "negated"
        and found.entry.type in lexicon.intent
    ):
        # "vowed not to return the territory": a refusal (codebook REJECT).
        kind, mode, cameo = "REJECT", None, lexicon.cameo.get("REJECT")
    if kind == "THREATEN" and found is not None and found.entry.type in lexicon.threats:
        mode, cameo = threat(lexicon, found, span)
    elif kind == "AGREE" and coded is not None:
        mode, cameo = None, lexicon.intent.get(coded.type, cameo)
    elif kind == "REQUEST" and found is not None:
        clause = found.governors[0] if found.kind == "light" else found.token
        mode = _request_mode(lexicon, clause, span) or mode
        cameo = lexicon.request_cameo.get(mode or "", cameo)
    # The speaking itself may be negated, habitual or announced ("often
    # criticizes", "did not accuse", "will urge"): read on the cue's own verb.
    sentence = sentence_chars(cue)
    said = Found(cue, Trigger(kind, mode, cameo), "verb", ())
    state = realis.realis(said, "asserted", ClaimUnit(sentence, sentence), sentence)
    coded = Coded(kind, mode, cameo, speaker, target, state)
    if kind == "THREATEN" and (mode is None or target is None) and cue.pos_ == "VERB":
        # Read the threat's own clause as for a verb trigger: "threatened to
        # stop the talks unless Georgia withdrew" (relations; Georgia).
        said = Found(cue, Trigger(kind, realis.mode(said, lexicon, sentence), cameo), "verb", ())
        coded = Coded(kind, mode or said.entry.mode, cameo, speaker, target, state)
        coded = threatened_act(coded, said, lexicon, actors, sentence)
    return coded


def _self_addressed(cue) -> bool:
    """The cue's object is the speaker's own ("its citizens", "their supporters")."""
    obj = next((c for c in cue.children if c.dep_ in {"dobj", "dative"}), None)
    return obj is not None and _is_speaker_pronoun(obj)


def _addressee(cue, obj, actors: tuple[Actor, ...], speaker: Actor | None) -> Actor | None:
    """Who a demand or an accusation is aimed at when the cue has no actor
    object: the author of its object ("demanded an admission by Moscow"), or
    the subject of its clause ("demanding that President Mugabe abandon ...")."""
    sentence = sentence_chars(cue)
    candidates = event_args.agents(obj, sentence) if obj is not None else []
    for clause in children(cue, {"ccomp", "xcomp"}, sentence):
        candidates.extend(children(clause, {"nsubj", "nsubjpass"}, sentence))
    for candidate in candidates:
        actor = event_args.actor_of(candidate, actors)
        if actor is not None and (speaker is None or actor.id != speaker.id):
            return actor
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
    claimed_by = unit.span
    span = without_dateline(parsed.text, unit.span)
    found = cue_as_trigger(parsed, unit, lexicon, actors)
    if found is not None:
        # The "cue" names the act itself: the unit is the whole clause, and
        # the certainty of the content ("rejected an offer" makes the offer
        # negated) says nothing about the act.
        span = without_dateline(parsed.text, unit.sentence_span)
        unit, certainty = ClaimUnit(unit.sentence_span, span), "asserted"
    for root in roots(doc, span) if found is None else ():
        found = find(root, lexicon, span, unit.cue_span)
        if found is not None:
            break
    if found is None and cue_is_no_report(doc, unit, lexicon):
        # "The meetings of X with Y worried many observers": a verb taken for
        # a cue that reports nothing; the act is elsewhere in the clause.
        sentence = without_dateline(parsed.text, unit.sentence_span)
        for root in roots(doc, sentence):
            found = find(root, lexicon, sentence, None)
            if found is not None:
                span, unit = sentence, ClaimUnit(unit.sentence_span, sentence)
                break
    cue, cue_speaker = speech_cue(doc, unit, lexicon, actors)
    if found is None and cue is None and len(unit.chain) >= 2:
        # Only innermost contents become units: in "Security forces have
        # tortured refugees, whom authorities blame for ..., HRW said" the
        # unit is "whom", and the act is in the outer content, which no unit
        # of its own holds.
        found, outer = outer_trigger(parsed, unit, lexicon)
        if found is not None:
            span, unit, certainty = outer.span, outer, "asserted"
    if found is None:
        # "Hamas leaders participated in these events": the act of the
        # events named earlier in the paragraph.
        found = event_anaphora.participation(parsed, span, lexicon)
    if found is not None:
        event_anaphora.remember(parsed, found, span)
    speaker = unit_speaker(unit, actors)
    coded: Coded | None = None
    if found is not None:
        source, target, src_tok = event_args.arguments(found, actors, span)
        if source is None and speaker is not None and _controlled(found, span):
            # Content with no subject of its own: "X plans | to impose ...".
            source = speaker
        if speaker is not None and _is_speaker_pronoun(src_tok):
            # Not the phrase's owner the parse fell back on ("it would
            # tighten the blockade of Serbia": NATO, not Serbia).
            source = speaker
            if target is not None and target.id == speaker.id:
                target = None
        state = realis.realis(found, certainty, unit, span)
        coded = Coded(
            found.entry.type,
            realis.mode(found, lexicon, span),
            found.entry.cameo,
            source,
            target,
            state,
        )
        if target is None and event_args.located(found.entry):
            # Codebook/CAMEO practice: with no other target, the state where
            # the act is done is the one acted on.
            located = event_args.located_actor(found, doc, actors, span)
            if located is not None and (source is None or located.id != source.id):
                coded = Coded(coded.type, coded.mode, coded.cameo, source, located, state)
        if _alone(coded, src_tok):
            return None
        coded = intention(coded, found, lexicon, span, speaker, cue_verb(doc, unit))
        failed = any(lemma(g) == "fail" for g in found.governors)
        if coded.type == "AGREE" and (refuses(found, lexicon, span) or failed):
            # "failed to reach agreement": the parties did not accept each
            # other's terms (PLOVER gold records code it REJECT).
            # "vowed not to return the territory": a refusal (codebook REJECT).
            # The failure itself happened: the rejection is actual.
            coded = Coded(
                "REJECT",
                None,
                lexicon.cameo.get("REJECT"),
                coded.source,
                coded.target,
                "actual" if failed else state,
            )
        if coded.type == "THREATEN":
            coded = threatened_act(coded, found, lexicon, actors, span)
    kind = lexicon.speech_acts.get(lemma(cue)) if cue is not None else None
    if kind is not None and cue_speaker is not None:
        coded = _speech_act(kind, lexicon, doc, cue, coded, found, actors, span, cue_speaker)
        if coded.target is None and _self_addressed(cue):
            # "X urged its citizens to ...": X addressing its own members is
            # no interaction between actors (event data drop source = target).
            return None
        trigger = cue
        base = "speech"
    elif speaker is not None and (obliged := _obligation(doc, span, actors, speaker)):
        target, clause = obliged
        mode = _request_mode(lexicon, clause, span)
        coded = Coded(
            "REQUEST", mode, lexicon.request_cameo.get(mode or "", "100"), speaker, target, "actual"
        )
        trigger = clause
        base = "speech"
    elif found is not None:
        trigger, base = found.token, found.kind
    else:
        return None
    if coded is None:
        return None
    if coded.source is None and coded.target is None:
        if base != "light" or not _agentless(found, doc, places, span):
            return None
        base = "agentless"
    if coded.type == "REQUEST" and _within_protest(trigger, lexicon):
        return None
    if coded.type in _INTENT_TYPES and coded.realis == "future" and coded.source is None:
        # An intention needs its holder: "they are willing to forgive X" with
        # no actor for "they" says nothing codable.
        return None
    expelled = coded.target.type if coded.target is not None else None
    if coded.type == "SANCTION" and coded.mode == "expel" and expelled in {"person", "group"}:
        # Codebook SANCTION, exceptions: "Expulsions or deportations of
        # individuals ... are coded as COERCE" ("forced out refugees").
        coded = Coded("COERCE", "deport", "174", coded.source, coded.target, coded.realis)
    if coded.type == "MOBILIZE" and _peacekeeping(found, span):
        # CAMEO 074 "provide military protection or peacekeeping" is AID
        # (CAMEO2PLOVER-2021); troops sent to keep the peace are not a threat.
        coded = Coded("AID", None, "074", coded.source, coded.target, coded.realis)
    if found is not None and found.kind == "noun" and coded.source is None:
        return None
    if not _claim(doc, (trigger.idx, coded.type), claimed_by):
        return None
    confidence = _BASE_CONFIDENCE[base]
    confidence += _SOURCE_BONUS if coded.source else 0.0
    confidence += _TARGET_BONUS if coded.target else 0.0
    confidence += _MODE_BONUS if coded.mode else 0.0
    start = trigger.idx
    # Place and date hang from the word that names the event (for a speech
    # act, the cue: "threatened on Monday").
    anchor = found
    if base == "speech" or found is None:
        anchor = Found(trigger, Trigger(coded.type, coded.mode, coded.cameo), "verb", ())
    where = event_args.place(anchor, doc, places, span)
    when = event_args.date(anchor, doc, times, span)
    if anchor is found:
        where, when = event_anaphora.inherit(parsed, found, places, times, where, when)
    return Event(
        type=coded.type,
        mode=coded.mode,
        cameo=coded.cameo or None,
        trigger_span=(start, start + len(trigger)),
        source_actor=coded.source.id if coded.source else None,
        target_actor=coded.target.id if coded.target else None,
        place=where.id if where is not None else None,
        date=when,
        realis=coded.realis,
        confidence=round(min(confidence, _MAX_CONFIDENCE), 3),
    )


def _agentless(found: Found, doc, places: tuple[Place, ...], span: Span) -> bool:
    """A protest or attack noun as the subject of a passive light verb with
    no agent, at a named place ("rallies were held in Lima")."""
    verb = found.governors[0]
    return (
        found.entry.type in _AGENTLESS_TYPES
        and found.token.dep_ == "nsubjpass"
        and found.token.head == verb
        and not any(c.dep_ == "agent" for c in verb.children)
        and event_args.place(found, doc, places, span) is not None
    )


def _alone(coded: Coded, src_tok) -> bool:
    """A meeting with one party ("the Cabinet met Sunday"): a session of one
    body, not a consultation between actors (codebook CONSULT). Plural and
    conjoined subjects ("the two leaders met", "X and Y met") are parties."""
    return (
        coded.type == "CONSULT"
        and coded.target is None
        and src_tok is not None
        and src_tok.tag_ in {"NN", "NNP"}
        and not src_tok.conjuncts
        and not any(c.dep_ == "dobj" for c in src_tok.head.children)  # "hosted a visit"
    )


def _within_protest(trigger, lexicon: Lexicon) -> bool:
    """A demand made by protesting ("blocked roads demanding ...", "began a
    hunger strike to demand ..."): the codebook (DEMAND, exceptions) codes
    "demands that take the form of demonstrations, protests" as PROTEST, so
    the demand is part of the protest event, not one of its own."""
    token = trigger
    while token.dep_ in {"advcl", "acl", "xcomp", "conj"} and token.head != token:
        token = token.head
        entry = match(token, lexicon.verbs, verb=True) if token.pos_ == "VERB" else None
        nouns = light_nouns(token, (token.sent.start_char, token.sent.end_char))
        if (entry is not None and entry.type == "PROTEST") or any(
            (e := noun_match(n, lexicon)) is not None and e.type == "PROTEST" for n in nouns
        ):
            return True
    return False


def _peacekeeping(found: Found | None, span: Span) -> bool:
    if found is None:
        return False
    clause = found.governors[0] if found.kind == "light" and found.governors else found.token
    return (
        first_in(clause, span, _PEACEKEEPING) is not None
        or first_in(found.token, span, _PEACEKEEPING) is not None
    )


def _claim(doc, key: tuple[int, str], unit_span: Span) -> bool:
    """Whether the unit at ``unit_span`` owns the event ``key`` (trigger
    offset, type): the first unit of the document to code it does. Units that
    read the whole sentence (a cue that is the act, a nested unit's outer
    content) would otherwise code the same act once each. The record lives on
    the parsed doc, so coding the same units again gives the same answer."""
    owners = doc.user_data.setdefault("claimgraph_event_owners", {})
    return owners.setdefault(key, unit_span) == unit_span
