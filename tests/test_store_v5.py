"""Store schema version 5 (issue 7): ``event_links.words``, each linked event's
content words stored once, so linking reads candidates' words instead of
re-tokenising their sentences. On SQLite and PostgreSQL (``store_url``)."""

from __future__ import annotations

from sqlalchemy import create_engine, select, text

from claimgraph.resolve.event_match import content_words
from claimgraph.store import SCHEMA_VERSION, Store, corroboration, schema
from claimgraph.store.engines import setup_engine
from test_store_v4 import answers, corpus  # noqa: E402


def _words(url: str) -> dict[tuple[str, str], str | None]:
    engine = create_engine(url)
    el = schema.event_links
    with engine.connect() as conn:
        rows = conn.execute(select(el.c.document_id, el.c.claim_id, el.c.words)).all()
    engine.dispose()
    return {(r.document_id, r.claim_id): r.words for r in rows}


def _sentence_words(store: Store) -> dict[tuple[str, str], str]:
    """What each linked event's words must be: its sentence, tokenised."""
    out = {}
    for (doc, claim), _ in _words(store.engine.url.render_as_string(False)).items():
        analysis = store.get(doc)
        found = next(c for c in analysis.claims if c.id == claim)
        start, end = found.sentence_span
        out[(doc, claim)] = corroboration.event_words(
            content_words(analysis.document.text[start:end])
        )
    return out


def test_linking_stores_each_events_words(store_url: str):
    with Store(store_url) as store:
        store.add_many(corpus())
        expected = _sentence_words(store)
    assert expected and _words(store_url) == expected


def test_version_4_store_gets_words_backfilled_and_links_the_same(
    store_url: str, request, tmp_path
):
    """A version-4 store (no words column) is migrated and backfilled; linking
    more documents afterwards gives what one fresh store gives."""
    analyses = corpus()
    # The reference: everything added to a fresh store on the same engine.
    fresh_url = f"sqlite:///{tmp_path / 'fresh.db'}"
    if store_url.startswith("postgresql"):
        fresh_url = request.getfixturevalue("pg_store_url")
    with Store(fresh_url) as fresh:
        fresh.add_many(analyses)
        expected = answers(fresh)
        words = _sentence_words(fresh)
    with Store(store_url) as store:
        store.add_many(analyses[:-3])
    engine = create_engine(store_url)
    setup_engine(engine)
    with engine.begin() as conn:  # back to version 4: the column did not exist
        conn.execute(text("ALTER TABLE event_links DROP COLUMN words"))
        conn.execute(text("UPDATE schema_version SET version = 4"))
    engine.dispose()
    with Store(store_url) as migrated:
        assert migrated.version == SCHEMA_VERSION == 6
        assert None not in _words(store_url).values()
        migrated.add_many(analyses[-3:])  # linked against backfilled words
        got = answers(migrated)
    assert _words(store_url) == words
    for key in expected:
        if key != "search":  # ranks differ between two databases
            assert got[key] == expected[key], key
