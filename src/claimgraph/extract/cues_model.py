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

The attribution stage asks :func:`cue_margin`, which scores a token exactly
(:func:`score_at`) only if the Doc-wide upper bound of
:mod:`claimgraph.extract.cues_bound` (numpy) leaves it a chance: ~95% of the
candidates of a news article are ruled out without being scored.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from . import DocArrays, doc_arrays, keep_last

_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "cue_model.json"

# Parts of speech a cue head can have; 98% of PolNeAR training cue heads are
# among these (the rest are punctuation, handled by the quote-layout rules).
CANDIDATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ", "ADP"})
# Complement dependencies that carry a proposition or an intention.
_CLAUSAL = ("ccomp", "xcomp", "parataxis")
_QUOTE_CHARS = frozenset('“”"')


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def sentence_has_quote(a: DocArrays, s_start: int, s_end: int) -> bool:
    """Whether tokens [s_start, s_end) hold a double quotation mark (callers
    scoring many tokens of one sentence compute it once)."""
    return not _QUOTE_CHARS.isdisjoint(a.texts[s_start:s_end])


def candidate_at(a: DocArrays, i: int) -> bool:
    """:func:`candidate` of token ``i`` of the arrays ``a``."""
    # (map runs str.isalpha per character in C: no generator frame per token)
    return a.pos[i] in CANDIDATE_POS and any(map(str.isalpha, a.texts[i]))


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
    a = doc_arrays(token.doc)
    s_start, s_end = sentence.start, sentence.end
    return features_at(a, token.i, quotes, s_start, s_end, sentence_has_quote(a, s_start, s_end))


def features_at(
    a: DocArrays, i: int, quotes, s_start: int, s_end: int, quote_in_sentence: bool
) -> list[str]:
    """:func:`features` of token ``i`` of the arrays ``a``, in the sentence [s_start, s_end)
    (``quote_in_sentence``: :func:`sentence_has_quote` of that sentence)."""
    lemmas = a.lemma_lowers
    lemma, pos, tag, dep = lemmas[i], a.pos[i], a.tags[i], a.deps[i]
    h = a.heads[i]
    children = a.children[i]
    c_dep = a.deps
    lowers = a.lowers
    texts = a.texts
    deps = {c_dep[c] for c in children}
    preps = {lowers[c] for c in children if c_dep[c] in {"prep", "prt", "agent"}}
    marks = {lowers[g] for c in children if c_dep[c] == "ccomp" for g in a.children[c]}
    start = a.idx[i]
    quoted = _inside((start, start + len(texts[i])), quotes)
    # A closing mark within four tokens before: "“...,” Ms. Moore said".
    after_quote = any(x in _QUOTE_CHARS or x == "''" for x in texts[max(s_start, i - 4) : i])
    # (token.lower_ is the text lower-cased: equal on every PolNeAR dev token)
    prev = lowers[i - 1] if i > s_start else "<s>"
    nxt = lowers[i + 1] if i + 1 < s_end else "</s>"
    clausal = "+".join(d for d in _CLAUSAL if d in deps) or "none"
    subject = "nsubj" in deps or "nsubjpass" in deps
    head_lemma = lemmas[h]
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
        f"dep|headdep={dep}|{c_dep[h]}",
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
            w_lemma, w_pos = lemmas[j], a.pos[j]
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
        kind = a.ent_types[subj] or a.pos[subj]
        feats.append(f"subj={kind}")
        feats.append(f"lemma|subj={lemma}|{kind}")
        feats.append(f"subjlemma={lemmas[subj]}")
        feats.append(f"subjdep={c_dep[subj]}")
    obj = next((c for c in children if c_dep[c] == "dobj"), None)
    if obj is not None:  # "made a decision", "raised questions"
        feats.append(f"lemma|obj={lemma}|{lemmas[obj]}")
        feats.append(f"obj={lemmas[obj]}")
        if any(c_dep[g] in {"acl", "ccomp", "relcl"} for g in a.children[obj]):
            feats.append("obj_has_clause")
    xcomp = next((c for c in children if c_dep[c] == "xcomp"), None)
    if xcomp is not None:  # "went on to discuss", "tries to draw"
        feats.append(f"lemma|xcomp={lemma}|{lemmas[xcomp]}")
        feats.append(f"xcomp={lemmas[xcomp]}")
    # The token as a complement of a frame ("decided to grant", "made a claim").
    # A root gets "head|lemma=X|X" too: the weights were learned that way
    # (spaCy hands out a new Token per access, so the old ``head is not
    # token`` test never held).
    feats.append(f"head|lemma={head_lemma}|{lemma}")
    if pos == "NOUN":
        poss = next((c for c in children if c_dep[c] == "poss"), None)
        feats.append(f"noun|poss={poss is not None}")
        if poss is not None:
            feats.append(f"noun|posskind={a.ent_types[poss] or a.pos[poss]}")
        feats.append(f"noun|acl={lemma}|{'acl' in deps or 'ccomp' in deps}")
        det = next((lowers[c] for c in children if c_dep[c] == "det"), "none")
        feats.append(f"noun|det={det}")
    return feats


