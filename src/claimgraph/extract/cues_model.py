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

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, TAG

_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "cue_model.json"

# Parts of speech a cue head can have; 98% of PolNeAR training cue heads are
# among these (the rest are punctuation, handled by the quote-layout rules).
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP"})
# Complement dependencies that carry a proposition or an intention.
_CLAUSAL = ("ccomp", "xcomp", "parataxis")
_QUOTE_CHARS = frozenset('“”"')


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


class _DocArrays:
    """Per-token strings and tree links of one parsed document, read once.

    Building features walks each candidate's neighbours, governor, children
    and grandchildren; reading those through spaCy ``Token`` objects made
    most of the attribution stage's CPU time (a new object per access). The
    lists here come from one ``Doc.to_array`` read, each distinct string
    looked up once, and are indexed by token position (checked equal to the
    ``Token`` attributes on every PolNeAR dev token).
    """

    def __init__(self, doc) -> None:
        self.doc = doc
        # One numpy read of the parse, then each distinct string looked up once.
        table = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IDX])
        strings = doc.vocab.strings
        names: dict[int, str] = {0: ""}

        def column(k: int) -> list[str]:
            out = []
            for key in table[:, k].tolist():
                name = names.get(key)
                if name is None:
                    name = names[key] = strings[key]
                out.append(name)
            return out

        texts = column(0)
        self.text_lower = [x.lower() for x in texts]
        self.lower = column(1)
        self.lemma = [x.lower() for x in column(2)]
        self.pos, self.tag, self.dep, self.ent = column(3), column(4), column(5), column(6)
        offsets = table[:, 7].astype("int64").tolist()  # relative, stored as unsigned
        self.head = [i + off for i, off in enumerate(offsets)]
        self.idx = table[:, 8].tolist()
        self.end = [i + len(x) for i, x in zip(self.idx, texts, strict=True)]
        self.quote_mark = [x in _QUOTE_CHARS or x == "''" for x in texts]
        self.has_quote_char = [x in _QUOTE_CHARS for x in texts]
        self.candidate = [
            p in CANDIDATE_POS and any(ch.isalpha() for ch in x)
            for p, x in zip(self.pos, texts, strict=True)
        ]
        # Children in token order, as ``Token.children`` yields them.
        self.children: list[list[int]] = [[] for _ in texts]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.sentence_quote: dict[int, bool] = {}  # sentence start -> holds a mark

    def sentence_has_quote(self, start: int, end: int) -> bool:
        if start not in self.sentence_quote:
            self.sentence_quote[start] = any(self.has_quote_char[start:end])
        return self.sentence_quote[start]


class _Arrays:
    """The arrays of the last document seen, kept by reference (ids are reused)."""

    def __init__(self) -> None:
        self.last: _DocArrays | None = None

    def __call__(self, doc) -> _DocArrays:
        if self.last is None or self.last.doc is not doc:
            self.last = _DocArrays(doc)
        return self.last


arrays = _Arrays()


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
    sentence = sentence if sentence is not None else token.sent
    return features_at(arrays(token.doc), token.i, quotes, sentence.start, sentence.end)


