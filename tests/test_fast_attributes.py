"""The fast attribute ruler must annotate every token exactly as spaCy's does."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.fast_attributes import FastAttributeMatcher, speed_up
from claimgraph.options import DEFAULT_MODEL

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "examples" / "corpus"
POLNEAR_DEV = REPO.parent / "shared" / "eval" / "polnear" / "dev" / "text"

# Fictional sentences aimed at the ruler's patterns: contractions, "'s",
# quotes, whitespace tokens, all caps, numbers, "gon na", "let's", expletive
# "there", object pronouns, determiners used as pronouns.
TRICKY = [
    "Mayor Tolvan said she isn't sure the bridge'll open, and we aren't either.",
    "\"I don't know,\" the clerk said. 'It's Rena's call.'",
    "They're gon na vote, and we're gotta wait; let's see, y'all.",
    "THE COUNCIL WILL NOT MEET ON 12 MAY 2031, SAID 3 OFFICIALS.",
    "There is a ferry.  There are   two more\n\nand there's a third.\n",
    "Give it to me; she told you and I saw it.",
    "That is what this means: those who ask, which they did, get that.",
    "He has done it. Does she have it? Did they? I'd have had it.",
    "C'mon, ain't nothin' wrong, he ain't done it, she aint.",
    "Costs rose 4.5% to $1,200 in Q3 '29 -- as expected.\t\tNot bad.",
    "I am. You are. It's 5 o'clock. We've gone; they'd go.",
    "\n\n   \n",
    "Whether or not tho, coz it's till noon, unless so.",
]


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load(DEFAULT_MODEL)
    except OSError:
        pytest.skip(f"spaCy pipeline {DEFAULT_MODEL} is not installed")


def _token_rows(doc) -> list[tuple]:
    """Everything the ruler can set, and what the later components derive from it."""
    return [
        (
            t.i,
            t.text,
            t.pos_,
            t.tag_,
            str(t.morph),
            t.lemma_,
            t.dep_,
            t.head.i,
            t.norm_,
            t.ent_type_,
        )
        for t in doc
    ]


def _assert_same(nlp, texts: list[str]) -> None:
    from spacy.tokens import Doc

    ruler = nlp.get_pipe("attribute_ruler")
    original = ruler.matcher
    fast = FastAttributeMatcher(nlp.vocab, original, ruler.patterns)
    names = nlp.pipe_names
    at = names.index("attribute_ruler")
    for text in texts:
        doc = nlp.make_doc(text)
        for name in names[:at]:
            doc = nlp.get_pipe(name)(doc)
        twin = Doc(doc.vocab).from_bytes(doc.to_bytes())
        try:
            ruler.matcher = original
            expected_matches = ruler.match(doc)
            ruler.set_annotations(doc, expected_matches)
            ruler.matcher = fast
            matches = ruler.match(twin)
            ruler.set_annotations(twin, matches)
        finally:
            ruler.matcher = original
        assert matches == expected_matches, text[:80]
        for name in names[at + 1 :]:
            doc = nlp.get_pipe(name)(doc)
            twin = nlp.get_pipe(name)(twin)
        assert _token_rows(twin) == _token_rows(doc), text[:80]


def test_corpus_examples_annotate_identically(nlp) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert texts, f"no example texts under {CORPUS}"
    _assert_same(nlp, texts)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_sentences_annotate_identically(nlp, text: str) -> None:
    _assert_same(nlp, [text])


def test_polnear_dev_annotates_identically(nlp) -> None:
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR dev texts not found at {POLNEAR_DEV} (../shared is absent)")
    paths = sorted(POLNEAR_DEV.glob("*.txt"))[:100]
    assert paths, f"no .txt files under {POLNEAR_DEV}"
    _assert_same(nlp, [p.read_text(encoding="utf-8") for p in paths])


def test_patterns_matched_on_every_token_are_exact(nlp) -> None:
    """IS_SPACE, DEP NOT_IN and REGEX patterns (no LOWER/TAG index) still fire."""
    _assert_same(nlp, ["Nuthin' and nothin' here.\n\n  Then    more."])


@pytest.mark.parametrize(
    "token",
    [
        {"ORTH": "dock"},  # attribute the compiler does not read
        {"LOWER": "dock", "OP": "?"},  # operator
        {"LOWER": {"FUZZY": "dock"}},  # predicate it does not know
        {"LENGTH": {">=": 3}},
    ],
)
def test_unsupported_pattern_keeps_spacy_matcher(nlp, token: dict) -> None:
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[token]], {"LEMMA": "dock"})
    original = ruler.matcher
    assert speed_up(ruler, nlp.vocab) is False
    assert ruler.matcher is original


def test_supported_ruler_is_swapped_and_later_patterns_win(nlp) -> None:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": "quay", "TAG": "NN"}]], {"POS": "PROPN", "LEMMA": "Quay"})
    ruler.add([[{"LOWER": "old"}, {"LOWER": "quay"}]], {"MORPH": "Foo=Bar"}, index=-1)
    assert speed_up(ruler, nlp.vocab) is True
    doc = Doc(nlp.vocab, words=["the", "old", "quay", "wall"], tags=["DT", "JJ", "NN", "NN"])
    ruler(doc)
    assert [t.pos_ for t in doc] == ["", "", "PROPN", "NOUN"]
    assert [t.lemma_ for t in doc] == ["", "", "Quay", ""]
    assert [str(t.morph) for t in doc] == ["", "", "Foo=Bar", "Number=Sing"]
