"""Corroboration: families, event clusters, independent sources, contradictions.

Articles are built by hand (fictional outlets, people and places) so every
test runs without a spaCy pipeline and checks the store's logic alone. The
matching tables are pure functions and run once; every test of the store
runs on SQLite and on PostgreSQL (``store_url`` in conftest.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from claimgraph.cli.main import app
from claimgraph.errors import StoreError
from claimgraph.ids import child_id, document_id
from claimgraph.records import (
    Actor,
    Analysis,
    Block,
    Claim,
    Document,
    Event,
    EventDate,
    Place,
)
from claimgraph.resolve.event_match import (
    EventActor,
    EventProfile,
    content_words,
    day_window,
    match_score,
    search_window,
)
from claimgraph.resolve.statements import (
    StatementProfile,
    anchors,
    compare,
    negated_words,
    quantities,
)
from claimgraph.store import Store, clusters, corroboration, event_linking, schema

# -- a small article builder ---------------------------------------------------

FILLER = (
    "The harbour of Valmora handles most of the region's grain and timber, and its "
    "cranes have been run by the same three contractors for a decade. "
)


@dataclass(frozen=True)
class Spec:
    """One claim of a hand-built article, with an optional event."""

    text: str
    certainty: str = "asserted"
    event: str | None = None  # PLOVER type
    realis: str = "actual"
    date: str | None = None
    precision: str = "unknown"
    actor: tuple[str, str, str | None] | None = None  # name, type, country
    place: tuple[str, float, float, str, str] | None = None  # name, lat, lon, country, precision


def article(outlet: str, published: str, specs: list[Spec], extra: str = "") -> Analysis:
    title = f"{outlet} report"
    paragraphs = [s.text for s in specs]
    body = "\n\n".join(paragraphs + ([extra] if extra else []))
    text = f"{title}\n\n{body}"
    doc = document_id(text)
    blocks = [Block((0, len(title)), "title")]
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}
    claims = []
    pos = len(title) + 2
    for paragraph in paragraphs + ([extra] if extra else []):
        blocks.append(Block((pos, pos + len(paragraph)), "body"))
        pos += len(paragraph) + 2
    for spec in specs:
        start = text.index(spec.text)
        span = (start, start + len(spec.text))
        event = None
        if spec.event:
            actor_id = place_id = None
            if spec.actor:
                name, kind, country = spec.actor
                actor_id = child_id(doc, "actor", name)
                actors.setdefault(
                    name, Actor(actor_id, name, kind, country=country, mentions=(span,))
                )
            if spec.place:
                name, lat, lon, country, precision = spec.place
                place_id = child_id(doc, "place", name)
                places.setdefault(
                    name,
                    Place(place_id, name, lat, lon, country, precision=precision, mentions=(span,)),
                )
            event = Event(
                type=spec.event,
                mode=None,
                cameo=None,
                trigger_span=(span[0], span[0] + 1),
                source_actor=actor_id,
                target_actor=None,
                place=place_id,
                date=EventDate(spec.date, spec.precision, None),
                realis=spec.realis,
                confidence=0.8,
            )
        claims.append(
            Claim(child_id(doc, "claim", *span), spec.text, span, span, spec.certainty, (), event)
        )
    document = Document(
        id=doc,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        language="en",
        blocks=tuple(blocks),
    )
    return Analysis(document, tuple(actors.values()), tuple(places.values()), (), tuple(claims))


VALMORA = ("Valmora", 41.2, 2.1, "XVL", "city")
BRESK = ("Bresk", 44.9, 9.7, "XBR", "city")
UNION = ("Valmora Stevedores Guild", "organization", "XVL")
STRIKE = (
    "Stevedores at the harbour of Valmora began a strike on Monday over unpaid "
    "night-shift bonuses, halting the grain berths."
)
INJURED = "At least 9 people were injured when guards cleared the picket at the Lindqvist Gate."
DENIAL = "No one was injured at the Lindqvist Gate on Monday, the harbour guard said."


def wire() -> Analysis:
    return article(
        "Tessaly Wire",
        "2026-05-04",
        [
            Spec(
                STRIKE,
                event="PROTEST",
                date="2026-05-04",
                precision="day",
                actor=UNION,
                place=VALMORA,
            )
        ],
        extra=FILLER * 3,
    )


def wire_copy() -> Analysis:
    # A syndicated copy: another outlet, the same body (with a credit line).
    return article(
        "Ostrava Daily Mirror",
        "2026-05-05",
        [
            Spec(
                STRIKE,
                event="PROTEST",
                date="2026-05-04",
                precision="day",
                actor=UNION,
                place=VALMORA,
            )
        ],
        extra=FILLER * 3 + "\n\nWith agency inputs",
    )


def own_report(outlet: str, published: str, sentence: str, **event: object) -> Analysis:
    return article(
        outlet,
        published,
        [
            Spec(
                sentence,
                event="PROTEST",
                date=event.get("date", "2026-05-04"),  # type: ignore[arg-type]
                precision=event.get("precision", "day"),  # type: ignore[arg-type]
                actor=event.get("actor"),  # type: ignore[arg-type]
                place=event.get("place", VALMORA),  # type: ignore[arg-type]
            ),
            Spec(INJURED, certainty="reported") if outlet == "Kestrel Post" else Spec(FILLER),
        ],
    )


@pytest.fixture()
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def strike_corpus() -> list[Analysis]:
    return [
        wire(),
        wire_copy(),
        own_report(
            "Kestrel Post",
            "2026-05-04",
            "Hundreds of stevedores walked off the job at the Valmora harbour on Monday, "
            "halting grain loading.",
        ),
        own_report(
            "Northreach Herald",
            "2026-05-05",
            "The strike by stevedores at the Valmora harbour entered its second day, "
            "with the grain berths idle since the walkout began yesterday.",
            actor=UNION,
        ),
        article(
            "Coastal Ledger",
            "2026-05-08",
            [Spec(DENIAL, certainty="negated")],
        ),
    ]


# -- event matching: a table of pairs ----------------------------------------------


def profile(**kw: object) -> EventProfile:
    base = dict(
        document_id="d1",
        claim_id="c1",
        family_id="f1",
        type="PROTEST",
        realis="actual",
        day_min=date(2026, 5, 4),
        day_max=date(2026, 5, 4),
        actors=(),
        lat=41.2,
        lon=2.1,
        place_precision="city",
        country="XVL",
        words=content_words(STRIKE),
    )
    base.update(kw)
    return EventProfile(**base)  # type: ignore[arg-type]


OTHER_WORDS = content_words("Stevedores walked out at the harbour of Valmora over bonuses")
MATCH_TABLE = [
    ("same type, day, city and words", {}, True),
    ("one day apart (slack)", {"day_min": date(2026, 5, 5), "day_max": date(2026, 5, 5)}, True),
    ("three days apart", {"day_min": date(2026, 5, 7), "day_max": date(2026, 5, 7)}, False),
    ("another type", {"type": "ASSAULT"}, False),
    ("another country", {"country": "XBR", "lat": 44.9, "lon": 9.7}, False),
    ("300 km away in one country", {"lat": 43.9, "lon": 2.1}, False),
    ("future realis", {"realis": "future"}, False),
    ("hypothetical realis", {"realis": "hypothetical"}, False),
    ("negated realis (a denial)", {"realis": "negated"}, True),
    ("no shared words, no shared actor", {"words": content_words("cranes idle")}, False),
    (
        "no place but a shared person",
        {
            "lat": None,
            "lon": None,
            "country": None,
            "words": frozenset(),
            "actors": (EventActor("Ilse Varga", "person", "XVL"),),
        },
        True,
    ),
]


@pytest.mark.parametrize(
    ("case", "change", "expected"), MATCH_TABLE, ids=[c[0] for c in MATCH_TABLE]
)
def test_match_table(case, change, expected):
    a = profile(actors=(EventActor("Ilse Varga", "person", "XVL"),))
    b = profile(**{"document_id": "d2", "family_id": "f2", "words": OTHER_WORDS, **change})
    if "actors" not in change:
        b = replace(b, actors=())
    assert (match_score(a, b) is not None) is expected


def test_actor_spellings_match_across_documents():
    a = profile(actors=(EventActor("Yusuf Qadiri", "person", None),), lat=None, lon=None)
    b = profile(
        document_id="d2",
        actors=(EventActor("Yousef Qaderi", "person", None),),
        lat=None,
        lon=None,
        words=frozenset(),
    )
    assert match_score(a, b) is not None


@pytest.mark.parametrize(
    ("date_min", "date_max", "published", "expected"),
    [
        ("2026-05-04", "2026-05-04", "2026-05-06", (date(2026, 5, 4), date(2026, 5, 4))),
        (None, None, "2026-05-06", (date(2026, 5, 3), date(2026, 5, 6))),  # undated: days before
        ("2026-05-01", "2026-05-31", None, (date(2026, 5, 1), date(2026, 5, 31))),  # a month
        ("2026-01-01", "2026-12-31", "2026-05-06", None),  # a year: too vague to cluster
        (None, None, None, None),  # nothing to go on
    ],
)
def test_day_window(date_min, date_max, published, expected):
    assert day_window(date_min, date_max, published) == expected


# -- statements: a table of claim pairs ----------------------------------------------


def statement(text: str, family: str = "f1", certainty: str = "reported", **kw) -> StatementProfile:
    return StatementProfile(
        document_id=family,
        claim_id=text[:10],
        family_id=family,
        certainty=certainty,
        text=text,
        published=kw.get("published", date(2026, 5, 4)),
        window=kw.get("window"),
    )


STATEMENT_TABLE = [
    ("negation: injured vs no one injured", INJURED, DENIAL, {}, "negation"),
    (
        "quantity: 9 vs 2 people",
        INJURED,
        "Two people were injured when guards cleared the picket at the Lindqvist Gate.",
        {},
        "quantity",
    ),
    (
        "at least a dozen agrees with at least 9",
        INJURED,
        "At least a dozen people were injured at the Lindqvist Gate when guards cleared pickets.",
        {},
        "same",
    ),
    (
        "same family never contradicts",
        INJURED,
        DENIAL,
        {"same_family": True},
        None,
    ),
    (
        "hypothetical contradicts nothing",
        "The guards would clear the Lindqvist Gate if pickets blocked it.",
        "The guards did not clear the Lindqvist Gate.",
        {"certainty_a": "hypothetical"},
        None,
    ),
    ("two weeks apart", INJURED, DENIAL, {"published_b": date(2026, 6, 1)}, None),
    (
        "no shared name",
        "At least 9 people were injured when guards cleared a picket.",
        "No one was injured in the flood at Bresk.",
        {},
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "a", "b", "how", "expected"), STATEMENT_TABLE, ids=[c[0] for c in STATEMENT_TABLE]
)
def test_statement_table(case, a, b, how, expected):
    pa = statement(a, certainty=how.get("certainty_a", "reported"))
    pb = statement(
        b,
        family="f1" if how.get("same_family") else "f2",
        published=how.get("published_b", date(2026, 5, 6)),
    )
    result = compare(pb, pa)
    if expected is None:
        assert result is None or (result.contradiction is None and not result.same_statement)
    elif expected == "same":
        assert result is not None and result.contradiction is None
    else:
        assert result is not None and result.contradiction == expected


def test_statement_helpers():
    assert {"lindqvist", "gate"} <= anchors(INJURED)
    assert "monday" not in anchors(DENIAL)  # weekdays are not names
    assert "injur" in negated_words(DENIAL) and not negated_words(INJURED)
    assert quantities(INJURED)["people"] == (9, float("inf"))
    assert quantities("about 100 people marched")["people"] == (80, 120)


# -- the store ---------------------------------------------------------------------


def test_syndicated_copies_are_one_source(store: Store):
    for analysis in strike_corpus():
        store.add(analysis)
    (strike,) = store.events(min_sources=2)
    assert strike.type == "PROTEST"
    assert strike.reports == 4 and strike.documents == 4
    assert strike.sources == 3  # the wire and its copy count once
    assert strike.first_outlet in {"Tessaly Wire", "Kestrel Post"}
    assert strike.date == "2026-05-04"
    assert store.events(min_sources=4) == []
    detail = store.event(strike.id[:12].upper())  # a prefix in any case, on both engines
    families = {r.family_id for r in detail.reports}
    assert len(families) == 3
    originals = [r.claim.outlet for r in detail.reports if r.original]
    assert "Tessaly Wire" in originals and "Ostrava Daily Mirror" not in originals


def test_contradiction_found_once_and_in_order(store: Store):
    for analysis in strike_corpus():
        store.add(analysis)
    (c,) = store.contradictions()
    assert c.kind == "negation" and c.detail == "injur"
    assert c.claim.outlet == "Coastal Ledger" and c.other.outlet == "Kestrel Post"
    for analysis in strike_corpus():  # adding again changes nothing
        assert store.add(analysis) is False
    assert len(store.contradictions()) == 1


def test_event_denial_is_a_contradiction(store: Store):
    met = Spec(
        "Minister Ilse Varga met the guild leaders on Tuesday at the harbour office.",
        certainty="reported",
        event="CONSULT",
        date="2026-05-05",
        precision="day",
        actor=("Ilse Varga", "person", "XVL"),
    )
    denied = replace(
        met,
        text="Minister Ilse Varga denied meeting the guild leaders this week.",
        certainty="asserted",
        realis="negated",
        date="2026-W19",
        precision="week",
    )
    later = replace(met, text="Ilse Varga met guild leaders at the harbour on Tuesday evening.")
    later = replace(later, date="2026-05-12")
    store.add(article("Northreach Herald", "2026-05-05", [met]))
    store.add(article("Coastal Ledger", "2026-05-08", [denied]))
    store.add(article("Kestrel Post", "2026-05-13", [later]))
    clusters = store.events(min_sources=0, event_type="consult")
    assert sorted((c.sources, c.denials) for c in clusters) == [(1, 0), (1, 1)]
    (c,) = store.contradictions()
    assert c.kind == "negation" and c.detail == "CONSULT" and c.cluster_id
    assert "denied" in c.claim.text and c.other.outlet == "Northreach Herald"


def test_undated_articles_sort_first_on_both_engines(store: Store):
    # Ties on sources are broken by the first report's publication date, an
    # undated one first: SQLite's NULL order, which PostgreSQL is told to follow.
    def report(outlet: str, published: str | None, day: str) -> Analysis:
        spec = Spec(
            f"Guild members marched past the {outlet} offices in Valmora on {day}.",
            event="PROTEST",
            date=day,
            precision="day",
            place=VALMORA,
        )
        return article(outlet, published, [spec])  # type: ignore[arg-type]

    store.add(report("Kestrel Post", "2026-05-02", "2026-05-01"))
    store.add(report("Bresk Gazette", None, "2026-06-20"))
    clusters = store.events(min_sources=1)
    assert [c.first_published for c in clusters] == [None, "2026-05-02"]


def test_delete_keeps_counts_right(store: Store):
    corpus = strike_corpus()
    for analysis in corpus:
        store.add(analysis)
    store.delete(corpus[2].document.id)  # Kestrel Post
    (strike,) = store.events(min_sources=2)
    assert strike.sources == 2
    assert store.contradictions() == []


def _summaries(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(schema.event_summaries)).all())


def test_summaries_updated_per_document_equal_a_recompute(store: Store):
    # Syndicated copies (one family twice), a denial, an undated report, and a
    # later article that is published earlier than the cluster's first: each
    # add updates the summary rows by what it brings; the result must be what
    # recomputing every cluster from its links gives.
    early = own_report(
        "Lantern Daily",
        "2026-05-03",
        "Stevedores at the Valmora harbour stopped grain loading in a walkout.",
    )
    undated = own_report(
        "Undated Weekly", "2026-05-04", "Stevedores marched at the Valmora harbour."
    )
    undated = replace(undated, document=replace(undated.document, published=None))
    denial = "Port officials denied that stevedores walked off the job at the Valmora harbour."
    denied = article(
        "Harbour Gazette",
        "2026-05-05",
        [Spec(denial, event="PROTEST", realis="negated", date="2026-05-04", place=VALMORA)],
    )
    corpus = [*strike_corpus(), early, undated, denied]
    for analysis in corpus:
        store.add(analysis)
        with store.engine.begin() as conn:
            added = _summaries(store)
            clusters.refresh_summaries(conn, None)
        assert _summaries(store) == added, analysis.document.outlet
    (strike,) = [x for x in store.events(min_sources=0) if x.reports >= 4]
    assert strike.first_published == "2026-05-03" and strike.denials == 1


def test_corroboration_needs_no_datasketch_or_scipy(tmp_path):
    # The default install links documents: syndication computes datasketch's
    # MinHash in numpy, so blocking both imports must change nothing.
    code = (
        "import sys; sys.modules['datasketch'] = None; sys.modules['scipy'] = None\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_corroboration import strike_corpus\n"
        "from claimgraph.store import Store\n"
        f"with Store({str(tmp_path / 'lean.db')!r}) as store:\n"
        "    for analysis in strike_corpus():\n"
        "        store.add(analysis)\n"
        "    (strike,) = store.events(min_sources=2)\n"
        "    print(strike.sources)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3"]


def test_link_pending_documents(store: Store, monkeypatch):
    # Documents stored unlinked, as by a version that skipped linking.
    monkeypatch.setattr(corroboration, "link_document", lambda conn, analysis: None)
    for analysis in strike_corpus():
        store.add(analysis)
    assert store.events(min_sources=0) == []
    monkeypatch.undo()
    assert store.link() == 5
    assert store.link() == 0
    (strike,) = store.events(min_sources=2)
    assert strike.sources == 3


def test_unknown_cluster_is_a_clean_error(store: Store):
    store.add(wire())
    with pytest.raises(StoreError, match="no event cluster 'evc_nope'"):
        store.event("evc_nope")
    with pytest.raises(StoreError, match="min_sources"):
        store.events(min_sources=-1)


def test_cli_events_event_contradictions(store_url: str):
    db = store_url
    with Store(db) as s:
        for analysis in strike_corpus():
            s.add(analysis)
    runner = CliRunner()
    result = runner.invoke(app, ["events", "--db", db, "--min-sources", "3"])
    assert result.exit_code == 0, result.output
    assert "3 independent sources" in result.output and "4 reports" in result.output
    result = runner.invoke(app, ["events", "--db", db, "--min-sources", "3", "--json"])
    (row,) = [json.loads(line) for line in result.output.splitlines()]
    assert row["sources"] == 3
    result = runner.invoke(app, ["event", row["id"][:10], "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.count("• ") == 4 and "original" in result.output
    assert "Ostrava Daily Mirror" in result.output and "copy" in result.output
    result = runner.invoke(app, ["event", "evc_missing", "--db", db])
    assert result.exit_code == 2 and "no event cluster" in result.output
    result = runner.invoke(app, ["contradictions", "--db", db])
    assert result.exit_code == 0 and "negation: injur" in result.output
    assert "Coastal Ledger" in result.output and "Kestrel Post" in result.output


def test_statement_made_by_two_sources(store: Store):
    for analysis in strike_corpus():
        store.add(analysis)
    again = (
        "At least a dozen people were injured at the Lindqvist Gate when guards cleared pickets."
    )
    store.add(article("Northreach Herald", "2026-05-06", [Spec(again, certainty="reported")]))
    statements = store.statements(min_sources=2)
    injured = [st for st in statements if any("Lindqvist" in r.text for r in st.reports)]
    (st,) = injured
    assert st.sources == 2
    assert [r.outlet for r in st.reports] == ["Kestrel Post", "Northreach Herald"]
    # the wire story and its copy make one statement from one source
    assert all(x.sources >= 2 for x in statements)
    db = store.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["statements", "--db", db])
    assert result.exit_code == 0 and "2 independent sources" in result.output


def test_event_candidates_are_only_rows_that_overlap(store: Store):
    # A window's day_min range reaches MAX_WINDOW_DAYS back (month-wide
    # events); a day-precision event from three weeks earlier lies in it but
    # cannot overlap, and must not be read: on a dense store such rows were
    # most of what linking fetched, and grew with the store.
    sentence = "Stevedores walked off the job at the Valmora harbour, halting grain loading."
    early = own_report("Kestrel Post", "2026-04-12", sentence, date="2026-04-12")
    near = own_report("Northreach Herald", "2026-05-03", sentence + " Again.", date="2026-05-03")
    store.add(early)
    store.add(near)
    low, high = search_window(date(2026, 5, 4), date(2026, 5, 4))
    assert low.isoformat() < "2026-04-12"  # in the range the index scans
    window = ("PROTEST", low.isoformat(), high.isoformat())
    with store.engine.connect() as conn:
        keys = frozenset(conn.scalars(select(schema.event_keys.c.key)))
        assert keys  # both share the harbour's place cell
        read = event_linking._Candidates(conn, {window: keys})
    assert {document for document, _ in read.rows} == {near.document.id}
