"""Coreference metrics on tiny hand-computed examples.

The first example is the one worked through in Pradhan et al. (2014, "Scoring
coreference partitions of predicted mentions: a reference implementation"):
key {a,b,c} {d,e,f,g}, response {a,b} {c,d} {f,g,h,i}.
"""

from __future__ import annotations

import itertools
import random

import pytest

from claimgraph.evaluate.coref_metrics import (
    _hungarian_max,
    b_cubed,
    ceaf_e,
    clusters_from_labels,
    lea,
    muc,
    score_all,
)

KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_muc_pradhan_example():
    s = muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(2 / 5)
    assert s.precision == pytest.approx(2 / 5)


def test_b_cubed_pradhan_example():
    s = b_cubed(KEY, RESPONSE)
    # recall: ({a,b,c}: (2²+1²)/3) + ({d,e,f,g}: (1²+2²)/4), over 7 key mentions
    assert s.recall == pytest.approx((5 / 3 + 5 / 4) / 7)
    # precision: {a,b}: 4/2, {c,d}: 2/2, {f,g,h,i}: 4/4, over 8 response mentions
    assert s.precision == pytest.approx(4 / 8)


def test_ceaf_e_pradhan_example():
    s = ceaf_e(KEY, RESPONSE)
    # best alignment: {a,b,c}-{a,b} φ4=0.8 and {d,e,f,g}-{f,g,h,i} φ4=0.5
    assert s.recall == pytest.approx(1.3 / 2)
    assert s.precision == pytest.approx(1.3 / 3)


def test_lea_example():
    s = lea(KEY, RESPONSE)
    assert s.recall == pytest.approx((3 * 1 / 3 + 4 * 1 / 6) / 7)
    assert s.precision == pytest.approx((2 * 1 + 2 * 0 + 4 * 1 / 6) / 8)


def test_conll_is_mean_of_three():
    out = score_all(KEY, RESPONSE)
    mean = (out["muc"]["f1"] + out["b3"]["f1"] + out["ceaf_e"]["f1"]) / 3
    assert out["conll"]["f1"] == pytest.approx(mean, abs=1e-3)


def test_perfect_response_scores_one():
    out = score_all(KEY + [frozenset("x")], KEY + [frozenset("x")])
    for name in ("muc", "b3", "ceaf_e", "lea"):
        assert out[name]["f1"] == pytest.approx(1.0)


def test_singletons_included_by_default_and_droppable():
    key = [frozenset("a"), frozenset("bc")]
    response = [frozenset("a"), frozenset("b"), frozenset("c")]
    assert muc(key, response).recall == 0.0  # singletons have no links
    b3 = b_cubed(key, response)
    assert b3.recall == pytest.approx((1 + 2 / 2) / 3)
    assert b3.precision == pytest.approx(1.0)
    s = lea(key, response)
    assert s.recall == pytest.approx(1 / 3)  # only {a} is resolved
    assert s.precision == pytest.approx(1 / 3)
    ce = ceaf_e(key, response)
    # {a}-{a} φ4=1, {b,c}-{b} φ4=2/3
    assert ce.recall == pytest.approx((1 + 2 / 3) / 2)
    assert ce.precision == pytest.approx((1 + 2 / 3) / 3)
    without = score_all(key, response, singletons=False)
    assert without["b3"]["f1"] == 0.0 and without["ceaf_e"]["f1"] == 0.0


def test_twinless_mentions_count_against_their_side():
    s = b_cubed([frozenset("ab")], [frozenset("abz")])
    assert s.recall == pytest.approx(1.0)
    assert s.precision == pytest.approx(4 / 3 / 3)


def test_clusters_from_labels():
    got = clusters_from_labels({"a": 1, "b": 1, "c": 2})
    assert sorted(map(sorted, got)) == [["a", "b"], ["c"]]


def test_hungarian_matches_brute_force():
    rng = random.Random(7)  # fixed seed: the test must be deterministic
    for _ in range(30):
        n, m = rng.randint(1, 4), rng.randint(1, 5)
        if n > m:
            n, m = m, n
        w = [[rng.choice([0.0, rng.random()]) for _ in range(m)] for _ in range(n)]
        best = max(
            sum(w[i][j] for i, j in enumerate(perm)) for perm in itertools.permutations(range(m), n)
        )
        assert _hungarian_max(w) == pytest.approx(best)
