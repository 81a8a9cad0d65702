"""Light, frozen result rows returned by :class:`~claimgraph.store.Store` queries."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AddResult:
    """What ``Store.add_many`` did: documents added, already stored, skipped."""

    added: int = 0
    duplicates: int = 0
    skipped: int = 0


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One link of a claim's attribution chain, outermost first."""

    source: str | None  # the actor's name when resolved, else the source as written
    source_actor: str | None  # actor id
    source_text: str | None
    cue: str | None
    anonymous: bool = False


@dataclass(frozen=True, slots=True)
class EventSummary:
    type: str
    mode: str | None
    cameo: str | None
    source: str | None  # actor name
    target: str | None  # actor name
    source_actor: str | None  # actor id
    target_actor: str | None  # actor id
    place: str | None  # place name
    place_id: str | None
    country: str | None  # the place's ISO 3166 alpha-3
    date: str | None  # TIMEX3 value
    date_precision: str
    realis: str
    confidence: float


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim with its document, its attribution chain and its event, ready to show."""

    claim_id: str
    document_id: str
    title: str | None
    outlet: str | None
    published: str | None
    text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    certainty: str
    factuality: float | None
    chain: tuple[SourceLink, ...] = ()
    event: EventSummary | None = None
    rank: float | None = None  # bm25 rank from search (lower is better), else None
    position: int | None = None  # the claim's index in its document (the pagination key)

    @property
    def source(self) -> str | None:
        """The outermost source as written (None: the outlet's own voice)."""
        return self.chain[0].source_text if self.chain else None

    @property
    def chain_text(self) -> str:
        """The chain as ``"A > B"`` (each link's actor name or source text)."""
        return " > ".join(link.source or link.source_text or "?" for link in self.chain)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    source: str | None
    ingested_at: str
    claims: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor aggregated across documents by (name, type, country)."""

    name: str
    type: str
    sector: str | None
    country: str | None
    aliases: tuple[str, ...]
    documents: int
    mentions: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Stats:
    documents: int
    actors: int
    places: int
    claims: int
    events: int
    skipped: int
    events_by_type: dict[str, int]
    claims_by_certainty: dict[str, int]
    documents_by_outlet: dict[str | None, int]  # None: documents without an outlet

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One real-world event as reported across documents."""

    id: str
    type: str
    reports: int  # coded events in the cluster (every copy counts here)
    documents: int
    sources: int  # independent sources saying it happened: syndication families
    denials: int  # independent sources saying it did not happen
    first_published: str | None
    first_outlet: str | None
    date: str | None  # the most precise date among its reports
    place: str | None
    contradictions: int
    evidence: ClaimRow  # the first report's claim

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """One report of an event cluster: the claim, its family, whether it is the original."""

    claim: ClaimRow
    family_id: str
    original: bool  # the earliest published member of its syndication family

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Contradiction:
    id: int
    kind: str  # negation | quantity
    detail: str  # the word negated or the thing counted
    claim: ClaimRow  # the later-published claim
    other: ClaimRow  # the earlier claim it contradicts
    cluster_id: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventClusterDetail:
    cluster: EventCluster
    reports: tuple[ClusterReport, ...]
    contradictions: tuple[Contradiction, ...]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class StatementCluster:
    """One statement (not only events) as reported by several documents."""

    id: str
    sources: int  # independent sources: syndication families
    reports: tuple[ClaimRow, ...]  # every report, earliest published first

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
