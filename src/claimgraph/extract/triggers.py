"""Finding the PLOVER trigger of a claim unit in its dependency parse.

The trigger is the governing verb of the clause first, looking through
reporting verbs ("said that ...", the attribution cue) and light or control
verbs ("held talks", "plans to attack") to the word that names the action.
Shared parse helpers for the event modules (:mod:`.events`,
:mod:`.event_args`, :mod:`.realis`) live here too.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from ..inputs.blocks import DATELINE
from ..records import Span
from . import DocArrays, doc_arrays
from .plover import Lexicon, Trigger


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report speech or cognition. They are attribution cues, not events
# (PLOVER dropped CAMEO 01 "make public statement"); the event, if any, is in
# their complement clause.
REPORTING = words(
    "say tell report state claim add note announce declare suggest show reveal indicate "
    "confirm insist argue write quote explain believe think warn acknowledge deny assert "
    "stress emphasize emphasise predict estimate find know learn hear see demonstrate "
    "highlight mention reiterate point describe consider conclude"
)
# Light verbs take their meaning from the noun they govern ("held talks",
# "staged a protest", "launched an attack", "went on strike").
LIGHT = words(
    "hold stage launch carry conduct organize organise mount make take give have lead "
    "call go impose reimpose declare reach begin start resume continue join send renew "
    "undertake issue open complete lodge file institute tighten remain"
)
# Control, aspect and intention verbs: the action is their xcomp ("plans to
# attack", "tried to seize", "is set to deploy").
CONTROL = words(
    "try attempt seek decide plan intend want aim prepare expect hope set schedule "
    "manage fail keep continue begin start be become appear seem help move vow "
    "go need wish swear resort"
)
COPULA = frozenset({"be", "become", "seem", "appear", "remain"})
# Verbs of taking part: the act is the event their object names, done by
# their subject ("X took part in the rally" is X rallying; "attended the
# talks", "joined the strike"). Checked before the verb's own lexicon entry,
# so "took part in the protest" is PROTEST, not the COOPERATE of "take part".
PARTICIPATION = frozenset({"participate", "attend", "join", "take"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


# An upper-case place, optionally a country or region and a date, optionally
# an agency in brackets, then a dash: the usual wire-story dateline.
@dataclass(frozen=True, slots=True)
class Found:
    token: Any  # the trigger token (spaCy Token)
    entry: Trigger
    kind: str  # "verb" | "light" | "noun"
    governors: tuple[Any, ...]  # verbs above the trigger in the unit, nearest first


# --- parse helpers -----------------------------------------------------------


# Lemmatizer slips of the small English pipeline seen on news text
# ("staged" → "stag", "rioted" → "riote").
_LEMMA_FIXES = {"stag": "stage", "riote": "riot"}


@dataclass(frozen=True, slots=True)
class EventArrays:
    """What the event modules read per token, as lists indexed by ``token.i``
    (on top of :func:`claimgraph.extract.doc_arrays`): each Token attribute,
    ``token.children`` step or ``token.subtree`` builds Python objects, and the
    trigger search asked for them tens of thousands of times per article."""

    lemmas: list[str]  # lemma(token): lower-cased, lemmatizer slips fixed
    ends: list[int]  # token.idx + len(token)
    reach: list[int]  # token.idx + len(token.text_with_ws)
    base: DocArrays  # doc_arrays(doc), so one user_data look-up gives both


_EVENT_ARRAYS = "claimgraph_event_arrays"


def event_arrays(doc) -> EventArrays:
    """The :class:`EventArrays` of ``doc``, computed once and kept in its user_data."""
    found = doc.user_data.get(_EVENT_ARRAYS)
    if found is None:
        arrays = doc_arrays(doc)
        fixes = _LEMMA_FIXES
        # A Doc's text is its tokens' text_with_ws end to end, so each token
        # reaches to where the next one starts.
        last = [len(doc[-1].text_with_ws) + arrays.idx[-1]] if len(doc) else []
        found = doc.user_data[_EVENT_ARRAYS] = EventArrays(
            lemmas=[fixes.get(x, x) for x in map(str.lower, arrays.lemmas)],
            ends=[i + len(t) for i, t in zip(arrays.idx, arrays.texts, strict=True)],
            reach=arrays.idx[1:] + last,
            base=arrays,
        )
    return found


def token_range(doc, start: int, end: int) -> range | None:
    """The token indices of ``doc.char_span(start, end, alignment_mode="expand")``
    (None where it is None), without building the Span and its Tokens."""
    arrays = doc.user_data.get(_EVENT_ARRAYS) or event_arrays(doc)
    idx, reach = arrays.base.idx, arrays.reach
    if not idx:
        return None
    # spaCy's token_by_char: the token whose text and trailing space hold the
    # character; tokens tile the text, so a bisection on starts finds it.
    first = bisect_right(idx, start) - 1
    if start < 0 or first < 0 or start >= reach[first]:
        return None
    last = bisect_right(idx, end - 1) - 1
    if end - 1 < 0 or last < 0 or end - 1 >= reach[last]:
        return None
    if start == arrays.ends[first]:
        first += 1  # the trailing space is not the token's
    if first > last + 1:  # an empty or inverted span: let spaCy say what it says
        tokens = doc.char_span(start, end, alignment_mode="expand")
        return range(tokens.start, tokens.end) if tokens is not None else None
    return range(first, last + 1)


def lemma(token) -> str:
    doc = token.doc
    # (event_arrays inlined: this runs ~1,500 times per article)
    arrays = doc.user_data.get(_EVENT_ARRAYS) or event_arrays(doc)
    return arrays.lemmas[token.i]


def within(token, span: Span) -> bool:
    return span[0] <= token.idx and token.idx + len(token) <= span[1]


def children(token, deps: set[str] | frozenset[str], span: Span) -> list:
    doc = token.doc
    # (event_arrays inlined: this runs ~400 times per article)
    arrays = doc.user_data.get(_EVENT_ARRAYS) or event_arrays(doc)
    kids = arrays.base.children[token.i]
    if not kids:
        return []
    labels, idx, ends = arrays.base.deps, arrays.base.idx, arrays.ends
    start, end = span
    return [doc[c] for c in kids if labels[c] in deps and start <= idx[c] and ends[c] <= end]


def subtree_ids(doc, i: int) -> list[int]:
    """``[t.i for t in doc[i].subtree]`` (same order: each word's left
    dependents' subtrees, the word, its right dependents' subtrees)."""
    kids = doc_arrays(doc).children
    out: list[int] = []

    def visit(j: int) -> None:
        for c in kids[j]:
            if c < j:
                visit(c)
        out.append(j)
        for c in kids[j]:
            if c > j:
                visit(c)

    visit(i)
    return out


def first_in(token, span: Span, lemmas: dict[str, str] | frozenset[str]) -> str | None:
    """The lemma of the first word of ``token.subtree`` inside ``span`` whose
    lemma is in ``lemmas``, or None."""
    doc = token.doc
    idx = doc_arrays(doc).idx
    arrays = event_arrays(doc)
    ends, lemma_of = arrays.ends, arrays.lemmas
    start, end = span
    for t in subtree_ids(doc, token.i):
        if start <= idx[t] and ends[t] <= end and lemma_of[t] in lemmas:
            return lemma_of[t]
    return None


def is_infinitive(token) -> bool:
    """A "to" infinitive: the small parser labels some control complements
    ("have sworn to fight") advcl instead of xcomp."""
    arrays = doc_arrays(token.doc)
    deps, lowers = arrays.deps, arrays.lowers
    return any(deps[c] == "aux" and lowers[c] == "to" for c in arrays.children[token.i])


def _has_object(token) -> bool:
    arrays = doc_arrays(token.doc)
    deps = arrays.deps
    return any(deps[c] in {"dobj", "dative"} for c in arrays.children[token.i])


def _has_complement(token) -> bool:
    arrays = doc_arrays(token.doc)
    deps = arrays.deps
    return any(deps[c] in {"dobj", "dative", "xcomp", "ccomp"} for c in arrays.children[token.i])


def _neighbour_lemmas(token) -> set[str]:
    """Lemmas a multi-word trigger's extra words may match: particles,
    prepositions, objects, modifiers, and the objects of those prepositions."""
    arrays = doc_arrays(token.doc)
    kids, deps, lemmas = arrays.children, arrays.deps, event_arrays(token.doc).lemmas
    out: set[str] = set()
    for child in kids[token.i]:
        if deps[child] in SUBJECTS:
            continue
        out.add(lemmas[child])
        for grandchild in kids[child]:
            if deps[grandchild] in {"pobj", "compound", "amod", "dobj"}:
                out.add(lemmas[grandchild])
            # "received a mission of observers": the measured noun.
            if deps[grandchild] == "prep" and lemmas[grandchild] == "of":
                out.update(lemmas[p] for p in kids[grandchild] if deps[p] == "pobj")
    return out


def match(token, table: dict[str, tuple[Trigger, ...]], verb: bool) -> Trigger | None:
    entries = table.get(lemma(token))
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


def noun_match(token, lexicon: Lexicon) -> Trigger | None:
    # "on 5 March 2024": a month is no march.
    if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in {"DATE", "TIME"}:
        return None
    return match(token, lexicon.nouns, verb=False)


def light_nouns(verb, span: Span) -> list:
    """Nouns a light verb lends its arguments to: its object, its passive
    subject ("rallies were held"), the object of on/into ("went on strike")."""
    out = children(verb, {"dobj", "nsubjpass"}, span)
    for prep in children(verb, {"prep"}, span):
        if lemma(prep) in {"on", "into", "in"}:
            out.extend(children(prep, {"pobj"}, span))
    # "gave 5 million dollars of aid": the measured noun.
    for noun in list(out):
        for prep in children(noun, {"prep"}, span):
            if lemma(prep) == "of":
                out.extend(children(prep, {"pobj"}, span))
    # "launched artillery, mortar, and rocket fire": every conjoined object.
    for noun in list(out):
        out.extend(c for c in noun.conjuncts if within(c, span) and c.pos_ in {"NOUN", "PROPN"})
    return out


def gathering(noun, clause, lexicon: Lexicon, span: Span) -> Trigger | None:
    """The lexicon's gathering trigger (PROTEST, demo) for a plain gathering
    noun ("public events", "a gathering") whose clause names its cause
    ("... in solidarity with X", "... against the law")."""
    if lexicon.gathering is None or lemma(noun) not in lexicon.gathering_nouns:
        return None
    doc = clause.doc
    idx, ends, lemmas = doc_arrays(doc).idx, event_arrays(doc).ends, event_arrays(doc).lemmas
    causes = lexicon.gathering_causes
    if any(
        span[0] <= idx[t] and ends[t] <= span[1] and lemmas[t] in causes
        for t in subtree_ids(doc, clause.i)
    ):
        return lexicon.gathering
    return None


def participated(verb, span: Span) -> list:
    """The nouns a verb of taking part names ("attended the talks", "joined
    the strike", "participated in / took part in the rally")."""
    head = lemma(verb)
    if head not in PARTICIPATION:
        return []
    if head in {"attend", "join"}:
        return [c for c in children(verb, {"dobj"}, span) if c.pos_ in {"NOUN", "PROPN"}]
    parts = [c for c in children(verb, {"dobj"}, span) if lemma(c) == "part"]
    if head == "take" and not parts:
        return []
    out = []
    for owner in (verb, *parts):  # "in" hangs on "took" or on "part"
        for prep in children(owner, {"prep"}, span):
            if lemma(prep) == "in":
                out.extend(children(prep, {"pobj"}, span))
    return out


def find(root, lexicon: Lexicon, span: Span, cue_span: Span | None) -> Found | None:
    """Breadth-first down the clause's verb chain to the first trigger."""
    queue: list[tuple[Any, tuple[Any, ...]]] = [(root, ())]
    # Purpose clauses ("sent personnel to Bosnia to investigate", "shunned
    # work to protest") are searched only when the clause's own verb chain
    # names no act: the main act comes first.
    purposes: list[tuple[Any, tuple[Any, ...]]] = []
    seen: set[int] = set()
    while queue or purposes:
        if not queue:
            queue.append(purposes.pop(0))
        token, governors = queue.pop(0)
        if token.i in seen:
            continue
        seen.add(token.i)
        below = (token, *governors)
        head, pos = lemma(token), token.pos_
        # acomp: "is ready to lift the ban", "is willing to send troops".
        complements = children(token, {"ccomp", "xcomp", "conj", "acomp"}, span)
        if head in CONTROL:
            complements += [c for c in children(token, {"advcl"}, span) if is_infinitive(c)]
            # "resorted to throwing stones": a gerund after "to".
            for prep in children(token, {"prep"}, span):
                if lemma(prep) == "to":
                    complements += children(prep, {"pcomp"}, span)
        elif pos in {"VERB", "AUX"}:
            purposes += [
                (c, (token, *governors))
                for c in children(token, {"advcl"}, span)
                if is_infinitive(c)
            ]
        is_cue = cue_span is not None and within(token, cue_span)
        if pos in {"VERB", "AUX"} and not is_cue:
            plain = False
            for noun in participated(token, span):
                noun_entry = noun_match(noun, lexicon) or gathering(noun, token, lexicon, span)
                if noun_entry is not None:
                    return Found(noun, noun_entry, "light", below)
                plain = plain or lemma(noun) in lexicon.gathering_nouns
            # "took part in these events": the act is whatever the events
            # were (event_anaphora), not the COOPERATE of "take part".
            entry = None if plain else match(token, lexicon.verbs, verb=True)
            if entry is not None:
                return Found(token, entry, "verb", governors)
            if head in LIGHT or head in REPORTING:
                nouns = light_nouns(token, span)
                for noun in nouns:
                    noun_entry = noun_match(noun, lexicon) or gathering(noun, token, lexicon, span)
                    if noun_entry is not None:
                        return Found(noun, noun_entry, "light", below)
                if head in LIGHT:
                    # "issued a statement condemning X", "issued a declaration
                    # demanding that ...": the act is the noun's participle.
                    complements += [
                        c
                        for noun in nouns
                        for c in children(noun, {"acl"}, span)
                        if c.tag_ == "VBG"
                    ]
            if head not in COPULA and head not in CONTROL and head not in LIGHT:
                # "The meetings of X with Y demonstrate ...": a noun trigger
                # as the subject of a verb that is not itself an event.
                for noun in children(token, SUBJECTS, span):
                    noun_entry = noun_match(noun, lexicon)
                    if noun_entry is not None:
                        return Found(noun, noun_entry, "noun", below)
        elif pos in {"NOUN", "PROPN"} and token.dep_ == "ROOT":
            noun_entry = noun_match(token, lexicon)
            if noun_entry is not None:
                return Found(token, noun_entry, "noun", governors)
        queue.extend((c, below) for c in complements)
    return None


def without_dateline(text: str, span: Span) -> Span:
    """The unit without a leading wire dateline ("TANGIER, March 13 (Reuters) -",
    "ANTOFAGASTA, Chile —"): it names where the story was filed, and must not
    become the subject, the place or the date of the event."""
    # Readers already cut datelines into blocks of their own; this catches
    # units built from raw text (tests, callers of analyze_parsed) with the
    # same pattern.
    found = DATELINE.match(text[span[0] : span[1]])
    return (span[0] + found.end(), span[1]) if found else span


def roots(doc, span: Span) -> list:
    tokens = token_range(doc, span[0], span[1])
    if tokens is None:
        return []
    arrays = doc_arrays(doc)
    heads, idx, pos, ends = arrays.heads, arrays.idx, arrays.pos, event_arrays(doc).ends
    start, end = span
    tops = [
        i for i in tokens if heads[i] == i or not (start <= idx[heads[i]] and ends[heads[i]] <= end)
    ]
    # Verbs first: a clause is headed by its verb; fragments fall back to nouns.
    tops.sort(key=lambda i: (pos[i] not in {"VERB", "AUX"}, i))
    return [doc[i] for i in tops]
