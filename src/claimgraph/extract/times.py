"""Times: every time expression, normalized to a TIMEX3 value.

Recognition: deterministic patterns (below; the value of each comes from a
normalizer in :mod:`claimgraph.extract.time_values`) first, then spaCy
DATE/TIME entities they did not cover, normalized with the same patterns when
the whole entity is one (after peeling modifiers: "the end of 1990" -> 1990).
An entity left unresolved is kept (value None: recognized, not resolved) only
when it names a year, a month or a weekday; vague words alone are dropped.

Normalization is anchored on ``parsed.document.published`` only; the clock of
the machine running claimgraph is never read. Without an anchor, relative
expressions ("yesterday", "last week", "on Tuesday") get value None; absolute
ones still resolve, with unknown parts as X ("Feb. 5" -> "XXXX-02-05").

Direction of a bare weekday comes from the governing verb: past tense points
back from the anchor ("met on Tuesday": the latest Tuesday on or before it),
future ("will meet on Tuesday", "is meeting on Monday", "could come as soon as
Tuesday") forward; with no tense to read, back (news reports the week behind
it). A month-day without a year takes the candidate nearest the anchor when
it lies within a quarter of it, else the verb's direction. In a results story
(one that names a quarter) "a year ago", "the latest period" and the like are
quarters, as TimeBank annotates them. Measured by ``claimgraph eval time`` on
TempEval-3 TimeBank + AQUAINT (:mod:`claimgraph.evaluate.time`).
"""

from __future__ import annotations

import datetime as dt
import re

from ..records import TimeType, TimeValue
from . import doc_ents
from .time_values import (
    _MONTH,
    _NUMBER,
    _PART,
    _PRESENT,
    _SPELLED_1900S,
    _SPELLED_YEAR,
    _UNIT,
    _UNIT_CODE,
    _WEEKDAY,
    _YEAR,
    Normalizer,
    _ago,
    _anchor_year,
    _bare_year,
    _century,
    _clock,
    _Context,
    _decade,
    _decade_word,
    _deictic_day,
    _dmy,
    _duration,
    _holiday,
    _iso,
    _month_alone,
    _month_of_year,
    _month_year,
    _part_alone,
    _past_future,
    _period_ended,
    _present,
    _present_word,
    _quarter,
    _relative_unit,
    _reporting,
    _season,
    _set_every,
    _set_word,
    _weekday,
    _weekend,
)

