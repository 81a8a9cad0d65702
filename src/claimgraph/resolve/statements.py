"""Whether two claims from two documents make the same statement, or contradict.

Pure functions over :class:`StatementProfile` (a claim's words, its named
"anchor" words, its certainty and when it was published). The store finds
candidates through an index of anchor words within a news-cycle window
(:data:`WINDOW_DAYS`) and asks :func:`compare` about each pair.

Two kinds of contradiction are recognized, both between claims that share a
named anchor (a place, a person, an organization written with a capital) and
enough wording to be about the same thing:

* **negation**: a word both claims use is negated in one and not in the other
  ("no one was injured" against "12 people were injured");
* **quantity**: the same counted thing with numbers that cannot both be true
  ("at least 12 people" against "3 people"; "at least a dozen" agrees with
  "at least 12").

Claims that are opinions, questions, hypotheticals or predictions contradict
nothing: "the port would hire workers if the strike lasted" does not clash
with "the port had not hired any workers".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .event_match import content_words

# Certainties whose claims state that something is (or is not) so.
FACTUAL = frozenset({"asserted", "reported", "hedged", "negated", "inferred"})
# Reports of one statement or its denial arrive within a news cycle or two; the
# window bounds the candidate search (documented in docs/architecture.md).
WINDOW_DAYS = 14
# Share of the smaller claim's content words two claims must have in common to
# be about the same thing (overlap coefficient). 0.3: the sample corpus's
# injury claim and its denial share 0.36 of the shorter one's words; unrelated
# claims about one strike in one city share under 0.25 (tests/test_corroboration.py).
MIN_TOPIC_OVERLAP = 0.3
# Two claims are one statement (a corroboration) when they share this share of
# the smaller claim's words and at least MIN_SHARED_WORDS of them: reworded
# reports of one statement keep most of their content words.
SAME_STATEMENT_OVERLAP = 0.6
MIN_SHARED_WORDS = 4
# How far (in words) after a negator its scope reaches: "no one was injured",
# "did not immediately meet", "denied meeting".
NEGATION_SCOPE = 4

_TOKEN = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_NEGATORS = frozenset(
    [
        "no",
        "not",
        "never",
        "nobody",
        "none",
        "nothing",
        "neither",
        "nor",
        "without",
        "deny",
        "denies",
        "denied",
        "denying",
        "n't",
        "cannot",
    ]
)
_TIME_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}
_QUANTITY = re.compile(
    r"(?P<bound>at least|more than|over|at most|up to|about|around|nearly|almost|some)?\s*"
    r"(?:a\s+)?(?P<n>\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s+(?P<noun>[a-z]{3,})",
    re.I,
)
_ZERO = re.compile(r"\b(?:no one|nobody|none)\b", re.I)
# "about 12": ±20%, the usual slack of a rounded figure in news copy.
ROUNDING = 0.2


@dataclass(frozen=True, slots=True)
class StatementProfile:
    document_id: str
    claim_id: str
    family_id: str
    certainty: str
    text: str
    published: date | None = None
    # When the claim says it happened: its event's date, else a date written
    # in the claim ("this week"); None: only the publication dates are compared.
    window: tuple[date, date] | None = None
    # Named words of the claim's sentence (its source's name included: "X
    # denied meeting them" is about X); empty: taken from ``text``.
    names: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Comparison:
    same_statement: bool
    contradiction: str | None  # "negation" | "quantity" | None
    detail: str = ""


# Bounded (issue 7: the ingest process must not grow with the corpus). Called
# on one document's sentences and claims, so reuse is within a document
# (hundreds of texts); 1,247 hits in 8,894 calls over 212 articles.
@lru_cache(maxsize=1024)
def anchors(text: str) -> frozenset[str]:
    """Capitalized words after the first token (names of people, places,
    organizations), stemmed like :func:`content_words`; months and weekdays excluded."""
    tokens = _TOKEN.findall(text)
    out: set[str] = set()
    for token in tokens[1:]:
        if token[:1].isupper() and token.casefold() not in _TIME_WORDS:
            out |= content_words(token)
    return frozenset(out)


def negated_words(text: str) -> frozenset[str]:
    """Content words in the scope of a negator ("no one was *injured*")."""
    tokens = [t.casefold().replace("’", "'") for t in _TOKEN.findall(text)]
    out: set[str] = set()
    for i, token in enumerate(tokens):
        if token in _NEGATORS or token.endswith("n't"):
            for word in tokens[i + 1 : i + 1 + NEGATION_SCOPE]:
                out |= content_words(word)
    return frozenset(out)


def _number(text: str) -> float | None:
    text = text.casefold().replace(",", "")
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def quantities(text: str) -> dict[str, tuple[float, float]]:
    """Counted things and the range each count allows: "at least 12 people" →
    {"people": (12, inf)}; "no one" → {"people": (0, 0)}."""
    return dict(_wording(text).counts)


def _quantities(text: str) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for match in _QUANTITY.finditer(text):
        n = _number(match["n"])
        if n is None:
            continue
        bound = (match["bound"] or "").casefold()
        if bound in ("at least", "more than", "over"):
            low, high = n, float("inf")
        elif bound in ("at most", "up to"):
            low, high = 0.0, n
        elif bound in ("about", "around", "nearly", "almost", "some"):
            low, high = n * (1 - ROUNDING), n * (1 + ROUNDING)
        else:
            low, high = n, n
        for noun in content_words(match["noun"]):
            out[noun] = (low, high)
    if _ZERO.search(text):
        out.setdefault("people", (0.0, 0.0))
    return out


@dataclass(frozen=True, slots=True)
class _Wording:
    """What :func:`compare` reads from a claim's text, derived once per text."""

    words: frozenset[str]  # content_words
    negated: frozenset[str]  # negated_words
    counts: dict[str, tuple[float, float]]  # quantities; read only, the object is shared


