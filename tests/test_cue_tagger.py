"""The transformer cue tagger (the `transformer` extra): windows, words, and
what it changes in the attribution stage."""

from __future__ import annotations

import pytest

from claimgraph.extract import cue_tagger
from claimgraph.extract.actors import actors
from claimgraph.extract.attribution import claim_units
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse

needs_tagger = pytest.mark.skipif(
    not cue_tagger.available(),
    reason="the transformer cue tagger is not installed (pip install '.[transformer]')",
)

W = cue_tagger.WINDOW_WORDS


@pytest.mark.parametrize(
    ("n_words", "starts", "expected"),
    [
        (10, [0, 4], [(0, 10)]),  # short sentences share a window
        (W + 10, [0, W - 5], [(0, W - 5), (W - 5, W + 10)]),  # no sentence is split...
        (2 * W + 3, [0], [(0, W), (W, 2 * W), (2 * W, 2 * W + 3)]),  # ...unless too long
        (W, [0, 3, W - 1], [(0, W)]),  # exactly full
        (0, [], []),
    ],
)
def test_windows(n_words, starts, expected):
    assert cue_tagger.windows(["w"] * n_words, starts) == expected


def test_doc_words_mark_paragraph_breaks():
    document = document_from_text("Lee spoke.\n\nHe said “no.”")
    doc = parse(document).doc
    words, starts = cue_tagger.doc_words(doc)
    assert len(words) == len(doc)
    assert cue_tagger.PARAGRAPH in words
    assert starts[0] == 0 and all(a < b for a, b in zip(starts, starts[1:], strict=False))


def _cues(text: str, tagger: bool) -> set[str]:
    parsed = parse(document_from_text(text))
    units = claim_units(parsed, actors(parsed, load_dictionary(())), tagger=tagger)
    return {link.cue for unit in units for link in unit.chain}


# Stance and action cues PolNeAR annotates that the perceptron alone scores
# under its threshold; the tagger's vote takes them (fictional sentences).
TAKEN = [
    (
        "Governor Ilse Varga lauded the dockworkers in her annual address "
        "for keeping the port open.",
        "lauded",
    ),
    (
        "The harbor commissioner chastised the mayor for the ferry delays "
        "but did not call for an inquiry.",
        "chastised",
    ),
    ("I despise the plan because it punishes fishermen.", "despise"),
    (
        "Ruiz went on to explain how the cuts left the coast guard short of boats.",
        "went on to explain",
    ),
    ("Harbor Watch rated 32% of the council's claims as false.", "rated"),
    ("Administrators decided she should share the prize with two others.", "decided"),
]


@needs_tagger
@pytest.mark.parametrize(("text", "cue"), TAKEN)
def test_tagger_takes_cues_the_perceptron_misses(text, cue):
    assert cue not in _cues(text, tagger=False)
    assert cue in _cues(text, tagger=True)


@needs_tagger
def test_tagger_scores_every_token():
    doc = parse(document_from_text("The ministry denied that the talks had failed.")).doc
    margins = cue_tagger.tagger_margins(doc)
    assert margins is not None and margins.shape == (len(doc),)
    best = max(range(len(doc)), key=lambda i: margins[i])
    assert doc[best].text == "denied"


def test_without_the_extra_the_option_is_a_clear_error(monkeypatch):
    from claimgraph import analyze
    from claimgraph.errors import ClaimgraphError
    from claimgraph.options import Options

    monkeypatch.setattr(cue_tagger, "available", lambda: False)
    with pytest.raises(ClaimgraphError, match=r"'transformer' extra"):
        analyze("Governor Ilse Varga lauded the dockworkers.", Options(cue_tagger=True))


def test_cli_without_the_extra_exits_with_the_reason(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from claimgraph.cli import app

    monkeypatch.setattr(cue_tagger, "available", lambda: False)
    path = tmp_path / "a.txt"
    path.write_text("Governor Ilse Varga lauded the dockworkers.", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path), "--cue-tagger"])
    assert result.exit_code == 2
    assert "transformer" in result.output


@needs_tagger
def test_cli_flag_lets_the_tagger_vote(tmp_path):
    from typer.testing import CliRunner

    from claimgraph.cli import app

    text, cue = TAKEN[0]
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    runner = CliRunner()
    without = runner.invoke(app, ["analyze", str(path), "--json"])
    with_tagger = runner.invoke(app, ["analyze", str(path), "--json", "--cue-tagger"])
    assert without.exit_code == with_tagger.exit_code == 0, with_tagger.output
    assert f'"{cue}"' not in without.stdout
    assert f'"{cue}"' in with_tagger.stdout


def _has_torch() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("torch", "transformers"))


@needs_tagger
@pytest.mark.skipif(not _has_torch(), reason="PyTorch and transformers (training) not installed")
def test_numpy_encoder_matches_the_pytorch_one():
    """The run-time numpy encoder scores as the PyTorch model the training script
    fits (its LoRA update merged), within float32 rounding."""
    import numpy as np

    from claimgraph.extract.cue_encoder import gelu

    text = (
        "Port strike ends\n\n"
        "Dockworkers at Velmora ended their strike on Friday, the union said, after the "
        "harbour board agreed to pay overtime. “We will be back at the cranes tomorrow,” "
        "said Ilse Varga, who leads the union. Officials denied that any wage cut had "
        "been planned, and critics, according to the Velmora Courier, remain unconvinced."
    )
    doc = parse(document_from_text(text)).doc
    reference = cue_tagger.Tagger(weights=cue_tagger._WEIGHTS)
    reference.merged()
    reference.encoder.eval()
    expected = cue_tagger.doc_log_probs(doc, tagger=reference)
    got = cue_tagger.doc_log_probs(doc)
    assert got.shape == expected.shape == (len(doc), 3)
    assert np.abs(got - expected).max() < 1e-3
    # the erf-based GELU, against math.erf
    import math

    x = np.linspace(-8, 8, 2001, dtype=np.float32)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.tolist()])
    assert np.abs(gelu(x.copy()) - exact).max() < 1e-5


@needs_tagger
def test_run_time_tagger_imports_no_pytorch():
    """Start-up: the run-time path loads numpy and tokenizers only (PyTorch and
    transformers cost about 6.5 s per process to import and build)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from claimgraph.extract import cue_tagger\n"
        "from claimgraph.inputs import document_from_text\n"
        "from claimgraph.nlp import parse\n"
        "doc = parse(document_from_text('The ministry denied the report.')).doc\n"
        "assert cue_tagger.tagger_margins(doc).shape == (len(doc),)\n"
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, 1), ("", 1), ("2", 2), (" 3 ", 3), ("0", "error"), ("two", "error"), ("-1", "error")],
)
def test_tagger_threads_setting(monkeypatch, value, expected):
    from claimgraph.errors import ClaimgraphError

    if value is None:
        monkeypatch.delenv("CLAIMGRAPH_TAGGER_THREADS", raising=False)
    else:
        monkeypatch.setenv("CLAIMGRAPH_TAGGER_THREADS", value)
    if expected == "error":
        with pytest.raises(ClaimgraphError, match="CLAIMGRAPH_TAGGER_THREADS"):
            cue_tagger.tagger_threads()
    else:
        assert cue_tagger.tagger_threads() == expected
