"""extract.doc_arrays / children: the same values as spaCy's Token attributes."""

from __future__ import annotations

from claimgraph.extract import children, doc_arrays
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse

_TEXT = (
    "The harbour board said on Monday that dockworkers would not return unless wages rose.\n\n"
    "“We will stay out,” a union steward told reporters in Portvale, a fictional town."
)


def test_arrays_equal_token_attributes():
    doc = parse(document_from_text(_TEXT)).doc
    arrays = doc_arrays(doc)
    assert doc_arrays(doc) is arrays  # computed once per Doc
    assert arrays.heads == [t.head.i for t in doc]
    assert arrays.children == [tuple(c.i for c in t.children) for t in doc]
    assert arrays.deps == [t.dep_ for t in doc]
    assert arrays.texts == [t.text for t in doc]
    assert arrays.lowers == [t.lower_ for t in doc]
    assert arrays.lemmas == [t.lemma_ for t in doc]
    assert arrays.pos == [t.pos_ for t in doc]
    assert arrays.tags == [t.tag_ for t in doc]
    assert arrays.punct == [t.is_punct for t in doc]
    assert arrays.space == [t.is_space for t in doc]


def test_children_by_dependency():
    doc = parse(document_from_text(_TEXT)).doc
    for token in doc:
        for deps in (("nsubj",), ("aux", "neg"), frozenset({"prep", "dobj"})):
            expected = [c for c in token.children if c.dep_ in deps]
            assert children(token, deps) == expected
