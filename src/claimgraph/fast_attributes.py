"""The attribute ruler's single-token patterns as hash lookups (same annotations, faster).

spaCy's ``AttributeRuler`` runs all its patterns through the generic
``Matcher``, which tries every pattern at every token: with the 179 patterns
of ``en_core_web_sm`` that took ~34 ms (CPU) of a ~700-word article, more than
the tagger and parser together. Nearly all of them are single-token patterns
keyed on an exact LOWER and/or TAG value, so a dict lookup on the token's
LOWER or TAG hash finds the few candidate patterns, whose other conditions
(DEP, IS_SPACE, NOT_IN, REGEX) are then checked one by one.

:class:`FastAttributeMatcher` replaces only the ruler's ``matcher``: it
returns the same ``(match_id, start, end)`` triples as the Matcher (the
multi-token patterns still go through a spaCy ``Matcher``), so the ruler's own
``match`` (sort by pattern number: later patterns win) and
``set_annotations`` (``index``, MORPH overwrite, bounds errors) run
unchanged. A pattern using anything the compiler does not know keeps the
original Matcher for the whole ruler, with a debug log saying which.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Token attributes the compiler reads, in the column order of ``Doc.to_array``.
_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
# Rows remembered by FastAttributeMatcher before starting afresh: a row is a
# few hundred bytes, so this bounds the memo to a few MB on an endless stream.
_MEMO_SIZE = 20_000
# Token positions of multi-token patterns compiled to bit masks: one uint64
# per token (en_core_web_sm's 8 two-token patterns use 16).
_MAX_SLOTS = 64


class UnsupportedPattern(ValueError):
    """A pattern the compiler cannot translate; the caller keeps spaCy's Matcher."""


@dataclass(frozen=True, slots=True)
class _Condition:
    """One attribute test of a token pattern, on the ``Doc.to_array`` value."""

    column: int
    test: Callable[[int], bool]


@dataclass(frozen=True, slots=True)
class _Compiled:
    """One single-token pattern: its Matcher key and the tests left after lookup."""

    key: int
    conditions: tuple[_Condition, ...]


def _condition(attr: str, value: object, strings) -> tuple[_Condition, frozenset[int] | None]:
    """The test for ``{attr: value}`` and, for exact/IN values, the hashes it accepts.

    The returned hash set lets the caller index the pattern by that attribute;
    ``None`` means the test must be run on every token (NOT_IN, REGEX, booleans).
    """
    if attr not in _ATTRS:
        raise UnsupportedPattern(f"attribute {attr!r}")
    column = _ATTRS.index(attr)
    if attr == "IS_SPACE":
        if not isinstance(value, bool):
            raise UnsupportedPattern(f"IS_SPACE value {value!r}")
        wanted = int(value)
        return _Condition(column, lambda v: v == wanted), None
    if isinstance(value, str):
        exact = frozenset({strings.add(value)})
        return _Condition(column, exact.__contains__), exact
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            if not all(isinstance(a, str) for a in arg):
                raise UnsupportedPattern(f"{attr} {op} with non-string values")
            members = frozenset(strings.add(a) for a in arg)
            if op == "IN":
                return _Condition(column, members.__contains__), members
            return _Condition(column, lambda v: v not in members), None
        if op == "REGEX" and isinstance(arg, str):
            # The Matcher runs ``re.search`` on the attribute's string; cache
            # per hash since a document repeats its words.
            regex = re.compile(arg)
            cache: dict[int, bool] = {}

            def search(v: int) -> bool:
                hit = cache.get(v)
                if hit is None:
                    hit = cache[v] = regex.search(strings[v]) is not None
                return hit

            return _Condition(column, search), None
    raise UnsupportedPattern(f"{attr} value {value!r}")


class MatcherStandIn:
    """Base of a faster stand-in for a spaCy ``Matcher`` owned by a pipe.

    Subclasses set ``self._matcher`` (the original) and define ``__call__``;
    everything else (``get``, ``validate``, length, membership, used by the
    pipe's error messages and serialisation) answers from the original.
    """

    _matcher: object

    def __getattr__(self, name: str):
        return getattr(self._matcher, name)

    def __len__(self) -> int:
        return len(self._matcher)

    def __contains__(self, key) -> bool:
        return key in self._matcher


