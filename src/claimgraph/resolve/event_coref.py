"""Learned cross-document event coreference: a pairwise logistic scorer.

Candidate pairs are the lexically linked ones of :mod:`.coref` (same
normalized head, or heads in one synonym group) inside one scope; every other
pair scores 0. A logistic model over a few features of the pair says how
likely the two mentions are the same happening, and average-link clustering
(:func:`.coref.average_link`) merges while the average probability is above
:data:`THRESHOLD`.

The features come from our own parse of the mentions' sentences (spaCy
entities, dependents, lemmas) and from the documents' words: nothing from the
gold markables but the mention spans. The weights were fitted by
``scripts/train_event_coref.py`` on the odd-numbered ECB+ topics (the tuning
half; even topics are held out) and are pasted into :data:`WEIGHTS`.

Phrasal heads ("checked out", "opened fire", "passed away") are keyed by
:func:`phrase_key` before clustering: a particle that changes the event
("check out" vs "check in") becomes part of the key, and a few light-verb
idioms map onto the verb they mean.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from .coref import (
    _CLASSES,
    REPORTING,
    CorefMention,
    _cosine,
    _tfidf,
    average_link,
    normalize_heads,
)

# Light-verb and phrasal idioms that name a listed event (general English: a
# dictionary gives each of these as a sense of the phrase).
PHRASES: dict[str, str] = {
    "open fire": "shoot",
    "gun down": "shoot",
    "pass away": "die",
    "pick up": "arrest",
    "set fire": "burn",
    "catch fire": "burn",
    "take over": "takeover",
}
# Prepositions after a verb that do not change which event it names ("checked
# into" = "checked in" = "checked"); any other particle ("out", "off", "down")
# is kept in the key.
_NEUTRAL_PARTICLES = frozenset(
    ("in", "into", "to", "on", "onto", "at", "for", "of", "with", "from")
)


def phrase_key(head: str, following: Sequence[tuple[str, str, str]]) -> str:
    """The clustering key of a head given the mention's later words.

    ``following`` holds (lower-case text, coarse POS, lemma) of the mention's
    words after its head, in order. The first particle decides; a noun object
    only counts when the pair is a listed idiom ("open fire").
    """
    for text, pos, lemma in following:
        if pos in ("ADP", "ADV", "PART"):
            if text in _NEUTRAL_PARTICLES:
                continue
            key = f"{head} {text}"
            return PHRASES.get(key, key)
        if pos == "NOUN" and f"{head} {lemma}" in PHRASES:
            return PHRASES[f"{head} {lemma}"]
    return head


# Our own event mentions (``--mentions ours``): every content verb, and every
# noun that is in a synonym group or carries a suffix that forms nouns of
# action from verbs (a grammar's list: -tion, -sion, -ment, -ure, -ance, -ence).
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence")
# Verbs that are almost never annotated as events on their own (copula,
# possession, auxiliary-like uses the tagger leaves as VERB).
_NON_EVENT_VERBS = frozenset(("be", "have", "do", "get", "seem", "let"))


def event_candidates(sentence) -> list[int]:
    """Token indices of a parsed sentence (spaCy Doc) that we take as event mentions."""

    def eventive(t) -> bool:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB":
            return lemma not in _NON_EVENT_VERBS
        return t.pos_ == "NOUN" and (lemma in _CLASSES or lemma.endswith(_EVENT_SUFFIXES))

    return [t.i for t in sentence if eventive(t)]


FEATURES: tuple[str, ...] = (
    "bias",
    "same_head",
    "synonym",
    "reporting_cross_doc",
    "reporting",
    "same_doc",
    "same_sentence",
    "context",
    "persons_shared",
    "persons_conflict",
    "places_shared",
    "places_conflict",
    "dates_shared",
    "dates_conflict",
    "numbers_shared",
    "numbers_conflict",
    "dependents_shared",
    "dependents_conflict",
    "both_verbs",
    "pos_differ",
    "same_head_x_log_count",
    "same_head_x_context",
    "both_lead",
    "same_head_x_both_lead",
    "doc_cosine",
    "same_head_x_doc_cosine",
    "reporting_x_context",
    "reporting_x_dependents_shared",
    "reporting_x_persons_shared",
    "reporting_x_doc_cosine",
)

# Fitted by scripts/train_event_coref.py on the odd ECB+ topics (gold mentions,
# gold subtopics; 9,910 candidate pairs, 7,535 coreferent, each weighing
# 1/(nᵢ·nⱼ) with nᵢ the mentions sharing i's head; L2 1.0). "same_head"
# and "synonym" add up to 1 on every candidate pair, so only their difference
# means anything. The strongest signals against a link are a reporting verb
# and two mentions in one sentence; for it, one document, shared dependents
# and shared sentence context.
WEIGHTS: dict[str, float] = {
    "bias": -0.1022,
    "same_head": -0.7594,
    "synonym": 0.6571,
    "reporting_cross_doc": -0.342,
    "reporting": -2.4672,
    "same_doc": 1.1019,
    "same_sentence": -2.5236,
    "context": 1.6296,
    "persons_shared": 0.7395,
    "persons_conflict": 0.2331,
    "places_shared": -0.3508,
    "places_conflict": 0.153,
    "dates_shared": 0.1227,
    "dates_conflict": 0.4041,
    "numbers_shared": -0.3816,
    "numbers_conflict": -0.0659,
    "dependents_shared": 1.455,
    "dependents_conflict": 0.012,
    "both_verbs": 0.1052,
    "pos_differ": -0.5916,
    "same_head_x_log_count": 0.9006,
    "same_head_x_context": -1.6364,
    "both_lead": 0.5014,
    "same_head_x_both_lead": -0.2396,
    "doc_cosine": -1.0293,
    "same_head_x_doc_cosine": 1.2671,
    "reporting_x_context": 2.7167,
    "reporting_x_dependents_shared": -0.3039,
    "reporting_x_persons_shared": -1.0579,
    "reporting_x_doc_cosine": -0.7259,
}

# Merge while the average pair probability is above this. Chosen on the odd
# topics (event CoNLL F1, gold subtopics): 0.35 → 0.8046, 0.40 → 0.8055,
# 0.45 → 0.8090, 0.50 → 0.8082, 0.55 → 0.8051. The held-out even topics:
# 0.817, 0.816, 0.813, 0.809, 0.797.
THRESHOLD = 0.45


def _key(m: CorefMention) -> str:
    return m.key or m.resolved or m.head


def _overlap(a: frozenset[str], b: frozenset[str]) -> tuple[float, float]:
    """(shared, conflict): both sets non-empty and meeting, or both non-empty and disjoint."""
    if not a or not b:
        return 0.0, 0.0
    return (1.0, 0.0) if a & b else (0.0, 1.0)


def context_idf(mentions: Sequence[CorefMention]) -> dict[str, float]:
    """Inverse document frequency of context lemmas, counted over the mentions' sentences."""
    df: Counter = Counter()
    for m in mentions:
        df.update(m.context)
    n = len(mentions)
    return {w: math.log(n / (1 + c)) for w, c in df.items()}


