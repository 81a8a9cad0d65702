"""Which words around a cue head belong to the cue span, learned from PolNeAR.

PolNeAR's cue spans are more than the head word: "has not said", "pointed
out", "called for", "said in a phone interview", but "said Monday" only
sometimes and "said to reporters" rarely. The convention is a matter of
degree, so it is learned: for each child of the head, a three-way averaged
perceptron chooses *out*, *the child word only* or *the child's whole
subtree*, from the child's dependency and word, its side and distance, the
head's lemma, a preposition's object (its lemma and entity type), the
child's own children, and what lies beyond it (the content or nothing).
A child joining as a word has its children decided in turn: "raised
questions *about* X", "expressed concern *over* X" take the object and its
preposition, not the preposition's object.

On the held-out tenth of PolNeAR train, whole cue spans grown from the gold
head match exactly 0.794 -> 0.837 with the grandchildren and shape features.

Weights (``data/cue_extent.json``) are learned by ``scripts/train_cue_model.py``
from the PolNeAR *training* split, or by ``scripts/train_cue_extent.py`` (the
extent alone, the same weights; ``--folds`` reports held-out tenths,
``--inner`` learns :data:`INNER`); the file holds feature names and weights.
``scripts/cue_extent_errors.py`` counts the spans still wrong, by child.

At run time the shipped weights are looked up from the feature *parts*
(:func:`_decide_shipped`: no feature strings built, ≈ 30% less CPU than
formatting the names); weights passed explicitly (the training scripts,
four classes with ``--inner``) go through the feature names.
"""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path

from . import DocArrays, doc_arrays
from .attribution_syntax import subtree_indices

_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "cue_extent.json"
OUT, WORD, SUBTREE = 0, 1, 2
# A fourth class, learned only with ``scripts/train_cue_extent.py --inner``:
# the child stays out but its own children are decided ("sought *to* attack",
# "called *for* her to resign"). Held-out tenth of PolNeAR train, spans as the
# pipeline builds them: 0.874 -> 0.878, but PolNeAR dev cue exact 1,472 ->
# 1,467 right (the order of the training examples alone moves dev between
# 1,465 and 1,472; allowing the class under xcomp and advcl only: 1,460):
# not shipped, data/cue_extent.json has three classes.
INNER = 3
# Subtree sizes above this share one feature: long children are rare in cues.
_MAX_SIZE = 6


# Dependencies through which a head reaches its content: whether the head has
# one tells a cue that ends at the head ("said that X") from one that takes
# its object ("raised questions about X").
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "acl", "advcl"})
# A subject is the source or the content, never the cue: PolNeAR train has
# 165 of 15,225 subject children of gold cue heads inside the cue (1.1%), and
# the perceptron, trained without this rule, sometimes took "It" of "It was
# reported" (17 of 23 such "it" subjects are outside).
_NEVER_DEPS = frozenset({"nsubj", "nsubjpass"})
# Grandchildren are considered under a child that joins as a word only
# ("expressed concern *over* X": "concern" joins, its "over" too, not X), and
# their children in turn, three levels in all ("made *a* strong *condemnation
# of*"). Held-out tenth of PolNeAR train, whole spans exact: 2 levels 0.836,
# 3 levels 0.839 (0.837 with subjects kept out); deeper levels share
# the grandchildren's weights.
MAX_DEPTH = 3


def child_features(head, child, depth: int = 1) -> list[str]:
    """Feature names for ``child`` as a possible part of ``head``'s cue span.

    ``depth`` 2: ``head`` is itself a child of the cue head that joined as a
    word, and ``child`` its child.
    """
    return child_features_at(doc_arrays(head.doc), head.i, child.i, depth)


def child_features_at(a: DocArrays, h: int, c: int, depth: int = 1) -> list[str]:
    """:func:`child_features` of token ``c`` under token ``h``, read from the arrays
    (no Token object per word)."""
    feats = _features(a, h, c)
    if depth > 1:
        # Grandchildren get their own weights (a "prep" under an object is
        # not a "prep" under the verb), keyed also by their parent's dep.
        pdep = a.deps[h]
        return [f"g:{f}" for f in feats] + [f"g:pdep|dep={pdep}|{a.deps[c]}"]
    return feats


