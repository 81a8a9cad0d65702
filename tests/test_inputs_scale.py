"""Inputs at scale: WARC / WARC.gz archives, RSS and Atom feeds, glob patterns.

Every archive and feed is generated here (warcio's writer; hand-written RSS
2.0 and Atom) from fictional articles, and read both through
``claimgraph.inputs.read`` and through ``claimgraph ingest``.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import InputError, SkippedDocument
from claimgraph.inputs import SUPPORTED_EXTENSIONS, SkippedRecord, read
from claimgraph.records import Document

pytest.importorskip("warcio", reason="the 'feeds' extra (warcio) is not installed")
pytest.importorskip("feedparser", reason="the 'feeds' extra (feedparser) is not installed")

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

# Fictional articles: (title, body paragraphs).
ARTICLES = [
    (
        "Ferry line approved for Sarn",
        [
            "The harbour council of Port Valdor voted on Thursday to open a ferry line to the "
            "island of Sarn, ending a decade of delays over funding and berth space.",
            "Council chair Elena Brask said the first crossings would begin in June.",
        ],
    ),
    (
        "Tesk bridge to reopen after repairs",
        [
            "The mayor of Tesk said on Friday that the old river bridge would reopen next week "
            "after three months of repairs to its eastern pier.",
            "Engineers from the regional roads office said the work had cost less than planned.",
        ],
    ),
    (
        "Dock workers in Marrow Bay threaten strike",
        [
            "Union leader Marta Quill said on Monday that dock workers in Marrow Bay would strike "
            "next month unless the port authority raised wages.",
            "The port authority said it was ready to resume talks with the union.",
        ],
    ),
]


def page(index: int, *, dated: bool = False) -> bytes:
    title, paragraphs = ARTICLES[index]
    meta = '<meta property="article:published_time" content="2026-02-27">' if dated else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>"
        f"<nav>Home World Sport</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright Valley Courier</footer></body></html>"
    ).encode()


def write_warc(path: Path, records: list[tuple], *, gzip: bool) -> Path:
    """records: (kind, url, status, content type, payload bytes)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for kind, url, status, content_type, payload in records:
            warc_headers = {"WARC-Date": "2026-03-09T10:15:00Z"}
            if kind == "response":
                http = StatusAndHeaders(
                    status, [("Content-Type", content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(payload),
                    http_headers=http,
                    warc_headers_dict=warc_headers,
                )
            else:
                record = writer.create_warc_record(
                    url, kind, payload=io.BytesIO(payload), warc_headers_dict=warc_headers
                )
            writer.write_record(record)
    return path


HTML = "text/html; charset=utf-8"
CRAWL = [
    ("request", "https://courier.example/ferry", "", "", b"GET /ferry HTTP/1.1\r\n\r\n"),
    ("response", "https://courier.example/ferry", "200 OK", HTML, page(0, dated=True)),
    ("metadata", "https://courier.example/ferry", "", "", b"fetchTimeMs: 120\r\n"),
    ("request", "https://courier.example/bridge", "", "", b"GET /bridge HTTP/1.1\r\n\r\n"),
    ("response", "https://courier.example/bridge", "200 OK", HTML, page(1)),
    ("response", "https://courier.example/old", "404 Not Found", HTML, b"<html>gone</html>"),
    ("response", "https://courier.example/moved", "301 Moved Permanently", HTML, b""),
    ("response", "https://courier.example/r.pdf", "200 OK", "application/pdf", b"%PDF-1.4"),
    ("response", "https://courier.example/strike", "200 OK", HTML, page(2)),
]
EXPECTED_SKIPS = {
    "WARC warcinfo record (only response records hold pages)": 1,
    "WARC request record (only response records hold pages)": 2,
    "WARC metadata record (only response records hold pages)": 1,
    "HTTP status 404 (only 200 responses are articles)": 1,
    "HTTP status 301 (only 200 responses are articles)": 1,
    "content type 'application/pdf' is not HTML": 1,
}


def by_type(results: list) -> tuple[list[Document], Counter, list[InputError]]:
    documents = [r for r in results if isinstance(r, Document)]
    skips = Counter(r.reason for r in results if isinstance(r, SkippedRecord))
    errors = [r for r in results if isinstance(r, InputError)]
    return documents, skips, errors


# ------------------------------------------------------------------ WARC


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_pages_and_counted_skips(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, CRAWL, gzip=name.endswith(".gz"))
    results = list(read([path]))
    documents, skips, errors = by_type(results)
    assert errors == []
    assert [d.url for d in documents] == [
        "https://courier.example/ferry",
        "https://courier.example/bridge",
        "https://courier.example/strike",
    ]
    assert [d.title for d in documents] == [t for t, _ in ARTICLES]
    # The page's own date wins; the capture date only when the page has none.
    assert [d.published for d in documents] == ["2026-02-27", "2026-03-09", "2026-03-09"]
    assert "Home World Sport" not in documents[0].text
    assert "Council chair Elena Brask" in documents[0].text
    assert dict(skips) == EXPECTED_SKIPS
    # Sources name the record: PATH:N, N counting every record from 1.
    assert documents[0].source == f"{path}:3"
    assert all(isinstance(r, SkippedDocument) for r in results if not isinstance(r, Document))


def test_warc_gzip_is_sniffed_not_named(tmp_path: Path) -> None:
    # A compressed archive saved without .gz is still read.
    path = write_warc(tmp_path / "crawl.warc", CRAWL[:2], gzip=True)
    documents, _, errors = by_type(list(read([path])))
    assert errors == [] and len(documents) == 1


def test_truncated_gzip_keeps_earlier_records_and_says_where(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full.warc.gz", CRAWL, gzip=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full[: len(full) - 40])
    results = list(read([cut]))
    documents, _, errors = by_type(results)
    assert len(documents) == 2  # the last page sits in the cut-off member
    (error,) = errors
    assert error is results[-1]
    assert "truncated gzip" in error.reason and error.source == f"{cut}:10"


def test_corrupt_gzip_is_an_input_error(tmp_path: Path) -> None:
    data = bytearray(write_warc(tmp_path / "a.warc.gz", CRAWL, gzip=True).read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: a CRC or inflate error
    path = tmp_path / "flipped.warc.gz"
    path.write_bytes(bytes(data))
    *_, last = list(read([path]))
    assert isinstance(last, InputError)
    assert "gzip" in last.reason or "WARC" in last.reason


def test_broken_record_is_reported_and_the_archive_goes_on(tmp_path: Path) -> None:
    data = write_warc(tmp_path / "a.warc", CRAWL, gzip=False).read_bytes()
    # Three extra bytes inside the bridge page: its Content-Length is now wrong.
    marker = b"old river bridge"
    broken = data.replace(marker, b"XYZ" + marker)
    path = tmp_path / "broken.warc"
    path.write_bytes(broken)
    documents, skips, errors = by_type(list(read([path])))
    (error,) = errors
    assert error.source == f"{path}:6"
    assert "Content-Length does not match" in error.reason
    assert [d.url for d in documents] == [
        "https://courier.example/ferry",
        "https://courier.example/strike",
    ]
    assert sum(skips.values()) == sum(EXPECTED_SKIPS.values())


def test_truncated_uncompressed_warc(tmp_path: Path) -> None:
    data = write_warc(tmp_path / "a.warc", CRAWL, gzip=False).read_bytes()
    path = tmp_path / "cut.warc"
    cut_at = data.index(b"Engineers from the regional")
    path.write_bytes(data[:cut_at])
    documents, _, errors = by_type(list(read([path])))
    assert len(documents) == 1
    (error,) = errors
    assert error.source == f"{path}:6" and "truncated WARC record" in error.reason


def test_oversized_page_is_a_counted_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.inputs import warc

    monkeypatch.setattr(warc, "MAX_PAGE_BYTES", len(page(0, dated=True)) - 1)
    path = write_warc(tmp_path / "a.warc.gz", CRAWL[:5], gzip=True)
    documents, skips, errors = by_type(list(read([path])))
    assert errors == [] and [d.url for d in documents] == ["https://courier.example/bridge"]
    assert sum(n for reason, n in skips.items() if reason.startswith("page over")) == 1


def test_not_a_warc_and_empty_warc(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.warc"
    garbage.write_text("These are my notes, not an archive.\n", encoding="utf-8")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    error, skip = read([garbage, empty])
    assert isinstance(error, InputError) and "not a valid WARC record" in error.reason
    assert error.source == f"{garbage}:1"
    assert isinstance(skip, SkippedDocument) and skip.reason == "empty file"


def test_missing_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_warc(tmp_path / "a.warc.gz", CRAWL[:2], gzip=True)
    feed = tmp_path / "f.rss"
    feed.write_text(RSS, encoding="utf-8")
    for module in ("warcio.archiveiterator", "feedparser"):
        monkeypatch.setitem(sys.modules, module, None)
    warc_error, feed_error = read([path, feed])
    for error in (warc_error, feed_error):
        assert isinstance(error, InputError)
        assert "'feeds' extra" in error.reason and "claimgraph[feeds]" in error.reason


# ------------------------------------------------------------------ feeds

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Valley Courier</title>
  <link>https://courier.example/</link>
  <description>News from the valley</description>
  <item>
    <title>{ARTICLES[0][0]}</title>
    <link>https://courier.example/ferry</link>
    <pubDate>Mon, 09 Mar 2026 22:30:00 -0500</pubDate>
    <dc:creator>Ana Ruiz</dc:creator>
    <description>A short teaser about the ferry.</description>
    <content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in ARTICLES[0][1])}]]></content:encoded>
  </item>
  <item>
    <title>{ARTICLES[1][0]}</title>
    <link>https://courier.example/bridge</link>
    <pubDate>Tue, 10 Mar 2026 08:00:00 +0000</pubDate>
    <description>&lt;p&gt;{ARTICLES[1][1][0]}&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://courier.example/gallery</link>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbor Ledger</title>
  <id>urn:uuid:4f1c2a3e-0000-4000-8000-000000000001</id>
  <updated>2026-03-11T09:00:00Z</updated>
  <entry>
    <title>{ARTICLES[2][0]}</title>
    <link href="https://ledger.example/strike"/>
    <id>urn:uuid:4f1c2a3e-0000-4000-8000-000000000002</id>
    <published>2026-03-10T23:45:00-05:00</published>
    <updated>2026-03-11T09:00:00Z</updated>
    <author><name>Jun Harlo</name></author>
    <content type="html">{"".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in ARTICLES[2][1])}</content>
  </entry>
  <entry>
    <title>{ARTICLES[1][0]}</title>
    <link href="https://ledger.example/bridge"/>
    <id>urn:uuid:4f1c2a3e-0000-4000-8000-000000000003</id>
    <updated>2026-03-11T09:00:00Z</updated>
    <summary type="text">{ARTICLES[1][1][0]}</summary>
  </entry>