def candidate(token) -> bool:
    """Whether ``token`` can head a cue at all (a word of a candidate part of speech)."""
    return candidate_at(doc_arrays(token.doc), token.i)


@functools.cache
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    return data["weights"], float(data["threshold"])


def score(token, quotes: list[tuple[int, int]], sentence=None) -> float:
    """The model's score for ``token`` as a cue head (higher: more likely)."""
    return score_features(features(token, quotes, sentence))


def score_features(feats: list[str]) -> float:
    """The model's score of a feature list (:func:`features`, :func:`features_at`)."""
    weights, _ = _model()
    # map/filter run in C: the sum over ~70 features is the scorer's hot loop.
    return sum(filter(None, map(weights.get, feats)))


def is_cue(token, quotes: list[tuple[int, int]], sentence=None) -> bool:
    """Whether the model takes ``token`` for the head of an attribution cue."""
    if not candidate(token):
        return False
    return score(token, quotes, sentence) > _model()[1]


def threshold() -> float:
    """The score above which a candidate is a cue head (tuned on the held-out tenth of train)."""
    return _model()[1]


@keep_last  # the attribution stage scores one Doc's sentences in turn
def _bounds(a: DocArrays) -> list[float]:
    """The Doc's score bounds plus cues_bound.SLACK (a list: indexing it is
    cheaper than a numpy array's)."""
    from .cues_bound import SLACK, score_bounds

    return (score_bounds(a) + SLACK).tolist()


def cue_margin(
    a: DocArrays,
    i: int,
    quotes,
    s_start: int,
    s_end: int,
    quote_in_sentence: bool | None = None,
    floor: float = 0.0,
    tagger_margins=None,
) -> float | None:
    """How far :func:`score_at` of token ``i`` is over the threshold; None if ``i``
    is no candidate (:func:`candidate_at`) or that margin is not over ``floor``
    (0: the scorer's own threshold; below 0 for heads a caller tries anyway).

    ``quote_in_sentence`` (:func:`sentence_has_quote`) is computed when needed
    if not given. Most tokens are ruled out by the Doc's score bounds
    (:func:`claimgraph.extract.cues_bound.score_bounds`) without being scored;
    the margin of the rest is exactly ``score_at(...) - threshold()``.

    ``tagger_margins`` (:func:`claimgraph.extract.cue_tagger.tagger_margins`,
    per token of the Doc) makes the margin the mean of the two models'.
    """
    bar = _model()[1]
    # With the tagger the margin is (own + other) / 2, over ``floor`` exactly
    # when own is over 2 * floor - other.
    other = None if tagger_margins is None else float(tagger_margins[i])
    need = floor if other is None else 2 * floor - other
    # score <= bound < bound + SLACK <= bar + need: the bound first, the cheaper test
    if _bounds(a)[i] <= bar + need or not candidate_at(a, i):
        return None
    if quote_in_sentence is None:
        quote_in_sentence = sentence_has_quote(a, s_start, s_end)
    own = score_at(a, i, quotes, s_start, s_end, quote_in_sentence) - bar
    if own <= need:
        return None
    return own if other is None else (own + other) / 2


def scored_candidates(
    a: DocArrays, s_start: int, s_end: int, quotes, tagger_margins=None
) -> Iterator[tuple[int, float]]:
    """(token index, margin) of every candidate of the sentence [s_start, s_end) outside
    ``quotes`` (the quotation regions overlapping it) that the scorer takes."""
    idx, texts = a.idx, a.texts
    for i in range(s_start, s_end):
        if quotes and _inside((idx[i], idx[i] + len(texts[i])), quotes):
            continue
        margin = cue_margin(a, i, quotes, s_start, s_end, tagger_margins=tagger_margins)
        if margin is not None:
            yield i, margin


