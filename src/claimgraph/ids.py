"""Stable identifiers and text normalization.

A document id is the SHA-256 of its normalized text, so the same article read
from HTML today and from a JSONL dump tomorrow gets the same id. Every other id
derives from the document id plus a kind and a span, so re-running the analysis
gives identical ids.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# C0/C1 control characters other than tab and newline carry no text and break
# offsets in downstream tools; they are dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalize_text(text: str) -> str:
    """The canonical form every offset refers to.

    NFC, Unix newlines, no BOM or control characters, no trailing spaces on a
    line, at most one blank line in a row, no leading or trailing blank space.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def document_id(normalized_text: str) -> str:
    return hashlib.sha256(normalized_text.encode("utf-8")).hexdigest()


def child_id(document_id: str, kind: str, *parts: object) -> str:
    """A short id for a record inside a document: kind prefix + 16 hex digits."""
    key = "|".join([document_id, kind, *map(str, parts)])
    return f"{kind}_{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}"
