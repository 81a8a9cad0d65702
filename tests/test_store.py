"""The store: lossless round trip, idempotence, atomicity, migrations, queries.

Tests taking ``store``, ``filled`` or ``store_url`` run on SQLite and on
PostgreSQL (``store_url`` in conftest.py); those marked "SQLite only" test
pragmas, files or the FTS5-less fallback, which PostgreSQL does not have.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

import claimgraph
from claimgraph.errors import SkippedDocument, StoreError
from claimgraph.ids import child_id, document_id
from claimgraph.records import (
    Actor,
    Analysis,
    Attribution,
    Block,
    Claim,
    Document,
    Event,
    EventDate,
    Place,
    TimeValue,
)
from claimgraph.store import SCHEMA_VERSION, AddResult, Store, convert, schema
from claimgraph.store.migrations import migrate

# -- fictional articles, built by hand ------------------------------------------


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def valmora() -> Analysis:
    t = (
        "Port workers strike in Valmora\n\n"
        "The union said dockworkers in Valmora began a strike on Tuesday. "
        "Mayor Ilse Varga condemned the strike."
    )
    doc = document_id(t)
    union = Actor(
        child_id(doc, "actor", "union"),
        "Dockworkers Union",
        "organization",
        sector="LAB",
        aliases=("the union",),
        mentions=(at(t, "The union"),),
    )
    workers = Actor(
        child_id(doc, "actor", "workers"),
        "dockworkers",
        "group",
        sector="CVL",
        country="XVL",
        mentions=(at(t, "dockworkers"),),
    )
    varga = Actor(
        child_id(doc, "actor", "varga"),
        "Ilse Varga",
        "person",
        sector="GOV",
        country="XVL",
        aliases=("Mayor Varga",),
        mentions=(at(t, "Ilse Varga"),),
    )
    city = Place(
        child_id(doc, "place", "valmora"),
        "Valmora",
        lat=52.5,
        lon=4.25,
        country="XVL",
        admin1="XV-01",
        geonames_id=9999001,
        precision="city",
        mentions=(at(t, "Valmora"), at(t, "Valmora", 1)),
    )
    tuesday = TimeValue(at(t, "Tuesday"), "Tuesday", "DATE", "2026-03-03")
    c1_span = at(t, "dockworkers in Valmora began a strike on Tuesday")
    c1 = Claim(
        id=child_id(doc, "claim", *c1_span),
        text=t[c1_span[0] : c1_span[1]],
        span=c1_span,
        sentence_span=(32, at(t, "Tuesday.")[1]),
        certainty="reported",
        attribution=(
            Attribution(union.id, "The union", at(t, "The union"), "said", at(t, "said")),
        ),
        event=Event(
            type="PROTEST",
            mode="strike",
            cameo="143",
            trigger_span=at(t, "strike", 1),
            source_actor=workers.id,
            target_actor=None,
            place=city.id,
            date=EventDate("2026-03-03", "day", tuesday.span),
            realis="actual",
            confidence=0.9,
        ),
        factuality=2.0,
    )
    c2_span = at(t, "Mayor Ilse Varga condemned the strike")
    c2 = Claim(
        id=child_id(doc, "claim", *c2_span),
        text=t[c2_span[0] : c2_span[1]],
        span=c2_span,
        sentence_span=(c2_span[0], c2_span[1] + 1),
        certainty="asserted",
        event=Event(
            type="ACCUSE",
            mode="disapprove",
            cameo=None,
            trigger_span=at(t, "condemned"),
            source_actor=varga.id,
            target_actor=workers.id,
            place=None,
            date=EventDate(None, "unknown", None),
        ),
        factuality=3.0,
    )
    document = Document(
        id=doc,
        text=t,
        title="Port workers strike in Valmora",
        url="https://ledger.example/strike",
        outlet="The Harbor Ledger",
        published="2026-03-05",
        language="en",
        author="A. Writer",
        blocks=(Block((0, 30), "title"), Block((32, len(t)), "body")),
        source="strike.html",
    )
    return Analysis(document, (union, workers, varga), (city,), (tuesday,), (c1, c2))


def kestrel() -> Analysis:
    t = (
        "Officials said Minister Oren Tal told reporters the port of Kestrel may close. "
        "Ilse Varga is expected to visit Kestrel next month."
    )
    doc = document_id(t)
    tal = Actor(
        child_id(doc, "actor", "tal"), "Oren Tal", "person", "GOV", "XKS", (), (at(t, "Oren Tal"),)
    )
    varga = Actor(
        child_id(doc, "actor", "varga"),
        "Ilse Varga",
        "person",
        sector="GOV",
        country="XVL",
        aliases=("Varga",),
        mentions=(at(t, "Ilse Varga"),),
    )
    port = Place(
        child_id(doc, "place", "kestrel"),
        "Kestrel",
        country="XKS",
        precision="city",
        mentions=(at(t, "Kestrel"), at(t, "Kestrel", 1)),
    )
    month = TimeValue(at(t, "next month"), "next month", "DATE", "2026-04")
    c3_span = at(t, "the port of Kestrel may close")
    c3 = Claim(
        id=child_id(doc, "claim", *c3_span),
        text=t[c3_span[0] : c3_span[1]],
        span=c3_span,
        sentence_span=(0, c3_span[1] + 1),
        certainty="hedged",
        attribution=(  # outermost first: officials say that Tal told
            Attribution(None, "Officials", at(t, "Officials"), "said", at(t, "said"), True),
            Attribution(tal.id, "Minister Oren Tal", at(t, "Minister Oren Tal"), "told", None),
        ),
        factuality=None,
    )
    c4_span = at(t, "Ilse Varga is expected to visit Kestrel next month")
    c4 = Claim(
        id=child_id(doc, "claim", *c4_span),
        text=t[c4_span[0] : c4_span[1]],
        span=c4_span,
        sentence_span=(c4_span[0], len(t)),
        certainty="hypothetical",
        event=Event(
            type="CONSULT",
            mode="visit",
            cameo="042",
            trigger_span=at(t, "visit"),
            source_actor=varga.id,
            target_actor=None,
            place=port.id,
            date=EventDate("2026-04", "month", month.span),
            realis="future",
            confidence=0.6,
        ),
    )
    document = Document(id=doc, text=t, outlet="Kestrel Times", published="2026-03-20")
    return Analysis(document, (tal, varga), (port,), (month,), (c3, c4))


def bare(text_: str = "A short note with nothing to report.") -> Analysis:
    return Analysis(Document(id=document_id(text_), text=text_))


@pytest.fixture
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def is_postgresql(url: str) -> bool:
    return url.startswith("postgresql")


@pytest.fixture
def filled(store: Store) -> Store:
    assert store.add_many([valmora(), kestrel(), bare()]) == AddResult(3, 0, 0)
    return store


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t.name: conn.scalar(select(func.count()).select_from(t)) for t in schema.CONTENT_TABLES
        }


def ids(rows) -> set[str]:
    return {r.text for r in rows}


# -- opening --------------------------------------------------------------------


def test_open_path_url_and_pragmas(tmp_path: Path):  # SQLite only: pragmas and paths
    with Store(str(tmp_path / "a.db")) as s:
        assert s.version == SCHEMA_VERSION
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with Store(f"sqlite:///{tmp_path / 'a.db'}") as s:
        assert s.count() == 0


def test_open_errors(tmp_path: Path):  # SQLite only: paths
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "missing" / "a.db")
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path)
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database, " * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store(junk)
    with pytest.raises(StoreError, match="cannot open store"):
        Store("nosuchdialect://host/db")


def test_open_postgresql_errors():
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    # port 1 on loopback: nothing listens there, so the connection is refused at once
    with pytest.raises(StoreError, match=r"cannot open store postgresql\+psycopg://nobody:\*\*\*@"):
        Store("postgresql://nobody:secret@127.0.0.1:1/none")  # psycopg 3 is the driver
    with pytest.raises(StoreError) as error:
        Store("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(error.value)


# -- round trip, idempotence, atomicity -----------------------------------------


@pytest.mark.parametrize("make", [valmora, kestrel, bare])
def test_round_trip(store: Store, make):
    analysis = make()
    assert store.add(analysis) is True
    assert store.get(analysis.document.id) == analysis
    assert store.get(analysis.document.id[:8].upper()) == analysis


def test_add_twice_changes_nothing(store: Store):
    assert store.add(valmora()) is True
    before = table_counts(store), store.stats(), store.documents()
    assert store.add(valmora()) is False
    assert (table_counts(store), store.stats(), store.documents()) == before
    assert store.add_many([valmora(), kestrel(), kestrel()]) == AddResult(1, 2, 0)
    assert store.count() == 2
    assert table_counts(store)["claims"] == 4


def test_add_is_all_or_nothing(store: Store, monkeypatch):
    real = convert.insert_table

    def failing(conn, table, rows):
        if table.name == "claims" and rows:
            raise RuntimeError("disk on fire")
        real(conn, table, rows)

    monkeypatch.setattr(convert, "insert_table", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(valmora())
    assert all(n == 0 for n in table_counts(store).values())
    # add_many keeps the documents before the failure, none of the failing one
    with pytest.raises(RuntimeError):
        store.add_many([bare(), valmora(), kestrel()])
    assert [d.id for d in store.documents()] == [bare().document.id]
    assert table_counts(store)["actors"] == 0
    monkeypatch.setattr(convert, "insert_table", real)
    assert store.add(valmora()) is True
    assert store.get(valmora().document.id) == valmora()


def test_inconsistent_analysis_is_a_store_error(store: Store):
    a = valmora()
    broken = Analysis(a.document, a.actors + a.actors[:1], a.places, a.times, a.claims)
    with pytest.raises(StoreError, match="must be unique"):
        store.add(broken)
    assert store.count() == 0
    with pytest.raises(StoreError, match="Analysis or SkippedDocument"):
        store.add_many(["not an analysis"])


def test_skipped_recorded(store: Store):
    skip = SkippedDocument("feed.jsonl:3", "empty document")
    result = store.add_many([valmora(), skip, valmora(), skip])
    assert result == AddResult(added=1, duplicates=1, skipped=2)
    (row,) = store.skipped()
    assert row["source"] == "feed.jsonl:3" and row["reason"] == "empty document"
    assert row["at"].endswith("Z")
    assert store.stats().skipped == 1
    store.record_skip("bad.html", "cannot parse HTML")
    assert [r["source"] for r in store.skipped()] == ["bad.html", "feed.jsonl:3"]
    assert store.has(valmora().document.id) and not store.has(kestrel().document.id)


def test_delete_cascades(filled: Store):
    doc = valmora().document.id
    assert filled.search("strike")
    filled.delete(doc[:10])
    assert doc not in filled
    assert filled.search("strike") == []
    assert table_counts(filled)["events"] == 1
    with pytest.raises(StoreError, match="no document"):
        filled.get(doc)


# -- get ------------------------------------------------------------------------


def test_get_errors(store: Store):
    a = Analysis(Document(id="abcdef01" + "0" * 56, text="one"))
    b = Analysis(Document(id="abcdef02" + "0" * 56, text="two"))
    store.add_many([a, b])
    assert store.get("abcdef01") == a
    with pytest.raises(StoreError, match="ambiguous"):
        store.get("abcdef0")
    with pytest.raises(StoreError, match="too short"):
        store.get("abcd")
    with pytest.raises(StoreError, match="no document"):
        store.get("ffffff")
    with pytest.raises(StoreError, match="no document"):
        store.get("f" * 64)
    with pytest.raises(StoreError, match="hex"):
        store.get("not-an-id")


# -- migrations -----------------------------------------------------------------


def test_migrates_version_1_database(store_url: str):
    engine = create_engine(store_url)
    assert migrate(engine, target=1) == 1
    with engine.begin() as conn:  # written by a claimgraph without the FTS index
        convert.insert_analysis(conn, valmora(), "2026-01-01T00:00:00Z")
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == 1
    engine.dispose()
    with Store(store_url) as s:
        assert s.version == SCHEMA_VERSION
        assert s.get(valmora().document.id) == valmora()
        assert len(s.search("strike")) == 2  # the index was built from stored claims


def test_migrates_version_0_database(store_url: str):
    if not is_postgresql(store_url):
        sqlite3.connect(make_url(store_url).database).close()  # an empty file
    with Store(store_url) as s:  # a new PostgreSQL database is empty too
        assert s.version == SCHEMA_VERSION
        s.add(valmora())
    with Store(store_url) as s:  # reopening is a no-op
        assert s.version == SCHEMA_VERSION and s.count() == 1


def execute(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_foreign_database_is_refused(store_url: str):
    execute(
        store_url,
        "CREATE TABLE documents (name TEXT)",
        "CREATE TABLE schema_version (version INTEGER)",  # empty
    )
    with pytest.raises(StoreError, match="not a claimgraph store: it has tables named documents"):
        Store(store_url)


def test_newer_database_is_refused(store_url: str):
    Store(store_url).close()
    execute(store_url, f"UPDATE schema_version SET version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="newer than this claimgraph"):
        Store(store_url)


# -- queries --------------------------------------------------------------------

C1 = "dockworkers in Valmora began a strike on Tuesday"
C2 = "Mayor Ilse Varga condemned the strike"
C3 = "the port of Kestrel may close"
C4 = "Ilse Varga is expected to visit Kestrel next month"


def test_claims_all_and_rows(filled: Store):
    rows = filled.claims()
    assert [r.text for r in rows] == [C3, C4, C1, C2]  # newest document first, text order
    c3 = rows[0]
    assert [link.source for link in c3.chain] == ["Officials", "Oren Tal"]
    assert c3.chain[0].anonymous and c3.source == "Officials"
    assert c3.chain_text == "Officials > Oren Tal"
    c1 = filled.claims(event_type="PROTEST")[0]
    assert c1.event.source == "dockworkers" and c1.event.place == "Valmora"
    assert c1.event.country == "XVL" and c1.event.date == "2026-03-03"
    assert c1.chain[0].source == "Dockworkers Union" and c1.title.startswith("Port")
    assert c1.as_dict()["event"]["type"] == "PROTEST"
    assert [r.text for r in filled.claims(limit=2, offset=1)] == [C4, C1]


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("Dockworkers Union", {C1}),  # attribution source
        ("THE UNION", {C1}),  # alias, any case
        ("ilse varga", {C2, C4}),  # event source (and mentioned)
        ("dockworkers", {C1, C2}),  # event source of C1, target of C2
        ("Oren Tal", {C3}),  # inner link of a chain
        ("officials", {C3}),  # an unnamed source, as written
        ("Varga", {C4}),  # an alias in one document only
        ("Nobody", set()),
    ],
)
def test_claims_by_actor(filled: Store, actor, expected):
    assert ids(filled.claims(actor=actor)) == expected


def test_claims_by_type_certainty_place_document(filled: Store):
    assert ids(filled.claims(event_type="protest")) == {C1}
    assert ids(filled.claims(certainty="hedged")) == {C3}
    assert ids(filled.claims(place="valmora")) == {C1}
    assert ids(filled.claims(place="XKS")) == {C3, C4}  # a mention in C3, the event in C4
    assert ids(filled.claims(place="xvl")) == {C1}
    assert ids(filled.claims(document=kestrel().document.id[:7])) == {C3, C4}
    assert ids(filled.claims(actor="Ilse Varga", place="Kestrel")) == {C4}
    with pytest.raises(StoreError, match="unknown certainty 'sure'; expected one of"):
        filled.claims(certainty="sure")
    with pytest.raises(StoreError, match="no document"):
        filled.claims(document="0123456789")


def test_claims_by_date(filled: Store):
    # event date when known, else the document's publication date
    assert ids(filled.claims(date_to="2026-03-04")) == {C1}
    assert ids(filled.claims(date_from="2026-03-05", date_to="2026-03-31")) == {C2, C3}
    assert ids(filled.claims(date_from="2026-04")) == {C4}  # a month-precision event
    assert ids(filled.claims(date_from="2026-04-30", date_to="2026-05-02")) == {C4}
    assert ids(filled.claims(date_from="2026", date_to="2026")) == {C1, C2, C3, C4}
    assert filled.claims(date_from="2027-01-01") == []
    with pytest.raises(StoreError, match="invalid date_from '5 March': use YYYY-MM-DD"):
        filled.claims(date_from="5 March")
    with pytest.raises(StoreError, match="invalid date_to"):
        filled.claims(date_to="2026-02-30")


def test_search(filled: Store):
    rows = filled.search("strike")
    assert ids(rows) == {C1, C2}
    assert all(r.rank is not None for r in rows)
    assert rows[0].rank <= rows[1].rank
    assert ids(filled.search("Valmora strike")) == {C1}
    assert ids(filled.search("strik*")) == {C1, C2}
    assert ids(filled.search('"port of kestrel"')) == {C3}
    assert ids(filled.search("kestrel OR tuesday")) == {C1, C3, C4}
    assert filled.search("U.S. sanctions") == []  # punctuation in plain words is fine
    assert len(filled.search("strike", limit=1)) == 1


def test_search_like_fallback(tmp_path: Path, monkeypatch):  # SQLite only: no FTS5
    from claimgraph.store import fts

    monkeypatch.setattr(fts, "available", lambda conn: False)  # a SQLite without FTS5
    with Store(tmp_path / "claims.db") as filled:
        filled.add_many([valmora(), kestrel(), bare()])
        assert ids(filled.search("valmora STRIKE")) == {C1}
        assert ids(filled.search("100%")) == set()
        assert all(r.rank == 0.0 for r in filled.search("strike"))


def test_two_stores_on_one_database(store_url: str):
    with Store(store_url) as one, Store(store_url) as two:
        assert one.add(valmora()) is True
        assert two.add(valmora()) is False
        assert two.add_many([kestrel()]).added == 1
        assert one.count() == 2


def test_document_stored_meanwhile_is_a_duplicate(store: Store, monkeypatch):
    """Another program (not taking the writers' lock) stores a document between
    the check and the insert: the insert's IntegrityError means "duplicate"."""
    from claimgraph.store import core

    real = core._exists
    assert store.add(valmora()) is True
    stale_checks = 0

    def stale(conn, document_id: str) -> bool:
        nonlocal stale_checks
        if stale_checks:
            stale_checks -= 1
            return False  # the check misses the row stored meanwhile
        return real(conn, document_id)

    monkeypatch.setattr(core, "_exists", stale)
    stale_checks = 1
    assert store.add(valmora()) is False
    stale_checks = 1
    assert store.add_many([valmora(), kestrel()]) == AddResult(1, 1, 0)
    assert store.count() == 2


def test_concurrent_writers(store_url: str):
    """Writers in threads adding overlapping documents: each stored once, none lost."""
    notes = [bare(f"Note number {i} from the harbour office.") for i in range(12)]
    results: list[AddResult] = []
    errors: list[BaseException] = []

    def write(part: list[Analysis]) -> None:
        try:
            with Store(store_url) as s:
                results.append(s.add_many(part, batch_size=3))
                for analysis in part:
                    s.add(analysis)  # a duplicate by now: False, never an error
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    # every document is in two of the three writers' lists
    parts = [notes[0:8], notes[4:12], notes[8:12] + notes[0:4]]
    threads = [threading.Thread(target=write, args=(part,)) for part in parts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(r.added for r in results) == 12
    assert sum(r.duplicates for r in results) == 12
    with Store(store_url) as s:
        assert s.count() == 12


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR (", "strike NEAR(", "nocol:strike", ""])
def test_search_bad_query_is_a_store_error(filled: Store, query):
    with pytest.raises(StoreError, match="invalid search query"):
        filled.search(query)


def test_actors_aggregated(filled: Store):
    rows = filled.actors()
    varga = rows[0]
    assert (varga.name, varga.type, varga.country) == ("Ilse Varga", "person", "XVL")
    assert varga.documents == 2 and varga.mentions == 2
    assert varga.aliases == ("Mayor Varga", "Varga")
    assert len(rows) == 4
    assert [r.name for r in filled.actors(name="VARG")] == ["Ilse Varga"]
    assert [r.name for r in filled.actors(name="the union")] == ["Dockworkers Union"]
    assert filled.actors(name="nobody") == []
    assert len(filled.actors(limit=1)) == 1


def test_stats_and_documents(filled: Store):
    stats = filled.stats()
    assert (stats.documents, stats.actors, stats.places, stats.claims, stats.events) == (
        3,
        5,
        2,
        4,
        3,
    )
    assert stats.events_by_type == {"ACCUSE": 1, "CONSULT": 1, "PROTEST": 1}
    assert stats.claims_by_certainty == {
        "asserted": 1,
        "hedged": 1,
        "hypothetical": 1,
        "reported": 1,
    }
    assert stats.as_dict()["skipped"] == 0
    assert filled.count() == 3
    docs = {d.id: d for d in filled.documents()}
    assert docs[valmora().document.id].claims == 2
    assert docs[valmora().document.id].outlet == "The Harbor Ledger"
    assert docs[bare().document.id].claims == 0
    assert len(filled.documents(limit=1, offset=2)) == 1


def test_date_bounds():
    assert convert.date_bounds("2026-02") == ("2026-02-01", "2026-02-28")
    assert convert.date_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert convert.date_bounds("2025-W06") == ("2025-02-03", "2025-02-09")
    assert convert.date_bounds("2025") == ("2025-01-01", "2025-12-31")
    assert convert.date_bounds("2025-02-05T10:00") == ("2025-02-05", "2025-02-05")
    assert convert.date_bounds("P3D") is None
    assert convert.date_bounds("2025-13") is None


# -- end to end -----------------------------------------------------------------

ARTICLE = (
    "Dockworkers in Hamburg began a strike on Tuesday, the union said. "
    "Officials said the minister met union leaders in Rotterdam on 3 March 2026."
)


def test_end_to_end(store: Store):
    analysis = claimgraph.analyze(ARTICLE, published="2026-03-05", outlet="The Harbor Ledger")
    assert store.add(analysis) is True
    assert store.add(claimgraph.analyze(ARTICLE, published="2026-03-05")) is False
    assert store.get(analysis.document.id) == analysis
    stats = store.stats()
    assert stats.claims == len(analysis.claims)
    assert stats.events == sum(c.event is not None for c in analysis.claims)
    rows = store.claims(limit=1000)
    assert [r.claim_id for r in rows] == [c.id for c in analysis.claims]
    if analysis.claims:
        word = max(analysis.claims[0].text.split(), key=len).strip(".,;:\"'“”")
        assert analysis.claims[0].id in {r.claim_id for r in store.search(word)}


def test_bad_document_id_is_refused(store: Store):
    with pytest.raises(StoreError, match="not a SHA-256 hex digest"):
        store.add(Analysis(Document(id="doc-1", text="one")))
    assert store.count() == 0


def test_sql_compiles_for_postgresql():
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable

    from claimgraph.store import query

    dialect = postgresql.dialect()
    for table in schema.metadata.sorted_tables:
        assert "CREATE TABLE" in str(CreateTable(table).compile(dialect=dialect))
        for index in table.indexes:
            str(CreateIndex(index).compile(dialect=dialect))
    f = query.ClaimFilter("Varga", "PROTEST", "hedged", "2026-01", "2026-02", "XKS", "ab" * 32)
    sql = str(query.ordered(query.apply(query.base_select(), f)).compile(dialect=dialect))
    assert "NULLS LAST" in sql and "EXISTS" in sql


# -- property: whatever is added comes back equal --------------------------------


# PostgreSQL text cannot hold NUL (U+0000), which normalized text never has
# (ids.normalize_text drops control characters); its INTEGER is 32-bit,
# which every GeoNames id fits (the largest is near 13 million).
_chars = st.characters(blacklist_categories=("Cs",))
_pg_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_pos = st.integers(0, 10_000)
_span = st.tuples(_pos, _pos)
_opt_span = st.none() | _span
_float = st.floats(-1e6, 1e6, allow_nan=False)
_ids = st.lists(st.text("abcdef0123456789", min_size=1, max_size=6), max_size=4, unique=True)


@st.composite
def analyses(draw, chars: st.SearchStrategy[str] = _chars, max_int: int = 2**40) -> Analysis:
    _text = st.text(chars, max_size=12)
    _opt_text = st.none() | _text
    body = draw(st.text(chars, min_size=1, max_size=40))
    doc = Document(
        id=document_id(body),
        text=body,
        title=draw(_opt_text),
        url=draw(_opt_text),
        outlet=draw(_opt_text),
        published=draw(st.none() | st.dates().map(str)),
        language=draw(st.none() | st.sampled_from(["en", "fr"])),
        author=draw(_opt_text),
        blocks=tuple(
            draw(st.lists(st.builds(Block, _span, st.sampled_from(["title", "body"])), max_size=3))
        ),
        source=draw(_opt_text),
    )
    actor_ids = draw(_ids)
    actors = tuple(
        Actor(
            i,
            draw(_text),
            draw(_text),
            draw(_opt_text),
            draw(_opt_text),
            tuple(draw(st.lists(_text, max_size=3))),
            tuple(draw(st.lists(_span, max_size=3))),
        )
        for i in actor_ids
    )
    places = tuple(
        Place(
            i,
            draw(_text),
            draw(st.none() | _float),
            draw(st.none() | _float),
            draw(_opt_text),
            draw(_opt_text),
            draw(st.none() | st.integers(0, max_int)),
            draw(st.none() | st.sampled_from(["city", "country"])),
            tuple(draw(st.lists(_span, max_size=3))),
        )
        for i in draw(_ids)
    )
    times = tuple(
        draw(st.lists(st.builds(TimeValue, _span, _text, st.just("DATE"), _opt_text), max_size=3))
    )
    attribution = st.builds(
        Attribution, _opt_text, _opt_text, _opt_span, _opt_text, _opt_span, st.booleans()
    )
    event = st.builds(
        Event,
        _text,
        _opt_text,
        _opt_text,
        _span,
        _opt_text,
        _opt_text,
        _opt_text,
        st.builds(
            EventDate, st.none() | st.sampled_from(["2025", "2025-02", "P3D"]), _text, _opt_span
        ),
        _text,
        _float,
    )
    claims = tuple(
        Claim(
            i,
            draw(_text),
            draw(_span),
            draw(_span),
            draw(st.sampled_from(["asserted", "hedged"])),
            tuple(draw(st.lists(attribution, max_size=3))),
            draw(st.none() | event),
            draw(st.none() | _float),
        )
        for i in draw(_ids)
    )
    return Analysis(doc, actors, places, times, claims)


@settings(max_examples=40, deadline=None)
@given(analysis=analyses())
def test_any_analysis_round_trips(analysis: Analysis):
    with Store(":memory:") as s:
        assert s.add(analysis) is True
        assert s.get(analysis.document.id) == analysis
        assert s.add(analysis) is False


@pytest.mark.postgresql
def test_any_analysis_round_trips_on_postgresql(pg_store_url: str):
    # One database for every example, emptied by deleting each example's document.
    with Store(pg_store_url) as s:

        @settings(max_examples=40, deadline=None)
        @given(analysis=analyses(_pg_chars, 2**31 - 1))
        def round_trip(analysis: Analysis) -> None:
            try:
                assert s.add(analysis) is True
                assert s.get(analysis.document.id) == analysis
                assert s.add(analysis) is False
            finally:
                if s.has(analysis.document.id):
                    s.delete(analysis.document.id)

        round_trip()


@pytest.mark.postgresql
def test_nul_character_is_a_store_error_on_postgresql(pg_store_url: str):
    a = valmora()
    broken = replace(a, document=replace(a.document, title="bad\x00title"))
    with Store(pg_store_url) as store:
        with pytest.raises(StoreError, match="NUL"):
            store.add(broken)
        with pytest.raises(StoreError, match="NUL"):
            store.add_many([bare(), broken])
        assert store.count() == 1


FTS5_TO_TSQUERY = [
    ("strike", "'strike'"),
    ('"Valmora" "strike"', "('Valmora' & 'strike')"),
    ("strik*", "'strik':*"),
    ('"port of kestrel"', "'port of kestrel'"),
    ("kestrel OR tuesday AND NOT", None),
    ("a NOT b c OR d", "((('a' & !'b') & 'c') | 'd')"),
    ("text:strike", "'strike'"),
    ("NEAR(port kestrel, 5)", "('port' & 'kestrel')"),
    ('"it""s" o\'brien', "('it\"s' & 'o''brien')"),
    ("(a OR b) c", "(('a' | 'b') & 'c')"),
    ('"a" + "b"', "'a' <-> 'b'"),
]


@pytest.mark.parametrize(("query", "expected"), FTS5_TO_TSQUERY)
def test_fts5_query_on_postgresql(query: str, expected: str | None):
    from claimgraph.store.fts_postgres import to_tsquery_text

    if expected is None:
        with pytest.raises(StoreError, match="invalid search query"):
            to_tsquery_text(query)
    else:
        assert to_tsquery_text(query) == expected


def test_new_sqlite_store_opened_by_threads_at_once(tmp_path):
    """Opening a new store from several threads at once never fails: the switch
    to WAL can be refused at once as a possible deadlock, and is retried (before,
    3 to 5 in 150 such openings failed with "database is locked")."""
    errors: list[BaseException] = []

    def open_and_count(path) -> None:
        try:
            with Store(path) as store:
                store.count()
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    for n in range(100):
        path = tmp_path / f"store{n}.db"
        threads = [threading.Thread(target=open_and_count, args=(path,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
