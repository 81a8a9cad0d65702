"""Intentions and threats: a future act read as PLOVER codes it.

A cooperative act announced for the future is AGREE (codebook AGREE: "All
cooperative actions reported in future tense are also taken to imply
intentions"); a hostile one that its own source announces or intends is
THREATEN, with the threatened act's mode and target; readiness shown ("the
army prepared to resume shelling") is MOBILIZE. Split from :mod:`.events`,
which calls these on each coded act.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor, Span
from . import event_args
from .plover import Lexicon
from .triggers import Found, children, find, lemma, within

# Governors that make a future act the source's own intention rather than a
# schedule or a forecast ("plans to impose", "is prepared to impose", "vowed
# to fight"; not "is expected to", "is set to"; nor "decided to": see
# realis.FUTURE_GOVERNORS).
_INTENTION = frozenset(
    "plan prepare intend vow swear ready prepared willing determined promise pledge".split()  # noqa: SIM905
)
# Intention governors that describe readiness rather than a stated intent.
_READINESS = frozenset({"prepare", "prepared", "ready"})
# ASSAULT modes that name a weapon system rather than the troops using it.
_WEAPON_MODES = frozenset({"heavy-weapons", "aerial", "drone", "explosives"})
_PASS_THROUGH = frozenset({"be", "have", "resume", "continue", "begin", "start", "launch"})


@dataclass(frozen=True, slots=True)
class Coded:
    """An event as coded so far: type, mode, CAMEO code, actors, realis."""

    type: str
    mode: str | None
    cameo: str | None
    source: Actor | None
    target: Actor | None
    realis: str


def _intended(found: Found) -> str | None:
    """The verb of intention above the trigger, before any reporting verb."""
    above = found.governors[1:] if found.kind == "light" else found.governors
    for governor in above:
        if lemma(governor) in _INTENTION:
            return lemma(governor)
        # Aspect and light verbs pass ("prepared to resume shelling"); any
        # other verb is a clause of its own.
        if governor.pos_ == "VERB" and lemma(governor) not in _PASS_THROUGH:
            break
    return None


def threat(lexicon: Lexicon, found: Found, span: Span) -> tuple[str | None, str]:
    """THREATEN mode and CAMEO code for threatening the act ``found`` names."""
    cues = lexicon.mode_cues.get("THREATEN", {})
    mode = cues.get(lemma(found.token)) or lexicon.threats[found.entry.type]
    if found.entry.mode in cues:  # "ban", "arrest", "expel"
        mode = cues[found.entry.mode]
    return mode, lexicon.threat_cameo.get(mode, "130")


def intention(coded: Coded, found: Found, lexicon: Lexicon, span: Span, speaker, cue) -> Coded:
    """A future act read as the intention PLOVER codes: THREATEN or AGREE."""
    if coded.realis != "future":
        return coded
    if found.entry.type in lexicon.intent:
        # PLOVER codes a cooperative action announced for the future as AGREE.
        cameo = lexicon.intent[found.entry.type]
        return Coded("AGREE", None, cameo, coded.source, coded.target, coded.realis)
    if found.entry.type not in lexicon.threats or coded.source is None:
        return coded
    # Announced by its own source ("Iran said it would attack"), or intended
    # by it ("plans to impose", "is prepared to impose"); a forecast in the
    # outlet's voice ("Iran will attack Iraq") stays the act itself.
    announced = speaker is not None and speaker.id == coded.source.id
    intended = cue is not None and lemma(cue) in _INTENTION  # "X plans | to impose"
    governor = _intended(found)
    if not (announced or intended or governor):
        return coded
    if not announced and found.entry.type == "ASSAULT" and governor in _READINESS:
        # "The army prepared to resume shelling": readiness shown, not a
        # threat voiced (codebook: THREATEN "is typically verbal"; MOBILIZE
        # is "a demonstration of military capabilities and readiness").
        # The preparing is what happened. Readiness to fire heavy weapons,
        # aircraft or explosives is a show of weapons (CAMEO 150
        # "demonstrate military power"), else of troops.
        shown = "weapons" if coded.mode in _WEAPON_MODES else "troops"
        return Coded("MOBILIZE", shown, "150", coded.source, coded.target, "actual")
    mode, cameo = threat(lexicon, found, span)
    return Coded("THREATEN", mode, cameo, coded.source, coded.target, coded.realis)


def threatened_act(
    coded: Coded, found: Found, lexicon: Lexicon, actors: tuple[Actor, ...], span: Span
) -> Coded:
    """Mode and target of a threat from the act threatened ("threatened to
    shell Iraqi towns": violence, the towns' actor) and from its condition
    ("... unless Israel rescinds": the one who must comply)."""
    mode, cameo, target = coded.mode, coded.cameo, coded.target
    act = None
    for clause in children(found.token, {"xcomp", "ccomp"}, span):
        act = find(clause, lexicon, span, None)
        if act is not None:
            break
    if act is not None and act.entry.type in lexicon.threats and not found.entry.mode:
        # The act names the threat better than any word of the clause.
        mode, cameo = threat(lexicon, act, span)
    elif mode is not None and not found.entry.mode:
        cameo = lexicon.threat_cameo.get(mode, cameo)
    if target is None and act is not None and act.entry.type in lexicon.threats:
        target = event_args.arguments(act, actors, span)[1]
        if target is None and event_args.located(act.entry):
            # "threatened to launch an offensive in Iraq": as the act would.
            target = event_args.located_actor(act, act.token.doc, actors, span)
    if target is None:
        target = _condition_subject(found, actors, span)
    if target is not None and coded.source is not None and target.id == coded.source.id:
        target = None
    return Coded(coded.type, mode, cameo, coded.source, target, coded.realis)


def _condition_subject(found: Found, actors: tuple[Actor, ...], span: Span) -> Actor | None:
    """The subject of an if/unless clause under the threat or its act."""
    for token in found.token.subtree:
        if not within(token, span) or token.dep_ != "advcl":
            continue
        if any(c.dep_ == "mark" and lemma(c) in {"if", "unless"} for c in token.children):
            for subj in children(token, {"nsubj", "nsubjpass"}, span):
                actor = event_args.actor_of(subj, actors)
                if actor is not None:
                    return actor
    return None


def refuses(found: Found, lexicon: Lexicon, span: Span) -> bool:
    """A commitment not to do a cooperative act ("vowed not to return the
    territory"); not to do a hostile one is no refusal ("agreed not to deploy")."""
    for clause in children(found.token, {"xcomp"}, span):
        if any(c.dep_ == "neg" for c in clause.children):
            act = find(clause, lexicon, span, None)
            return act is not None and act.entry.type in lexicon.intent
    return False
