"""extract.sentence_bounds / sentence_chars / doc_tokens: what spaCy itself answers."""

from __future__ import annotations

import pytest

from claimgraph.extract import doc_tokens, sentence_bounds, sentence_chars
from claimgraph.extract.triggers import token_range
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse

# Fictional; headline, short sentences, a quotation, a question, white space runs.
_TEXT = (
    "Ferry strike spreads in Morvath\n\n"
    "Dockworkers in Morvath walked off the job on Tuesday.  The port authority said "
    "ferries would run.\n\n"
    "“We will stay out,” said Tamsin Orlo. Will the ferries run? Nobody knows."
)


@pytest.fixture(scope="module")
def doc():
    return parse(document_from_text(_TEXT)).doc


def test_sentence_bounds_are_token_sent(doc) -> None:
    assert len(list(doc.sents)) > 3
    for token in doc:
        sent = token.sent
        assert sentence_bounds(token) == (sent.start, sent.end), token.i
        assert sentence_chars(token) == (sent.start_char, sent.end_char), token.i


def test_sentence_bounds_defer_to_hooks(doc) -> None:
    # A user hook decides sentences: spaCy's answer, not the listed starts.
    copy = doc.copy()
    copy.user_token_hooks["sent"] = lambda token: token.doc[0 : len(token.doc)]
    assert sentence_bounds(copy[5]) == (0, len(copy))


def test_doc_tokens_are_doc_items(doc) -> None:
    tokens = doc_tokens(doc)
    assert doc_tokens(doc) is tokens  # listed once per Doc
    assert tokens == [doc[i] for i in range(len(doc))]
    assert all(t.i == i and t.doc is doc for i, t in enumerate(tokens))


def test_token_range_is_expanded_char_span(doc) -> None:
    # certainty's spans go through token_range: it must be char_span's range.
    n = len(doc.text)
    for start in range(0, n, 3):
        for end in (start + 1, start + 7, start + 40):
            if end > n:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            found = token_range(doc, start, end)
            expected = None if span is None else range(span.start, span.end)
            assert found == expected, (start, end)
