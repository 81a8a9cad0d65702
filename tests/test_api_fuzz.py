"""API fuzz: schemathesis generates requests from the app's own OpenAPI schema.

In process (ASGI transport, no socket), over a small store of hand-built
fictional articles (the builders of test_corroboration and test_web: no spaCy).
Every response must be a non-5xx, documented status with a body that
conforms to the schema. The write route is fuzzed twice: without a token
(every request is refused) and with the token (bodies are parsed, analyzed
by a fake analyzer and stored).
"""

from __future__ import annotations

import atexit
import json
import tempfile
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web layer needs the web extra")
pytest.importorskip("schemathesis", reason="the API fuzz needs the dev extra (schemathesis)")

with warnings.catch_warnings():  # starlette's notice that it prefers httpx2
    warnings.filterwarnings("ignore", message=".*httpx.*")
    import schemathesis
    from schemathesis.checks import negative_data_rejection, positive_data_acceptance
from hypothesis import HealthCheck, settings  # noqa: E402

from claimgraph.store import Store  # noqa: E402
from claimgraph.web import create_app  # noqa: E402
from test_corroboration import strike_corpus  # noqa: E402
from test_web import TOKEN, fake_analyzer, harbour, hostile  # noqa: E402


@schemathesis.serializer("application/x-ndjson")
def _jsonl(_ctx: object, value: object) -> bytes:
    """A JSONL body as sent: a string (schema-valid) as is, anything else as JSON."""
    text = value if isinstance(value, str) else json.dumps(value)
    return text.encode("utf-8", "surrogatepass")


# Examples per operation: 13 operations x 25 requests ran in 5-20 s on this
# machine (2 shared cores, load 5-7); the budget for the whole file is ~60 s.
EXAMPLES = 25
# The write route is one operation with four body media types: more examples.
WRITE_EXAMPLES = 60

# Not checked: "a schema-valid request is accepted". The schema cannot say
# everything the app checks (FTS5 query syntax, YYYY[-MM[-DD]] dates, a
# 6-digit minimum id prefix), and a 400 naming the problem is the right answer
# to those. Every other default check runs: no 5xx, documented status codes,
# content types and headers, bodies valid against the schema, invalid
# requests rejected.
SEMANTIC = [positive_data_acceptance]

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the first request of a run warms caches; time is bounded by the count
    derandomize=True,  # the same requests on every run: a failure in CI is reproducible
    suppress_health_check=list(HealthCheck),  # the app, not the strategy, is under test
)


def _filled(path: Path) -> Path:
    with Store(path) as store:
        for analysis in [*strike_corpus(), harbour(), hostile()]:
            store.add(analysis)
    return path


# Built at import: schemathesis parametrizes the tests from a loaded schema
# (its from_fixture loader fails under pytest 9: "'Function' object has no
# attribute '_nodeid'"). The folder goes when the interpreter exits.
_DIR = tempfile.TemporaryDirectory(prefix="claimgraph-fuzz-")
atexit.register(_DIR.cleanup)
reader_app = create_app(_filled(Path(_DIR.name) / "read.db"))
writer_app = create_app(
    _filled(Path(_DIR.name) / "write.db"), allow_write=True, token=TOKEN, analyzer=fake_analyzer
)
read_schema = schemathesis.openapi.from_asgi("/openapi.json", reader_app)
write_schema = schemathesis.openapi.from_asgi("/openapi.json", writer_app).include(
    path="/api/ingest"
)


@read_schema.parametrize()
@FUZZ
def test_read_api(case):
    """Every operation of a read-only server (a write is refused with a 403)."""
    case.call_and_validate(excluded_checks=SEMANTIC)


@write_schema.parametrize()
@settings(FUZZ, max_examples=WRITE_EXAMPLES)
def test_write_without_token(case):
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    response = case.call_and_validate(excluded_checks=SEMANTIC)
    # schemathesis also tries methods the route lacks: those get a 405
    assert response.status_code == (401 if case.method.upper() == "POST" else 405)


@write_schema.parametrize()
@settings(FUZZ, max_examples=WRITE_EXAMPLES)
def test_write_with_token(case):
    # A batch answers 200 and lists each malformed record under "skipped", as
    # a JSONL ingest reports a bad line and goes on: not a rejected request.
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=[*SEMANTIC, negative_data_rejection],
    )
    assert response.status_code != 401


# -- what the fuzz found, pinned as plain tests ---------------------------------------


def test_huge_integers_are_a_400_not_a_500():
    """An offset or min_sources past 64 bits was an OverflowError in the driver."""
    from fastapi.testclient import TestClient

    with TestClient(reader_app) as client:
        for url in (
            "/api/documents?offset=9223372036854775808",
            "/api/events?min_sources=9223372036854775808",
            "/api/statements?min_sources=9223372036854775808",
            "/events?min_sources=9223372036854775808",
        ):
            assert client.get(url).status_code == 400, url
        assert client.get("/api/actors?offset=9223372036854775807").status_code == 200


def test_jsonl_body_lines_are_split_at_newlines_only():
    """A raw U+2028 inside a JSON string (as ``claimgraph export`` writes it)
    is not a line break; a JSONL body has the JSON list's document limit."""
    from fastapi.testclient import TestClient

    from claimgraph.web.ingest import MAX_DOCUMENTS

    record = {"text": "Quay works\u2028begin\n\nThe Bresk quay reopens on Monday.", "outlet": "A"}
    body = json.dumps(record, ensure_ascii=False) + "\n\n"
    headers = {"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"}
    with TestClient(writer_app) as client:
        r = client.post("/api/ingest", content=body.encode(), headers=headers)
        assert r.status_code == 200 and len(r.json()["added"]) == 1, r.text
        many = "\n".join(json.dumps({"text": f"Note {i}."}) for i in range(MAX_DOCUMENTS + 1))
        r = client.post("/api/ingest", content=many, headers=headers)
        assert r.status_code == 400 and "at most" in r.json()["error"]
