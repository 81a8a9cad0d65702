"""Coreference metrics: MUC, B³, CEAF-e, LEA and the CoNLL F1 (mean of the first three).

Implemented from the definitions, with the semantics of the CoNLL reference
scorer (Pradhan et al. 2014, ``scorer.pl`` v8.01):

- **MUC** (Vilain et al. 1995): links. Recall = Σₖ (|k| − p(k)) / Σₖ (|k| − 1),
  where p(k) counts the parts the response splits key cluster k into (a
  mention missing from the response is a part of its own). Precision swaps key
  and response. Singletons carry no links, so MUC ignores them.
- **B³** (Bagga and Baldwin 1998): per mention. Recall = Σₖ Σᵣ |k∩r|²/|k| /
  Σₖ |k|; precision = Σᵣ Σₖ |k∩r|²/|r| / Σᵣ |r|. A mention present on one side
  only ("twinless") adds to that side's denominator and to no numerator, as in
  the reference scorer.
- **CEAF-e** (Luo 2005): the best one-to-one alignment of key and response
  clusters under φ₄(k, r) = 2|k∩r| / (|k|+|r|); recall = Σφ₄ / |K|, precision =
  Σφ₄ / |R|. The alignment is solved exactly (Kuhn–Munkres) on each connected
  component of the key/response overlap graph.
- **LEA** (Moosavi and Strube 2016): each cluster weighs its size and is scored
  by the fraction of its links found; a singleton has one self-link, resolved
  only when the other side also has it as a singleton.

Singletons. ECB+ papers score *with* singletons (Barhom et al. 2019, Cattan et
al. 2021 and earlier work all use the reference scorer with every gold mention
in the key), so that is the default here for comparability; Cattan et al.
(2021) point out that singletons inflate B³ and CEAF-e, so
:func:`score_all` can also drop them (``singletons=False``): singleton clusters
are removed from key and response before scoring, like their ``--keep_singletons
false`` runs.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

Cluster = frozenset
Clusters = Sequence[frozenset]


@dataclass(frozen=True, slots=True)
class Score:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        r, p = self.recall, self.precision
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
        }


def clusters_from_labels(labels: dict[Hashable, Hashable]) -> list[frozenset]:
    """Mention → cluster label mapping to a list of clusters."""
    groups: dict[Hashable, set] = {}
    for mention, label in labels.items():
        groups.setdefault(label, set()).add(mention)
    return [frozenset(g) for g in groups.values()]


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    numerator = denominator = 0
    for k in key:
        parts = {where.get(m, ("missing", m)) for m in k}
        numerator += len(k) - len(parts)
        denominator += len(k) - 1
    return numerator / denominator if denominator else 0.0


def muc(key: Clusters, response: Clusters) -> Score:
    return Score(_muc_side(key, response), _muc_side(response, key))


def _b3_side(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    numerator = 0.0
    total = 0
    for k in key:
        total += len(k)
        counts: dict[int, int] = {}
        for m in k:
            if m in where:
                counts[where[m]] = counts.get(where[m], 0) + 1
        numerator += sum(n * n for n in counts.values()) / len(k)
    return numerator / total if total else 0.0


def b_cubed(key: Clusters, response: Clusters) -> Score:
    return Score(_b3_side(key, response), _b3_side(response, key))


def _hungarian_max(weights: list[list[float]]) -> float:
    """Maximum total weight of a one-to-one assignment (rows ≤ columns).

    The O(n²m) shortest-augmenting-path form of Kuhn–Munkres with potentials,
    on costs = −weight; pure Python because the project carries no numpy/scipy.
    """
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = weights[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(weights[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def _phi4(k: frozenset, r: frozenset) -> float:
    return 2 * len(k & r) / (len(k) + len(r))


def _best_alignment(key: Clusters, response: Clusters) -> float:
    """Σφ₄ over the optimal one-to-one alignment, solved per overlap component."""
    where = _index(response)
    # Union-find over key clusters (i) and response clusters (~j) that share mentions.
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, k in enumerate(key):
        find(("k", i))
        for m in k:
            if m in where:
                parent[find(("k", i))] = find(("r", where[m]))
    components: dict = {}
    for node in list(parent):
        components.setdefault(find(node), []).append(node)
    total = 0.0
    for nodes in components.values():
        ks = [key[i] for side, i in nodes if side == "k"]
        rs = [response[j] for side, j in nodes if side == "r"]
        if not ks or not rs:
            continue
        if len(ks) == 1 or len(rs) == 1:
            total += max(_phi4(k, r) for k in ks for r in rs)
            continue
        rows, cols = (ks, rs) if len(ks) <= len(rs) else (rs, ks)
        total += _hungarian_max([[_phi4(a, b) for b in cols] for a in rows])
    return total


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    similarity = _best_alignment(key, response)
    return Score(
        similarity / len(key) if key else 0.0,
        similarity / len(response) if response else 0.0,
    )


def _links(n: int) -> int:
    return n * (n - 1) // 2


def _lea_side(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    singletons = {next(iter(r)) for r in response if len(r) == 1}
    numerator = 0.0
    total = 0
    for k in key:
        total += len(k)
        if len(k) == 1:
            numerator += 1.0 if next(iter(k)) in singletons else 0.0
            continue
        counts: dict[int, int] = {}
        for m in k:
            if m in where:
                counts[where[m]] = counts.get(where[m], 0) + 1
        numerator += len(k) * sum(_links(n) for n in counts.values()) / _links(len(k))
    return numerator / total if total else 0.0


def lea(key: Clusters, response: Clusters) -> Score:
    return Score(_lea_side(key, response), _lea_side(response, key))


def _clean(clusters: Iterable[Iterable], singletons: bool) -> list[frozenset]:
    out = [frozenset(c) for c in clusters]
    out = [c for c in out if c]
    return out if singletons else [c for c in out if len(c) > 1]


def score_all(
    key: Iterable[Iterable], response: Iterable[Iterable], singletons: bool = True
) -> dict[str, dict[str, float]]:
    """MUC, B³, CEAF-e, LEA and CoNLL F1 (mean of MUC, B³, CEAF-e F1) as a JSON-ready dict."""
    k, r = _clean(key, singletons), _clean(response, singletons)
    scores = {"muc": muc(k, r), "b3": b_cubed(k, r), "ceaf_e": ceaf_e(k, r), "lea": lea(k, r)}
    out: dict[str, dict[str, float]] = {name: s.as_dict() for name, s in scores.items()}
    conll = (scores["muc"].f1 + scores["b3"].f1 + scores["ceaf_e"].f1) / 3
    out["conll"] = {"f1": round(conll, 4)}
    return out
