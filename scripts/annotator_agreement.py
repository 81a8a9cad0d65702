"""How far PolNeAR's annotators agree with each other, and with claimgraph (counts only).

Usage::

    python scripts/annotator_agreement.py --data ../shared/eval/polnear/dev [--limit N]

Some PolNeAR articles were annotated by two annotators (dev: 10 of 84, train:
79 of 840). On those articles this prints, per role (cue and source exact,
content token overlap, as ``claimgraph eval attribution`` scores them), the F1
of the second annotator against the first (the file the evaluation reads),
and claimgraph's F1 against each of the two. The first line is the ceiling a
single-reference score can be read against: where annotators agree at 0.80,
a system scoring 0.80 against one of them does as well as the other one.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

from claimgraph.evaluate import PRF
from claimgraph.evaluate.attribution import (
    _match,
    aligned_offsets,
    predicted_relations,
    read_ann,
)
from claimgraph.inputs import document_from_text
from claimgraph.options import Options
from claimgraph.pipeline import analyze

_MODES = (("cue", True), ("source", True), ("content", False))


def _doubly_annotated(data: Path) -> dict[str, list[Path]]:
    """Article name -> its annotation files (sorted), for articles with two or more."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((data / "attributions").glob("*.ann")):
        groups[re.sub(r"_[0-9a-f]{4}$", "", ann.stem)].append(ann)
    return {name: files for name, files in groups.items() if len(files) > 1}


def _add(counts: dict, text: str, predicted, gold) -> None:
    for role, exact in _MODES:
        p = [getattr(r, role) for r in predicted if getattr(r, role)]
        g = [getattr(r, role) for r in gold if getattr(r, role)]
        c = counts[role]
        c[0] += _match(text, p, g, exact=exact)
        c[1] += len(p)
        c[2] += len(g)


def _ours(text: str, options: Options):
    document = document_from_text(text)
    to_raw = aligned_offsets(text, document.text)
    return [
        type(r)(
            *(
                None if s is None else (to_raw[s[0]], to_raw[s[1] - 1] + 1)
                for s in (r.cue, r.source, r.content)
            )
        )
        for r in predicted_relations(analyze(document, options))
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True, help="a PolNeAR split (text/, attributions/)")
    ap.add_argument("--limit", type=int, help="at most this many doubly annotated articles")
    args = ap.parse_args()
    data = Path(args.data)
    rows = {k: {role: [0, 0, 0] for role, _ in _MODES} for k in ("second", "vs first", "vs second")}
    options = Options()
    articles = list(_doubly_annotated(data).items())[: args.limit]
    for name, (first, second, *_) in articles:
        text = (data / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold_a = read_ann(text, first.read_text(encoding="utf-8"))
        gold_b = read_ann(text, second.read_text(encoding="utf-8"))
        ours = _ours(text, options)
        _add(rows["second"], text, gold_b, gold_a)
        _add(rows["vs first"], text, ours, gold_a)
        _add(rows["vs second"], text, ours, gold_b)
    print(f"{len(articles)} doubly annotated articles in {data}")
    print(f"{'scored':28} {'cue exact':>10} {'source exact':>13} {'content overlap':>16}")
    labels = {
        "second": "second annotator vs first",
        "vs first": "claimgraph vs first",
        "vs second": "claimgraph vs second",
    }
    for key, label in labels.items():
        f1 = [PRF(*rows[key][role]).as_dict()["f1"] for role, _ in _MODES]
        print(f"{label:28} {f1[0]:10.3f} {f1[1]:13.3f} {f1[2]:16.3f}")


if __name__ == "__main__":
    main()
