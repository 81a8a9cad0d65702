"""Ingest: text, HTML, JSONL and stdin → Documents with classified blocks."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from claimgraph.errors import InputError, SkippedDocument
from claimgraph.ids import normalize_text
from claimgraph.inputs import (
    detect_language,
    document_from_html,
    document_from_text,
    glued_furniture,
    is_byline,
    is_furniture,
    normalize_published,
    read,
)
from claimgraph.records import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "corpus" / "seed" / "hamas-pakistan-report.txt"

# Fictional prose, long enough (> 20 words) for language detection.
BODY_1 = (
    "The harbour council of Port Valdor voted on Thursday to open a ferry line to the "
    "island of Sarn, ending a decade of delays over funding and berth space."
)
BODY_2 = (
    "Council chair Elena Brask said the first crossings would begin in June and that "
    "tickets would cost less than the private boats charge for the same trip."
)
FRENCH = (
    "Le conseil municipal de Port Valdor a voté jeudi l'ouverture d'une ligne de ferry "
    "vers l'île de Sarn, mettant fin à dix ans de retards liés au financement et à la "
    "place disponible dans le port."
)
GERMAN = (
    "Der Hafenrat von Port Valdor hat am Donnerstag beschlossen, eine Fährlinie zur Insel "
    "Sarn zu eröffnen, und damit ein Jahrzehnt der Verzögerungen wegen fehlender "
    "Finanzierung und Liegeplätze beendet."
)


def kinds(document: Document) -> list[tuple[str, str]]:
    return [(b.kind, document.text[b.span[0] : b.span[1]]) for b in document.blocks]


def only(results) -> Document | InputError | SkippedDocument:
    results = list(results)
    assert len(results) == 1, results
    return results[0]


# ------------------------------------------------------------------ blocks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Title, heading, body, furniture, as in the seed's format.
        (
            f"Ferry line approved for Sarn\n\n{BODY_1}\n\nNew crossings in June\n\n{BODY_2}"
            "\n\nComments are closed.",
            ["title", "body", "heading", "body", "furniture"],
        ),
        # Bylines and a dateline under the title.
        (
            f"Ferry line approved\n\nBy Jane Doe, Staff Reporter\n\nUpdated: 5 February 2025 "
            f"10:00 IST\n\n{BODY_1}",
            ["title", "byline", "byline", "body"],
        ),
        # A single sentence: no title (nothing follows it), a body.
        ("The council approved the ferry line on Thursday.", ["body"]),
        # A short unterminated last line is a body line, not a heading.
        (f"{BODY_1}\n\nThe council approved it", ["body", "body"]),
        # A first line ending in a period is prose, not a title.
        (f"{BODY_1}\n\n{BODY_2}", ["body", "body"]),
        # Lines without a blank between them are separate paragraphs.
        (f"{BODY_1}\n{BODY_2}", ["body", "body"]),
        # List items without a final period stay body.
        (f"{BODY_1}\n\n- two ferries a day\n- one on Sunday\n\n{BODY_2}", ["body"] * 4),
        # A separator line is furniture.
        (f"{BODY_1}\n\n* * *\n\n{BODY_2}", ["body", "furniture", "body"]),
        # A question ending a heading-length line is body (terminal punctuation).
        (f"{BODY_1}\n\nWhat happens next?\n\n{BODY_2}", ["body", "body", "body"]),
    ],
)
def test_block_kinds(text: str, expected: list[str]) -> None:
    document = document_from_text(text)
    assert [k for k, _ in kinds(document)] == expected


def test_hard_wrapped_paragraph_is_one_block() -> None:
    text = (
        "The harbour council of Port Valdor voted on Thursday to open a\n"
        "ferry line to the island of Sarn, ending a decade of delays over\n"
        "funding and berth space.\n"
        "Council chair Elena Brask said the first crossings would begin in June.\n\n"
        "Opposition from fishermen\n\n"
        f"{BODY_2}"
    )
    document = document_from_text(text)
    assert kinds(document) == [
        ("body", text.split("\nCouncil")[0]),
        ("body", "Council chair Elena Brask said the first crossings would begin in June."),
        ("heading", "Opposition from fishermen"),
        ("body", BODY_2),
    ]


def test_ragged_wrap_continued_in_lower_case_is_one_block() -> None:
    text = (
        f"{BODY_1}\n\nEditor’s note: the council regularly\nignores\n"
        "the fishermen, the harbour pilots,\nand the island residents.\n\n"
        "Fishermen react\n\n"
        f"{BODY_2}"
    )
    document = document_from_text(text)
    assert [k for k, _ in kinds(document)] == ["body", "body", "heading", "body"]
    assert kinds(document)[1][1].endswith("and the island residents.")


def test_spans_exclude_newlines_and_cover_the_text() -> None:
    text = f"  Ferry line approved  \n\n  {BODY_1}  \n\n\n\nComments are closed.\n"
    document = document_from_text(text)
    assert document.text == normalize_text(text)
    for block in document.blocks:
        piece = document.text[block.span[0] : block.span[1]]
        assert piece == piece.strip() and piece
    spans = [b.span for b in document.blocks]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


# ------------------------------------------------------------------ title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"Ferry line approved for Sarn\n\n{BODY_1}", "Ferry line approved for Sarn"),
        (f"Ferry line approved for Sarn\n{BODY_1}", "Ferry line approved for Sarn"),
        (f"Will the ferry run by June?\n\n{BODY_1}", "Will the ferry run by June?"),
        (f"Report: ferry line delayed again...\n\n{BODY_1}", "Report: ferry line delayed again..."),
        # Ends with a period: a sentence.
        (f"The ferry line was approved.\n\n{BODY_1}", None),
        # Nothing follows: not a title.
        ("Ferry line approved for Sarn", None),
        # Over 200 characters.
        ("Ferry " * 40 + f"\n\n{BODY_1}", None),
        # A byline or furniture first line.
        (f"By Jane Doe\n\n{BODY_1}", None),
        (f"Advertisement\n\n{BODY_1}", None),
        # A long first line continued in lower case on the next line: wrapped prose.
        (
            "The harbour council of Port Valdor voted on Thursday to open a\n"
            "ferry line to the island of Sarn, ending a decade of delays.",
            None,
        ),
    ],
)
def test_title_detection(text: str, title: str | None) -> None:
    document = document_from_text(text)
    assert document.title == title
    has_title_block = bool(document.blocks) and document.blocks[0].kind == "title"
    assert has_title_block == (title is not None)
    if title is not None:
        start, end = document.blocks[0].span
        assert document.text[start:end] == title


def test_given_title_wins_and_marks_matching_first_line() -> None:
    document = document_from_text(f"Ferry line approved.\n\n{BODY_1}", title="Ferry line approved.")
    assert document.title == "Ferry line approved."
    assert document.blocks[0].kind == "title"
    other = document_from_text(f"Ferry line approved for Sarn\n\n{BODY_1}", title="Sidecar title")
    assert other.title == "Sidecar title"
    assert other.text.startswith("Ferry line approved for Sarn")


# ------------------------------------------------------------------ furniture

FURNITURE_LINES = [
    "Also read: Storm closes the port of Valdor… Many ferries were cancelled.",
    "ALSO READ | Storm closes the port",
    "Read more: How the ferry deal was made",
    "Related: Council elections",
    "Related stories",
    "See also: Sarn island profile",
    "Comments are closed.",
    "Leave a comment",
    "12 comments",
    "Share this article",
    "Share on WhatsApp",
    "Subscribe to our newsletter",
    "Sign up for our daily briefing",
    "Click here to read the full report",
    "Follow us on Twitter and Facebook",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "We use cookies to improve your experience.",
    "This website uses cookies.",
    "All rights reserved.",
    "© 2025 The Valdoria Courier. All rights reserved.",
    "Copyright 2025 Valdoria Media",
    "Tags: ferry, Sarn, council",
    "Filed under: Transport",
    "» Don't miss: The ferry timetable",
    "Download the Courier app",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)
    document = document_from_text(f"{BODY_1}\n\n{line}\n\n{BODY_2}")
    assert kinds(document)[1] == ("furniture", line)


@pytest.mark.parametrize(
    "line",
    [
        BODY_1,
        "Related to the case, the council published its accounts.",
        "Advertisement revenue at the Courier fell by a third last year.",
        "Subscribers to the ferry pass will pay less.",
        "3 comments were removed by the moderator.",
        "Privacy policy changes drew criticism from the council.",
        "Share prices of the ferry company rose.",
        "Watch this space, the chair said.",
        "Copyright law was not discussed at the meeting.",
    ],
)
def test_prose_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)
    assert glued_furniture(line) is None


@pytest.mark.parametrize(
    ("line", "body", "furniture"),
    [
        (
            "The ferry will restore the link to Sarn. Comments are closed.",
            "The ferry will restore the link to Sarn.",
            "Comments are closed.",
        ),
        (
            "The ferry will restore the link to Sarn.Comments are closed.",
            "The ferry will restore the link to Sarn.",
            "Comments are closed.",
        ),
        (
            "Tickets go on sale in May. Also read: Storm closes the port… Ferries cancelled.",
            "Tickets go on sale in May.",
            "Also read: Storm closes the port… Ferries cancelled.",
        ),
        (
            "“We are ready,” she said.” Share this article",
            "“We are ready,” she said.”",
            "Share this article",
        ),
        (
            "The council meets again in March. © 2025 The Valdoria Courier",
            "The council meets again in March.",
            "© 2025 The Valdoria Courier",
        ),
        (
            "The council meets again in March. Advertisement",
            "The council meets again in March.",
            "Advertisement",
        ),
    ],
)
def test_glued_furniture_is_cut_off(line: str, body: str, furniture: str) -> None:
    document = document_from_text(f"{BODY_1}\n\n{line}")
    assert kinds(document)[1:] == [("body", body), ("furniture", furniture)]


# ------------------------------------------------------------------ bylines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Jane Doe", True),
        ("By Jane Doe, Staff Reporter", True),
        ("By Jane Doe and John Roe", True),
        ("BY JANE DOE | Updated: 5 Feb 2025", True),
        ("Posted by Mira Okonjo", True),
        ("Reporting by Mira Okonjo; Editing by Tomas Vell", True),
        ("Author: Mira Okonjo", True),
        ("Updated: 5 February 2025 10:00 IST", True),
        ("Published on Feb 5, 2025 at 10:30 am", True),
        ("Last updated: 3 hours ago", True),
        ("By Ana María de la Cruz, Correspondent", True),
        ("By Jane Doe | 5 February 2025", True),
        ("By Daniyal Hosseini (Meridian Wire Service)", True),
        ("Von Jonas Wendeling", True),
        ("With agency inputs", True),
        ("(With inputs from PTI)", True),
        ("With inputs from PTI, ANI and Reuters", True),
        ("Von der Leyen said the talks would resume", False),
        ("With inputs from the union, the council revised the plan.", False),
        ("By Monday, the army had withdrawn.", False),
        ("By 2030 the port will double in size", False),
        ("By Thursday the council will vote again", False),
        ("By the end of the week the ferry was full", False),
        ("Updated figures show that 40 people crossed", False),
        ("Published on Monday, the report said 10 ferries were late.", False),
        (BODY_1, False),
    ],
)
def test_bylines(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


# ------------------------------------------------------------------ language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (f"{BODY_1} {BODY_2}", "en"),
        (FRENCH, "fr"),
        (GERMAN, "de"),
        # Under 20 words: only a near-certain answer is kept.
        ("Hamas said X.", None),
        ("", None),
        ("12 345 678", None),
    ],
)
def test_detect_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_language_uses_body_blocks_not_furniture() -> None:
    text = f"Le ferry de Sarn\n\n{FRENCH}\n\nComments are closed.\n\nShare this article"
    assert document_from_text(text).language == "fr"
    assert document_from_text(f"{GERMAN}\n\n{BODY_1}").language in {"de", "en"}


# ------------------------------------------------------------------ published dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-05", "2025-02-05"),
        ("2025-02-05T10:00:00Z", "2025-02-05"),
        ("2025-02-05T23:30:00-05:00", "2025-02-05"),
        ("5 February 2025", "2025-02-05"),
        ("Feb 5, 2025", "2025-02-05"),
        ("25/02/2025", "2025-02-25"),
    ],
)
def test_normalize_published(value: str, expected: str) -> None:
    assert normalize_published(value, "x") == expected


@pytest.mark.parametrize(
    "value", ["February 2025", "yesterday", "next week", "2025-02-30", "05/02/2025", "soon"]
)
def test_unreadable_published_is_an_error(value: str) -> None:
    with pytest.raises(InputError, match="published"):
        normalize_published(value, "x")


# ------------------------------------------------------------------ files

ARTICLE = f"Ferry line approved for Sarn\n\n{BODY_1}\n\n{BODY_2}\n"


def test_txt_with_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "ferry.json").write_text(
        json.dumps(
            {
                "url": "https://courier.example/ferry",
                "title": "Sarn ferry approved",
                "outlet": "The Valdoria Courier",
                "published": "5 February 2025",
                "author": "Mira Okonjo",
            }
        ),
        encoding="utf-8",
    )
    document = only(read([path]))
    assert isinstance(document, Document)
    assert document.title == "Sarn ferry approved"
    assert document.url == "https://courier.example/ferry"
    assert document.outlet == "The Valdoria Courier"
    assert document.published == "2025-02-05"
    assert document.author == "Mira Okonjo"
    assert document.source == str(path)
    assert document.language == "en"
    assert document.blocks[0].kind == "title"


def test_txt_without_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = only(read(path))
    assert isinstance(document, Document)
    assert (document.title, document.url, document.published) == (
        "Ferry line approved for Sarn",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"titel": "Ferry"}', "unknown key 'titel'"),
        ('["Ferry"]', "must be a JSON object"),
        ('{"published": "sometime"}', "published"),
        ('{"title": 3}', "'title' must be a string"),
    ],
)
def test_bad_sidecar(tmp_path: Path, sidecar: str, message: str) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "ferry.json").write_text(sidecar, encoding="utf-8")
    error = only(read([path]))
    assert isinstance(error, InputError)
    assert error.source == str(tmp_path / "ferry.json")
    assert message in error.reason


def test_encodings(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeff".encode() + ARTICLE.encode("utf-8"))
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(ARTICLE.replace("Sarn", "Sårn – “new”").encode("cp1252"))
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes(b"Ferry \x81\x8d line\n\n" + BODY_1.encode())
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n ")
    controls = tmp_path / "controls.txt"
    controls.write_bytes(b"\x07\x1b \r\n\x7f")
    results = list(read([bom, legacy, undecodable, binary, empty, controls]))
    assert isinstance(results[0], Document) and results[0].text == ARTICLE.strip()
    assert isinstance(results[1], Document) and "Sårn – “new”" in results[1].text
    assert isinstance(results[2], InputError) and "not UTF-8" in results[2].reason
    assert "0x81" in results[2].reason
    assert isinstance(results[3], InputError) and "binary file" in results[3].reason
    assert isinstance(results[4], SkippedDocument) and "empty" in results[4].reason
    assert isinstance(results[5], SkippedDocument) and "empty" in results[5].reason


def test_nonexistent_and_unsupported_paths(tmp_path: Path) -> None:
    other = tmp_path / "notes.pdf"
    other.write_bytes(b"%PDF-1.4")
    missing, unsupported = read([tmp_path / "missing.txt", other])
    assert isinstance(missing, InputError) and missing.reason == "no such file or directory"
    assert missing.source == str(tmp_path / "missing.txt")
    assert isinstance(unsupported, InputError)
    assert ".txt" in unsupported.reason and ".jsonl" in unsupported.reason


def test_directory_recursion_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.htm", "c.jsonl", "a.txt", ".hidden.txt", "x.pdf"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("", encoding="utf-8")
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")  # sidecar: not a document
    sources = [r.source for r in read([tmp_path])]
    expected = ["a/b/c.htm", "a/z.txt", "a.txt", "b.txt", "c.jsonl"]
    assert sources == [str(tmp_path / e) for e in expected]
    flat = [r.source for r in read([tmp_path], recursive=False)]
    assert flat == [str(tmp_path / e) for e in ["a.txt", "b.txt", "c.jsonl"]]
    assert [r.source for r in read([tmp_path])] == sources  # deterministic


# ------------------------------------------------------------------ HTML

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry line approved for Sarn | The Valdoria Courier</title>
<meta property="og:site_name" content="The Valdoria Courier">
<meta property="og:title" content="Ferry line approved for Sarn">
<meta name="author" content="Mira Okonjo">
<meta property="article:published_time" content="2025-03-14T09:30:00Z">
<link rel="canonical" href="https://courier.example/2025/03/ferry">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport pages</a></li></ul></nav>
<article>
<h1>Ferry line approved for Sarn</h1>
<p>{BODY_1}</p>
<p>{BODY_2}</p>
<h2>Opposition from fishermen</h2>
<p>The fishermen's association said the new berths would take space from its boats and
promised to appeal the decision before the regional court in the autumn.</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
</article>
<footer><p>Subscribe to our newsletter</p><a href="/privacy">Privacy notice</a>
<p>Valdoria Media Group, 12 Quay Street</p></footer>
</body></html>
"""


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "ferry.html"
    path.write_text(PAGE, encoding="utf-8")
    document = only(read([path]))
    assert isinstance(document, Document)
    assert document.title == "Ferry line approved for Sarn"
    assert document.outlet == "The Valdoria Courier"
    assert document.author == "Mira Okonjo"
    assert document.published == "2025-03-14"
    assert document.url == "https://courier.example/2025/03/ferry"
    assert document.language == "en"
    for chrome in ["Home", "World news", "Sport pages", "Share on", "Subscribe", "Quay Street"]:
        assert chrome not in document.text
    assert [k for k, _ in kinds(document)] == ["title", "body", "body", "heading", "body"]
    assert document.text.count("Ferry line approved for Sarn") == 1


