"""ECB+ reader, coreference clustering and the ECB+ harness.

The reader and metric arithmetic are checked on a tiny fictional corpus in the
ECB+ layout written to tmp_path; the real dev data (../shared/eval/ecbplus) is
used only when present.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.evaluate import ecb
from claimgraph.resolve.coref import (
    CorefMention,
    average_link,
    cluster_mentions,
    document_clusters,
    normalize_heads,
    same_head_clusters,
)
from claimgraph.resolve.event_coref import (
    FEATURES,
    WEIGHTS,
    cluster_events,
    fit_logistic,
    phrase_key,
)

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ecbplus"

# Fictional documents: (file stem, sentences, markables, relations).
# A markable is (m_id, tag, sentence, token numbers); a relation is
# (kind, note, source m_ids).
DOCS = [
    (
        "1_1ecb",
        ["Floods hit Marrowdale on Monday .", "The river flooded Marrowdale , officials said ."],
        [
            ("1", "ACTION_OCCURRENCE", 1, [2]),  # flooded
            ("2", "LOC_GEO", 1, [3]),  # Marrowdale
            ("3", "ACTION_REPORTING", 1, [6]),  # said
            ("4", "ACTION_OCCURRENCE", 0, [1]),  # hit (sentence 0 not selected)
        ],
        [("CROSS_DOC_COREF", "ACT1", ["1"]), ("CROSS_DOC_COREF", "LOC1", ["2"])],
    ),
    (
        "1_2ecb",
        ["Water flooded Marrowdale overnight ."],
        [("1", "ACTION_OCCURRENCE", 0, [1]), ("2", "LOC_GEO", 0, [2])],
        [("CROSS_DOC_COREF", "ACT1", ["1"]), ("CROSS_DOC_COREF", "LOC1", ["2"])],
    ),
    (
        "1_1ecbplus",
        ["http://example.org/story", "A canal flooded Tessby last year ."],
        [
            ("1", "ACTION_OCCURRENCE", 1, [2]),
            ("2", "LOC_GEO", 1, [3]),
            ("3", "TIME_DATE", 1, [4, 5]),
        ],
        [],
    ),
]
SELECTED = {"1_1ecb": [1], "1_2ecb": [0], "1_1ecbplus": [1]}


def _xml(stem: str, sentences: list[str], markables, relations) -> str:
    tokens, t_ids, t = [], {}, 0
    for s, sentence in enumerate(sentences):
        for n, word in enumerate(sentence.split()):
            t += 1
            t_ids[(s, n)] = t
            tokens.append(f'<token t_id="{t}" sentence="{s}" number="{n}">{word}</token>')
    marks = []
    for m_id, tag, s, numbers in markables:
        anchors = "".join(f'<token_anchor t_id="{t_ids[(s, n)]}"/>' for n in numbers)
        marks.append(f'<{tag} m_id="{m_id}">{anchors}</{tag}>')
    rels = []
    for r, (kind, note, sources) in enumerate(relations):
        src = "".join(f'<source m_id="{m}"/>' for m in sources)
        rels.append(f'<{kind} r_id="{r}" note="{note}">{src}<target m_id="99"/></{kind}>')
    return (
        f'<Document doc_name="{stem}.xml">{"".join(tokens)}'
        f"<Markables>{''.join(marks)}</Markables><Relations>{''.join(rels)}</Relations></Document>"
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    topic = tmp_path / "ECB+" / "1"
    topic.mkdir(parents=True)
    for stem, sentences, markables, relations in DOCS:
        (topic / f"{stem}.xml").write_text(_xml(stem, sentences, markables, relations), "utf-8")
    rows = ["Topic,File,Sentence Number"]
    for stem, numbers in SELECTED.items():
        rows += [f"1,{stem.split('_', 1)[1]},{n}" for n in numbers]
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text("\r\n".join(rows) + "\r\n")
    return tmp_path


def test_reader_keeps_selected_sentences_and_labels_chains(corpus: Path):
    docs = {d.name: d for d in ecb.read_corpus(corpus)}
    assert set(docs) == {"1_1ecb", "1_2ecb", "1_1ecbplus"}
    first = {m.text: m for m in docs["1_1ecb"].mentions}
    assert set(first) == {"flooded", "Marrowdale", "said"}  # "hit" is outside the selection
    assert first["flooded"].gold == "ACT1" and first["flooded"].kind == "event"
    assert first["Marrowdale"].kind == "entity"
    assert first["said"].gold == "1_1ecb:single3"  # unlinked: its own singleton
    plus = {m.text: m for m in docs["1_1ecbplus"].mentions}
    assert plus["last year"].kind == "entity" and plus["last year"].subtopic == "1_ecbplus"


def test_reader_rejects_other_layouts(tmp_path: Path):
    with pytest.raises(ClaimgraphError):
        list(ecb.read_corpus(tmp_path))


def test_url_sentence_left_out_of_document_text(corpus: Path):
    docs = {d.name: d for d in ecb.read_corpus(corpus)}
    assert ecb.document_text(docs["1_1ecbplus"])[0][0] == "A"
    assert ecb.document_text(docs["1_1ecb"])[0][0] == "Floods"


def test_evaluate_gold_subtopics_separate_the_two_floods(corpus: Path):
    result = ecb.evaluate(corpus, kind="event")
    assert result["mention_count"] == 4 and result["gold_clusters"] == 3
    assert result["ours"]["conll"]["f1"] == pytest.approx(1.0)
    assert result["baseline"]["conll"]["f1"] == pytest.approx(1.0)


def test_evaluate_without_subtopics_merges_the_two_floods(corpus: Path):
    result = ecb.evaluate(corpus, kind="event", subtopics="none")
    # key {f1, f2} {said} {f3}; response {f1, f2, f3} {said}
    # MUC R = 1/1, P = 1/2; B³ P = ({f1,f2,f3}: 2²/3 + 1²/3, {said}: 1) / 4
    assert result["baseline"]["muc"]["recall"] == pytest.approx(1.0)
    assert result["baseline"]["muc"]["precision"] == pytest.approx(0.5)
    assert result["baseline"]["b3"]["precision"] == pytest.approx((4 / 3 + 1 / 3 + 1) / 4, abs=1e-4)


def test_evaluate_our_mentions_keeps_gold_in_the_key(corpus: Path):
    result = ecb.evaluate(corpus, kind="event", mentions="ours")
    detection = result["mention_detection"]
    # "flooded" ×3 and "said" are verbs: all four gold events are found; the
    # fictional sentences hold no other verb or event noun.
    assert detection["gold"] == 4 and detection["tp"] == 4
    assert result["gold_clusters"] == 3
    assert result["ours"]["conll"]["f1"] == pytest.approx(1.0)


def test_evaluate_entities_and_options(corpus: Path):
    result = ecb.evaluate(corpus, kind="entity")
    assert result["kind"] == "entity" and result["mention_count"] == 4
    assert result["ours"]["muc"]["f1"] == pytest.approx(1.0)
    with pytest.raises(ClaimgraphError):
        ecb.evaluate(corpus, mentions="maybe")
    with pytest.raises(ClaimgraphError):
        ecb.evaluate(corpus, subtopics="maybe")


def test_evaluate_our_entity_mentions_keeps_gold_in_the_key(corpus: Path):
    result = ecb.evaluate(corpus, kind="entity", mentions="ours")
    detection = result["mention_detection"]
    # Gold entities: Marrowdale ×2, Tessby, "last year"; our parse also finds
    # unannotated noun chunks ("The river", "officials", ...), kept as spurious.
    assert detection["gold"] == 4 and result["gold_clusters"] == 3
    assert detection["tp"] == 4
    assert detection["predicted"] > detection["tp"]
    assert 0 < result["ours"]["conll"]["f1"] < 1


class _FixedParse:
    """A stand-in for the spaCy pipeline: returns one hand-built parse of the words."""

    def __init__(self, heads: list[int], deps: list[str], pos: list[str]) -> None:
        from spacy.vocab import Vocab

        self.vocab = Vocab()
        self.heads, self.deps, self.pos = heads, deps, pos

    def __call__(self, doc):
        from spacy.tokens import Doc

        words = [t.text for t in doc]
        return Doc(self.vocab, words=words, heads=self.heads, deps=self.deps, pos=self.pos)


def test_our_mentions_match_gold_by_head(monkeypatch):
    from claimgraph.evaluate import ecb_mentions

    words = ("Marrowdale", "river", "police", "arrested", "Quillon", "yesterday")
    gold = [
        ecb.Mention("d:1", "1", "1_ecb", "d", 0, (0, 1, 2), "", "HUMAN_PART_ORG", "entity", "POL"),
        ecb.Mention("d:2", "1", "1_ecb", "d", 0, (4,), "", "HUMAN_PART_PER", "entity", "QUI"),
        ecb.Mention("d:3", "1", "1_ecb", "d", 0, (3,), "", "ACTION_OCCURRENCE", "event", "ARR"),
    ]
    document = ecb.EcbDocument("d", "1", "1_ecb", (words,), frozenset({0}), tuple(gold))
    nlp = _FixedParse(
        heads=[2, 2, 3, 3, 3, 3],
        deps=["compound", "compound", "nsubj", "ROOT", "dobj", "npadvmod"],
        pos=["PROPN", "NOUN", "NOUN", "VERB", "PROPN", "NOUN"],
    )
    candidates = [
        (0, "LOC_GEO"),  # inside "Marrowdale river police" but not its head: dropped
        (2, "HUMAN_PART"),  # the head of that gold mention: takes its id
        (4, "HUMAN_PART_PER"),
        (5, "TIME_DATE"),  # no gold mention here: spurious, an id of its own
    ]
    monkeypatch.setattr(ecb_mentions, "_candidates", lambda doc, kind: candidates)
    [predicted] = ecb_mentions.predicted_documents([document], nlp, "entity")
    got = {m.id: (m.gold, m.tokens, m.kind) for m in predicted.mentions}
    assert got == {
        "d:1": ("POL", (2,), "entity"),
        "d:2": ("QUI", (4,), "entity"),
        "d:p0_5": ("d:p0_5", (5,), "entity"),
    }


def test_entity_candidates_skip_events_and_predicate_nominals():
    import spacy
    from spacy.tokens import Doc, Span

    from claimgraph.evaluate.ecb_mentions import entity_candidates

    # "Quillon , who met the mayor in Tessby , is a banker ."
    words = ["Quillon", ",", "who", "met", "the", "mayor", "in", "Tessby", ",", "is", "a"]
    words += ["banker", "."]
    doc = Doc(
        spacy.blank("en").vocab,  # English: noun chunks need the language's syntax iterator
        words=words,
        heads=[9, 0, 3, 0, 5, 3, 3, 6, 0, 9, 11, 9, 9],
        deps=["nsubj", "punct", "nsubj", "relcl", "det", "dobj", "prep", "pobj", "punct"]
        + ["ROOT", "det", "attr", "punct"],
        pos=["PROPN", "PUNCT", "PRON", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
        + ["AUX", "DET", "NOUN", "PUNCT"],
        lemmas=["Quillon", ",", "who", "meet", "the", "mayor", "in", "Tessby", ",", "be"]
        + ["a", "banker", "."],
    )
    doc.ents = [Span(doc, 0, 1, "PERSON"), Span(doc, 7, 8, "GPE")]
    got = {doc[i].text: tag for i, tag in entity_candidates(doc)}
    # "met" is an event; "banker" is a predicate nominal, not a mention.
    assert got == {
        "Quillon": "HUMAN_PART_PER",
        "who": "HUMAN_PART",
        "mayor": "NON_HUMAN_PART",
        "Tessby": "LOC_GEO",
    }


def _m(id_, head, doc="d1", scope="s", arguments=(), kind="event", proper=False, topic=""):
    return CorefMention(
        id_, scope, doc, head, frozenset([head]), frozenset(arguments), kind, "", topic, proper
    )


@pytest.mark.parametrize(
    ("heads", "expected"),
    [
        (["shooting", "shoot"], {"shooting": "shoot"}),
        (["checks", "check"], {"checks": "check"}),
        (["nomination", "nominate"], {"nomination": "nominate"}),
        (["shipping", "ship"], {"shipping": "ship"}),
        (["during"], {"during": "during"}),  # no shorter head: maps to itself
    ],
)
def test_normalize_heads(heads, expected):
    got = normalize_heads(heads)
    for head, target in expected.items():
        assert got[head] == target


def test_cluster_mentions_uses_synonyms_and_keeps_scopes_apart():
    mentions = [
        _m("a", "arrest", doc="d1"),
        _m("b", "detain", doc="d2"),
        _m("c", "arrest", doc="d3", scope="other"),
        _m("d", "parade", doc="d2"),
    ]
    got = {frozenset(c) for c in cluster_mentions(mentions)}
    assert frozenset({"a", "b"}) in got
    assert frozenset({"c"}) in got and frozenset({"d"}) in got
    assert {frozenset(c) for c in same_head_clusters(mentions)} == {
        frozenset({"a"}),
        frozenset({"b"}),
        frozenset({"c"}),
        frozenset({"d"}),
    }


def test_reporting_verbs_do_not_merge_across_documents():
    mentions = [_m("a", "say", doc="d1"), _m("b", "say", doc="d2"), _m("c", "say", doc="d1")]
    got = {frozenset(c) for c in cluster_mentions(mentions)}
    assert got == {frozenset({"a", "c"}), frozenset({"b"})}


def test_names_cross_subtopics_within_a_topic():
    mentions = [
        _m("a", "quillon", scope="t_ecb", kind="entity", proper=True, topic="t"),
        _m("b", "quillon", scope="t_ecbplus", kind="entity", proper=True, topic="t"),
        _m("c", "man", scope="t_ecb", kind="entity", topic="t"),
        _m("d", "man", scope="t_ecbplus", kind="entity", topic="t"),
    ]
    got = {frozenset(c) for c in cluster_mentions(mentions)}
    assert got == {frozenset({"a", "b"}), frozenset({"c"}), frozenset({"d"})}


def test_average_link_threshold():
    sims = {(0, 1): 0.9, (1, 2): 0.4, (0, 2): 0.0}
    assert sorted(map(sorted, average_link("abc", sims, 0.5))) == [[0, 1], [2]]
    assert sorted(map(sorted, average_link("abc", sims, 0.1))) == [[0, 1, 2]]


def test_document_clusters_group_by_shared_words():
    docs = {
        "a": Counter({"flood": 3, "river": 2, "marrowdale": 2}),
        "b": Counter({"flood": 2, "river": 1, "marrowdale": 3}),
        "c": Counter({"election": 3, "ballot": 2, "tessby": 2}),
        "d": Counter({"election": 1, "ballot": 3, "tessby": 1}),
    }
    got = document_clusters(docs, 0.06)
    assert got["a"] == got["b"] and got["c"] == got["d"] and got["a"] != got["c"]


@pytest.mark.parametrize(
    ("head", "following", "expected"),
    [
        ("check", [("into", "ADP", "into")], "check"),  # a neutral preposition
        ("check", [("out", "ADP", "out"), ("of", "ADP", "of")], "check out"),
        ("open", [("fire", "NOUN", "fire")], "shoot"),  # a listed light-verb idiom
        ("pass", [("away", "ADV", "away")], "die"),
        ("hold", [("talks", "NOUN", "talk")], "hold"),  # an object alone changes nothing
    ],
)
def test_phrase_key(head, following, expected):
    assert phrase_key(head, following) == expected


def _e(id_, head, doc, sentence=1, context=(), key=""):
    return CorefMention(
        id_, "s", doc, head, frozenset([head]), frozenset(), "event", "", "t", False,
        key=key, sentence=sentence, pos="VERB", context=frozenset(context),
    )  # fmt: skip


def test_event_weights_cover_every_feature():
    assert set(WEIGHTS) == set(FEATURES)


def test_cluster_events_links_synonyms_across_documents():
    mentions = [
        _e("a", "arrest", "d1", context=("quillon", "harbour")),
        _e("b", "detain", "d2", context=("quillon", "harbour")),
        _e("c", "parade", "d2"),
    ]
    assert set(cluster_events(mentions)) == {frozenset("ab"), frozenset("c")}


def test_cluster_events_keeps_reports_and_one_sentence_apart():
    mentions = [
        _e("a", "say", "d1"),
        _e("b", "say", "d2"),
        _e("c", "flood", "d3", sentence=2),
        _e("d", "flood", "d3", sentence=2),  # "flooded ... and flooded again": two events
    ]
    assert set(cluster_events(mentions)) == {frozenset(x) for x in "abcd"}


def test_cluster_events_uses_the_phrasal_key_over_the_head():
    mentions = [
        _e("a", "check", "d1", key="check out"),
        _e("b", "check", "d2", key="check"),
        _e("c", "check", "d3", key="check"),
    ]
    assert set(cluster_events(mentions)) == {frozenset("a"), frozenset("bc")}
    # the baseline stays on the plain head lemma
    assert same_head_clusters(mentions) == [frozenset("abc")]


def test_fit_logistic_learns_the_informative_feature():
    rows, labels = [], []
    for i in range(40):
        row = [0.0] * len(FEATURES)
        row[0] = 1.0
        row[FEATURES.index("context")] = (i % 2) * 1.0
        rows.append(row)
        labels.append(i % 2 == 1 or i % 10 == 0)
    weights = fit_logistic(rows, labels, l2=0.1)
    assert weights["context"] > 1.0
    assert all(weights[f] == 0 for f in FEATURES if f not in ("bias", "context"))


def test_title_case_heads_fold_only_onto_known_keys():
    records = [_e("a", "checks", "d1", key="checks|check"), _e("b", "check", "d2", key="check")]
    records.append(_e("c", "dui", "d3", key="dui|duo"))
    got = {m.id: m.key for m in ecb._fold_title_case(records)}
    assert got == {"a": "check", "b": "check", "c": "dui"}


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="ECB+ gold data (../shared/eval/ecbplus) absent")
def test_real_dev_topics_beat_the_baseline():
    result = ecb.evaluate(ECBPLUS, kind="event", limit=4)
    assert result["topics"] == 4
    assert result["ours"]["conll"]["f1"] >= result["baseline"]["conll"]["f1"]
