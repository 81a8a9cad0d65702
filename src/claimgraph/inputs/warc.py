"""WARC and WARC.gz archives (Common Crawl's CC-NEWS) → Documents, through warcio.

Only ``response`` records with status 200 and an HTML payload are articles.
Every other record is yielded as a :class:`SkippedRecord` with its reason, so a
run can count them by reason without storing or printing one line each (a
CC-NEWS file holds tens of thousands of records).

warcio is lenient: it stops silently at a truncated record header, returns a
short payload for a truncated record, and resynchronizes after a record whose
Content-Length is wrong. Each of those is turned into a specific InputError
here, so a damaged archive is reported instead of quietly read in part.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..errors import InputError, SkippedDocument
from ..records import Document
from .html import document_from_html
from .metadata import normalize_published

Result = Document | InputError | SkippedDocument

EXTENSIONS = (".warc", ".warc.gz")
_GZIP_MAGIC = b"\x1f\x8b"
# Raw bytes read per step: large enough that zlib and warcio's own buffering
# dominate, small enough that little is lost in memory per open archive.
_CHUNK = 1 << 16
# Bytes of the archive kept after the last complete record, to tell trailing
# blank lines from the start of a record cut off by a truncated file.
_TAIL = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# News pages run from tens of KB to a few MB with inline scripts; 20 MB of
# HTML is far past the 2,000,000-character text limit (Options.max_chars)
# and would cost trafilatura seconds: a mislabelled download, not an article.
MAX_PAGE_BYTES = 20_000_000


class SkippedRecord(SkippedDocument):
    """A WARC record that holds no article: a request, metadata, a redirect,
    an error page, a PDF. Counted by reason; not stored one by one."""


class _BrokenArchive(Exception):
    """The compressed stream is damaged (raised from inside warcio's reads)."""


def _warcio(source: str) -> tuple[type, tuple[type[Exception], ...]]:
    """warcio's iterator and the errors it raises on a bad record.

    The WARC-only iterator: warcio's general one also takes the older ARC
    format, and so reads any text file as one odd ARC record.
    """
    try:
        from warcio.archiveiterator import WARCIterator
        from warcio.exceptions import ArchiveLoadFailed
        from warcio.statusandheaders import StatusAndHeadersParserException
    except ImportError:
        raise InputError(
            source,
            "reading WARC files needs warcio, in the 'feeds' extra: "
            "pip install 'claimgraph[feeds]'",
        ) from None
    # ValueError: a Content-Length that is not a number.
    return WARCIterator, (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError)


def _gunzip(raw: IO[bytes]) -> Iterator[bytes]:
    """Decompress a multi-member gzip stream (one member per WARC record).

    Done here rather than by warcio, which treats a member cut short as the end
    of the archive and drops what came before it in the same buffer.
    """
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    started = False  # the current member has consumed input
    while data := raw.read(_CHUNK):
        while data:
            try:
                out = decompressor.decompress(data)
            except zlib.error as exc:
                raise _BrokenArchive(f"corrupt gzip data ({exc})") from None
            started = True
            if out:
                yield out
            if decompressor.eof:
                data = decompressor.unused_data
                decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                started = False
            else:
                data = b""
    if started:
        raise _BrokenArchive("truncated gzip: the file ends inside a compressed record")


class _Stream:
    """The uncompressed archive as a file for warcio, remembering its tail.

    Reads cost O(size), not O(buffer): a CC-NEWS file is gigabytes once
    decompressed, read in warcio's 16 KB blocks.
    """

    def __init__(self, raw: IO[bytes], gzipped: bool) -> None:
        self._chunks = _gunzip(raw) if gzipped else iter(lambda: raw.read(_CHUNK), b"")
        self._buffer = bytearray()
        self._error: _BrokenArchive | None = None
        self._recent: deque[bytes] = deque()  # the last reads, at least _TAIL bytes
        self._recent_size = 0
        self.delivered = 0

    def read(self, size: int = -1) -> bytes:
        if self._error is not None and not self._buffer:
            raise self._error
        while size < 0 or len(self._buffer) < size:
            try:
                chunk = next(self._chunks, b"")
            except _BrokenArchive as exc:
                # Hand out the records decompressed before the damage first.
                self._error = exc
                break
            if not chunk:
                break
            self._buffer += chunk
        if size < 0:
            size = len(self._buffer)
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        self.delivered += len(out)
        self._recent.append(out)
        self._recent_size += len(out)
        while self._recent_size - len(self._recent[0]) >= _TAIL:
            self._recent_size -= len(self._recent.popleft())
        return out

    def tell(self) -> int:
        return self.delivered

    @property
    def tail(self) -> bytes:
        """The last bytes handed out (at least _TAIL of them, when there are)."""
        return b"".join(self._recent)


def _skip(source: str, record) -> SkippedRecord | None:
    """Why this record is not an article, or None when it may be one."""
    kind = record.rec_type
    if kind != "response":
        return SkippedRecord(source, f"WARC {kind} record (only response records hold pages)")
    if record.http_headers is None:
        return SkippedRecord(source, "WARC response without HTTP headers (not a web page)")
    status = record.http_headers.get_statuscode()
    if status != "200":
        return SkippedRecord(source, f"HTTP status {status} (only 200 responses are articles)")
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    content_type = content_type.strip().lower()
    if content_type and content_type not in _HTML_TYPES:
        return SkippedRecord(source, f"content type {content_type!r} is not HTML")
    return None


def _charset(record) -> str | None:
    for part in (record.http_headers.get_header("Content-Type") or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _page(payload: bytes, record) -> str | bytes:
    """The page as str when the HTTP header names a charset that decodes it;
    otherwise bytes, so trafilatura reads the page's own declaration."""
    charset = _charset(record)
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header: the page's own <meta charset> may be right
    return payload


def _document(payload: bytes, record, source: str) -> Document:
    if b"\x00" in payload[:_CHUNK]:
        raise InputError(source, "binary payload (contains NUL bytes) in an HTML response")
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    document = document_from_html(_page(payload, record), source=source, url=url)
    if document.published is None:
        warc_date = record.rec_headers.get_header("WARC-Date")
        if warc_date:
            try:
                published = normalize_published(warc_date, source)
            except InputError:
                published = None
            document = dataclasses.replace(document, published=published)
    return document


def documents_from_warc(path: Path) -> Iterator[Result]:
    """One Document per HTML page in a WARC or WARC.gz file; a SkippedRecord
    per other record; an InputError where the archive is damaged.

    Each source is "PATH:N", N the record's number in the file (1-based,
    counting every record). A page is read like an HTML file: the
    WARC-Target-URI is its url; its publication date is the page's own, and
    only when the page gives none is it the WARC-Date (the capture time, which
    for a news crawl is close to but not always the publication day). Gzip is
    recognised by its magic bytes, whatever the file name. A damaged archive
    (corrupt or truncated gzip, a truncated record, a record whose
    Content-Length is wrong) yields an InputError naming the record, after the
    documents read before it; a truncated or corrupt file ends there.
    """
    name = str(path)
    archive_iterator, warc_errors = _warcio(name)
    with path.open("rb") as raw:
        stream = _Stream(raw, gzipped=raw.read(2) == _GZIP_MAGIC)
        raw.seek(0)
        records = archive_iterator(stream)
        # warcio prints a warning to stderr for a bad Content-Length; err_count
        # records the same, and the InputError below says it once, cleanly.
        records.INC_RECORD = ""
        number = 0
        end = 0  # uncompressed offset just past the last complete record
        iterator = iter(records)
        while True:
            number += 1
            source = f"{name}:{number}"
            try:
                record = next(iterator, None)
                if record is None:
                    number -= 1
                    break
                outcome = _payload(record, source)
                # Reads on to the next record: a wrong Content-Length shows here.
                end = records.get_record_offset() + records.get_record_length()
            except _BrokenArchive as exc:
                yield InputError(source, f"{exc} (after {number - 1} records)")
                return
            except warc_errors as exc:  # warcio's ArchiveLoadFailed, header parse errors
                reason = " ".join(str(exc).split())[:200]
                yield InputError(source, f"not a valid WARC record: {reason}")
                return
            if records.err_count:
                records.err_count = 0
                yield InputError(source, _BAD_LENGTH)
                continue
            if isinstance(outcome, bytes):
                try:
                    outcome = _document(outcome, record, source)
                except (InputError, SkippedDocument) as exc:
                    outcome = exc
            yield outcome
        if number == 0 and stream.delivered == 0:
            yield SkippedDocument(name, "empty file")
            return
        leftover = stream.delivered - end
        if leftover > 0 and (leftover > len(stream.tail) or stream.tail[-leftover:].strip()):
            yield InputError(
                f"{name}:{number + 1}",
                f"truncated WARC: the file ends inside a record header (after {number} records)",
            )


_BAD_LENGTH = "broken WARC record: its Content-Length does not match its content"


def _payload(record, source: str) -> bytes | InputError | SkippedRecord:
    """The HTML payload of an article record, or why there is none."""
    skip = _skip(source, record)
    if skip is not None:
        return skip
    payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES:
        # The rest is skipped unread by warcio when it moves to the next record.
        return SkippedRecord(
            source, f"page over {MAX_PAGE_BYTES // 1_000_000} MB (not a news article)"
        )
    if getattr(record.raw_stream, "limit", 0) > 0:
        # Fewer bytes than Content-Length promised: the file was cut here.
        return InputError(source, "truncated WARC record: the file ends inside it")
    return payload


def count_pages(path: Path) -> int:
    """How many records of an archive may be articles (200 HTML responses),
    reading record headers only: the total for a progress bar."""
    warc_iterator, warc_errors = _warcio(str(path))

    n = 0
    try:
        with path.open("rb") as raw:
            stream = _Stream(raw, gzipped=raw.read(2) == _GZIP_MAGIC)
            raw.seek(0)
            for record in warc_iterator(stream):
                n += _skip("", record) is None
    except (_BrokenArchive, OSError, *warc_errors):
        pass  # the reading run reports the damage; a count stops at it
    return n
