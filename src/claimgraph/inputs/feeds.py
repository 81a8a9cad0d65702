"""RSS and Atom feed files → Documents, through feedparser.

One Document per entry: its full content when the feed carries it
(``content:encoded``, Atom ``<content>``), else its summary. HTML goes
through the same trafilatura extraction as an HTML page.
"""

from __future__ import annotations

import email.utils
import io
import re
from collections.abc import Iterator
from html import escape

from ..errors import InputError, SkippedDocument
from ..records import Document
from .html import document_from_html
from .metadata import normalize_published
from .text import document_from_text

Result = Document | InputError | SkippedDocument

EXTENSIONS = (".atom", ".rss", ".xml")
# The root element of RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom, within the first
# bytes (after an XML declaration, comments, a stylesheet instruction).
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
SNIFF_BYTES = 2_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")


_ENTRY = re.compile(rb"<(?:item|entry)[\s>]")


def count_entries(data: bytes) -> int:
    """About how many entries a feed holds (its item/entry tags), without
    parsing it: the total for a progress bar."""
    return len(_ENTRY.findall(data))


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file open an RSS or Atom document."""
    return bool(_FEED_ROOT.search(head[:SNIFF_BYTES]))


def _feedparser(source: str):
    try:
        import feedparser
    except ImportError:
        raise InputError(
            source,
            "reading RSS/Atom feeds needs feedparser, in the 'feeds' extra: "
            "pip install 'claimgraph[feeds]'",
        ) from None
    return feedparser


def _published(value: str | None, source: str) -> str | None:
    """An entry's date as YYYY-MM-DD, the calendar day as the feed wrote it.

    RSS 2.0 dates are RFC 822 ("Mon, 09 Mar 2026 22:30:00 -0500"): read with
    the standard library, keeping the writer's own day (no shift to UTC, as
    for ISO dates in :func:`normalize_published`); Atom's are ISO 8601. An
    unreadable date is dropped, not guessed.
    """
    if not value or not value.strip():
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return normalize_published(value, source)
    except InputError:
        return None


def _body(entry) -> tuple[str, str] | None:
    """(value, MIME type) of the entry's content, else of its summary."""
    for content in entry.get("content") or ():
        if (content.get("value") or "").strip():
            return content["value"], (content.get("type") or "text/html").lower()
    summary = entry.get("summary") or ""
    if summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, (detail.get("type") or "text/html").lower()
    return None


def _entry_document(entry, source: str, outlet: str | None) -> Document:
    title = " ".join((entry.get("title") or "").split()) or None
    metadata = {
        "title": title,
        "url": (entry.get("link") or "").strip() or None,
        "outlet": outlet,
        "published": _published(entry.get("published"), source),
        "author": (entry.get("author") or "").strip() or None,
    }
    body = _body(entry)
    if body is None:
        raise SkippedDocument(source, "feed entry has neither content nor a summary")
    value, kind = body
    if kind in _HTML_TYPES:
        # A fragment inside a page with the entry's title: trafilatura then
        # reads it like an article page (a bare one-paragraph fragment is
        # below its minimum size), and the text starts with the title line,
        # as an HTML page's does.
        heading = f"<h1>{escape(title)}</h1>" if title else ""
        head = f"<title>{escape(title)}</title>" if title else ""
        page = f"<html><head>{head}</head><body><article>{heading}{value}</article></body></html>"
        return document_from_html(page, source=source, **metadata)
    text = f"{title}\n\n{value}" if title else value
    return document_from_text(text, source=source, **metadata)


def _problem(parsed) -> str | None:
    """What makes the file not a well-formed feed, or None.

    feedparser's "bozo" flag also covers harmless things (a charset declared
    one way and served another); only errors of XML structure count here.
    """
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    name = type(exc).__name__
    if name in ("CharacterEncodingOverride", "NonXMLContentType"):
        return None
    line = getattr(exc, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    message = getattr(exc, "getMessage", lambda: str(exc))()
    return f"{message}{where}"


def documents_from_feed(data: bytes, source: str) -> Iterator[Result]:
    """One Document per entry of an RSS or Atom file.

    Each source is "PATH:N", N the entry's position (1-based). Metadata: the
    entry's link is the url, its title the title, its ``published`` date
    (RSS pubDate, Atom published; not Atom ``updated``, a revision time) the
    publication date, its author the author; the feed's own title is the
    outlet. A file that is not a feed, or a feed with no entries, is one
    InputError. A feed that is not well-formed XML is an InputError too; the
    entries feedparser's lenient parser recovered from it are still yielded
    after it, each checked like any other.
    """
    feedparser = _feedparser(source)
    # Bytes through a stream: feedparser takes a str as a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(data))
    problem = _problem(parsed)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        reason = f": {problem}" if problem else ""
        yield InputError(source, f"not an RSS or Atom feed{reason}")
        return
    if problem:
        recovered = f"; {len(entries)} entries recovered" if entries else ""
        yield InputError(source, f"malformed feed: {problem}{recovered}")
    if not entries:
        if not problem:
            yield InputError(source, "feed has no entries")
        return
    outlet = " ".join((parsed.get("feed", {}).get("title") or "").split()) or None
    for number, entry in enumerate(entries, start=1):
        where = f"{source}:{number}"
        try:
            yield _entry_document(entry, where, outlet)
        except (InputError, SkippedDocument) as exc:
            yield exc
