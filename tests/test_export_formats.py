"""Exports read back: Parquet (pyarrow), PLOVER JSON (the eval reader), GDELT TSV, GraphML
(networkx). The store is filled with hand-coded analyses of invented texts, so every
exported value can be asserted exactly."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimgraph
from claimgraph.cli.main import app
from claimgraph.errors import ClaimgraphError
from claimgraph.evaluate.plover import evaluate as evaluate_plover
from claimgraph.evaluate.plover import read_records
from claimgraph.export import export, export_parquet
from claimgraph.export.cameo import cameo_code, crosswalk, quad_class
from claimgraph.export.gdelt import COLUMNS as GDELT
from claimgraph.export.gdelt import event_id
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
)
from claimgraph.store import Store
from claimgraph.tables import FLAT_TABLES, analysis_from_rows

runner = CliRunner()

BORDER = (
    "Valdorian troops shelled border posts of Estmark on 4 May 2026, officials said. "
    "Dock workers in Norrin went on strike. "
    "Smugglers robbed a warehouse in Norrin."
)
WITNESS = "A witness said Valdorian troops shelled Estmark on 4 May 2026 near the river."
UNKNOWN = "empty note"


def at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def sentence(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    end = text.index(".", start) + 1
    begin = text.rfind(". ", 0, start)
    return (0 if begin < 0 else begin + 2), end


def border() -> Analysis:
    t = BORDER
    doc = document_id(t)
    troops = Actor(
        child_id(doc, "actor", "troops"),
        "Valdorian troops",
        "group",
        "MIL",
        "VLD",
        ("Valdorian soldiers",),
        (at(t, "Valdorian troops"),),
    )
    estmark = Actor(
        child_id(doc, "actor", "estmark"), "Estmark", "state", "GOV", "EST", (), (at(t, "Estmark"),)
    )
    workers = Actor(
        child_id(doc, "actor", "workers"), "dock workers", "group", "LAB", None, (),
        (at(t, "Dock workers"),),
    )  # fmt: skip
    smugglers = Actor(
        child_id(doc, "actor", "smugglers"), "smugglers", "group", "CRM", None, (),
        (at(t, "Smugglers"),),
    )  # fmt: skip
    norrin = Place(
        child_id(doc, "place", "norrin"),
        "Norrin",
        58.25,
        24.5,
        "EST",
        "EE-67",
        4242424,
        "city",
        (at(t, "Norrin"), at(t, "Norrin", 1)),
    )
    shell = at(t, "Valdorian troops shelled border posts of Estmark on 4 May 2026")
    strike = at(t, "Dock workers in Norrin went on strike")
    rob = at(t, "Smugglers robbed a warehouse in Norrin")
    claims = (
        Claim(
            child_id(doc, "claim", *shell),
            t[shell[0] : shell[1]],
            shell,
            sentence(t, "Valdorian"),
            "reported",
            (Attribution(None, "officials", at(t, "officials"), "said", at(t, "said"), True),),
            Event(
                "ASSAULT",
                "heavy-weapons",
                "180",
                at(t, "shelled"),
                troops.id,
                estmark.id,
                None,
                EventDate("2026-05-04", "day", at(t, "4 May 2026")),
                "actual",
                0.8,
            ),
            2.0,
        ),
        Claim(
            child_id(doc, "claim", *strike),
            t[strike[0] : strike[1]],
            strike,
            sentence(t, "Dock"),
            "asserted",
            (),
            Event(
                "PROTEST",
                "strike",
                None,
                at(t, "went on strike"),
                workers.id,
                None,
                norrin.id,
                EventDate(None, "unknown", None),
            ),
            3.0,
        ),
        Claim(
            child_id(doc, "claim", *rob),
            t[rob[0] : rob[1]],
            rob,
            sentence(t, "Smugglers"),
            "asserted",
            (),
            Event(
                "CRIME",
                None,
                None,
                at(t, "robbed"),
                smugglers.id,
                None,
                norrin.id,
                EventDate(None, "unknown", None),
            ),
        ),
    )
    document = Document(
        doc,
        t,
        title="Shelling at the border",
        url="https://news.example/valdoria-border",
        outlet="The Norrin Courier",
        published="2026-05-05",
        language="en",
        blocks=(Block((0, len(t)), "body"),),
    )
    return Analysis(document, (troops, estmark, workers, smugglers), (norrin,), (), claims)


def witness() -> Analysis:
    """Another outlet's report of the same shelling: one more article in its cluster."""
    t = WITNESS
    doc = document_id(t)
    troops = Actor(
        child_id(doc, "actor", "troops"), "Valdorian troops", "group", "MIL", "VLD", (),
        (at(t, "Valdorian troops"),),
    )  # fmt: skip
    estmark = Actor(
        child_id(doc, "actor", "estmark"), "Estmark", "state", "GOV", "EST", (), (at(t, "Estmark"),)
    )
    content = at(t, "Valdorian troops shelled Estmark on 4 May 2026 near the river")
    claim = Claim(
        child_id(doc, "claim", *content),
        t[content[0] : content[1]],
        content,
        (0, len(t)),
        "reported",
        (Attribution(None, "A witness", at(t, "A witness"), "said", at(t, "said"), True),),
        Event(
            "ASSAULT",
            None,
            "180",
            at(t, "shelled"),
            troops.id,
            estmark.id,
            None,
            EventDate("2026-05-04", "day", at(t, "4 May 2026")),
        ),
    )
    document = Document(
        doc,
        t,
        outlet="Estmark Radio",
        published="2026-05-04",
        blocks=(Block((0, len(t)), "body"),),
    )
    return Analysis(document, (troops, estmark), (), (), (claim,))


