"""Opening a database: URLs, and per-engine connection setup.

Writers are serialized on both tested engines, so linking a document
(:mod:`~claimgraph.store.corroboration`: read the candidates, then insert)
never races another writer and a migration never runs twice at once: SQLite
takes the write lock with ``BEGIN IMMEDIATE``, PostgreSQL a transaction-level
advisory lock. Readers never wait for writers. A transaction is a writer's
when its connection has the ``claimgraph_write`` execution option.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import URL, make_url

from ..errors import StoreError

# Key of the PostgreSQL advisory lock every claimgraph writer holds for its
# transaction: any fixed 64-bit number no other application on the database
# uses; this one is "claimgrf" in ASCII.
WRITER_LOCK_KEY = 0x636C61696D677266


def to_url(url_or_path: str | os.PathLike[str]) -> str:
    """A path (``demo.db``) becomes ``sqlite:///demo.db``; a URL is kept."""
    value = os.fspath(url_or_path)
    if "://" in value:
        return value
    if value in ("", ":memory:"):
        return "sqlite://"
    path = Path(value).expanduser()
    if path.is_dir():
        raise StoreError(f"{value}: is a directory; give a database file such as {value}/claims.db")
    if not path.parent.exists():
        raise StoreError(f"{value}: directory {path.parent} does not exist")
    return f"sqlite:///{path}"


# How long an SQLite connection waits for another's lock before "database is locked".
BUSY_TIMEOUT_MS = 10_000


def _wal(cursor: Any) -> None:
    """Switch the database to WAL, waiting up to the busy timeout.

    The switch takes the database's exclusive lock, and SQLite answers
    "database is locked" at once, without calling the busy handler, when
    waiting could deadlock (another connection switching it or writing in the
    old journal mode meanwhile): 3 to 5 in 150 new stores opened by four
    threads at once failed so (tests/test_store.py::test_concurrent_writers,
    once in CI). Retried until the timeout instead.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_setup(engine: Engine) -> None:
    """WAL, foreign keys, and real transactions (BEGIN, savepoints, DDL) on pysqlite."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cursor = dbapi_connection.cursor()
        # First, so the journal-mode switch below also waits for a writer (a
        # migration or ANALYZE holding the lock) instead of failing at once.
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # writers take the write lock up front: no deadlock upgrading a read lock
        write = conn.get_execution_options().get("claimgraph_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _postgresql_setup(engine: Engine) -> None:
    """Writers wait for each other, as on SQLite: one advisory lock, held to commit."""

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get("claimgraph_write", False):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITER_LOCK_KEY})")


def engine_url(url: str) -> URL:
    """The SQLAlchemy URL; bare ``postgresql://`` means psycopg 3 (the postgres extra)."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def setup_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    elif engine.dialect.name == "postgresql":
        _postgresql_setup(engine)