def test_html_sidecar_wins(tmp_path: Path) -> None:
    path = tmp_path / "ferry.htm"
    path.write_text(PAGE, encoding="utf-8")
    (tmp_path / "ferry.json").write_text(
        '{"outlet": "Courier Weekly", "title": "Sarn gets a ferry"}', encoding="utf-8"
    )
    document = only(read([path]))
    assert isinstance(document, Document)
    assert (document.outlet, document.title) == ("Courier Weekly", "Sarn gets a ferry")
    # The text keeps what the page says; the title block is still its headline.
    assert kinds(document)[0] == ("title", "Ferry line approved for Sarn")
    assert document.author == "Mira Okonjo"


def test_bad_published_argument() -> None:
    with pytest.raises(InputError, match="published"):
        document_from_text(BODY_1, published="sometime soon", source="note.txt")
    assert document_from_text(BODY_1, published=" ").published is None


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "<html><body></body></html>",
    ],
)
def test_html_without_article(page: str) -> None:
    with pytest.raises(SkippedDocument, match="no article text"):
        document_from_html(page, source="page.html")


# ------------------------------------------------------------------ JSONL


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://courier.example/1", "id": 7}),
        "{not json}",
        json.dumps({"title": "No body here"}),
        "",
        json.dumps({"html": PAGE, "published": "2025-03-15"}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": ARTICLE, "published": "whenever"}),
        json.dumps({"text": 42}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read([path]))
    by_source = {r.source: r for r in results}
    assert [r.source for r in results] == [f"{path}:{n}" for n in (1, 2, 3, 5, 6, 7, 8, 9)]
    first = by_source[f"{path}:1"]
    assert isinstance(first, Document) and first.url == "https://courier.example/1"
    bad = by_source[f"{path}:2"]
    assert isinstance(bad, InputError) and bad.reason.startswith("invalid JSON: ")
    assert str(bad).startswith(f"{path}:2: invalid JSON")
    missing = by_source[f"{path}:3"]
    assert isinstance(missing, InputError)
    assert "'text'" in missing.reason and "'html'" in missing.reason
    html = by_source[f"{path}:5"]
    assert isinstance(html, Document)
    assert html.published == "2025-03-15" and html.outlet == "The Valdoria Courier"
    assert isinstance(by_source[f"{path}:6"], InputError)
    assert isinstance(by_source[f"{path}:7"], SkippedDocument)
    assert isinstance(by_source[f"{path}:8"], InputError)
    assert "published" in by_source[f"{path}:8"].reason
    assert isinstance(by_source[f"{path}:9"], InputError)


def test_jsonl_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(json.dumps({"text": "Sårn"}, ensure_ascii=False).encode("cp1252"))
    error = only(read([path]))
    assert isinstance(error, InputError) and "not UTF-8" in error.reason


# ------------------------------------------------------------------ stdin


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE, [("<stdin>", "Ferry line approved for Sarn")]),
        (PAGE, [("<stdin>", "Ferry line approved for Sarn")]),
        (
            json.dumps({"text": ARTICLE}) + "\n\n" + json.dumps({"html": PAGE, "title": "T"}),
            [("<stdin>:1", "Ferry line approved for Sarn"), ("<stdin>:3", "T")],
        ),
        ("<<Ferry line approved>>\n\n" + BODY_1, [("<stdin>", "<<Ferry line approved>>")]),
    ],
)
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: str, expected: list) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(data))
    results = list(read(["-"]))
    assert all(isinstance(r, Document) for r in results)
    assert [(r.source, r.title) for r in results] == expected


