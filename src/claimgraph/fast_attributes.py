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
        self._memo: dict[tuple[int, ...], tuple[int, ...]] = {}
        strings = vocab.strings
        for number, entry in enumerate(patterns):
            key = strings.add(str(number))  # AttributeRuler.add's key for pattern ``number``
            for pattern in entry["patterns"]:
                if len(pattern) != 1:
                    self._rest.add(key, [pattern])
                    continue
                self._add_single(key, pattern[0], strings)

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
            for row in table[first].tolist():
                values = tuple(row)
                keys = memo.get(values)
                if keys is None:
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()
                    keys = memo[values] = self._keys(values)
                per_row.append(keys)
            for i, u in enumerate(inverse.ravel().tolist()):
                for key in per_row[u]:
                    found.append((key, i, i + 1))
        if len(self._rest):
            found += self._rest(doc, allow_missing=allow_missing)
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
    """Give ``ruler`` (an ``AttributeRuler``) a :class:`FastAttributeMatcher`.

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
    return True
