"""Export: JSON Lines that read back as the same analyses, CSV with one row per claim."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import claimgraph
from claimgraph.errors import ClaimgraphError
from claimgraph.export import CLAIM_COLUMNS, export
from claimgraph.ids import child_id, document_id
from claimgraph.output import from_dict
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
)
from claimgraph.store import Store

TEXT = (
    "Officials said Minister Oren Tal told reporters the port of Kestrel may close, "
    "sources said. Protesters in Kestrel blocked the port on 2 April 2026."
)


def span(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def kestrel() -> Analysis:
    doc = document_id(TEXT)
    tal = Actor(child_id(doc, "actor", "tal"), "Oren Tal", "person", "GOV", "XKS", ("Tal",))
    crowd = Actor(child_id(doc, "actor", "crowd"), "protesters", "group", "CVL", None, ())
    port = Place(child_id(doc, "place", "k"), "Kestrel", 1.5, -2.25, "XKS", precision="city")
    close = span("the port of Kestrel may close")
    block = span("Protesters in Kestrel blocked the port on 2 April 2026")
    claims = (
        Claim(
            child_id(doc, "claim", *close),
            TEXT[close[0] : close[1]],
            close,
            (0, close[1] + 1),
            "hedged",
            (
                Attribution(None, "Officials", span("Officials"), "said", span("said"), True),
                Attribution(tal.id, "Minister Oren Tal", span("Minister Oren Tal"), "told", None),
            ),
        ),
        Claim(
            child_id(doc, "claim", *block),
            TEXT[block[0] : block[1]],
            block,
            (block[0], len(TEXT)),
            "asserted",
            (),
            Event(
                "PROTEST",
                "demonstrate",
                "141",
                span("blocked"),
                crowd.id,
                None,
                port.id,
                EventDate("2026-04-02", "day", span("2 April 2026")),
            ),
            3.0,
        ),
    )
    document = Document(
        doc,
        TEXT,
        title="Kestrel port",
        outlet="Kestrel Times",
        published="2026-04-03",
        blocks=(Block((0, len(TEXT)), "body"),),
    )
    return Analysis(document, (tal, crowd), (port,), (), claims)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "claims.db") as s:
        s.add(kestrel())
        s.add(Analysis(Document(document_id("empty note"), "empty note")))
        yield s


def test_jsonl_reads_back(store: Store):
    out = io.StringIO()
    assert export(store, "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    back = {a.document.id: a for a in (from_dict(json.loads(line)) for line in lines)}
    assert back[kestrel().document.id] == kestrel()
    assert len(back) == 2


def test_csv_one_row_per_claim(store: Store):
    out = io.StringIO()
    assert export(store, "csv", out) == 2
    out.seek(0)
    reader = csv.DictReader(out)
    assert tuple(reader.fieldnames) == CLAIM_COLUMNS
    rows = list(reader)
    assert len(rows) == 2
    hedged, protest = sorted(rows, key=lambda r: r["certainty"], reverse=True)
    assert hedged["source"] == "Officials"
    assert hedged["chain"] == "Officials > Oren Tal"
    assert hedged["event_type"] == ""
    assert protest["event_type"] == "PROTEST" and protest["event_mode"] == "demonstrate"
    assert protest["event_source"] == "protesters" and protest["event_target"] == ""
    assert protest["event_date"] == "2026-04-02" and protest["event_place"] == "Kestrel"
    assert protest["outlet"] == "Kestrel Times" and protest["published"] == "2026-04-03"
    assert TEXT[int(protest["start"]) : int(protest["end"])] == protest["text"]


def test_csv_documents_and_actors(store: Store):
    out = io.StringIO()
    assert export(store, "csv", out, table="documents") == 2
    assert out.getvalue().splitlines()[0].startswith("id,title,url,outlet,published")
    out = io.StringIO()
    assert export(store, "csv", out, table="actors") == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["name"]: r["aliases"] for r in rows} == {"Oren Tal": "Tal", "protesters": ""}
    out = io.StringIO()
    assert export(store, "jsonl", out, table="actors") == 2
    assert json.loads(out.getvalue().splitlines()[0])["documents"] == 1


def test_unknown_format_or_table(store: Store):
    with pytest.raises(
        ClaimgraphError,
        match="unknown export format 'xml'; expected one of jsonl, csv, parquet, plover, gdelt, "
        "graphml",
    ):
        export(store, "xml", io.StringIO())
    with pytest.raises(ClaimgraphError, match="unknown export table 'events' for csv"):
        export(store, "csv", io.StringIO(), table="events")
    with pytest.raises(ClaimgraphError, match="gdelt exports every event and takes no table"):
        export(store, "gdelt", io.StringIO(), table="claims")


def test_export_end_to_end(tmp_path: Path):
    text = (
        "Dockworkers in Hamburg began a strike on Tuesday, the union said. "
        "Officials said the minister met union leaders in Rotterdam on 3 March 2026."
    )
    analysis = claimgraph.analyze(text, published="2026-03-05", outlet="The Harbor Ledger")
    with Store(tmp_path / "e2e.db") as store:
        store.add(analysis)
        out = io.StringIO()
        export(store, "jsonl", out)
        assert from_dict(json.loads(out.getvalue())) == analysis
        out = io.StringIO()
        assert export(store, "csv", out) == len(analysis.claims)
        assert len(out.getvalue().splitlines()) == 1 + len(analysis.claims)
