"""POST /api/ingest: analyze articles sent in the request and store them.

Bodies: ``text/plain`` or ``text/html`` (one article; metadata in the query
string) or ``application/json`` (one object or a list, each with ``text`` or
``html`` and optional metadata, as a line of a JSONL input). Only with
``--allow-write``, and only with the bearer token given at start-up.
"""

from __future__ import annotations

import functools
import json
import secrets
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from ..errors import ClaimgraphError, InputError, SkippedDocument
from ..inputs import document_from_html, document_from_text
from ..inputs.jsonl import document_from_line
from ..options import Options
from ..records import Document
from . import models as m

# A request body is at most this many bytes: the store's default document
# limit (options.DEFAULT_MAX_CHARS, 2,000,000 characters) in UTF-8 is up to
# 4 bytes a character, so one maximal article always fits.
MAX_BODY = 8_000_000
# Analysis runs inside the request (about a second an article on one core);
# a bigger batch belongs to `claimgraph ingest`.
MAX_DOCUMENTS = 50
SOURCE = "<http>"


def check_token(request: Request) -> None:
    state = request.app.state
    if not state.allow_write:
        raise HTTPException(
            403, "this server is read-only: start it with --allow-write --token TOKEN to ingest"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        given.strip().encode(), state.token.encode()
    ):
        raise HTTPException(
            401,
            "missing or wrong token: send Authorization: Bearer TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _json_documents(body: bytes) -> list[Document | ClaimgraphError]:
    try:
        value = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(SOURCE, f"invalid JSON: {error}") from None
    records = value if isinstance(value, list) else [value]
    if len(records) > MAX_DOCUMENTS:
        raise InputError(
            SOURCE, f"{len(records)} documents in one request; send at most {MAX_DOCUMENTS}"
        )
    out: list[Document | ClaimgraphError] = []
    for i, record in enumerate(records, 1):
        found = document_from_line(json.dumps(record), f"{SOURCE}:{i}")
        if found is not None:
            out.append(found)
    return out


def _at_most(items: Iterable[Any]) -> list[Any]:
    """The documents of a JSONL body, refused over MAX_DOCUMENTS as a JSON list is."""
    out = list(items)
    if len(out) > MAX_DOCUMENTS:
        raise InputError(
            SOURCE, f"{len(out)} documents in one request; send at most {MAX_DOCUMENTS}"
        )
    return out


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(SOURCE, f"the body is not UTF-8: {error.reason}") from None


def parse_body(content_type: str, body: bytes, metadata: dict[str, Any]) -> list[Any]:
    """Documents (or the problem of each) in a request body of this content type."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/json", "application/x-ndjson", "application/jsonl"):
        if kind != "application/json":
            # "\n" only, as inputs.jsonl reads: splitlines() also broke a line
            # at a U+2028 or U+0085 inside a JSON string, which json.dumps
            # (ensure_ascii=False, as `claimgraph export` writes) leaves raw.
            lines = _decode(body).split("\n")
            found = [document_from_line(x, f"{SOURCE}:{i}") for i, x in enumerate(lines, 1)]
            return _at_most(x for x in found if x is not None)
        return _json_documents(body)
    if kind == "text/plain":
        text = _decode(body)
        if not text.strip():
            raise SkippedDocument(SOURCE, "empty text")
        return [document_from_text(text, source=SOURCE, **metadata)]
    if kind == "text/html":
        return [document_from_html(body, source=SOURCE, **metadata)]
    raise HTTPException(
        415,
        f"cannot ingest {kind or 'a body without a Content-Type'}: send text/plain, "
        "text/html or application/json",
    )


def _default_analyzer(document: Document, options: Options) -> Any:
    from ..pipeline import analyze

    return analyze(document, options)


def _store_all(request: Request, items: list[Any]) -> m.IngestOut:
    state = request.app.state
    store = state.store
    analyzer = state.analyzer or functools.partial(_default_analyzer, options=state.options)
    added: list[str] = []
    stored: list[str] = []
    skipped: list[dict[str, str]] = []
    for item in items:
        if isinstance(item, InputError | SkippedDocument):
            skipped.append({"source": item.source, "reason": item.reason})
            continue
        if store.has(item.id):
            stored.append(item.id)
            continue
        try:
            with state.analysis_lock:
                analysis = analyzer(item)
        except SkippedDocument as skip:
            skipped.append({"source": skip.source, "reason": skip.reason})
            store.record_skip(skip.source, skip.reason)
            continue
        (added if store.add(analysis) else stored).append(item.id)
    return m.IngestOut(added=added, already_stored=stored, skipped=skipped)


async def ingest_request(
    request: Request,
    title: Annotated[str | None, Query(description="Title (text/html bodies).")] = None,
    url: Annotated[str | None, Query(description="URL of the article.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet name.")] = None,
    published: Annotated[str | None, Query(description="Publication date YYYY-MM-DD.")] = None,
    author: Annotated[str | None, Query(description="Author.")] = None,
) -> m.IngestOut:
    """Analyze and store articles; needs ``--allow-write`` and ``Authorization: Bearer``."""
    check_token(request)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(413, f"the body is over {MAX_BODY:,} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():  # a chunked body has no declared length
        size += len(chunk)
        if size > MAX_BODY:
            raise HTTPException(413, f"the body is over {MAX_BODY:,} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    metadata = {"title": title, "url": url, "outlet": outlet, "published": published}
    metadata["author"] = author
    items = await run_in_threadpool(
        parse_body, request.headers.get("content-type", ""), body, metadata
    )
    return await run_in_threadpool(_store_all, request, items)