# --- fast scoring: the same sum without building feature strings -------------------

# Templates whose value joins two parts with "|" ("lemma|pos=say|VERB"); the
# others have one part, "noun|poss=True" and "noun|det=the" among them.
_ONE_PART = frozenset({"noun|poss", "noun|posskind", "noun|det"})
_BOOL = ("False", "True")  # f"{flag}"
_CLOSING = _QUOTE_CHARS | {"''"}  # features_at's after_quote marks
# (offset, word template, part-of-speech template, paired template) of the neighbours
_NEIGHBOURS = tuple((o, f"w{o}", f"p{o}", f"pos|p{o}") for o in (-2, -1, 1, 2))


@functools.cache
def _by_template() -> defaultdict[str, dict]:
    """The weights as template -> value -> weight; a two-part value as
    template -> first part -> second part -> weight (nested dicts: no tuple to
    build and hash per look-up). A part may itself hold "|" (a token "|"), so
    every way of splitting a value in two is stored: whichever parts the
    scorer looks up, they join back to the same feature name, so to the same
    weight. A template without "=" ("bias") maps None to its weight."""
    out: defaultdict[str, dict] = defaultdict(dict)
    for name, weight in _model()[0].items():
        template, eq, value = name.partition("=")
        if not eq:
            out[name][None] = weight
        elif "|" in template and template not in _ONE_PART:
            parts = value.split("|")
            for k in range(1, len(parts)):
                first, second = "|".join(parts[:k]), "|".join(parts[k:])
                out[template].setdefault(first, {})[second] = weight
        else:
            out[template][value] = weight
    return out


@functools.cache
def _by_lemma() -> dict[str, dict[str, dict]]:
    """The templates paired with the token's own lemma ("lemma|pos", "noun|acl")
    as lemma -> template -> second part -> weight."""
    out: dict[str, dict[str, dict]] = {}
    for template, table in _by_template().items():
        if template.startswith("lemma|") or template == "noun|acl":
            for first, inner in table.items():
                out.setdefault(first, {})[template] = inner
    return out