def test_stdin_bytes_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(ARTICLE.encode("cp1252")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert isinstance(only(read("-")), Document)
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "x"}\n{broken}\n'))
    results = list(read("-"))
    assert isinstance(results[1], InputError) and results[1].source == "<stdin>:2"
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert isinstance(only(read("-")), SkippedDocument)


# ------------------------------------------------------------------ seed


@pytest.mark.shared
def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is not checked out)")
    document = only(read([SEED]))
    assert isinstance(document, Document)
    assert document.title is not None
    assert document.title.startswith("Report: Pakistan is becoming the new base of Hamas")
    assert document.language == "en"
    blocks = kinds(document)
    assert blocks[0] == ("title", document.title)
    by_text = {text: kind for kind, text in blocks}
    also_read = [t for t in by_text if t.startswith("Also read:")]
    assert len(also_read) == 1 and by_text[also_read[0]] == "furniture"
    assert also_read[0].endswith("crisis looms for refugees.")
    assert blocks[-1] == ("furniture", "Comments are closed.")
    for heading in ["new base of hamas", "Board of Peace and Pakistan"]:
        assert by_text[heading] == "heading"
    assert sum(kind == "body" for kind, _ in blocks) >= 9


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "On Monday, Nigerian deputy trade minister Chidi Okafor summoned Ghana's envoy "
            "Kofi Mensah to complain of delays over the cargo.",
            "en",
        ),
        (
            "On Wednesday, Nigerian junior energy minister Tunde Bello summoned Togo's "
            "ambassador Koffi Agbo to complain of inaction over the pirates.",
            "en",
        ),
        (
            "Di minister don talk say dem go comot di money for di project wey dem start "
            "last year, but di people no gree.",
            "pcm",
        ),
    ],
)
def test_english_news_scored_as_an_english_creole_is_english(text, language):
    from claimgraph.inputs.language import detect_language

    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("paragraph", "dateline", "body_starts"),
    [
        (
            "KARACHI, March 3 (Meridian Wire Service) - Dockworkers walked out.",
            "KARACHI, March 3 (Meridian Wire Service) -",
            "Dockworkers",
        ),
        ("ANTOFAGASTA, Chile — Villagers marched.", "ANTOFAGASTA, Chile —", "Villagers"),
        ("WASHINGTON (AP) — The council voted.", "WASHINGTON (AP) —", "The council"),
        (
            "NEW DELHI, Feb. 5 (Reuters) - Officials met.",
            "NEW DELHI, Feb. 5 (Reuters) -",
            "Officials",
        ),
        ("NATO said on Monday that talks would resume.", None, "NATO said"),
        ("US - Canada talks resumed on Monday.", None, "US - Canada"),
        ("The mayor — who was absent — said little.", None, "The mayor"),
    ],
)
def test_dateline_is_cut_off_the_first_paragraph(paragraph, dateline, body_starts):
    text = "Headline of the story\n\n" + paragraph + "\n\nA second paragraph follows here."
    document = document_from_text(text)
    kinds = {b.kind: text[b.span[0] : b.span[1]] for b in document.blocks}
    assert kinds.get("dateline") == dateline
    bodies = [text[b.span[0] : b.span[1]] for b in document.blocks if b.kind == "body"]
    assert bodies[0].startswith(body_starts)


