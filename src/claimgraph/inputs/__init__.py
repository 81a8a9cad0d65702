"""Reading documents: plain text, HTML, JSONL, WARC, RSS/Atom, stdin → Document records.

:func:`read` walks files and directories and yields a Document, an
InputError or a SkippedDocument per article, so one bad file never stops a
run. :func:`document_from_text` and :func:`document_from_html` build one
Document from a string.
"""

from __future__ import annotations

from .blocks import split_blocks
from .feeds import documents_from_feed
from .furniture import glued_furniture, is_byline, is_furniture
from .html import document_from_html
from .jsonl import documents_from_jsonl
from .language import detect_language
from .metadata import normalize_published
from .read import SUPPORTED_EXTENSIONS, read
from .text import document_from_text
from .warc import SkippedRecord, documents_from_warc

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "SkippedRecord",
    "detect_language",
    "document_from_html",
    "document_from_text",
    "documents_from_feed",
    "documents_from_jsonl",
    "documents_from_warc",
    "glued_furniture",
    "is_byline",
    "is_furniture",
    "normalize_published",
    "read",
    "split_blocks",
]
