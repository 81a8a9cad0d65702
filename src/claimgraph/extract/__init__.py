"""Extractors, one module per stage. Each is a pure function over a parsed document.

Contracts (the pipeline relies on exactly these):

- ``dictionary.load_dictionary(paths) -> ActorDictionary`` (cached), with
  ``.patterns()`` for spaCy's entity ruler and ``.lookup(name, date)``.
- ``actors.actors(parsed, dictionary) -> tuple[Actor, ...]``: one Actor per
  real-world actor of the document, all its mentions merged.
- ``places.places(parsed, actors) -> tuple[Place, ...]``
- ``times.times(parsed) -> tuple[TimeValue, ...]``, anchored on
  ``parsed.document.published`` (no anchor: relative expressions get value None).
- ``attribution.claim_units(parsed, actors) -> Iterator[ClaimUnit]``: every body
  sentence yields at least one unit; attributed content carries its chain.
- ``certainty.certainty(parsed, unit) -> (certainty class, factuality in [-3, 3])``
- ``events.event(parsed, unit, actors, places, times, certainty) -> Event | None``
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor, Attribution, Span


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """A stretch of text that states one thing, and who says so."""

    sentence_span: Span
    span: Span  # the content: the whole sentence in the outlet's voice, or what is attributed
    chain: tuple[Attribution, ...] = ()  # outermost first
    cue_span: Span | None = None  # the innermost cue ("suggests", "claimed"), if any


def actor_at(actors: tuple[Actor, ...], span: Span) -> Actor | None:
    """The actor with a mention overlapping ``span`` most, or None."""
    best, best_overlap = None, 0
    for actor in actors:
        for s, e in actor.mentions:
            overlap = min(e, span[1]) - max(s, span[0])
            if overlap > best_overlap:
                best, best_overlap = actor, overlap
    return best


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token
    on each access, which made a loop over entities quadratic."""
    text = doc.user_data.get("claimgraph_text")
    if text is None:
        text = doc.user_data["claimgraph_text"] = doc.text
    return text
