"""Plain text → Document: normalization, blocks, title, language, metadata."""

from __future__ import annotations

from ..ids import document_id, normalize_text
from ..records import Document
from .blocks import split_blocks
from .language import body_text, detect_language
from .metadata import normalize_published


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
    """A Document from article text and what is known about it.

    The text is normalized (:func:`claimgraph.ids.normalize_text`) and every
    offset refers to that form. The title line stays in the text as a block of
    kind "title"; when ``title`` is not given, a first line that looks like a
    headline becomes the title (rules in :mod:`claimgraph.inputs.blocks`).
    ``published`` is normalized to "YYYY-MM-DD"; a value that is not a full
    date raises :class:`~claimgraph.errors.InputError`.
    """
    text = normalize_text(text)
    blocks, title_line = split_blocks(text, title)
    if published is not None and published.strip():
        published = normalize_published(published, source or "<text>")
    else:
        published = None
    return Document(
        id=document_id(text),
        text=text,
        title=title if title else title_line,
        url=url or None,
        outlet=outlet or None,
        published=published,
        author=author or None,
        language=detect_language(body_text(text, blocks)) if text else None,
        blocks=blocks,
        source=source,
    )
