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

_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "cue_extent.json"
OUT, WORD, SUBTREE = 0, 1, 2
# Subtree sizes above this share one feature: long children are rare in cues.
_MAX_SIZE = 6


def child_features(head, child) -> list[str]:
    """Feature names for ``child`` as a possible part of ``head``'s cue span."""
    doc = head.doc
    low, high = sorted((child.i, head.i))
    punct = any(t.is_punct for t in doc[low + 1 : high])
    side = "R" if child.i > head.i else "L"
    dist = max(-3, min(3, child.i - head.i))
    head_lemma = head.lemma_.lower()
    word = child.lower_
    dep = child.dep_
    size = min(sum(1 for _ in child.subtree), _MAX_SIZE)
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
        f"hpos|dep={head.pos_}|{dep}",
        f"cpos={child.pos_}",
        f"ctag={child.tag_}",
        f"low={word}",
        f"n={size}",
        f"dep|n={dep}|{size}",
    ]
    obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
    if obj is not None:
        obj_lemma = obj.lemma_.lower()
        kind = obj.ent_type_ or obj.pos_
        feats += [
            f"obj={obj_lemma}",
            f"prep|obj={word}|{obj_lemma}",
            f"objent={kind}",
            f"prep|objent={word}|{kind}",
            f"hl|prep={head_lemma}|{word}",
        ]
        dets = [g.lower_ for g in obj.children if g.dep_ in ("det", "poss")]
        feats.append(f"objdet={dets[0] if dets else 'none'}")
    if child.ent_type_:
        feats.append(f"ent={child.ent_type_}")
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
    weights = _weights() or {}
    scores = [0.0, 0.0, 0.0]
    for f in child_features(head, child):
        w = weights.get(f)
        if w:
            for k in range(3):
                scores[k] += w[k]
    return max(range(3), key=lambda k: scores[k])
