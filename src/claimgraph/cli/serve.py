"""`claimgraph serve`: the HTTP API and web pages over one store (extra: web)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import ClaimgraphError
from ..options import DEFAULT_MAX_CHARS, DEFAULT_MODEL
from .common import (
    CueTaggerOption,
    DbOption,
    DictOption,
    MaxCharsOption,
    ModelOption,
    _fail,
    analysis_options,
    err,
)


def _missing_store(db: str) -> bool:
    """A plain path that does not exist: serving it would create an empty store."""
    from pathlib import Path

    return "://" not in db and db not in ("", ":memory:") and not Path(db).expanduser().exists()


def serve(
    db: DbOption = "claimgraph.db",
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_write: Annotated[
        bool, typer.Option("--allow-write", help="Accept POST /api/ingest (needs --token).")
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="CLAIMGRAPH_TOKEN",
            help="Bearer token writes must send (or the CLAIMGRAPH_TOKEN variable).",
        ),
    ] = None,
    get: Annotated[
        str | None,
        typer.Option("--get", help="Answer one GET request for this path, print it, exit."),
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
    dictionary: DictOption = None,
    max_chars: MaxCharsOption = DEFAULT_MAX_CHARS,
    cue_tagger: CueTaggerOption = False,
) -> None:
    """Serve the store: a JSON API under /api/ and web pages (read-only unless --allow-write).

    --model, --dictionary, --max-chars and --cue-tagger set how POST
    /api/ingest analyzes articles, as they do for `claimgraph ingest`.
    """
    try:
        if allow_write and not token:
            raise ClaimgraphError(
                "--allow-write needs a token: give --token TOKEN (or set CLAIMGRAPH_TOKEN); "
                "clients send it as 'Authorization: Bearer TOKEN'"
            )
        analyzing = (model, dictionary or [], max_chars, cue_tagger)
        if not allow_write and analyzing != (DEFAULT_MODEL, [], DEFAULT_MAX_CHARS, False):
            raise ClaimgraphError(
                "--model, --dictionary, --max-chars and --cue-tagger choose how POST "
                "/api/ingest analyzes articles: they need --allow-write"
            )
        if _missing_store(db) and not allow_write:
            raise ClaimgraphError(
                f"no store at {db}: build one with 'claimgraph ingest ... --db {db}'"
            )
        try:
            from ..web import create_app
        except ImportError as error:
            raise ClaimgraphError(
                f"serving needs the web extra ({error.name} is missing): "
                "pip install 'claimgraph[web]'"
            ) from None
        options = analysis_options(model, dictionary, max_chars, cue_tagger)
        if allow_write:
            from ..nlp import pipeline

            # A model or dictionary that cannot load fails now, not at the first POST.
            pipeline(options.model, options.dictionaries)
        app = create_app(db, allow_write=allow_write, token=token, options=options)
    except ClaimgraphError as exc:
        raise _fail(exc) from None
    if get is not None:
        import warnings

        # starlette's notice that its test client prefers httpx2 is not the user's
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*httpx.*")
            from fastapi.testclient import TestClient

        with TestClient(app) as client:
            response = client.get(get)
        sys.stdout.write(response.text + ("" if response.text.endswith("\n") else "\n"))
        if response.status_code >= 400:
            raise typer.Exit(1)
        return
    import uvicorn

    mode = "read-write (POST /api/ingest needs the token)" if allow_write else "read-only"
    if host not in ("127.0.0.1", "localhost", "::1"):
        # plain HTTP: a token sent across a network can be read on the way
        err.print(f"[yellow]listening on {host}: put a TLS proxy in front of it[/yellow]")
    err.print(f"serving {db} on http://{host}:{port}/ ({mode}); Ctrl-C stops")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        # Hostile or stalled clients: idle keep-alive connections are closed
        # after 5 s (uvicorn's default, pinned here); past 100 open requests
        # the server answers 503 instead of queueing without bound (two cores
        # serve ~100-300 store queries a second: see bench/bench_api.py).
        timeout_keep_alive=5,
        limit_concurrency=100,
        timeout_graceful_shutdown=10,
    )
