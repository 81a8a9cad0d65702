"""analyze(): document in, Analysis out. The stages run in this order:

actors → places → times → claim units (attribution) → certainty → events.
Each stage is a module of :mod:`claimgraph.extract` with a small interface, so
later work can deepen one without touching the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .errors import SkippedDocument
from .extract import actors as actors_stage
from .extract import attribution as attribution_stage
from .extract import certainty as certainty_stage
from .extract import events as events_stage
from .extract import places as places_stage
from .extract import times as times_stage
from .extract.dictionary import load_dictionary
from .ids import child_id
from .inputs import document_from_text
from .nlp import Parsed, parse, parse_many
from .options import Options
from .records import Analysis, Claim, Document


def check_document(document: Document, options: Options) -> None:
    """Raise SkippedDocument for what claimgraph deliberately does not analyze."""
    source = document.source or document.id[:12]
    if not document.text.strip():
        raise SkippedDocument(source, "empty document (no text after normalization)")
    if len(document.text) > options.max_chars:
        raise SkippedDocument(
            source,
            f"document has {len(document.text):,} characters, over the limit of "
            f"{options.max_chars:,} (Options.max_chars / --max-chars)",
        )
    # Short texts (a headline, one sentence) give no reliable language signal:
    # the detector says None and we analyze rather than drop them.
    known = document.language is not None
    if options.languages and known and document.language not in options.languages:
        raise SkippedDocument(
            source,
            f"language is {document.language!r}, not one of "
            f"{', '.join(options.languages)}; claimgraph's English rules would mis-analyze it",
        )


def analyze_parsed(parsed: Parsed, options: Options = Options()) -> Analysis:
    document = parsed.document
    dictionary = load_dictionary(options.dictionaries)
    actors = actors_stage.actors(parsed, dictionary)
    places = places_stage.places(parsed, actors)
    times = times_stage.times(parsed)
    claims: list[Claim] = []
    for unit in attribution_stage.claim_units(parsed, actors):
        certainty, factuality = certainty_stage.certainty(parsed, unit)
        event = events_stage.event(parsed, unit, actors, places, times, certainty)
        claims.append(
            Claim(
                id=child_id(document.id, "claim", *unit.span),
                text=document.text[unit.span[0] : unit.span[1]],
                span=unit.span,
                sentence_span=unit.sentence_span,
                certainty=certainty,
                attribution=unit.chain,
                event=event,
                factuality=factuality,
            )
        )
    return Analysis(document, actors, places, times, tuple(claims))


def analyze(text: str | Document, options: Options = Options(), **metadata) -> Analysis:
    """Analyze one article.

    ``text`` is plain text (``metadata`` may give title, url, outlet,
    published) or a :class:`Document` from :func:`claimgraph.inputs.read`.
    Raises :class:`SkippedDocument` for empty, oversized or non-English input.
    """
    document = text if isinstance(text, Document) else document_from_text(text, **metadata)
    check_document(document, options)
    return analyze_parsed(parse(document, options), options)


def analyze_many(
    documents: Iterable[Document], options: Options = Options()
) -> Iterator[Analysis | SkippedDocument]:
    """Analyze a stream of documents with batched parsing; skips are yielded, not raised."""

    def accepted() -> Iterator[Document]:
        for document in documents:
            try:
                check_document(document, options)
            except SkippedDocument as skip:
                skipped.append(skip)
                continue
            yield document

    skipped: list[SkippedDocument] = []
    for parsed in parse_many(accepted(), options):
        while skipped:
            yield skipped.pop(0)
        yield analyze_parsed(parsed, options)
    yield from skipped
