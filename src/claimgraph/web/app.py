"""create_app(): the FastAPI application over one Store.

Routes are thin: open nothing, call one Store method (or one function of
:mod:`claimgraph.web.data`), convert. Domain errors become a 400/404 with
their message, as JSON under ``/api/`` and as an HTML page elsewhere; a
stack trace never reaches the client.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ClaimgraphError, SkippedDocument
from ..options import Options
from ..records import Analysis, Document
from ..store import Store
from .data import NotFound
from .render import render

HERE = Path(__file__).resolve().parent

# Every page and response: scripts, styles and images only from this server,
# no inline script or style, no framing, no referrer leaked to linked sites.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

Analyzer = Callable[[Document], Analysis]


def status_of(error: Exception) -> int:
    """404 for what does not exist, 422 for a document deliberately not analyzed, else 400.

    Store messages for missing objects start with "no " ("no document ...",
    "no event cluster ..."); everything else is a request the user can fix.
    """
    if isinstance(error, NotFound) or str(error).startswith("no "):
        return 404
    if isinstance(error, SkippedDocument):
        return 422
    return 400


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> JSONResponse | HTMLResponse:
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return HTMLResponse(
        render("error.html", request, status=status, message=message, twin=None),
        status_code=status,
    )


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for e in error.errors():
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else e.get("msg", "invalid"))
    return "invalid request: " + "; ".join(parts)


def create_app(
    store: Store | str | os.PathLike[str],
    *,
    allow_write: bool = False,
    token: str | None = None,
    analyzer: Analyzer | None = None,
    options: Options | None = None,
) -> FastAPI:
    """The ASGI app serving ``store`` (a Store, or a path/URL to open).

    Read-only unless ``allow_write``; writes then need ``Authorization:
    Bearer <token>``. ``analyzer`` turns an ingested Document into an Analysis
    (default: :func:`claimgraph.pipeline.analyze` with ``options``: the model,
    dictionaries, size limit and cue tagger of ``claimgraph ingest``; tests
    give a fake one).
    """
    if allow_write and not token:
        raise ClaimgraphError("writing needs a token: give --token (or CLAIMGRAPH_TOKEN)")
    from .. import __version__ as version

    app = FastAPI(
        title="claimgraph",
        version=version,
        description="Claims, attributions and events from news reports, with their sources.",
        docs_url=None,  # the Swagger UI loads scripts from a CDN: the schema is enough
        redoc_url=None,
    )
    app.state.store = store if isinstance(store, Store) else Store(store)
    app.state.allow_write = allow_write
    app.state.token = token
    app.state.analyzer = analyzer
    app.state.options = options or Options()
    app.state.analysis_lock = threading.Lock()  # one analysis at a time: spaCy is CPU-bound
    app.state.overview_cache = {}

    @app.middleware("http")
    async def _headers(request: Request, call_next: Callable[[Request], Any]) -> Any:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    @app.exception_handler(ClaimgraphError)
    async def _domain(request: Request, error: ClaimgraphError) -> Any:
        return _error(request, status_of(error), str(error))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Any:
        return _error(request, 400, _validation_message(error))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Any:
        response = _error(request, error.status_code, str(error.detail))
        for key, value in (error.headers or {}).items():
            response.headers[key] = value
        return response

    from .api import router as api_router
    from .pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