def features_at(a: _DocArrays, i: int, quotes, s_start: int, s_end: int) -> list[str]:
    """:func:`features` of token ``i`` of the arrays ``a``, in the sentence [s_start, s_end)."""
    lemma, pos, tag, dep = a.lemma[i], a.pos[i], a.tag[i], a.dep[i]
    h = a.head[i]
    children = a.children[i]
    c_dep = a.dep
    deps = {c_dep[c] for c in children}
    preps = {a.lower[c] for c in children if c_dep[c] in {"prep", "prt", "agent"}}
    marks = {a.lower[g] for c in children if c_dep[c] == "ccomp" for g in a.children[c]}
    quoted = _inside((a.idx[i], a.end[i]), quotes)
    quote_in_sentence = a.sentence_has_quote(s_start, s_end)
    # A closing mark within four tokens before: "“...,” Ms. Moore said".
    after_quote = any(a.quote_mark[max(s_start, i - 4) : i])
    prev = a.text_lower[i - 1] if i > s_start else "<s>"
    nxt = a.text_lower[i + 1] if i + 1 < s_end else "</s>"
    clausal = "+".join(d for d in _CLAUSAL if d in deps) or "none"
    subject = "nsubj" in deps or "nsubjpass" in deps
    head_lemma = a.lemma[h]
    head_pos = a.pos[h]
    feats = [
        "bias",
        f"lemma={lemma}",
        f"pos={pos}",
        f"tag={tag}",
        f"dep={dep}",
        f"lemma|pos={lemma}|{pos}",
        f"lemma|dep={lemma}|{dep}",
        f"lemma|tag={lemma}|{tag}",
        f"head={head_lemma}",
        f"dep|head={dep}|{head_lemma}",
        f"headpos={head_pos}",
        f"dep|headdep={dep}|{a.dep[h]}",
        f"lemma|headpos={lemma}|{head_pos}",
        f"quoted={quoted}",
        f"lemma|quoted={lemma}|{quoted}",
        f"quote_in_sentence={quote_in_sentence}",
        f"after_quote={after_quote}",
        f"subject={subject}",
        f"lemma|subject={lemma}|{subject}",
        f"prev={prev}",
        f"next={nxt}",
        f"lemma|next={lemma}|{nxt}",
        f"lemma|prev={lemma}|{prev}",
    ]
    # Two words each side, as lemma and part of speech.
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if j < s_start:
            w_lemma = w_pos = "<s>"
        elif j >= s_end:
            w_lemma = w_pos = "</s>"
        else:
            w_lemma, w_pos = a.lemma[j], a.pos[j]
        feats.append(f"w{offset}={w_lemma}")
        feats.append(f"p{offset}={w_pos}")
        feats.append(f"pos|p{offset}={pos}|{w_pos}")
    for d in sorted(deps):
        feats.append(f"child={d}")
        feats.append(f"lemma|child={lemma}|{d}")
        feats.append(f"pos|child={pos}|{d}")
    for prep in sorted(preps):
        feats.append(f"lemma|prep={lemma}|{prep}")
        feats.append(f"prep={prep}")
    for mark in sorted(marks & {"that", "whether", "if"}):
        feats.append(f"mark={mark}")
        feats.append(f"lemma|mark={lemma}|{mark}")
    feats.append(f"clausal={clausal}")
    feats.append(f"pos|clausal={pos}|{clausal}")
    feats.append(f"lemma|clausal={lemma}|{clausal}")
    # Who the subject is: people and organizations say, believe and want;
    # "the plan" or "prices" rarely do.
    subj = next((c for c in children if c_dep[c] in {"nsubj", "nsubjpass"}), None)
    if subj is not None:
        kind = a.ent[subj] or a.pos[subj]
        feats.append(f"subj={kind}")
        feats.append(f"lemma|subj={lemma}|{kind}")
        feats.append(f"subjlemma={a.lemma[subj]}")
        feats.append(f"subjdep={c_dep[subj]}")
    obj = next((c for c in children if c_dep[c] == "dobj"), None)
    if obj is not None:  # "made a decision", "raised questions"
        feats.append(f"lemma|obj={lemma}|{a.lemma[obj]}")
        feats.append(f"obj={a.lemma[obj]}")
        if any(c_dep[g] in {"acl", "ccomp", "relcl"} for g in a.children[obj]):
            feats.append("obj_has_clause")
    xcomp = next((c for c in children if c_dep[c] == "xcomp"), None)
    if xcomp is not None:  # "went on to discuss", "tries to draw"
        feats.append(f"lemma|xcomp={lemma}|{a.lemma[xcomp]}")
        feats.append(f"xcomp={a.lemma[xcomp]}")
    # The token as a complement of a frame ("decided to grant", "made a claim").
    # A root gets "head|lemma=X|X" too: the weights were learned that way
    # (spaCy hands out a new Token per access, so the old ``head is not
    # token`` test never held).
    feats.append(f"head|lemma={head_lemma}|{lemma}")
    if pos == "NOUN":
        poss = next((c for c in children if c_dep[c] == "poss"), None)
        feats.append(f"noun|poss={poss is not None}")
        if poss is not None:
            feats.append(f"noun|posskind={a.ent[poss] or a.pos[poss]}")
        feats.append(f"noun|acl={lemma}|{'acl' in deps or 'ccomp' in deps}")
        det = next((a.lower[c] for c in children if c_dep[c] == "det"), "none")
        feats.append(f"noun|det={det}")
    return feats


def candidate(token) -> bool:
    """Whether ``token`` can head a cue at all (a word of a candidate part of speech)."""
    return arrays(token.doc).candidate[token.i]


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    return data["weights"], float(data["threshold"])


def score(token, quotes: list[tuple[int, int]], sentence=None) -> float:
    """The model's score for ``token`` as a cue head (higher: more likely)."""
    weights, _ = _model()
    # map/filter run in C: the sum over ~70 features is the scorer's hot loop.
    return sum(filter(None, map(weights.get, features(token, quotes, sentence))))


def is_cue(token, quotes: list[tuple[int, int]], sentence=None) -> bool:
    """Whether the model takes ``token`` for the head of an attribution cue."""
    if not candidate(token):
        return False
    return score(token, quotes, sentence) > _model()[1]


def threshold() -> float:
    """The score above which a candidate is a cue head (tuned on the held-out tenth of train)."""
    return _model()[1]