class FastAttributeMatcher(MatcherStandIn):
    """Drop-in for an ``AttributeRuler.matcher``: same matches, single tokens by lookup."""

    def __init__(self, vocab, matcher, patterns: list[dict]) -> None:
        from spacy.matcher import Matcher

        self._matcher = matcher
        self._rest = Matcher(vocab)
        # Candidate patterns by the hash of the token's LOWER / TAG, and those
        # that must be tried on every token.
        self._by_lower: dict[int, list[_Compiled]] = {}
        self._by_tag: dict[int, list[_Compiled]] = {}
        self._everywhere: list[_Compiled] = []
        # Fixed-length multi-token patterns as (key, first slot, length); a
        # slot is one token position's tests, and a row's memo holds a bit per
        # slot it passes, so a pattern is found with numpy shifts over the doc.
        self._sequences: list[tuple[int, int, int]] = []
        self._slots: list[tuple[_Condition, ...]] = []
        self._memo: dict[tuple[int, ...], tuple[tuple[int, ...], int]] = {}
        strings = vocab.strings
        for number, entry in enumerate(patterns):
            key = strings.add(str(number))  # AttributeRuler.add's key for pattern ``number``
            alone = len(entry["patterns"]) == 1
            for pattern in entry["patterns"]:
                if len(pattern) == 1:
                    self._add_single(key, pattern[0], strings)
                elif not (alone and self._add_sequence(key, pattern, strings)):
                    self._rest.add(key, [pattern])

    def _add_single(self, key: int, token: dict, strings) -> None:
        extra = set(token) - set(_ATTRS)
        if extra or not token:
            raise UnsupportedPattern(f"token pattern {token!r}")
        tests: dict[str, tuple[_Condition, frozenset[int] | None]] = {
            attr: _condition(attr, value, strings) for attr, value in token.items()
        }
        # Index by LOWER when it is an exact/IN value (most selective), else TAG.
        for attr, table in (("LOWER", self._by_lower), ("TAG", self._by_tag)):
            if attr in tests and tests[attr][1] is not None:
                members = tests[attr][1]
                rest = tuple(c for a, (c, _) in tests.items() if a != attr)
                compiled = _Compiled(key, rest)
                for h in members:
                    table.setdefault(h, []).append(compiled)
                return
        self._everywhere.append(_Compiled(key, tuple(c for c, _ in tests.values())))

    def _add_sequence(self, key: int, pattern: list[dict], strings) -> bool:
        """Compile a multi-token pattern of plain token tests; False leaves it to
        spaCy's Matcher (operators, attributes the compiler does not read, or
        more slots than a 64-bit mask holds). Only patterns that are their
        entry's sole pattern come here, so no (key, start, end) can be found
        twice where the Matcher finds it once."""
        if len(self._slots) + len(pattern) > _MAX_SLOTS:
            return False
        try:
            slots = []
            for token in pattern:
                if not token or set(token) - set(_ATTRS):
                    return False
                slots.append(tuple(_condition(a, v, strings)[0] for a, v in token.items()))
        except UnsupportedPattern:
            return False
        self._sequences.append((key, len(self._slots), len(slots)))
        self._slots.extend(slots)
        return True

    def __call__(self, doc, allow_missing: bool = False, as_spans: bool = False):
        import numpy as np
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if as_spans:
            raise ValueError("FastAttributeMatcher returns (match_id, start, end) tuples only")
        found: list[tuple[int, int, int]] = []
        table = doc.to_array([LOWER, TAG, DEP, IS_SPACE])
        if len(table):
            # Every test is a pure function of the row, and a text repeats its
            # (word, tag, dep) rows, so the keys are computed once per distinct
            # row. Grouping in numpy rather than a tuple per token keeps the
            # Python allocations (and so the garbage collector's passes, which
            # cost ~0.3 s each on a loaded pipeline) near the Matcher's.
            packed = np.ascontiguousarray(table).view(
                np.dtype((np.void, table.dtype.itemsize * table.shape[1]))
            )
            _, first, inverse = np.unique(packed.ravel(), return_index=True, return_inverse=True)
            memo = self._memo
            per_row: list[tuple[int, ...]] = []
            bits: list[int] = []
            for row in table[first].tolist():
                values = tuple(row)
                known = memo.get(values)
                if known is None:
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()
                    known = memo[values] = (self._keys(values), self._slot_bits(values))
                per_row.append(known[0])
                bits.append(known[1])
            inverse = inverse.ravel()
            for i, u in enumerate(inverse.tolist()):
                for key in per_row[u]:
                    found.append((key, i, i + 1))
            if self._sequences:
                found += self._sequence_matches(np.array(bits, dtype=np.uint64)[inverse])
        if len(self._rest):
            found += self._rest(doc, allow_missing=allow_missing)
        return found

    def _slot_bits(self, row: tuple[int, ...]) -> int:
        """Bit ``s`` set when a token with ``row`` passes slot ``s``'s tests."""
        out = 0
        for s, conditions in enumerate(self._slots):
            if all(c.test(row[c.column]) for c in conditions):
                out |= 1 << s
        return out

    def _sequence_matches(self, bits) -> list[tuple[int, int, int]]:
        """(key, start, end) of every multi-token pattern, from each token's slot bits."""
        import numpy as np

        found: list[tuple[int, int, int]] = []
        n = len(bits)
        for key, first, length in self._sequences:
            if n < length:
                continue
            starts = n - length + 1
            hit = np.ones(starts, dtype=bool)
            for p in range(length):
                mask = np.uint64(1 << (first + p))
                hit &= (bits[p : p + starts] & mask) != 0
            found += [(key, i, i + length) for i in np.flatnonzero(hit).tolist()]
        return found

    def _keys(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """Matcher keys of the single-token patterns that accept a token with ``row``."""
        keys: list[int] = []
        for candidates in (self._by_lower.get(row[0]), self._by_tag.get(row[1]), self._everywhere):
            for pattern in candidates or ():
                if all(c.test(row[c.column]) for c in pattern.conditions):
                    keys.append(pattern.key)
        return tuple(keys)


def speed_up(ruler, vocab) -> bool:
    """Give ``ruler`` (an ``AttributeRuler``) a :class:`FastAttributeMatcher`
    and column writes for its annotations (:func:`_column_writer`).

    Returns False, leaving the original Matcher, when a pattern uses something
    the compiler does not translate.
    """
    from spacy.pipeline import AttributeRuler

    if not isinstance(ruler, AttributeRuler):
        log.debug("%r is not spaCy's AttributeRuler; left as it is", ruler)
        return False
    try:
        ruler.matcher = FastAttributeMatcher(vocab, ruler.matcher, ruler.patterns)
    except UnsupportedPattern as exc:
        log.debug("attribute ruler keeps spaCy's Matcher: unsupported pattern %s", exc)
        return False
    ruler.set_annotations = _column_writer(ruler, ruler.set_annotations)
    return True


def _token_only_attributes() -> frozenset[int]:
    """Attribute ids that ``set_token_attrs`` writes to the token alone.

    spaCy's ruler writes each attribute with ``Token.set_struct_attr`` and
    ``Lexeme.set_struct_attr``; the lexeme ignores these five (it keeps only
    flags, ID, LOWER, NORM, SHAPE, PREFIX, SUFFIX, LANG), and ``Doc.from_array``
    writes a column with the same ``Token.set_struct_attr``.
    """
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    return frozenset({POS, TAG, MORPH, LEMMA, DEP})


def _column_writer(ruler, original: Callable) -> Callable:
    """``AttributeRuler.set_annotations`` as one ``Doc.from_array`` per document.

    spaCy's builds a Span and a Token and walks an attribute dict per match:
    ~900 matches (every token's tag-map pattern, plus word exceptions) cost
    ~3-4 ms of a ~630-word article (``/tmp`` probe, docs/performance.md). The
    matches come sorted as the ruler applies them, so the last write to a
    token's attribute is the one that stays: folding them into columns and
    writing each column once gives the same Doc. A match whose index falls
    outside it, or a pattern setting anything else (extensions, lexeme
    attributes), goes to spaCy's own method for the whole document, which
    writes and raises exactly as before.
    """
    token_only = _token_only_attributes()

    def set_annotations(doc, matches) -> None:
        attrs_of, indices = ruler.attrs, ruler.indices
        writes: dict[int, dict[int, int]] = {}
        for attr_id, _match_id, start, end in matches:
            index = indices[attr_id]
            i = (end if index < 0 else start) + index
            attrs = attrs_of[attr_id]
            if not start <= i < end or not token_only.issuperset(attrs):
                original(doc, matches)
                return
            for attr, value in attrs.items():
                column = writes.get(attr)
                if column is None:
                    column = writes[attr] = {}
                column[i] = value
        if not writes:
            return
        names = list(writes)
        table = doc.to_array(names)
        for col, attr in enumerate(names):
            column = writes[attr]
            table[list(column), col] = list(column.values())
        doc.from_array(names, table)

    return set_annotations


# (ORTH, POS, MORPH) → lemma hash entries a fast lemmatizer remembers before
# starting afresh: a news article has ~400 distinct ones, so 50,000 covers a
# long stream's vocabulary while bounding the memo to a few MB.
_LEMMA_MEMO_SIZE = 50_000


def speed_up_lemmatizer(lemmatizer) -> bool:
    """Make a rule-mode spaCy ``Lemmatizer`` write lemmas as one column per document.

    Its ``__call__`` sets ``token.lemma_ = self.lemmatize(token)[0]`` token by
    token (~5 µs each, 3-5 ms an article), building a Token and a
    MorphAnalysis for its cache key every time. The rule lemmatizer's result
    is a function of the token's ORTH, POS and MORPH (spaCy's own cache key;
    ``EnglishLemmatizer.is_base_form`` reads POS and MORPH), so each distinct
    triple is lemmatized once by the lemmatizer itself and the lemmas are
    written with ``Doc.from_array``. Same lemmas, same StringStore entries.
    Returns False (nothing changed) for other modes or subclasses, whose
    results may depend on more.
    """
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    kind = type(lemmatizer)
    if kind not in (Lemmatizer, EnglishLemmatizer) or lemmatizer.mode != "rule":
        log.debug("%r keeps its own __call__", lemmatizer)
        return False
    lemmatizer.__class__ = _column_lemmatizer(kind)
    lemmatizer.claimgraph_memo = {}
    return True


@functools.cache
def _column_lemmatizer(kind: type) -> type:
    """A subclass of ``kind`` whose ``__call__`` is :func:`_lemmatize_columns`."""
    from spacy.errors import Errors

    def __call__(self, doc):
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            _lemmatize_columns(self, doc)
            return doc
        except Exception as e:  # as spaCy's Lemmatizer.__call__
            error_handler(self.name, self, [doc], e)

    return type(f"Column{kind.__name__}", (kind,), {"__call__": __call__})


def _lemmatize_columns(lemmatizer, doc) -> None:
    from spacy.attrs import LEMMA, MORPH, ORTH, POS

    if not len(doc):
        return
    table = doc.to_array([ORTH, POS, MORPH, LEMMA])
    lemmas = table[:, 3].copy()
    # spaCy lemmatizes a token only if it has no lemma yet (unless overwrite).
    todo = range(len(doc)) if lemmatizer.overwrite else (lemmas == 0).nonzero()[0].tolist()
    if not len(todo):
        return
    memo: dict[tuple[int, int, int], int] = lemmatizer.claimgraph_memo
    if len(memo) >= _LEMMA_MEMO_SIZE:
        memo.clear()
    add = doc.vocab.strings.add
    for i, key in zip(todo, map(tuple, table[list(todo), :3].tolist()), strict=True):
        lemma = memo.get(key)
        if lemma is None:
            lemma = add(lemmatizer.lemmatize(doc[i])[0])
            # Without a POS spaCy warns (W108) on every such token: not memoized,
            # so it still does.
            if key[1]:
                memo[key] = lemma
        lemmas[i] = lemma
    doc.from_array([LEMMA], lemmas.reshape(-1, 1))
