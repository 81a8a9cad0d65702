"""Whether two coded events, from two documents, report one real-world event.

Pure functions over :class:`EventProfile`, a flat view of one stored event
with what cross-document matching needs: its type, when it happened (a day
window), where (a point with a precision, a country), who (actor name keys
and countries) and the words of its sentence. The store
(:mod:`claimgraph.store.corroboration`) fetches candidate profiles by type and
date window through an index and asks :func:`match_score` about each, so a new
article costs time in proportion to its candidates, not to the corpus.

A match needs the same PLOVER type, overlapping day windows, no conflict of
place or actors, and positive evidence beyond type and date: a shared actor,
or the same place with shared words. Negated events match like actual ones
(that is how a denial meets the claim it denies); future, hypothetical and
generic events are not clustered at all (:data:`CLUSTERED_REALIS`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .names import name_key, same_person

# Events that (are said to) have happened, or are said not to have: a planned
# or conditional event is not the same thing as one reported to have occurred.
CLUSTERED_REALIS = frozenset({"actual", "negated"})

# An undated event reported in an article happened shortly before it was
# published: news reports the last few days. The window is a blocking aid,
# never stored as the event's date (the event keeps ``date_precision`` unknown).
UNDATED_WINDOW_DAYS = 3
# Day windows wider than a month (a year-precision date) say too little to put
# two reports together; such events stay in clusters of their own.
MAX_WINDOW_DAYS = 31
# One day of slack on each side: time zones, "overnight", and "yesterday" in
# a piece written late and published the next morning.
SLACK_DAYS = 1

# Distance within which two places count as the same location, by the coarser
# precision of the two (km). A city's events happen anywhere in its metro area
# (Karachi's port is 15 km from its centre point); an admin1 point is a
# representative point of a region a few hundred km across.
RADIUS_KM = {"point": 25.0, "city": 50.0, "admin2": 100.0, "admin1": 400.0}
_PRECISION_ORDER = ("point", "city", "admin2", "admin1", "country", "region")

# Minimum share of the smaller sentence's content words that two reports
# without a shared actor must have in common, besides the place: two reports
# of one strike in one city share "strike", "port", "dockworkers"...; two
# different events of one type in one city on one day rarely share a third.
# Checked on the sample corpus (strike reports: 0.25-0.45) and ECB+ style
# same-day pairs; see tests/test_corroboration.py.
MIN_WORD_OVERLAP = 0.2

_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "during",
        "since",
        "until",
        "while",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "it's",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "not",
        "no",
        "nor",
        "so",
        "such",
        "also",
        "very",
        "more",
        "most",
        "some",
        "any",
        "all",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "mr",
        "mrs",
        "ms",
        "dr",
        "yesterday",
        "today",
        "tomorrow",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "morning",
        "afternoon",
        "evening",
        "night",
        "week",
        "month",
        "year",
    ]
)


# Bounded, so a long-running ingest does not grow with the corpus (issue 7):
# a document's sentences, claims and name tokens plus the texts of its
# statement candidates (at most MAX_STATEMENT_CANDIDATES per claim, in
# practice tens) are some hundreds to a few thousand entries; 212 generated
# and example articles left 5,092 distinct texts in all. About 0.4 KB each.
@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words with a crude English suffix strip ("strikes" →
    "strike", "injured" → "injur"): enough to compare two reports' wording."""
    out = set()
    for word in _WORD.findall(text.casefold().replace("’", "'")):
        word = word.removesuffix("'s")
        if len(word) < 3 or word in _STOP:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class EventActor:
    name: str
    type: str  # person, organization, state, group, document
    country: str | None


@dataclass(frozen=True, slots=True)
class EventProfile:
    """One stored event, flattened for matching."""

    document_id: str
    claim_id: str
    family_id: str  # the document's syndication family
    type: str
    realis: str
    day_min: date
    day_max: date
    actors: tuple[EventActor, ...] = ()
    lat: float | None = None
    lon: float | None = None
    place_precision: str | None = None
    country: str | None = None  # the place's country
    words: frozenset[str] = frozenset()


