"""claimgraph's attributions beside textacy's ``direct_quotations`` on PolNeAR.

    .venv/bin/python bench/bench_textacy_quotes.py [--data ../shared/eval/polnear/dev] [--limit N]

Both systems read the same articles, parsed by the same spaCy pipeline, and
are scored by the same functions (``claimgraph.evaluate.attribution``): per
role P/R/F1 with exact and token-overlap matching, and all three roles. textacy
(0.13, https://textacy.readthedocs.io) finds only direct quotations (a quote
plus a speaker and a reporting verb), so its recall is the baseline that a
system covering indirect speech, beliefs and intentions must beat (issue 3
asks for at least three times its cue recall). textacy is an optional
benchmark dependency, not a claimgraph requirement: ``pip install textacy``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimgraph.evaluate import PRF, offset_map
from claimgraph.evaluate.attribution import (
    ROLES,
    Relation,
    _match,
    _match_triples,
    predicted_relations,
    read_articles,
)
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse
from claimgraph.pipeline import analyze_parsed

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "dev"


def _hull(tokens) -> tuple[int, int] | None:
    """Character hull of a list of spaCy tokens (textacy gives token lists)."""
    if not tokens:
        return None
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def textacy_relations(doc) -> tuple[Relation, ...]:
    from textacy.extract.triples import direct_quotations

    try:
        quotes = list(direct_quotations(doc))
    except ValueError:
        # textacy bails out on an odd number of quotation marks (an unclosed
        # quote) rather than guess: that article gets no textacy quotations.
        return ()
    return tuple(Relation(_hull(q.cue), _hull(q.speaker), _hull(q.content)) for q in quotes)


def _new_counts() -> dict:
    counts = {(role, mode): [0, 0, 0] for role in ROLES for mode in ("exact", "overlap")}
    counts["three"] = [0, 0, 0]
    return counts


def _score(counts: dict, text: str, predicted, gold) -> None:
    for role in ROLES:
        p = [getattr(r, role) for r in predicted if getattr(r, role)]
        g = [getattr(r, role) for r in gold if getattr(r, role)]
        for mode in ("exact", "overlap"):
            c = counts[(role, mode)]
            c[0] += _match(text, p, g, exact=mode == "exact")
            c[1] += len(p)
            c[2] += len(g)
    counts["three"][0] += _match_triples(text, predicted, gold)
    counts["three"][1] += len(predicted)
    counts["three"][2] += len(gold)


def _to_raw(relations, to_raw: list[int]) -> tuple[Relation, ...]:
    return tuple(
        Relation(
            *(
                None if s is None else (to_raw[s[0]], to_raw[s[1] - 1] + 1)
                for s in (r.cue, r.source, r.content)
            )
        )
        for r in relations
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("textacy is not installed (pip install textacy==0.13.0)", file=sys.stderr)
        return 2
    ours, theirs = _new_counts(), _new_counts()
    articles = 0
    for article in read_articles(args.data):
        if args.limit is not None and articles >= args.limit:
            break
        articles += 1
        document = document_from_text(article.text)
        parsed = parse(document)
        to_raw = offset_map(article.text, document.text)
        mine = _to_raw(predicted_relations(analyze_parsed(parsed)), to_raw)
        _score(ours, article.text, mine, article.relations)
        _score(
            theirs, article.text, _to_raw(textacy_relations(parsed.doc), to_raw), article.relations
        )
    print(f"PolNeAR {args.data}: {articles} articles, {ours['three'][2]} gold attributions")
    print(f"{'role':8} {'match':8} {'claimgraph P/R/F1':>22} {'textacy P/R/F1':>22}")
    for role in ROLES:
        for mode in ("exact", "overlap"):
            a, b = PRF(*ours[(role, mode)]), PRF(*theirs[(role, mode)])
            print(
                f"{role:8} {mode:8} "
                f"{a.precision:6.3f} {a.recall:6.3f} {a.f1:6.3f}   "
                f"{b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}"
            )
    a, b = PRF(*ours["three"]), PRF(*theirs["three"])
    print(
        f"{'all3':8} {'overlap':8} {a.precision:6.3f} {a.recall:6.3f} {a.f1:6.3f}   "
        f"{b.precision:6.3f} {b.recall:6.3f} {b.f1:6.3f}"
    )
    cue_ours, cue_theirs = PRF(*ours[("cue", "exact")]), PRF(*theirs[("cue", "exact")])
    if cue_theirs.recall:
        ratio = cue_ours.recall / cue_theirs.recall
        print(f"cue exact recall ratio (claimgraph / textacy): {ratio:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