def unknown() -> Analysis:
    return Analysis(Document(document_id(UNKNOWN), UNKNOWN))


def analyses() -> list[Analysis]:
    return [border(), witness(), unknown()]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export") / "claims.db"
    with Store(path) as store:
        for analysis in analyses():
            store.add(analysis)
    return path


@pytest.fixture
def store(db: Path):
    with Store(db) as s:
        yield s


def _claim(analysis: Analysis, event_type: str) -> Claim:
    return next(c for c in analysis.claims if c.event and c.event.type == event_type)


# -- Parquet ---------------------------------------------------------------------


def test_parquet_tables_read_back_as_the_analyses(store: Store, tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pip install 'claimgraph[parquet]'")
    counts = export_parquet(store, tmp_path / "tables")
    assert counts == {
        "documents": 3,
        "actors": 6,
        "places": 1,
        "times": 0,
        "claims": 4,
        "events": 4,
    }
    read = {name: pq.read_table(tmp_path / "tables" / f"{name}.parquet") for name in counts}
    for name, table in read.items():
        assert tuple(table.column_names) == FLAT_TABLES[name].names
        assert table.num_rows == counts[name]
    assert str(read["events"].schema.field("trigger_start").type) == "int32"
    assert str(read["places"].schema.field("geonames_id").type) == "int64"

    rows = {name: table.to_pylist() for name, table in read.items()}
    events = {e["type"]: e for e in rows["events"]}
    assert events["ASSAULT"]["cameo"] == "180" and events["ASSAULT"]["date_value"] == "2026-05-04"
    assert events["CRIME"]["cameo"] is None
    assert rows["places"][0]["lat"] == 58.25 and rows["places"][0]["admin1"] == "EE-67"
    assert rows["places"][0]["mentions"] == [{"start": 96, "end": 102}, {"start": 151, "end": 157}]
    # The same tables the Spark runner writes: its reader rebuilds every analysis.
    back = {}
    for doc in rows["documents"]:
        key = doc["document_id"]
        children = [
            [r for r in rows[name] if r["document_id"] == key]
            for name in ("actors", "places", "times", "claims", "events")
        ]
        back[key] = analysis_from_rows(doc, *children)
    assert back == {a.document.id: a for a in analyses()}
    assert sorted(d["ordinal"] for d in rows["documents"]) == [0, 1, 2]


def test_parquet_writes_in_batches_and_one_table(store: Store, tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pip install 'claimgraph[parquet]'")
    from claimgraph.export.parquet import write_parquet

    assert write_parquet(store, tmp_path / "small", batch=1)["claims"] == 4
    # one row group per batch of documents that had rows: memory holds one batch
    assert pq.ParquetFile(tmp_path / "small" / "claims.parquet").num_row_groups == 2
    assert export_parquet(store, tmp_path / "events", table="events") == {"events": 4}
    assert [p.name for p in (tmp_path / "events").iterdir()] == ["events.parquet"]


def test_parquet_of_an_empty_store(tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pip install 'claimgraph[parquet]'")
    with Store(tmp_path / "empty.db") as store:
        assert set(export_parquet(store, tmp_path / "out").values()) == {0}
    events = pq.read_table(tmp_path / "out" / "events.parquet")
    assert events.num_rows == 0 and tuple(events.column_names) == FLAT_TABLES["events"].names


def test_parquet_bad_input(store: Store, tmp_path: Path, monkeypatch):
    with pytest.raises(ClaimgraphError, match="unknown export table 'blocks' for parquet"):
        export_parquet(store, tmp_path / "x", table="blocks")
    afile = tmp_path / "a.parquet"
    afile.write_text("not a folder")
    pytest.importorskip("pyarrow")
    with pytest.raises(ClaimgraphError, match="is a file: parquet writes one file per table"):
        export_parquet(store, afile)
    with pytest.raises(ClaimgraphError, match="not to a stream"):
        export(store, "parquet", io.StringIO())
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if not installed
    with pytest.raises(ClaimgraphError, match=r"pip install 'claimgraph\[parquet\]'"):
        export_parquet(store, tmp_path / "y")


# -- CAMEO crosswalk -----------------------------------------------------------


def test_cameo_codes_from_trigger_mode_or_type():
    assert cameo_code("CONSULT", None, "046") == "046"  # the trigger's own code
    assert cameo_code("PROTEST", "demo", "141") == "141"
    assert cameo_code("ASSAULT", "heavy-weapons", "180") == "194"  # mode beats the family head
    assert cameo_code("PROTEST", "strike", None) == "143"
    assert cameo_code("MOBILIZE", "weapons", None) == "150"  # unmapped mode: the family head
    assert cameo_code("CRIME", None, None) is None  # no CAMEO family: blank, never guessed
    assert [quad_class(c) for c in ("046", "0871", "112", "194", None)] == [1, 2, 3, 4, None]


@pytest.mark.shared
def test_crosswalk_agrees_with_the_official_table():
    path = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "plover_gsr"
    path = path / "CAMEO2PLOVER-2021.txt"
    if not path.exists():
        pytest.skip(f"needs {path} (the shared eval data) to compare against")
    official: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if match:
            official.setdefault(match.group(1), match.group(2))
    table = crosswalk()
    pairs = [(t, code) for t, code in table.roots.items()]
    pairs += [(t, code) for (t, _), code in table.modes.items()]
    assert len(pairs) > 60
    assert [(t, c, official.get(c)) for t, c in pairs if official.get(c) != t] == []


# -- PLOVER JSON --------------------------------------------------------------------


def _no_nulls(node) -> bool:
    if isinstance(node, dict):
        return all(v is not None and _no_nulls(v) for v in node.values())
    if isinstance(node, list):
        return all(_no_nulls(v) for v in node)
    return True


def test_plover_records_with_text_and_cite_info(store: Store, tmp_path: Path):
    path = tmp_path / "events.json"
    with path.open("w", encoding="utf-8") as out:
        assert export(store, "plover", out) == 4
    records = json.loads(path.read_text(encoding="utf-8"))
    assert _no_nulls(records)  # as in the gold records: absent, not null
    by_type = {r["event"]: r for r in records}
    text = BORDER
    shelling = next(r for r in records if r["id"] == _claim(border(), "ASSAULT").id)
    assert shelling["cameo"] == "194" and shelling["mode"] == "heavy-weapons"
    assert shelling["source"] == [{"actorText": "Valdorian troops", "code": "VLD", "sector": "MIL"}]
    assert shelling["target"] == [{"actorText": "Estmark", "code": "EST", "sector": "GOV"}]
    assert shelling["date"] == "2026-05-04" and shelling["dateCoded"][:2] == "20"
    assert shelling["text"] == text[: text.index(".") + 1]
    info = shelling["textInfo"]
    assert text[info["eventStart"] : info["eventEnd"]] == shelling["eventText"] == "shelled"
    assert text[info["sentenceStart"] : info["sentenceEnd"]] == shelling["text"]
    for role in ("source", "target", "date"):
        spans = info[role] if isinstance(info[role], list) else [info[role]]
        assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
    assert info["markup"] == (
        "(SRC: Valdorian troops) (EVT: shelled) border posts of (TAR: Estmark) "
        "on 4 May 2026, officials said."
    )
    cite = shelling["citeInfo"]
    assert cite["outlet"] == "The Norrin Courier" and cite["published"] == "2026-05-05"
    assert cite["url"] == "https://news.example/valdoria-border"
    assert cite["certainty"] == "reported" and cite["factuality"] == 2.0
    link = cite["attribution"][0]
    assert link["source"] == "officials" and link["anonymous"] is True
    assert text[link["cueStart"] : link["cueEnd"]] == link["cue"] == "said"
    strike = by_type["PROTEST"]
    assert strike["eventLoc"] == {
        "name": "Norrin",
        "country code": "EST",
        "admin1": "EE-67",
        "lat": 58.25,
        "lon": 24.5,
        "geonamesID": 4242424,
    }
    assert (
        strike["textInfo"]["markup"]
        == "(SRC: Dock workers) in (LOC: Norrin) (EVT: went on strike)."
    )
    assert "date" not in strike and "target" not in strike and "citeInfo" in strike
    assert "cameo" not in by_type["CRIME"]
    assert [r["event"] for r in read_records(path)] == [r["event"] for r in records]


def test_plover_export_reads_back_into_eval_plover(tmp_path: Path):
    texts = (
        "Dockworkers in Korrin began a strike on Tuesday.",
        "The minister of Estmark met union leaders in Rotterdam on 3 March 2026.",
        "Protesters blocked the main road into Varnholt on Monday.",
    )
    with Store(tmp_path / "analyzed.db") as store:
        for text in texts:
            store.add(claimgraph.analyze(text, published="2026-03-05", outlet="The Ledger"))
        path = tmp_path / "plover.json"
        with path.open("w", encoding="utf-8") as out:
            n = export(store, "plover", out)
    assert n >= len(texts)
    records = read_records(path)
    assert len(records) == n
    result = evaluate_plover(path)
    assert result["records"] == n and result["skipped"] == 0
    # Our own events, re-coded from the exported sentences, come back as the same types.
    assert result["event_type_recall"] == 1.0
    assert result["source_actor_text"] == 1.0


# -- GDELT TSV ------------------------------------------------------------------------


def test_gdelt_rows(store: Store):
    out = io.StringIO()
    assert export(store, "gdelt", out) == 4
    lines = out.getvalue().splitlines()
    assert all(line.count("\t") == len(GDELT) - 1 for line in lines)
    reader = csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t", quoting=csv.QUOTE_NONE)
    assert tuple(reader.fieldnames) == GDELT
    rows = {r["ClaimId"]: r for r in reader}
    shell = rows[_claim(border(), "ASSAULT").id]
    assert shell["EventCode"] == "194" and shell["EventBaseCode"] == "194"
    assert shell["EventRootCode"] == "19" and shell["QuadClass"] == "4"
    assert (shell["SQLDATE"], shell["MonthYear"], shell["Year"]) == ("20260504", "202605", "2026")
    assert (shell["Actor1Code"], shell["Actor1Name"], shell["Actor1CountryCode"]) == (
        "VLDMIL",
        "Valdorian troops",
        "VLD",
    )
    assert (shell["Actor2Name"], shell["Actor2CountryCode"], shell["Actor2Type1Code"]) == (
        "Estmark",
        "EST",
        "GOV",
    )
    assert shell["SOURCEURL"] == "https://news.example/valdoria-border"
    assert shell["Certainty"] == "reported" and shell["AttributedTo"] == "officials"
    assert int(shell["GLOBALEVENTID"]) == event_id(shell["ClaimId"]) < 2**63
    assert len(shell["DATEADDED"]) == 14 and shell["DATEADDED"].startswith("20")
    # The witness's report of the same shelling.
    assert (shell["NumArticles"], shell["NumSources"]) == ("2", "2")
    other = rows[witness().claims[0].id]
    assert other["EventClusterId"] == shell["EventClusterId"] and other["EventCode"] == "180"
    strike = rows[_claim(border(), "PROTEST").id]
    assert strike["EventCode"] == "143" and strike["SQLDATE"] == "" and strike["Year"] == ""
    assert (strike["ActionGeo_FullName"], strike["ActionGeo_CountryCode"]) == ("Norrin", "EST")
    assert (strike["ActionGeo_Lat"], strike["ActionGeo_Long"]) == ("58.25", "24.5")
    assert strike["ActionGeo_FeatureID"] == "4242424" and strike["Actor2Name"] == ""
    crime = rows[_claim(border(), "CRIME").id]
    assert (crime["EventCode"], crime["EventRootCode"], crime["QuadClass"]) == ("", "", "")
    assert crime["PloverType"] == "CRIME"


# -- GraphML ----------------------------------------------------------------------------


def test_graphml_reads_in_networkx(store: Store, tmp_path: Path):
    nx = pytest.importorskip("networkx", reason="pip install -e '.[dev]'")
    path = tmp_path / "actors.graphml"
    with path.open("w", encoding="utf-8") as out:
        assert export(store, "graphml", out) == 1
    graph = nx.read_graphml(path)
    assert graph.is_directed() and graph.number_of_nodes() == 4
    nodes = {data["name"]: (node, data) for node, data in graph.nodes(data=True)}
    troops_id, troops = nodes["Valdorian troops"]
    estmark_id, estmark = nodes["Estmark"]
    assert troops["country"] == "VLD" and troops["sector"] == "MIL" and troops["type"] == "group"
    assert troops["aliases"] == "Valdorian soldiers"
    assert troops["documents"] == 2 and troops["mentions"] == 2
    assert estmark["country"] == "EST" and "country" not in nodes["dock workers"][1]
    edge = graph.edges[troops_id, estmark_id]
    assert edge["weight"] == 2 and edge["types"] == "ASSAULT=2" and edge["documents"] == 2
    assert set(edge["claims"].split()) == {
        _claim(border(), "ASSAULT").id,
        witness().claims[0].id,
    }
    assert not graph.has_edge(estmark_id, troops_id)


def test_graphml_escapes_names(tmp_path: Path):
    nx = pytest.importorskip("networkx", reason="pip install -e '.[dev]'")
    t = "The <Union> & Co accused Estmark of fraud."
    doc = document_id(t)
    union = Actor(
        child_id(doc, "actor", "u"), "The <Union> & Co", "organization", None, None, (), ((0, 16),)
    )
    est = Actor(
        child_id(doc, "actor", "e"), "Estmark", "state", "GOV", "EST", (), (at(t, "Estmark"),)
    )
    event = Event(
        "ACCUSE",
        "allege",
        "112",
        at(t, "accused"),
        union.id,
        est.id,
        None,
        EventDate(None, "unknown", None),
    )
    claim = Claim(
        child_id(doc, "claim", 0, len(t)), t, (0, len(t)), (0, len(t)), "asserted", (), event
    )
    with Store(tmp_path / "x.db") as store:
        store.add(
            Analysis(
                Document(doc, t, blocks=(Block((0, len(t)), "body"),)),
                (union, est),
                (),
                (),
                (claim,),
            )
        )
        out = io.StringIO()
        export(store, "graphml", out)
    graph = nx.parse_graphml(out.getvalue())
    assert {d["name"] for _, d in graph.nodes(data=True)} == {"The <Union> & Co", "Estmark"}


# -- the command ------------------------------------------------------------------------


def test_cli_writes_every_format(db: Path, tmp_path: Path):
    pytest.importorskip("pyarrow")
    folder = tmp_path / "pq"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "parquet", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.parquet" for t in FLAT_TABLES)
    assert "events" in result.output
    for fmt, first in (("plover", "["), ("gdelt", "GLOBALEVENTID"), ("graphml", "<?xml")):
        target = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["export", "--db", str(db), "-f", fmt, "--out", str(target)])
        assert result.exit_code == 0, result.output
        assert target.read_text(encoding="utf-8").startswith(first)
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "csv", "--table", "actors"])
    assert result.exit_code == 0 and result.stdout.startswith("name,type,sector")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "parquet"], "parquet writes one file per table into a folder: give --out DIR"),
        (["-f", "plover", "--table", "claims"], "plover exports every event and takes no table"),
        (["-f", "graphml", "--table", "actors"], "graphml exports the actor network"),
        (["-f", "csv", "--table", "events"], "unknown export table 'events' for csv"),
        (["-f", "parquet", "--table", "skipped", "--out", "x"], "unknown export table 'skipped'"),
        (["-f", "xml"], "unknown export format 'xml'"),
    ],
)
def test_cli_bad_combinations(tmp_path: Path, args: list[str], message: str):
    db = tmp_path / "never.db"
    result = runner.invoke(app, ["export", "--db", str(db), *args])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert not db.exists()  # checked before the store is opened (or created)
