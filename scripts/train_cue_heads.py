"""Train the cue-head scorer (data/cue_model.json and data/cue_dense.npz).

    .venv/bin/python scripts/train_cue_heads.py --data ../shared/eval/polnear/train \
        [--epochs 4] [--cache /tmp/polnear-train-tensors.pkl] [--out-dir src/claimgraph/data]

A "wide and deep" logistic model (:mod:`claimgraph.extract.cues_model`): the
score of a candidate token is

    sparse weights of its features (the perceptron's feature set)
    + v · relu(W1 · [tensor(i), tensor(head), tensor(i-1), tensor(i+1)] + b1) + b

where ``tensor`` is spaCy's contextual tok2vec output (``doc.tensor``, 96
wide in en_core_web_sm), left there by the parse at no extra cost. Labels,
candidates and the split are those of ``train_cue_model.py``: every candidate
token of a body sentence is 1 when it heads a gold ``Cue`` span; the first nine
tenths of the articles (sorted order) are fit, the last tenth held out to pick
the epoch count and the decision threshold (best head F1 there). Adam on the
logistic loss, minibatches of 256, a fixed seed: the same data gives the same
weights. The parse cache (``--cache``) is a pickle of ``Doc.to_bytes()`` per
article (a DocBin drops ``doc.tensor``). Outputs hold feature names and
weights only, no text. The cue extent model is trained by
``train_cue_model.py``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from claimgraph.evaluate.attribution import read_articles
from claimgraph.extract.attribution import quote_regions
from claimgraph.extract.cues_model import candidate, dense_rows, features
from claimgraph.inputs import document_from_text
from claimgraph.nlp import Parsed, parse_many, pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_cue_model import gold_cues  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data"
SEED = 13
# Features seen in fewer fit examples are dropped (fewer rare word pairs; 10
# keeps the held-out head F1 of 5 and shrinks the file).
MIN_COUNT = 10
HIDDEN = 64  # 64 and 128 hidden units: held-out head F1 within 0.002
LEARNING_RATE = 1e-3
BATCH = 256
# |sparse weight| below this is dropped from the JSON (see the printout:
# held-out head F1 before and after pruning).
PRUNE = 0.05


def _parsed(articles, cache: str | None) -> list[Parsed]:
    documents = [document_from_text(a.text) for a in articles]
    if cache and Path(cache).exists():
        from spacy.tokens import Doc

        vocab = pipeline().vocab
        blobs = pickle.loads(Path(cache).read_bytes())
        return [Parsed(d, Doc(vocab).from_bytes(b)) for d, b in zip(documents, blobs, strict=True)]
    parsed = list(parse_many(documents))
    if cache:
        blobs = [p.doc.to_bytes(exclude=["user_data"]) for p in parsed]
        Path(cache).write_bytes(pickle.dumps(blobs))
    return parsed


def examples(parsed: Parsed, cues: list) -> tuple[list[list[str]], np.ndarray, list[int]]:
    """(feature lists, dense rows, labels) of every candidate token of the body sentences."""
    heads = {span.root.i for span in cues}
    feats, index, labels = [], [], []
    for block in parsed.document.blocks:
        if block.kind != "body":
            continue
        quotes = quote_regions(parsed.text, block.span)
        span = parsed.doc.char_span(*block.span, alignment_mode="expand")
        for token in span or ():
            if candidate(token):
                feats.append(features(token, quotes))
                index.append(token.i)
                labels.append(int(token.i in heads))
    rows = dense_rows(parsed.doc)[index] if index else np.zeros((0, 1), np.float32)
    return feats, rows, labels


def _matrix(feats: list[list[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    indices, pointers = [], [0]
    for fs in feats:
        indices += sorted({vocab[f] for f in fs if f in vocab})
        pointers.append(len(indices))
    values = np.ones(len(indices), np.float32)
    return sparse.csr_matrix((values, indices, pointers), shape=(len(feats), len(vocab)))


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(threshold, F1) maximizing F1 of ``scores > threshold``."""
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], labels[order]
    tp = np.cumsum(hits)
    f1 = 2 * tp / (np.arange(1, len(hits) + 1) + labels.sum())
    j = int(f1.argmax())
    cut = (ranked[j] + ranked[j + 1]) / 2 if j + 1 < len(ranked) else ranked[j] - 1e-6
    return float(cut), float(f1[j])


