"""`make demo`'s job on the bundled corpus, through the library and the CLI."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimgraph
from claimgraph.cli import app
from claimgraph.summary import summary

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with claimgraph.Store(str(db)) as store:
        result = claimgraph.ingest([CORPUS], store)
    return db, result


def test_corpus_ingests_with_the_german_article_skipped(demo_store):
    _, result = demo_store
    assert result.added == 12
    assert result.errors == []
    assert [s.source.rsplit("/", 1)[-1] for s in result.skipped] == ["hafen-streik-de.txt"]
    assert "'de'" in result.skipped[0].reason


def test_reingesting_adds_nothing(demo_store):
    db, _ = demo_store
    with claimgraph.Store(str(db)) as store:
        before = store.stats()
        again = claimgraph.ingest([CORPUS], store)
        assert again.added == 0 and again.already_stored == 12
        assert store.stats() == before


def test_summary_counts(demo_store):
    db, _ = demo_store
    with claimgraph.Store(str(db)) as store:
        s = summary(store)
    assert s.documents == 12
    assert s.skipped == 1
    assert sum(s.by_certainty.values()) == s.claims > 100
    assert s.by_type and sum(s.by_type.values()) == s.events
    assert {"reported", "asserted", "hedged", "negated"} <= set(s.by_certainty)
    assert s.outlets["Meridian Wire Service"] == 2
    assert s.top_events and all(e.realis == "actual" for e in s.top_events)


def test_summary_command_prints_the_tables(demo_store):
    db, _ = demo_store
    result = CliRunner().invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0, result.output
    for heading in ("claims by certainty", "events by type", "top events", "reported by"):
        assert heading in result.stdout


def test_every_cli_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    documented = set(re.findall(r"claimgraph ([\w-]+)", readme))
    assert commands <= documented, f"undocumented commands: {commands - documented}"


def _families(store) -> dict[str, set[str]]:
    from sqlalchemy import select

    from claimgraph.store import schema

    f, d = schema.document_families, schema.documents
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(f.c.family_id, d.c.source).join(d, d.c.id == f.c.document_id)
        ).all()
    out: dict[str, set[str]] = {}
    for family, source in rows:
        out.setdefault(family, set()).add(Path(source).name)
    return out


def test_wire_copies_form_one_family(demo_store):
    db, _ = demo_store
    with claimgraph.Store(str(db)) as store:
        families = _families(store)
    wire = {"meridian-port-strike.txt", "coastline-port-strike-wire.txt",
            "valley-courier-port-strike-wire.txt"}  # fmt: skip
    assert wire in families.values()
    assert len(families) == 10  # 12 documents, one family of three


def test_strike_has_three_independent_sources(demo_store):
    db, _ = demo_store
    with claimgraph.Store(str(db)) as store:
        strikes = [c for c in store.events(min_sources=3) if c.type == "PROTEST"]
        assert len(strikes) == 1
        (strike,) = strikes
        detail = store.event(strike.id)
    assert strike.sources == 3 and strike.reports >= 5
    assert strike.date == "2026-03-03"
    assert strike.first_published == "2026-03-03"
    outlets = {r.claim.outlet for r in detail.reports}
    assert {"Meridian Wire Service", "The Harbor Ledger", "Northgate Tribune"} <= outlets
    originals = {r.claim.outlet for r in detail.reports if r.original}
    assert "Meridian Wire Service" in originals and "Valley Courier" not in originals


def test_demo_contradictions_and_near_misses(demo_store):
    db, _ = demo_store
    with claimgraph.Store(str(db)) as store:
        found = store.contradictions()
    pairs = {(c.other.outlet, c.claim.outlet, c.kind) for c in found}
    assert ("The Harbor Ledger", "Coastline Daily", "negation") in pairs  # injuries
    assert ("Northgate Tribune", "Coastline Daily", "negation") in pairs  # the meeting
    texts = " ".join(c.claim.text + " " + c.other.text for c in found)
    assert "Tuesday evening" not in texts  # the 10 March meeting is another meeting
    assert "temporary workers" not in texts  # a conditional contradicts nothing
    assert "anchorage" not in texts  # 14 vessels and 23 ships: different days


def test_summary_shows_corroboration(demo_store):
    db, _ = demo_store
    result = CliRunner().invoke(app, ["summary", "--db", str(db)])
    assert "events across outlets" in result.stdout
    assert "3 independent sources" in result.stdout
    assert "contradiction (negation" in result.stdout
