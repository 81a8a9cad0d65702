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
