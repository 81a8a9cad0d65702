"""Numbered schema migrations.

``MIGRATIONS[n - 1]`` takes a database from version ``n - 1`` to version ``n``;
the version is kept in the one-row ``schema_version`` table (a database without
it is version 0). :func:`migrate` applies the missing ones in order, each with
its version bump in the same transaction, so an interrupted upgrade leaves the
database at the last version that completed.

Rules for a new migration: append a function, never edit or reorder the ones
released; change :mod:`claimgraph.store.schema` to the new shape; if the change
alters a table that migration 1 creates, make migration 1 create the *old*
table (copy its definition here) so old databases and new ones converge.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    func,
    inspect,
    literal_column,
    select,
    text,
    tuple_,
)

from ..errors import StoreError
from ..resolve.event_match import content_words
from . import clusters, fts, schema, views
from .convert import actor_name_rows
from .event_linking import (
    event_words,
    key_rows,
    profile_joins,
    profile_of_row,
    stored_profiles,
)

Migration = Callable[[Connection], None]


def _m1_tables(conn: Connection) -> None:
    """Version 1: documents and everything found in them, with indexes."""
    later = {schema.schema_version, *schema.CORROBORATION_TABLES, *schema.QUERY_TABLES}
    tables = [t for t in schema.metadata.sorted_tables if t not in later]
    schema.metadata.create_all(conn, tables=tables)


def _m2_fts(conn: Connection) -> None:
    """Version 2: full-text index over claim text (SQLite FTS5, a PostgreSQL GIN
    tsvector index; a no-op elsewhere)."""
    fts.install(conn)


def _m3_corroboration(conn: Connection) -> None:
    """Version 3: syndication families, event clusters, statements, contradictions.

    Documents stored before it are linked by the next ``Store.link`` (a
    document without a ``document_families`` row is pending).
    """
    schema.metadata.create_all(conn, tables=list(schema.CORROBORATION_TABLES))


def _m4_query_support(conn: Connection) -> None:
    """Version 4 (issue 8, API latency and SQL views): ``actor_names`` (exact,
    indexed actor lookups), ``event_summaries`` (the events list as an index
    walk), indexes for the claims lists' order, the read-only views of
    :mod:`claimgraph.store.views`, and planner statistics."""
    schema.metadata.create_all(conn, tables=list(schema.QUERY_TABLES))
    a = schema.actors
    last: tuple[str, str] = ("", "")
    while True:  # actor names in batches: a 10k-article store has ~10^4-10^5 actors
        batch = conn.execute(
            select(a.c.document_id, a.c.id, a.c.name, a.c.aliases)
            .where(
                (a.c.document_id > last[0]) | ((a.c.document_id == last[0]) & (a.c.id > last[1]))
            )
            .order_by(a.c.document_id, a.c.id)
            .limit(_BACKFILL_BATCH)
        ).all()
        if not batch:
            break
        rows = [
            row
            for x in batch
            for row in actor_name_rows(x.document_id, x.id, x.name, json.loads(x.aliases or "[]"))
        ]
        conn.execute(schema.actor_names.insert(), rows)
        last = (batch[-1].document_id, batch[-1].id)
    clusters.refresh_summaries(conn, None)
    views.install(conn)
    views.analyze(conn)


def _m5_event_words(conn: Connection) -> None:
    """Version 5 (issue 7, the ingest process's CPU): ``event_links.words``,
    each linked event's content words, stored once so that linking a new
    event reads its candidates' words instead of re-tokenising their sentences.

    Migration 3 creates ``event_links`` from the current schema, so a store
    made by this version has the column already; older ones get it here.
    Backfilled from the events' sentences in batches.
    """
    el, c, d = schema.event_links, schema.claims, schema.documents
    if "words" not in {col["name"] for col in inspect(conn).get_columns("event_links")}:
        conn.execute(text("ALTER TABLE event_links ADD COLUMN words TEXT"))
    pending = (
        select(
            el.c.document_id,
            el.c.claim_id,
            func.substr(
                d.c.text, c.c.sentence_start + 1, c.c.sentence_end - c.c.sentence_start
            ).label("sentence"),
        )
        .select_from(
            el.join(c, and_(c.c.document_id == el.c.document_id, c.c.id == el.c.claim_id)).join(
                d, d.c.id == el.c.document_id
            )
        )
        .where(el.c.words.is_(None))
        .limit(_BACKFILL_BATCH)
    )
    fill = (
        el.update()
        .where(el.c.document_id == bindparam("doc"), el.c.claim_id == bindparam("claim"))
        .values(words=bindparam("w"))
    )
    while batch := conn.execute(pending).all():
        conn.execute(
            fill,
            [
                {
                    "doc": x.document_id,
                    "claim": x.claim_id,
                    "w": event_words(content_words(x.sentence)),
                }
                for x in batch
            ],
        )


def _m6_event_keys(conn: Connection) -> None:
    """Version 6 (issue 7, linking that grew with the store): ``event_keys``,
    the actor keys and place cell of each linked event, through which linking
    reads only the stored events a new one could match
    (:mod:`claimgraph.store.event_keys`).

    Backfilled from the stored links, their events' actors and places, in the
    order the links were inserted (SQLite's rowid; PostgreSQL kept no such
    order, and its candidates came in no defined order before: primary-key
    order there), so candidates keep the order they were read in. Migration
    3 creates the table from the current schema, so a store made by this
    version may have rows already: they are rebuilt, the ids in link order.
    """
    keys = schema.event_keys
    keys.create(conn, checkfirst=True)
    conn.execute(keys.delete())
    el = schema.event_links
    order: tuple[Any, ...] = (
        (literal_column("event_links.rowid"),)
        if conn.dialect.name == "sqlite"
        else (el.c.document_id, el.c.claim_id)
    )

    def after(last: tuple[Any, ...]) -> Any:
        return tuple_(*order) > tuple_(*last) if len(order) > 1 else order[0] > last[0]

    batch_query = (
        stored_profiles(*(c.label(f"order_{i}") for i, c in enumerate(order)))
        .select_from(profile_joins(el))
        .order_by(*order)
        .limit(_BACKFILL_BATCH)
    )
    last: tuple[Any, ...] | None = None
    while batch := conn.execute(
        batch_query if last is None else batch_query.where(after(last))
    ).all():
        rows = [row for x in batch for row in key_rows(profile_of_row(x))]
        if rows:
            conn.execute(keys.insert(), rows)
        last = tuple(getattr(batch[-1], f"order_{i}") for i in range(len(order)))


# Actors read per backfill query: bounded memory, few round trips.
_BACKFILL_BATCH = 5000

MIGRATIONS: tuple[Migration, ...] = (
    _m1_tables,
    _m2_fts,
    _m3_corroboration,
    _m4_query_support,
    _m5_event_words,
    _m6_event_keys,
)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("schema_version"):
        return 0
    version = conn.scalar(select(schema.schema_version.c.version))
    return int(version or 0)


def migrate(engine: Engine, target: int = SCHEMA_VERSION) -> int:
    """Bring the database at ``engine`` to version ``target``; returns the version.

    Raises :class:`StoreError` when the database comes from a newer claimgraph.
    """
    version = 0
    while True:
        with engine.begin() as conn:  # one transaction per step: check, apply, bump
            version = current_version(conn)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{engine.url.render_as_string(hide_password=True)} has store schema "
                    f"version {version}, newer than this claimgraph supports "
                    f"({SCHEMA_VERSION}); upgrade claimgraph to open it"
                )
            if version >= target:
                return version
            if version == 0:
                _start(conn, engine)
            MIGRATIONS[version](conn)
            conn.execute(schema.schema_version.update().values(version=version + 1))


def _start(conn: Connection, engine: Engine) -> None:
    """Stamp an empty database as version 0; refuse one that holds other tables of ours."""
    existing = set(inspect(conn).get_table_names())
    ours = {t.name for t in schema.metadata.sorted_tables} - {"schema_version"}
    if existing & ours:
        raise StoreError(
            f"{engine.url.render_as_string(hide_password=True)} is not a claimgraph store: it "
            f"has tables named {', '.join(sorted(existing & ours))} but no schema version"
        )
    schema.schema_version.create(conn, checkfirst=True)
    conn.execute(schema.schema_version.delete())
    conn.execute(schema.schema_version.insert().values(version=0))
