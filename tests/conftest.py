from __future__ import annotations

import contextlib
import importlib.util
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "hamas-pakistan-report.txt"
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED} (../shared is not beside this clone)")
    return SEED


@pytest.fixture(scope="session")
def seed_analysis(seed_path):
    import claimgraph
    from claimgraph.inputs import read

    (document,) = list(read([str(seed_path)]))
    return claimgraph.analyze(document)


# -- store backends: SQLite always, PostgreSQL when a server can be had ----------
#
# CLAIMGRAPH_TEST_PG_URL (a SQLAlchemy URL of a database on a server where the
# tests may create databases) selects the server; `.ci/run` sets it from
# scripts/pg_test_cluster.sh. Unset, the first PostgreSQL test starts a
# throwaway cluster with that script for the session (when PostgreSQL is
# installed), so a developer's run covers both backends too; "off" skips them.
# In CI (CI=true) a PostgreSQL test never skips: no server is a failure.

PG_ENV = "CLAIMGRAPH_TEST_PG_URL"
PG_SCRIPT = REPO / "scripts" / "pg_test_cluster.sh"


def _pg_unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL store tests must run in CI, but {reason}")
    pytest.skip(f"PostgreSQL store tests skipped: {reason}")


@pytest.fixture(scope="session")
def pg_server_url():
    """URL of a PostgreSQL database to administer from; per-test databases go beside it."""
    if importlib.util.find_spec("psycopg") is None:
        _pg_unavailable("psycopg is not installed (pip install -e '.[postgres]')")
    url = os.environ.get(PG_ENV, "").strip()
    if url.lower() == "off":
        _pg_unavailable(f"{PG_ENV}=off")
    if url:
        yield url
        return
    started = subprocess.run(
        ["bash", str(PG_SCRIPT), "start"], capture_output=True, text=True, timeout=180
    )
    if started.returncode != 0:
        reason = (started.stderr.strip().splitlines() or ["no reason given"])[-1]
        _pg_unavailable(
            f"{PG_ENV} is not set and no local PostgreSQL could be started ({reason}); "
            "see scripts/pg_test_cluster.sh"
        )
    exports = dict(
        line.removeprefix("export ").split("=", 1)
        for line in started.stdout.splitlines()
        if line.startswith("export ")
    )
    try:
        yield exports[PG_ENV]
    finally:
        subprocess.run(
            ["bash", str(PG_SCRIPT), "stop", exports["CLAIMGRAPH_TEST_PG_DIR"]],
            capture_output=True,
            timeout=120,
        )


@contextlib.contextmanager
def _fresh_pg_database(server_url: str) -> Iterator[str]:
    """A new, empty database on the server (dropped afterwards): its URL."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    server = make_url(server_url)
    if server.drivername == "postgresql":  # as the Store reads it: psycopg 3
        server = server.set(drivername="postgresql+psycopg")
    name = f"claimgraph_t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def store_url(request, tmp_path: Path):
    """A fresh, empty store URL on each backend: a new SQLite file, or a new
    PostgreSQL database so tests never see each other's rows."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'claims.db'}"
        return
    with _fresh_pg_database(request.getfixturevalue("pg_server_url")) as url:
        yield url


@pytest.fixture
def pg_store_url(pg_server_url: str):
    """A fresh, empty PostgreSQL database, for PostgreSQL-only tests."""
    with _fresh_pg_database(pg_server_url) as url:
        yield url


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "postgresql: runs on PostgreSQL (deselect with -m 'not postgresql')"
    )
