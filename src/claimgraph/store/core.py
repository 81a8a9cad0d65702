"""The Store: analyses in, claims out, over SQLAlchemy Core.

SQLite (embedded, the default) or PostgreSQL (``postgresql+psycopg://``, the
``postgres`` extra), both tested; any other SQLAlchemy URL may work. Portable
SQL except the full-text index (:mod:`claimgraph.store.fts`) and how writers
are serialized (:mod:`claimgraph.store.engines`).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Connection, bindparam, create_engine, func, select
from sqlalchemy.exc import (
    ArgumentError,
    DataError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from ..errors import SkippedDocument, StoreError
from ..records import Analysis
from . import actors as actor_queries
from . import clusters, corroboration, fts, views
from . import query as q
from . import schema as s
from .convert import insert_analysis, insert_names, load_analysis
from .engines import engine_url, setup_engine, to_url
from .migrations import migrate
from .rows import (
    ActorRow,
    AddResult,
    ClaimRow,
    Contradiction,
    DocumentRow,
    EventCluster,
    EventClusterDetail,
    StatementCluster,
    Stats,
)

_HEX = re.compile(r"^[0-9a-f]+$")
MIN_PREFIX = 6
# Planner statistics are refreshed after this many documents added by one
# Store (and when it closes): a store's proportions (claims per document, the
# share of each certainty) settle within a few hundred documents, and ANALYZE
# (views.analyze) costs 0.2 s CPU at 10,000 articles, so refreshing every
# 1000 adds well under 1% to an ingest (~20 ms of analysis per document).
OPTIMIZE_EVERY = 1000


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """A claimgraph database.

    >>> with Store("demo.db") as store:          # doctest: +SKIP
    ...     store.add(claimgraph.analyze(text))
    ...     store.claims(actor="Putin", certainty="reported")
    """

    def __init__(self, url_or_path: str | os.PathLike[str]) -> None:
        url = to_url(url_or_path)
        try:
            self.url = engine_url(url)
            self.engine = create_engine(self.url)
        except (ArgumentError, NoSuchModuleError, ImportError, ValueError) as error:
            hint = ""
            if isinstance(error, ImportError) and url.startswith("postgresql"):
                hint = "; install the driver with pip install 'claimgraph[postgres]'"
            raise StoreError(f"cannot open store {url!r}: {error}{hint}") from None
        setup_engine(self.engine)
        self._writer = self.engine.execution_options(claimgraph_write=True)
        self._added = 0  # documents added since the last optimize()
        try:
            self.version = migrate(self._writer)
        except StoreError:
            self.engine.dispose()
            raise
        except SQLAlchemyError as error:
            self.engine.dispose()
            reason = getattr(error, "orig", None) or error
            raise StoreError(f"cannot open store {self.name}: {reason}") from None

    @property
    def name(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"Store({self.name!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._added:
            self._refresh_statistics()
        self.engine.dispose()

    def _refresh_statistics(self) -> None:
        """:meth:`optimize`, for the store's own use: statistics are an
        optimization, so a busy database (another writer holding the lock past
        the busy timeout) must not fail an add or a close."""
        with contextlib.suppress(SQLAlchemyError):
            self.optimize()

    # -- writing ---------------------------------------------------------------

    def add(self, analysis: Analysis) -> bool:
        """Store one analysis in one transaction; False (nothing changed) if already stored."""
        _check(analysis)
        try:
            with self._writer.begin() as conn:
                if _exists(conn, analysis.document.id):
                    return False
                insert_analysis(conn, analysis, _now())
                insert_names(conn, analysis)
                corroboration.link_document(conn, analysis)
        except IntegrityError as error:
            with self.engine.connect() as conn:
                if _exists(conn, analysis.document.id):
                    return False  # added meanwhile by another writer
            raise _integrity(analysis, error) from None
        except DataError as error:
            raise _data_error(analysis, error) from None
        except OperationalError as error:
            raise StoreError(f"{self.name}: cannot add document: {error.orig}") from error
        self._added += 1
        if self._added >= OPTIMIZE_EVERY:
            self._refresh_statistics()
        return True

    def add_many(
        self, items: Iterable[Analysis | SkippedDocument], batch_size: int = 100
    ) -> AddResult:
        """Store analyses (and record skips), ``batch_size`` documents per commit.

        Every document is all or nothing. If one cannot be stored, the documents
        before it are committed and the error is raised.
        """
        added = duplicates = skipped = counted = 0
        iterator = iter(items)
        while batch := list(islice(iterator, max(1, batch_size))):
            failure: BaseException | None = None
            with self._writer.begin() as conn:
                for item in batch:
                    if isinstance(item, SkippedDocument):
                        _record_skip(conn, item)
                        skipped += 1
                        continue
                    try:
                        _check(item)
                        with conn.begin_nested():
                            is_new = not _exists(conn, item.document.id)
                            if is_new:
                                insert_analysis(conn, item, _now())
                                insert_names(conn, item)
                                corroboration.link_document(conn, item)
                    except IntegrityError as error:
                        # The savepoint is rolled back: the transaction goes on.
                        # Stored meanwhile by a writer that does not take our
                        # lock (another program): a duplicate, not a failure.
                        if _exists(conn, item.document.id):
                            duplicates += 1
                            continue
                        failure = _integrity(item, error, added)
                        break
                    except Exception as error:
                        failure = error
                        if isinstance(error, DataError):
                            failure = _data_error(item, error, added)
                        elif isinstance(error, OperationalError):
                            failure = StoreError(f"{self.name}: cannot add document: {error.orig}")
                        break
                    added += is_new
                    duplicates += not is_new
            self._added += added - counted  # committed, even when a failure follows
            counted = added
            if failure is not None:
                raise failure
            if self._added >= OPTIMIZE_EVERY:
                self._refresh_statistics()
        return AddResult(added=added, duplicates=duplicates, skipped=skipped)

    def record_skip(self, source: str, reason: str) -> None:
        """Record an input claimgraph did not analyze (the same skip twice: once)."""
        with self._writer.begin() as conn:
            _record_skip(conn, SkippedDocument(source, reason))

    def link(self) -> int:
        """Link documents stored without linking (a store from before
        corroboration, or filled by a version that skipped it without
        datasketch): families, event clusters, statements, contradictions.
        Oldest first, one transaction each; returns how many."""
        linked = 0
        while True:
            with self._writer.begin() as conn:
                doc = conn.scalar(
                    select(s.documents.c.id)
                    .where(~s.documents.c.id.in_(select(s.document_families.c.document_id)))
                    .order_by(s.documents.c.published.nulls_last(), s.documents.c.id)
                    .limit(1)
                )
                if doc is None:
                    return linked
                analysis = load_analysis(conn, doc)
                assert analysis is not None
                corroboration.link_document(conn, analysis)
                linked += 1

    def delete(self, document_id: str) -> str:
        """Remove a document (id or unique prefix) and everything found in it; its full id."""
        with self._writer.begin() as conn:
            doc = self._resolve(conn, document_id)
            joined = clusters.clusters_of(conn, doc)
            conn.execute(s.documents.delete().where(s.documents.c.id == doc))
            # the clusters it reported in lose a report, maybe a source
            clusters.refresh_summaries(conn, joined)
        return doc

    # -- reading ---------------------------------------------------------------

    def get(self, document_id: str) -> Analysis:
        """The stored analysis of a document, by id or unique prefix (≥ 6 hex digits)."""
        with self.engine.connect() as conn:
            analysis = load_analysis(conn, self._resolve(conn, document_id))
        assert analysis is not None
        return analysis

    def resolve(self, document_id: str) -> str:
        """The full id of the one stored document ``document_id`` is a prefix of."""
        with self.engine.connect() as conn:
            return self._resolve(conn, document_id)

    def has(self, document_id: str) -> bool:
        """Whether the document with this exact (full) id is stored."""
        with self.engine.connect() as conn:
            return _exists(conn, document_id)

    def __contains__(self, document_id: object) -> bool:
        return isinstance(document_id, str) and self.has(document_id)

    def analyses(self, batch_size: int = 100) -> Iterator[Analysis]:
        """Every stored analysis, in document id order."""
        last = ""
        while True:
            with self.engine.connect() as conn:
                ids = list(
                    conn.scalars(
                        select(s.documents.c.id)
                        .where(s.documents.c.id > last)
                        .order_by(s.documents.c.id)
                        .limit(batch_size)
                    )
                )
                found = [load_analysis(conn, i) for i in ids]
            yield from (a for a in found if a is not None)
            if len(ids) < batch_size:
                return
            last = ids[-1]

    def documents(self, limit: int = 100, offset: int = 0) -> list[DocumentRow]:
        """Light document rows (no text), most recently ingested first."""
        d, c = s.documents, s.claims
        n_claims = (
            select(func.count()).where(c.c.document_id == d.c.id).scalar_subquery().label("n")
        )
        statement = (
            select(
                d.c.id,
                d.c.title,
                d.c.url,
                d.c.outlet,
                d.c.published,
                d.c.language,
                d.c.source,
                d.c.ingested_at,
                n_claims,
            )
            .order_by(d.c.ingested_at.desc(), d.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [DocumentRow(*row) for row in conn.execute(statement)]

    def count(self) -> int:
        """Number of stored documents."""
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(s.documents)) or 0)

    def stats(self) -> Stats:
        """Counts for a summary: documents, actors, places, claims, events, skips."""

        def n(conn: Connection, table: Any) -> int:
            return int(conn.scalar(select(func.count()).select_from(table)) or 0)

        def by(conn: Connection, column: Any) -> dict[Any, int]:
            # NULL (no outlet) first among ties on both engines, as SQLite sorts it
            statement = (
                select(column, func.count())
                .group_by(column)
                .order_by(func.count().desc(), column.nulls_first())
            )
            return {key: int(value) for key, value in conn.execute(statement)}

        with self.engine.connect() as conn:
            return Stats(
                documents=n(conn, s.documents),
                actors=n(conn, s.actors),
                places=n(conn, s.places),
                claims=n(conn, s.claims),
                events=n(conn, s.events),
                skipped=n(conn, s.skipped),
                events_by_type=by(conn, s.events.c.type),
                claims_by_certainty=by(conn, s.claims.c.certainty),
                documents_by_outlet=by(conn, s.documents.c.outlet),
            )

    def claims(
        self,
        actor: str | None = None,
        event_type: str | None = None,
        certainty: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        place: str | None = None,
        document: str | None = None,
        limit: int = 100,
        offset: int = 0,
        cursor: str | None = None,
    ) -> list[ClaimRow]:
        """Claims matching every given filter, newest documents first.

        ``actor``: name or alias (case-insensitive) of an attribution source,
        the event's source or target, or an actor mentioned in the claim.
        ``event_type``: PLOVER type. ``certainty``: one of
        :data:`claimgraph.records.CERTAINTIES`. ``date_from``/``date_to``
        (``YYYY[-MM[-DD]]``, inclusive): the event's date when known, else the
        document's publication date. ``place``: place name or ISO 3166 code,
        the event's place or a place mentioned in the claim. ``document``: id
        or unique prefix.

        Paging: ``cursor`` (:meth:`cursor_of` the last row of the previous
        page) continues where that page ended at the cost of a first page;
        ``offset`` (rows to skip) costs the rows skipped. Not both.
        """
        if cursor is not None and offset:
            raise StoreError("give a cursor or an offset, not both")
        key = None if cursor is None else q.parse_cursor(cursor)
        with self.engine.connect() as conn:
            doc = None if document is None else self._resolve(conn, document)
            f = q.ClaimFilter(actor, event_type, certainty, date_from, date_to, place, doc)
            statement = q.apply(q.base_select(), f)
            if key is None:
                rows = conn.execute(q.ordered(statement).limit(limit).offset(offset)).all()
                return q.assemble(conn, rows)
            rows = conn.execute(q.ordered(q.after(statement, key)).limit(limit)).all()
            if key.published is not None and len(rows) < limit:  # on into the undated
                rest = q.ordered(q.undated(statement)).limit(limit - len(rows))
                rows += conn.execute(rest).all()
            return q.assemble(conn, rows)

    @staticmethod
    def cursor_of(row: ClaimRow) -> str:
        """The ``cursor`` of :meth:`claims` for the page after ``row``."""
        return q.cursor_of(row)

    def iter_claims(self, page: int = 500, **filters: Any) -> Iterator[ClaimRow]:
        """Every claim matching ``filters`` (as :meth:`claims`), page by page."""
        cursor = None
        while rows := self.claims(**filters, limit=page, cursor=cursor):
            yield from rows
            if len(rows) < page:
                return
            cursor = q.cursor_of(rows[-1])

    # -- corroboration ---------------------------------------------------------

    def events(
        self,
        min_sources: int = 1,
        event_type: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[EventCluster]:
        """Events across documents, with independent sources (syndication
        families saying it happened), most sources first."""
        if min_sources < 0:
            raise StoreError(f"min_sources must be 0 or more, not {min_sources}")
        with self.engine.connect() as conn:
            return clusters.event_clusters(conn, min_sources, event_type, limit, offset)

    def event(self, cluster_id: str) -> EventClusterDetail:
        """One event cluster (id or unique prefix): every report side by side."""
        with self.engine.connect() as conn:
            return clusters.event_cluster(conn, cluster_id)

    def statements(
        self, min_sources: int = 2, limit: int = 100, offset: int = 0
    ) -> list[StatementCluster]:
        """Statements (any claim, not only events) made in several documents,
        with independent sources, most first."""
        with self.engine.connect() as conn:
            return clusters.statement_clusters(conn, min_sources, limit, offset)

    def contradictions(self, limit: int = 100, offset: int = 0) -> list[Contradiction]:
        """Pairs of claims from independent sources that cannot both be true."""
        with self.engine.connect() as conn:
            return clusters.contradictions(conn, limit, offset)

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[ClaimRow]:
        """Claims whose text matches ``query``, best first (FTS5 bm25 on SQLite)."""
        with self.engine.connect() as conn:
            hits = fts.search(conn, query, limit, offset)
            if not hits:
                return []
            ranks = dict(hits)
            statement = q.base_select().where(s.claims.c.pk.in_(list(ranks)))
            rows = sorted(conn.execute(statement).all(), key=lambda r: (ranks[r.pk], r.pk))
            return q.assemble(conn, rows, ranks)

    def actors(self, name: str | None = None, limit: int = 100, offset: int = 0) -> list[ActorRow]:
        """Actors across documents, grouped by (name, type, country), most documents first.

        ``name`` matches part of the name or a whole alias, case-insensitive.
        """
        with self.engine.connect() as conn:
            return actor_queries.search(conn, name, limit, offset)

    def actor(self, name: str) -> list[ActorRow]:
        """The actor groups named ``name`` exactly (case-insensitive), else those
        with it as an alias; most documents first. Index lookups only (the
        actor page), where :meth:`actors` searches every name for a part."""
        with self.engine.connect() as conn:
            return actor_queries.exact(conn, name)

    def optimize(self) -> None:
        """Refresh the query planner's statistics (``ANALYZE``).

        Worth it after adding many documents: the store does it itself every
        :data:`OPTIMIZE_EVERY` documents this Store added and when a Store
        that added documents is closed.
        """
        with self._writer.begin() as conn:
            views.analyze(conn)
        self._added = 0

    def skipped(self, limit: int = 100, offset: int = 0) -> list[dict[str, str]]:
        """Recorded skips, newest first: ``{"source", "reason", "at"}``."""
        k = s.skipped
        statement = (
            select(k.c.source, k.c.reason, k.c.at)
            .order_by(k.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(statement)]

    # -- helpers ---------------------------------------------------------------

    def _resolve(self, conn: Connection, document_id: str) -> str:
        key = (document_id or "").strip().lower()
        if not _HEX.match(key):
            raise StoreError(f"invalid document id {document_id!r}: expected hex digits")
        if len(key) == 64:
            if _exists(conn, key):
                return key
            raise StoreError(f"no document {key} in {self.name}")
        if len(key) < MIN_PREFIX:
            raise StoreError(
                f"document id prefix {document_id!r} is too short: give at least "
                f"{MIN_PREFIX} hex digits"
            )
        found = list(
            conn.scalars(
                select(s.documents.c.id)
                .where(s.documents.c.id.like(key + "%"))
                .order_by(s.documents.c.id)
                .limit(6)
            )
        )
        if not found:
            raise StoreError(f"no document with id starting {key!r} in {self.name}")
        if len(found) > 1:
            more = ", ..." if len(found) > 5 else ""
            listed = ", ".join(f[:12] for f in found[:5])
            raise StoreError(
                f"document id prefix {key!r} is ambiguous: it matches {listed}{more}; "
                "give more digits"
            )
        return found[0]


_DOCUMENT_ID = re.compile(r"^[0-9a-f]{64}$")


def _check(item: object) -> None:
    if not isinstance(item, Analysis):
        raise StoreError(
            f"the store takes Analysis or SkippedDocument items, not {type(item).__name__}"
        )
    doc = item.document
    if not _DOCUMENT_ID.match(doc.id or ""):
        raise StoreError(
            f"{doc.source or repr(doc.id)}: document id {doc.id!r} is not a SHA-256 hex digest "
            "(64 lowercase hex digits); make ids with claimgraph.ids.document_id(text)"
        )


# Built once: ingest asks twice per document (Store.has while reading,
# Store.add before inserting); a new select per call cost SQLAlchemy its
# construction and cache key, ≈ 0.1 ms a call against 0.03 (measured on SQLite).
_EXISTS = select(s.documents.c.id).where(s.documents.c.id == bindparam("document_id"))


def _exists(conn: Connection, document_id: str) -> bool:
    return conn.scalar(_EXISTS, {"document_id": document_id}) is not None


def _record_skip(conn: Connection, skip: SkippedDocument) -> None:
    k = s.skipped
    seen = select(k.c.id).where(k.c.source == skip.source, k.c.reason == skip.reason)
    if conn.scalar(seen.limit(1)) is None:  # the same skip twice is recorded once
        conn.execute(k.insert().values(source=skip.source, reason=skip.reason, at=_now()))


def _data_error(analysis: Analysis, error: DataError, added: int | None = None) -> StoreError:
    """A value the database cannot hold (PostgreSQL: a NUL character, an integer
    over 32 bits); SQLite holds them all."""
    d = analysis.document
    kept = "" if added is None else f" ({added} documents before it were stored)"
    return StoreError(
        f"{d.source or d.id[:12]}: cannot store document {d.id[:12]}: {error.orig}{kept}"
    )


def _integrity(analysis: Analysis, error: IntegrityError, added: int | None = None) -> StoreError:
    d = analysis.document
    where = d.source or d.id[:12]
    kept = "" if added is None else f" ({added} documents before it were stored)"
    return StoreError(
        f"{where}: cannot store document {d.id[:12]}: {error.orig}; an id is probably "
        f"repeated inside the analysis (actor, place or claim ids must be unique){kept}"
    )
