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
from collections.abc import Callable
from dataclasses import dataclass

from ..records import TimeType, TimeValue

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUMBER = r"(?:\d+|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r"|a\s+few|several)"
_UNIT = r"(?:minute|hour|day|week|month|year|decade|century)"
_UNIT_CODE = {
    "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y",
    "decade": "DE", "century": "CE",
}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "final": 4, "last": 4}
_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y"}
_PRESENT = r"(?:now|currently|nowadays|at\s+present|at\s+the\s+moment)"


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: dt.date | None
    tense: str | None  # "past" | "future" | None: of the verb governing the expression


Normalizer = Callable[[re.Match[str], _Context], tuple[TimeType, str | None]]


def _month(word: str) -> int:
    return _MONTHS[word.lower()[:3]]


def _year(text: str | None, month: int, day: int | None, ctx: _Context) -> str:
    """The year of a date written without one.

    Past tense: the latest such date on or before the anchor; future: the first
    on or after it; tense unknown: the one nearest the anchor (news reports
    dates within months of publication either way). A month alone compares
    by month.
    """
    if text:
        return text
    if ctx.anchor is None:
        return "XXXX"
    anchor = ctx.anchor if day else ctx.anchor.replace(day=1)

    def probe(year: int) -> dt.date:
        return dt.date(year, month, min(day or 1, 28))

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if ctx.tense == "past":
        return str(max(y for y in years if probe(y) <= anchor))
    if ctx.tense == "future":
        return str(min(y for y in years if probe(y) >= anchor))
    return str(min(years, key=lambda y: abs((probe(y) - anchor).days)))


def _day_value(year: str, month: int, day: int) -> str:
    return f"{year}-{month:02d}-{day:02d}"


def _dmy(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    month, day = _month(m["month"]), int(m["day"])
    if not 1 <= day <= (29 if month == 2 else 30 if month in {4, 6, 9, 11} else 31):
        return "DATE", None  # "39 February": recognized, not a date
    return "DATE", _day_value(_year(m["year"], month, day, ctx), month, day)


def _month_year(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", f"{m['year']}-{_month(m['month']):02d}"


def _month_alone(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    month = _month(m["month"])
    which = (m.groupdict().get("which") or "").lower()
    if which and ctx.anchor is None:
        return "DATE", None
    tense = {"last": "past", "next": "future"}.get(which, ctx.tense)
    if which == "this":
        return "DATE", f"{ctx.anchor.year}-{month:02d}"  # type: ignore[union-attr]
    year = _year(None, month, None, _Context(ctx.anchor, tense))
    if which and year == str(ctx.anchor.year) and month == ctx.anchor.month:  # type: ignore[union-attr]
        year = str(int(year) + (1 if which == "next" else -1))  # "last June" said in June
    return "DATE", f"{year}-{month:02d}"


def _iso(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", m.group()


def _bare_year(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", m["year"]


def _decade(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", m["year"][:3]


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _deictic_day(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    if ctx.anchor is None:
        return "DATE", None
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group().lower()]
    return "DATE", (ctx.anchor + dt.timedelta(days=offset)).isoformat()


def _relative_unit(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """last/this/next week|month|year; earlier/later this ...; the past/coming ..."""
    if ctx.anchor is None:
        return "DATE", None
    which = m["which"].lower()
    step = -1 if which in {"last", "past", "previous"} else 1 if which in {"next", "coming"} else 0
    unit = m["unit"].lower()
    if unit == "week":
        return "DATE", _week(ctx.anchor + dt.timedelta(weeks=step))
    if unit == "month":
        year, month = _shift_month(ctx.anchor, step)
        return "DATE", f"{year}-{month:02d}"
    return "DATE", str(ctx.anchor.year + step)


def _weekday(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    if ctx.anchor is None:
        return "DATE", None
    target = _WEEKDAYS.index(m["weekday"].lower())
    which = (m["which"] or "").lower()
    back = (ctx.anchor.weekday() - target) % 7
    if which == "last" or (not which and ctx.tense == "past"):
        # "last Tuesday" never means the anchor day itself
        back = back or (7 if which == "last" else 0)
        return "DATE", (ctx.anchor - dt.timedelta(days=back)).isoformat()
    if which in {"next", "this", "coming"} or (not which and ctx.tense == "future"):
        ahead = (target - ctx.anchor.weekday()) % 7 or 7
        return "DATE", (ctx.anchor + dt.timedelta(days=ahead)).isoformat()
    return "DATE", None


def _amount(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower())
    if text.isdigit():
        return text
    return "X" if text in {"a few", "several"} else str(_NUMBERS[text])


def _duration(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    code = _UNIT_CODE[m["unit"].lower()]
    amount = _amount(m["n"])
    if code.startswith("T"):
        return "DURATION", f"PT{amount}{code[1]}"
    return "DURATION", f"P{amount}{code}"


def _ago(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    amount = _amount(m["n"])
    unit = m["unit"].lower()
    if ctx.anchor is None or not amount.isdigit() or unit in {"minute", "hour"}:
        return "DATE", None
    n = int(amount)
    if unit == "day":
        return "DATE", (ctx.anchor - dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return "DATE", _week(ctx.anchor - dt.timedelta(weeks=n))
    if unit == "month":
        year, month = _shift_month(ctx.anchor, -n)
        return "DATE", f"{year}-{month:02d}"
    years = {"year": 1, "decade": 10, "century": 100}[unit] * n
    return "DATE", str(ctx.anchor.year - years)


def _season(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    code = _SEASONS[m["season"].lower()]
    if m["year"]:
        return "DATE", f"{m['year']}-{code}"
    if ctx.anchor is None:
        return "DATE", None
    which = (m["which"] or "").lower()
    step = {"last": -1, "next": 1}.get(which, 0)
    return "DATE", f"{ctx.anchor.year + step}-{code}"


def _quarter(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    n = int(m["q"]) if m["q"] else _ORDINALS[m["ord"].lower()]
    prefix = "H" if m["half"] else "Q"
    if prefix == "H" and n > 2:
        n = 2  # "the last half"
    year = m["year"]
    if not year and ctx.anchor is not None:
        # The anchor's year; a past verb about a quarter not yet begun means
        # last year's (and a future verb about one that has ended, next year's).
        first_month = (n - 1) * (6 if prefix == "H" else 3) + 1
        use_tense = ctx.tense is not None and not m["this"]
        year = _year(None, first_month, None, ctx) if use_tense else str(ctx.anchor.year)
    return "DATE", f"{year}-{prefix}{n}" if year else None


def _set_every(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    if m["weekday"]:
        return "SET", f"XXXX-WXX-{_WEEKDAYS.index(m['weekday'].lower()) + 1}"
    return "SET", f"P1{_UNIT_CODE[m['unit'].lower()]}".replace("P1T", "PT1")


def _set_word(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "SET", _SET_WORDS[m.group().lower()]


def _present(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", "PRESENT_REF"


def _past_future(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", "FUTURE_REF" if "future" in m.group().lower() else "PAST_REF"


def _clock(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    hour, minute = int(m["h"]), int(m["min"] or 0)
    meridiem = (m["ampm"] or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return "TIME", None
    # The day of a bare clock time is not known from the anchor alone.
    return "TIME", f"XXXX-XX-XXT{hour:02d}:{minute:02d}"


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
