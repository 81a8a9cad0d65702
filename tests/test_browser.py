"""Browser tests: Debian's chromium, driven by Playwright, against a live server.

Opt-in by what is installed: skipped (with the reason) when ``/usr/bin/chromium``
or the ``playwright`` package is missing. Playwright never downloads a browser
here: it launches the system chromium by path. Screenshots go to
``$CLAIMGRAPH_ARTIFACTS`` when set (CI keeps them), else a pytest temp dir.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} not found: apt-get install -y chromium to run the browser tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install playwright"
)
uvicorn = pytest.importorskip("uvicorn", reason="the web extra is not installed")

from claimgraph.store import Store  # noqa: E402
from claimgraph.web import create_app  # noqa: E402
from test_corroboration import strike_corpus  # noqa: E402
from test_web import HARBOUR, harbour, hostile  # noqa: E402

# Flags for a headless chromium in a container: no sandbox (no user
# namespaces), no GPU, and none of the background requests to Google services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000  # one page of a seven-article store loads in well under a second


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    where = os.environ.get("CLAIMGRAPH_ARTIFACTS")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on a free loopback port, in a thread, for the module's tests."""
    db = tmp_path_factory.mktemp("browser") / "web.db"
    with Store(db) as store:
        for analysis in [*strike_corpus(), harbour(), hostile()]:
            store.add(analysis)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(str(db)), log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(TIMEOUT_MS)
    external: list[str] = []
    dialogs: list[str] = []
    p.on(
        "request",
        lambda r: None if r.url.startswith((server, "data:")) else external.append(r.url),
    )
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    p.external_requests = external  # type: ignore[attr-defined]
    p.dialogs = dialogs  # type: ignore[attr-defined]
    yield p
    assert external == [], f"external requests: {external}"
    assert dialogs == [], f"a script ran: {dialogs}"
    context.close()


def document_url(page, server: str, outlet: str) -> str:
    page.goto(f"{server}/documents")
    return page.locator("tr", has_text=outlet).locator("a").first.get_attribute("href")


def test_document_highlights_claims_and_shows_chain_on_click(page, server, artifacts):
    page.goto(server + document_url(page, server, "Harbour Courier"))
    claim = page.locator("a.claim.c-reported", has_text="The harbour master")
    assert claim.count() == 1
    colour = claim.evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(179, 229, 252)"  # .c-reported in style.css
    card = page.locator("details.claim-card", has_text=HARBOUR[:40])
    assert not card.evaluate("el => el.open")
    chain = card.locator("ol.chain")
    assert not chain.is_visible()
    claim.click()
    assert card.evaluate("el => el.open")
    assert chain.is_visible() and "Odile Fenwick" in chain.inner_text()
    assert "COOPERATE" in card.locator("dl.event").inner_text()
    page.screenshot(path=str(artifacts / "document.png"), full_page=True)


def test_untrusted_text_is_inert_in_the_browser(page, server, artifacts):
    page.goto(server + document_url(page, server, "Night <Desk> & Co"))
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert "&amp; and &lt;b&gt;" in text  # entities shown as written
    assert page.locator("#article-text script").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    assert page.locator("img").count() == 0
    assert 'Evil <img src=x onerror="alert(2)"> title' in page.locator("h1").inner_text()
    page.screenshot(path=str(artifacts / "untrusted.png"), full_page=True)


def test_event_page_lists_sources(page, server, artifacts):
    page.goto(f"{server}/events?min_sources=2")
    page.locator("td a", has_text="PROTEST").click()
    reports = page.locator("article.report")
    assert reports.count() == 4
    outlets = {reports.nth(i).locator("header strong").inner_text() for i in range(4)}
    assert outlets == {"Tessaly Wire", "Ostrava Daily Mirror", "Kestrel Post", "Northreach Herald"}
    assert page.locator("strong.sources").inner_text() == "3"
    # side by side: the first two reports share a row
    first, second = (reports.nth(i).bounding_box() for i in range(2))
    assert first and second and abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"]
    page.screenshot(path=str(artifacts / "event.png"), full_page=True)


def test_actor_page_draws_its_network(page, server, artifacts):
    page.goto(f"{server}/actor/Valmora%20Stevedores%20Guild")
    network = page.locator("figure.network svg")
    assert network.is_visible()
    assert network.locator("a circle").count() == 1
    network.locator("a").first.click()
    page.wait_for_url("**/actor/Odile%20Fenwick")
    assert page.locator("h1").inner_text() == "Odile Fenwick"
    page.screenshot(path=str(artifacts / "actor.png"), full_page=True)


def test_overview_draws_charts_without_javascript(browser, server, artifacts):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(server + "/")
    assert page.locator("figure.chart svg rect").count() >= 1
    assert page.locator("figure.map svg circle").count() == 1
    assert page.locator("ul.counts").inner_text().startswith("7 documents")
    page.screenshot(path=str(artifacts / "overview.png"), full_page=True)
    context.close()
