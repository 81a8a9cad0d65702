"""An upper bound on every token's cue-head score, computed for a whole Doc at once.

The cue scorer (:func:`claimgraph.extract.cues_model.score_at`) looks ~70
weights up per candidate word, ~340 candidates per ~630-word article, and
about 97% of them score far below the threshold (median ≈ 58 under it on the
generated bench corpus). This module bounds every token's score from above
with numpy over the whole Doc: the same weights, looked up through integer
codes of the token strings, and, where a feature depends on more than the
Doc (the sentence's first and last token, the quotation regions, a quote in
the sentence), the larger of the weights it could take. A token whose bound
is under the threshold can never pass it, so the exact score is computed
only for the rest: the scorer's output is unchanged, bit for bit
(``tests/test_cues_bound.py`` checks bound ≥ exact score on every candidate
of a corpus, under every sentence split and quotation setting tried).

The bound's float sum is not added in :func:`score_at`'s order; the caller
keeps a safety margin (:data:`SLACK`) far above the rounding error of
summing ~100 weights of magnitude < 50 in float64 (< 1e-11).
"""

from __future__ import annotations

import functools
from itertools import repeat

import numpy as np

from . import DocArrays
from .cues_model import _CLAUSAL, _CLOSING, _ONE_PART, _by_template

# A bound this far under the threshold or more rules a token out; far above
# the float error of the bound and of the exact sum (see the docstring).
SLACK = 1e-6

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_PREP_DEPS = ("prep", "prt", "agent")
_MARKS = ("that", "whether", "if")
_OBJ_CLAUSE_DEPS = ("acl", "ccomp", "relcl")


# Strings the bound compares token strings with: they get codes of their own
# even if no weight names them, so a code comparison is a string comparison.
_NAMED = frozenset(
    {"<s>", "</s>", "none", "True", "False", "NOUN", ""}
    | set(_SUBJECT_DEPS + _PREP_DEPS + _MARKS + _OBJ_CLAUSE_DEPS + _CLAUSAL)
    | {"dobj", "xcomp", "poss", "det", "acl", "ccomp"}
    | _CLOSING
)


# Two-part templates with more cells than this (head|lemma, lemma|next,
# lemma|prev: 146k-257k cells, 5 MB together) are bounded by their first
# part's largest weight instead of a dense table: on the bench corpus
# (64 generated articles) the bound then rules out 95.0% of the candidates
# instead of 96.3%.
_MAX_CELLS = 60_000