# (pattern, normalizer). Where matches overlap the longest wins, so "5 February
# 2025" beats "February 2025" and "three days ago" beats "three days". A named
# group "t" marks the expression inside a wider context ("in 2023" -> "2023").
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS: tuple[tuple[re.Pattern[str], Normalizer], ...] = tuple(
    (re.compile(p, re.IGNORECASE), f)
    for p, f in (
        (
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})"
            rf"(?:,?\s+(?P<year>\d{{4}}))?\b",
            _dmy,
        ),
        (
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<month>{_MONTH})\s+{_DAY}(?!\d)"
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
        (rf"\b(?P<month>{_MONTH})(?:\s+of)?,?\s+(?P<year>{_YEAR})\b", _month_year),
        (rf"\b(?P<month>{_MONTH})\s+(?P<which>last|this|next)\s+year\b", _month_of_year),
        (r"\b\d{4}-[01]\d-[0-3]\d\b", _iso),
        (
            r"\b(?:in|since|until|till|by|from|during|before|after|through|throughout|early|late"
            r"|between|mid-?)\s+(?P<t>(?P<year>(?:1[89]|20)\d\d))\b(?!-|\s*(?:%|percent|people))",
            _bare_year,
        ),
        (
            # the second year of a range or list: "between 1994 and 1997", "1994, 1995"
            r"(?<=\d\d\d\d)(?:\s+(?:and|to|through|or)|,)\s+(?P<t>(?P<year>(?:1[89]|20)\d\d))\b"
            r"(?!-|\s*(?:%|percent|people))",
            _bare_year,
        ),
        (r"\b(?:the\s+)?(?P<year>(?:1[89]|20)\d0)s\b", _decade),
        (r"\b(?:the\s+)?year\s+(?P<year>" + _SPELLED_YEAR + r")\b", _bare_year),
        (rf"\b(?P<year>{_SPELLED_1900S})\b", _bare_year),
        (
            rf"\b(?:(?:early|late|later|earlier)\s+)?(?P<day>yesterday|today|tomorrow)"
            rf"(?:\s+(?P<part>{_PART}))?\b",
            _deictic_day,
        ),
        (
            rf"\b(?:(?:early|late|mid)(?:-|\s+))?(?P<part>{_PART})\s+"
            r"(?P<day>yesterday|today|tomorrow)\b",
            _deictic_day,
        ),
        (
            r"\b(?:(?:early|late|later|earlier)\s+)?(?:(?P<day>this)\s+"
            r"(?P<part>morning|afternoon|evening)|(?P<night>tonight|last\s+night))\b",
            _deictic_day,
        ),
        (
            r"\bthe\s+(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)\b"
            r"|\b(?:the\s+)?(?:comparable\s+|same\s+)?year[-\s](?:ago|earlier)"
            r"(?:\s+(?:(?:first|second|third|fourth)[\s-]+)?(?:quarter|period))?\b",
            _reporting,
        ),
        (
            r"\b(?:(?:the\s+)?(?:latest|last|current|this|most\s+recent|recent|just[-\s]ended)"
            r"\s+(?:fiscal\s+)?(?:quarter|period)|the\s+quarter)"
            r"\b(?!ly|\s+of\b|[\s-]+(?:century|mile|point))",
            _reporting,
        ),
        (
            # "the 1988 period", "last year's quarter", "the same period last year"
            r"\b(?:the\s+)?(?P<year>(?:1[89]|20)\d\d)\s+(?:period|quarter)\b"
            r"|\blast\s+year'?s\s+(?:period|quarter)\b"
            r"|\b(?:the\s+)?(?:corresponding|comparable|same)\s+(?:period|quarter)"
            r"\s+(?:of\s+)?last\s+year\b",
            _reporting,
        ),
        (r"\b(?P<t>(?:the\s+)?(?:fiscal\s+)?year)\s+end(?:ed|ing)\b", _period_ended),
        (
            # "the first nine months of the year": the anchor's year
            r"\b(?:of|in)\s+(?P<t>the\s+year)\b(?![-\s]+(?:ago|earlier|before|end|two|nineteen|\d))",
            _anchor_year,
        ),
        (
            r"\b(?:the\s+(?:current|full)\s+(?:fiscal\s+)?year|(?:earlier|later)\s+in\s+the\s+year)\b",
            _anchor_year,
        ),
        (
            r"\b(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<word>nineteenth|twentieth"
            r"|twenty[-\s]first))\s+century\b",
            _century,
        ),
        (
            r"\b(?:(?:earlier|later)\s+)?(?P<which>last|this|next|past|previous|coming)"
            r"\s+(?P<unit>week|month|year)\b",
            _relative_unit,
        ),
        (
            rf"\b(?:(?:on|by|since|until|as\s+(?P<soon>early|soon)\s+as)\s+)?"
            rf"(?P<t>(?:(?P<which>last|next|this|coming)\s+)?"
            rf"(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?)\b",
            _weekday,
        ),
        (rf"\b(?P<n>{_NUMBER})[\s-]+(?P<unit>{_UNIT})s?\s+(?:ago|earlier)\b", _ago),
        (rf"\b(?:(?P<n>many|some)\s+)?(?P<unit>{_UNIT})s\s+ago\b", _ago),
        (
            rf"\b(?:the\s+)?(?:past|last|next|coming|first)\s+(?P<n>{_NUMBER})[\s-]+"
            rf"(?P<unit>{_UNIT})s?\b",
            _duration,
        ),
        (rf"\b(?P<n>{_NUMBER})[\s-]+(?P<unit>{_UNIT})s?\b(?![\s-]+old\b)", _duration),
        (
            r"\b(?:(?P<which>last|this|next)\s+)?(?P<season>spring|summer|autumn|winter|fall)"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})\b)?",
            _season,
        ),
        (
            r"\b(?:the\s+)?(?:(?P<year0>(?:1[89]|20)\d\d)\s+)?"
            r"(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
            r"[\s-]+(?:(?P<half>half)|quarter)|q(?P<q>[1-4]))"
            r"(?:\s+(?:of\s+)?(?P<this>this\s+year)?(?P<year>(?:1[89]|20)\d\d)?)?",
            _quarter,
        ),
        (rf"\b(?:every|each)\s+(?:(?P<weekday>{_WEEKDAY})|(?P<unit>{_UNIT}))\b", _set_every),
        (r"\b(?:hourly|daily|weekly|monthly|annually|yearly)\b", _set_word),
        (rf"\b(?:right\s+)?{_PRESENT}\b", _present),
        (r"\b(?:recently|the\s+(?:near\s+|distant\s+)?future|the\s+past)\b", _past_future),
        (
            r"\b(?:(?P<which>last|next|this)\s+)?(?P<holiday>Thanksgiving(?:\s+Day)?|Christmas"
            r"(?:\s+Day|\s+Eve)?|New\s+Year's\s+(?:Day|Eve)|Election\s+Day|Independence\s+Day"
            r"|Halloween|Labor\s+Day|Memorial\s+Day|Easter)\b",
            _holiday,
        ),
        (r"\b(?P<named>noon|midnight)\b", _clock),
        (
            r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?\s*"
            r"(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)",
            _clock,
        ),
    )
)
# Words one of which every match of a pattern contains, per pattern of
# _PATTERNS in order (a tuple of groups: each group needs one of its words).
# Scanning a 700-word article with all the patterns took ~10 ms, most of it
# patterns that cannot match there; a substring test on the case-folded text
# skips them with the same result (tests/test_times.py checks every group
# against every match of the test texts). None: no cheap test.
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_UNIT_WORDS = ("minute", "hour", "day", "week", "month", "quarter", "year", "decade", "century")
_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NEEDS: tuple[tuple[tuple[str, ...], ...] | None, ...] = (
    (_MONTH_WORDS,),  # day month
    (_MONTH_WORDS,),  # month day
    (_MONTH_WORDS,),  # in month
    (_MONTH_WORDS,),  # last month-name
    (_MONTH_WORDS,),  # month year
    (_MONTH_WORDS, ("year",)),  # month last year
    None,  # ISO date
    None,  # in 1990
    None,  # 1994 and 1997
    (("0s",),),  # the 1990s
    (("year",), ("nineteen", "eighteen", "thousand")),  # the year nineteen ninety
    (("nineteen", "eighteen"),),  # nineteen ninety
    (("yesterday", "today", "tomorrow"),),
    (("yesterday", "today", "tomorrow"),),
    (("night", "morning", "afternoon", "evening"),),  # this morning, tonight
    (("year",),),  # a year ago
    (("quarter", "period"),),  # the latest quarter
    (("quarter", "period"),),  # the 1988 period
    (("year",), ("end",)),  # year ended
    (("year",),),  # of the year
    (("year",),),  # the current year
    (("century",),),
    (("week", "month", "year"),),  # last week
    (_WEEKDAY_WORDS,),
    (("ago", "earlier"), _UNIT_WORDS),  # three days ago
    (("ago",),),  # years ago
    (_UNIT_WORDS,),  # the past three days
    (_UNIT_WORDS,),  # three days
    (("spring", "summer", "autumn", "winter", "fall"),),
    (("half", "quarter", "q1", "q2", "q3", "q4"),),  # third quarter, Q3
    (("every", "each"),),
    (("hourly", "daily", "weekly", "monthly", "annually", "yearly"),),
    (("now", "currently", "present", "moment"),),
    (("recently", "future", "past"),),
    (
        (
            "thanksgiving",
            "christmas",
            "year",
            "election",
            "independence",
            "halloween",
            "labor",
            "memorial",
            "easter",
        ),
    ),
    (("noon", "midnight"),),
    (("am", "pm", "a.m.", "p.m."),),
)
assert len(_NEEDS) == len(_PATTERNS), "one _NEEDS entry per pattern of _PATTERNS"


