"""Full-text search over claim text: the engine-specific part of the store.

On SQLite, ``claims_fts`` is an FTS5 table with external content (``claims``,
``content_rowid = pk``), kept in sync by triggers on insert, update and delete,
and ranked by bm25. On PostgreSQL, a GIN index on ``to_tsvector`` answers the
same query language (:mod:`claimgraph.store.fts_postgres`). On any other
engine (or a SQLite built without FTS5) search falls back to a portable
case-insensitive ``LIKE`` on every term.

Query syntax: plain words are quoted for you (``U.S. sanctions`` searches the
two words, in any order). A query that uses FTS5 syntax (double quotes,
parentheses, ``*``, ``:``, ``^``, ``AND``/``OR``/``NOT``/``NEAR``) is passed as
written, and a syntax error becomes a :class:`StoreError`.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, and_, func, inspect, select, text
from sqlalchemy.exc import OperationalError

from ..errors import StoreError
from . import fts_postgres
from .schema import claims

_CREATE = (
    "CREATE VIRTUAL TABLE claims_fts USING fts5("
    "text, content='claims', content_rowid='pk', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.pk, new.text); END",
    "CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.pk, old.text); END",
    "CREATE TRIGGER claims_fts_au AFTER UPDATE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.pk, old.text); "
    "INSERT INTO claims_fts(rowid, text) VALUES (new.pk, new.text); END",
    # index what was stored before the index existed
    "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
)

_SYNTAX = re.compile(r'["()*:^]|\b(?:AND|OR|NOT|NEAR)\b')


def install(conn: Connection) -> bool:
    """Create the index (and on SQLite its triggers); False (and nothing done)
    on a SQLite without FTS5 or an engine other than SQLite and PostgreSQL."""
    if conn.dialect.name == "postgresql":
        return fts_postgres.install(conn)
    if conn.dialect.name != "sqlite":
        return False
    try:
        with conn.begin_nested():
            for statement in _CREATE:
                conn.exec_driver_sql(statement)
    except OperationalError as error:
        if "fts5" in str(error).lower():
            return False  # this SQLite has no FTS5: search uses LIKE
        raise
    return True


def available(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite" and inspect(conn).has_table("claims_fts")


def fts_query(query: str) -> str:
    """The FTS5 expression for a user query: quoted words unless syntax is used."""
    if _SYNTAX.search(query):
        return query
    return " ".join('"' + term.replace('"', '""') + '"' for term in query.split())


def search(conn: Connection, query: str, limit: int, offset: int = 0) -> list[tuple[int, float]]:
    """``(claims.pk, rank)`` of the best matches, best first (lower rank is better)."""
    if not query.strip():
        raise StoreError("invalid search query: it is empty")
    if conn.dialect.name == "postgresql":
        return fts_postgres.search(conn, fts_query(query), limit, offset)
    if not available(conn):
        return _like(conn, query, limit, offset)
    statement = text(
        "SELECT rowid, bm25(claims_fts) AS rank FROM claims_fts WHERE claims_fts MATCH :q "
        "ORDER BY rank, rowid LIMIT :limit OFFSET :offset"
    )
    try:
        rows = conn.execute(
            statement, {"q": fts_query(query), "limit": limit, "offset": offset}
        ).all()
    except OperationalError as error:
        reason = str(error.orig) if error.orig is not None else str(error)
        raise StoreError(
            f"invalid search query: {query!r} ({reason}); put words in double quotes "
            "to search them literally"
        ) from None
    return [(int(pk), float(rank)) for pk, rank in rows]


def _like(conn: Connection, query: str, limit: int, offset: int) -> list[tuple[int, float]]:
    """Portable fallback: every term appears in the claim text, case-insensitive."""
    terms = [t.strip('"') for t in query.split() if t.strip('"()')]
    terms = [t for t in terms if t not in ("AND", "OR", "NOT", "NEAR")]
    conditions = [
        func.lower(claims.c.text).like("%" + _escape(t.lower()) + "%", escape="\\") for t in terms
    ]
    statement = (
        select(claims.c.pk).where(and_(*conditions)).order_by(claims.c.pk).limit(limit)
    ).offset(offset)
    return [(int(pk), 0.0) for pk in conn.scalars(statement)]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