def _features(a: DocArrays, h: int, c: int) -> list[str]:
    low, high = sorted((c, h))
    punct = any(a.punct[low + 1 : high])
    side = "R" if c > h else "L"
    dist = max(-3, min(3, c - h))
    head_lemma = a.lemma_lowers[h]
    word = a.lowers[c]
    deps = a.deps
    dep = deps[c]
    size = min(len(subtree_indices(a, c)), _MAX_SIZE)
    feats = [
        "bias",
        f"dep={dep}",
        f"dep|low={dep}|{word}",
        f"side|dep={side}|{dep}",
        f"dist={dist}",
        f"dist|dep={dist}|{dep}",
        f"punct={punct}",
        f"punct|dep={punct}|{dep}",
        f"hl|dep={head_lemma}|{dep}",
        f"hl|dep|low={head_lemma}|{dep}|{word}",
        f"hpos|dep={a.pos[h]}|{dep}",
        f"cpos={a.pos[c]}",
        f"ctag={a.tags[c]}",
        f"low={word}",
        f"n={size}",
        f"dep|n={dep}|{size}",
    ]
    obj = next((g for g in a.children[c] if deps[g] in ("pobj", "pcomp")), None)
    if obj is not None:
        obj_lemma = a.lemma_lowers[obj]
        kind = a.ent_types[obj] or a.pos[obj]
        feats += [
            f"obj={obj_lemma}",
            f"prep|obj={word}|{obj_lemma}",
            f"objent={kind}",
            f"prep|objent={word}|{kind}",
            f"hl|prep={head_lemma}|{word}",
        ]
        dets = [a.lowers[g] for g in a.children[obj] if deps[g] in ("det", "poss")]
        feats.append(f"objdet={dets[0] if dets else 'none'}")
    if a.ent_types[c]:
        feats.append(f"ent={a.ent_types[c]}")
    # The child's own shape: its children's deps and prepositions ("concern
    # *over* X", "the point *that* X") and whether the head's content hangs
    # elsewhere (a clause on the head: the object is then rarely in the cue).
    kids = a.children[c]
    for g in kids:
        gdep = deps[g]
        feats.append(f"dep|gdep={dep}|{gdep}")
        if gdep == "prep":
            feats.append(f"dep|gprep={dep}|{a.lowers[g]}")
            feats.append(f"hl|dep|gprep={head_lemma}|{dep}|{a.lowers[g]}")
    if not kids:
        feats.append(f"dep|leaf={dep}")
    # What lies beyond the child, away from the head: "said in an interview
    # *that* X" keeps the occasion (the cue runs up to the content), "X, he
    # said in an interview." mostly not; the same for objects and dates
    # (PolNeAR train: an npadvmod with a sibling beyond it joins 124 of 311
    # times, a last one 54 of 455).
    beyond = [k for k in a.children[h] if (k > c if c > h else k < c) and not a.punct[k]]
    nxt = deps[min(beyond, key=lambda k: abs(k - c))] if beyond else "none"
    feats += [
        f"dep|next={dep}|{nxt}",
        f"hl|dep|next={head_lemma}|{dep}|{nxt}",
        f"low|next={word}|{nxt}",
    ]
    if obj is not None:
        feats.append(f"prep|obj|next={word}|{a.lemma_lowers[obj]}|{nxt}")
    elsewhere = sorted({deps[k] for k in a.children[h] if k != c and deps[k] in _CONTENT_DEPS})
    feats.append(f"dep|hcontent={dep}|{'+'.join(elsewhere) or 'none'}")
    return feats


@functools.cache
def _weights() -> dict[str, list[float]] | None:
    if not _MODEL_PATH.exists():
        return None
    return json.loads(_MODEL_PATH.read_text(encoding="utf-8"))["weights"]


def available() -> bool:
    return _weights() is not None


def decide(head, child) -> int:
    """OUT, WORD or SUBTREE (or INNER) for ``child`` of the cue head ``head``."""
    return decide_at(doc_arrays(head.doc), head.i, child.i)


