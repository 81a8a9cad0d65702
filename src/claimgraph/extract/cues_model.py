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


def features(token, quotes: list[tuple[int, int]]) -> list[str]:
    """Feature names for ``token`` as a possible cue head.

    ``quotes`` are the quotation regions of its paragraph
    (:func:`claimgraph.extract.attribution.quote_regions`).
    """
    lemma = token.lemma_.lower()
    head = token.head
    deps = {c.dep_ for c in token.children}
    preps = {c.lower_ for c in token.children if c.dep_ in {"prep", "prt", "agent"}}
    marks = {g.lower_ for c in token.children if c.dep_ == "ccomp" for g in c.children}
    sentence = token.sent
    quoted = _inside((token.idx, token.idx + len(token)), quotes)
    quote_in_sentence = any(t.text in _QUOTE_CHARS for t in sentence)
    prev = token.nbor(-1).text if token.i > sentence.start else "<s>"
    nxt = token.nbor(1).text if token.i + 1 < sentence.end else "</s>"
    clausal = [d for d in _CLAUSAL if d in deps]
    subject = "nsubj" in deps or "nsubjpass" in deps
    feats = [
        "bias",
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"lemma|pos={lemma}|{token.pos_}",
        f"lemma|dep={lemma}|{token.dep_}",
        f"lemma|tag={lemma}|{token.tag_}",
        f"head={head.lemma_.lower()}",
        f"dep|head={token.dep_}|{head.lemma_.lower()}",
        f"headpos={head.pos_}",
        f"quoted={quoted}",
        f"lemma|quoted={lemma}|{quoted}",
        f"quote_in_sentence={quote_in_sentence}",
        f"subject={subject}",
        f"lemma|subject={lemma}|{subject}",
        f"prev={prev.lower()}",
        f"next={nxt.lower()}",
        f"lemma|next={lemma}|{nxt.lower()}",
    ]
    for dep in sorted(deps):
        feats.append(f"child={dep}")
        feats.append(f"lemma|child={lemma}|{dep}")
    for prep in sorted(preps):
        feats.append(f"lemma|prep={lemma}|{prep}")
    for mark in sorted(marks & {"that", "whether", "if"}):
        feats.append(f"mark={mark}")
    feats.append(f"clausal={'+'.join(clausal) or 'none'}")
    feats.append(f"pos|clausal={token.pos_}|{'+'.join(clausal) or 'none'}")
    # Who the subject is: people and organizations say, believe and want;
    # "the plan" or "prices" rarely do.
    subj = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None:
        kind = subj.ent_type_ or subj.pos_
        feats.append(f"subj={kind}")
        feats.append(f"lemma|subj={lemma}|{kind}")
        feats.append(f"subjlemma={subj.lemma_.lower()}")
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    if obj is not None:  # "made a decision", "raised questions"
        feats.append(f"lemma|obj={lemma}|{obj.lemma_.lower()}")
    xcomp = next((c for c in token.children if c.dep_ == "xcomp"), None)
    if xcomp is not None:  # "went on to discuss", "tries to draw"
        feats.append(f"lemma|xcomp={lemma}|{xcomp.lemma_.lower()}")
    if token.pos_ == "NOUN":
        feats.append(f"noun|poss={any(c.dep_ == 'poss' for c in token.children)}")
        feats.append(f"noun|acl={lemma}|{'acl' in deps or 'ccomp' in deps}")
    return feats


def candidate(token) -> bool:
    """Whether ``token`` can head a cue at all (a word of a candidate part of speech)."""
    return token.pos_ in CANDIDATE_POS and any(ch.isalpha() for ch in token.text)


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    return data["weights"], float(data["threshold"])


def score(token, quotes: list[tuple[int, int]]) -> float:
    """The model's score for ``token`` as a cue head (higher: more likely)."""
    weights, _ = _model()
    return sum(weights.get(f, 0.0) for f in features(token, quotes))


def is_cue(token, quotes: list[tuple[int, int]]) -> bool:
    """Whether the model takes ``token`` for the head of an attribution cue."""
    if not candidate(token):
        return False
    return score(token, quotes) > _model()[1]