def _context_cosine(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    shared = a & b
    if not shared:
        return 0.0
    na = math.sqrt(sum(idf.get(w, 0.0) ** 2 for w in a)) or 1.0
    nb = math.sqrt(sum(idf.get(w, 0.0) ** 2 for w in b)) or 1.0
    return sum(idf.get(w, 0.0) ** 2 for w in shared) / (na * nb)


def pair_features(
    a: CorefMention,
    b: CorefMention,
    same: bool,
    key_count: int,
    idf: Mapping[str, float],
    doc_cosine: float,
    key: str,
) -> list[float]:
    """The feature vector of one candidate pair, in :data:`FEATURES` order."""
    same_doc = a.doc == b.doc
    reporting = same and key in REPORTING
    context = _context_cosine(a.context, b.context, idf)
    lead = a.lead and b.lead
    doc = 1.0 if same_doc else doc_cosine
    s = float(same)
    out = [
        1.0,
        s,
        1.0 - s,
        float(reporting and not same_doc),
        float(reporting),
        float(same_doc),
        float(same_doc and a.sentence == b.sentence),
        context,
    ]
    for x, y in (
        (a.persons, b.persons),
        (a.places, b.places),
        (a.dates, b.dates),
        (a.numbers, b.numbers),
        (a.dependents, b.dependents),
    ):
        out.extend(_overlap(x, y))
    out += [
        float(a.pos == "VERB" and b.pos == "VERB"),
        float(a.pos != b.pos),
        s * math.log(key_count),
        s * context,
        float(lead),
        s * float(lead),
        doc,
        s * doc,
    ]
    # A reporting verb corefers when one source says one thing: the same
    # speaker (dependents, persons), the same words around it, the same story.
    r = float(reporting)
    out += [
        r * context,
        r * float(bool(a.dependents & b.dependents)),
        r * float(bool(a.persons & b.persons)),
        r * doc,
    ]
    return out


def candidate_pairs(
    group: Sequence[CorefMention],
    keys: Mapping[str, str],
    idf: Mapping[str, float],
    doc_vectors: Mapping[str, dict[str, float]],
) -> tuple[list[tuple[int, int]], list[list[float]]]:
    """Index pairs of one scope that share a head or a synonym group, with their features."""
    k = [keys[_key(m)] for m in group]
    counts = Counter(k)
    classes = [_CLASSES.get(x, set()) for x in k]
    pairs, rows = [], []
    for i in range(len(group)):
        for j in range(i + 1, len(group)):
            same = k[i] == k[j]
            if not same and not classes[i] & classes[j]:
                continue
            a, b = group[i], group[j]
            va, vb = doc_vectors.get(a.doc), doc_vectors.get(b.doc)
            doc = _cosine(va, vb) if va is not None and vb is not None else 0.0
            pairs.append((i, j))
            rows.append(pair_features(a, b, same, counts[k[i]], idf, doc, k[i]))
    return pairs, rows


def probability(row: Sequence[float], weights: Mapping[str, float] = WEIGHTS) -> float:
    z = sum(weights[name] * x for name, x in zip(FEATURES, row, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def document_vectors(documents: Mapping[str, Counter], topic_of: Mapping[str, str]) -> dict:
    """TF-IDF vectors of documents, with document frequencies counted inside each topic."""
    by_topic: dict[str, dict[str, Counter]] = {}
    for name, counts in documents.items():
        by_topic.setdefault(topic_of.get(name, ""), {})[name] = counts
    out: dict[str, dict[str, float]] = {}
    for docs in by_topic.values():
        out.update(_tfidf(docs))
    return out


def scope_groups(mentions: Sequence[CorefMention]) -> dict[str, list[CorefMention]]:
    groups: dict[str, list[CorefMention]] = {}
    for m in mentions:
        groups.setdefault(m.scope, []).append(m)
    return groups


def cluster_events(
    mentions: Sequence[CorefMention],
    documents: Mapping[str, Counter] | None = None,
    weights: Mapping[str, float] = WEIGHTS,
    threshold: float = THRESHOLD,
) -> list[frozenset[str]]:
    """Average-link clustering of event mentions over learned pair probabilities, per scope.

    ``documents`` (document name → content-word counts) adds document
    similarity; without it cross-document pairs get document cosine 0.
    """
    keys = normalize_heads(_key(m) for m in mentions)
    idf = context_idf(mentions)
    topic_of = {m.doc: m.topic for m in mentions}
    vectors = document_vectors(documents or {}, topic_of)
    out = []
    for group in scope_groups(mentions).values():
        pairs, rows = candidate_pairs(group, keys, idf, vectors)
        sims = {p: probability(r, weights) for p, r in zip(pairs, rows, strict=True)}
        for c in average_link([m.id for m in group], sims, threshold):
            out.append(frozenset(group[i].id for i in c))
    return out


def fit_logistic(
    rows: Sequence[Sequence[float]],
    labels: Sequence[bool],
    l2: float = 1.0,
    sample_weights: Sequence[float] | None = None,
    steps: int = 50,
) -> dict[str, float]:
    """L2-regularized logistic regression by Newton's method (no intercept: "bias" is a feature).

    ``sample_weights`` are rescaled to average 1, so ``l2`` means the same with or without them.
    """
    import numpy as np

    x = np.asarray(rows, dtype=float)
    y = np.asarray(labels, dtype=float)
    sw = np.ones(len(y)) if sample_weights is None else np.asarray(sample_weights, dtype=float)
    sw = sw * len(sw) / sw.sum()
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (sw * (p - y)) + l2 * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + l2 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {name: round(float(v), 4) for name, v in zip(FEATURES, w, strict=True)}
