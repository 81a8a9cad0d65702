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


# -- the whole pipeline: column writes for the ruler, column lemmatizer ---------


@pytest.fixture(scope="module")
def fast_nlp():
    """A second copy of the pipeline with every speed-up claimgraph applies."""
    spacy = pytest.importorskip("spacy")
    from claimgraph.fast_attributes import speed_up_lemmatizer

    try:
        nlp = spacy.load(DEFAULT_MODEL)
    except OSError:
        pytest.skip(f"spaCy pipeline {DEFAULT_MODEL} is not installed")
    assert speed_up(nlp.get_pipe("attribute_ruler"), nlp.vocab)
    assert speed_up_lemmatizer(nlp.get_pipe("lemmatizer"))
    return nlp


def _assert_pipelines_agree(nlp, fast_nlp, texts: list[str]) -> None:
    # Twice over the same texts: the second pass runs on the fast side's memos.
    for _ in range(2):
        for stock, fast in zip(nlp.pipe(texts), fast_nlp.pipe(texts), strict=True):
            assert _token_rows(fast) == _token_rows(stock), stock.text[:80]


def test_fast_pipeline_corpus(nlp, fast_nlp) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    _assert_pipelines_agree(nlp, fast_nlp, texts)


def test_fast_pipeline_tricky_sentences(nlp, fast_nlp) -> None:
    # Multi-token patterns ("gon na", "y'all", "ain't", "let's", expletive
    # "there is") and whitespace tokens are all in TRICKY.
    _assert_pipelines_agree(nlp, fast_nlp, TRICKY)


def test_fast_pipeline_polnear_dev(nlp, fast_nlp) -> None:
    if not POLNEAR_DEV.is_dir():
        pytest.skip(f"PolNeAR dev texts not found at {POLNEAR_DEV} (../shared is absent)")
    paths = sorted(POLNEAR_DEV.glob("*.txt"))[:40]
    _assert_pipelines_agree(nlp, fast_nlp, [p.read_text(encoding="utf-8") for p in paths])


def test_fast_lemmatizer_keeps_lemmas_set_before_it(nlp, fast_nlp) -> None:
    """Without overwrite, a lemma set earlier stays (spaCy lemmatizes only lemma 0)."""
    from spacy.tokens import Doc

    def lemmas(pipeline) -> list[str]:
        words, pos = ["Docks", "were", "closed", "docks"], ["NOUN", "AUX", "VERB", "NOUN"]
        doc = Doc(pipeline.vocab, words=words, pos=pos)
        doc[0].lemma_ = "Dockyard"
        return [t.lemma_ for t in pipeline.get_pipe("lemmatizer")(doc)]

    assert lemmas(fast_nlp) == lemmas(nlp)
    assert lemmas(fast_nlp)[0] == "Dockyard"
    empty = Doc(fast_nlp.vocab, words=[])
    assert fast_nlp.get_pipe("lemmatizer")(empty) is empty


def test_lemmatizer_of_other_mode_or_kind_is_left_alone(nlp) -> None:
    from spacy.pipeline import Lemmatizer

    from claimgraph.fast_attributes import speed_up_lemmatizer

    lookup = Lemmatizer(nlp.vocab, model=None, mode="lookup")
    assert speed_up_lemmatizer(lookup) is False and type(lookup) is Lemmatizer

    class Custom(Lemmatizer):
        pass

    custom = Custom(nlp.vocab, model=None, mode="rule")
    assert speed_up_lemmatizer(custom) is False and type(custom) is Custom


def test_ruler_index_out_of_span_raises_as_spacy_does(nlp) -> None:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "old"}, {"LOWER": "quay"}]], {"LEMMA": "x"}, index=2)
    assert speed_up(ruler, nlp.vocab) is True
    doc = Doc(nlp.vocab, words=["the", "old", "quay"])
    with pytest.raises(ValueError, match="E1001"):
        ruler(doc)


def test_ruler_setting_a_lexeme_attribute_uses_spacys_writes(nlp) -> None:
    """NORM lands on the token only, but spaCy also writes other attributes to
    the lexeme: anything outside POS/TAG/MORPH/LEMMA/DEP goes the original way."""
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "quay"}]], {"NORM": "key"})
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert speed_up(ruler, nlp.vocab) is True
    doc = Doc(nlp.vocab, words=["the", "quay", "wall"], tags=["DT", "NN", "NN"])
    ruler(doc)
    assert [t.norm_ for t in doc] == ["the", "key", "wall"]
    assert [t.pos_ for t in doc] == ["", "NOUN", "NOUN"]
