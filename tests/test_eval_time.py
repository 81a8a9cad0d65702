"""Time harness: TimeML reading and TempEval-3 arithmetic on a tiny fictional gold file."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.evaluate import time as time_eval
from claimgraph.evaluate.time import Timex, read_tml

TEMPEVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "tempeval3"

# A fictional story (2025-02-07 is a Friday).
TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>FICTION.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-02-07"
functionInDocument="CREATION_TIME">2025-02-07</TIMEX3></DCT>
<TEXT>
The Quill Valley council met <TIMEX3 tid="t1" type="DATE" value="2025-02-04">on Tuesday</TIMEX3>
&amp; agreed to reopen the bridge
<TIMEX3 tid="t2" type="DATE" value="2025-03">in March</TIMEX3>.
The repairs took <TIMEX3 tid="t3" type="DURATION" value="P3W">three weeks</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_tml_strips_tags_and_keeps_offsets():
    doc = read_tml(TML, "fiction.tml", "Fiction")
    assert doc.dct == "2025-02-07"
    assert "&amp;" not in doc.text and "& agreed" in doc.text
    assert [doc.text[s:e] for s, e in (t.span for t in doc.timexes)] == [
        "on Tuesday",
        "in March",
        "three weeks",
    ]
    assert [t.value for t in doc.timexes] == ["2025-02-04", "2025-03", "P3W"]
    # the DCT is metadata: not among the scored expressions
    assert all(t.value != "2025-02-07" for t in doc.timexes)


def test_metric_arithmetic(monkeypatch, tmp_path):
    (tmp_path / "Fiction").mkdir()
    (tmp_path / "Fiction" / "a.tml").write_text(TML, encoding="utf-8")
    doc = read_tml(TML)

    def locate(text: str) -> tuple[int, int]:
        start = doc.text.index(text)
        return start, start + len(text)

    # exact "on Tuesday" with a wrong value, "March" inside "in March" (relaxed
    # only) with the right value, "three weeks" missed, one spurious.
    predicted = [
        Timex(locate("on Tuesday"), "DATE", "2025-02-11"),
        Timex(locate("March"), "DATE", "2025-03"),
        Timex(locate("bridge"), "DATE", "XXXX"),
    ]
    monkeypatch.setattr(time_eval, "predict", lambda document, options=None: predicted)
    result = time_eval.evaluate(tmp_path)
    overall = result["overall"]
    assert result["documents"] == 1
    assert (overall["strict"]["tp"], overall["strict"]["precision"]) == (1, round(1 / 3, 4))
    assert overall["strict"]["recall"] == round(1 / 3, 4)
    relaxed = overall["relaxed"]
    assert (relaxed["precision"], relaxed["recall"]) == (round(2 / 3, 4), round(2 / 3, 4))
    # value: 1 of the 2 relaxed matches right; value F1 = accuracy x relaxed F1
    assert overall["value_accuracy"] == 0.5
    assert overall["value_f1"] == round(0.5 * relaxed["f1"], 4)
    assert overall["type_accuracy"] == 1.0
    assert set(result["by_corpus"]) == {"Fiction"}


def test_one_prediction_over_two_gold_counts_for_both():
    text = "from Monday to Friday"
    gold = [Timex((5, 11), "DATE", "A"), Timex((15, 21), "DATE", "B")]
    predicted = [Timex((0, 21), "DATE", "A")]
    pairs = time_eval.match(text, predicted, gold)
    assert [g.value for _, g in pairs] == ["A", "B"]


@pytest.mark.shared
def test_real_dev_sample():
    if not TEMPEVAL.exists():
        pytest.skip(f"TempEval-3 data not found at {TEMPEVAL} (../shared is not beside this clone)")
    result = time_eval.evaluate(TEMPEVAL / "TimeBank", limit=8)
    assert result["documents"] == 8
    overall = result["overall"]
    assert overall["relaxed"]["f1"] > 0.8
    assert overall["value_f1"] > 0.6
