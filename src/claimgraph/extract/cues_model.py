"""A small learned scorer for attribution cues, beside the rules of attribution.py.

PolNeAR (Newell et al., LREC 2018) counts as attributions not only speech but
beliefs, stances and intentions ("wants", "plans", "called for", "hopes",
"Trump's claim that"), with several hundred distinct cue lemmas. A lexicon
that long would misfire ("plans" of a city, "called" a name); whether a word
is a cue depends on its parse context: a subject, a clausal complement, being
inside a quotation. This module scores a token as the *head of a cue* with a
linear model over such features.

The weights in ``data/cue_model.json`` were learned by
``scripts/train_cue_model.py`` (an averaged perceptron) from the PolNeAR
*training* split; the file holds only feature names and weights, no text.
Features: the token's lemma, part of speech, tag and dependency, alone and
paired; two words each side; its governor; its children (subject and its
kind, clausal complements and their "that", objects, infinitives, particles
and prepositions); a noun's possessor and determiner; and the quotation
context (inside a quote, a quote in the sentence, a closing mark just before).
Everything here is pure Python: no download, no extra dependency.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "cue_model.json"

# Parts of speech a cue head can have; 98% of PolNeAR training cue heads are
# among these (the rest are punctuation, handled by the quote-layout rules).
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP"})
# Complement dependencies that carry a proposition or an intention.
_CLAUSAL = ("ccomp", "xcomp", "parataxis")
_QUOTE_CHARS = frozenset('“”"')


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def _word(doc, i: int, sentence) -> tuple[str, str]:
    """(lowercased lemma, POS) of token ``i``, or sentence-edge markers."""
    if i < sentence.start:
        return "<s>", "<s>"
    if i >= sentence.end:
        return "</s>", "</s>"
    t = doc[i]
    return t.lemma_.lower(), t.pos_


def _after_quote(token, sentence) -> bool:
    """Whether a closing quotation mark and a comma come just before ``token``'s clause.

    ("“...,” Ms. Moore said", "“...,” said Moore": the verb after a quote is
    its cue; the marks are within four tokens before the token.)
    """
    lo = max(sentence.start, token.i - 4)
    return any(t.text in _QUOTE_CHARS or t.text == "''" for t in token.doc[lo : token.i])


class _SentenceQuotes:
    """Whether a sentence holds a quotation mark, computed once per sentence.

    Keeps the last document by reference (not by id, which Python reuses), so
    a new document starts a fresh table.
    """

    def __init__(self) -> None:
        self.doc = None
        self.table: dict[int, bool] = {}

    def __call__(self, sentence) -> bool:
        if sentence.doc is not self.doc:
            self.doc, self.table = sentence.doc, {}
        if sentence.start not in self.table:
            self.table[sentence.start] = any(t.text in _QUOTE_CHARS for t in sentence)
        return self.table[sentence.start]


_sentence_quotes = _SentenceQuotes()


def features(token, quotes: list[tuple[int, int]], sentence=None) -> list[str]:
    """Feature names for ``token`` as a possible cue head.

    ``quotes`` are the quotation regions of its paragraph
    (:func:`claimgraph.extract.attribution.quote_regions`); ``sentence``, its
    sentence when the caller has it (``token.sent`` walks the parse). Besides the
    token's own lemma, part of speech and dependency, the features read its
    neighbours (two words each side), its governor, its children (subject,
    clausal complements and their "that", particles and prepositions) and the
    quotation context: PolNeAR cues are verbs and nouns of saying, believing
    and wanting *in a frame* that gives them a source and a content.
    """
    lemma = token.lemma_.lower()
    head = token.head
    doc = token.doc
    children = list(token.children)  # read once: each pass builds Token objects
    deps = {c.dep_ for c in children}
    preps = {c.lower_ for c in children if c.dep_ in {"prep", "prt", "agent"}}
    marks = {g.lower_ for c in children if c.dep_ == "ccomp" for g in c.children}
    sentence = sentence if sentence is not None else token.sent
    quoted = _inside((token.idx, token.idx + len(token)), quotes)
    quote_in_sentence = _sentence_quotes(sentence)
    prev = doc[token.i - 1].text if token.i > sentence.start else "<s>"
    nxt = doc[token.i + 1].text if token.i + 1 < sentence.end else "</s>"
    clausal = [d for d in _CLAUSAL if d in deps]
    subject = "nsubj" in deps or "nsubjpass" in deps
    head_lemma = head.lemma_.lower()
    feats = [
        "bias",
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"lemma|pos={lemma}|{token.pos_}",
        f"lemma|dep={lemma}|{token.dep_}",
        f"lemma|tag={lemma}|{token.tag_}",
        f"head={head_lemma}",
        f"dep|head={token.dep_}|{head_lemma}",
        f"headpos={head.pos_}",
        f"dep|headdep={token.dep_}|{head.dep_}",
        f"lemma|headpos={lemma}|{head.pos_}",
        f"quoted={quoted}",
        f"lemma|quoted={lemma}|{quoted}",
        f"quote_in_sentence={quote_in_sentence}",
        f"after_quote={_after_quote(token, sentence)}",
        f"subject={subject}",
        f"lemma|subject={lemma}|{subject}",
        f"prev={prev.lower()}",
        f"next={nxt.lower()}",
        f"lemma|next={lemma}|{nxt.lower()}",
        f"lemma|prev={lemma}|{prev.lower()}",
    ]
    # Two words each side, as lemma and part of speech.
    for offset in (-2, -1, 1, 2):
        w_lemma, w_pos = _word(doc, token.i + offset, sentence)
        feats.append(f"w{offset}={w_lemma}")
        feats.append(f"p{offset}={w_pos}")
        feats.append(f"pos|p{offset}={token.pos_}|{w_pos}")
    for dep in sorted(deps):
        feats.append(f"child={dep}")
        feats.append(f"lemma|child={lemma}|{dep}")
        feats.append(f"pos|child={token.pos_}|{dep}")
    for prep in sorted(preps):
        feats.append(f"lemma|prep={lemma}|{prep}")
        feats.append(f"prep={prep}")
    for mark in sorted(marks & {"that", "whether", "if"}):
        feats.append(f"mark={mark}")
        feats.append(f"lemma|mark={lemma}|{mark}")
    feats.append(f"clausal={'+'.join(clausal) or 'none'}")
    feats.append(f"pos|clausal={token.pos_}|{'+'.join(clausal) or 'none'}")
    feats.append(f"lemma|clausal={lemma}|{'+'.join(clausal) or 'none'}")
    # Who the subject is: people and organizations say, believe and want;
    # "the plan" or "prices" rarely do.
    subj = next((c for c in children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None:
        kind = subj.ent_type_ or subj.pos_
        feats.append(f"subj={kind}")
        feats.append(f"lemma|subj={lemma}|{kind}")
        feats.append(f"subjlemma={subj.lemma_.lower()}")
        feats.append(f"subjdep={subj.dep_}")
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is not None:  # "made a decision", "raised questions"
        feats.append(f"lemma|obj={lemma}|{obj.lemma_.lower()}")
        feats.append(f"obj={obj.lemma_.lower()}")
        if any(c.dep_ in {"acl", "ccomp", "relcl"} for c in obj.children):
            feats.append("obj_has_clause")
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    if xcomp is not None:  # "went on to discuss", "tries to draw"
        feats.append(f"lemma|xcomp={lemma}|{xcomp.lemma_.lower()}")
        feats.append(f"xcomp={xcomp.lemma_.lower()}")
    if head is not token:
        # The token as a complement of a frame ("decided to grant", "made a claim").
        feats.append(f"head|lemma={head_lemma}|{lemma}")
    if token.pos_ == "NOUN":
        poss = next((c for c in children if c.dep_ == "poss"), None)
        feats.append(f"noun|poss={poss is not None}")
        if poss is not None:
            feats.append(f"noun|posskind={poss.ent_type_ or poss.pos_}")
        feats.append(f"noun|acl={lemma}|{'acl' in deps or 'ccomp' in deps}")
        det = next((c.lower_ for c in children if c.dep_ == "det"), "none")
        feats.append(f"noun|det={det}")
    return feats


def candidate(token) -> bool:
    """Whether ``token`` can head a cue at all (a word of a candidate part of speech)."""
    return token.pos_ in CANDIDATE_POS and any(ch.isalpha() for ch in token.text)


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    return data["weights"], float(data["threshold"])


def score(token, quotes: list[tuple[int, int]], sentence=None) -> float:
    """The model's score for ``token`` as a cue head (higher: more likely)."""
    weights, _ = _model()
    return sum(weights.get(f, 0.0) for f in features(token, quotes, sentence))


def is_cue(token, quotes: list[tuple[int, int]], sentence=None) -> bool:
    """Whether the model takes ``token`` for the head of an attribution cue."""
    if not candidate(token):
        return False
    return score(token, quotes, sentence) > _model()[1]
