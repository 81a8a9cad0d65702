"""Eval gate: quality floors on the public dev sets in ../shared/eval.

Each floor sits just under the number measured when it was last raised
(docs/evaluation.md has every number and the command behind it). Raise a floor
when a change improves the number; lowering one is a deliberate, reviewed change.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from claimgraph.extract import cue_tagger
from claimgraph.options import Options

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

# name → (harness module, data path under ../shared/eval, keyword arguments)
RUNS = {
    "polnear": ("attribution", "polnear/dev", {}),
    # With the transformer cue tagger voting (Options.cue_tagger; the
    # `transformer` extra, which the Makefile installs).
    "polnear_tagger": ("attribution", "polnear/dev", {"cue_tagger": True}),
    "plover": ("plover", "plover_gsr/PLOVER_GSR_dev.json", {}),
    "factuality": ("factuality", "factuality", {}),
    "tempeval": ("time", "tempeval3", {}),
    "lgl": ("geo", "geo/lgl/lgl.xml", {}),
    "gwn": ("geo", "geo/gwn/GWN.xml", {}),
    "ecb_entities": ("ecb", "ecbplus", {"kind": "entity"}),
    "ecb_events": ("ecb", "ecbplus", {"kind": "event"}),
}

# (run, path into the result, floor). Measured 2026-11-25, raised 2026-11-26
# (docs/evaluation.md).
FLOORS = [
    ("polnear", "cue.exact.f1", 0.736),  # 0.7374
    ("polnear", "source.exact.f1", 0.781),  # 0.7828
    ("polnear", "content.overlap.f1", 0.803),  # 0.8054
    ("polnear", "all_three_overlap.f1", 0.752),  # 0.7542
    ("polnear_tagger", "cue.exact.f1", 0.745),  # 0.7468
    ("polnear_tagger", "source.exact.f1", 0.794),  # 0.7955
    ("polnear_tagger", "content.overlap.f1", 0.819),  # 0.8206
    ("polnear_tagger", "all_three_overlap.f1", 0.766),  # 0.7681
    ("plover", "event_type_recall", 0.80),  # 0.823
    ("plover", "source_actor_text", 0.92),  # 0.945
    ("plover", "target_actor_text", 0.69),  # 0.710
    ("plover", "actor_country_code", 0.86),  # 0.883
    ("plover", "mode", 0.80),  # 0.821
    ("factuality", "sets.UW.pearson_r", 0.73),  # 0.750
    ("factuality", "sets.MEANTIME.pearson_r", 0.70),  # 0.720
    ("tempeval", "overall.value_f1", 0.78),  # 0.800
    ("tempeval", "overall.relaxed.f1", 0.92),  # 0.939
    ("lgl", "recognition.overlap.f1", 0.78),  # 0.800
    ("lgl", "resolution.accuracy_161", 0.82),  # 0.838
    ("gwn", "recognition.overlap.f1", 0.79),  # 0.815
    ("gwn", "resolution.accuracy_161", 0.77),  # 0.789
    ("ecb_entities", "ours.conll.f1", 0.72),  # 0.741
    ("ecb_events", "ours.conll.f1", 0.80),  # 0.811
]

# Ceilings: over-generation guards. PLOVER records hold one coded event each;
# events per sentence measured 0.78 on 2026-11-25 and 0.85 on 2026-11-26, when
# recall rose from 0.73 to 0.82 and a hand review found every event beyond the
# gold type real (docs/evaluation.md); raised to 0.90 then, deliberately: a
# jump past it still means the coder fires on everything.
CEILINGS = [("plover", "events_per_sentence", 0.90)]


@functools.cache
def scores(run: str) -> dict:
    module, relative, kwargs = RUNS[run]
    kwargs = dict(kwargs)
    path = EVAL / relative
    if not path.exists():
        pytest.skip(f"{path} not found (../shared/eval is absent beside this clone)")
    harness = __import__(f"claimgraph.evaluate.{module}", fromlist=["evaluate"])
    if kwargs.pop("cue_tagger", False):
        if not cue_tagger.available():
            pytest.skip(
                "the cue tagger needs the 'transformer' extra (pip install '.[transformer]')"
            )
        kwargs["options"] = Options(cue_tagger=True)
    return harness.evaluate(path, **kwargs)


def value(result: dict, dotted: str) -> float:
    for key in dotted.split("."):
        result = result[key]
    return float(result)


@pytest.mark.parametrize(("run", "metric", "floor"), FLOORS)
def test_floor(run, metric, floor):
    got = value(scores(run), metric)
    assert got >= floor, f"{run} {metric} fell to {got:.4f} (floor {floor})"


@pytest.mark.parametrize(("run", "metric", "ceiling"), CEILINGS)
def test_ceiling(run, metric, ceiling):
    got = value(scores(run), metric)
    assert got <= ceiling, f"{run} {metric} rose to {got:.4f} (ceiling {ceiling})"


def test_event_coreference_beats_the_same_lemma_baseline():
    result = scores("ecb_events")
    # measured 0.811 vs 0.754: 5.7 points (issue 6 asks 4); the gate keeps at least 5.
    assert value(result, "ours.conll.f1") - value(result, "baseline.conll.f1") >= 0.05
