"""The cue-head scorer's dense part (spaCy's token vectors) and what it finds.

Sentences are fictional. The dense part must give the same numbers whichever
way it is computed (the training script's rows, the run time's blocks), fall
back to its training mean on a Doc without a tensor, and the whole scorer must
take belief, intention and noun cues while leaving ordinary verbs and nouns.
"""

from __future__ import annotations

import numpy as np
import pytest

from claimgraph.extract import cues_model
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse


def _parsed(text: str):
    return parse(document_from_text(text))


def test_dense_rows_and_run_time_blocks_agree():
    model = cues_model._dense()
    if model is None:
        pytest.skip("no data/cue_dense.npz")
    doc = _parsed("The mayor believes the bridge will open. Critics doubt it.").doc
    rows = cues_model.dense_rows(doc)
    assert rows.shape == (len(doc), 4 * int(model["width"]))
    direct = np.maximum(rows @ model["W1"] + model["b1"], 0) @ model["v"]
    fast = cues_model._dense_scores(doc)
    assert fast is not None
    assert np.allclose(direct, fast, atol=1e-3)
    # Across a sentence boundary the neighbour rows are zeros.
    second = next(s for i, s in enumerate(doc.sents) if i == 1)
    width = int(model["width"])
    assert not rows[second.start, 2 * width : 3 * width].any()
    assert not rows[second.start - 1, 3 * width :].any()


def test_without_a_tensor_the_dense_part_is_its_training_mean():
    doc = _parsed("The mayor believes the bridge will open.").doc
    doc.tensor = np.zeros((0, 0), dtype=np.float32)
    believes = next(t for t in doc if t.text == "believes")
    assert cues_model.dense_score(doc, believes.i) == cues_model._dense_mean()


# (sentence, the cue-head word the scorer must take)
HEADS = [
    ("The governor believes that the tunnel is safe.", "believes"),
    ("Several farmers fear the river will flood again.", "fear"),
    ("The union wants to reopen the talks next week.", "wants"),
    ("The council plans to close two libraries.", "plans"),
    ("Ms. Orrin's claim that the vote was rigged drew scorn.", "claim"),
    ("The minister called for a recount in the northern district.", "called"),
    ("Local doctors warned that the clinic would run out of vaccine.", "warned"),
    ("The coach insisted his players had done nothing wrong.", "insisted"),
]

# (sentence, a word the scorer must leave alone)
NOT_HEADS = [
    ("The bridge over the river opened in May.", "opened"),
    ("The council closed two libraries last year.", "closed"),
    ("Farmers planted wheat along the river.", "planted"),
    ("The city plans were printed on blue paper.", "printed"),
]


@pytest.mark.parametrize(("sentence", "word"), HEADS)
def test_cue_heads_taken(sentence, word):
    doc = _parsed(sentence).doc
    token = next(t for t in doc if t.text == word)
    assert cues_model.is_cue(token, [])


@pytest.mark.parametrize(("sentence", "word"), NOT_HEADS)
def test_ordinary_words_left(sentence, word):
    doc = _parsed(sentence).doc
    token = next(t for t in doc if t.text == word)
    assert not cues_model.is_cue(token, [])