</feed>
"""


def test_rss_entries(tmp_path: Path) -> None:
    path = tmp_path / "courier.rss"
    path.write_text(RSS, encoding="utf-8")
    ferry, bridge, gallery = read([path])
    assert isinstance(ferry, Document) and isinstance(bridge, Document)
    assert ferry.source == f"{path}:1" and bridge.source == f"{path}:2"
    assert ferry.url == "https://courier.example/ferry"
    assert ferry.title == ARTICLES[0][0] and ferry.author == "Ana Ruiz"
    assert ferry.outlet == "Valley Courier"
    # The day the feed wrote (22:30 at UTC-5), not shifted to UTC.
    assert ferry.published == "2026-03-09" and bridge.published == "2026-03-10"
    # content:encoded wins over the teaser; the text starts with the title line.
    assert ferry.text.startswith(ARTICLES[0][0] + "\n\n")
    assert "Council chair Elena Brask" in ferry.text and "teaser" not in ferry.text
    assert [b.kind for b in ferry.blocks] == ["title", "body", "body"]
    # An HTML summary goes through the HTML extraction: no tags in the text.
    assert "<p>" not in bridge.text and ARTICLES[1][1][0] in bridge.text
    assert isinstance(gallery, SkippedDocument)
    assert gallery.reason == "feed entry has neither content nor a summary"


def test_atom_entries(tmp_path: Path) -> None:
    path = tmp_path / "ledger.atom"
    path.write_text(ATOM, encoding="utf-8")
    strike, bridge = read([path])
    assert isinstance(strike, Document) and isinstance(bridge, Document)
    assert strike.url == "https://ledger.example/strike" and strike.author == "Jun Harlo"
    assert strike.published == "2026-03-10" and strike.outlet == "Harbor Ledger"
    assert "Union leader Marta Quill" in strike.text and "<p>" not in strike.text
    # A plain-text summary; no <published>, and <updated> is not a publication date.
    assert bridge.published is None
    assert bridge.text == f"{ARTICLES[1][0]}\n\n{ARTICLES[1][1][0]}"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("cut.rss", RSS[: RSS.index("<item>", RSS.index("<item>") + 1) + 40], "malformed feed"),
        (
            "empty.rss",
            '<rss version="2.0"><channel><title>Quiet Gazette</title></channel></rss>',
            "feed has no entries",
        ),
        ("page.xml", "<html><body><p>Not a feed at all.</p></body></html>", "not an RSS or Atom"),
        ("blank.atom", "  \n", "empty file"),
    ],
)
def test_bad_feeds(tmp_path: Path, name: str, content: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    results = list(read([path]))
    problem = results[0]
    assert isinstance(problem, InputError | SkippedDocument)
    assert reason in problem.reason and problem.source == str(path)


def test_malformed_feed_keeps_what_feedparser_recovered(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text(RSS[: RSS.index("</channel>")], encoding="utf-8")
    error, *entries = read([path])
    assert isinstance(error, InputError) and "malformed feed" in error.reason
    assert "3 entries recovered" in error.reason
    assert isinstance(entries[0], Document) and entries[0].url == "https://courier.example/ferry"


# ------------------------------------------------------------------ folders and globs


def test_folder_reads_archives_feeds_and_only_feed_xml(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(folder / "a.warc.gz", CRAWL[:2], gzip=True)
    (folder / "news.xml").write_text(ATOM, encoding="utf-8")
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
        encoding="utf-8",
    )
    (folder / "archive.txt.gz").write_bytes(b"\x1f\x8b")
    documents, _, errors = by_type(list(read([folder])))
    assert errors == []
    assert {d.source for d in documents} == {
        f"{folder / 'a.warc.gz'}:3",
        f"{folder / 'news.xml'}:1",
        f"{folder / 'news.xml'}:2",
    }
    assert ".warc.gz" in SUPPORTED_EXTENSIONS and ".rss" in SUPPORTED_EXTENSIONS


def test_glob_patterns(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "2026").mkdir(parents=True)
    write_warc(data / "b.warc.gz", CRAWL[4:5], gzip=True)
    write_warc(data / "a.warc.gz", CRAWL[:2], gzip=True)
    write_warc(data / "2026" / "c.warc.gz", CRAWL[-1:], gzip=True)
    (data / "a.json").write_text("{}", encoding="utf-8")  # not matched by *.warc.gz
    documents, _, errors = by_type(list(read([str(data / "*.warc.gz")])))
    assert errors == []
    assert [d.url for d in documents] == [
        "https://courier.example/ferry",
        "https://courier.example/bridge",
    ]
    deep, _, _ = by_type(list(read([str(data / "**" / "*.warc.gz")])))
    assert len(deep) == 3
    # "data/*" is read like the folder: the sidecar-like .json is passed over.
    flat, _, errors = by_type(list(read([str(data / "*")])))
    assert len(flat) == 3 and errors == []
    (nothing,) = read([str(data / "*.rss")])
    assert isinstance(nothing, InputError) and nothing.reason == "no file matches this pattern"


def test_jsonl_is_streamed_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    good = json.dumps({"text": " ".join(ARTICLES[0][1])}) + "\n"
    path.write_bytes(good.encode() + '{"text": "Sårn"}\n'.encode("cp1252") + good.encode())
    first, bad, third = read([path])
    assert isinstance(first, Document) and isinstance(third, Document)
    assert isinstance(bad, InputError) and bad.source == f"{path}:2"
    assert bad.reason == "not UTF-8 (byte 0xe5 at column 12)"  # the "å" of "Sårn"


def test_count_for_the_progress_bar(tmp_path: Path) -> None:
    from claimgraph.inputs.read import count

    write_warc(tmp_path / "a.warc.gz", CRAWL, gzip=True)
    (tmp_path / "b.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text("One article.", encoding="utf-8")
    assert count([tmp_path]) == 3 + 3 + 2 + 1
    assert count([str(tmp_path / "*.warc.gz"), "-"]) is None


# ------------------------------------------------------------------ the CLI


def test_cli_ingest_archives_feeds_and_broken_inputs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    write_warc(data / "crawl-1.warc.gz", CRAWL, gzip=True)
    full = write_warc(tmp_path / "x.warc.gz", CRAWL, gzip=True).read_bytes()
    (data / "crawl-2.warc.gz").write_bytes(full[: len(full) - 40])
    feed = tmp_path / "courier.rss"
    feed.write_text(RSS, encoding="utf-8")
    empty = tmp_path / "quiet.rss"
    empty.write_text('<rss version="2.0"><channel><title>Q</title></channel></rss>')
    db = str(tmp_path / "store.db")
    args = ["ingest", str(data / "*.warc.gz"), str(feed), str(empty), "--db", db, "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None
    # Three pages in the whole archive; the cut copy repeats two (same text,
    # same id); the feed's full ferry article is the crawled page's text again,
    # its bridge teaser a new, shorter text.
    assert "read 7 documents: 4 added, 3 already stored, 1 skipped, 2 unreadable" in (result.output)
    assert f"{data / 'crawl-2.warc.gz'}:10: truncated gzip" in result.output
    assert f"{empty}: feed has no entries" in result.output
    # Skipped records are counted by reason, not printed one per line.
    assert "WARC records without an article: 14" in result.output
    assert "4 × WARC request record" in result.output
    assert result.output.count("WARC request record") == 1
    again = CliRunner().invoke(app, args)
    assert "0 added, 7 already stored" in again.output
