"""How far PolNeAR's annotators agree with each other, and with claimgraph (counts only).

Usage::

    python scripts/annotator_agreement.py --data ../shared/eval/polnear/dev [--limit N]

Some PolNeAR articles were annotated more than once (dev: 2 articles, train:
16, annotator-training: 4 articles by six annotators each). On those articles
this prints, per role (cue and source exact, content token overlap, as
``claimgraph eval attribution`` scores them), the F1 of the second annotator
against the first (the file the evaluation reads), of every annotator against
every other (pairs pooled), and claimgraph's against the first and against
every annotation. The annotators' lines are the ceiling a single-reference
score can be read against: where annotators agree at 0.80, a system scoring
0.80 against one of them does as well as another annotator. claimgraph's cue
model was trained on train's first annotations, so its train lines are
in-sample.
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
    ap.add_argument("--cue-tagger", action="store_true", help="let the transformer cue tagger vote")
    args = ap.parse_args()
    data = Path(args.data)
    keys = ("second", "pairs", "vs first", "vs every")
    rows = {k: {role: [0, 0, 0] for role, _ in _MODES} for k in keys}
    options = Options(cue_tagger=args.cue_tagger)
    articles = list(_doubly_annotated(data).items())[: args.limit]
    for name, files in articles:
        text = (data / "text" / f"{name}.txt").read_text(encoding="utf-8")
        golds = [read_ann(text, f.read_text(encoding="utf-8")) for f in files]
        ours = _ours(text, options)
        _add(rows["second"], text, golds[1], golds[0])
        _add(rows["vs first"], text, ours, golds[0])
        for k, gold in enumerate(golds):
            _add(rows["vs every"], text, ours, gold)
            for other in golds[k + 1 :]:
                _add(rows["pairs"], text, other, gold)
    print(f"{len(articles)} doubly annotated articles in {data}")
    print(f"{'scored':28} {'cue exact':>10} {'source exact':>13} {'content overlap':>16}")
    labels = {
        "second": "second annotator vs first",
        "pairs": "annotator vs annotator",
        "vs first": "claimgraph vs first",
        "vs every": "claimgraph vs every",
    }
    for key, label in labels.items():
        f1 = [PRF(*rows[key][role]).as_dict()["f1"] for role, _ in _MODES]
        print(f"{label:28} {f1[0]:10.3f} {f1[1]:13.3f} {f1[2]:16.3f}")


if __name__ == "__main__":
    main()
