"""py3langid's byte-n-gram count, vectorized: the same counts, faster on a cold cache.

py3langid walks its n-gram automaton one byte at a time in Python: ~3,000
dependent look-ups into a 39 MB transition table per document. Inside
``analyze`` the table is out of the CPU cache (spaCy ran in between), so
each step waits on memory: language detection took ~2.8 ms of a 700-word
article's reading stage. The state after byte i depends only on the last
:data:`~claimgraph.inputs.language.DFA_DEPTH` bytes, so numpy can step every
position's window through the table at once, and the loads no longer wait
on each other (~2.1 ms, measured in the pipeline on bench/bench_analyze.py's
article). The counts, and their order, are py3langid's own, so scores and
answers are identical (checked on the sample corpus, polnear dev, PLOVER
dev and random mixed-script strings).

Needs py3langid 0.4's internals (``visit_counts``, ``_raw_score``,
``_sparse_score``, ``_rowbase``); :func:`claimgraph.inputs.language._identifier`
falls back to the plain identifier when they are missing.
"""

from __future__ import annotations

import numpy as np
from py3langid.langid import LanguageIdentifier, visit_counts

from .language import DFA_DEPTH


class WindowedIdentifier(LanguageIdentifier):
    """A LanguageIdentifier whose feature count steps all byte windows at once."""

    __slots__ = ("_arrays",)

    def _raw_score(self, text: bytes):
        visits = self._visits(text)
        if visits:
            return self._sparse_score(visits, self.nb_ptc)
        return super()._raw_score(text)

    def _visits(self, data: bytes) -> dict[int, int] | None:
        """``visit_counts(...)`` of py3langid: {feature: count}, in order of first visit."""
        window = DFA_DEPTH
        if len(data) < 4 * window:  # too short to gain anything
            return visit_counts(self.tk_nextmove, self._rowbase, self.tk_output, data)
        try:
            moves, rows, outputs = self._arrays
        except AttributeError:
            moves = np.asarray(self.tk_nextmove)
            rows = np.asarray(self._rowbase, dtype=np.int64)
            outputs = np.asarray(self.tk_output, dtype=np.int64)
            self._arrays = moves, rows, outputs
        # The first window - 1 states, from the start of the text.
        head, state = [], 0
        for byte in data[: window - 1]:
            state = self.tk_nextmove[self._rowbase[state] + byte]
            head.append(state)
        # Every later state: its window of bytes stepped from the start state.
        codes = np.frombuffer(data, dtype=np.uint8).astype(np.int64)
        n = len(codes) - window + 1
        states = np.zeros(n, dtype=np.int64)
        for k in range(window):
            states = moves[rows[states] + codes[k : k + n]]
        features = outputs[np.concatenate([np.asarray(head, dtype=np.int64), states])]
        features = features[features >= 0]
        if not len(features):
            return None
        keys, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return dict(zip(keys[order].tolist(), counts[order].tolist(), strict=True))
