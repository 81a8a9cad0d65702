"""Extractors, one module per stage. Each is a pure function over a parsed document.

Contracts (the pipeline relies on exactly these):

- ``dictionary.load_dictionary(paths) -> ActorDictionary`` (cached), with
  ``.patterns()`` for spaCy's entity ruler and ``.lookup(name, date)``.
- ``actors.actors(parsed, dictionary) -> tuple[Actor, ...]``: one Actor per
  real-world actor of the document, all its mentions merged.
- ``places.places(parsed, actors) -> tuple[Place, ...]``
- ``times.times(parsed) -> tuple[TimeValue, ...]``, anchored on
  ``parsed.document.published`` (no anchor: relative expressions get value None).
- ``attribution.claim_units(parsed, actors) -> Iterator[ClaimUnit]``: every body
  sentence yields at least one unit; attributed content carries its chain.
- ``certainty.certainty(parsed, unit) -> (certainty class, factuality in [-3, 3])``
- ``events.event(parsed, unit, actors, places, times, certainty) -> Event | None``
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml

from ..records import Actor, Attribution, Span

# libyaml's parser where PyYAML was built with it: the packaged lexicons
# (actors, PLOVER, certainty, places) took ≈ 0.4 s CPU of each worker's
# start-up through the pure-Python parser, ≈ 0.05 s through libyaml, with
# equal results (compared on every file in data/). The constructor and
# resolver are the same Python classes, so the values are the same.
SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_K = TypeVar("_K")
_V = TypeVar("_V")
_NOTHING = object()


def keep_last(build: Callable[[_K], _V]) -> Callable[[_K], _V]:
    """``build``, remembering its answer for the last argument only (by identity).

    The stages ask about one Doc (or one actors tuple) many times in a row,
    then move on to the next: keeping the last answer only keeps memory flat
    over a corpus, and releases what the answer points back to (Spans and
    Tokens hold their Doc) with the next Doc, without a reference cycle in
    the Doc's user_data. The (argument, answer) pair is replaced whole, so a
    thread asking about another argument never sees this one's answer.
    """
    last: list[tuple[Any, Any]] = [(_NOTHING, None)]

    @functools.wraps(build)
    def cached(key: _K) -> _V:
        pair = last[0]
        if pair[0] is key:
            return pair[1]
        answer = build(key)
        last[0] = (key, answer)
        return answer

    return cached


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` through libyaml when available (same values, faster)."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """A stretch of text that states one thing, and who says so."""

    sentence_span: Span
    span: Span  # the content: the whole sentence in the outlet's voice, or what is attributed
    chain: tuple[Attribution, ...] = ()  # outermost first
    cue_span: Span | None = None  # the innermost cue ("suggests", "claimed"), if any


def actor_at(actors: tuple[Actor, ...], span: Span) -> Actor | None:
    """The actor with a mention overlapping ``span`` most, or None.

    On a tie, the first in ``actors`` order (and its first such mention) wins.
    """
    starts, mentions, longest = _mention_index(actors)
    # Only mentions starting before the span's end and no earlier than the
    # longest mention's length before its start can overlap it.
    lo = bisect.bisect_left(starts, span[0] - longest)
    hi = bisect.bisect_left(starts, span[1])
    best, best_key = None, (0, 0, 0)
    for s, e, order, actor in mentions[lo:hi]:
        overlap = min(e, span[1]) - max(s, span[0])
        if overlap > 0 and (overlap, -order[0], -order[1]) > best_key:
            best, best_key = actor, (overlap, -order[0], -order[1])
    return best


def _mention_index(actors: tuple[Actor, ...]) -> tuple[list[int], list, int]:
    # Kept for the last actors tuple: the attribution and event stages ask
    # about one document's actors many times in a row (it was a scan of every
    # mention per question, ~2 ms of a 700-word article). A list could change.
    if isinstance(actors, tuple):
        return _kept_mention_index(actors)
    return _built_mention_index(actors)


def _built_mention_index(actors: tuple[Actor, ...]) -> tuple[list[int], list, int]:
    mentions = sorted(
        (s, e, (a, m), actor)
        for a, actor in enumerate(actors)
        for m, (s, e) in enumerate(actor.mentions)
    )
    starts = [s for s, _, _, _ in mentions]
    longest = max((e - s for s, e, _, _ in mentions), default=0)
    return starts, mentions, longest


_kept_mention_index = keep_last(_built_mention_index)


_TEXT = "claimgraph_text"


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token
    on each access, which made a loop over entities quadratic."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def seed_doc_text(doc, text: str) -> None:
    """Give :func:`doc_text` the string ``doc`` was tokenized from.

    spaCy's tokenization keeps every character, so ``doc.text`` equals that
    string; rebuilding it from the tokens cost ≈ 1 ms of a ~630-word article
    (bench/profile_extract.py). Called by :mod:`claimgraph.nlp` on the Docs it
    makes, before the pipeline runs (user_data survives it).
    """
    doc.user_data[_TEXT] = text


@keep_last
def doc_ents(doc) -> tuple:
    """``doc.ents``, built once per Doc for the stages that read it in turn.

    spaCy builds a new tuple of Spans on every access (≈ 0.5 ms for a
    ~630-word article) and six extractors asked for it per article
    (bench/profile_extract.py). The Spans point back at the Doc, so they are
    kept for the last Doc only (:func:`keep_last`), not in its user_data (a
    reference cycle would leave each Doc to the cyclic collector).
    """
    return doc.ents


_SENT_STARTS = "claimgraph_sent_starts"


def sentence_bounds(token) -> tuple[int, int]:
    """``(token.sent.start, token.sent.end)`` without building the sentence Span.

    spaCy's ``Token.sent`` checks the Doc's annotation and walks the
    sentence's tokens on every call (the events and certainty stages asked
    ~300 times per article, some of them twice per use). With no sentence
    hooks, its boundaries are the tokens whose ``sent_start`` is 1 (and token
    0), which are listed once per Doc here (ints only, in user_data); with
    hooks, or without boundaries (where ``token.sent`` raises), spaCy answers.
    """
    doc = token.doc
    if doc.user_hooks or doc.user_span_hooks or doc.user_token_hooks:
        sent = token.sent
        return sent.start, sent.end
    starts = doc.user_data.get(_SENT_STARTS)
    if starts is None:
        if not doc.has_annotation("SENT_START"):
            sent = token.sent  # raises spaCy's own error
            return sent.start, sent.end
        from spacy.attrs import SENT_START

        flags = doc.to_array([SENT_START]).ravel().tolist()
        starts = doc.user_data[_SENT_STARTS] = [0] + [
            i for i in range(1, len(flags)) if flags[i] == 1
        ]
    k = bisect.bisect_right(starts, token.i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def sentence_chars(token) -> tuple[int, int]:
    """``(token.sent.start_char, token.sent.end_char)`` (see :func:`sentence_bounds`)."""
    start, end = sentence_bounds(token)
    arrays = doc_arrays(token.doc)
    return arrays.idx[start], arrays.idx[end - 1] + len(arrays.texts[end - 1])


@dataclass(frozen=True, slots=True)
class DocArrays:
    """Per-token attributes of one Doc as plain Python lists, read once.

    Every ``token.head``, ``doc[i]`` and step of ``token.children`` builds a
    new spaCy Token object (~0.5 µs each); the extractors asked for heads and
    children hundreds of thousands of times per article. Lists indexed by
    ``token.i`` give the same values without building Tokens. Only ints and
    strs are kept, so caching them in ``doc.user_data`` makes no reference
    cycle through the Doc.
    """

    heads: list[int]  # token.head.i (a root is its own head)
    children: list[tuple[int, ...]]  # [c.i for c in token.children], in text order
    deps: list[str]  # token.dep_
    texts: list[str]  # token.text
    idx: list[int]  # token.idx
    ent_types: list[str]  # token.ent_type_
    lowers: list[str]  # token.lower_
    lemmas: list[str]  # token.lemma_
    lemma_lowers: list[str]  # token.lemma_.lower() (the cue scorer's lemma features)
    pos: list[str]  # token.pos_
    tags: list[str]  # token.tag_
    punct: list[bool]  # token.is_punct
    space: list[bool]  # token.is_space


@keep_last
def doc_arrays(doc) -> DocArrays:
    """The :class:`DocArrays` of ``doc``, computed on first use and kept in its user_data.

    The last Doc's are also kept in front of it (:func:`keep_last`): the stages
    ask ~1,800 times per article, and ``doc.user_data`` is a Cython property in
    front of a dict (bench/profile_extract.py: 88,759 calls over 48 articles).
    """
    found = doc.user_data.get("claimgraph_arrays")
    if found is None:
        found = doc.user_data["claimgraph_arrays"] = _arrays(doc)
    return found


@keep_last
def doc_tokens(doc) -> list:
    """``list(doc)``, built once per Doc: ``doc[i]`` builds a new Token on each
    call (a bounds check, index normalization and the object: ~0.4 µs), and
    the extractors asked ~9,000 times per article (bench/profile_extract.py).
    A Token compares and hashes by (doc, i), so a listed one is interchangeable
    with ``doc[i]`` wherever tokens are compared with ``==`` or kept in sets.
    Kept for the last Doc only, as :func:`doc_ents` (the Tokens point back at
    the Doc)."""
    return list(doc)


def _arrays(doc) -> DocArrays:
    from spacy.attrs import (
        DEP,
        ENT_TYPE,
        HEAD,
        IDX,
        IS_PUNCT,
        IS_SPACE,
        LEMMA,
        LOWER,
        ORTH,
        POS,
        TAG,
    )

    n = len(doc)
    # HEAD is the offset to the head, stored unsigned: view it as signed
    # (string ids are unsigned 64-bit hashes and stay so).
    offsets = doc.to_array(HEAD).astype("int64").tolist()
    table = doc.to_array([DEP, ORTH, LOWER, LEMMA, POS, TAG, IS_PUNCT, IS_SPACE, IDX, ENT_TYPE])
    columns = table.T.tolist() if n else [[] for _ in range(10)]
    deps, texts, lowers, lemmas, pos, tags, punct, space, idx, ent_types = columns
    heads = [i + offset for i, offset in enumerate(offsets)]
    kids: list[list[int]] = [[] for _ in range(n)]
    for i, head in enumerate(heads):
        if head != i:
            kids[head].append(i)
    strings = doc.vocab.strings

    def names(ids: list[int]) -> list[str]:
        return [strings[x] for x in ids]

    lemma_names = names(lemmas)
    return DocArrays(
        heads=heads,
        children=[tuple(k) for k in kids],
        deps=names(deps),
        texts=names(texts),
        idx=idx,
        ent_types=names(ent_types),
        lowers=names(lowers),
        lemmas=lemma_names,
        lemma_lowers=[x.lower() for x in lemma_names],
        pos=names(pos),
        tags=names(tags),
        punct=[bool(x) for x in punct],
        space=[bool(x) for x in space],
    )


def children(token, deps: frozenset[str] | tuple[str, ...]) -> list:
    """``[c for c in token.children if c.dep_ in deps]``, building only the Tokens returned."""
    doc = token.doc
    arrays = doc_arrays(doc)
    labels = arrays.deps
    kids = [c for c in arrays.children[token.i] if labels[c] in deps]
    if not kids:
        return kids
    tokens = doc_tokens(doc)
    return [tokens[c] for c in kids]
