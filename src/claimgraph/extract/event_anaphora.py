"""Event nouns that point back: "these events", "the rally", "the talks".

A news paragraph often names an event once, with its place and date, and then
tells who took part in it in a later sentence:

    Protests were held in Lima on 4 April 2024 against the new mining law.
    Students from Bolivia joined the protests.

Two rules read such a later sentence:

- an anaphoric event noun (a demonstrative, or "the" with no description of
  its own) that is the trigger of an event inherits its antecedent's date and
  place when its own sentence attaches none;
- a plain event noun that names no PLOVER type ("these events") takes its
  antecedent's type, so taking part in it (:data:`.triggers.PARTICIPATION`)
  is that act, by the one who took part.

The antecedent is the nearest earlier trigger in the same paragraph (body
block): of the same type for a typed noun, any event named by a noun for a
plain one. Nothing crosses a paragraph, and a plain noun with no antecedent
names nothing (no event). The triggers already read are recorded on the parsed
doc as the units are coded, in text order, so resolving an anaphor looks at
that record only, never at the document again.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..records import EventDate, Place, Span, TimeValue
from . import doc_arrays, event_args, sentence_bounds
from .plover import Lexicon
from .triggers import Found, lemma, participated, token_range, within

_MENTIONS = "claimgraph_event_mentions"
_BLOCK_STARTS = "claimgraph_block_starts"
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Antecedent chains longer than this ("the rally" → "the protest" → ...) are
# not followed: two links cover "X was held ... Y joined the X. Z attended it
# too" style paragraphs, and a bound keeps a pathological text cheap.
_MAX_CHAIN = 2


@dataclass(frozen=True, slots=True)
class _Mention:
    found: Found
    span: Span  # the unit the trigger was read in: its place and date hang there
    block: int


def _block(parsed, offset: int) -> int:
    """Index of the block (paragraph) holding ``offset``; -1 before any."""
    doc = parsed.doc
    starts = doc.user_data.get(_BLOCK_STARTS)
    if starts is None:
        starts = doc.user_data[_BLOCK_STARTS] = sorted(b.span[0] for b in parsed.document.blocks)
    return bisect_right(starts, offset) - 1


def remember(parsed, found: Found, span: Span) -> None:
    """Record a trigger as a possible antecedent (once per token)."""
    mentions = parsed.doc.user_data.setdefault(_MENTIONS, {})
    if found.token.i not in mentions:
        mentions[found.token.i] = _Mention(found, span, _block(parsed, found.token.idx))


def anaphoric(noun) -> bool:
    """ "these events", "the rally"; not "the rally by students", "the meetings
    of X with Y", "Sunday's rally", which describe an event of their own."""
    dets = {c.lower_ for c in noun.children if c.dep_ == "det"}
    if dets & _DEMONSTRATIVES:
        return True
    if "the" not in dets:
        return False
    return not any(
        c.dep_ in {"poss", "acl", "relcl"} or (c.dep_ == "prep" and lemma(c) in {"of", "by"})
        for c in noun.children
    )


def _antecedent(parsed, noun, type_: str | None) -> _Mention | None:
    """The nearest earlier trigger in the noun's paragraph: of ``type_``, or
    (``type_`` None) any event named by a noun."""
    mentions = parsed.doc.user_data.get(_MENTIONS)
    if not mentions:
        return None
    block = _block(parsed, noun.idx)
    best = None
    sentence_start = sentence_bounds(noun)[0]  # noun.sent.start, once
    for index, mention in mentions.items():
        if index >= sentence_start or mention.block != block:
            continue
        if type_ is None and mention.found.kind == "verb":
            continue
        if type_ is not None and mention.found.entry.type != type_:
            continue
        if best is None or index > best.found.token.i:
            best = mention
    return best


def participation(parsed, span: Span, lexicon: Lexicon) -> Found | None:
    """ "Hamas leaders participated in these events": the event of the
    antecedent of a plain event noun that the unit's subject took part in."""
    doc = parsed.doc
    tokens = token_range(doc, span[0], span[1])
    pos = doc_arrays(doc).pos
    for i in tokens or ():
        if pos[i] not in {"VERB", "AUX"}:
            continue
        verb = doc[i]
        for noun in participated(verb, span):
            if lemma(noun) not in lexicon.gathering_nouns or not anaphoric(noun):
                continue
            mention = _antecedent(parsed, noun, None)
            if mention is not None:
                return Found(noun, mention.found.entry, "light", _governors(verb, span))
    return None


def _governors(verb, span: Span) -> tuple:
    """The verb and the verbs above it inside the unit, nearest first (as
    :func:`.triggers.find` gives them), for realis ("will participate")."""
    out = [verb]
    token = verb
    while token.head != token and within(token.head, span):
        token = token.head
        out.append(token)
    return tuple(out)


def inherit(
    parsed,
    found: Found,
    places: tuple[Place, ...],
    times: tuple[TimeValue, ...],
    place: Place | None,
    date: EventDate,
    depth: int = 0,
) -> tuple[Place | None, EventDate]:
    """``place`` and ``date`` of an event, completed from the antecedent of its
    trigger noun when the trigger is anaphoric and its own sentence gives none."""
    if found.kind == "verb" or (place is not None and date.span is not None):
        return place, date
    if depth >= _MAX_CHAIN or not anaphoric(found.token):
        return place, date
    mention = _antecedent(parsed, found.token, found.entry.type)
    if mention is None:
        return place, date
    doc = parsed.doc
    their_place = event_args.place(mention.found, doc, places, mention.span)
    their_date = event_args.date(mention.found, doc, times, mention.span)
    their_place, their_date = inherit(
        parsed, mention.found, places, times, their_place, their_date, depth + 1
    )
    return (
        place if place is not None else their_place,  # type: ignore[return-value]
        date if date.span is not None else their_date,
    )
