"""Store schema version 4 (issue 8): the migration from version 3, keyset
pagination of claims, exact actor lookups, the event summary table and the
read-only SQL views. On SQLite and PostgreSQL (``store_url`` in conftest.py);
the views are also read with the standard library's ``sqlite3``, as any
SQLite tool would.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from claimgraph.errors import StoreError
from claimgraph.records import Analysis
from claimgraph.store import SCHEMA_VERSION, Store, clusters, corroboration, schema
from claimgraph.store.convert import insert_analysis
from claimgraph.store.engines import setup_engine
from claimgraph.store.migrations import migrate
from claimgraph.store.views import VIEWS
from test_corroboration import Spec, article, strike_corpus  # noqa: E402
from test_store import bare, kestrel, valmora  # noqa: E402


def corpus() -> list[Analysis]:
    """Dated and undated documents, syndicated copies, a denial, aliases."""
    undated = article(
        "Undated Weekly",
        None,  # type: ignore[arg-type]
        [
            Spec("The guild said talks with the port authority would resume.", "reported"),
            Spec("Stevedores marched past the Valmora customs house.", event="PROTEST"),
        ],
    )
    return [*strike_corpus(), valmora(), kestrel(), bare(), undated]


@pytest.fixture
def store(store_url: str):
    with Store(store_url) as s:
        yield s


def is_postgresql(url: str) -> bool:
    return url.startswith("postgresql")


def answers(store: Store) -> dict[str, object]:
    """What the API serves from a store, for comparing two stores."""
    events = store.events(min_sources=0, limit=1000)
    return {
        "claims": store.claims(limit=1000),
        "events": events,
        "details": [store.event(e.id) for e in events],
        "actors": store.actors(limit=1000),
        "varga": (store.actor("Ilse Varga"), store.claims(actor="ilse varga")),
        "alias": (store.actor("the union"), store.claims(actor="The Union")),
        "search": store.search("strike"),
        "week": store.claims(date_from="2026-05-01", date_to="2026-05-07"),
    }


# -- migration 3 → 4 ----------------------------------------------------------------


def write_version_3(url: str, analyses: list[Analysis]) -> None:
    """A store as claimgraph wrote it at schema version 3: content and
    corroboration tables, no actor_names, event_summaries, indexes or views."""
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    setup_engine(engine)
    assert migrate(engine, target=3) == 3
    with engine.begin() as conn:
        for analysis in analyses:
            insert_analysis(conn, analysis, "2026-01-01T00:00:00Z")
            # Version 3's link_document: the same three steps, no summary.
            family = corroboration._link_family(conn, analysis)
            corroboration._link_events(conn, analysis, family)
            corroboration._link_claims(conn, analysis, family)
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == 3
    engine.dispose()


def test_version_3_store_migrates_and_answers_the_same(store_url: str, request, tmp_path):
    write_version_3(store_url, corpus())
    with Store(store_url) as migrated:
        assert migrated.version == SCHEMA_VERSION == 6
        got = answers(migrated)
    # the same corpus stored by this version, on the same engine (search ranks differ)
    fresh_url = str(tmp_path / "fresh.db")
    if is_postgresql(store_url):
        fresh_url = request.getfixturevalue("pg_store_url")
    with Store(fresh_url) as fresh:
        fresh.add_many(corpus())
        expected = answers(fresh)
    for key in expected:
        assert got[key] == expected[key], key
    assert got["events"] and got["varga"][1] and got["alias"][0]


# -- keyset pagination ----------------------------------------------------------------


def test_cursor_pages_are_the_offset_pages(store: Store):
    store.add_many(corpus())
    everything = store.claims(limit=1000)
    assert everything[-1].published is None  # the walk crosses into undated documents
    for size in (1, 2, 3):
        pages, cursor = [], None
        while rows := store.claims(limit=size, cursor=cursor):
            pages.extend(rows)
            cursor = store.cursor_of(rows[-1])
        assert pages == everything
        assert store.claims(limit=size, offset=size) == store.claims(
            limit=size, cursor=store.cursor_of(everything[size - 1])
        )
    assert list(store.iter_claims(page=2)) == everything
    # filters hold across pages
    reported = store.claims(certainty="reported", limit=1000)
    first = store.claims(certainty="reported", limit=1)
    rest = store.claims(certainty="reported", limit=1000, cursor=store.cursor_of(first[0]))
    assert first + rest == reported


@pytest.mark.parametrize("cursor", ["", "not base64!", "WzEsMl0", "bnVsbA", "WyJhIiwiYiIsdHJ1ZV0"])
def test_bad_cursor_is_a_store_error(store: Store, cursor: str):
    with pytest.raises(StoreError, match="invalid cursor"):
        store.claims(cursor=cursor)


def test_cursor_and_offset_together_is_an_error(store: Store):
    store.add(valmora())
    (row,) = store.claims(limit=1)
    with pytest.raises(StoreError, match="not both"):
        store.claims(cursor=store.cursor_of(row), offset=1)


def test_api_claims_next_link_uses_the_cursor(tmp_path):
    from claimgraph.web.app import create_app

    path = tmp_path / "api.db"
    with Store(path) as s:
        s.add_many(corpus())
        everything = [r.claim_id for r in s.claims(limit=1000)]
    with TestClient(create_app(path)) as client:
        seen, url = [], "/api/claims?limit=2"
        while url:
            body = client.get(url).json()
            seen.extend(c["claim_id"] for c in body["items"])
            url = body["next"]
            assert (url is None) == (body["next_cursor"] is None)
            if url:
                assert "cursor=" in url and "offset=" not in url
        assert seen == everything
        deep = client.get("/api/claims?limit=2&offset=2").json()
        assert [c["claim_id"] for c in deep["items"]] == everything[2:4]
        bad = client.get("/api/claims?cursor=nonsense")
        assert bad.status_code == 400 and "invalid cursor" in bad.json()["error"]
        page = client.get("/claims?limit=2")
        assert page.status_code == 200 and "cursor=" in page.text


# -- actors ---------------------------------------------------------------------------


def test_exact_actor_lookup(store: Store):
    store.add_many([valmora(), kestrel()])
    (varga,) = store.actor("  ILSE varga ")
    assert (varga.name, varga.documents, varga.aliases) == (
        "Ilse Varga",
        2,
        ("Mayor Varga", "Varga"),
    )
    assert [a.name for a in store.actor("mayor varga")] == ["Ilse Varga"]  # an alias
    assert store.actor("Varg") == [] and store.actor(" ") == []  # not a substring search
    assert [a.name for a in store.actors(name="VARG")] == ["Ilse Varga"]  # that one is


def test_non_ascii_names_fold_on_both_engines(store: Store):
    base = valmora()
    renamed = tuple(
        replace(a, name="Émile Ôrsted", aliases=("Ärztekammer",)) if a.name == "Ilse Varga" else a
        for a in base.actors
    )
    store.add(replace(base, actors=renamed))
    # SQLite's lower() folds ASCII only: the names are folded by Python on insert
    assert [a.name for a in store.actor("émile ôrsted")] == ["Émile Ôrsted"]
    assert [a.name for a in store.actor("ÄRZTEKAMMER")] == ["Émile Ôrsted"]
    assert store.claims(actor="émile ôrsted") == store.claims(actor="Émile Ôrsted") != []


# -- event summaries --------------------------------------------------------------------


def summaries(store: Store) -> set[tuple]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(schema.event_summaries)).all())


def recomputed(store: Store) -> set[tuple]:
    with store.engine.connect() as conn:
        return {
            (*row, row.first_published or "") for row in conn.execute(clusters._aggregate()).all()
        }


def test_event_summaries_follow_adds_and_deletes(store: Store):
    docs = corpus()
    for analysis in docs:
        store.add(analysis)
        assert summaries(store) == recomputed(store)
    assert max(s.sources for s in store.events(min_sources=0)) == 3
    for analysis in docs[:3]:  # the wire story, its copy, an own report
        store.delete(analysis.document.id)
        assert summaries(store) == recomputed(store)
    assert max(s.sources for s in store.events(min_sources=0)) == 1
    for analysis in docs[3:]:
        store.delete(analysis.document.id)
    assert summaries(store) == set() == recomputed(store)


def test_events_list_order_and_filters(store: Store):
    store.add_many(corpus())
    every = store.events(min_sources=0, limit=1000)
    keys = [(-e.sources, e.first_published or "", e.id) for e in every]
    assert keys == sorted(keys)
    assert store.events(min_sources=2) == [e for e in every if e.sources >= 2]
    protests = store.events(min_sources=0, event_type="protest")
    assert protests and {e.type for e in protests} == {"PROTEST"}
    assert store.events(min_sources=0, limit=2, offset=1) == every[1:3]


# -- views ------------------------------------------------------------------------------


def view_rows(store_url: str, store: Store, sql: str) -> list[tuple]:
    """Rows of ``sql``: on SQLite through the standard library (as any SQLite tool)."""
    if is_postgresql(store_url):
        with store.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    with sqlite3.connect(make_url(store.name).database) as conn:
        return conn.execute(sql).fetchall()


def test_views_answer_plain_sql(store_url: str, store: Store):
    store.add_many(corpus())
    claims = {(r.document_id, r.claim_id): r for r in store.claims(limit=1000)}
    rows = view_rows(
        store_url,
        store,
        "SELECT document_id, claim_id, outlet, published, certainty, source_chain,"
        " event_type, event_source, event_target, cluster_id FROM claims_view",
    )
    assert len(rows) == len(claims)
    for doc, claim, outlet, published, certainty, chain, etype, source, target, _ in rows:
        row = claims[(doc, claim)]
        assert (outlet, published, certainty) == (row.outlet, row.published, row.certainty)
        assert (chain or "") == row.chain_text
        event = row.event
        assert (etype, source, target) == (
            (event.type, event.source, event.target) if event else (None, None, None)
        )
    assert any(r[5] for r in rows) and any(r[9] for r in rows)

    (strike,) = store.events(min_sources=3)
    reports = view_rows(
        store_url,
        store,
        "SELECT outlet, family_id, realis, certainty, cluster_sources FROM event_reports"
        f" WHERE cluster_id = '{strike.id}' ORDER BY outlet",
    )
    detail = store.event(strike.id)
    assert len(reports) == len(detail.reports) == strike.reports
    assert sorted(r[0] for r in reports) == sorted(r.claim.outlet for r in detail.reports)
    assert {r[1] for r in reports} == {r.family_id for r in detail.reports}
    assert {r[4] for r in reports} == {strike.sources}

    pairs = view_rows(
        store_url,
        store,
        "SELECT source_actor, target_actor, event_type, events FROM actor_interactions",
    )
    expected: dict[tuple, int] = {}
    for row in claims.values():
        if row.event and row.event.source and row.event.target:
            key = (row.event.source, row.event.target, row.event.type)
            expected[key] = expected.get(key, 0) + 1
    assert {(a, b, t): n for a, b, t, n in pairs} == expected


def test_views_are_listed(store_url: str, store: Store):
    if is_postgresql(store_url):
        sql = "SELECT table_name FROM information_schema.views WHERE table_schema = 'public'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'view'"
    assert sorted(r[0] for r in view_rows(store_url, store, sql)) == sorted(VIEWS)


def test_optimize_writes_planner_statistics(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as s:
        s.add_many(corpus())
        s.optimize()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT tbl FROM sqlite_stat1")}
    assert {"documents", "claims", "events"} <= tables


def test_views_and_columns_documented(tmp_path):
    documented = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text("utf-8")
    with Store(tmp_path / "s.db"):
        pass
    with sqlite3.connect(tmp_path / "s.db") as conn:
        for view in VIEWS:
            assert f"``{view}``" in documented
            columns = [c[0] for c in conn.execute(f"SELECT * FROM {view} LIMIT 0").description]
            for column in columns:
                assert f"``{column}``" in documented, f"{view}.{column} undocumented"


def test_statistics_refresh_after_bulk_adds(tmp_path, monkeypatch):
    from claimgraph.store import core

    monkeypatch.setattr(core, "OPTIMIZE_EVERY", 2)
    path = tmp_path / "s.db"

    def analyzed_rows() -> tuple | None:
        with sqlite3.connect(path) as conn:
            return conn.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'documents'").fetchone()

    with Store(path) as s:
        first = analyzed_rows()  # migration 4 analyzed the empty store
        s.add(valmora())
        assert analyzed_rows() == first  # one document: not yet
        s.add(kestrel())
        assert analyzed_rows() != first  # the second: statistics of 2 documents
        s.add(strike_corpus()[0])
    with sqlite3.connect(path) as conn:  # closing after an add refreshed them again
        (stat,) = conn.execute(
            "SELECT stat FROM sqlite_stat1 WHERE idx = 'sqlite_autoindex_documents_1'"
        ).fetchone()
    assert stat.startswith("3 ")
