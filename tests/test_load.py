"""A bounded load test: a second process drives `claimgraph serve` on 127.0.0.1.

Issue 9 asks for zero failed requests under load; latency targets are
measured in bench/ (bench_api.py at 10,000 articles), not here, because
timing on a shared CI machine is noise. This runs the same bench on a small
synthetic store (no spaCy) and reads its table: every route, zero errors.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
pytest.importorskip("uvicorn", reason="the web extra is not installed")

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_api.py"
ROW = re.compile(
    r"^(?P<route>\S+)\s+(?P<requests>\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(?P<errors>\d+)"
)


def test_api_under_load_answers_every_request(tmp_path):
    result = subprocess.run(
        [sys.executable, str(BENCH), "--articles", "300", "--requests", "40",
         "--store", str(tmp_path / "load.db")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    rows = [m for line in result.stdout.splitlines() if (m := ROW.match(line))]
    assert len(rows) >= 8, result.stdout + result.stderr
    for row in rows:
        assert int(row["requests"]) == 40, row.group(0)
        assert row["errors"] == "0", row.group(0)
