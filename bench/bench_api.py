"""HTTP API latency: p50/p95/p99 per route on a synthetic SQLite store (issue 8).

Fills a store with ``--articles`` synthetic analyses from
:class:`bench_clusters.Generator` (no spaCy), starts ``claimgraph serve`` on a
free loopback port in a subprocess, then this process sends a bounded load:
``--concurrency`` requests in flight on keep-alive connections, ``--requests``
per route, one route after another. Query parameters (actor names, event
types, days, cluster ids, words) are drawn from the store's own contents with
a fixed seed. Routes run one at a time so the server's CPU time can be read
per route from /proc: on a shared machine wall-clock latency includes waiting
for a core, CPU per request does not.

    .venv/bin/python bench/bench_api.py --articles 1000
    .venv/bin/python bench/bench_api.py --articles 10000 --store /tmp/api10k.db  # reused next time
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from bench_clusters import Generator
from claimgraph.store import Store

# Issue 8's target: p95 under 100 ms for claim, actor and event queries.
TARGET_MS = 100.0
# Routes the target covers, by name prefix ("actor" covers "actors", "event"
# covers "events"); search and the HTML pages are measured, not judged.
TARGETED = ("claims", "actor", "event")
# Requests per route before timing: the first request of a route pays for
# imports, template compilation and SQLite's page cache, which a served store
# pays once, not per request.
WARMUP = 5
# Seconds to wait for the server to answer: importing FastAPI, the store and
# running migrations takes ~2 s on an idle machine; a loaded one is slower.
STARTUP_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class Result:
    route: str
    latencies_ms: tuple[float, ...]
    errors: int
    server_cpu_ms: float  # the server process's CPU time over the route's requests
    first_error: str | None


def fill(path: Path, articles: int) -> float:
    """Make ``path`` hold the first ``articles`` synthetic articles; seconds spent.

    The generator is deterministic (fixed seed), so a store filled before by
    this script holds a prefix of the same corpus: only the rest is added.
    """
    with Store(path) as store:
        have = store.count()
        if have >= articles:
            return 0.0
        generator = Generator()
        corpus = [generator.article(i) for i in range(articles)]
        start = time.perf_counter()
        # the same batch size as bench_clusters: one commit per 500 documents
        store.add_many(corpus[have:], batch_size=500)
        return time.perf_counter() - start


def draw_requests(path: Path, n: int, seed: int) -> dict[str, list[str]]:
    """``n`` request paths per route, parameters drawn from the store with ``seed``."""
    rng = random.Random(seed)
    with Store(path) as store:
        stats = store.stats()
        actors = [a.name for a in store.actors(limit=500)]
        types = sorted(stats.events_by_type)
        certainties = sorted(c for c, k in stats.claims_by_certainty.items() if k)
        clusters = [c.id for c in store.events(min_sources=1, limit=2000)]
        sample = store.claims(limit=200, offset=rng.randrange(max(1, stats.claims - 200)))
        listed = store.documents(limit=stats.documents)
        days = sorted({r.published[:10] for r in listed if r.published})
    words = sorted({w.strip(".").lower() for r in sample for w in r.text.split() if len(w) > 4})
    if not (actors and types and clusters and days and words):
        raise SystemExit("the store lacks actors, events, dates or claim text to query")

    def span() -> dict[str, str]:
        first = rng.randrange(len(days))
        return {"from": days[first], "to": days[min(len(days) - 1, first + 6)]}  # a week

    def claims(**params: object) -> str:
        return "/api/claims?" + urlencode(params)

    # Deep pages: the last fifth of all claims, where OFFSET skips the most rows.
    deep_low = max(0, int(stats.claims * 0.8))
    deep_high = max(deep_low + 1, stats.claims - 50)
    with Store(path) as store:
        # cursors of 20 rows there, as a client paging on would hold them (own
        # generator: the other routes draw the same parameters as before it)
        picks = random.Random(seed + 1).sample(range(deep_low, deep_high), 20)
        deep_cursors = [
            Store.cursor_of(row)
            for offset in sorted(picks)
            for row in store.claims(offset=offset, limit=1)
        ]
    makers: dict[str, Callable[[], str]] = {
        "claims?actor": lambda: claims(actor=rng.choice(actors)),
        "claims?type": lambda: claims(type=rng.choice(types)),
        "claims?certainty": lambda: claims(certainty=rng.choice(certainties)),
        "claims?from&to": lambda: claims(**span()),
        "claims?actor&type&from&to": lambda: claims(
            actor=rng.choice(actors), type=rng.choice(types), **span()
        ),
        "claims?offset (deep)": lambda: claims(offset=rng.randrange(deep_low, deep_high)),
        # The same depth by keyset: the next link of a page there.
        "claims?cursor (deep)": lambda: claims(cursor=rng.choice(deep_cursors)),
        "actor/{name}": lambda: f"/api/actor/{quote(rng.choice(actors), safe='')}",
        "actors?name": lambda: "/api/actors?" + urlencode({"name": rng.choice(actors)[:4]}),
        "events?min_sources": lambda: (
            "/api/events?" + urlencode({"min_sources": rng.choice((1, 2, 3))})
        ),
        "events?min_sources&type": lambda: (
            "/api/events?" + urlencode({"min_sources": 2, "type": rng.choice(types)})
        ),
        "event/{id}": lambda: f"/api/event/{rng.choice(clusters)}",
        "search?q": lambda: "/api/search?" + urlencode({"q": rng.choice(words)}),
        "page: actor/{name}": lambda: f"/actor/{quote(rng.choice(actors), safe='')}",
        "page: event/{id}": lambda: f"/event/{rng.choice(clusters)}",
    }
    return {route: [make() for _ in range(n + WARMUP)] for route, make in makers.items()}


def analyzed_copy(path: Path, copy: Path) -> Path:
    """``path`` copied to ``copy`` with planner statistics (ANALYZE), the original untouched.

    Stores before schema version 4 never ran ANALYZE (version 4 runs it in
    its migration and after bulk adds); this measures such a store as it
    would be with statistics.
    """
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    try:
        source.backup(target)  # includes what is still in the WAL
        target.execute("ANALYZE")
        target.commit()
    finally:
        source.close()
        target.close()
    return copy


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def claimgraph_command() -> list[str]:
    script = Path(sys.executable).parent / "claimgraph"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def start_server(path: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """``claimgraph serve`` on ``port``, once it answers; its stderr goes to ``log``
    (a file, not a pipe: tracebacks of failing requests must not fill a pipe
    nobody reads and stall the server)."""
    command = [*claimgraph_command(), "serve", "--db", str(path), "--port", str(port)]
    with log.open("wb") as stderr:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = log.read_text(errors="replace")
            raise SystemExit(f"claimgraph serve exited with {server.returncode}: {output}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/stats")
            if conn.getresponse().status == 200:
                conn.close()
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"claimgraph serve did not answer within {STARTUP_TIMEOUT:.0f} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """SIGINT, as Ctrl-C: uvicorn finishes open requests and exits."""
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def cpu_ms(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux /proc), in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return 1000.0 * ticks / os.sysconf("SC_CLK_TCK")


def run_route(route: str, paths: list[str], port: int, concurrency: int, server_pid: int) -> Result:
    """``paths`` with ``concurrency`` in flight, one keep-alive connection per worker."""
    local = threading.local()

    def get(path: str) -> tuple[float, str | None]:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            local.conn = None
            return 1000 * (time.perf_counter() - start), f"{path}: {error!r}"
        elapsed = 1000 * (time.perf_counter() - start)
        if response.status != 200:
            return elapsed, f"{path}: {response.status} {body[:200]!r}"
        return elapsed, None

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(get, paths[:WARMUP]))
        before = cpu_ms(server_pid)
        timed = list(pool.map(get, paths[WARMUP:]))
        used = cpu_ms(server_pid) - before
    errors = [e for _, e in timed if e is not None]
    return Result(
        route,
        tuple(ms for ms, _ in timed),
        len(errors),
        used,
        errors[0] if errors else None,
    )


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with ``p``% of values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def targeted(route: str) -> bool:
    """Claim, actor and event routes of the API (not search, not the HTML pages)."""
    return route.startswith(TARGETED)


def report(results: list[Result], articles: int, claims: int) -> bool:
    # Wall-clock latency on a shared machine includes waiting for a core: the
    # load average says how much of that there was (CPU ms/req does not).
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nstore: {articles} articles, {claims} claims; load average {load}; "
          f"target p95 < {TARGET_MS:.0f} ms\n")  # fmt: skip
    header = f"{'route':<28}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    print(header + f"{'CPU ms/req':>11}{'errors':>8}  target")
    ok = True
    for r in results:
        values = list(r.latencies_ms)
        p95 = percentile(values, 95)
        judged = targeted(r.route)
        met = p95 < TARGET_MS and r.errors == 0
        ok &= met or not judged
        verdict = ("met" if met else "MISSED") if judged else "-"
        print(
            f"{r.route:<28}{len(values):>9}{percentile(values, 50):>9.1f}{p95:>9.1f}"
            f"{percentile(values, 99):>9.1f}{r.server_cpu_ms / len(values):>11.1f}"
            f"{r.errors:>8}  {verdict}"
        )
    for r in results:
        if r.first_error:
            print(f"first error of {r.route}: {r.first_error}")
    print(f"\nverdict: p95 < {TARGET_MS:.0f} ms on claim, actor and event routes: "
          + ("MET" if ok else "NOT MET"))  # fmt: skip
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--store", type=Path, help="SQLite store to fill or reuse (default: a temporary one)"
    )
    parser.add_argument("--requests", type=int, default=200, help="timed requests per route")
    # Four in flight: a handful of analysts on one server, more than the 2 cores.
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--only", nargs="*", help="routes whose name contains one of these")
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="serve a copy with fresh ANALYZE statistics (what a pre-v4 store lacks)",
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench_api_")
    path = args.store or Path(tmp) / f"api{args.articles}.db"
    try:
        seconds = fill(path, args.articles)
        with Store(path) as store:
            articles, claims = store.count(), store.stats().claims
        print(
            f"store {path}: {articles} articles"
            + (f", filled in {seconds:.0f} s" if seconds else ", reused")
        )
        requests = draw_requests(path, args.requests, args.seed)
        if args.analyze:
            path = analyzed_copy(path, Path(tmp) / "analyzed.db")
        if args.only:
            requests = {k: v for k, v in requests.items() if any(o in k for o in args.only)}
        port = free_port()
        server = start_server(path, port, Path(tmp) / "server.log")
        try:
            results = [
                run_route(route, paths, port, args.concurrency, server.pid)
                for route, paths in requests.items()
            ]
        finally:
            stop_server(server)
        ok = report(results, articles, claims)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
