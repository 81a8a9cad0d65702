"""JSONL → Documents: one article per line, ``text`` or ``html`` plus metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..errors import InputError, SkippedDocument
from ..records import Document
from .html import document_from_html
from .metadata import METADATA_FIELDS, check_fields, check_unicode
from .text import document_from_text


def _document(record: dict, source: str) -> Document:
    fields = check_fields(record, source)
    for key in ("text", "html"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(source, f"field {key!r} must be a string, not {type(value).__name__}")
        if value is not None:
            check_unicode(value, key, source)
    # A record with both carries already-extracted text: that is what the
    # producer meant to be read, so it wins over re-extracting the HTML.
    if record.get("text") is not None:
        if not record["text"].strip():
            raise SkippedDocument(source, "empty text")
        return document_from_text(record["text"], source=source, **fields)
    if record.get("html") is not None:
        if not record["html"].strip():
            raise SkippedDocument(source, "empty html")
        return document_from_html(record["html"], source=source, **fields)
    raise InputError(
        source,
        "record has neither a 'text' nor an 'html' field "
        f"(optional fields: {', '.join(METADATA_FIELDS)})",
    )


def document_from_line(line: str, where: str) -> Document | InputError | SkippedDocument | None:
    """The Document (or the problem) of one JSONL line; None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return InputError(where, f"expected a JSON object, got {type(record).__name__}")
    try:
        return _document(record, where)
    except (InputError, SkippedDocument) as exc:
        return exc


def documents_from_jsonl(
    text: str, source: str
) -> Iterator[Document | InputError | SkippedDocument]:
    """One Document per non-blank line; a bad line yields its error, and the
    next line is read. Each source is "NAME:LINE" (1-based). Keys other than
    text, html and the metadata fields are ignored: dumps from other tools
    carry their own (ids, crawl dates)."""
    for number, line in enumerate(text.split("\n"), start=1):
        result = document_from_line(line, f"{source}:{number}")
        if result is not None:
            yield result