class WideDeep:
    """The model being fit: sparse weights ``w`` plus a one-hidden-layer MLP on dense rows."""

    def __init__(self, n_sparse: int, dense: np.ndarray, rng: np.random.Generator) -> None:
        width = dense.shape[1]
        self.mu = dense.mean(0)
        self.sd = dense.std(0) + 1e-6
        self.p = {
            "w": np.zeros(n_sparse, np.float32),
            "b": np.zeros(1, np.float32),
            "W1": (rng.standard_normal((width, HIDDEN)) * np.sqrt(2 / width)).astype(np.float32),
            "b1": np.zeros(HIDDEN, np.float32),
            "v": (rng.standard_normal(HIDDEN) * 0.01).astype(np.float32),
        }
        self.m = {k: np.zeros_like(x) for k, x in self.p.items()}
        self.s = {k: np.zeros_like(x) for k, x in self.p.items()}
        self.t = 0

    def scores(self, xs, dense: np.ndarray) -> np.ndarray:
        hidden = np.maximum(((dense - self.mu) / self.sd) @ self.p["W1"] + self.p["b1"], 0)
        return xs @ self.p["w"] + hidden @ self.p["v"] + self.p["b"][0]

    def step(self, xs, dense: np.ndarray, labels: np.ndarray) -> None:
        p = self.p
        pre = ((dense - self.mu) / self.sd) @ p["W1"] + p["b1"]
        hidden = np.maximum(pre, 0)
        logit = xs @ p["w"] + hidden @ p["v"] + p["b"][0]
        g = (1 / (1 + np.exp(-np.clip(logit, -30, 30))) - labels) / len(labels)
        gh = np.outer(g, p["v"]) * (pre > 0)
        grads = {
            "w": np.asarray(xs.T @ g).ravel(),
            "b": np.array([g.sum()]),
            "v": hidden.T @ g,
            "W1": ((dense - self.mu) / self.sd).T @ gh,
            "b1": gh.sum(0),
        }
        self.t += 1
        for k, grad in grads.items():
            grad = grad.astype(np.float32)
            self.m[k] = 0.9 * self.m[k] + 0.1 * grad
            self.s[k] = 0.999 * self.s[k] + 0.001 * grad * grad
            m_hat = self.m[k] / (1 - 0.9**self.t)
            s_hat = self.s[k] / (1 - 0.999**self.t)
            p[k] -= LEARNING_RATE * m_hat / (np.sqrt(s_hat) + 1e-8)

    def folded(self) -> tuple[np.ndarray, np.ndarray]:
        """W1 and b1 with the standardization folded in (run time reads raw rows)."""
        w1 = self.p["W1"] / self.sd[:, None]
        return w1.astype(np.float32), (self.p["b1"] - (self.mu / self.sd) @ self.p["W1"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="PolNeAR training split folder")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--cache", default=None, help="pickle of Doc bytes to reuse the parses")
    parser.add_argument("--out-dir", default=str(DATA))
    args = parser.parse_args(argv)
    started = time.process_time()
    articles = list(read_articles(args.data))
    parsed = _parsed(articles, args.cache)
    cut = len(articles) * 9 // 10
    fit_f, fit_d, fit_y, held_f, held_d, held_y = [], [], [], [], [], []
    for n, (article, p) in enumerate(zip(articles, parsed, strict=True)):
        feats, rows, labels = examples(p, gold_cues(article, p))
        into = (fit_f, fit_d, fit_y) if n < cut else (held_f, held_d, held_y)
        into[0].extend(feats)
        into[1].append(rows)
        into[2].extend(labels)
    seen = Counter(f for fs in fit_f for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in seen.items() if c >= MIN_COUNT))}
    xs, xh = _matrix(fit_f, vocab), _matrix(held_f, vocab)
    ds, dh = np.concatenate(fit_d), np.concatenate(held_d)
    ys, yh = np.array(fit_y, np.float32), np.array(held_y)
    rng = np.random.default_rng(SEED)
    model = WideDeep(len(vocab), ds, rng)
    for epoch in range(args.epochs):
        order = rng.permutation(len(ys))
        for b in range(0, len(order), BATCH):
            batch = order[b : b + BATCH]
            model.step(xs[batch], ds[batch], ys[batch])
        f1 = best_threshold(model.scores(xh, dh), yh)[1]
        print(f"epoch {epoch + 1}: held-out head F1 {f1:.4f}", file=sys.stderr)
    names = sorted(vocab, key=vocab.get)
    full = model.p["w"].copy()
    for cut_off in (0.01, 0.02, 0.05, 0.1):  # what pruning costs, to choose PRUNE
        model.p["w"] = np.where(np.abs(full) >= cut_off, full, 0).astype(np.float32)
        f1 = best_threshold(model.scores(xh, dh), yh)[1]
        kept_n = int((np.abs(full) >= cut_off).sum())
        print(f"prune {cut_off}: {kept_n} weights, held-out head F1 {f1:.4f}", file=sys.stderr)
    model.p["w"] = full
    kept = np.abs(model.p["w"]) >= PRUNE
    full_f1 = best_threshold(model.scores(xh, dh), yh)[1]
    model.p["w"] = np.where(kept, model.p["w"], 0).astype(np.float32)
    # The bias joins the sparse weights as the "bias" feature (every candidate has it).
    bias = float(model.p["b"][0]) + float(model.p["w"][vocab["bias"]])
    threshold, f1 = best_threshold(model.scores(xh, dh), yh)
    pairs = zip(names, model.p["w"], kept, strict=True)
    weights = {f: round(float(w), 4) for f, w, k in pairs if k}
    weights["bias"] = round(bias, 4)
    provenance = f"PolNeAR train split: {cut} articles fit, {len(articles) - cut} held out"
    w1, b1 = model.folded()
    # Mean of the dense part over the fit examples: the score's stand-in when a
    # Doc carries no matching tensor (another pipeline, a Doc read from a DocBin).
    hidden = np.maximum(ds @ w1 + b1, 0)
    dense_mean = float((hidden @ model.p["v"]).mean())
    heads = {
        "model": "wide and deep logistic cue-head scorer (claimgraph.extract.cues_model)",
        "trained_on": provenance,
        "examples": len(ys),
        "positives": int(ys.sum()),
        "epochs": args.epochs,
        "min_count": MIN_COUNT,
        "prune": PRUNE,
        "seed": SEED,
        "threshold": round(threshold, 4),
        "held_out_head_f1": round(f1, 4),
        "dense_mean": round(dense_mean, 4),
        "weights": weights,
    }
    out = Path(args.out_dir)
    text = json.dumps(heads, indent=0, sort_keys=True) + "\n"
    (out / "cue_model.json").write_text(text, encoding="utf-8")
    np.savez_compressed(
        out / "cue_dense.npz",
        W1=w1,
        b1=b1.astype(np.float32),
        v=model.p["v"].astype(np.float32),
        width=np.array(ds.shape[1] // 4),
    )
    print(
        f"{len(weights)} sparse weights of {len(vocab)}; held-out head F1 {full_f1:.4f} unpruned, "
        f"{f1:.4f} pruned at threshold {threshold:.3f}; {time.process_time() - started:.0f} s CPU",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