def decide_at(
    a: DocArrays, h: int, c: int, depth: int = 1, weights: dict[str, list[float]] | None = None
) -> int:
    """:func:`decide` for token ``c`` under token ``h`` of the arrays ``a``
    (``weights``: others than the shipped file's, for the training scripts; three
    classes or four, :data:`INNER`)."""
    if weights is None:
        return _decide_shipped(a, h, c, depth)
    # Running sums, each added in feature order (the same floats as a loop
    # over the classes per feature); a fourth only for --inner weights.
    s0 = s1 = s2 = s3 = 0.0
    four = False
    for f in child_features_at(a, h, c, depth):
        w = weights.get(f)
        if w:
            s0 += w[0]
            s1 += w[1]
            s2 += w[2]
            if len(w) > INNER:
                four = True
                s3 += w[INNER]
    scores = [s0, s1, s2, s3] if four else [s0, s1, s2]
    return max(range(len(scores)), key=lambda k: scores[k])


# --- the shipped weights without feature strings ----------------------------------


_E: dict = {}  # an empty level: a part no weight names
# Templates named with "|" whose value is one part ("dep|leaf=advmod").
_ONE_PART = frozenset({"dep|leaf"})
_DIST = {d: str(d) for d in range(-3, 4)}
_SIZE = {n: str(n) for n in range(_MAX_SIZE + 1)}
_BOOL = ("False", "True")


@functools.cache
def _shipped_tables() -> tuple[dict, dict]:
    """The shipped weights as nested dicts, one for a head's children and one for
    grandchildren ("g:" names): template -> first part -> ... -> class weights.

    A value of a k-part template ("hl|dep|low=say|prep|in") is stored under
    every way of cutting it into k parts at its "|"s (a word may itself be "|"),
    so whichever parts :func:`_decide_shipped` looks up, they join back into
    the feature name :func:`_features` would build, and find its weights. A
    template without a value ("bias") maps None to its weights.
    """
    tables: tuple[dict, dict] = ({}, {})
    for name, weight in (_weights() or {}).items():
        grand = name.startswith("g:")
        template, eq, value = name.removeprefix("g:").partition("=")
        table = tables[grand].setdefault(template, {})
        if not eq:
            table[None] = weight
            continue
        arity = 1 if template in _ONE_PART else template.count("|") + 1
        pieces = value.split("|")
        for cuts in itertools.combinations(range(1, len(pieces)), arity - 1):
            bounds = (0, *cuts, len(pieces))
            parts = ["|".join(pieces[x:y]) for x, y in zip(bounds, bounds[1:], strict=False)]
            node = table
            for part in parts[:-1]:
                node = node.setdefault(part, {})
            node[parts[-1]] = weight
    return tables


def _size_upto(a: DocArrays, c: int, cap: int) -> int:
    """``min(len(subtree_indices(a, c)), cap)``, walking no further than ``cap`` words."""
    size = 1
    stack = [c]
    children = a.children
    while stack and size < cap:
        kids = children[stack.pop()]
        size += len(kids)
        stack.extend(kids)
    return min(size, cap)


