"""Reading documents: plain text, HTML, JSONL, stdin → Document records."""

from __future__ import annotations

from ..ids import document_id, normalize_text
from ..records import Block, Document


def _blocks(text: str) -> tuple[Block, ...]:
    blocks = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip():
            blocks.append(Block((start, end), "body"))
    return tuple(blocks)


def document_from_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    author: str | None = None,
    source: str | None = None,
) -> Document:
    text = normalize_text(text)
    return Document(
        id=document_id(text),
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        author=author,
        language="en",
        blocks=_blocks(text),
        source=source,
    )
