"""Times: every time expression, normalized to a TIMEX3 value.

Recognition: deterministic patterns (below) first, then spaCy DATE/TIME
entities they did not cover (normalized with the same patterns when the whole
entity is one, else kept with value None: recognized, not resolved).

Normalization is anchored on ``parsed.document.published`` only; the clock of
the machine running claimgraph is never read. Without an anchor, relative
expressions ("yesterday", "last week", "on Tuesday") get value None; absolute
ones still resolve, with unknown parts as X ("Feb. 5" -> "XXXX-02-05").

Direction of a bare weekday or a month-day without a year comes from the
governing verb: past tense points back from the anchor ("met on Tuesday": the
latest Tuesday on or before it), future or present ("will meet on Tuesday",
"meets on Tuesday", "is meeting on Tuesday") forward (the first Tuesday after
it); no verb to read: None rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import TimeType, TimeValue
from .time_values import (
    _MONTH,
    _NUMBER,
    _PRESENT,
    _UNIT,
    _UNIT_CODE,
    _WEEKDAY,
    Normalizer,
    _ago,
    _bare_year,
    _clock,
    _Context,
    _decade,
    _deictic_day,
    _dmy,
    _duration,
    _iso,
    _month_alone,
    _month_year,
    _past_future,
    _present,
    _quarter,
    _relative_unit,
    _season,
    _set_every,
    _set_word,
    _weekday,
)

# (pattern, normalizer). Where matches overlap the longest wins, so "5 February
# 2025" beats "February 2025" and "three days ago" beats "three days". A named
# group "t" marks the expression inside a wider context ("in 2023" -> "2023").
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS: tuple[tuple[re.Pattern[str], Normalizer], ...] = tuple(
    (re.compile(p, re.IGNORECASE), f)
    for p, f in (
        (
            rf"\b(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>\d{{4}}))?\b",
            _dmy,
        ),
        (
            rf"\b(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH})\s+{_DAY}(?!\d)"
            rf"(?:,?\s+(?P<year>\d{{4}})\b)?",
            _dmy,
        ),
        (
            rf"\b(?:in|since|until|till|by|from|during|before|after|through|of)\s+"
            rf"(?P<t>(?:(?:early|late|mid-?)\s*)?(?P<month>{_MONTH}))\b(?!\.?\s*\d)",
            _month_alone,
        ),
        (
            rf"\b(?P<t>(?:(?:early|late|mid-?)\s*)?(?P<which>last|this|next)\s+(?P<month>{_MONTH}))"
            rf"\b(?!\.?\s*\d)",
            _month_alone,
        ),
        (rf"\b(?P<month>{_MONTH})(?:\s+of)?,?\s+(?P<year>(?:1[89]|20)\d\d)\b", _month_year),
        (r"\b\d{4}-[01]\d-[0-3]\d\b", _iso),
        (
            r"\b(?:in|since|until|till|by|from|during|before|after|through|throughout|early|late"
            r"|mid-?)\s+(?P<t>(?P<year>(?:1[89]|20)\d\d))\b(?!-|\s*(?:%|percent|people))",
            _bare_year,
        ),
        (r"\b(?:the\s+)?(?P<year>(?:1[89]|20)\d0)s\b", _decade),
        (r"\b(?:yesterday|today|tomorrow)\b", _deictic_day),
        (
            r"\b(?:(?:earlier|later)\s+)?(?P<which>last|this|next|past|previous|coming)"
            r"\s+(?P<unit>week|month|year)\b",
            _relative_unit,
        ),
        (
            rf"\b(?:(?:on|by|since|until)\s+)?(?P<t>(?:(?P<which>last|next|this|coming)\s+)?"
            rf"(?P<weekday>{_WEEKDAY}))\b",
            _weekday,
        ),
        (rf"\b(?P<n>{_NUMBER})[\s-]+(?P<unit>{_UNIT})s?\s+ago\b", _ago),
        (
            rf"\b(?:the\s+)?(?:past|last|next|coming|first)\s+(?P<n>{_NUMBER})[\s-]+"
            rf"(?P<unit>{_UNIT})s?\b",
            _duration,
        ),
        (rf"\b(?P<n>{_NUMBER})[\s-]+(?P<unit>{_UNIT})s?\b(?![\s-]+old\b)", _duration),
        (
            r"\b(?:(?P<which>last|this|next)\s+)?(?P<season>spring|summer|autumn|winter|fall)"
            r"(?:\s+(?:of\s+)?(?P<year>(?:1[89]|20)\d\d)\b)?",
            _season,
        ),
        (
            r"\b(?:the\s+)?(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            r"[\s-]+(?:(?P<half>half)|quarter)|q(?P<q>[1-4]))"
            r"(?:\s+(?:of\s+)?(?P<this>this\s+year)?(?P<year>(?:1[89]|20)\d\d)?)?",
            _quarter,
        ),
        (rf"\b(?:every|each)\s+(?:(?P<weekday>{_WEEKDAY})|(?P<unit>{_UNIT}))\b", _set_every),
        (r"\b(?:daily|weekly|monthly|annually|yearly)\b", _set_word),
        (rf"\b(?:right\s+)?{_PRESENT}\b", _present),
        (r"\b(?:recently|the\s+(?:near\s+|distant\s+)?future|the\s+past)\b", _past_future),
        (
            r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*"
            r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)",
            _clock,
        ),
    )
)
# A season alone is too often not a time ("fall" the verb, "spring" the noun);
# with a year or "this/last/next" it is one.
_AMBIGUOUS_ALONE = frozenset({"fall", "spring", "summer", "winter", "autumn"})
# spaCy DATE entities that are ages, not times ("60 years old", "a 12-year-old").
_AGE = re.compile(r"\bold\b|-year-old", re.IGNORECASE)


def _tense(doc, start: int) -> str | None:
    """Tense of the verb governing the token at character ``start``.

    A non-finite verb ("after touring Dar es Salaam Thursday", "planned to
    leave on Thursday") passes the question up to the verb that governs it.
    """
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    for _ in range(10):  # the governing verb is a few arcs up in news syntax
        if token.pos_ in {"VERB", "AUX"}:
            auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
            tense = _verb_tense(token, auxes)
            if tense is not None or token.tag_ not in {"VBG", "VB"} or auxes:
                return tense
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(token, auxes) -> str | None:
    modals = {a.lower_ for a in auxes if a.tag_ == "MD"}
    if modals & {"would", "could", "might"}:
        # future in the past of reported speech ("said talks would resume on
        # Tuesday"): before or after the anchor, the parse cannot tell
        return None
    if modals:
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if token.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return "past"  # "has met", and participles: "a letter published Wednesday"
    if token.tag_ == "VBG" and any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
        return "future"  # "are meeting on Monday"
    if token.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        return "future"  # "plans to hold a news conference on Tuesday"
    # Present simple ("the figures as of Monday are") mostly is not a schedule.
    return None


def _anchor(published: str | None) -> dt.date | None:
    try:
        # "YYYY-MM-DD" by contract; a timestamp's date part is the same day
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _matches(text: str) -> list[tuple[int, int, re.Match[str], Normalizer]]:
    found = []
    for pattern, normalizer in _PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span("t") if "t" in pattern.groupindex and m["t"] else m.span()
            if m.group().lower() in _AMBIGUOUS_ALONE:
                continue
            if "month" in pattern.groupindex and m["month"][0].islower():
                continue  # "they may 5x", "march 10 miles": months are capitalized
            found.append((start, end, m, normalizer))
    return found


def _select(found):
    """Non-overlapping matches, longest first."""
    chosen: list = []
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(item[1] <= c[0] or c[1] <= item[0] for c in chosen):
            chosen.append(item)
    return chosen


def _vague(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DURATION", f"PX{_UNIT_CODE[m['unit'].lower()]}".replace("PXT", "PTX")


# Only when a spaCy DATE entity is exactly this: alone, "2023" or "January"
# in running text is too often a number or a name.
_WHOLE: tuple[tuple[re.Pattern[str], Normalizer], ...] = tuple(
    (re.compile(p, re.IGNORECASE), f)
    for p, f in (
        (r"(?:fiscal\s+)?(?P<year>(?:1[89]|20)\d\d)", _bare_year),
        (rf"(?:(?:early|late|mid-?)\s*)?(?P<month>{_MONTH})", _month_alone),
        (rf"(?:recent|several|many|some|few|the\s+past|past)?\s*(?P<unit>{_UNIT})s", _vague),
    )
)


def normalize(text: str, anchor: dt.date | None, tense: str | None = None) -> TimeValue | None:
    """Normalize a whole expression on its own (no parse), or None if no pattern fits it all."""
    ctx = _Context(anchor, tense)
    stripped = re.sub(r"^(?:the|on|in)\s+", "", text.strip(), flags=re.IGNORECASE)
    for pattern, normalizer in _PATTERNS + _WHOLE:
        m = pattern.fullmatch(stripped)
        if m:
            kind, value = normalizer(m, ctx)
            return TimeValue((0, len(text)), text, kind, value)
    return None


def times(parsed) -> tuple[TimeValue, ...]:
    """Every time expression of the document, in text order."""
    text = parsed.text
    doc = parsed.doc
    anchor = _anchor(parsed.document.published)
    out: list[TimeValue] = []
    taken: list[tuple[int, int]] = []
    for start, end, m, normalizer in _select(_matches(text)):
        kind, value = normalizer(m, _Context(anchor, _tense(doc, start)))
        out.append(TimeValue((start, end), text[start:end], kind, value))
        taken.append((start, end))
    for ent in doc.ents:
        if ent.label_ not in {"DATE", "TIME"} or _AGE.search(ent.text):
            continue
        if not re.search(r"[^\W\d_]", ent.text) and not re.fullmatch(r"(?:1[89]|20)\d\d", ent.text):
            continue  # "44", "80486": numbers the model took for dates
        start, end = ent.start_char, ent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(s < end and start < e for s, e in taken):
            continue
        found = normalize(text[start:end], anchor, _tense(doc, start))
        kind: TimeType = found.type if found else ent.label_  # type: ignore[assignment]
        out.append(TimeValue((start, end), text[start:end], kind, found.value if found else None))
    return tuple(sorted(out, key=lambda t: t.span))
