"""extract.doc_arrays / children: the same values as spaCy's Token attributes."""

from __future__ import annotations

from claimgraph.extract import children, doc_arrays, doc_ents, doc_tokens, keep_last
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
    assert arrays.idx == [t.idx for t in doc]
    assert arrays.ent_types == [t.ent_type_ for t in doc]
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


def _actor_at_by_scan(actors, span):
    best, best_overlap = None, 0
    for actor in actors:
        for s, e in actor.mentions:
            overlap = min(e, span[1]) - max(s, span[0])
            if overlap > best_overlap:
                best, best_overlap = actor, overlap
    return best


def test_actor_at_agrees_with_a_scan_of_every_mention():
    import random

    from claimgraph.extract import actor_at
    from claimgraph.records import Actor

    rng = random.Random(7)
    for trial in range(300):
        actors = []
        for a in range(rng.randint(0, 6)):
            mentions = []
            for _ in range(rng.randint(1, 4)):
                start = rng.randint(0, 60)
                mentions.append((start, start + rng.randint(1, 12)))
            actors.append(
                Actor(id=f"a{trial}_{a}", name=f"A{a}", type="person", mentions=tuple(mentions))
            )
        actors = tuple(actors)
        for _ in range(30):
            start = rng.randint(-5, 75)
            span = (start, start + rng.randint(-2, 15))
            assert actor_at(actors, span) is _actor_at_by_scan(actors, span), (actors, span)


def test_every_block_starts_a_sentence():
    # A heading without a full stop must not be glued to the sentence after it.
    text = "Harbour board in talks\n\nThe board met the stewards on Monday. Talks went on late."
    document = document_from_text(text)
    doc = parse(document).doc
    starts = {sent.start_char for sent in doc.sents}
    for block in document.blocks:
        assert block.span[0] in starts


def test_doc_text_is_seeded_with_the_parsed_text():
    # parse/parse_many hand doc_text the document's text instead of letting
    # it rebuild doc.text from the tokens; spaCy keeps every character, so
    # the two must be equal, odd whitespace and non-ASCII included.
    from claimgraph.extract import doc_text
    from claimgraph.nlp import parse_many

    texts = [
        _TEXT,
        "Quay notice\n\nThe  pilots\tof Vessa Bay  said   on Tuesday: “no tugs”.\n \nDone.  ",
        "Ferry strike — Ørsholm\n\nCafé owners in Ørsholm said fares would rise 5 %.",
    ]
    documents = [document_from_text(t) for t in texts]
    for parsed in [parse(documents[0]), *parse_many(documents)]:
        doc = parsed.doc
        assert doc.user_data["claimgraph_text"] == parsed.document.text
        assert doc_text(doc) == doc.text


def test_per_doc_answers_are_kept_for_the_last_doc_only():
    first = parse(document_from_text("The ferry left Lorrow at dawn.")).doc
    second = parse(document_from_text("The ferry left Lorrow at dawn.")).doc
    tokens = doc_tokens(first)
    assert doc_tokens(first) is tokens and [t.text for t in tokens] == [t.text for t in first]
    assert doc_arrays(first) is doc_arrays(first)
    # An equal Doc is another Doc: its own answers, and the first's are rebuilt after it.
    assert doc_tokens(second) is not tokens and doc_tokens(second)[0].doc is second
    assert doc_tokens(first) is not tokens and doc_tokens(first) == tokens
    assert doc_ents(first) == first.ents and doc_ents(second)[0].doc is second


def test_keep_last_tells_arguments_apart_by_identity():
    calls: list[object] = []

    @keep_last
    def build(key: object) -> list[object]:
        calls.append(key)
        return [key]

    a, b = ["same"], ["same"]
    assert build(a) is build(a) and calls == [a]
    assert build(b) == [b] and calls == [a, b]  # equal but not the same: built again
    assert build(a) == [a] and len(calls) == 3
