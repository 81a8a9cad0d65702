"""The package's verbs load on first use, so workers never import the store.

Each check runs in a fresh interpreter: this test session has long imported
everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


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


def _installed(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


@pytest.mark.skipif(not _installed("torch"), reason="PyTorch is not installed: nothing to keep out")
def test_analyze_keeps_pytorch_out_of_spacy_and_leaves_it_importable():
    """thinc imports PyTorch whenever it is installed; our pipelines need none of it
    (about 2 s of every process's start)."""
    out = _run(
        "import sys\n"
        "from claimgraph import analyze\n"
        "analyze('The ministry denied the report on Monday.')\n"
        "print('torch' in sys.modules)\n"
        "import torch\n"
        "print(torch.ones(2).sum().item())\n"
    )
    assert out.split() == ["False", "2.0"]


@pytest.mark.parametrize(
    ("requirements", "needs"),
    [
        (["spacy-curated-transformers>=0.2.2,<1.0.0"], True),  # en_core_web_trf 3.7+
        (["spacy-transformers>=1.1.2,<1.2.0"], True),
        ([], False),  # en_core_web_sm
        (None, False),  # no meta.json at all
    ],
)
def test_a_transformer_pipeline_keeps_pytorch(tmp_path, requirements, needs):
    from claimgraph.nlp import _needs_torch

    if requirements is not None:
        (tmp_path / "meta.json").write_text(json.dumps({"requirements": requirements}))
    assert _needs_torch(str(tmp_path)) == needs


def test_installed_pipeline_meta_is_read():
    from claimgraph.nlp import _meta, _needs_torch
    from claimgraph.options import DEFAULT_MODEL

    assert _meta(DEFAULT_MODEL).get("lang") == "en"
    assert not _needs_torch(DEFAULT_MODEL)
    assert _meta("no_such_pipeline_package") == {}