def folded(text: str) -> str:
    """``text`` lowered so that a pattern compiled with IGNORECASE can only
    match where its lower-case literal words occur in it.

    re.IGNORECASE also matches "i" with "İ" and "ı" and "s" with "ſ" (checked
    over all of Unicode), which ``str.lower`` leaves alone or expands ("İ" →
    "i̇"); they are mapped first. (``str.translate`` did the same 20x slower.)
    """
    return text.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


def _possible(needs: tuple[tuple[str, ...], ...] | None, lowered: str) -> bool:
    return needs is None or all(any(w in lowered for w in group) for group in needs)


def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` in lower case without IGNORECASE, to scan :func:`folded` text.

    The patterns' classes hold digits, spaces and hyphens only and their
    escapes are lower case (tests/test_times.py checks both), so on folded
    text this matches exactly where ``pattern`` matches the original, ~2x
    faster (case-insensitive literals cost the regex engine a case mapping
    per character tried). Group syntax keeps its capital: ``(?P<name>``.
    """
    source = re.sub(r"\(\?p([<=])", r"(?P\1", pattern.pattern.lower())
    return re.compile(source)


_SCANS = tuple(_case_sensitive(pattern) for pattern, _ in _PATTERNS)


def _finditer(pattern: re.Pattern[str], scan: re.Pattern[str], text: str, lowered: str):
    """``pattern.finditer(text)``: where ``scan`` matches the folded text, the
    match of ``pattern`` on the original text at the same place."""
    if len(lowered) != len(text):  # cannot happen after folded(); then no shortcut
        return list(pattern.finditer(text))
    found = []
    for hit in scan.finditer(lowered):
        m = pattern.match(text, hit.start())
        if m is None or m.end() != hit.end():  # not the same match: no shortcut
            return list(pattern.finditer(text))
        found.append(m)
    return found


# A season alone is too often not a time ("fall" the verb, "spring" the noun);
# with a year or "this/last/next" it is one.
_AMBIGUOUS_ALONE = frozenset({"fall", "spring", "summer", "winter", "autumn"})
# spaCy DATE entities that are ages, not times ("60 years old", "a 12-year-old").
_AGE = re.compile(r"\bold\b|-year-old", re.IGNORECASE)


# Verbs whose infinitive complement lies ahead of them ("plans to meet Tuesday",
# "is to resume trading Tuesday").
_PLANNING = frozenset(
    {"plan", "schedule", "expect", "intend", "hope", "aim", "want", "prepare", "set", "vow", "be"}
)
# An amount just before "a year"/"a week" makes it a rate ("$5 million a year").
# 20 characters: the one to three words between amount and unit ("four
# flights a week", "$2 million in interest a year") without reaching back
# into the previous clause.
_RATE = re.compile(
    r"(?:\d|\$|\b(?:million|billion|percent|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|dozen|hundred|thousand))[^\d.;,]{0,20}$",
    re.IGNORECASE,
)
# A document about quarterly results (see _Context.quarterly).
_QUARTERLY = re.compile(
    r"\b(?:first|second|third|fourth|1st|2nd|3rd|4th|latest|the)[\s-]+quarter\b", re.IGNORECASE
)
# A clock time and a date beside it ("9 a.m. EST Tuesday", "Nov. 6, at 5 p.m.").
_CLOCK_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)(T\d\d:\d\d)")
_CLOCK_THEN_DATE = re.compile(r"\s*(?:(?:[ECMP][SD]T|GMT|UTC)\b)?\s*,?\s*(?:on\s+)?")
_DATE_THEN_CLOCK = re.compile(r"\s*,?\s*(?:at\s+)?")
_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# Words around a time expression that do not change its value ("the end of
# 1990" is 1990 in TimeML, "almost two years ago" two years ago).
_MODIFIER = re.compile(
    r"^(?:(?:the\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder)\s+of\s+(?:the\s+)?"
    r"|(?:early|late|mid)(?:-|\s+)|(?:around|about|nearly|almost|approximately|roughly|some|only|just"
    r"|more\s+than|less\s+than|no\s+more\s+than|at\s+least|at\s+most|over|under|up\s+to"
    r"|within|this\s+past)\s+)",
    re.IGNORECASE,
)


def _tense(doc, start: int) -> str | None:
    """Tense of the verb governing the token at character ``start``.

    A non-finite verb ("after touring Dar es Salaam Thursday", "planned to
    leave on Thursday") passes the question up to the verb that governs it.
    """
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[0]
    if token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS":
        return None  # "Wednesday's ruling": a date named in passing, not the verb's time
    if token.i > 0 and doc[token.i - 1].lower_ == "effective":
        return "future"  # "effective Feb. 1"
    for _ in range(10):  # the governing verb is a few arcs up in news syntax
        if token.tag_ == "VB" and any(c.tag_ == "TO" for c in token.children):
            # "declined to comment Saturday" is past, "plans to meet Tuesday" future:
            # an infinitive takes its time from the verb it completes.
            if token.head.lemma_ in _PLANNING:
                return "future"
            if token.head is not token:
                token = token.head
                continue
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
        # Future in the past of reported speech ("said talks would resume on
        # Tuesday", "could come as early as Tuesday") mostly still lies ahead
        # of the report; negated, it reports a past refusal ("could not be
        # reached Friday", "would not comment Tuesday").
        negated = any(c.dep_ == "neg" for c in token.children)
        return None if negated else "future"
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
    lowered = folded(text)
    for (pattern, normalizer), scan, needs in zip(_PATTERNS, _SCANS, _NEEDS, strict=True):
        if not _possible(needs, lowered):
            continue
        for m in _finditer(pattern, scan, text, lowered):
            start, end = m.span("t") if "t" in pattern.groupindex and m["t"] else m.span()
            while end > start and text[end - 1].isspace():
                end -= 1  # an optional tail that matched only white space ("the third quarter ")
            if m.group().lower() in _AMBIGUOUS_ALONE:
                continue
            if "holiday" in pattern.groupindex and m["holiday"][0].islower():
                continue  # "easter", "christmas" in lower case: not a date in news copy
            if "month" in pattern.groupindex and m["month"][0].islower():
                continue  # "they may 5x", "march 10 miles": months are capitalized
            unit = (m["unit"] or "") if "unit" in pattern.groupindex else ""
            if unit[:1].isupper():
                continue  # "60 Minutes", "This Week": a title, not a time
            unit = unit.lower()
            if unit == "quarter" and re.match(r"\s+of\b", text[end : end + 4]):
                continue  # "three-quarters of the vote": a fraction
            rate = normalizer is _duration and re.match(r"an?\s", m.group().lower())
            # "$2 million a year", "four flights a week": a rate
            use = _rate if rate and _RATE.search(text[:start]) else normalizer
            found.append((start, end, m, use))
    return found


def _rate(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """A rate ("$5 million a year") is a TIMEX3 SET of the unit, as TimeBank marks it."""
    return "SET", _duration(m, ctx)[1]


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
        (
            rf"(?:recent|several|many|some|few|the\s+past|past|(?:the\s+)?coming"
            rf"|(?:the\s+)?(?:next|past|last)\s+(?:few|several))?\s*(?P<unit>{_UNIT})s(?:\s+ahead)?",
            _vague,
        ),
        (r"(?:fiscal\s+)?year(?:[-\s]|'s\s+)?(?:end)?", _anchor_year),
        (r"(?:(?P<which>this|last|next|coming)\s+)?weekend", _weekend),
        (
            r"(?:(?:early|late|mid)(?:-|\s+)?)?(?P<part>morning|afternoon|evening|overnight|midday)",
            _part_alone,
        ),
        (r"(?P<tens>(?:twen|thir|for|fif|six|seven|eigh|nine)ties)", _decade_word),
        (r"these\s+days|the\s+present", _present_word),
    )
)
# A spaCy DATE/TIME entity left unresolved is kept when it names something
# concrete (a year, a month, a weekday: "both 1990", "Nov. 3-4");
# vague words alone ("quarterly", "the day", "period") are not kept: abstain.
_CONCRETE = re.compile(rf"\b(?:1[89]|20)\d\d\b|\b{_MONTH}\b|\b{_WEEKDAY}\b", re.IGNORECASE)


def normalize(
    text: str, anchor: dt.date | None, tense: str | None = None, quarterly: bool = False
) -> TimeValue | None:
    """Normalize a whole expression on its own (no parse), or None if no pattern fits it all."""
    ctx = _Context(anchor, tense, quarterly)
    stripped = text.strip()
    for _ in range(3):  # "at least the end of" peels in a few steps
        stripped = re.sub(r"^(?:the|on|in)\s+", "", stripped, flags=re.IGNORECASE)
        for pattern, normalizer in _PATTERNS + _WHOLE:
            m = pattern.fullmatch(stripped)
            if m:
                kind, value = normalizer(m, ctx)
                return TimeValue((0, len(text)), text, kind, value)
        peeled = _MODIFIER.sub("", stripped, count=1)
        if peeled == stripped:
            return None
        # "the end of the year": the year of the anchor
        stripped = "this " + peeled if peeled.lower() in {"year", "month", "week"} else peeled
    return None


def _with_clock_dates(text: str, found: list[TimeValue]) -> list[TimeValue]:
    """Join a clock time to the date written beside it: "9 a.m. EST Tuesday" is one time."""
    out: list[TimeValue] = []
    i = 0
    while i < len(found):
        here = found[i]
        after = found[i + 1] if i + 1 < len(found) else None
        clock = _CLOCK_VALUE.fullmatch(here.value or "")
        if after is not None and after.value and _FULL_DATE.fullmatch(after.value[:10] or ""):
            gap = text[here.span[1] : after.span[0]]
            after_clock = _CLOCK_VALUE.fullmatch(after.value)
            if clock and not after_clock and _CLOCK_THEN_DATE.fullmatch(gap):
                value = after.value[:10] + clock[1]
                out.append(_joined(text, here, after, value))
                i += 2
                continue
        if clock is None and after is not None and here.value and _FULL_DATE.fullmatch(here.value):
            after_clock = _CLOCK_VALUE.fullmatch(after.value or "")
            gap = text[here.span[1] : after.span[0]]
            if after_clock and _DATE_THEN_CLOCK.fullmatch(gap):
                out.append(_joined(text, here, after, here.value + after_clock[1]))
                i += 2
                continue
        out.append(here)
        i += 1
    return out


def _joined(text: str, first: TimeValue, second: TimeValue, value: str) -> TimeValue:
    span = (first.span[0], second.span[1])
    return TimeValue(span, text[span[0] : span[1]], "TIME", value)


def times(parsed) -> tuple[TimeValue, ...]:
    """Every time expression of the document, in text order."""
    text = parsed.text
    doc = parsed.doc
    anchor = _anchor(parsed.document.published)
    quarterly = bool(_QUARTERLY.search(text))
    out: list[TimeValue] = []
    taken: list[tuple[int, int]] = []
    for start, end, m, normalizer in _select(_matches(text)):
        kind, value = normalizer(m, _Context(anchor, _tense(doc, start), quarterly))
        out.append(TimeValue((start, end), text[start:end], kind, value))
        taken.append((start, end))
    for ent in doc_ents(doc):
        if ent.label_ not in {"DATE", "TIME"} or _AGE.search(ent.text):
            continue
        if not re.search(r"[^\W\d_]", ent.text) and not re.fullmatch(r"(?:1[89]|20)\d\d", ent.text):
            continue  # "44", "80486": numbers the model took for dates
        start, end = ent.start_char, ent.end_char
        while end > start and text[end - 1].isspace():
            end -= 1
        if any(s < end and start < e for s, e in taken):
            continue
        found = normalize(text[start:end], anchor, _tense(doc, start), quarterly)
        if (found is None or found.value is None) and not _CONCRETE.search(ent.text):
            continue
        kind: TimeType = found.type if found else ent.label_  # type: ignore[assignment]
        out.append(TimeValue((start, end), text[start:end], kind, found.value if found else None))
    return tuple(_with_clock_dates(text, sorted(out, key=lambda t: t.span)))
