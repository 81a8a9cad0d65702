"""Times stage: TIMEX3 values anchored on the publication date, never on the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.extract.times import normalize, times
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse

# 2025-02-07 is a Friday (ISO week 6).
ANCHOR = "2025-02-07"


def _times(text: str, published: str | None = ANCHOR):
    parsed = parse(document_from_text(text, published=published))
    return {t.text: t for t in times(parsed)}


# (sentence, published, expression, type, value)
CASES = [
    # absolute dates
    ("Events were organized on 5 February 2025.", ANCHOR, "5 February 2025", "DATE",
     "2025-02-05"),
    ("The deal was signed on February 5, 2025, in Doha.", ANCHOR, "February 5, 2025", "DATE",
     "2025-02-05"),
    ("Talks resumed on Feb. 5 after a pause.", ANCHOR, "Feb. 5", "DATE", "2025-02-05"),
    ("After the attack in October 2023, activity grew.", ANCHOR, "October 2023", "DATE",
     "2023-10"),
    ("The group was founded in 2023.", ANCHOR, "2023", "DATE", "2023"),
    ("The 1990s were turbulent.", ANCHOR, "The 1990s", "DATE", "199"),
    # weekdays: direction from the governing verb
    ("The ministers met on Tuesday.", ANCHOR, "Tuesday", "DATE", "2025-02-04"),
    ("The ministers will meet on Tuesday.", ANCHOR, "Tuesday", "DATE", "2025-02-11"),
    ("The ministers are meeting on Monday.", ANCHOR, "Monday", "DATE", "2025-02-10"),
    ("The ministers met on Friday.", ANCHOR, "Friday", "DATE", "2025-02-07"),
    ("Last Friday the army moved in.", ANCHOR, "Last Friday", "DATE", "2025-01-31"),
    ("They will vote next Monday.", ANCHOR, "next Monday", "DATE", "2025-02-10"),
    # deictic and relative
    ("He said yesterday that talks would resume.", ANCHOR, "yesterday", "DATE", "2025-02-06"),
    ("Officials said today that prices rose.", ANCHOR, "today", "DATE", "2025-02-07"),
    ("Talks will resume tomorrow.", ANCHOR, "tomorrow", "DATE", "2025-02-08"),
    ("Prices rose last week.", ANCHOR, "last week", "DATE", "2025-W05"),
    ("Exports fell last month.", ANCHOR, "last month", "DATE", "2025-01"),
    ("Exports fell earlier this year.", ANCHOR, "earlier this year", "DATE", "2025"),
    ("The plant will open next year.", ANCHOR, "next year", "DATE", "2026"),
    ("The summit ended three days ago.", ANCHOR, "three days ago", "DATE", "2025-02-04"),
    ("Exports rose last month.", "2025-01-15", "last month", "DATE", "2024-12"),
    # seasons and quarters
    ("Sales peaked in summer 2024.", ANCHOR, "summer 2024", "DATE", "2024-SU"),
    ("Profits rose in the first quarter of 2025.", ANCHOR, "the first quarter of 2025", "DATE",
     "2025-Q1"),
    # durations and sets
    ("The siege lasted three days.", ANCHOR, "three days", "DURATION", "P3D"),
    ("They stayed for two weeks.", ANCHOR, "two weeks", "DURATION", "P2W"),
    ("The ban lasted six months.", ANCHOR, "six months", "DURATION", "P6M"),
    ("The talks lasted 12 hours.", ANCHOR, "12 hours", "DURATION", "PT12H"),
    ("The committee meets every week.", ANCHOR, "every week", "SET", "P1W"),
    ("It publishes weekly reports.", ANCHOR, "weekly", "SET", "P1W"),
    ("The council meets every Tuesday.", ANCHOR, "every Tuesday", "SET", "XXXX-WXX-2"),
    # present reference and clock time
    ("The country is now a base.", ANCHOR, "now", "DATE", "PRESENT_REF"),
    ("It currently hosts them.", ANCHOR, "currently", "DATE", "PRESENT_REF"),
    ("He arrived at 3 p.m. in the capital.", ANCHOR, "3 p.m.", "TIME", "2025-02-07T15:00"),
    # parts of the day (TIMEX3 TMO/TAF/TEV/TNI after the date)
    ("The council met Friday morning.", ANCHOR, "Friday morning", "TIME", "2025-02-07TMO"),
    ("Talks continued this morning.", ANCHOR, "this morning", "TIME", "2025-02-07TMO"),
    ("Shelling resumed last night.", ANCHOR, "last night", "TIME", "2025-02-06TNI"),
    ("The council adjourned at noon.", ANCHOR, "noon", "TIME", "2025-02-07T12:00"),
    ("The council will vote at 9 a.m. Tuesday.", ANCHOR, "9 a.m. Tuesday", "TIME",
     "2025-02-11T09:00"),
    # weekday direction details
    ("Voters will decide Friday.", ANCHOR, "Friday", "DATE", "2025-02-07"),
    ("Negotiators could meet as soon as Tuesday.", ANCHOR, "Tuesday", "DATE", "2025-02-11"),
    ("Officials could not be reached Thursday.", ANCHOR, "Thursday", "DATE", "2025-02-06"),
    ("Lawyers sought to overturn Wednesday's ruling.", ANCHOR, "Wednesday", "DATE",
     "2025-02-05"),
    ("Rebels declined to comment Saturday.", ANCHOR, "Saturday", "DATE", "2025-02-01"),
    ("The fair opened on Friday, April 26.", ANCHOR, "Friday, April 26", "DATE", "2024-04-26"),
    # month-day within a quarter of the anchor: the nearest, whatever the verb
    ("The board declared a dividend payable Dec. 15.", "2025-11-20", "Dec. 15", "DATE",
     "2025-12-15"),
    ("The firm was sold in June last year.", ANCHOR, "June last year", "DATE", "2024-06"),
    # years in words, ranges, centuries
    ("The ruling came in nineteen ninety-six.", ANCHOR, "nineteen ninety-six", "DATE", "1996"),
    ("Output fell between 1994 and 1997.", ANCHOR, "1997", "DATE", "1997"),
    ("The mill dates from the 19th century.", ANCHOR, "the 19th century", "DATE", "18"),
    # quarters and results stories (2025-02-07: the last quarter reported is 2024-Q4)
    ("Profit rose in the third quarter.", ANCHOR, "the third quarter", "DATE", "2024-Q3"),
    ("Fourth-quarter profit fell to $2 million from $3 million a year earlier.", ANCHOR,
     "a year earlier", "DATE", "2023-Q4"),
    ("Sales in the latest quarter rose 4% in the third quarter.", ANCHOR, "the latest quarter",
     "DATE", "2024-Q4"),
    ("Exports fell a year ago.", ANCHOR, "a year ago", "DATE", "2024"),
    ("Sales rose in the first nine months of the year.", ANCHOR, "the year", "DATE", "2025"),
    ("The plan saves $5 million a year.", ANCHOR, "a year", "SET", "P1Y"),
    ("There are four flights a week to Quill.", ANCHOR, "a week", "SET", "P1W"),
    # named days
    ("The Quill ferry docked on Thanksgiving Day.", "2000-01-07", "Thanksgiving Day", "DATE",
     "1999-11-25"),
    ("Polls close on Election Day.", "1998-10-26", "Election Day", "DATE", "1998-11-03"),
    # vague amounts
    ("Fighting has eased over the past few weeks.", ANCHOR, "the past few weeks", "DURATION",
     "PXW"),
    ("The mission began several years ago.", ANCHOR, "several years ago", "DATE", "PAST_REF"),
    ("The plan lasts two decades.", ANCHOR, "two decades", "DURATION", "P20Y"),
    # no anchor: relative expressions abstain, absolute ones still resolve
    ("The council met Friday morning.", None, "Friday morning", "TIME", None),
    ("The council adjourned at noon.", None, "noon", "TIME", "XXXX-XX-XXT12:00"),
    ("Sales in the latest quarter rose 4% in the third quarter.", None, "the latest quarter",
     "DATE", None),
    ("The ministers met on Tuesday.", None, "Tuesday", "DATE", None),
    ("Prices rose last week.", None, "last week", "DATE", None),
    ("He said yesterday that talks would resume.", None, "yesterday", "DATE", None),
    ("The summit ended three days ago.", None, "three days ago", "DATE", None),
    ("Talks resumed on Feb. 5 after a pause.", None, "Feb. 5", "DATE", "XXXX-02-05"),
    ("Events were organized on 5 February 2025.", None, "5 February 2025", "DATE",
     "2025-02-05"),
    ("The siege lasted three days.", None, "three days", "DURATION", "P3D"),
    ("The country is now a base.", None, "now", "DATE", "PRESENT_REF"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "published", "expression", "kind", "value"), CASES)
def test_expression(sentence, published, expression, kind, value):
    found = _times(sentence, published)
    assert expression in found, f"{expression!r} not found in {sentence!r}: {list(found)}"
    timex = found[expression]
    assert (timex.type, timex.value) == (kind, value)


def test_spans_point_at_the_text():
    text = "Talks ended on 5 February 2025 and resume next week."
    parsed = parse(document_from_text(text, published=ANCHOR))
    found = times(parsed)
    assert [t.text for t in found] == ["5 February 2025", "next week"]
    for t in found:
        assert parsed.text[t.span[0] : t.span[1]] == t.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebels may attack the town.",
        "Crowds march through the city.",
        "60-year-old",
        "Three-quarters of the members agreed.",
    ],
)
def test_not_time_expressions(sentence):
    found = _times(f"{sentence} Nothing else happened.")
    assert not any(t.value for t in found.values()), found


def test_past_month_day_without_year_moves_back():
    # Reported in January 2025 with a past verb: "Dec. 28" is December 2024.
    found = _times("Fighting resumed on Dec. 28.", "2025-01-03")
    assert found["Dec. 28"].value == "2024-12-28"


def test_impossible_day_is_not_resolved():
    assert normalize("39 February 2025", None).value is None


def test_normalize_alone_has_no_clock():
    # Relative forms without an anchor stay None whatever today's date is.
    assert normalize("yesterday", None).value is None
    assert normalize("yesterday", dt.date(2020, 3, 1)).value == "2020-02-29"


def test_seed_article(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    found = {t.text: t for t in times(parse(document_from_text(text)))}
    assert found["5 February 2025"].value == "2025-02-05"
    assert found["October 2023"].value == "2023-10"


# Whole expressions as spaCy hands them over (normalize() alone, anchor 2025-02-07).
WHOLE = [
    ("the nineties", "DATE", "199"),
    ("mid-1996", "DATE", "1996"),
    ("the end of 1990", "DATE", "1990"),
    ("the end of the year", "DATE", "2025"),
    ("the weekend", "DATE", "2025-W05-WE"),
    ("these days", "DATE", "PRESENT_REF"),
    ("the year two thousand", "DATE", "2000"),
    ("the winter of nineteen ninety-four", "DATE", "1994-WI"),
    ("January nineteen ninety-seven", "DATE", "1997-01"),
    ("the next few years", "DURATION", "PXY"),
    ("overnight", "TIME", "2025-02-07TNI"),
]


@pytest.mark.parametrize(("expression", "kind", "value"), WHOLE)
def test_whole_expression(expression, kind, value):
    found = normalize(expression, dt.date(2025, 2, 7))
    assert found is not None, expression
    assert (found.type, found.value) == (kind, value)


def test_last_month_name_is_never_the_nearest():
    # "last March" said in February is March of the year before, not next month.
    assert normalize("last March", dt.date(2025, 2, 7), "past").value == "2024-03"


def test_spans_have_no_trailing_space():
    text = "Profit in the third quarter rose, and shares fell mid-afternoon yesterday."
    parsed = parse(document_from_text(text, published=ANCHOR))
    found = {t.text: t.value for t in times(parsed)}
    assert found == {"the third quarter": "2024-Q3", "mid-afternoon yesterday": "2025-02-06TAF"}


# -- the substring pre-test of each pattern (times._NEEDS) ----------------------

# One or more fictional sentences per pattern of times._PATTERNS, in its order.
_PATTERN_TEXTS = [
    "The ferry sank on Monday, 4th of March 2019 near the cape.",
    "Voting closed on Tuesday, Sept. 9, 2021 in the valley.",
    "The harvest stalled until mid-June across the plain.",
    "Prices fell sharply last November at the market.",
    "The bridge opened in April of nineteen ninety-six.",
    "The clinic reopened in May last year after repairs.",
    "The filing was dated 2022-03-14 by the clerk.",
    "The port was closed from 1998 until repairs ended.",
    "The mill ran between 1994 and 1997, then again in 1999, 2001.",
    "In the 1980s the town grew quickly.",
    "It happened in the year two thousand and three, she said.",
    "He arrived in nineteen eighty-four with nothing.",
    "Crews worked late yesterday evening and early today.",
    "The pumps failed early morning yesterday at the dam.",
    "The council meets this afternoon; the band plays tonight and played last night.",
    "Sales rose from the quarter a year ago and the year-earlier third quarter.",
    "Profit in the latest quarter beat the just-ended period.",
    "Output exceeded the 1988 period, last year's quarter and the same period last year.",
    "In the fiscal year ended in June, costs rose.",
    "For the first nine months of the year, loans fell.",
    "Spending for the current fiscal year was cut, and later in the year cut again.",
    "The twentieth century and the 21st century differ.",
    "Earlier this week the mayor resigned; next month a vote follows; last year it rained.",
    "As soon as Thursday morning the rebels could move, and by next Saturday more.",
    "Two days ago and a couple of weeks earlier the ship docked.",
    "Years ago, and some decades ago, the mine closed.",
    "Over the past three months and the first two weeks, rain fell.",
    "A 10-year lease and four flights a week were agreed; the 60-year-old man left.",
    "Last spring and the summer of 2020 were dry.",
    "In the 2023 second half, the third quarter of this year, Q4 1999 and the final quarter.",
    "Every Sunday and each month the fund pays out.",
    "Rates are reset daily and reviewed annually.",
    "Right now the talks are currently stalled at the moment.",
    "Recently, and in the near future, the past will matter.",
    "Shops closed for Christmas Eve, New Year's Day and next Thanksgiving.",
    "The strike began at noon and ended at midnight.",
    "The vote opened at 9 a.m. and closed at 5:30 pm.",
]
# Letters re.IGNORECASE matches with an ASCII letter: İ, ı (i) and ſ (s).
_ODD_CASE_TEXTS = [
    "The vote was on FRİDAY.",
    "It fell on a frıday.",
    "They met on ſunday, ſept. 3.",
    "THE FERRY SANK ON 4 MARCH 2019; SHOPS CLOSED FOR CHRISTMAS EVE AT 9 P.M.",
    "Watch 60 Minutes and This Week; they may 5x it, march 10 miles in early spring.",
]


def test_case_sensitive_scans_are_safe():
    # _case_sensitive relies on this: character classes of digits, space and
    # hyphen only, and no upper-case escapes (\S, \W, \D, \B).
    import re

    from claimgraph.extract.times import _PATTERNS

    for pattern, _ in _PATTERNS:
        assert not re.search(r"\\[A-Z]", pattern.pattern), pattern.pattern
        for chars in re.findall(r"\[([^\]]*)\]", pattern.pattern):
            assert not re.search(r"[a-zA-Z]", chars.replace("\\s", "")), chars


def test_every_pattern_has_a_text_and_each_match_passes_its_pre_test():
    from claimgraph.extract.times import _NEEDS, _PATTERNS, folded

    assert len(_PATTERN_TEXTS) == len(_PATTERNS)
    for text, (pattern, _) in zip(_PATTERN_TEXTS, _PATTERNS, strict=True):
        assert pattern.search(text), pattern.pattern
    for (pattern, _), needs in zip(_PATTERNS, _NEEDS, strict=True):
        if needs is None:
            continue
        for text in _PATTERN_TEXTS + _ODD_CASE_TEXTS + [c[0] for c in CASES]:
            for m in pattern.finditer(text):
                # the match alone already holds one word of each group
                assert all(any(w in folded(m.group()) for w in g) for g in needs), m.group()


def test_pre_test_changes_no_match(monkeypatch):
    import claimgraph.extract.times as times_module

    texts = _PATTERN_TEXTS + _ODD_CASE_TEXTS + [c[0] for c in CASES]
    filtered = [times_module._matches(t) for t in texts]
    monkeypatch.setattr(times_module, "_NEEDS", (None,) * len(times_module._PATTERNS))
    monkeypatch.setattr(
        times_module, "_finditer", lambda pattern, scan, text, lowered: pattern.finditer(text)
    )
    unfiltered = [times_module._matches(t) for t in texts]

    def spans(found):
        return [(s, e, m.group(), f.__name__) for s, e, m, f in found]

    assert [spans(f) for f in filtered] == [spans(u) for u in unfiltered]
    assert any(spans(f) for f in filtered[-len(CASES) - 3 : -len(CASES)])  # odd-case texts match
