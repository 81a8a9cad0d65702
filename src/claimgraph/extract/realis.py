"""Realis and mode of a PLOVER event.

Realis says whether the event is reported as having happened: ``actual``,
``negated`` ("did not attack", "denied attacking", "failed to reach"),
``future`` ("will attack", "plans to attack"), ``hypothetical`` ("would
attack", "could attack if ..."), or ``generic`` ("often criticizes"). Mode is
the PLOVER mode the trigger names, or one named by a word of the event clause
(``mode_cues`` in ``data/plover.yaml``).
"""

from __future__ import annotations

from ..records import Span
from . import ClaimUnit, doc_arrays
from .plover import Lexicon
from .triggers import (
    REPORTING,
    Found,
    children,
    event_arrays,
    first_in,
    is_infinitive,
    lemma,
    token_range,
    words,
)

# Governing verbs that put the action in the future (intended, planned).
# Not "decide": an authority that "decided to allow X to run" has allowed it,
# and the PLOVER gold records code the decided act (CONCEDE), not an intention.
FUTURE_GOVERNORS = words(
    "plan intend aim prepare expect hope set schedule want seek vow threaten swear "
    "ready willing prepared determined eager promise pledge"
)
_FUTURE_AUX = frozenset({"will", "shall"})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "might"})
_CONDITIONAL_MARKS = frozenset({"if", "unless"})
# Habitual adverbs mark a generic statement rather than one occurrence.
_GENERIC_ADVERBS = words(
    "often usually generally routinely typically regularly frequently always habitually"
)
_NEGATORS = frozenset({"never"})  # besides any "neg" dependency
# Governing verbs that say the action did not happen ("failed to reach",
# "denied meeting the union leaders").
_FAILURE = frozenset({"fail", "refrain"})
_DENIAL = frozenset({"deny", "refute"})
# Killing verbs and the leading roles whose killing is an assassination.
_KILLING = frozenset({"kill", "murder", "shoot"})
_LEADERS = words("leader chief commander head minister president premier governor mayor chairman")


def in_condition(token) -> bool:
    """Inside an if/unless clause (the condition itself is hypothetical)."""
    arrays = event_arrays(token.doc)
    base, lemmas = arrays.base, arrays.lemmas
    heads, deps, kids = base.heads, base.deps, base.children
    current = token.i
    while heads[current] != current:
        if deps[current] == "advcl" and any(
            deps[c] == "mark" and lemmas[c] in _CONDITIONAL_MARKS for c in kids[current]
        ):
            return True
        current = heads[current]
    return False


def _subjunctive(verb) -> bool:
    """A bare verb with its own subject and no auxiliary: the mandative
    subjunctive of "demanded that Israel ease restrictions", which says what
    is asked for, not what happened."""
    return (
        verb.tag_ == "VB"
        and verb.dep_ in {"ccomp", "ROOT"}
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )


def realis(found: Found, certainty: str, unit: ClaimUnit, span: Span) -> str:
    # The trigger and the verbs above it up to a reporting verb: "X said it
    # will not attack" is about the attack, not about the saying.
    chain = [found.token]
    reporter = None
    for governor in found.governors:
        if lemma(governor) in REPORTING:
            reporter = governor
            break
        chain.append(governor)
    kids = [c for t in chain for c in t.children]
    failed = any(lemma(g) in _FAILURE for g in chain[1:])
    failed = failed or (reporter is not None and lemma(reporter) in _DENIAL)
    if (
        certainty == "negated"
        or failed
        or any(c.dep_ == "neg" or lemma(c) in _NEGATORS for c in kids)
    ):
        return "negated"
    auxes = {lemma(c) for c in kids if c.dep_ in {"aux", "auxpass"}}
    if in_condition(found.token) or _subjunctive(chain[-1] if found.kind == "light" else chain[0]):
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
        lemma(g) in FUTURE_GOVERNORS or (lemma(g) == "go" and g.tag_ == "VBG")
        for g in above
        if g.pos_ in {"VERB", "AUX", "ADJ"}
    )
    # "X plans | to impose ...": the attribution stage may take the governor
    # of intention for the cue of an infinitive content.
    verb = found.governors[0] if found.kind == "light" and found.governors else found.token
    if unit.cue_span is not None and not intends and is_infinitive(verb):
        # (Only an infinitive: "X resigned as the opposition threatened to
        # ..." is a finite act the cue does not govern.)
        doc = found.token.doc
        cue = token_range(doc, *unit.cue_span)
        pos, lemmas = doc_arrays(doc).pos, event_arrays(doc).lemmas
        # As for the governors above: "X is willing | to forgive Y" has an
        # adjective for the cue.
        intends = any(
            lemmas[i] in FUTURE_GOVERNORS for i in cue or () if pos[i] in {"VERB", "AUX", "ADJ"}
        )
    if auxes & _FUTURE_AUX or intends:
        return "future"
    # The certainty stage rates the whole claim, and counts the future as
    # hypothetical; its verdict applies to the trigger only when no clause
    # below the trigger can be what is irrealis ("threatened to attack" is an
    # actual threat of a hypothetical attack).
    if certainty == "hypothetical" and not children(found.token, {"xcomp", "ccomp"}, span):
        return "hypothetical"
    if any(c.dep_ == "advmod" and lemma(c) in _GENERIC_ADVERBS for c in kids):
        return "generic"
    return "actual"


def mode(found: Found, lexicon: Lexicon, span: Span, type_: str | None = None) -> str | None:
    """The trigger's own mode, else a mode cue of ``type_`` (default: the
    trigger's type) among the words of the event clause."""
    type_ = type_ or found.entry.type
    if found.entry.mode and type_ == found.entry.type:
        return found.entry.mode
    cues = lexicon.mode_cues.get(type_)
    if not cues:
        return None
    clause = found.governors[0] if found.kind == "light" and found.governors else found.token
    cue = first_in(clause, span, cues)
    if cue is not None:
        return cues[cue]
    if type_ == "ASSAULT" and found.kind == "verb" and lemma(found.token) in _KILLING:
        # "killed the deputy chief of X", "have killed eight rebel leaders":
        # a killing aimed at leaders is the codebook's "targeted assassination"
        # (CAMEO 186), when no weapon names another mode.
        victims = children(found.token, {"dobj", "nsubjpass"}, span)
        if any(lemma(v) in _LEADERS for v in victims):
            return "assassinate"
    return None