# Bounded (issue 7), like content_words: the texts of one document's claims
# and of their statement candidates (at most MAX_STATEMENT_CANDIDATES per
# claim), which recur across the documents of a news cycle. A new claim is
# compared with tens of candidates and a candidate with many of the new
# document's claims, so each side's regexes ran once per pair before.
# 8,192 like content_words (whose word sets these entries share): bench_add's
# 100 articles on a 5,000-article store bring 7,694 distinct texts to compare.
@lru_cache(maxsize=8192)
def _wording(text: str) -> _Wording:
    return _Wording(content_words(text), negated_words(text), _quantities(text))


def _negated(claim: StatementProfile, wording: _Wording) -> frozenset[str]:
    """Words a claim negates: in a negator's scope, or all of them when the
    negation is outside the claim's text ("X denied [meeting the leaders]")."""
    if not wording.negated and claim.certainty == "negated":
        return wording.words
    return wording.negated


def _time_compatible(a: StatementProfile, b: StatementProfile) -> bool:
    if a.window and b.window:
        return a.window[0] <= b.window[1] and b.window[0] <= a.window[1]
    if a.published and b.published:
        return abs((a.published - b.published).days) <= WINDOW_DAYS
    return True


def topic_overlap(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    """Share of the smaller word set the two have in common (overlap coefficient)."""
    return len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))


def may_relate(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """False proves :func:`compare` of two claims with these content words is
    None: every non-None result passes its ``topic_overlap`` test, the same
    expression on the same sets. A cheap gate for the store, which holds each
    candidate's words already (most candidates share a name, not a topic)."""
    return topic_overlap(words_a, words_b) >= MIN_TOPIC_OVERLAP


def compare(a: StatementProfile, b: StatementProfile) -> Comparison | None:
    """Same statement, contradiction, or None (unrelated).

    Copies of one story (the same family) can be one statement but never
    contradict each other: a correction between copies is one source's.
    """
    if not _time_compatible(a, b):
        return None
    shared_anchors = (a.names or anchors(a.text)) & (b.names or anchors(b.text))
    if not shared_anchors:
        return None
    wording_a, wording_b = _wording(a.text), _wording(b.text)
    words_a, words_b = wording_a.words, wording_b.words
    overlap = topic_overlap(words_a, words_b)
    if overlap < MIN_TOPIC_OVERLAP:
        return None
    shared = words_a & words_b
    # A word that is about the event, not a name: "injur", "meet", "arrest".
    neg_a, neg_b = _negated(a, wording_a), _negated(b, wording_b)
    flipped = sorted(w for w in shared - shared_anchors if (w in neg_a) != (w in neg_b))
    qa, qb = wording_a.counts, wording_b.counts
    clashing = sorted(
        noun for noun in set(qa) & set(qb) if qa[noun][1] < qb[noun][0] or qb[noun][1] < qa[noun][0]
    )
    factual = a.certainty in FACTUAL and b.certainty in FACTUAL
    if flipped or clashing:
        if factual and a.family_id != b.family_id:
            kind, detail = ("negation", flipped[0]) if flipped else ("quantity", clashing[0])
            whole = [
                x
                for x, wording in ((a, wording_a), (b, wording_b))
                if x.certainty == "negated" and not wording.negated
            ]
            if flipped and whole:  # negated by its cue ("denied"), not by a word inside
                detail = "the whole claim"
            return Comparison(False, kind, detail)
        return None
    same = (
        overlap >= SAME_STATEMENT_OVERLAP
        and len(shared) >= MIN_SHARED_WORDS
        and (a.certainty in FACTUAL) == (b.certainty in FACTUAL)
    )
    return Comparison(True, None) if same else None