class _Tables:
    """The weights of :func:`_by_template` indexed by integer codes.

    Every string the weights name (a value, or either part of a two-part
    value) gets a code from 1; 0 is any other string, whose weight is 0 in
    every table. A one-part template is a dense array over the codes; a
    two-part one, a dense table over its own first and second parts (maps
    from the codes to their rows and columns, 0 for none), or for a large
    one the largest weight (or 0) of each first part; a template without a
    value ("bias"), a number.
    """

    def __init__(self) -> None:
        by_template = _by_template()
        strings: set[str] = set(_NAMED)
        for table in by_template.values():
            for first, inner in table.items():
                if first is not None:
                    strings.add(first)
                if isinstance(inner, dict):
                    strings.update(inner)
        self.codes: dict[str, int] = {s: k for k, s in enumerate(sorted(strings), start=1)}
        self.size = len(self.codes) + 1
        self.scalar: dict[str, float] = {}
        self.one: dict[str, np.ndarray] = {}
        self.two: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self.first_max: dict[str, np.ndarray] = {}
        self._zeros = np.zeros(self.size, dtype=np.float64)
        for template, table in by_template.items():
            if None in table:
                self.scalar[template] = float(table[None])
            elif "|" in template and template not in _ONE_PART:
                self._add_pair(template, table)
            else:
                dense = np.zeros(self.size, dtype=np.float64)
                for value, weight in table.items():
                    dense[self.codes[value]] = weight
                self.one[template] = dense
        self._none = self.map_of(()), self.map_of(()), np.zeros(1, dtype=np.float64)
        # A token's child dependencies, prepositions and marks.
        self.child_sets = (
            _SetTable(self, "child", "lemma|child", "pos|child"),
            _SetTable(self, "prep", "lemma|prep", None),
            _SetTable(self, "mark", "lemma|mark", None, _MARKS),
        )

    def _add_pair(self, template: str, table: dict) -> None:
        seconds = sorted({second for inner in table.values() for second in inner})
        if len(table) * len(seconds) > _MAX_CELLS:
            best = np.zeros(self.size, dtype=np.float64)
            for first, inner in table.items():
                best[self.codes[first]] = max(0.0, *inner.values())
            self.first_max[template] = best
            return
        rows, columns = self.map_of(table), self.map_of(seconds)
        dense = np.zeros((len(table) + 1, len(seconds) + 1), dtype=np.float64)
        for first, inner in table.items():
            for second, weight in inner.items():
                dense[rows[self.codes[first]], columns[self.codes[second]]] = weight
        # Flat, rows as offsets: a 1-D gather is several times faster than a 2-D one.
        self.two[template] = (rows * dense.shape[1], columns, dense.ravel())

    def map_of(self, strings) -> np.ndarray:
        """Codes -> 1, 2, ... for ``strings`` in their order, 0 for every other code."""
        # int32: ~22 such maps over ~4,900 codes; half the memory of intp
        out = np.zeros(self.size, dtype=np.int32)
        for k, value in enumerate(strings, start=1):
            out[self.codes[value]] = k
        return out

    def code(self, value: str) -> int:
        return self.codes.get(value, 0)

    def encode(self, values: list[str]) -> np.ndarray:
        """Codes of ``values`` (0 for strings no weight names)."""
        return np.fromiter(map(self.codes.get, values, repeat(0)), dtype=np.intp, count=len(values))

    def one_part(self, template: str) -> np.ndarray:
        return self.one.get(template, self._zeros)

    def pair(self, template: str, first: np.ndarray, second: np.ndarray | int) -> np.ndarray:
        """Weights of ``template`` for the code pairs (first[k], second[k]), 0 where none
        (for a large template, a bound: the largest weight of first[k])."""
        if template in self.first_max:
            return self.first_max[template][first]
        offsets, columns, flat = self.two.get(template, self._none)
        return flat[offsets[first] + columns[second]]


class _SetTable:
    """The weights of the scorer's per-token sets (child dependencies,
    prepositions, marks): value -> weight alone, and paired with the token's
    lemma and part of speech, as dense tables over the values' columns."""

    def __init__(
        self,
        t: _Tables,
        alone: str,
        with_lemma: str,
        with_pos: str | None,
        only: tuple[str, ...] | None = None,
    ) -> None:
        by_template = _by_template()
        names: set[str] = set(by_template.get(alone, ()))
        for template in (with_lemma, with_pos):
            if template is not None:
                names.update(x for inner in by_template.get(template, {}).values() for x in inner)
        if only is not None:
            names &= set(only)
        columns = sorted(names)
        self.columns = t.map_of(columns)
        self.width = len(columns) + 1
        self.alone = np.zeros(self.width, dtype=np.float64)
        self.alone[1:] = [t.one_part(alone)[t.codes[x]] for x in columns]
        self.paired: list[tuple[np.ndarray, np.ndarray]] = []
        for template in (with_lemma, with_pos):
            if template is None:
                continue
            table = by_template.get(template, {})
            rows = t.map_of(table)
            dense = np.zeros((len(table) + 1, self.width), dtype=np.float64)
            for r, inner in enumerate(table.values(), start=1):
                for value, weight in inner.items():
                    if value in names:
                        dense[r, self.columns[t.codes[value]]] = weight
            self.paired.append((rows * self.width, dense.ravel()))

    def sums(self, n: int, heads: np.ndarray, values: np.ndarray, *firsts: np.ndarray):
        """Per token, the weights of its distinct ``values`` (codes of its children's
        strings, ``heads`` the tokens they belong to), each counted once."""
        present = np.zeros((n, self.width), dtype=bool)
        present[heads, self.columns[values]] = True
        present[:, 0] = False  # values no weight names
        # (np.nonzero of a 2-D array is ~10 times slower than on the flat one)
        h, column = np.divmod(np.flatnonzero(present), self.width)
        weights = self.alone[column]
        for (offsets, flat), first in zip(self.paired, firsts, strict=True):
            weights += flat[offsets[first[h]] + column]
        return np.bincount(h, weights=weights, minlength=n)


