"""Which language a document is written in (py3langid), or None when unsure."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import islice

from ..records import Block

# py3langid scores byte n-grams with naive Bayes; its posterior is already
# saturated after a few sentences of prose (one 32-word English news sentence
# scores 0.9999), so more text changes nothing but the cost. 3,000 characters
# (~500 words) keeps detection constant-time on a 2,000,000-character input.
SAMPLE_CHARS = 3_000
# Below 20 words the n-gram evidence is thin: 3-7 word English news sentences
# score 0.04-0.92 and sometimes come out as "et" or "id". Such short texts get
# a language only when the model is near-certain (a one-line French or German
# sentence scores 0.99); otherwise the language is None (unknown).
MIN_WORDS = 20
SHORT_TEXT_MIN_PROBABILITY = 0.95
# With 20 words or more, a top language under 0.5 means a mixed or garbled
# text: no language is a majority, so none is claimed.
MIN_PROBABILITY = 0.5

# English-lexified creoles share most of their vocabulary with English, so
# English news about Nigeria, say, can score as Nigerian Pidgin ("pcm") with
# English a close second (English news sentences naming Nigerian officials
# scored pcm 0.53-0.79 with en 0.21-0.47), while real Pidgin sentences
# ("Di minister don talk say ...") score en under 0.0001. So English as the
# runner-up with at least 0.05 means English.
CREOLES_OF_ENGLISH = frozenset({"pcm"})
ENGLISH_RUNNER_UP = 0.05

# Chinese and Japanese are written without spaces, so \w+ sees a whole
# sentence as one "word": two Chinese news sentences counted 5 words and
# fell under the short-text bar (zh 0.88, Wu Chinese 0.12) and were analyzed
# as English. Each Han character or kana counts as a word instead.
_UNSPACED_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# One counted word: a run of word characters other than Han and kana, or one
# Han character or kana. Counting its matches is counting \w+ runs after
# blanking each Han/kana character, plus those characters; the count stops
# at MIN_WORDS, all that the thresholds look at.
_COUNTED = re.compile(f"[{_UNSPACED_CHARS}]|[^\\W{_UNSPACED_CHARS}]+")


# The deepest state of py3langid's byte-n-gram automaton (its shipped
# model: breadth-first over the DFA, states at depths 0-6;
# tests/test_inputs.py checks it). A state is the longest suffix of the
# bytes read that is a node of the n-gram trie, so the state after byte i
# depends only on bytes i-5..i.
DFA_DEPTH = 6


@functools.lru_cache(maxsize=1)
def _identifier():
    """The py3langid model with normalized probabilities, loaded once (~0.6-1 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        from .langid_scan import WindowedIdentifier
    except ImportError:  # a py3langid without the internals the scan reads
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return WindowedIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > 0 else SAMPLE_CHARS]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` ("en", "fr", ...) or None when it cannot be told."""
    sample = _sample(text)
    words = sum(1 for _ in islice(_COUNTED.finditer(sample), MIN_WORDS))
    if words == 0:
        return None
    ranked = _identifier().rank(sample)
    language, probability = ranked[0]
    if language in CREOLES_OF_ENGLISH and len(ranked) > 1:
        runner_up, second = ranked[1]
        if runner_up == "en" and second >= ENGLISH_RUNNER_UP:
            language, probability = "en", probability + second
    needed = MIN_PROBABILITY if words >= MIN_WORDS else SHORT_TEXT_MIN_PROBABILITY
    return language if probability >= needed else None


def body_text(text: str, blocks: Iterable[Block]) -> str:
    """The text of body blocks (headings and furniture can be in another
    language, e.g. an English "Comments are closed." under a French article);
    the whole text when there is no body block."""
    bodies = [text[b.span[0] : b.span[1]] for b in blocks if b.kind == "body"]
    return "\n".join(bodies) if bodies else text
