"""Worker results pickled as field tuples (claimgraph.pipeline_wire) come back equal."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from claimgraph import pipeline, pipeline_wire, records
from claimgraph.errors import SkippedDocument
from claimgraph.inputs import document_from_text
from claimgraph.options import Options

# Fictional: an attributed claim with a source, a place, a date and an event.
TEXT = (
    "Ferry strike spreads in Morvath\n\n"
    "Dockworkers in Morvath walked off the job on 4 May 2030, the union said on Tuesday. "
    "The port authority denied that ferries had been cancelled. "
    '"We will stay out until the contract is signed," said Tamsin Orlo, a union leader.'
)


@pytest.fixture(scope="module")
def analysis():
    return pipeline.analyze(document_from_text(TEXT, published="2030-05-06"))


def test_records_have_no_post_init_and_every_field_is_an_init_argument() -> None:
    # _rebuilt calls the class with the field values: that is the object
    # only if __init__ stores them unchanged.
    for cls in pipeline_wire._FIELDS:
        assert not hasattr(cls, "__post_init__"), cls
        assert all(f.init for f in dataclasses.fields(cls)), cls
    assert records.Analysis in pipeline_wire._FIELDS
    assert records.Claim in pipeline_wire._FIELDS


def test_round_trip_equals_the_default_pickle(analysis) -> None:
    assert analysis.claims and analysis.actors  # the text exercises the records
    back = pipeline_wire.loads(pipeline_wire.dumps(analysis))
    assert back == analysis
    assert back == pickle.loads(pickle.dumps(analysis))
    assert type(back.claims[0]) is records.Claim


def test_a_batch_of_outcomes_round_trips(analysis) -> None:
    outcomes = [analysis, ("file.txt", "empty document"), analysis]
    back = pipeline_wire.loads(pipeline_wire.dumps(outcomes))
    assert back == outcomes
    # The same record twice stays one object (the pickle memo), as before.
    assert back[0] is back[2]


def test_worker_batch_and_parent_agree(monkeypatch: pytest.MonkeyPatch, analysis) -> None:
    document = document_from_text(TEXT, published="2030-05-06")
    empty = dataclasses.replace(document, text="   ", id="0" * 64, source="blank.txt")
    monkeypatch.setattr(pipeline, "_worker_options", Options())
    monkeypatch.setattr(pipeline, "_worker_frozen", True)  # no gc.freeze in the test process
    received = list(pipeline._received(pipeline._analyze_batch([empty, document])))
    assert isinstance(received[0], SkippedDocument)
    assert received[0].source == "blank.txt"
    assert received[1] == analysis
