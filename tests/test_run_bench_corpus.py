"""The benchmarks' generated corpus: seeded, varied, ~600 words, readable by ingest."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from claimgraph.inputs import read  # noqa: E402
from claimgraph.records import Document  # noqa: E402
from corpus import articles, write_jsonl  # noqa: E402


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert list(articles(5, seed=3)) == list(articles(5, seed=3))
    assert list(articles(5, seed=3)) != list(articles(5, seed=4))


def test_articles_are_distinct_and_about_the_asked_length():
    texts = [a["text"] for a in articles(50, words=600)]
    assert len(set(texts)) == 50
    # Not 50 shufflings of one cast: the people named differ between articles.
    first_lines = {t.split("\n\n")[1].split(",")[0] for t in texts}
    assert len(first_lines) > 25
    for text in texts:
        assert 600 <= len(text.split()) <= 750


def test_written_jsonl_reads_as_documents(tmp_path):
    path = write_jsonl(tmp_path / "c.jsonl", 3, words=200)
    docs = [d for d in read([str(path)]) if isinstance(d, Document)]
    assert len(docs) == 3
    assert all(d.outlet and d.published and d.title for d in docs)
