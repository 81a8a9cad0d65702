"""The HTTP API and web pages, in process (FastAPI's TestClient), over a store of
hand-built fictional articles: no spaCy pipeline, no server, no network."""

from __future__ import annotations

import re
import shutil
import warnings
from dataclasses import replace

import pytest

pytest.importorskip("fastapi", reason="the web layer needs the web extra")

with warnings.catch_warnings():  # starlette's notice that it prefers httpx2
    warnings.filterwarnings("ignore", message=".*httpx.*")
    from fastapi.testclient import TestClient
from typer.testing import CliRunner  # noqa: E402

from claimgraph.cli.main import app as cli  # noqa: E402
from claimgraph.errors import ClaimgraphError  # noqa: E402
from claimgraph.ids import child_id  # noqa: E402
from claimgraph.records import Actor, Analysis, Attribution, Claim, Document  # noqa: E402
from claimgraph.store import Store  # noqa: E402
from claimgraph.web import create_app  # noqa: E402
from claimgraph.web.api import MAX_LIMIT  # noqa: E402
from test_corroboration import UNION, VALMORA, Spec, article, strike_corpus  # noqa: E402

TOKEN = "test-token-for-writes"

HARBOUR = (
    "The harbour master Odile Fenwick said the night shift would resume on Friday "
    "after the guild accepted the bonus offer."
)
HOSTILE = (
    "Readers sent <script>alert(1)</script> and a link [win](javascript:alert(1)) "
    "with &amp; and &lt;b&gt; entities to the Valmora desk."
)


def with_chain(analysis: Analysis, sentence: str, speaker: str, cue: str) -> Analysis:
    """The claim ``sentence`` of ``analysis`` attributed to ``speaker`` (an actor) by ``cue``."""
    doc = analysis.document
    start = doc.text.index(sentence)
    who = doc.text.index(speaker, start)
    actor = Actor(
        child_id(doc.id, "actor", speaker),
        speaker,
        "person",
        country="XVL",
        aliases=("Fenwick",),
        mentions=((who, who + len(speaker)),),
    )
    at = doc.text.index(cue, start)
    link = Attribution(
        actor.id, f"The harbour master {speaker}", (start, who + len(speaker)), cue, (at, at + 4)
    )
    claims = tuple(
        replace(c, attribution=(link,), certainty="reported") if c.text == sentence else c
        for c in analysis.claims
    )
    return replace(analysis, actors=(*analysis.actors, actor), claims=claims)


def harbour() -> Analysis:
    resume = Spec(
        HARBOUR,
        event="COOPERATE",
        date="2026-05-08",
        precision="day",
        actor=UNION,
        place=VALMORA,
    )
    analysis = with_chain(
        article("Harbour Courier", "2026-05-06", [resume]), HARBOUR, "Odile Fenwick", "said"
    )
    # the guild cooperates with the harbour master: an edge of both actors' networks
    fenwick = next(a for a in analysis.actors if a.name == "Odile Fenwick")
    claims = tuple(
        replace(c, event=replace(c.event, target_actor=fenwick.id)) if c.event else c
        for c in analysis.claims
    )
    return replace(analysis, claims=claims)


def hostile() -> Analysis:
    analysis = article("Night <Desk> & Co", "2026-05-07", [Spec(HOSTILE, certainty="hedged")])
    doc = replace(
        analysis.document,
        title='Evil <img src=x onerror="alert(2)"> title',
        url="javascript:alert(3)",
    )
    return replace(analysis, document=doc)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        for analysis in [*strike_corpus(), harbour(), hostile()]:
            store.add(analysis)
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def fake_analyzer(document: Document) -> Analysis:
    """One claim per non-title paragraph, as asserted: enough to store and query."""
    claims = []
    for block in document.blocks:
        if block.kind != "body":
            continue
        span = block.span
        text = document.text[span[0] : span[1]]
        claims.append(Claim(child_id(document.id, "claim", *span), text, span, span, "asserted"))
    return Analysis(document, claims=tuple(claims))


@pytest.fixture()
def writer(db, tmp_path):
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    app = create_app(str(copy), allow_write=True, token=TOKEN, analyzer=fake_analyzer)
    with TestClient(app) as c:
        yield c


def doc_id(client, outlet: str) -> str:
    rows = client.get("/api/documents", params={"limit": 100}).json()["items"]
    return next(r["id"] for r in rows if r["outlet"] == outlet)