@functools.cache
def _tables() -> _Tables:
    return _Tables()


def _neighbours(t: _Tables, lemma: np.ndarray, pos: np.ndarray, low: np.ndarray) -> np.ndarray:
    """The neighbour features' bound: at each offset, the larger weight of the
    word there and of the sentence boundary (the sentence may end between)."""
    one, pair = t.one_part, t.pair
    n = len(lemma)
    total = np.zeros(n, dtype=np.float64)
    # Two boundary tokens padded on each side: "<s>" before, "</s>" after.
    start, end = t.code("<s>"), t.code("</s>")
    pads = {
        name: np.concatenate(([start, start], values, [end, end]))
        for name, values in (("lemma", lemma), ("pos", pos), ("low", low))
    }
    for offset in (-2, -1, 1, 2):
        edge = start if offset < 0 else end
        there = slice(2 + offset, 2 + offset + n)
        for name, values in ((f"w{offset}", pads["lemma"]), (f"p{offset}", pads["pos"])):
            table = one(name)
            total += np.maximum(table[values[there]], table[edge])
        pair_name = f"pos|p{offset}"
        total += np.maximum(pair(pair_name, pos, pads["pos"][there]), pair(pair_name, pos, edge))
        if offset in (-1, 1):  # prev, next: the lower-cased word
            name = "prev" if offset < 0 else "next"
            table = one(name)
            total += np.maximum(table[pads["low"][there]], table[edge])
            pair_name = f"lemma|{name}"
            total += np.maximum(
                pair(pair_name, lemma, pads["low"][there]), pair(pair_name, lemma, edge)
            )
    return total


