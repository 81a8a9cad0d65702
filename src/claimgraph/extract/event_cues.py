"""Reading attribution cues for PLOVER events: which cue is itself the act,
which cue is a speech act and who said it, and where the act of a nested
unit's outer content lies.

The attribution stage turns "X said/announced/threatened ..." into a cue and a
content unit. For event coding a cue can be the act itself ("declared a
ceasefire", "denied land allocation"), a speech act PLOVER codes
("threatened", "urged"), or a plain report whose content holds the act.
"""

from __future__ import annotations

from ..records import Actor, Span
from . import ClaimUnit, actor_at, doc_arrays, realis
from .plover import Lexicon
from .triggers import (
    REPORTING,
    Found,
    children,
    event_arrays,
    find,
    lemma,
    match,
    roots,
    token_range,
    within,
    without_dateline,
)

# Reporting verbs whose noun object is the speaker's own act ("declared a
# ceasefire", "announced a suspension of air links", "insisted on its
# demands"); not "reported an attack", which is someone else's.
# Value: how the act hangs from the verb ("insist" takes its act after
# "on"; "insisted unrest there reflected ..." is a misparsed clause).
_PERFORMATIVE = {
    "announce": "dobj",
    "declare": "dobj",
    "reiterate": "dobj",
    "insist": "pobj",
}


def actor_by_id(actors: tuple[Actor, ...], actor_id: str | None) -> Actor | None:
    return next((a for a in actors if a.id == actor_id), None) if actor_id else None


def act_in_cue(doc, cue_span: Span | None, lexicon: Lexicon):
    """The word of one attribution cue that is a PLOVER speech act
    ("accused", "reiterated its demand"), or None."""
    if cue_span is None:
        return None
    span = token_range(doc, *cue_span)
    if span is None:
        return None
    arrays = doc_arrays(doc)
    kids, deps, pos, lemmas = arrays.children, arrays.deps, arrays.pos, event_arrays(doc).lemmas
    words = [i for i in span if pos[i] in {"VERB", "NOUN"}]
    # "reiterated its demand that ...": the act is the cue verb's object.
    words += [c for i in words for c in kids[i] if deps[c] == "dobj" and pos[c] == "NOUN"]
    acts = [i for i in words if lemmas[i] in lexicon.speech_acts]
    return doc[acts[0]] if acts else None


def speech_cue(doc, unit: ClaimUnit, lexicon: Lexicon, actors) -> tuple[object, Actor | None]:
    """(speech-act cue word, its speaker): the innermost cue that is a speech
    act. Only innermost contents become units, so in "Iran threatened to shell
    the towns where, it said, 100 were killed" the unit is the relative
    clause and the sentence's act is the outer cue, "threatened"."""
    links = [link for link in reversed(unit.chain) if link.cue_span is not None]
    if not links and unit.cue_span is not None:
        return act_in_cue(doc, unit.cue_span, lexicon), unit_speaker(unit, actors)
    for link in links:
        act = act_in_cue(doc, link.cue_span, lexicon)
        speaker = link_speaker(link, actors) if act is not None else None
        if speaker is not None:  # an act by no actor cannot be coded
            return act, speaker
    return None, None


