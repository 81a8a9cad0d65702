"""HTML page → Document, through trafilatura's main-text extraction."""

from __future__ import annotations

from ..errors import InputError, SkippedDocument
from ..records import Document
from .metadata import normalize_published
from .text import document_from_text

# Publication date from the page's own metadata only: htmldate's extensive
# search would take any date found in the page (a comment, a "related"
# teaser) and present it as the article's. original_date asks for the first
# publication rather than the last modification.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_CLOSERS = "\"'”’)]»"
_SENTENCE_END = tuple(".!?…")


def _extract(html: str | bytes):
    import trafilatura  # heavy import; only HTML input needs it

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        date_extraction_params=_DATE_PARAMS,
    )


def _is_prose(paragraph: str) -> bool:
    return paragraph.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _paragraphs(body: str, title: str | None) -> list[str]:
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    # trafilatura often repeats the <h1> as the first line of the body.
    if lines and title and " ".join(lines[0].split()) == " ".join(title.split()):
        lines = lines[1:]
    return lines


def document_from_html(
    html: str | bytes,
    *,
    source: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    author: str | None = None,
) -> Document:
    """The article in an HTML page, without navigation, share buttons or footer.

    The text is the page's title, a blank line, then the extracted paragraphs each
    separated by a blank line (so a long unpunctuated paragraph is never taken
    for a hard-wrapped one); furniture detection still runs on it. Metadata
    given by the caller (a sidecar, a JSONL record) wins over the page's own.
    Raises SkippedDocument when no article text is found: no body paragraph
    ends in sentence punctuation.
    """
    extracted = _extract(html)
    body = (extracted.text or "") if extracted is not None else ""
    page_title = " ".join((extracted.title or "").split()) if extracted is not None else ""
    page_title = page_title or None
    paragraphs = _paragraphs(body, page_title)
    if not paragraphs:
        raise SkippedDocument(source, "no article text found in the HTML")
    # The text holds what the page says: its own title, even when the caller
    # gives another one for Document.title.
    text = "\n\n".join([page_title, *paragraphs] if page_title else paragraphs)
    if not published and extracted is not None and extracted.date:
        try:
            published = normalize_published(extracted.date, source)
        except InputError:
            published = None  # an unreadable page date is dropped, not guessed
    document = document_from_text(
        text,
        title=title or page_title,
        url=url or (extracted.url if extracted is not None else None),
        outlet=outlet or (extracted.sitename if extracted is not None else None),
        published=published,
        author=author or (extracted.author if extracted is not None else None),
        source=source,
    )
    bodies = [document.text[b.span[0] : b.span[1]] for b in document.blocks if b.kind == "body"]
    if not any(_is_prose(body) for body in bodies):
        # trafilatura falls back to whatever text a page has: on a page
        # without an article that is the menu ("Home World Sport").
        raise SkippedDocument(source, "no article text found in the HTML")
    return document
