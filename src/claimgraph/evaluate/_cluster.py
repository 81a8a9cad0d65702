"""Cross-document coreference clustering: pure functions over mention records.

No trained model: head-lemma identity (with a small table of general
derivations and synonyms), argument overlap (the participants, times and
places mentioned in the same sentence) and a document-cluster constraint,
combined by average-link agglomerative clustering.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CorefMention:
    """What clustering needs to know about one mention."""

    id: str
    scope: str  # mentions in different scopes (topic, document cluster) never corefer
    doc: str
    head: str  # lemma of the syntactic head, lower case
    lemmas: frozenset[str]  # content lemmas of the mention
    arguments: frozenset[str]  # content lemmas of entity mentions in the same sentence
    kind: str = "event"  # "event" | "entity"
    tag: str = ""


def same_head_clusters(mentions: Iterable[CorefMention]) -> list[frozenset[str]]:
    """The same-head-lemma baseline: one cluster per (scope, head lemma)."""
    groups: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        groups.setdefault((m.scope, m.head), set()).add(m.id)
    return [frozenset(g) for g in groups.values()]


_WORD = re.compile(r"[a-z][a-z'-]*|\d+")
_STOP = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been
    being it its this that these those he she they we you i his her their our your
    him them us me my has have had do does did will would can could should may might
    not no so if then than there here who whom which what when where why how all any
    some more most other such only own same too very s t just also into about after
    before over under up down out off again further once said says say""".split()
)


def document_words(sentences: Iterable[Sequence[str]]) -> Counter:
    """Content word counts of a document (lower case, stop words dropped)."""
    counts: Counter = Counter()
    for sentence in sentences:
        for token in sentence:
            for w in _WORD.findall(token.lower()):
                if w not in _STOP and len(w) > 1:
                    counts[w] += 1
    return counts


def _tfidf(docs: Mapping[str, Counter]) -> dict[str, dict[str, float]]:
    df: Counter = Counter()
    for counts in docs.values():
        df.update(counts.keys())
    n = len(docs)
    vectors = {}
    for name, counts in docs.items():
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in counts.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        vectors[name] = {w: x / norm for w, x in vec.items()}
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def average_link(
    items: Sequence[str],
    similarity: Mapping[tuple[int, int], float],
    threshold: float,
    initial: Sequence[Sequence[int]] | None = None,
) -> list[list[int]]:
    """Average-link agglomerative clustering; merges while the best pair scores > threshold.

    ``similarity`` maps index pairs (i < j) to a score; missing pairs score 0.
    ``initial`` optionally gives starting clusters (indices); the rest start alone.
    """
    clusters: dict[int, list[int]] = {}
    seen: set[int] = set()
    for group in initial or ():
        clusters[len(clusters)] = list(group)
        seen.update(group)
    for i in range(len(items)):
        if i not in seen:
            clusters[len(clusters)] = [i]

    def link(a: list[int], b: list[int]) -> float:
        total = 0.0
        for i in a:
            for j in b:
                total += similarity.get((i, j) if i < j else (j, i), 0.0)
        return total / (len(a) * len(b))

    scores: dict[tuple[int, int], float] = {}
    keys = list(clusters)
    for x, a in enumerate(keys):
        for b in keys[x + 1 :]:
            s = link(clusters[a], clusters[b])
            if s > threshold:
                scores[(a, b)] = s
    while scores:
        (a, b), _ = max(scores.items(), key=lambda kv: (kv[1], -kv[0][0], -kv[0][1]))
        clusters[a] = clusters[a] + clusters.pop(b)
        scores = {k: v for k, v in scores.items() if a not in k and b not in k}
        for c in clusters:
            if c != a:
                s = link(clusters[a], clusters[c])
                if s > threshold:
                    scores[(min(a, c), max(a, c))] = s
    return list(clusters.values())


def document_clusters(docs: Mapping[str, Counter], threshold: float) -> dict[str, int]:
    """Group documents by TF-IDF cosine (average link); returns document → cluster number."""
    names = sorted(docs)
    vectors = _tfidf(docs)
    sims = {}
    for i, a in enumerate(names):
        for j in range(i + 1, len(names)):
            s = _cosine(vectors[a], vectors[names[j]])
            if s > 0:
                sims[(i, j)] = s
    out = {}
    for number, group in enumerate(average_link(names, sims, threshold)):
        for i in group:
            out[names[i]] = number
    return out