def cue_as_trigger(parsed, unit: ClaimUnit, lexicon: Lexicon, actors) -> Found | None:
    """The trigger a cue verb is, when the attribution stage took an act for a
    report ("Serbia lifted a night curfew", "Peru has issued an ultimatum"):
    a verb that is not a plain reporting verb, and that the lexicon codes
    itself or through the noun it governs. Also a performative reporting verb
    whose object is the act ("declared a ceasefire", "announced a suspension
    of air links"), a reporting verb the lexicon codes when it has a noun
    object ("denied land allocation")."""
    sentence = without_dateline(parsed.text, unit.sentence_span)
    # Outermost first: "X rejected Y's demand to ...": the rejection is the
    # sentence's act, the demand what is rejected.
    for link in unit.chain:
        if link.cue_span is None:
            continue
        verbs = _verbs(parsed.doc, link.cue_span)
        if not verbs:
            continue
        verb = verbs[-1]
        if any(lemma(v) in lexicon.speech_acts for v in verbs[:-1]):
            continue  # "is requesting to meet": the request is the act
        # Only the sentence's own act (the outermost cue) is read off a
        # speech act or a reporting verb: an inner one ("refugees, whom
        # authorities blame for ...") is not the main act.
        outermost = link is unit.chain[0]
        if lemma(verb) in lexicon.speech_acts:
            continue
        if lemma(verb) in REPORTING:
            # `when: transitive` in the lexicon says which reporting verbs
            # act on a noun object ("deny", "warn").
            entry = match(verb, lexicon.verbs, verb=True)
            if entry is not None and entry.when == "transitive":
                # Its object must be a thing, not the one told ("warned
                # Myanmar of the violations" reports).
                objects = children(verb, {"dobj"}, sentence)
                told = any(actor_at(actors, (o.idx, o.idx + len(o))) for o in objects)
                if outermost and not told and not children(verb, {"ccomp", "xcomp"}, sentence):
                    return Found(verb, entry, "verb", ())
                continue
            # A clause under it means it reports after all ("insisted
            # unrest there reflected ...").
            if lemma(verb) not in _PERFORMATIVE or children(verb, {"ccomp"}, sentence):
                continue
        found = find(verb, lexicon, sentence, None)
        if found is None:
            continue
        # The verb itself, its noun ("declared a ceasefire"), or the noun's
        # participle ("issued a declaration demanding ...").
        if lemma(verb) in _PERFORMATIVE and found.token.dep_ != _PERFORMATIVE[lemma(verb)]:
            continue
        below = found.governors[:1] == (verb,)
        if found.token == verb or (below and (found.kind == "light" or found.token.dep_ == "acl")):
            return found
    return None


def cue_is_no_report(doc, unit: ClaimUnit, lexicon: Lexicon) -> bool:
    cue = cue_verb(doc, unit)
    if cue is None or not unit.chain:
        return False
    return not (
        lemma(cue) in REPORTING
        or lemma(cue) in lexicon.speech_acts
        or lemma(cue) in realis.FUTURE_GOVERNORS
    )


def cue_verb(doc, unit: ClaimUnit):
    if unit.cue_span is None:
        return None
    verbs = _verbs(doc, unit.cue_span)
    return verbs[-1] if verbs else None


def _verbs(doc, span: Span) -> list:
    """The verbs of ``doc.char_span(*span, alignment_mode="expand")``."""
    tokens = token_range(doc, *span)
    pos = doc_arrays(doc).pos
    return [doc[i] for i in tokens or () if pos[i] == "VERB"]


def unit_speaker(unit: ClaimUnit, actors: tuple[Actor, ...]) -> Actor | None:
    """The innermost source's actor; for a source phrase the attribution stage
    did not resolve ("Iraq's interim government"), the actor named in it."""
    if not unit.chain:
        return None
    return link_speaker(unit.chain[-1], actors)


def link_speaker(link, actors: tuple[Actor, ...]) -> Actor | None:
    found = actor_by_id(actors, link.source_actor)
    if found is None and link.source_span is not None:
        found = actor_at(actors, link.source_span)
    return found


def outer_trigger(parsed, unit: ClaimUnit, lexicon: Lexicon) -> tuple[Found | None, ClaimUnit]:
    """The trigger of the content one link out from a nested unit (outside
    the unit itself), and that content as a unit of its own."""
    sentence = without_dateline(parsed.text, unit.sentence_span)
    outer = ClaimUnit(unit.sentence_span, sentence, unit.chain[:-1], unit.chain[-2].cue_span)
    for root in roots(parsed.doc, sentence):
        found = find(root, lexicon, sentence, unit.cue_span)
        if found is not None:
            if within(found.token, unit.span):
                break
            return found, outer
    return None, outer