# -- JSON API ----------------------------------------------------------------------


def test_stats_and_overview(client):
    stats = client.get("/api/stats").json()
    assert stats["documents"] == 7
    assert {"key": "PROTEST", "count": 4} in stats["events_by_type"]
    overview = client.get("/api/overview").json()
    assert overview["stats"] == stats
    assert overview["sampled_events"] == stats["events"]
    (valmora,) = overview["places"]
    assert valmora["name"] == "Valmora" and valmora["events"] == 5
    # a corpus of one week is drawn by day
    assert {p["period"] for p in overview["timeline"]} >= {"2026-05-04", "2026-05-08"}


def test_documents_paginate(client):
    first = client.get("/api/documents", params={"limit": 3}).json()
    assert len(first["items"]) == 3 and first["offset"] == 0
    assert "offset=3" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 3 and second["offset"] == 3
    last = client.get(second["next"]).json()
    assert len(last["items"]) == 1 and last["next"] is None
    ids = {d["id"] for page in (first, second, last) for d in page["items"]}
    assert len(ids) == 7
    assert "text" not in first["items"][0]


def test_document_by_prefix_and_as_claimgraph(client):
    doc = doc_id(client, "Harbour Courier")
    detail = client.get(f"/api/document/{doc[:10]}").json()
    assert detail["id"] == doc and HARBOUR in detail["text"]
    (claim,) = [c for c in detail["claims"] if c["text"] == HARBOUR]
    assert claim["chain"][0]["source"] == "Odile Fenwick" and claim["chain"][0]["cue"] == "said"
    assert claim["event"]["type"] == "COOPERATE" and claim["event"]["place"] == "Valmora"
    contract = client.get(f"/api/document/{doc}", params={"format": "claimgraph"}).json()
    assert contract["schema"].startswith("claimgraph/") and contract["documents"][0]["id"] == doc


def test_document_errors_are_clean(client):
    r = client.get("/api/document/" + "f" * 64)
    assert r.status_code == 404 and r.json()["error"].startswith("no document")
    r = client.get("/api/document/xyz!")
    assert r.status_code == 400 and "hex digits" in r.json()["error"]
    r = client.get("/api/document/abc")
    assert r.status_code == 400 and "too short" in r.json()["error"]
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"certainty": "reported"}, {HARBOUR, "At least 9 people"}),
        ({"type": "cooperate"}, {HARBOUR}),
        ({"actor": "Fenwick"}, {HARBOUR}),
        ({"actor": "Odile Fenwick", "certainty": "asserted"}, set()),
        ({"from": "2026-05-08", "type": "COOPERATE"}, {HARBOUR}),
        ({"to": "2026-05-03"}, set()),
        ({"place": "XVL", "type": "COOPERATE"}, {HARBOUR}),
        ({"certainty": "hedged", "actor": ""}, {"Readers sent"}),  # a blank field: no filter
    ],
)
def test_claim_filters(client, params, expected):
    items = client.get("/api/claims", params={**params, "limit": 100}).json()["items"]
    found = {text for text in expected if any(c["text"].startswith(text) for c in items)}
    assert found == expected
    if not expected:
        assert items == []


