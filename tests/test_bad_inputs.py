"""A bad-input corpus, generated in tmp_path: every case ends in a stored
document, a documented skip or a specific error naming the file, never a
traceback, and the good documents in the same run are all stored.

Each case is (name, builder, expected): the builder writes its files into an
empty folder; expected is ("stored", ""), ("skipped", reason substring) or
("error", reason substring). One ingest runs over every case plus good
articles (spaCy runs once per module), and the CLI runs over the same corpus.
See docs/reliability.md.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimgraph
from claimgraph.cli import app
from claimgraph.errors import InputError, SkippedDocument
from claimgraph.inputs import read
from claimgraph.records import Analysis

# Fictional English prose, long enough (> 20 words) for language detection.
GOOD = (
    "The harbour council of Port Valdor voted on Thursday to open a ferry line to the "
    "island of Sarn, ending a decade of delays over funding and berth space. Council "
    "chair Elena Brask said the first crossings would begin in June."
)
QUOTED = (
    "Council chair Elena Brask said \u201cthe first crossings will begin in June\u201d and "
    "that tickets would cost less than the private boats charge for the same \u2018trip\u2019."
)
FRENCH = (
    "Le conseil municipal de Port Valdor a voté jeudi l'ouverture d'une ligne de ferry "
    "vers l'île de Sarn, mettant fin à dix ans de retards liés au financement et à la "
    "place disponible dans le port."
)
CHINESE = (
    "瓦尔多港港务委员会周四投票决定开通前往萨恩岛的渡轮航线，结束了因资金和泊位问题而拖延了十年的局面。"
    "委员会主席表示，首批航班将于六月开始运营，票价将低于私人船只。"
)
ARABIC = (
    "صوت مجلس ميناء فالدور يوم الخميس على فتح خط للعبارات إلى جزيرة سارن، منهيا عقدا من "
    "التأخير بسبب التمويل ومساحة الرسو. وقالت رئيسة المجلس إن الرحلات الأولى ستبدأ في يونيو."
)
MAX_CHARS = 200_000
HTML_PAGE = (
    "<html><head><title>Ferry line approved</title></head><body><article>"
    "<h1>Ferry line approved</h1><p>{}</p></article></body></html>"
)

# A builder writes its case into an empty folder and returns the path to
# ingest (None: the folder itself).
Builder = Callable[[Path], Path | None]


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def _file(name: str, data: str | bytes) -> Builder:
    return lambda folder: _write(folder / name, data)


def _jsonl(*lines: str) -> Builder:
    return _file("feed.jsonl", "\n".join(lines) + "\n")


def _with_sidecar(sidecar: str) -> Builder:
    def build(folder: Path) -> None:
        _write(folder / "article.txt", GOOD)
        _write(folder / "article.json", sidecar)

    return build


def _truncated_gzip(folder: Path) -> Path:
    # Given by name: inside a folder, unsupported extensions are not read.
    _write(folder / "article.txt.gz", gzip.compress(GOOD.encode())[:20])
    return folder / "article.txt.gz"


def _nested_divs(folder: Path) -> None:
    depth = 5_000
    page = "<html><body>" + "<div>" * depth + f"<p>{GOOD}</p>" + "</div>" * depth
    _write(folder / "nested.html", page + "</body></html>")


def _random_bytes(name: str) -> Builder:
    # Seeded, and with a NUL byte: random bytes are binary, not text.
    data = bytes(random.Random(9).randrange(256) for _ in range(4096)) + b"\x00"
    return _file(name, data)


def _mixed_folder(folder: Path) -> None:
    _write(folder / "a good one.txt", GOOD.replace("Thursday", "Monday"))
    _write(folder / "b-binary.txt", b"\x00\x01\x02" * 100)
    _write(folder / "c-empty.txt", "")
    _write(folder / "d-notes.md", "ignored: not a supported extension in a folder")
    _write(folder / "sub" / "e good.html", HTML_PAGE.format(GOOD.replace("Thursday", "Friday")))


def _symlink_loop(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.symlink(folder, folder / "loop")
    os.symlink(folder / "self.txt", folder / "self.txt")  # a link to itself
    _write(folder / "real.txt", GOOD.replace("Thursday", "Sunday"))


def _unreadable(folder: Path) -> None:
    _write(folder / "locked.txt", GOOD.replace("Thursday", "Saturday"))
    (folder / "locked.txt").chmod(0)


LONG_SENTENCE = " ".join(["ferry"] * 10_000)

# (case name, builder, (kind, reason substring)).
CASES: list[tuple[str, Builder, tuple[str, str]]] = [
    ("empty_txt", _file("a.txt", ""), ("skipped", "empty file")),
    ("whitespace_txt", _file("a.txt", " \n\t\r\n  \n"), ("skipped", "empty file")),
    ("empty_html", _file("a.html", ""), ("skipped", "empty file")),
    ("nul_bytes_txt", _file("a.txt", b"Ferry\x00line\x00" * 50), ("error", "binary file")),
    ("nul_bytes_html", _file("a.html", b"<html>\x00\x00</html>"), ("error", "binary file")),
    ("random_bytes_txt", _random_bytes("a.txt"), ("error", "binary file")),
    ("random_bytes_html", _random_bytes("a.html"), ("error", "binary file")),
    ("latin1", _file("a.txt", GOOD.replace("Brask", "Bråsk").encode("latin-1")), ("stored", "")),
    ("cp1252_smart_quotes", _file("a.txt", QUOTED.encode("cp1252")), ("stored", "")),
    ("utf16_bom", _file("a.txt", GOOD.encode("utf-16")), ("stored", "")),
    ("utf16_no_bom", _file("a.txt", GOOD.encode("utf-16-le")), ("error", "binary file")),
    (
        "invalid_utf8",
        _file("a.txt", GOOD.encode() + b"\x81\x8d\x8f\x90\x9d"),
        ("error", "not UTF-8 text"),
    ),
    ("utf8_bom", _file("a.txt", "\ufeff" + GOOD.replace("ferry", "boat")), ("stored", "")),
    (
        "mixed_encodings",
        _file("a.txt", GOOD.encode() + " caf\xe9 ".encode("cp1252")),
        ("stored", ""),
    ),
    ("one_mb_line", _file("a.txt", "ferry " * 175_000), ("skipped", "over the limit")),
    ("long_sentence", _file("a.txt", LONG_SENTENCE), ("stored", "")),
    ("over_max_chars", _file("a.txt", (GOOD + "\n\n") * 1_000), ("skipped", "over the limit")),
    ("gzip_truncated", _truncated_gzip, ("error", "unsupported file type '.gz'")),
    ("jsonl_empty", _file("feed.jsonl", "\n\n"), ("skipped", "empty file")),
    ("jsonl_bad_json", _jsonl('{"text": "unterminated'), ("error", "invalid JSON")),
    ("jsonl_array", _jsonl(json.dumps([GOOD])), ("error", "expected a JSON object, got list")),
    ("jsonl_missing_text", _jsonl('{"title": "x"}'), ("error", "neither a 'text' nor an 'html'")),
    ("jsonl_text_not_string", _jsonl('{"text": 42}'), ("error", "'text' must be a string")),
    ("jsonl_null_fields", _jsonl(json.dumps({"text": None, "html": None})), ("error", "neither")),
    (
        "jsonl_null_metadata",
        _jsonl(json.dumps({"text": GOOD.replace("June", "July"), "title": None, "url": None})),
        ("stored", ""),
    ),
    ("jsonl_huge_field", _jsonl(json.dumps({"text": GOOD * 2_000})), ("skipped", "over the limit")),
    (
        "html_no_body",
        _file("a.html", "<html><head><title>T</title></head></html>"),
        ("skipped", "no article text"),
    ),
    # libxml2 stops at 256 levels of nesting: the <p> below 5,000 divs is never seen.
    ("html_nested_divs", _nested_divs, ("skipped", "no article text")),
    (
        "html_only_scripts",
        _file(
            "a.html",
            "<html><head><style>p{}</style></head><body><script>var a=1;</script></body></html>",
        ),
        ("skipped", "no article text"),
    ),
    (
        "jsonl_lone_surrogate",
        _jsonl(json.dumps({"text": GOOD + " \ud83d cut emoji."})),
        ("error", "field 'text' has an unpaired UTF-16 surrogate"),
    ),
    (
        "html_utf16_bom",
        _file("a.html", HTML_PAGE.format(GOOD.replace("ferry", "bus")).encode("utf-16")),
        ("stored", ""),
    ),
    ("cr_line_endings", _file("a.txt", QUOTED.replace(" and ", "\r", 1) + "\r\r"), ("stored", "")),
    ("french", _file("a.txt", FRENCH), ("skipped", "language is 'fr'")),
    ("chinese", _file("a.txt", CHINESE), ("skipped", "language is 'zh'")),
    ("arabic", _file("a.txt", ARABIC), ("skipped", "language is 'ar'")),
    ("control_chars", _file("a.txt", "\x01\x02\x07\x1b\x7f" * 20), ("skipped", "empty file")),
    ("only_quotes", _file("a.txt", "\u201c\u201d\"'\u2018\u2019" * 50), ("stored", "")),
    ("sidecar_broken", _with_sidecar("{not json"), ("error", "sidecar is not valid JSON")),
    (
        "sidecar_bad_date",
        _with_sidecar('{"published": "2025-13-45"}'),
        ("error", "not a valid date"),
    ),
    ("sidecar_wrong_type", _with_sidecar('{"title": 3}'), ("error", "'title' must be a string")),
    (
        "sidecar_lone_surrogate",
        _with_sidecar('{"title": "Ferry \\udc00"}'),
        ("error", "field 'title' has an unpaired UTF-16 surrogate"),
    ),
    (
        "unicode_name",
        _file("rapport d’été ünï 記事.txt", GOOD.replace("June", "May")),
        ("stored", ""),
    ),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """Every case in its own folder, plus good articles in a folder of their own."""
    root = tmp_path_factory.mktemp("bad-corpus")
    paths = {}
    for name, build, _ in CASES:
        folder = root / name
        folder.mkdir()
        paths[name] = build(folder) or folder
    good = root / "good"
    _write(good / "one.txt", GOOD.replace("Thursday", "Tuesday"))
    _write(good / "two.html", HTML_PAGE.format(GOOD.replace("Thursday", "Wednesday")))
    _write(good / "three.jsonl", json.dumps({"text": GOOD.replace("decade", "year")}))
    paths["good"] = good
    return paths


def _source(item) -> str:
    return item.source if isinstance(item, InputError | SkippedDocument) else item.document.source


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory):
    """One ingest over the whole corpus: (result, outcomes by source, store path)."""
    db = tmp_path_factory.mktemp("store") / "s.db"
    outcomes: list = []
    with claimgraph.Store(db) as store:
        result = claimgraph.ingest(
            list(corpus.values()), store, claimgraph.Options(max_chars=MAX_CHARS), outcomes.append
        )
    return result, outcomes, db


def _of(outcomes: list, path: Path) -> list:
    return [item for item in outcomes if _source(item).startswith(str(path))]


def test_the_corpus_has_at_least_30_cases():
    assert len(CASES) >= 30
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("name", "expected"), [(n, e) for n, _, e in CASES], ids=str)
def test_case_outcome(ingested, corpus, name, expected):
    _, outcomes, _ = ingested
    kind, reason = expected
    mine = _of(outcomes, corpus[name])
    assert len(mine) == 1, mine
    (item,) = mine
    if kind == "stored":
        assert isinstance(item, Analysis), item
        return
    expected_type = SkippedDocument if kind == "skipped" else InputError
    assert isinstance(item, expected_type), item
    assert reason in item.reason, item
    # The message names the file (a JSONL line as NAME:LINE), then the problem.
    assert str(item).startswith(str(corpus[name])), item
    assert Path(item.source.split(".jsonl:")[0]).parent.is_relative_to(corpus[name].parent)


def test_good_documents_are_all_stored(ingested, corpus):
    result, outcomes, db = ingested
    good = _of(outcomes, corpus["good"])
    assert len(good) == 3 and all(isinstance(i, Analysis) for i in good)
    stored = [i for i in outcomes if isinstance(i, Analysis)]
    with claimgraph.Store(db) as store:
        assert all(store.has(a.document.id) for a in stored)  # 0 lost
        # Every skip and error is on record with its reason.
        recorded = {(k["source"], k["reason"]) for k in store.skipped(limit=1_000)}
    assert result.added == len(stored)
    assert {(p.source, p.reason) for p in result.problems} <= recorded
    assert len(result.problems) + len(stored) == len(outcomes)


def test_mixed_folder_loses_no_good_document(tmp_path):
    _mixed_folder(tmp_path / "mixed")
    results = list(read([tmp_path / "mixed"]))
    docs = [r for r in results if not isinstance(r, InputError | SkippedDocument)]
    assert sorted(Path(d.source).name for d in docs) == ["a good one.txt", "e good.html"]
    problems = {Path(r.source).name: r.reason for r in results if r not in docs}
    assert "binary file" in problems["b-binary.txt"]
    assert problems["c-empty.txt"] == "empty file"
    assert "d-notes.md" not in problems  # other extensions in a folder are not read


def test_symlink_loop_neither_hangs_nor_stops_the_run(tmp_path):
    _symlink_loop(tmp_path / "links")
    results = list(read([tmp_path / "links"]))
    assert [Path(r.source).name for r in results] == ["real.txt", "self.txt"]
    assert results[0].text.startswith("The harbour council")
    assert isinstance(results[1], InputError)
    assert "cannot read" in results[1].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_an_error_naming_it(tmp_path):
    _unreadable(tmp_path / "locked")
    (item,) = read([tmp_path / "locked"])
    assert isinstance(item, InputError)
    assert item.source.endswith("locked.txt") and "cannot read" in item.reason


def test_cli_ingest_reports_each_problem_and_stores_the_good(tmp_path):
    _mixed_folder(tmp_path / "mixed")
    _write(tmp_path / "mixed" / "feed.jsonl", '{"text": 42}\n[1, 2]\n{"text": "cut')
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "mixed"), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None
    assert "b-binary.txt: binary file" in result.output
    assert "c-empty.txt: skipped: empty file" in result.output
    assert "feed.jsonl:1: field 'text' must be a string" in result.output
    assert "feed.jsonl:2: expected a JSON object" in result.output
    assert "feed.jsonl:3: invalid JSON" in result.output
    assert "2 added" in result.output and "4 unreadable" in result.output


def test_cli_analyze_json_with_bad_inputs(tmp_path):
    _write(tmp_path / "in" / "good.txt", GOOD.replace("Thursday", "Monday"))
    _write(tmp_path / "in" / "bin.html", b"<html>\x00</html>")
    _write(tmp_path / "in" / "fr.txt", FRENCH)
    gz = tmp_path / "in.txt.gz"
    _write(gz, gzip.compress(b"x")[:5])
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "in"), str(gz), "--json"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None
    payload = json.loads(result.stdout)
    assert len(payload["documents"]) == 1
    assert "bin.html: binary file" in result.output
    assert "fr.txt: skipped: language is 'fr'" in result.output
    assert "in.txt.gz: unsupported file type '.gz'" in result.output


def test_cli_all_bad_input_exits_1_cleanly(tmp_path):
    _write(tmp_path / "empty.txt", "")
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "empty.txt"), "--json"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "empty.txt: skipped: empty file" in result.output


def test_unreadable_file_even_as_root(tmp_path, monkeypatch):
    _write(tmp_path / "denied.txt", GOOD)
    _write(tmp_path / "fine.txt", GOOD.replace("Thursday", "Monday"))

    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "denied.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    denied, fine = read([tmp_path])
    assert isinstance(denied, InputError) and denied.source.endswith("denied.txt")
    assert denied.reason == "cannot read: Permission denied"
    assert fine.text.startswith("The harbour council")


def test_named_pipe_does_not_hang_the_run(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # no writer: reading it would block forever
    _write(tmp_path / "real.txt", GOOD)
    pipe, real = read([tmp_path])
    assert isinstance(pipe, InputError) and pipe.source.endswith("pipe.txt")
    assert "not a regular file" in pipe.reason
    assert real.text.startswith("The harbour council")


def test_cli_ingest_over_the_whole_corpus_matches_the_api(ingested, corpus):
    # The folder holding every case: the CLI walks it (so the .gz file, which
    # only counts when named, is not read) and prints each problem as one line.
    _, outcomes, _ = ingested
    root = corpus["good"].parent
    db = str(root.parent / "cli.db")
    args = ["ingest", str(root), "--db", db, "-q", "--max-chars", str(MAX_CHARS)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None
    problems = [i for i in outcomes if isinstance(i, InputError | SkippedDocument)]
    for problem in problems:
        if not problem.source.endswith(".gz"):
            assert str(problem) in result.output
    stored = sum(isinstance(i, Analysis) for i in outcomes)
    assert f"{stored} added" in result.output