def score_at(
    a: DocArrays, i: int, quotes, s_start: int, s_end: int, quote_in_sentence: bool
) -> float:
    """``score_features(features_at(...))`` with the same arguments, bit for bit.

    Formatting and hashing ~70 new feature strings per candidate was most of
    the scorer's time; here each weight is found from the parts (strings the
    arrays already hold, their hashes cached). The weights are added in
    :func:`features_at`'s order, so the float sum is the same; tested equal
    on every candidate of the sample corpus.
    """
    t = _by_template()
    e: dict = {}
    # The ~15 templates paired with the token's lemma, read through one look-up
    # of the lemma: a small dict, not fifteen large ones.
    lemmas = a.lemma_lowers
    lemma, pos, tag, dep = lemmas[i], a.pos[i], a.tags[i], a.deps[i]
    by_lemma = _by_lemma().get(lemma, e)
    h = a.heads[i]
    c_dep = a.deps
    lowers = a.lowers
    texts = a.texts
    # One pass over the children for what features_at finds with a
    # generator each (the first subject, object, infinitive, possessor, determiner).
    deps: set[str] = set()
    preps: set[str] = set()
    marks: set[str] = set()
    subj = obj = xcomp = poss = det = None
    for c in a.children[i]:
        d = c_dep[c]
        deps.add(d)
        if d in {"prep", "prt", "agent"}:
            preps.add(lowers[c])
        elif d == "ccomp":
            marks.update(lowers[g] for g in a.children[c])
        elif d in {"nsubj", "nsubjpass"}:
            if subj is None:
                subj = c
        elif d == "dobj":
            if obj is None:
                obj = c
        elif d == "xcomp":
            if xcomp is None:
                xcomp = c
        elif d == "poss":
            if poss is None:
                poss = c
        elif d == "det" and det is None:
            det = c
    start = a.idx[i]
    quoted = _BOOL[_inside((start, start + len(texts[i])), quotes)]
    after_quote = not _CLOSING.isdisjoint(texts[max(s_start, i - 4) : i])
    prev = lowers[i - 1] if i > s_start else "<s>"
    nxt = lowers[i + 1] if i + 1 < s_end else "</s>"
    clausal = "+".join([d for d in _CLAUSAL if d in deps]) or "none"
    subject = _BOOL["nsubj" in deps or "nsubjpass" in deps]
    head_lemma = lemmas[h]
    head_pos = a.pos[h]
    ws = [
        t["bias"].get(None),
        t["lemma"].get(lemma),
        t["pos"].get(pos),
        t["tag"].get(tag),
        t["dep"].get(dep),
        by_lemma.get("lemma|pos", e).get(pos),
        by_lemma.get("lemma|dep", e).get(dep),
        by_lemma.get("lemma|tag", e).get(tag),
        t["head"].get(head_lemma),
        t["dep|head"].get(dep, e).get(head_lemma),
        t["headpos"].get(head_pos),
        t["dep|headdep"].get(dep, e).get(c_dep[h]),
        by_lemma.get("lemma|headpos", e).get(head_pos),
        t["quoted"].get(quoted),
        by_lemma.get("lemma|quoted", e).get(quoted),
        t["quote_in_sentence"].get(_BOOL[quote_in_sentence]),
        t["after_quote"].get(_BOOL[after_quote]),
        t["subject"].get(subject),
        by_lemma.get("lemma|subject", e).get(subject),
        t["prev"].get(prev),
        t["next"].get(nxt),
        by_lemma.get("lemma|next", e).get(nxt),
        by_lemma.get("lemma|prev", e).get(prev),
    ]
    for offset, w_name, p_name, pp_name in _NEIGHBOURS:
        j = i + offset
        if j < s_start:
            w_lemma = w_pos = "<s>"
        elif j >= s_end:
            w_lemma = w_pos = "</s>"
        else:
            w_lemma, w_pos = lemmas[j], a.pos[j]
        ws.append(t[w_name].get(w_lemma))
        ws.append(t[p_name].get(w_pos))
        ws.append(t[pp_name].get(pos, e).get(w_pos))
    for d in sorted(deps):
        ws.append(t["child"].get(d))
        ws.append(by_lemma.get("lemma|child", e).get(d))
        ws.append(t["pos|child"].get(pos, e).get(d))
    for prep in sorted(preps):
        ws.append(by_lemma.get("lemma|prep", e).get(prep))
        ws.append(t["prep"].get(prep))
    for mark in sorted(marks & {"that", "whether", "if"}):
        ws.append(t["mark"].get(mark))
        ws.append(by_lemma.get("lemma|mark", e).get(mark))
    ws.append(t["clausal"].get(clausal))
    ws.append(t["pos|clausal"].get(pos, e).get(clausal))
    ws.append(by_lemma.get("lemma|clausal", e).get(clausal))
    if subj is not None:
        kind = a.ent_types[subj] or a.pos[subj]
        ws.append(t["subj"].get(kind))
        ws.append(by_lemma.get("lemma|subj", e).get(kind))
        ws.append(t["subjlemma"].get(lemmas[subj]))
        ws.append(t["subjdep"].get(c_dep[subj]))
    if obj is not None:
        ws.append(by_lemma.get("lemma|obj", e).get(lemmas[obj]))
        ws.append(t["obj"].get(lemmas[obj]))
        if any(c_dep[g] in {"acl", "ccomp", "relcl"} for g in a.children[obj]):
            ws.append(t["obj_has_clause"].get(None))
    if xcomp is not None:
        ws.append(by_lemma.get("lemma|xcomp", e).get(lemmas[xcomp]))
        ws.append(t["xcomp"].get(lemmas[xcomp]))
    ws.append(t["head|lemma"].get(head_lemma, e).get(lemma))
    if pos == "NOUN":
        ws.append(t["noun|poss"].get(_BOOL[poss is not None]))
        if poss is not None:
            ws.append(t["noun|posskind"].get(a.ent_types[poss] or a.pos[poss]))
        ws.append(by_lemma.get("noun|acl", e).get(_BOOL["acl" in deps or "ccomp" in deps]))
        ws.append(t["noun|det"].get(lowers[det] if det is not None else "none"))
    return sum(filter(None, ws))