def test_claim_filter_errors(client):
    r = client.get("/api/claims", params={"certainty": "sure"})
    assert r.status_code == 400 and "unknown certainty 'sure'" in r.json()["error"]
    r = client.get("/api/claims", params={"from": "May 2026"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["error"]
    r = client.get("/api/claims", params={"limit": MAX_LIMIT + 1})
    assert r.status_code == 400 and "limit" in r.json()["error"]
    r = client.get("/api/claims", params={"offset": -1})
    assert r.status_code == 400


def test_claims_paginate(client):
    total = len(client.get("/api/claims", params={"limit": MAX_LIMIT}).json()["items"])
    seen = []
    url = "/api/claims?limit=2"
    while url:
        body = client.get(url).json()
        seen += [c["claim_id"] + c["document_id"] for c in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == total


def test_search(client):
    items = client.get("/api/search", params={"q": "bonus offer"}).json()["items"]
    assert items[0]["text"] == HARBOUR and items[0]["rank"] is not None
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["items"] == []
    assert client.get("/api/search", params={"q": ""}).status_code == 400
    assert client.get("/api/search").status_code == 400


def test_actors(client):
    items = client.get("/api/actors").json()["items"]
    names = {a["name"] for a in items}
    assert {"Valmora Stevedores Guild", "Odile Fenwick"} <= names
    (fenwick,) = client.get("/api/actors", params={"name": "fenwick"}).json()["items"]
    assert fenwick["aliases"] == ["Fenwick"]
    detail = client.get("/api/actor/Odile Fenwick").json()
    assert detail["actor"]["name"] == "Odile Fenwick"
    assert [d["outlet"] for d in detail["documents"]] == ["Harbour Courier"]
    assert detail["timeline"] == [{"period": "2026-05-08", "counts": {"mentions": 1}}]
    by_alias = client.get("/api/actor/fenwick").json()
    assert by_alias["actor"]["name"] == "Odile Fenwick"
    r = client.get("/api/actor/Nobody Atall")
    assert r.status_code == 404 and "no actor named" in r.json()["error"]


def test_events_and_event(client):
    events = client.get("/api/events", params={"min_sources": 2}).json()["items"]
    (strike,) = events
    assert strike["type"] == "PROTEST" and strike["sources"] == 3
    everything = client.get("/api/events", params={"min_sources": 0}).json()["items"]
    assert len(everything) > 1
    only = client.get("/api/events", params={"min_sources": 0, "type": "cooperate"}).json()
    assert [e["type"] for e in only["items"]] == ["COOPERATE"]
    detail = client.get(f"/api/event/{strike['id'][:10]}").json()
    assert detail["cluster"]["id"] == strike["id"]
    assert len(detail["reports"]) == 4
    assert sum(r["original"] for r in detail["reports"]) == 3
    assert detail["place"]["name"] == "Valmora" and detail["place"]["lat"] == 41.2
    r = client.get("/api/event/evc_nope")
    assert r.status_code == 404 and "no event cluster" in r.json()["error"]
    assert client.get("/api/events", params={"min_sources": -1}).status_code == 400


def test_statements_and_contradictions(client):
    (copied,) = client.get("/api/statements").json()["items"]
    assert copied["sources"] == 2 and len(copied["reports"]) >= 2
    (c,) = client.get("/api/contradictions").json()["items"]
    assert c["kind"] == "negation" and c["claim"]["outlet"] == "Coastal Ledger"
    assert c["other"]["outlet"] == "Kestrel Post"


def test_openapi_schema(client):
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/api/documents",
        "/api/document/{document_id}",
        "/api/claims",
        "/api/search",
        "/api/actors",
        "/api/actor/{name}",
        "/api/events",
        "/api/event/{cluster_id}",
        "/api/statements",
        "/api/contradictions",
        "/api/stats",
        "/api/overview",
        "/api/ingest",
    ):
        assert path in paths, path
    assert not any(p.startswith("/document") for p in paths)  # pages are not API
    assert "ClaimOut" in schema["components"]["schemas"]


# -- HTML pages ----------------------------------------------------------------------


def pages(client) -> dict[str, str]:
    doc = doc_id(client, "Harbour Courier")
    strike = client.get("/api/events", params={"min_sources": 2}).json()["items"][0]["id"]
    return {
        "/": "/api/overview",
        "/documents": "/api/documents",
        f"/document/{doc}": f"/api/document/{doc}",
        "/claims?certainty=reported": "/api/claims?certainty=reported",
        "/search?q=strike": "/api/search?q=strike",
        "/actors": "/api/actors",
        "/actor/Odile%20Fenwick": "/api/actor/Odile%20Fenwick",
        "/events?min_sources=0": "/api/events?min_sources=0",
        f"/event/{strike}": f"/api/event/{strike}",
        "/statements": "/api/statements",
        "/contradictions": "/api/contradictions",
    }


def test_every_page_renders_and_links_its_json_twin(client):
    for page, twin in pages(client).items():
        r = client.get(page)
        assert r.status_code == 200, page
        assert r.headers["content-type"].startswith("text/html")
        assert f'href="{twin}"' in r.text.replace("&amp;", "&"), page
        assert client.get(twin).status_code == 200, twin
        assert "Content-Security-Policy" in r.headers
        # no external request: every src/href is local (or an article's own http link)
        for url in re.findall(r'(?:src|href)="([^"]+)"', r.text):
            assert url.startswith(("/", "#", "?")), (page, url)


def test_static_files_are_served(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and ".c-reported" in css.text
    from claimgraph.records import CERTAINTIES

    for certainty in CERTAINTIES:  # the legend has a colour for every class
        assert f".c-{certainty} " in css.text
    assert client.get("/static/claims.js").status_code == 200


def test_overview_draws_charts(client):
    html = client.get("/").text
    assert html.count("<svg") >= 2
    assert re.search(
        r"<rect [^>]*fill=\"#[0-9A-F]{6}\"><title>2026-05-04 · PROTEST: 4</title>", html
    )
    assert "<circle" in html and "Valmora (XVL): 5 events" in html


def test_document_page_highlights_claims_with_chains(client):
    doc = doc_id(client, "Harbour Courier")
    html = client.get(f"/document/{doc}").text
    (claim_id,) = re.findall(
        r'<a class="claim c-reported" href="#claim-([^"]+)"[^>]*>The harbour', html
    )
    assert f'<details class="claim-card c-border-reported" id="claim-{claim_id}">' in html
    card = html[html.index(f'id="claim-{claim_id}"') :]
    card = card[: card.index("</details>")]
    assert "Odile Fenwick" in card and "(said)" in card and "COOPERATE" in card
    assert 'title="reported · says: Odile Fenwick · COOPERATE"' in html
    assert 'class="legend"' in html


def test_event_page_lists_reports_side_by_side(client):
    strike = client.get("/api/events", params={"min_sources": 2}).json()["items"][0]["id"]
    html = client.get(f"/event/{strike}").text
    assert html.count('<article class="report">') == 4
    for outlet in ("Tessaly Wire", "Ostrava Daily Mirror", "Kestrel Post", "Northreach Herald"):
        assert outlet in html
    assert html.count(">original<") == 3 and html.count(">copy<") == 1
    assert '<strong class="sources">3</strong> independent sources' in html
    assert "<h2>Contradictions</h2>" in html
    assert "<circle" in html


def test_actor_and_search_and_contradiction_pages(client):
    html = client.get("/actor/Odile%20Fenwick").text
    assert "<li>Fenwick</li>" in html and "Harbour Courier" in html and "<svg" in html
    assert '<a href="/actor/Valmora%20Stevedores%20Guild"><circle' in html  # the network
    detail = client.get("/api/actor/Valmora Stevedores Guild").json()
    assert {"key": "Odile Fenwick", "count": 1} in detail["interactions"]
    html = client.get("/search?q=bonus+offer").text
    assert "The harbour master Odile Fenwick" in html
    assert "claims match" in client.get("/search?q=zeppelin").text
    html = client.get("/contradictions").text
    assert "negation: injur" in html and "Coastal Ledger" in html


def test_html_errors_are_pages(client):
    r = client.get("/document/" + "0" * 64)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "no document" in r.text and "Traceback" not in r.text
    r = client.get("/claims?limit=100000")
    assert r.status_code == 400 and "limit" in r.text
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "<html" in r.text
    assert client.get("/api/no/such").json() == {"error": "Not Found"}


def test_untrusted_article_text_renders_inert(client):
    doc = doc_id(client, "Night <Desk> & Co")
    html = client.get(f"/document/{doc}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count("<script") == 1  # only the local /static/claims.js
    assert not re.search(r"(href|src)=\"\s*javascript:", html, re.I)
    assert '<span class="url">javascript:alert(3)</span>' in html  # shown, not linked
    assert "&amp;amp; and &amp;lt;b&amp;gt;" in html  # entities shown as written
    assert "<img" not in html and "&lt;img src=x onerror=" in html
    assert "Night &lt;Desk&gt; &amp; Co" in html
    # the same text is inert in every listing that shows it
    for page in ("/claims?certainty=hedged", "/search?q=Readers", "/documents", "/"):
        body = client.get(page).text
        assert "<script>alert" not in body and "<img" not in body, page


# -- writes ------------------------------------------------------------------------


def test_read_only_server_refuses_writes(client):
    r = client.post("/api/ingest", content="Some text.", headers={"content-type": "text/plain"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]


def test_writes_need_the_token(writer):
    body = {"content": "A story.\n\nThe ferry to Bresk sailed late.", "headers": {}}
    r = writer.post("/api/ingest", **body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = writer.post(
        "/api/ingest", content=body["content"], headers={"authorization": "Bearer wrong"}
    )
    assert r.status_code == 401 and "token" in r.json()["error"]


def auth(kind: str) -> dict[str, str]:
    return {"authorization": f"Bearer {TOKEN}", "content-type": kind}


def test_ingest_text_then_query_it(writer):
    text = "Ferry delays\n\nThe ferry to Bresk sailed four hours late on Tuesday."
    r = writer.post(
        "/api/ingest",
        content=text,
        params={"outlet": "Quay Gazette", "published": "2026-05-12"},
        headers=auth("text/plain; charset=utf-8"),
    )
    assert r.status_code == 200, r.text
    (added,) = r.json()["added"]
    doc = writer.get(f"/api/document/{added}").json()
    assert doc["outlet"] == "Quay Gazette" and doc["published"] == "2026-05-12"
    assert "four hours late" in writer.get("/api/search?q=ferry").json()["items"][0]["text"]
    again = writer.post("/api/ingest", content=text, headers=auth("text/plain"))
    assert again.json()["already_stored"] == [added] or again.json()["added"] == []


def test_ingest_json_and_html(writer):
    records = [
        {"text": "Grain prices\n\nGrain prices at Valmora rose for a third week.", "outlet": "A"},
        {"title": "no body"},
    ]
    r = writer.post("/api/ingest", json=records, headers={"authorization": f"Bearer {TOKEN}"})
    body = r.json()
    assert r.status_code == 200 and len(body["added"]) == 1
    assert body["skipped"][0]["source"] == "<http>:2" and "neither" in body["skipped"][0]["reason"]
    page = (
        "<html><head><title>Dock cranes</title></head><body><article>"
        "<p>The new dock cranes at Valmora arrived by barge on Wednesday morning.</p>"
        "<p>Engineers expect them to be working before the end of the month.</p>"
        "</article></body></html>"
    )
    r = writer.post("/api/ingest", content=page, headers=auth("text/html"))
    assert r.status_code == 200 and len(r.json()["added"]) == 1, r.text


def test_ingest_bad_bodies(writer):
    r = writer.post("/api/ingest", content="{", headers=auth("application/json"))
    assert r.status_code == 400 and "invalid JSON" in r.json()["error"]
    r = writer.post("/api/ingest", content=b"x", headers=auth("application/pdf"))
    assert r.status_code == 415
    r = writer.post("/api/ingest", content=b"\xff\xfe", headers=auth("text/plain"))
    assert r.status_code == 400 and "UTF-8" in r.json()["error"]
    r = writer.post("/api/ingest", content="  ", headers=auth("text/plain"))
    assert r.status_code == 422 and "empty" in r.json()["error"]


def test_ingest_analyzes_with_the_servers_options(tmp_path):
    """POST /api/ingest runs the real pipeline with the options the server was given
    (here a user dictionary, as `serve --allow-write --dictionary` passes it)."""
    from claimgraph.options import Options

    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "- {name: Zarqa Brigade, aliases: [Zarqa], type: organization, sector: REB,"
        " country: JOR}\n",
        encoding="utf-8",
    )
    text = "Clashes near Tafila\n\nFighters of Zarqa attacked a checkpoint near Tafila."
    for options, expected in (
        (Options(dictionaries=(str(mine),)), ("organization", "REB", "JOR")),
        (None, None),  # the default options: no such actor
    ):
        app = create_app(str(tmp_path / "new.db"), allow_write=True, token=TOKEN, options=options)
        with TestClient(app) as c:
            r = c.post("/api/ingest", content=text, headers=auth("text/plain"))
            assert r.status_code == 200, r.text
            rows = c.get("/api/actors", params={"name": "Zarqa Brigade"}).json()["items"]
        got = next(((a["type"], a["sector"], a["country"]) for a in rows), None)
        assert got == expected
        (tmp_path / "new.db").unlink()


def test_write_mode_needs_a_token(db):
    with pytest.raises(ClaimgraphError, match="token"):
        create_app(db, allow_write=True)


# -- the command -------------------------------------------------------------------


def test_serve_command(db, tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMGRAPH_TOKEN", raising=False)
    runner = CliRunner()
    r = runner.invoke(cli, ["serve", "--db", db, "--allow-write"])
    assert r.exit_code == 2 and "--allow-write needs a token" in r.output
    r = runner.invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert r.exit_code == 2 and "no store at" in r.output
    assert not (tmp_path / "missing.db").exists()
    r = runner.invoke(cli, ["serve", "--db", db, "--get", "/api/stats"])
    assert r.exit_code == 0 and '"documents":7' in r.output
    r = runner.invoke(cli, ["serve", "--db", db, "--get", "/api/event/evc_nope"])
    assert r.exit_code == 1 and "no event cluster" in r.output
    # how POST /api/ingest analyzes: only with writes, and checked before serving
    for args, message in (
        (["--model", "another_pipeline"], "they need --allow-write"),
        (["--cue-tagger"], "they need --allow-write"),
        (["--allow-write", "--token", "t", "--model", "no_such_pipeline"], "not installed"),
        (["--allow-write", "--token", "t", "--dictionary", str(tmp_path / "none.yaml")], "none"),
    ):
        r = runner.invoke(cli, ["serve", "--db", db, *args, "--get", "/api/stats"])
        assert r.exit_code == 2 and message in r.output, (args, r.output)


def test_html_pages_paginate(client):
    html = client.get("/documents?limit=3").text
    assert 'rel="next" href="/documents?limit=3&amp;offset=3"' in html
    assert 'rel="prev"' not in html
    html = client.get("/documents?limit=3&offset=6").text
    assert 'rel="prev" href="/documents?limit=3&amp;offset=3"' in html
    assert 'rel="next"' not in html


def test_charts_geometry():
    from claimgraph.web import charts
    from claimgraph.web.models import PlacePoint, TimelinePoint

    chart = charts.stacked_bars(
        [
            TimelinePoint(period="2026-05", counts={"PROTEST": 3, "ASSAULT": 1}),
            TimelinePoint(period="2026-04", counts={"PROTEST": 1}),
        ]
    )
    assert [b.label for b in chart.bars] == [
        "2026-04 · PROTEST: 1",
        "2026-05 · PROTEST: 3",
        "2026-05 · ASSAULT: 1",
    ]
    assert chart.bars[1].height == pytest.approx(3 * chart.bars[0].height)  # one scale
    assert chart.legend[0][0] == "PROTEST"  # the biggest series first
    places = [
        PlacePoint(name="Valmora", lat=41.2, lon=2.1, country="XVL", events=4),
        PlacePoint(name="Bresk", lat=44.9, lon=9.7, country="XBR"),
    ]
    plot = charts.map_plot(places)
    valmora, bresk = plot.points
    assert bresk.x > valmora.x and bresk.y < valmora.y  # east and north
    assert valmora.r > bresk.r
    assert all(0 <= p.x <= plot.width and 0 <= p.y <= plot.height for p in plot.points)
    net = charts.star_network("Guild", [(f"actor {i}", 20 - i) for i in range(15)])
    assert len(net.nodes) == charts.MAX_NEIGHBOURS and net.hidden == 3
    assert net.edges[0].width > net.edges[-1].width
    assert charts.star_network("Guild", []).empty and charts.map_plot([]).empty


def test_timeline_granularity():
    from claimgraph.store import ClaimRow, EventSummary
    from claimgraph.web.data import day, timeline

    def row(published: str | None, date: str | None = None) -> ClaimRow:
        event = None
        if date is not None:
            event = EventSummary(
                "PROTEST",
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                date,
                "day",
                "actual",
                0.5,
            )
        return ClaimRow(
            "c", "d", None, None, published, "t", 0, 1, 0, 1, "asserted", None, event=event
        )

    assert day(row("2026-05-09", "2026-05-04")) == "2026-05-04"
    assert day(row("2026-05-09", "2026-05")) == "2026-05-09"  # same month: the article's day
    assert day(row("2026-06-01", "2026-05")) == "2026-05"
    assert day(row("2026-05-09", "2026-W19")) == "2026-05-09"
    assert day(row(None, "2026")) == "2026" and day(row(None)) is None
    days = timeline([row("2026-05-30"), row("2026-06-01")])
    assert [(p.period, p.counts) for p in days] == [
        ("2026-05-30", {"claims": 1}),
        ("2026-05-31", {}),  # gaps are drawn: the x-axis is linear time
        ("2026-06-01", {"claims": 1}),
    ]
    spread = [row(f"2026-{m:02d}-01") for m in (1, 5, 9)]
    assert [p.period for p in timeline(spread)][::4] == ["2026-01", "2026-05", "2026-09"]
    decades = [row(f"{y}-01-01") for y in range(1970, 2026)]
    assert timeline(decades)[0].period == "1970"
