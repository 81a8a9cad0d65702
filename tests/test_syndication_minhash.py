"""The syndication module's own MinHash and LSH parameters equal datasketch's.

resolve/syndication.py computes signatures with numpy instead of importing
datasketch (whose import pulls in scipy: seconds per ingest run); the stored
band keys must stay exactly those datasketch's MinHash would give.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

import numpy as np
import pytest

datasketch = pytest.importorskip("datasketch", reason="the reference is the corroboration extra")

from datasketch import MinHash  # noqa: E402
from datasketch.lsh import _optimal_param  # noqa: E402

from claimgraph.resolve import syndication as syn  # noqa: E402


def _reference(hashes: np.ndarray) -> np.ndarray:
    sketch = MinHash(num_perm=syn.NUM_PERM, seed=syn.SEED, hashfunc=lambda value: value)
    sketch.update_batch(hashes.tolist())
    return sketch.hashvalues


def _reference_keys(hashes: np.ndarray, threshold: float) -> list[str]:
    """band_keys as the module computed them with datasketch before."""
    values = _reference(hashes)
    bands, rows = _optimal_param(threshold, syn.NUM_PERM, 0.5, 0.5)
    return [
        f"{band}:"
        + hashlib.blake2b(
            values[band * rows : (band + 1) * rows].astype(np.uint64).tobytes(), digest_size=8
        ).hexdigest()
        for band in range(bands)
    ]


@pytest.mark.parametrize("size", [1, 2, 7, 40, 600, 5000])
def test_signature_equals_datasketch(size: int):
    rng = np.random.default_rng(size)
    # Sorted unique uint32, as shingles() returns them, over the whole range.
    hashes = np.unique(rng.integers(0, 1 << 32, size, dtype=np.uint64)).astype(np.uint32)
    ours = syn.signature(hashes)
    assert ours.dtype == np.uint32
    assert np.array_equal(ours, _reference(hashes))


def test_signature_of_extreme_values_equals_datasketch():
    hashes = np.array([0, 1, 2, (1 << 31) - 1, 1 << 31, (1 << 32) - 2, (1 << 32) - 1], np.uint32)
    assert np.array_equal(syn.signature(hashes), _reference(hashes))


def test_band_parameters_equal_datasketch():
    assert syn._bands(syn.DEFAULT_THRESHOLDS.lsh) == (37, 3)
    # Every 0.05: datasketch's own search (scipy quadrature) takes ≈ 0.1 s a threshold.
    for step in range(1, 20):
        threshold = step / 20
        assert syn._bands(threshold) == _optimal_param(threshold, syn.NUM_PERM, 0.5, 0.5), threshold


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.2, 1.5])
def test_band_parameters_reject_thresholds_outside_the_unit_interval(threshold: float):
    with pytest.raises(ValueError, match="between 0 and 1"):
        syn._bands(threshold)


def test_band_keys_equal_the_datasketch_ones():
    rng = np.random.default_rng(7)
    hashes = np.unique(rng.integers(0, 1 << 32, 900, dtype=np.uint64)).astype(np.uint32)
    for threshold in (syn.DEFAULT_THRESHOLDS.lsh, 0.5):
        assert syn.band_keys(hashes, threshold) == _reference_keys(hashes, threshold)


def test_empty_shingles_have_no_band_keys():
    assert syn.band_keys(np.array([], dtype=np.uint32), syn.DEFAULT_THRESHOLDS.lsh) == []


def test_importing_syndication_leaves_datasketch_and_scipy_out():
    code = (
        "import sys; import claimgraph.resolve.syndication as s; "
        "import claimgraph.store.corroboration as c; c._syndication(); "
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
