"""The statement linker's shortcuts (issue 7, scale) must not change a result.

* ``may_relate`` is a gate the store applies before :func:`compare`: False
  must prove compare returns None. A table of pairs on both sides of the
  topic-overlap cut, then generated pairs.
* Per-text derived wording is cached: callers must not be able to change it.
* The store reads candidates through their row ids, caps them most shared
  anchors first, and takes a candidate's date from the times written inside
  it: checked through what it links.

All claims are fictional.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from claimgraph.records import TimeValue
from claimgraph.resolve.event_match import content_words
from claimgraph.resolve.statements import (
    MIN_TOPIC_OVERLAP,
    StatementProfile,
    compare,
    may_relate,
    quantities,
    topic_overlap,
)
from claimgraph.store import Store, schema, statement_linking
from test_corroboration import Spec, article  # noqa: E402

# Ten and eleven content words, three of them (brannock, quay, injur) in every
# claim of the other side: 3/10 is on the cut (kept), 3/11 below it.
INJURED_10 = (
    "Guards injured seven dockers at the Brannock Quay, medics told ferry captains and lawyers."
)
INJURED_11 = (
    "Guards injured seven dockers at the Brannock Quay, medics told ferry captains "
    "and union lawyers."
)
DENIAL_10 = (
    "No one was injured at the Brannock Quay during the storm, harbour masters told "
    "reporters and tug pilots."
)
DENIAL_11 = (
    "No one was injured at the Brannock Quay during the storm, harbour masters told "
    "reporters, divers and tug pilots."
)
SAME = "Seven dockers were injured by guards at the Brannock Quay, medics told lawyers."
FEWER = "Two dockers were injured by guards at the Brannock Quay, medics told ferry captains."


def _profile(text: str, family: str, published: date, **kw) -> StatementProfile:
    return StatementProfile(
        document_id=family,
        claim_id=text[:12],
        family_id=family,
        certainty=kw.get("certainty", "reported"),
        text=text,
        published=published,
        window=kw.get("window"),
    )


# (case, claim A, claim B, overlap of their words, expected: "negation",
# "quantity", "same" or None, i.e. no link)
GATE_TABLE = [
    ("on the cut (3/10): a denial contradicts", INJURED_10, DENIAL_10, 0.3, "negation"),
    ("on the cut (3/10), the other side larger", INJURED_10, DENIAL_11, 0.3, "negation"),
    ("below the cut (3/11): the same denial links nothing", INJURED_11, DENIAL_11, 3 / 11, None),
    ("above the cut: one statement reworded", INJURED_10, SAME, 1.0, "same"),
    ("above the cut: counts that cannot both hold", INJURED_10, FEWER, 8 / 9, "quantity"),
]


@pytest.mark.parametrize(
    ("case", "a", "b", "overlap", "expected"), GATE_TABLE, ids=[c[0] for c in GATE_TABLE]
)
def test_gate_table(case, a, b, overlap, expected):
    words_a, words_b = content_words(a), content_words(b)
    assert topic_overlap(words_a, words_b) == pytest.approx(overlap)
    assert may_relate(words_a, words_b) == (overlap >= MIN_TOPIC_OVERLAP)
    result = compare(_profile(a, "f1", date(2026, 3, 2)), _profile(b, "f2", date(2026, 3, 3)))
    if expected is None:
        assert result is None
    elif expected == "same":
        assert result is not None and result.same_statement and result.contradiction is None
    else:
        assert result is not None and result.contradiction == expected


# Fictional names, topic words, negators and counts from which pairs near the
# cut are drawn: a few shared words among ten-odd, negation inside or outside.
NAMES = ["Brannock", "Quay", "Ostel", "Marrow Bridge", "Tavi Lenk"]
WORDS = [
    "guards", "injured", "dockers", "medics", "ferry", "captains", "lawyers", "storm",
    "pilots", "closed", "arrested", "strike", "berths", "grain", "met", "leaders",
]  # fmt: skip
PREFIXES = ["", "No one said ", "Guards did not say ", "They denied that "]
COUNTS = ["", "at least 9 people ", "about 100 people ", "two people ", "no one "]
CERTAINTIES = ["asserted", "reported", "hedged", "negated", "hypothetical", "opinion"]


def _random_text(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(2, 9))
    names = rng.sample(NAMES, rng.randint(1, 2))
    half = len(words) // 2
    text = (
        f"{rng.choice(PREFIXES)}{rng.choice(COUNTS)}{' '.join(words[:half])} at "
        f"{' and '.join(names)} {' '.join(words[half:])}."
    )
    return text[:1].upper() + text[1:]  # the names keep their capitals: anchors


def _random_profile(rng: random.Random, n: int) -> StatementProfile:
    day = rng.randint(1, 20)
    window = None
    if rng.random() < 0.4:
        start = rng.randint(1, 20)
        window = (date(2026, 3, start), date(2026, 3, start + rng.randint(0, 6)))
    return StatementProfile(
        document_id=f"d{n}",
        claim_id=f"c{n}",
        family_id=rng.choice(["f1", "f2", "f3"]),
        certainty=rng.choice(CERTAINTIES),
        text=_random_text(rng),
        published=date(2026, 3, day),
        window=window,
    )


def test_gate_never_hides_a_result_on_generated_pairs():
    rng = random.Random(7)
    profiles = [_random_profile(rng, n) for n in range(160)]
    seen = {"cut": 0, "kept": 0, "linked": 0, "boundary": 0}
    others = profiles[:80]
    for a in profiles:
        for b in others:
            words_a, words_b = content_words(a.text), content_words(b.text)
            result = compare(a, b)
            if not may_relate(words_a, words_b):
                seen["cut"] += 1
                assert result is None, (a.text, b.text)
                continue
            seen["kept"] += 1
            seen["linked"] += result is not None
            seen["boundary"] += topic_overlap(words_a, words_b) == MIN_TOPIC_OVERLAP
    # The generated pairs fall on both sides, and some on the cut itself.
    assert seen["cut"] > 1000 and seen["linked"] > 100 and seen["boundary"] > 10, seen


def test_cached_wording_cannot_be_changed_by_a_caller():
    text = "At least 9 people were injured at the Brannock Quay."
    counts = quantities(text)
    counts["people"] = (0.0, 0.0)
    counts["dockers"] = (1.0, 1.0)
    assert quantities(text) == {"people": (9.0, float("inf"))}
    denial = "No one was injured at the Brannock Quay, guards said."
    result = compare(
        _profile(text, "f1", date(2026, 3, 2)), _profile(denial, "f2", date(2026, 3, 2))
    )
    assert result is not None and result.contradiction is not None


# -- the store -------------------------------------------------------------------------


@pytest.fixture()
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def _statements(store: Store) -> int:
    """How many distinct statements the stored claims make."""
    with store.engine.connect() as conn:
        return len(set(conn.execute(select(schema.claim_links.c.statement_id)).scalars()))


def test_candidates_capped_most_shared_anchors_first(store: Store, monkeypatch):
    # The older report shares one name with the new one and its wording; the
    # other shares two names and nothing else. With one candidate allowed,
    # only the two-name claim is compared, so no statement is joined.
    one_name = article(
        "Ostel Courier",
        "2026-03-02",
        [Spec("Guards injured seven dockers at the Brannock Quay, medics told lawyers.")],
    )
    two_names = article(
        "Marrow Times",
        "2026-03-02",
        [Spec("Tavi Lenk opened a bakery near Brannock Quay with borrowed ovens.")],
    )
    new = article(
        "Kestrel Post",
        "2026-03-03",
        [Spec("Seven dockers were injured by guards at the Brannock Quay, medics told Lenk.")],
    )
    monkeypatch.setattr(statement_linking, "MAX_STATEMENT_CANDIDATES", 1)
    store.add(one_name)
    store.add(two_names)
    store.add(new)
    assert _statements(store) == 3


def test_candidates_compared_when_not_capped(store: Store):
    one_name = article(
        "Ostel Courier",
        "2026-03-02",
        [Spec("Guards injured seven dockers at the Brannock Quay, medics told lawyers.")],
    )
    new = article(
        "Kestrel Post",
        "2026-03-03",
        [Spec("Seven dockers were injured by guards at the Brannock Quay, medics told Lenk.")],
    )
    store.add(one_name)
    store.add(new)
    assert _statements(store) == 1


def _with_written_date(analysis, written: str, value: str):
    """The analysis with a TIMEX3 value written inside its one claim."""
    text = analysis.document.text
    start = text.index(written)
    return replace(
        analysis, times=(TimeValue((start, start + len(written)), written, "DATE", value),)
    )


@pytest.mark.parametrize(("value", "linked"), [("2026-03-01", True), ("2026-02-10", False)])
def test_candidate_date_written_inside_its_claim(store: Store, value: str, linked: bool):
    # The stored claim has no event; its date is the one written inside it.
    # The new claim's event is on March 1: the same day links, a day in
    # February (the publication dates still within the window) does not.
    old = _with_written_date(
        article(
            "Ostel Courier",
            "2026-03-02",
            [
                Spec(
                    "On Sunday guards injured seven dockers at the Brannock Quay, medics told them."
                )
            ],
        ),
        "Sunday",
        value,
    )
    new = article(
        "Kestrel Post",
        "2026-03-03",
        [
            Spec(
                "Seven dockers were injured by guards at the Brannock Quay, medics told Lenk.",
                event="ASSAULT",
                date="2026-03-01",
                precision="day",
            )
        ],
    )
    store.add(old)
    store.add(new)
    assert _statements(store) == (1 if linked else 2)
