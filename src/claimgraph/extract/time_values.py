"""Time values: TIMEX3 normalizers for the patterns of :mod:`claimgraph.extract.times`.

Each normalizer takes a regex match and a context (the anchor date, the tense
of the governing verb) and returns (TIMEX3 type, value or None). The anchor is
the publication date only; the clock of the machine is never read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..records import TimeType

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
    "a couple of": 2, "couple of": 2,
}  # fmt: skip
_VAGUE_AMOUNTS = frozenset({"a few", "few", "several", "many", "some"})
_NUMBER = (
    r"(?:\d+|"
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _NUMBERS), key=len, reverse=True))
    + r"|a\s+few|few|several)"
)
_UNIT = r"(?:minute|hour|day|week|month|quarter|year|decade|century)"
_UNIT_CODE = {
    "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "quarter": "Q",
    "year": "Y", "decade": "DE", "century": "CE",
}  # fmt: skip
# Parts of the day, as TIMEX3 writes them after a date ("1998-02-06TMO").
_PARTS = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}
_PART = r"(?:morning|afternoon|evening|night)"
# Years written out, as in broadcast transcripts ("nineteen ninety-six").
_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
         "eighty": 8, "ninety": 9}  # fmt: skip
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}  # fmt: skip
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}  # fmt: skip
_SPELLED_1900S = (
    r"(?:(?:nineteen|eighteen)[\s-]+(?:(?:"
    + "|".join(_TENS)
    + r")(?:[\s-]+(?:"
    + "|".join(_ONES)
    + r"))?|"
    + "|".join(_TEENS)
    + r"|hundred))"
)
_SPELLED_YEAR = (
    rf"(?:{_SPELLED_1900S}|two\s+thousand(?:\s+and)?(?:[\s-]+(?:" + "|".join(_ONES) + r"))?)"
)
_YEAR = rf"(?:(?:1[89]|20)\d\d|{_SPELLED_YEAR})"
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4, "final": 4, "last": 4}
_SET_WORDS = {"hourly": "PT1H", "daily": "P1D", "weekly": "P1W", "monthly": "P1M",
              "annually": "P1Y", "yearly": "P1Y"}  # fmt: skip
_PRESENT = r"(?:now|currently|nowadays|at\s+present|at\s+the\s+moment)"


@dataclass(frozen=True, slots=True)
class _Context:
    anchor: dt.date | None
    tense: str | None  # "past" | "future" | None: of the verb governing the expression
    # The document reports quarterly results ("third-quarter profit"): there "a
    # year ago" and "the latest period" mean the reporting quarter, not a year.
    quarterly: bool = False


def year_number(text: str) -> int:
    """A year written in digits or in words ("nineteen ninety-six" -> 1996)."""
    if text.isdigit():
        return int(text)
    words = re.split(r"[\s-]+", text.lower().replace(" and", ""))
    if words[0] == "two":  # "two thousand [and] five"
        return 2000 + (_ONES[words[2]] if len(words) > 2 else 0)
    century = 1900 if words[0] == "nineteen" else 1800
    if words[1] == "hundred":
        return century
    if words[1] in _TEENS:
        return century + _TEENS[words[1]]
    return century + 10 * _TENS[words[1]] + (_ONES[words[2]] if len(words) > 2 else 0)


def _reporting_quarter(anchor: dt.date, back_years: int = 0) -> str:
    """The last quarter that ended before the anchor: the one a results story reports."""
    quarter = (anchor.month - 1) // 3  # the previous quarter, 1-based
    year = anchor.year - back_years
    if quarter == 0:
        quarter, year = 4, year - 1
    return f"{year}-Q{quarter}"


Normalizer = Callable[[re.Match[str], _Context], tuple[TimeType, str | None]]


def _month(word: str) -> int:
    return _MONTHS[word.lower()[:3]]


def _year(
    text: str | None, month: int, day: int | None, ctx: _Context, strict: bool = False
) -> str:
    """The year of a date written without one.

    The candidate nearest the anchor when it lies within a quarter of it
    (news dates are mostly that close, and the verb a parse finds is often the
    reporting verb: "said it will pay the dividend Dec. 15"); beyond that, past
    tense takes the latest such date on or before the anchor, future the first
    on or after it, and no tense the nearest. A month alone compares by month.
    ``strict``: the direction is written ("last June"), never the nearest.
    """
    if text:
        return str(year_number(text))
    if ctx.anchor is None:
        return "XXXX"
    anchor = ctx.anchor if day else ctx.anchor.replace(day=1)

    def probe(year: int) -> dt.date:
        return dt.date(year, month, min(day or 1, 28))

    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    nearest = min(years, key=lambda y: abs((probe(y) - anchor).days))
    # 92 days: one quarter. On TimeBank + AQUAINT dev, month-day and month
    # values within it follow the nearest date more often than the tense.
    if not strict and abs((probe(nearest) - anchor).days) <= _NEAR_DAYS:
        return str(nearest)
    if ctx.tense == "past":
        return str(max(y for y in years if probe(y) <= anchor))
    if ctx.tense == "future":
        return str(min(y for y in years if probe(y) >= anchor))
    return str(nearest)


_NEAR_DAYS = 92


def _day_value(year: str, month: int, day: int) -> str:
    return f"{year}-{month:02d}-{day:02d}"


def _dmy(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    month, day = _month(m["month"]), int(m["day"])
    if not 1 <= day <= (29 if month == 2 else 30 if month in {4, 6, 9, 11} else 31):
        return "DATE", None  # "39 February": recognized, not a date
    weekday = m.groupdict().get("wd")
    if weekday and not m["year"] and ctx.anchor is not None:
        # "Saturday, April 25": the year near the anchor where that date is a Saturday
        target = _WEEKDAYS.index(weekday.lower())
        for year in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            if _valid(year, month, day) and dt.date(year, month, day).weekday() == target:
                return "DATE", _day_value(str(year), month, day)
    return "DATE", _day_value(_year(m["year"], month, day, ctx), month, day)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _month_year(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", f"{year_number(m['year'])}-{_month(m['month']):02d}"


def _month_alone(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    month = _month(m["month"])
    which = (m.groupdict().get("which") or "").lower()
    if which and ctx.anchor is None:
        return "DATE", None
    tense = {"last": "past", "next": "future"}.get(which, ctx.tense)
    if which == "this":
        return "DATE", f"{ctx.anchor.year}-{month:02d}"  # type: ignore[union-attr]
    year = _year(None, month, None, _Context(ctx.anchor, tense), strict=bool(which))
    if which and year == str(ctx.anchor.year) and month == ctx.anchor.month:  # type: ignore[union-attr]
        year = str(int(year) + (1 if which == "next" else -1))  # "last June" said in June
    return "DATE", f"{year}-{month:02d}"


def _month_of_year(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "June last year", "January this year"."""
    if ctx.anchor is None:
        return "DATE", None
    step = {"last": -1, "this": 0, "next": 1}[m["which"].lower()]
    return "DATE", f"{ctx.anchor.year + step}-{_month(m['month']):02d}"


