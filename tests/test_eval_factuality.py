"""The factuality harness: reading, metric arithmetic, and a run on the dev sets."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.evaluate.factuality import evaluate, pearson, read_jsonl, set_files

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "factuality"

# Fictional sentences, tokenized on white space like the gold sets.
TOY = [
    {
        "text": "The rebels attacked the airport on Monday .",
        "targets": [{"span1": [2, 3], "label": 3.0, "span_text": "attacked"}],
    },
    {
        "text": "The rebels did not attack the airport .",
        "targets": [{"span1": [4, 5], "label": -3.0, "span_text": "attack"}],
    },
    {
        "text": "The rebels may attack the airport , officials said .",
        "targets": [
            {"span1": [3, 4], "label": 1.0, "span_text": "attack"},
            {"span1": [8, 9], "label": 3.0, "span_text": "said"},
        ],
    },
]


def _write(folder: Path, split: str = "dev") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{split}.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in TOY) + "\n", encoding="utf-8")
    return path


def test_pearson_arithmetic():
    assert pearson([1.0, 2.0, 3.0], [2.0, 4.0, 6.0]) == pytest.approx(1.0)
    assert pearson([1.0, 2.0, 3.0], [3.0, 2.0, 1.0]) == pytest.approx(-1.0)
    assert pearson([1.0, 2.0, 3.0, 4.0], [1.0, 3.0, 2.0, 4.0]) == pytest.approx(0.8)
    assert pearson([1.0, 1.0], [0.0, 3.0]) == 0.0  # no variance: no correlation
    assert pearson([1.0], [1.0]) == 0.0


def test_token_offsets_become_character_spans(tmp_path):
    path = _write(tmp_path / "TOY")
    sentences = list(read_jsonl(path))
    assert len(sentences) == 3
    third = sentences[2]
    assert [third.text[s:e] for (s, e), _ in third.targets] == ["attack", "said"]
    assert [label for _, label in third.targets] == [1.0, 3.0]


def test_set_files_layouts(tmp_path):
    one = _write(tmp_path / "sets" / "TOY")
    _write(tmp_path / "sets" / "TOY", split="train")
    assert set_files(tmp_path / "sets") == {"TOY": one}
    assert set_files(tmp_path / "sets" / "TOY") == {"TOY": one}
    assert set_files(one) == {"TOY": one}
    with pytest.raises(ClaimgraphError):
        set_files(tmp_path / "empty")


def test_evaluate_metrics_on_fictional_set(tmp_path):
    from claimgraph.extract.certainty import predicate_factuality
    from claimgraph.inputs import document_from_text
    from claimgraph.nlp import parse

    _write(tmp_path / "TOY")
    result = evaluate(tmp_path)
    toy = result["sets"]["TOY"]
    assert toy["sentences"] == 3 and toy["targets"] == 4
    # The same numbers by hand, from the public scoring function.
    predicted, gold = [], []
    for record in TOY:
        parsed = parse(document_from_text(record["text"]))
        tokens = record["text"].split(" ")
        for target in record["targets"]:
            start = sum(len(t) + 1 for t in tokens[: target["span1"][0]])
            span = (start, start + len(tokens[target["span1"][0]]))
            predicted.append(predicate_factuality(parsed, span))
            gold.append(target["label"])
    mae = sum(abs(p - g) for p, g in zip(predicted, gold, strict=True)) / len(gold)
    assert toy["mae"] == pytest.approx(mae, abs=1e-4)
    assert toy["pearson_r"] == pytest.approx(pearson(predicted, gold), abs=1e-4)
    # Clear cases: the negated attack is below zero, the plain one near +3.
    assert predicted[1] < 0 < predicted[0]
    assert toy["pearson_r"] > 0.5
    assert json.loads(json.dumps(result)) == result
    assert evaluate(tmp_path, limit=1)["sets"]["TOY"]["targets"] == 1


@pytest.mark.skipif(not DATA.is_dir(), reason=f"factuality gold sets not found at {DATA}")
def test_dev_sets():
    """MEANTIME dev in full and the first 300 UW dev sentences (about 30 s)."""
    meantime = evaluate(DATA / "MEANTIME")["sets"]["MEANTIME"]
    uw = evaluate(DATA / "UW", limit=300)["sets"]["UW"]
    assert meantime["targets"] == 195
    for scores in (meantime, uw):
        assert scores["pearson_r"] >= 0.6 and not math.isnan(scores["mae"])
        assert scores["mae"] <= 0.7


def test_fit_and_model_yaml(tmp_path):
    import yaml

    from claimgraph.evaluate.factuality import fit, model_yaml

    folder = tmp_path / "TOY"
    folder.mkdir()
    # Each fictional sentence twice: "negated" fires 2 times (dropped, < 5),
    # the always-present bias is fitted from all 8 targets.
    lines = [json.dumps(r) for r in TOY] * 2
    (folder / "train.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fitted = fit(tmp_path, sets=("TOY",))
    assert fitted["examples"] == 8
    assert "negated" not in fitted["weights"] and fitted["counts"]["negated"] == 2
    section = yaml.safe_load(model_yaml(fitted, "2026-01-01"))["factuality_model"]
    assert section["bias"] == fitted["bias"]
    assert section["weights"] == fitted["weights"]
