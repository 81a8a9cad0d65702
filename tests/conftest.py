from __future__ import annotations

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
