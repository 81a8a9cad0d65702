"""The package's verbs load on first use, so workers never import the store.

Each check runs in a fresh interpreter: this test session has long imported
everything.
"""

from __future__ import annotations

import json
import subprocess
import sys


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_worker_path_imports_no_store_sqlalchemy_or_datasketch():
    # What the forkserver imports (pipeline._PRELOAD without the loading modules).
    out = _run(
        "import sys, json; import claimgraph.pipeline, claimgraph.nlp; "
        "print(json.dumps(sorted(m for m in ('claimgraph.store', 'sqlalchemy', 'datasketch', "
        "'scipy', 'claimgraph.export', 'claimgraph.run') if m in sys.modules)))"
    )
    assert json.loads(out) == []


def test_every_public_name_resolves():
    out = _run(
        "import claimgraph, inspect; "
        "print(sorted(n for n in claimgraph.__all__ if getattr(claimgraph, n) is None))"
        "; print(sorted(set(claimgraph.__all__) - set(dir(claimgraph))))"
    )
    assert out.splitlines() == ["[]", "[]"]
    out = _run(
        "import claimgraph; from claimgraph.store import Store; from claimgraph.run import ingest;"
        " from claimgraph.pipeline import analyze; from claimgraph.export import export;"
        " print(claimgraph.Store is Store, claimgraph.ingest is ingest,"
        " claimgraph.analyze is analyze, claimgraph.export is export)"
    )
    assert out == "True True True True"


def test_export_stays_the_function_when_the_subpackage_is_imported_first():
    # claimgraph.export names the function and its subpackage; importing the
    # subpackage (or one of its modules) first must not leave the module there.
    out = _run(
        "import claimgraph.export.text, claimgraph; from claimgraph import export; "
        "print(callable(claimgraph.export), claimgraph.export is export, "
        "claimgraph.export.__module__)"
    )
    assert out == "True True claimgraph.export"


def test_unknown_attribute_is_a_clear_attribute_error():
    out = _run(
        "import claimgraph\ntry:\n    claimgraph.Stor\nexcept AttributeError as e:\n    print(e)"
    )
    assert out == "module 'claimgraph' has no attribute 'Stor'"