# -- the vectorized py3langid feature count ------------------------------------


def test_langid_automaton_is_no_deeper_than_the_scan_window() -> None:
    """The windowed count is exact only if no automaton state is deeper than
    DFA_DEPTH bytes: breadth-first over py3langid's DFA from its start state."""
    import numpy as np

    from claimgraph.inputs.language import DFA_DEPTH, _identifier

    identifier = _identifier()
    if not hasattr(identifier, "_visits"):
        pytest.skip("py3langid without the internals the windowed scan reads")
    moves = np.asarray(identifier.tk_nextmove)
    rows = np.asarray(identifier._rowbase, dtype=np.int64)
    depth = np.full(len(identifier.tk_output), -1)
    depth[0], frontier, level = 0, np.array([0]), 0
    while len(frontier):
        reached = np.unique(moves[(rows[frontier][:, None] + np.arange(256)).ravel()])
        frontier = reached[depth[reached] < 0]
        level += 1
        depth[frontier] = level
    assert depth.min() >= 0
    assert depth.max() <= DFA_DEPTH


@pytest.mark.parametrize(
    "text",
    [
        "The harbour council of Velmora said on Tuesday it would reopen the eastern quay. " * 8,
        "Le conseil portuaire de Velmora a annoncé mardi la réouverture du quai est. " * 8,
        "维尔莫拉港口委员会周二表示将重新开放东码头。" * 10 + " mixed English words here",
        "ab" * 40,
    ],
)
def test_windowed_langid_count_is_py3langids(text: str) -> None:
    from py3langid.langid import visit_counts

    from claimgraph.inputs.language import _identifier

    identifier = _identifier()
    if not hasattr(identifier, "_visits"):
        pytest.skip("py3langid without the internals the windowed scan reads")
    data = identifier._encode(text)
    expected = visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data)
    assert list(identifier._visits(data).items()) == list(expected.items())
