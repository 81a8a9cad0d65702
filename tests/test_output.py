"""The claimgraph/1 output contract: JSON Schema validity and lossless round trip."""

from __future__ import annotations

import json

import jsonschema
import pytest

import claimgraph
from claimgraph.output import envelope, from_dict, json_schema, to_dict

ARTICLES = [
    "Port workers strike in Valmora\n\n"
    "Dockworkers in Hamburg began a strike on Tuesday, the union said. "
    "“We will not return until wages rise,” said Lena Brandt, the union's leader.",
    "Officials said the minister met union leaders in Rotterdam on 3 March 2026. "
    "According to a report by the Harbor Institute, the port may lose money.",
]


@pytest.mark.parametrize("text", ARTICLES)
def test_output_validates_and_round_trips(text):
    analysis = claimgraph.analyze(text, published="2026-03-05", outlet="The Harbor Ledger")
    payload = envelope([analysis])
    jsonschema.validate(payload, json_schema())
    # JSON text, not just dicts: tuples become lists and must come back as tuples
    again = from_dict(json.loads(json.dumps(payload))["documents"][0])
    assert again == analysis


@pytest.mark.parametrize("text", ARTICLES)
def test_every_span_matches_its_text(text):
    analysis = claimgraph.analyze(text)
    doc = to_dict(analysis)
    body = doc["text"]
    for claim in doc["claims"]:
        s, e = claim["span"]
        assert body[s:e] == claim["text"]
        ss, se = claim["sentence_span"]
        assert ss <= s < e <= se <= len(body)
        for link in claim["attribution"]:
            if link["source_span"]:
                s, e = link["source_span"]
                assert body[s:e] == link["source_text"]
            if link["cue_span"]:
                s, e = link["cue_span"]
                assert body[s:e] == link["cue"]
    for time in doc["times"]:
        s, e = time["span"]
        assert body[s:e] == time["text"]
    for actor in doc["actors"]:
        for s, e in actor["mentions"]:
            assert 0 <= s < e <= len(body)


def test_ids_are_stable_across_runs():
    a = claimgraph.analyze(ARTICLES[0])
    b = claimgraph.analyze(ARTICLES[0])
    assert a.document.id == b.document.id
    assert [c.id for c in a.claims] == [c.id for c in b.claims]
    assert [x.id for x in a.actors] == [x.id for x in b.actors]


def test_schema_rejects_a_bad_certainty():
    payload = envelope([claimgraph.analyze(ARTICLES[0])])
    payload["documents"][0]["claims"][0]["certainty"] = "probably"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, json_schema())
