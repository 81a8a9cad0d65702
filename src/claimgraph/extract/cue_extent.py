"""Which words around a cue head belong to the cue span, learned from PolNeAR.

PolNeAR's cue spans are more than the head word: "has not said", "pointed
out", "called for", "said in a phone interview", but "said Monday" only
sometimes and "said to reporters" rarely. The convention is a matter of
degree, so it is learned: for each child of the head, a three-way averaged
perceptron chooses *out*, *the child word only* or *the child's whole
subtree*, from the child's dependency and word, its side and distance, the
head's lemma, and a preposition's object (its lemma and entity type: "in an
interview" joins, "on Monday" does not).

Weights (``data/cue_extent.json``) are learned by ``scripts/train_cue_model.py``
from the PolNeAR *training* split; the file holds feature names and weights.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from . import DocArrays, doc_arrays
from .attribution_syntax import subtree_indices

_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "cue_extent.json"
OUT, WORD, SUBTREE = 0, 1, 2
# Subtree sizes above this share one feature: long children are rare in cues.
_MAX_SIZE = 6


def child_features(head, child) -> list[str]:
    """Feature names for ``child`` as a possible part of ``head``'s cue span."""
    return child_features_at(doc_arrays(head.doc), head.i, child.i)


def child_features_at(a: DocArrays, h: int, c: int) -> list[str]:
    """:func:`child_features` of token ``c`` under token ``h``, read from the arrays
    (no Token object per word)."""
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
    return feats


@functools.cache
def _weights() -> dict[str, list[float]] | None:
    if not _MODEL_PATH.exists():
        return None
    return json.loads(_MODEL_PATH.read_text(encoding="utf-8"))["weights"]


def available() -> bool:
    return _weights() is not None


def decide(head, child) -> int:
    """OUT, WORD or SUBTREE for ``child`` of the cue head ``head``."""
    return decide_at(doc_arrays(head.doc), head.i, child.i)


def decide_at(a: DocArrays, h: int, c: int) -> int:
    """:func:`decide` for token ``c`` under token ``h`` of the arrays ``a``."""
    weights = _weights() or {}
    # Three running sums, each added in feature order (the same floats as a
    # loop over the three classes per feature).
    s0 = s1 = s2 = 0.0
    for f in child_features_at(a, h, c):
        w = weights.get(f)
        if w:
            s0 += w[0]
            s1 += w[1]
            s2 += w[2]
    scores = [s0, s1, s2]
    return max(range(3), key=lambda k: scores[k])