def day_window(
    date_min: str | None, date_max: str | None, published: str | None
) -> tuple[date, date] | None:
    """The days an event may have happened on, or None when too vague to cluster.

    A dated event: its date's bounds. An undated one: the few days up to its
    article's publication (:data:`UNDATED_WINDOW_DAYS`). No date and no
    publication date, or a window over :data:`MAX_WINDOW_DAYS`: None.
    """
    try:
        if date_min and date_max:
            low, high = date.fromisoformat(date_min), date.fromisoformat(date_max)
        elif published:
            high = date.fromisoformat(published[:10])
            low = high - timedelta(days=UNDATED_WINDOW_DAYS)
        else:
            return None
    except ValueError:
        return None
    if (high - low).days > MAX_WINDOW_DAYS:
        return None
    return low, high


def search_window(low: date, high: date) -> tuple[date, date]:
    """The range a candidate's ``day_min`` must fall in to overlap ``[low, high]``.

    A candidate window is at most :data:`MAX_WINDOW_DAYS` long, so its start
    lies at most that far before ``low``: an indexed range scan finds them all.
    """
    return (
        low - timedelta(days=MAX_WINDOW_DAYS + SLACK_DAYS),
        high + timedelta(days=SLACK_DAYS),
    )


def _overlap(a: EventProfile, b: EventProfile) -> bool:
    slack = timedelta(days=SLACK_DAYS)
    return a.day_min <= b.day_max + slack and b.day_min <= a.day_max + slack


def _km(a: EventProfile, b: EventProfile) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _coarser(a: str | None, b: str | None) -> str:
    ranks = [_PRECISION_ORDER.index(p) if p in _PRECISION_ORDER else 5 for p in (a, b)]
    return _PRECISION_ORDER[max(ranks)]


def place_agreement(a: EventProfile, b: EventProfile) -> bool | None:
    """True: same location; False: different; None: one of them has no place."""
    if a.country and b.country and a.country != b.country:
        return False
    if a.lat is None or b.lat is None:
        return None
    radius = RADIUS_KM.get(_coarser(a.place_precision, b.place_precision))
    if radius is None:  # country or region precision: same country is all we know
        return None
    return _km(a, b) <= radius


def _same_actor(a: EventActor, b: EventActor) -> bool:
    if a.type == "person" and b.type == "person":
        return name_key(a.name) == name_key(b.name) and same_person(a.name, b.name)
    return content_words(a.name) == content_words(b.name) and bool(content_words(a.name))


def actor_agreement(a: EventProfile, b: EventProfile) -> bool | None:
    """True: an actor in common; False: both name state actors of different
    countries and nothing in common; None: no evidence either way."""
    if not a.actors or not b.actors:
        return None
    if any(_same_actor(x, y) for x in a.actors for y in b.actors):
        return True
    countries_a = {x.country for x in a.actors if x.country}
    countries_b = {y.country for y in b.actors if y.country}
    if countries_a and countries_b and not countries_a & countries_b:
        return False
    return None


def word_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared words over the smaller set (overlap coefficient)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def match_score(a: EventProfile, b: EventProfile) -> float | None:
    """How well two events match (higher is better), or None when they cannot
    be one event."""
    if a.type != b.type or not _overlap(a, b):
        return None
    if a.realis not in CLUSTERED_REALIS or b.realis not in CLUSTERED_REALIS:
        return None
    place = place_agreement(a, b)
    actors = actor_agreement(a, b)
    if place is False or actors is False:
        return None
    overlap = word_overlap(a.words, b.words)
    if actors is True:
        return 2.0 + overlap + (place is True)
    if place is True and overlap >= MIN_WORD_OVERLAP:
        return 1.0 + overlap
    return None
