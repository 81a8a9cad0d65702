"""Event factuality evaluation: MAE and Pearson r on the [-3, 3] scale.

Data: the JSONL sets distributed with Jiang and de Marneffe (2021) —
MEANTIME, UW (Lee et al. 2015) and UDS-IH2 (Rudinger et al. 2018). One
sentence per line, ``text`` already tokenized on white space, and
``targets[{span1: [tok_start, tok_end], label, span_text}]`` with token
offsets into that white-space tokenization and a gold score in [-3, 3].

``DIR`` is either the folder holding the sets (``factuality/``, each set a
sub-folder with ``train.jsonl`` and ``dev.jsonl``), one set's folder, or one
JSONL file. Folders are read at their ``dev`` split (the test splits are held
back). For each target we parse the sentence, find the token heading the
target's characters and score it with
:func:`claimgraph.extract.certainty.predicate_factuality`.

:func:`fit` refits the magnitude weights of that function on train splits
(least squares, with numpy, which spaCy already depends on) and returns the
``factuality_model`` section to paste into ``data/certainty.yaml``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ClaimgraphError
from . import offset_map

Span = tuple[int, int]
SETS = ("MEANTIME", "UW", "UDS_IH2")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    targets: tuple[tuple[Span, float], ...]  # character span into ``text``, gold label


def read_jsonl(path: str | Path) -> Iterator[Sentence]:
    """Sentences of one JSONL file, with token offsets turned into character spans."""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        starts, pos = [], 0
        for token in text.split(" "):
            starts.append((pos, pos + len(token)))
            pos += len(token) + 1
        targets = []
        for target in record["targets"]:
            first, last = target["span1"][0], target["span1"][1] - 1
            if 0 <= first <= last < len(starts):
                targets.append(((starts[first][0], starts[last][1]), float(target["label"])))
        yield Sentence(text, tuple(targets))


def set_files(path: str | Path, split: str = "dev") -> dict[str, Path]:
    """Set name → JSONL file for a folder of sets, one set's folder, or one file."""
    root = Path(path)
    if root.is_file():
        return {root.parent.name or root.stem: root}
    if (root / f"{split}.jsonl").is_file():
        return {root.name: root / f"{split}.jsonl"}
    found = {
        d.name: d / f"{split}.jsonl"
        for d in sorted(root.iterdir() if root.is_dir() else [])
        if (d / f"{split}.jsonl").is_file()
    }
    if not found:
        raise ClaimgraphError(
            f"{root}: expected factuality JSONL ({split}.jsonl in the folder or its sub-folders)"
        )
    return found


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def analysed(path: Path, options=None, limit: int | None = None) -> Iterator[tuple]:
    """(polarity, features, gold) for each target of the first ``limit`` sentences."""
    from ..extract.certainty_factuality import analyse, predicate_token
    from ..inputs import document_from_text
    from ..nlp import parse_many
    from ..options import Options

    options = options or Options()
    sentences = list(read_jsonl(path))[:limit]
    documents = (document_from_text(s.text) for s in sentences)
    for sentence, parsed in zip(sentences, parse_many(documents, options), strict=True):
        back = offset_map(sentence.text, parsed.text)
        forward = {raw: i for i, raw in reversed(list(enumerate(back)))}
        for (start, end), gold in sentence.targets:
            span = (forward.get(start, 0), forward.get(end, len(parsed.text)))
            token = predicate_token(parsed, span)
            if token is None:
                yield 1, {}, gold, sentence.text[start:end]
                continue
            polarity, feats = analyse(token)
            yield polarity, feats, gold, sentence.text[start:end]


def _metrics(predicted: list[float], gold: list[float]) -> dict:
    n = len(gold)
    return {
        "targets": n,
        "mae": round(sum(abs(p - g) for p, g in zip(predicted, gold, strict=True)) / n, 4)
        if n
        else 0.0,
        "pearson_r": round(pearson(predicted, gold), 4),
    }


def evaluate(path: str | Path, options=None, limit: int | None = None) -> dict:
    """MAE and Pearson r per set (dev split); ``limit`` caps sentences per set."""
    from ..extract.certainty_factuality import score

    result: dict = {"data": str(path), "split": "dev", "sets": {}}
    for name, file in set_files(path).items():
        predicted, gold = [], []
        for polarity, feats, label, _ in analysed(file, options, limit):
            predicted.append(score(polarity, feats))
            gold.append(label)
        sentences = len(list(read_jsonl(file))[:limit])
        result["sets"][name] = {"sentences": sentences} | _metrics(predicted, gold)
    return result


def fit(path: str | Path, sets: tuple[str, ...] = ("UW", "MEANTIME"), ridge: float = 1.0) -> dict:
    """Least-squares magnitude weights on the train splits of ``sets``.

    The target is ``polarity * gold`` (the magnitude the rules' polarity
    needs); ``ridge`` (an L2 penalty, 1.0 = one pseudo-example per feature)
    keeps rare features' weights near zero.
    """
    import numpy as np

    files = set_files(path, split="train")
    rows, targets = [], []
    for name in sets:
        for polarity, feats, label, _ in analysed(files[name]):
            rows.append(feats)
            targets.append(polarity * label)
    names = sorted({k for row in rows for k in row})
    x = np.zeros((len(rows), len(names) + 1))
    x[:, 0] = 1.0
    for i, row in enumerate(rows):
        for k, v in row.items():
            x[i, names.index(k) + 1] = v
    penalty = ridge * np.eye(len(names) + 1)
    penalty[0, 0] = 0.0
    w = np.linalg.solve(x.T @ x + penalty, x.T @ np.asarray(targets))
    counts = {k: sum(1 for row in rows if k in row) for k in names}
    # A weight learned from fewer than 5 examples is mostly noise, and a rare
    # feature would then decide its few test cases on one or two train ones.
    return {
        "bias": round(float(w[0]), 3),
        "weights": {k: round(float(w[i + 1]), 3) for i, k in enumerate(names) if counts[k] >= 5},
        "counts": counts,
        "examples": len(rows),
    }


def model_yaml(fitted: dict, date: str) -> str:
    """The ``factuality_model`` section of ``data/certainty.yaml`` for a :func:`fit` result.

    Refit after changing a feature::

        from claimgraph.evaluate.factuality import fit, model_yaml
        print(model_yaml(fit("../shared/eval/factuality"), "YYYY-MM-DD"))

    and replace the section at the end of ``data/certainty.yaml`` with the output.
    """
    examples = f"{fitted['examples']:,}"
    lines = [
        "# Magnitude model of claimgraph.extract.certainty_factuality: factuality =",
        "# polarity * clip(bias + sum of the weights of the features that fire, 0, 3).",
        "# Fitted by claimgraph.evaluate.factuality.fit (ridge least squares, penalty",
        f"# 1.0) on the train splits of the UW and MEANTIME factuality sets ({examples}",
        f"# targets; ../shared/eval/factuality), {date}. Features seen fewer than 5",
        "# times in training are left out. Refit after changing any feature.",
        "factuality_model:",
        f"  bias: {fitted['bias']}",
        "  weights:" if fitted["weights"] else "  weights: {}",
        *(f"    {name}: {weight}" for name, weight in sorted(fitted["weights"].items())),
    ]
    return "\n".join(lines) + "\n"