def _iso(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", m.group()


def _bare_year(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", str(year_number(m["year"]))


def _century(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "the 20th century" -> "19": TIMEX3 writes a century as its two leading digits."""
    n = (
        int(m["n"])
        if m["n"]
        else {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}[
            re.sub(r"\s+", "-", m["word"].lower())
        ]
    )
    return "DATE", f"{n - 1:02d}"


def _decade(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", m["year"][:3]


def _week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _with_part(m: re.Match[str], day: str | None) -> tuple[TimeType, str | None]:
    part = m.groupdict().get("part")
    if not part:
        return "DATE", day
    return "TIME", None if day is None else day + _PARTS[part.lower()]


def _deictic_day(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """yesterday, today, tomorrow, tonight, last night, this morning; with a part of the day."""
    if ctx.anchor is None:
        return _with_part(m, None)
    word = " ".join((m.groupdict().get("night") or m["day"]).lower().split())
    if word == "tonight":
        return "TIME", ctx.anchor.isoformat() + "TNI"
    if word == "last night":
        return "TIME", (ctx.anchor - dt.timedelta(days=1)).isoformat() + "TNI"
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "this": 0}[word]
    return _with_part(m, (ctx.anchor + dt.timedelta(days=offset)).isoformat())


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
    """A weekday: "last"/past tense back from the anchor, "next"/future forward.

    With no tense to read (present, reported "would", a noun phrase such as
    "Wednesday's ruling") the weekday is the latest on or before the anchor:
    news reports what happened this week far more often than what is planned
    (on TimeBank + AQUAINT, 282 of 297 gold bare-weekday values, 95%, are on
    or before the document date).
    """
    if ctx.anchor is None:
        return _with_part(m, None)
    target = _WEEKDAYS.index(m["weekday"].lower())
    which = (m["which"] or "").lower()
    back = (ctx.anchor.weekday() - target) % 7
    ahead_words = {"next", "this", "coming"}
    if which in ahead_words or m.groupdict().get("soon") or (not which and ctx.tense == "future"):
        # "will meet Friday" written on a Friday is that day; "next Friday" is not
        ahead = (target - ctx.anchor.weekday()) % 7 or (7 if which == "next" else 0)
        return _with_part(m, (ctx.anchor + dt.timedelta(days=ahead)).isoformat())
    # "last Tuesday" never means the anchor day itself
    back = back or (7 if which == "last" else 0)
    return _with_part(m, (ctx.anchor - dt.timedelta(days=back)).isoformat())


def _amount(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower())
    if text.isdigit():
        return text
    return "X" if text in _VAGUE_AMOUNTS else str(_NUMBERS[text])


def _duration(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    code = _UNIT_CODE[m["unit"].lower()]
    amount = _amount(m["n"])
    if code.startswith("T"):
        return "DURATION", f"PT{amount}{code[1]}"
    if code == "DE" and amount.isdigit():
        return "DURATION", f"P{int(amount) * 10}Y"  # TimeBank writes decades in years
    return "DURATION", f"P{amount}{code}"


def _ago(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "three days ago", "a year earlier"; vague amounts ("years ago") are PAST_REF."""
    amount = _amount(m["n"]) if m["n"] else "X"
    unit = m["unit"].lower()
    if amount == "X":
        return "DATE", "PAST_REF"
    if ctx.anchor is None or unit in {"minute", "hour", "quarter"}:
        return "DATE", None
    if unit == "year" and amount == "1" and ctx.quarterly:
        return "DATE", _reporting_quarter(ctx.anchor, back_years=1)
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
        return "DATE", f"{year_number(m['year'])}-{code}"
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
    year = m["year"] or m["year0"]
    if not year and ctx.anchor is not None:
        # The anchor's year; a past verb about a quarter not yet begun means
        # last year's, a future verb about one that ended more than a quarter
        # ago next year's (results for the quarter just ended are still "to
        # be reported": future tense, this year's quarter).
        months = 6 if prefix == "H" else 3
        first = dt.date(ctx.anchor.year, (n - 1) * months + 1, 1)
        last = dt.date(ctx.anchor.year + (n * months) // 12, (n * months) % 12 + 1, 1)
        shift = 0
        if not m["this"] and ctx.tense == "past" and first > ctx.anchor:
            shift = -1
        elif not m["this"] and ctx.tense == "future" and (ctx.anchor - last).days > 92:
            shift = 1
        year = str(ctx.anchor.year + shift)
    return "DATE", f"{year}-{prefix}{n}" if year else None


def _reporting(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "the latest quarter", "the year-ago period": the quarter a results story reports."""
    if ctx.anchor is None:
        return "DATE", None
    text = m.group().lower()
    back = 1 if re.search(r"year[-\s](?:ago|earlier)|a\s+year\s+ago|last\s+year", text) else 0
    if m.groupdict().get("year"):  # "the 1988 period": the reporting quarter of 1988
        quarter = _reporting_quarter(ctx.anchor)[-2:]
        return "DATE", f"{m['year']}-{quarter}" if ctx.quarterly else m["year"]
    if "current" in text or "this" in text:
        return "DATE", f"{ctx.anchor.year - back}-Q{(ctx.anchor.month - 1) // 3 + 1}"
    if not ctx.quarterly and "quarter" not in text and "latest" not in text:
        return "DATE", str(ctx.anchor.year - back) if back else None
    return "DATE", _reporting_quarter(ctx.anchor, back_years=back)


def _anchor_year(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "the current year", "earlier in the year": the anchor's year."""
    return "DATE", None if ctx.anchor is None else str(ctx.anchor.year)


def _period_ended(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "the year ended March 31": a period measured back from its end, a duration."""
    return "DURATION", "P1Y" if "year" in m["t"].lower() else "P3M"


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
    """A clock time, on the anchor's day (the pipeline moves it to an adjacent date)."""
    named = (m.groupdict().get("named") or "").lower()
    if named:
        hour, minute = (12, 0) if named == "noon" else (24, 0)
        return "TIME", f"{_clock_day(ctx)}T{hour:02d}:{minute:02d}"
    hour, minute = int(m["h"]), int(m["min"] or 0)
    meridiem = (m["ampm"] or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return "TIME", None
    return "TIME", f"{_clock_day(ctx)}T{hour:02d}:{minute:02d}"


def _clock_day(ctx: _Context) -> str:
    # TimeML reads a bare clock time in news as the day of the report; no
    # anchor, no day.
    return "XXXX-XX-XX" if ctx.anchor is None else ctx.anchor.isoformat()


def _weekend(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "the weekend": the ISO week of its Saturday, back from the anchor unless future."""
    if ctx.anchor is None:
        return "DATE", None
    which = (m.groupdict().get("which") or "").lower()
    back = (ctx.anchor.weekday() - 5) % 7
    if which in {"next", "coming"} or (not which and ctx.tense == "future"):
        saturday = ctx.anchor + dt.timedelta(days=(5 - ctx.anchor.weekday()) % 7 or 7)
    else:
        saturday = ctx.anchor - dt.timedelta(days=back or (7 if which == "last" else 0))
    return "DATE", _week(saturday) + "-WE"


def _part_alone(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "the morning", "overnight", "midday": that part of the anchor's day."""
    if ctx.anchor is None:
        return "TIME", None
    word = m["part"].lower()
    if word == "midday":
        return "TIME", f"{ctx.anchor.isoformat()}T12:00"
    return "TIME", ctx.anchor.isoformat() + _PARTS["night" if word == "overnight" else word]


def _decade_word(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """ "the nineties" -> "199" (twentieth century: news of the corpora we measure on)."""
    return "DATE", f"19{_TENS[m['tens'].lower()[:-3] + 'y']}"


def _present_word(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    return "DATE", "PRESENT_REF"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th ``weekday`` (0 = Monday) of a month; n = -1: the last one."""
    if n < 0:
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (a + 11 * h) // 319
    r = (2 * e + 2 * i - k - h + m + 32) % 7
    month = (h - m + r + 90) // 25
    return dt.date(year, month, (h - m + r + month + 19) % 32)


# Fixed and movable days news dates by name (US federal calendar for the US ones).
_HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "easter": _easter,
}


def _holiday(m: re.Match[str], ctx: _Context) -> tuple[TimeType, str | None]:
    """A named day ("Thanksgiving Day", "last Christmas"): nearest, or where the tense points."""
    name = " ".join(m["holiday"].lower().split())
    name = name.removesuffix(" day") if name in {"thanksgiving day", "christmas day"} else name
    which = (m.groupdict().get("which") or "").lower()
    if ctx.anchor is None:
        return "DATE", None
    anchor = ctx.anchor
    days = [_HOLIDAYS[name](y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if which == "last" or (not which and ctx.tense == "past"):
        day = max(d for d in days if d <= anchor)
    elif which == "next" or (not which and ctx.tense == "future"):
        day = min(d for d in days if d >= anchor)
    else:
        day = min(days, key=lambda d: abs((d - anchor).days))
    return "DATE", day.isoformat()