def score_bounds(a: DocArrays) -> np.ndarray:
    """For every token ``i`` of ``a``, a number ≥ ``score_at(a, i, quotes, s_start, s_end, q)``
    for any quotation regions, any sentence [s_start, s_end) holding ``i`` and either ``q``."""
    t = _tables()
    n = len(a.texts)
    if n == 0:
        return np.zeros(0, dtype=np.float64)
    one, pair, code = t.one_part, t.pair, t.code
    lemma = t.encode(a.lemma_lowers)
    pos = t.encode(a.pos)
    tag = t.encode(a.tags)
    dep = t.encode(a.deps)
    low = t.encode(a.lowers)
    ent = t.encode(a.ent_types)
    kind = np.where(ent == code(""), pos, ent)  # a.ent_types[k] or a.pos[k]
    heads = np.asarray(a.heads, dtype=np.intp)
    index = np.arange(n)
    true, false = code("True"), code("False")

    h_lemma = lemma[heads]
    total = one("lemma")[lemma] + one("pos")[pos] + one("tag")[tag] + one("dep")[dep]
    total += t.scalar.get("bias", 0.0)
    total += pair("lemma|pos", lemma, pos) + pair("lemma|dep", lemma, dep)
    total += pair("lemma|tag", lemma, tag)
    total += one("head")[h_lemma] + pair("dep|head", dep, h_lemma) + one("headpos")[pos[heads]]
    total += pair("dep|headdep", dep, dep[heads]) + pair("lemma|headpos", lemma, pos[heads])
    # Inside a quote, a quote in the sentence: the larger weight of each setting.
    quoted, in_sentence = one("quoted"), one("quote_in_sentence")
    total += max(quoted[true], quoted[false]) + max(in_sentence[true], in_sentence[false])
    total += np.maximum(pair("lemma|quoted", lemma, true), pair("lemma|quoted", lemma, false))
    # A closing mark within four tokens before: the sentence may start after it.
    closing = np.zeros(n, dtype=bool)
    for mark in _CLOSING:
        closing |= low == code(mark)
    seen = np.concatenate(([0], np.cumsum(closing)))
    mark_before = seen[index] - seen[np.maximum(index - 4, 0)] > 0
    after = one("after_quote")
    total += np.where(mark_before, max(after[true], after[false]), after[false])
    total += _neighbours(t, lemma, pos, low)
    # Children (in ascending order) and the tokens they belong to.
    child = np.nonzero(heads != index)[0]
    parent = heads[child]
    c_dep = dep[child]

    def kids(*labels: str) -> np.ndarray:
        found = c_dep == code(labels[0])
        for label in labels[1:]:
            found |= c_dep == code(label)
        return found

    def has(*labels: str) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        out[parent[kids(*labels)]] = True
        return out

    def first(*labels: str) -> tuple[np.ndarray, np.ndarray]:
        """(whether a token has such a child, its first one or 0)."""
        chosen = kids(*labels)
        found = np.full(n, n, dtype=np.intp)
        np.minimum.at(found, parent[chosen], child[chosen])
        at = found < n
        return at, np.where(at, found, 0)

    # Each distinct child dependency, preposition (particle, agent) and mark
    # ("that", "whether", "if" under a clausal complement), once.
    deps, preps, marks = t.child_sets
    total += deps.sums(n, parent, c_dep, lemma, pos)
    prep = kids(*_PREP_DEPS)
    total += preps.sums(n, parent[prep], low[child[prep]], lemma)
    is_ccomp = np.zeros(n, dtype=bool)
    is_ccomp[child[kids("ccomp")]] = True
    grand = is_ccomp[parent]  # children of a ccomp child: their grandparent's marks
    total += marks.sums(n, heads[parent[grand]], low[child[grand]], lemma)
    combo = np.zeros(n, dtype=np.intp)
    for bit, label in enumerate(_CLAUSAL):
        combo |= has(label).astype(np.intp) << bit
    names = [
        code("+".join(d for bit, d in enumerate(_CLAUSAL) if value >> bit & 1) or "none")
        for value in range(1 << len(_CLAUSAL))
    ]
    clausal = np.asarray(names, dtype=np.intp)[combo]
    total += one("clausal")[clausal] + pair("pos|clausal", pos, clausal)
    total += pair("lemma|clausal", lemma, clausal)
    subject = np.where(has(*_SUBJECT_DEPS), true, false)
    total += one("subject")[subject] + pair("lemma|subject", lemma, subject)
    at, s = first(*_SUBJECT_DEPS)
    total += np.where(
        at,
        one("subj")[kind[s]]
        + pair("lemma|subj", lemma, kind[s])
        + one("subjlemma")[lemma[s]]
        + one("subjdep")[dep[s]],
        0.0,
    )
    at, o = first("dobj")
    clause_under = has(*_OBJ_CLAUSE_DEPS)[o]
    total += np.where(
        at,
        pair("lemma|obj", lemma, lemma[o])
        + one("obj")[lemma[o]]
        + np.where(clause_under, t.scalar.get("obj_has_clause", 0.0), 0.0),
        0.0,
    )
    at, x = first("xcomp")
    total += np.where(at, pair("lemma|xcomp", lemma, lemma[x]) + one("xcomp")[lemma[x]], 0.0)
    total += pair("head|lemma", h_lemma, lemma)
    # Nouns: a possessor, a clause on the noun, the determiner.
    p_at, p = first("poss")
    d_at, d = first("det")
    noun = (
        one("noun|poss")[np.where(p_at, true, false)]
        + np.where(p_at, one("noun|posskind")[kind[p]], 0.0)
        + pair("noun|acl", lemma, np.where(has("acl", "ccomp"), true, false))
        + one("noun|det")[np.where(d_at, low[d], code("none"))]
    )
    total += np.where(pos == code("NOUN"), noun, 0.0)
    return total
