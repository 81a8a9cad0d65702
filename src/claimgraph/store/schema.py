"""The store's tables (SQLAlchemy Core), as of the newest migration.

Portable SQL: TEXT, INTEGER, DOUBLE PRECISION and BLOB (PostgreSQL: BYTEA)
columns only, so the same tables work on SQLite (the embedded default) and
PostgreSQL. There INTEGER is 32-bit and TEXT cannot hold U+0000, neither of
which normalized text and GeoNames ids need. The full-text index lives in
:mod:`claimgraph.store.fts`: ``claims_fts`` on SQLite, ``ix_claims_text_search``
on PostgreSQL.

Conventions for every table below:

* spans are character offsets into ``documents.text``, half-open ``[start, end)``;
* every child row carries ``document_id`` (→ ``documents.id``, ``ON DELETE
  CASCADE``), so a document and everything found in it are one unit;
* child ids (actor, place, claim) are unique *within* a document: the primary
  key is ``(document_id, id)``. ids from the pipeline are content hashes that
  include the document id, so in practice they are globally unique too;
* ``position`` is the 0-based order of the record in its tuple of the
  :class:`~claimgraph.records.Analysis`, so ``Store.get`` rebuilds it exactly.

Tables
------

``schema_version``
    ``version`` (INTEGER): the number of the last migration applied
    (:mod:`claimgraph.store.migrations`). One row.

``documents`` — one analyzed article.
    ``id`` (TEXT PK): SHA-256 of the normalized text (:func:`claimgraph.ids.document_id`).
    ``title``, ``url``, ``outlet``, ``author`` (TEXT, nullable): metadata as read.
    ``published`` (TEXT, nullable): ``YYYY-MM-DD``; never invented.
    ``language`` (TEXT, nullable): ISO 639-1 code detected or given.
    ``source`` (TEXT, nullable): where the document was read from
    (a path, ``<stdin>``, ``file.jsonl:12``).
    ``text`` (TEXT): the normalized text every span refers to.
    ``ingested_at`` (TEXT): UTC time of insertion, ISO 8601 (``2026-01-31T12:00:00Z``).

``blocks`` — paragraph-level pieces of the text.
    ``document_id``, ``position`` (PK); ``start``, ``end`` (INTEGER): span;
    ``kind`` (TEXT): ``title`` | ``heading`` | ``body`` | ``furniture`` | ``byline``.

``actors`` — one actor of one document.
    ``document_id``, ``id`` (PK); ``position`` (INTEGER); ``name`` (TEXT): canonical name;
    ``type`` (TEXT): person, organization, state, group, document;
    ``sector`` (TEXT, nullable): PLOVER/CAMEO sector code (GOV, MIL, ...);
    ``country`` (TEXT, nullable): ISO 3166 alpha-3;
    ``aliases`` (TEXT): JSON array of strings (other names seen).

``actor_mentions`` — where an actor is mentioned.
    ``document_id``, ``actor_id``, ``position`` (PK); ``start``, ``end`` (INTEGER): span.

``places`` — one place of one document.
    ``document_id``, ``id`` (PK); ``position`` (INTEGER); ``name`` (TEXT);
    ``lat``, ``lon`` (DOUBLE, nullable): WGS84; ``country`` (TEXT, nullable): ISO 3166 alpha-3;
    ``admin1`` (TEXT, nullable): ISO 3166-2 code; ``geonames_id`` (INTEGER, nullable);
    ``precision`` (TEXT, nullable): point | city | admin1 | admin2 | country | region.

``place_mentions`` — where a place is mentioned.
    ``document_id``, ``place_id``, ``position`` (PK); ``start``, ``end`` (INTEGER): span.

``times`` — time expressions found in the text.
    ``document_id``, ``position`` (PK); ``start``, ``end`` (INTEGER): span; ``text`` (TEXT);
    ``type`` (TEXT): DATE | TIME | DURATION | SET;
    ``value`` (TEXT, nullable): TIMEX3 value (``2025-02-05``, ``2025-W06``, ``P3D``).

``claims`` — one claim: a span of text and how certain the text is about it.
    ``pk`` (INTEGER PK, autoincrement): surrogate key, the row id of ``claims_fts``;
    ``document_id``, ``id`` (TEXT, UNIQUE together): the claim id;
    ``position`` (INTEGER); ``text`` (TEXT): the claim's text (``documents.text[start:end]``);
    ``start``, ``end`` (INTEGER): claim span; ``sentence_start``, ``sentence_end``: its sentence;
    ``certainty`` (TEXT): asserted | reported | hedged | inferred | opinion | question |
    negated | hypothetical; ``factuality`` (DOUBLE, nullable): in [-3, 3].

``attributions`` — the attribution chain of a claim, one row per link.
    ``document_id``, ``claim_id``, ``position`` (PK; 0 = outermost source);
    ``source_actor`` (TEXT, nullable): actor id;
    ``source_text`` (TEXT, nullable): the source as written;
    ``source_start``, ``source_end`` (INTEGER, nullable): its span;
    ``cue`` (TEXT, nullable): the reporting cue ("said", "according to");
    ``cue_start``, ``cue_end`` (INTEGER, nullable): its span;
    ``anonymous`` (INTEGER 0/1): an unnamed source ("officials said").

``events`` — the PLOVER event a claim reports, at most one per claim.
    ``document_id``, ``claim_id`` (PK); ``type`` (TEXT): PLOVER event type;
    ``mode`` (TEXT, nullable): PLOVER mode; ``cameo`` (TEXT, nullable): CAMEO code;
    ``trigger_start``, ``trigger_end`` (INTEGER): trigger span;
    ``source_actor``, ``target_actor`` (TEXT, nullable): actor ids (``actors.id``);
    ``place_id`` (TEXT, nullable): place id (``places.id``);
    ``date_value`` (TEXT, nullable): TIMEX3 value; ``date_precision`` (TEXT):
    day | month | year | week | unknown; ``date_start``, ``date_end`` (INTEGER, nullable):
    the character span of the date expression (not a date range);
    ``date_min``, ``date_max`` (TEXT, nullable): derived ``YYYY-MM-DD`` bounds of
    ``date_value`` (a month → its first and last day), used by date filters;
    ``realis`` (TEXT): actual | negated | future | hypothetical | generic;
    ``confidence`` (DOUBLE): in [0, 1].

``document_families`` — each document's syndication family (:mod:`claimgraph.resolve.syndication`).
    ``document_id`` (TEXT PK); ``family_id`` (TEXT): the family, named after the
    document that founded it; ``sort_key`` (TEXT): orders a family's members,
    originals first (publication date, then not crediting another outlet);
    ``shingles`` (BLOB): the body's shingle hashes, for exact verification.
    A document without a row here has not been linked yet
    (:meth:`~claimgraph.store.Store.link`).

``document_bands`` — MinHash LSH band keys, the index that finds copy candidates.
    ``document_id``, ``bucket`` (PK); ``bucket`` (TEXT): ``band:hash`` of one
    band of the MinHash signature; two documents sharing one are copy candidates.

``event_links`` — each clustered event's cross-document cluster.
    ``document_id``, ``claim_id`` (PK, → ``events``); ``cluster_id`` (TEXT);
    ``type`` (TEXT): PLOVER type (copied for the candidate index);
    ``day_min``, ``day_max`` (TEXT ``YYYY-MM-DD``): the days the event may have
    happened on (its date's bounds; undated: the days before publication);
    ``score`` (DOUBLE, nullable): match score with the member it joined through
    (NULL for the event that founded the cluster);
    ``words`` (TEXT, v5): the content words of the event's sentence
    (``resolve.event_match.content_words``), sorted and space-separated, so
    that matching a candidate does not re-read and re-tokenise its sentence.

``event_keys`` — what a linked event is found by (v6; :mod:`claimgraph.store.event_keys`).
    ``id`` (INTEGER PK): insertion order, which orders candidates of one day
    as ``event_links`` rows were inserted; ``document_id``, ``claim_id``
    (→ ``event_links``, cascade); ``key`` (TEXT): an actor key (``p:`` name
    key, ``w:``/``wp:`` name words) or a place cell (``g:lat:lon``);
    ``type``, ``day_min``, ``day_max``: the link's, copied for the index
    ``ix_event_keys_search`` (type, key, day_min, day_max), through which a
    new event reads only the stored events it could match.

``claim_links`` — each claim's statement cluster (the same statement in several documents).
    ``document_id``, ``claim_id`` (PK, → ``claims``); ``statement_id`` (TEXT).

``claim_anchors`` — named words of claims, the index that finds statement candidates.
    ``document_id``, ``claim_id``, ``term`` (PK); ``day`` (TEXT): the document's publication date.

``contradictions`` — two claims from independent sources that cannot both be true.
    ``id`` (INTEGER PK); ``kind`` (TEXT): negation | quantity;
    ``detail`` (TEXT): the word negated or the thing counted;
    ``document_id``, ``claim_id``: the later claim; ``other_document_id``,
    ``other_claim_id``: the claim it contradicts (both → ``claims``, cascade);
    ``cluster_id`` (TEXT, nullable): the event cluster when both are events of one.

``skipped`` — documents deliberately not analyzed.
    ``id`` (INTEGER PK); ``source`` (TEXT); ``reason`` (TEXT); ``at`` (TEXT): UTC ISO 8601.

``actor_names`` — every actor's name and aliases, lower-cased (v4).
    ``document_id``, ``actor_id``, ``name`` (PK, → ``actors``, cascade);
    ``name`` (TEXT): the name or one alias, folded with Python's
    ``str.lower()`` on insert (SQLite's ``lower()`` folds ASCII only), indexed:
    exact name and alias lookups (the actor page, the claims actor filter).

``event_summaries`` — one row per event cluster, the events list's source (v4).
    ``cluster_id`` (TEXT PK); ``type`` (TEXT): PLOVER type;
    ``reports`` (INTEGER): linked events; ``documents`` (INTEGER): distinct documents;
    ``sources`` (INTEGER): independent sources (distinct syndication families
    reporting it as actual); ``denials`` (INTEGER): families reporting it negated;
    ``first_published`` (TEXT, nullable): earliest publication date of a report;
    ``sort_day`` (TEXT): ``first_published`` with undated as ``''``.
    Updated by what a document adds to the clusters it joins (``Store.add``),
    recomputed from ``event_links`` for those it leaves (``Store.delete``); a
    row deleted by hand with SQL is recomputed at the next change to that
    cluster, a row edited by hand stays wrong until a document leaves it.

Indexes added by migration 4: ``ix_documents_published_id`` (``published
DESC, id``; PostgreSQL ``NULLS LAST``), ``ix_claims_document_position``,
``ix_attributions_source_lower`` (``lower(source_text)``),
``ix_event_summaries_order`` and ``ix_event_summaries_type``. The store runs
``ANALYZE`` in migration 4, every 1000 documents one ``Store`` adds, when such a
``Store`` closes, and on ``Store.optimize()``.

Views (read-only, v4; :mod:`claimgraph.store.views`)
-----------------------------------------------------

``claims_view`` — one row per claim with its document and event.
    ``document_id``, ``claim_id``, ``position``, ``published``, ``outlet``,
    ``title``, ``url``, ``text``, ``certainty``, ``factuality``;
    ``source_chain`` (TEXT, NULL for the outlet's own voice): the attribution
    chain as ``A > B``, outermost first (actor name, else the source as written);
    ``event_type``, ``event_mode``, ``event_cameo``; ``event_source``,
    ``event_target``: actor names; ``event_place``, ``event_country``;
    ``event_date`` (TIMEX3 value), ``event_realis``, ``event_confidence``;
    ``cluster_id``: the event's cross-document cluster (NULL: no event, or not clustered).

``event_reports`` — one row per report of an event cluster.
    ``cluster_id``, ``event_type``, ``cluster_sources`` (the cluster's
    independent sources), ``document_id``, ``claim_id``, ``outlet``,
    ``published``, ``title``, ``family_id`` (syndication family: reports of one
    family are one source), ``realis``, ``certainty``, ``event_date``, ``text``.

``actor_interactions`` — who does what to whom, across documents.
    ``source_actor``, ``target_actor`` (actor names), ``event_type``,
    ``events`` (events with that source, target and type),
    ``documents`` (distinct documents reporting them). Events without both a
    source and a target actor are left out.

``claims_fts`` (SQLite only) — FTS5 index over ``claims.text``, external
content with ``content_rowid = pk``, kept in sync by triggers. On PostgreSQL,
the GIN index ``ix_claims_text_search`` on ``to_tsvector('simple', text)``.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def _document_fk() -> Column:
    return Column(
        "document_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    )


schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("language", Text),
    Column("author", Text),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("ingested_at", Text, nullable=False),
    Index("ix_documents_published", "published"),
    Index("ix_documents_outlet", "outlet"),
)

blocks = Table(
    "blocks",
    metadata,
    _document_fk(),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    PrimaryKeyConstraint("document_id", "position"),
)

actors = Table(
    "actors",
    metadata,
    _document_fk(),
    Column("id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("sector", Text),
    Column("country", Text),
    Column("aliases", Text, nullable=False, default="[]"),
    PrimaryKeyConstraint("document_id", "id"),
    Index("ix_actors_name", "name", "type", "country"),
)

actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("actor_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("document_id", "actor_id", "position"),
    ForeignKeyConstraint(
        ["document_id", "actor_id"], ["actors.document_id", "actors.id"], ondelete="CASCADE"
    ),
)

places = Table(
    "places",
    metadata,
    _document_fk(),
    Column("id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("lat", Double),
    Column("lon", Double),
    Column("country", Text),
    Column("admin1", Text),
    Column("geonames_id", Integer),
    Column("precision", Text),
    PrimaryKeyConstraint("document_id", "id"),
    Index("ix_places_name", "name"),
    Index("ix_places_country", "country"),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("place_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("document_id", "place_id", "position"),
    ForeignKeyConstraint(
        ["document_id", "place_id"], ["places.document_id", "places.id"], ondelete="CASCADE"
    ),
)

times = Table(
    "times",
    metadata,
    _document_fk(),
    Column("position", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("value", Text),
    PrimaryKeyConstraint("document_id", "position"),
)

claims = Table(
    "claims",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    Column("id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("certainty", Text, nullable=False),
    Column("factuality", Double),
    UniqueConstraint("document_id", "id", name="uq_claims_document_id"),
    Index("ix_claims_certainty", "certainty"),
)

_claim_fk = ForeignKeyConstraint(
    ["document_id", "claim_id"], ["claims.document_id", "claims.id"], ondelete="CASCADE"
)

attributions = Table(
    "attributions",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("source_actor", Text),
    Column("source_text", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("anonymous", Integer, nullable=False, default=0),
    PrimaryKeyConstraint("document_id", "claim_id", "position"),
    _claim_fk,
    Index("ix_attributions_source_actor", "document_id", "source_actor"),
)

events = Table(
    "events",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("mode", Text),
    Column("cameo", Text),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("source_actor", Text),
    Column("target_actor", Text),
    Column("place_id", Text),
    Column("date_value", Text),
    Column("date_precision", Text, nullable=False),
    Column("date_start", Integer),
    Column("date_end", Integer),
    Column("date_min", Text),
    Column("date_max", Text),
    Column("realis", Text, nullable=False),
    Column("confidence", Double, nullable=False),
    PrimaryKeyConstraint("document_id", "claim_id"),
    ForeignKeyConstraint(
        ["document_id", "claim_id"], ["claims.document_id", "claims.id"], ondelete="CASCADE"
    ),
    Index("ix_events_type", "type"),
    Index("ix_events_date", "date_min", "date_max"),
    Index("ix_events_source_actor", "document_id", "source_actor"),
    Index("ix_events_target_actor", "document_id", "target_actor"),
)

skipped = Table(
    "skipped",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
)

# In dependency order: parents before children (inserts), reversed for deletes.
CONTENT_TABLES: tuple[Table, ...] = (
    documents,
    blocks,
    actors,
    actor_mentions,
    places,
    place_mentions,
    times,
    claims,
    attributions,
    events,
)


# --------------------------------------------------------- corroboration (v3)

document_families = Table(
    "document_families",
    metadata,
    Column("document_id", Text, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("family_id", Text, nullable=False),
    Column("sort_key", Text, nullable=False),
    Column("shingles", LargeBinary, nullable=False),
    Index("ix_document_families_family", "family_id"),
)

document_bands = Table(
    "document_bands",
    metadata,
    _document_fk(),
    Column("bucket", Text, nullable=False),
    PrimaryKeyConstraint("document_id", "bucket"),
    Index("ix_document_bands_bucket", "bucket"),
)

event_links = Table(
    "event_links",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("cluster_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("day_min", Text, nullable=False),
    Column("day_max", Text, nullable=False),
    Column("score", Double),
    # Added by migration 5; NULL only between its ALTER and its backfill.
    Column("words", Text),
    PrimaryKeyConstraint("document_id", "claim_id"),
    ForeignKeyConstraint(
        ["document_id", "claim_id"], ["events.document_id", "events.claim_id"], ondelete="CASCADE"
    ),
    Index("ix_event_links_cluster", "cluster_id"),
    Index("ix_event_links_window", "type", "day_min"),
)

event_keys = Table(
    "event_keys",
    metadata,
    # Integer, so that ordering by it is insertion order on both engines.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("day_min", Text, nullable=False),
    Column("day_max", Text, nullable=False),
    ForeignKeyConstraint(
        ["document_id", "claim_id"],
        ["event_links.document_id", "event_links.claim_id"],
        ondelete="CASCADE",
    ),
    # day_max in the index: the overlap test's other half is checked in the
    # index, not on table rows.
    Index("ix_event_keys_search", "type", "key", "day_min", "day_max"),
    Index("ix_event_keys_link", "document_id", "claim_id"),
)

claim_links = Table(
    "claim_links",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("statement_id", Text, nullable=False),
    PrimaryKeyConstraint("document_id", "claim_id"),
    ForeignKeyConstraint(
        ["document_id", "claim_id"], ["claims.document_id", "claims.id"], ondelete="CASCADE"
    ),
    Index("ix_claim_links_statement", "statement_id"),
)

claim_anchors = Table(
    "claim_anchors",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("term", Text, nullable=False),
    Column("day", Text, nullable=False),
    PrimaryKeyConstraint("document_id", "claim_id", "term"),
    ForeignKeyConstraint(
        ["document_id", "claim_id"], ["claims.document_id", "claims.id"], ondelete="CASCADE"
    ),
    Index("ix_claim_anchors_term", "term", "day"),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("document_id", Text, nullable=False),
    Column("claim_id", Text, nullable=False),
    Column("other_document_id", Text, nullable=False),
    Column("other_claim_id", Text, nullable=False),
    Column("cluster_id", Text),
    ForeignKeyConstraint(
        ["document_id", "claim_id"], ["claims.document_id", "claims.id"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(
        ["other_document_id", "other_claim_id"],
        ["claims.document_id", "claims.id"],
        ondelete="CASCADE",
    ),
    UniqueConstraint("document_id", "claim_id", "other_document_id", "other_claim_id"),
    Index("ix_contradictions_other", "other_document_id", "other_claim_id"),
)

# Tables of migration 3, derived from the content tables and rebuilt by
# Store.link; migration 1 leaves them out. Migration 3 creates them as they are
# now, so event_keys (version 6) too; migration 6 creates and fills it in older stores.
CORROBORATION_TABLES: tuple[Table, ...] = (
    document_families,
    document_bands,
    event_links,
    event_keys,
    claim_links,
    claim_anchors,
    contradictions,
)


# --------------------------------------------------------- query support (v4)

actor_names = Table(
    "actor_names",
    metadata,
    Column("document_id", Text, nullable=False),
    Column("actor_id", Text, nullable=False),
    # Python's str.lower() of the name or an alias: SQLite's lower() folds
    # ASCII only, so the store folds once on insert and compares equal values.
    Column("name", Text, nullable=False),
    PrimaryKeyConstraint("document_id", "actor_id", "name"),
    ForeignKeyConstraint(
        ["document_id", "actor_id"], ["actors.document_id", "actors.id"], ondelete="CASCADE"
    ),
    Index("ix_actor_names_name", "name", "document_id"),
)

event_summaries = Table(
    "event_summaries",
    metadata,
    Column("cluster_id", Text, primary_key=True),
    Column("type", Text, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("denials", Integer, nullable=False),
    Column("first_published", Text),
    # first_published with undated as '' (sorts first on both engines, as
    # SQLite sorts NULL): the list's order is then one plain index.
    Column("sort_day", Text, nullable=False),
)
# The events list's order (most sources first, then earliest first report):
# a walk of one of these stops at the page, with or without a type filter.
Index(
    "ix_event_summaries_order",
    event_summaries.c.sources.desc(),
    event_summaries.c.sort_day,
    event_summaries.c.cluster_id,
)
Index(
    "ix_event_summaries_type",
    event_summaries.c.type,
    event_summaries.c.sources.desc(),
    event_summaries.c.sort_day,
    event_summaries.c.cluster_id,
)

# Tables of migration 4; migration 1 leaves them out.
QUERY_TABLES: tuple[Table, ...] = (actor_names, event_summaries)
