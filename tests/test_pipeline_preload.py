"""The forkserver's preload of the run's pipeline (claimgraph.pipeline_preload)."""

from __future__ import annotations

import json
import os

import pytest

from claimgraph import pipeline, pipeline_preload
from claimgraph.options import DEFAULT_MODEL, Options
from claimgraph.pipeline import PRELOAD_ENV


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (json.dumps(["some_model", ["a.yaml", "b.csv"]]), ("some_model", ("a.yaml", "b.csv"))),
        (json.dumps([DEFAULT_MODEL, []]), (DEFAULT_MODEL, ())),
        ("", None),
        ("not json", None),
        (json.dumps(["only one"]), None),
        (json.dumps([3, []]), None),
        (json.dumps(["m", "not a list"]), None),
        (json.dumps(["m", [1]]), None),
    ],
)
def test_options_from_env(monkeypatch: pytest.MonkeyPatch, raw: str, expected) -> None:
    monkeypatch.setenv(PRELOAD_ENV, raw)
    assert pipeline_preload.options_from_env() == expected


def test_unset_env_names_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PRELOAD_ENV, raising=False)
    assert pipeline_preload.options_from_env() is None


def test_preloading_names_the_run_then_restores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PRELOAD_ENV, raising=False)
    options = Options(model="m", dictionaries=("d.yaml",))
    with pipeline._preloading(options):
        assert pipeline_preload.options_from_env() == ("m", ("d.yaml",))
    assert PRELOAD_ENV not in os.environ
    monkeypatch.setenv(PRELOAD_ENV, "earlier")
    with pipeline._preloading(options):
        assert pipeline_preload.options_from_env() == ("m", ("d.yaml",))
    assert os.environ[PRELOAD_ENV] == "earlier"


def test_preload_fills_the_cache_the_workers_read(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("spacy")
    from claimgraph import nlp

    monkeypatch.setenv(PRELOAD_ENV, json.dumps([DEFAULT_MODEL, []]))
    monkeypatch.setattr(pipeline_preload.gc, "freeze", lambda: None)  # not in the test process
    pipeline_preload._preload()
    hits = nlp.pipeline.cache_info().hits
    # What a worker's parse_many asks for, positionally, as parse() did here.
    nlp.pipeline(Options().model, Options().dictionaries)
    assert nlp.pipeline.cache_info().hits == hits + 1


def test_preload_of_a_missing_model_leaves_the_error_to_the_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PRELOAD_ENV, json.dumps(["no_such_model_xyz", []]))
    pipeline_preload._preload()  # no exception: the forkserver must survive it