def _decide_shipped(a: DocArrays, h: int, c: int, depth: int) -> int:
    """:func:`decide_at` with the shipped weights, bit for bit: the weights of
    :func:`child_features_at`'s features, found from their parts (strings the
    arrays hold) instead of formatted names, added in the same order."""
    t = _shipped_tables()[depth > 1]
    deps, lowers, lemmas = a.deps, a.lowers, a.lemma_lowers
    low, high = (c, h) if c < h else (h, c)
    punct = _BOOL[any(a.punct[low + 1 : high])]
    side = "R" if c > h else "L"
    dist = _DIST[max(-3, min(3, c - h))]
    head_lemma = lemmas[h]
    word = lowers[c]
    dep = deps[c]
    size = _SIZE[_size_upto(a, c, _MAX_SIZE)]
    hl_dep = t.get("hl|dep|low", _E).get(head_lemma, _E).get(dep, _E)
    ws = [
        t.get("bias", _E).get(None),
        t.get("dep", _E).get(dep),
        t.get("dep|low", _E).get(dep, _E).get(word),
        t.get("side|dep", _E).get(side, _E).get(dep),
        t.get("dist", _E).get(dist),
        t.get("dist|dep", _E).get(dist, _E).get(dep),
        t.get("punct", _E).get(punct),
        t.get("punct|dep", _E).get(punct, _E).get(dep),
        t.get("hl|dep", _E).get(head_lemma, _E).get(dep),
        hl_dep.get(word),
        t.get("hpos|dep", _E).get(a.pos[h], _E).get(dep),
        t.get("cpos", _E).get(a.pos[c]),
        t.get("ctag", _E).get(a.tags[c]),
        t.get("low", _E).get(word),
        t.get("n", _E).get(size),
        t.get("dep|n", _E).get(dep, _E).get(size),
    ]
    kids = a.children[c]
    obj = next((g for g in kids if deps[g] in ("pobj", "pcomp")), None)
    if obj is not None:
        obj_lemma = lemmas[obj]
        kind = a.ent_types[obj] or a.pos[obj]
        dets = [lowers[g] for g in a.children[obj] if deps[g] in ("det", "poss")]
        ws += [
            t.get("obj", _E).get(obj_lemma),
            t.get("prep|obj", _E).get(word, _E).get(obj_lemma),
            t.get("objent", _E).get(kind),
            t.get("prep|objent", _E).get(word, _E).get(kind),
            t.get("hl|prep", _E).get(head_lemma, _E).get(word),
            t.get("objdet", _E).get(dets[0] if dets else "none"),
        ]
    if a.ent_types[c]:
        ws.append(t.get("ent", _E).get(a.ent_types[c]))
    dep_gdep = t.get("dep|gdep", _E).get(dep, _E)
    for g in kids:
        gdep = deps[g]
        ws.append(dep_gdep.get(gdep))
        if gdep == "prep":
            ws.append(t.get("dep|gprep", _E).get(dep, _E).get(lowers[g]))
            ws.append(t.get("hl|dep|gprep", _E).get(head_lemma, _E).get(dep, _E).get(lowers[g]))
    if not kids:
        ws.append(t.get("dep|leaf", _E).get(dep))
    siblings = a.children[h]
    if c > h:
        beyond = [k for k in siblings if k > c and not a.punct[k]]
    else:
        beyond = [k for k in siblings if k < c and not a.punct[k]]
    nxt = deps[min(beyond, key=lambda k: abs(k - c))] if beyond else "none"
    ws += [
        t.get("dep|next", _E).get(dep, _E).get(nxt),
        t.get("hl|dep|next", _E).get(head_lemma, _E).get(dep, _E).get(nxt),
        t.get("low|next", _E).get(word, _E).get(nxt),
    ]
    if obj is not None:
        ws.append(t.get("prep|obj|next", _E).get(word, _E).get(lemmas[obj], _E).get(nxt))
    elsewhere = sorted({deps[k] for k in siblings if k != c and deps[k] in _CONTENT_DEPS})
    ws.append(t.get("dep|hcontent", _E).get(dep, _E).get("+".join(elsewhere) or "none"))
    if depth > 1:
        ws.append(t.get("pdep|dep", _E).get(deps[h], _E).get(dep))
    s0 = s1 = s2 = 0.0
    for w in ws:
        if w:
            s0 += w[0]
            s1 += w[1]
            s2 += w[2]
    # max(range(3), key=...): the first of equal scores
    best, top = (1, s1) if s1 > s0 else (0, s0)
    return 2 if s2 > top else best


def span_indices(
    a: DocArrays, h: int, depth: int = 1, weights: dict[str, list[float]] | None = None
) -> list[int]:
    """Indices of the words the model joins to the cue under ``h`` (``h`` itself not included).

    Children next to the head (no punctuation between) are decided; a child
    joining as a word (or, with four-class weights, an infinitive or adverbial
    clause staying out: :data:`INNER`) has its own children decided in turn,
    up to :data:`MAX_DEPTH`.
    """
    out: list[int] = []
    punct = a.punct
    for c in a.children[h]:
        if punct[c] or a.space[c] or a.deps[c] in _NEVER_DEPS:
            continue
        low, high = sorted((c, h))
        if any(punct[low + 1 : high]):
            continue
        kind = decide_at(a, h, c, depth, weights)
        if kind == SUBTREE:
            out.extend(subtree_indices(a, c))
        elif kind == WORD:
            out.append(c)
            if depth < MAX_DEPTH:
                out.extend(span_indices(a, c, depth + 1, weights))
        elif kind == INNER and depth < MAX_DEPTH:
            out.extend(span_indices(a, c, depth + 1, weights))
    return out
