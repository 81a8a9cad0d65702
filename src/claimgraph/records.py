"""Domain records: immutable, tied to character spans in a document's text.

Every offset is a character offset into ``Document.text`` (the normalized text,
see :func:`claimgraph.ids.normalize_text`), half-open ``[start, end)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]

BlockKind = Literal["title", "heading", "body", "furniture", "byline", "dateline"]
Certainty = Literal[
    "asserted", "reported", "hedged", "inferred", "opinion", "question", "negated", "hypothetical"
]
CERTAINTIES: tuple[str, ...] = (
    "asserted",
    "reported",
    "hedged",
    "inferred",
    "opinion",
    "question",
    "negated",
    "hypothetical",
)
DatePrecision = Literal["day", "month", "year", "week", "unknown"]
PlacePrecision = Literal["point", "city", "admin1", "admin2", "country", "region"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level piece of the text and what it is.

    Only ``body`` blocks yield claims; headings are kept (they structure the
    article) and furniture ("Also read: ...", "Comments are closed.") is kept in
    the text so offsets stay true, but never becomes a claim.
    """

    span: Span
    kind: BlockKind


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or None: never invented
    language: str | None = None
    author: str | None = None
    blocks: tuple[Block, ...] = ()
    source: str | None = None  # where it was read from (path, "<stdin>", "file.jsonl:12")


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of one document, with every mention of it.

    ``type`` is what kind of thing it is (person, organization, state, group,
    document); ``sector`` is a descriptive PLOVER/CAMEO sector (GOV, MIL, REB,
    PTY, MED, CVL, ...) or None: claimgraph never labels an actor on its own
    authority beyond these descriptive codes.
    """

    id: str
    name: str
    type: str
    sector: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None  # ISO 3166-2 code when known
    geonames_id: int | None = None
    precision: PlacePrecision | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeValue:
    span: Span
    text: str
    type: TimeType
    value: (
        str | None
    )  # TIMEX3 value ("2025-02-05", "2025-02", "2025-W06", "P3D"); None: not resolvable


@dataclass(frozen=True, slots=True)
class Attribution:
    """One link of an attribution chain: who says so, by which cue."""

    source_actor: str | None  # actor id
    source_text: str | None
    source_span: Span | None
    cue: str | None
    cue_span: Span | None
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None
    precision: DatePrecision
    span: Span | None


@dataclass(frozen=True, slots=True)
class Event:
    type: str  # PLOVER event type
    mode: str | None
    cameo: str | None
    trigger_span: Span
    source_actor: str | None  # actor id
    target_actor: str | None  # actor id
    place: str | None  # place id
    date: EventDate
    realis: str = "actual"  # actual | negated | future | hypothetical | generic
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    text: str
    span: Span
    sentence_span: Span
    certainty: Certainty
    attribution: tuple[Attribution, ...] = ()  # outermost first; empty: the outlet's own voice
    event: Event | None = None
    factuality: float | None = None  # [-3, 3], comparable with factuality gold sets


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything claimgraph found in one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeValue, ...] = ()
    claims: tuple[Claim, ...] = field(default=())
