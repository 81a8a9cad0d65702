"""Source and content error analysis on PolNeAR (counts only; evaluation use).

Usage::

    python scripts/attribution_errors.py --data ../shared/eval/polnear/dev [--oracle] [--show KIND]

Runs the attribution stage alone (actors, then claim units) over each article
and scores it as ``claimgraph eval attribution`` does. Parses are cached in a
temporary directory (``--cache``), so repeated runs cost the extraction only.

``--oracle`` feeds the *gold* cue heads through the source and content code
instead of the cue scorer: the source and content F1 that perfect cue finding
would give with today's span rules (an upper bound for the span work alone).
``--add-gold-heads`` keeps the scorer's cues and adds every gold head they
miss: what perfect recall of cue heads alone would give. The last line,
"cue exact, false cues dropped", is the cue F1 if every predicted cue that
overlaps no gold cue were dropped: what perfect precision alone would give.

The breakdown counts, for predictions whose cue matches a gold cue exactly,
how the source and content differ from gold. ``--show KIND`` prints the
examples of one kind to the terminal for reading (never into the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from claimgraph.evaluate import PRF
from claimgraph.evaluate.attribution import (
    ROLES,
    Relation,
    _match,
    _match_triples,
    _tokens,
    _trim,
    aligned_offsets,
    read_articles,
)
from claimgraph.extract import actors as actors_stage
from claimgraph.extract import attribution as stage
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.inputs import document_from_text
from claimgraph.nlp import parse
from claimgraph.options import Options


def _parsed(text: str, cache: Path):
    document = document_from_text(text)
    key = hashlib.sha1(text.encode()).hexdigest()[:16]
    path = cache / f"{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    parsed = parse(document, Options())
    path.write_bytes(pickle.dumps(parsed))
    return parsed


def _relations(units) -> list[Relation]:
    """:func:`claimgraph.evaluate.attribution.predicted_relations` over claim units."""
    by_cue: dict = {}
    for unit in units:
        for link in unit.chain:
            if link.cue_span is None:
                continue
            entry = by_cue.setdefault(link.cue_span, [link.source_span, unit.span])
            entry[1] = (min(entry[1][0], unit.span[0]), max(entry[1][1], unit.span[1]))
    return [Relation(cue, s, c) for cue, (s, c) in by_cue.items()]


@contextmanager
def _oracle_cues(heads: set[int], keep_found: bool = False):
    """Replace the cue finder: every gold cue head, and nothing else, is a cue.

    ``keep_found``: the cue finder's own cues stay and every gold head none of
    them covers is added (perfect recall of heads, the false cues kept).
    """
    from claimgraph.extract.attribution_model import SOURCELESS_MARGIN

    original = stage.sentence_cues

    def gold_cues(parsed, actors, sentence, quotes, margins=None):
        cues = original(parsed, actors, sentence, quotes, margins) if keep_found else []
        covered = {
            t.i
            for cue in cues
            if cue.cue_span is not None
            for t in parsed.doc.char_span(*cue.cue_span, alignment_mode="expand")
        }
        for token in sentence:
            if token.i not in heads or token.i in covered:
                continue
            cue = (
                stage._according_cue(parsed, actors, token, sentence)
                or stage._in_source_cue(parsed, actors, token, sentence)
                or stage._hearsay_cue(parsed, actors, token, sentence)
                or stage._verb_cue(parsed, actors, token, sentence)
            )
            if cue is not None and cue.content is None:
                cue = stage._quoted_content(cue, token, sentence, quotes)
            if cue is None:
                cue = stage._learned_cue(
                    parsed, actors, token, sentence, quotes, SOURCELESS_MARGIN + 1
                )
            if cue is not None:
                cues.append(cue)
        return cues

    stage.sentence_cues = gold_cues
    try:
        yield
    finally:
        stage.sentence_cues = original


def _gold_heads(parsed, text: str, to_raw: list[int], relations) -> set[int]:
    to_norm = {r: n for n, r in enumerate(to_raw)}
    heads = set()
    for rel in relations:
        s, e = _trim(text, rel.cue)
        if s >= e or s not in to_norm:
            continue
        ns = to_norm[s]
        ne = next((to_norm[k] for k in range(e, s, -1) if k in to_norm), ns + 1)
        span = parsed.doc.char_span(ns, ne, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        heads.add(span.root.i)
    return heads


def _kind(text: str, p, g) -> str:
    if g is None and p is None:
        return "both-none"
    if g is None:
        return "spurious"
    if p is None:
        return "missing"
    tp, tg = _trim(text, p), _trim(text, g)
    if tp == tg:
        return "exact"
    if tp[0] <= tg[0] and tg[1] <= tp[1]:
        side = ("L" if tp[0] < tg[0] else "") + ("R" if tp[1] > tg[1] else "")
        return f"long-{side}"
    if tg[0] <= tp[0] and tp[1] <= tg[1]:
        side = ("L" if tp[0] > tg[0] else "") + ("R" if tp[1] < tg[1] else "")
        return f"short-{side}"
    if _tokens(text, p) & _tokens(text, g):
        return "cross"
    return "disjoint"


_RULES = ("_according_cue", "_in_source_cue", "_hearsay_cue", "_verb_cue", "_label_cue")


def _spy_producers(producers: dict):
    """Record, for each cue span, which rule (or the scorer) produced it; returns
    the function that puts the originals back."""
    from claimgraph.extract import attribution_quotes as quotes
    from claimgraph.extract.attribution_syntax import rule_may_fire, rule_verbs_lexicon
    from claimgraph.extract.certainty import lexicon

    originals = {name: getattr(stage, name) for name in (*_RULES, "_learned_cue")}
    layout = quotes._layout_speaker

    def wrap(name, f):
        def spy(*args, **kwargs):
            cue = f(*args, **kwargs)
            if cue is not None:
                if name == "_learned_cue":
                    token = args[2]
                    a = stage.doc_arrays(token.doc)
                    hearsay = lexicon()["attribution"]["hearsay_adverbs"]
                    ruled = rule_may_fire(a, token.i, hearsay, rule_verbs_lexicon())
                    tag = "learned-after-rule" if ruled else "learned"
                else:
                    tag = name.strip("_")
                producers.setdefault(cue.cue_span, tag)
            return cue

        return spy

    def layout_spy(*args, **kwargs):
        chain = layout(*args, **kwargs)
        for link in chain or ():
            producers.setdefault(link.cue_span, "layout_speaker")
        return chain

    for name, f in originals.items():
        setattr(stage, name, wrap(name, f))
    quotes._layout_speaker = layout_spy

    def restore():
        for name, f in originals.items():
            setattr(stage, name, f)
        quotes._layout_speaker = layout

    return restore


def _write_cues(path: str, article, parsed, to_raw, units, producers: dict) -> None:
    """One line per predicted cue: RIGHT, EXTENT (overlaps a gold cue, other
    boundaries) or FALSE (overlaps none), the producer, the head's lemma, POS
    and dependency, the gold cue it overlaps, the cue of the link it nests in
    ("-": outermost), and the sentence."""
    text = article.text
    gold = [_trim(text, g.cue) for g in article.relations]
    outer: dict = {}  # cue span -> the cue of the link right outside it in some chain
    for unit in units:
        for k, link in enumerate(unit.chain):
            if k and link.cue_span is not None:
                outer.setdefault(link.cue_span, unit.chain[k - 1].cue or "")
    with open(path, "a") as out:
        for relation in _relations(units):
            span = relation.cue
            raw = _trim(text, (to_raw[span[0]], to_raw[span[1] - 1] + 1))
            toks = _tokens(text, raw)
            overlapping = [g for g in gold if _tokens(text, g) & toks]
            kind = "RIGHT" if raw in gold else "EXTENT" if overlapping else "FALSE"
            cue = parsed.doc.char_span(*span, alignment_mode="expand")
            head = cue.root
            sent = head.sent.text.replace("\n", " / ")
            g = overlapping[0] if overlapping else None
            out.write(
                "\t".join(
                    [
                        kind,
                        producers.get(span, "inherited"),
                        head.lemma_.lower(),
                        f"{head.pos_}/{head.dep_}",
                        text[raw[0] : raw[1]],
                        text[g[0] : g[1]] if g else "-",
                        article.name,
                        outer.get(span, "-"),
                        sent,
                    ]
                )
                + "\n"
            )


def parsed_articles(data: str, skip: int, limit: int | None, cache: Path, dictionary):
    """The articles from ``skip`` on (at most ``limit``), each with its cached parse,
    the parse-to-raw character offsets and its actors."""
    for n, article in enumerate(read_articles(data)):
        if n < skip:
            continue
        if limit is not None and n >= skip + limit:
            break
        parsed = _parsed(article.text, cache)
        to_raw = aligned_offsets(article.text, parsed.text)
        yield article, parsed, to_raw, actors_stage.actors(parsed, dictionary)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--oracle", action="store_true")
    ap.add_argument(
        "--add-gold-heads", action="store_true", help="the scorer's cues plus every gold head"
    )
    ap.add_argument("--limit", type=int)
    ap.add_argument("--skip", type=int, default=0, help="articles to pass over first")
    ap.add_argument("--show", help="print examples of one kind, e.g. source:long-R")
    ap.add_argument("--dump", help="write the examples of every kind under this directory")
    ap.add_argument(
        "--cues",
        help="write every predicted cue (right, wrong extent, false positive) with the rule "
        "that produced it to this file, for reading",
    )
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "claimgraph-parses"))
    ap.add_argument("--cue-tagger", action="store_true", help="let the transformer cue tagger vote")
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(exist_ok=True)
    if args.dump:
        Path(args.dump).mkdir(parents=True, exist_ok=True)
        for old in Path(args.dump).glob("*.txt"):
            old.unlink()
    if args.cues:
        Path(args.cues).write_text("")
    dictionary = load_dictionary(Options().dictionaries)
    counts = {role: [0, 0, 0] for role in ROLES}
    overlap = {role: [0, 0, 0] for role in ROLES}
    triples = [0, 0, 0]
    no_false = [0, 0, 0]  # cue exact over the predictions that overlap a gold cue
    kinds: dict[str, Counter] = {"source": Counter(), "content": Counter()}
    for article, parsed, to_raw, actors in parsed_articles(
        args.data, args.skip, args.limit, cache, dictionary
    ):
        text = article.text
        dropped: list = []  # cue heads the scorer took whose source/content code gave nothing
        if not args.oracle and args.dump:
            learned = stage._learned_cue

            def spy(parsed_, actors_, token, sentence, quotes, margin, _f=learned, out=dropped):
                cue = _f(parsed_, actors_, token, sentence, quotes, margin)
                if cue is None:
                    out.append(token.i)
                return cue

            stage._learned_cue = spy
        producers: dict = {}
        if args.cues:
            restore = _spy_producers(producers)
        if args.oracle or args.add_gold_heads:
            heads = _gold_heads(parsed, text, to_raw, article.relations)
            with _oracle_cues(heads, keep_found=args.add_gold_heads):
                units = list(stage.claim_units(parsed, actors, tagger=args.cue_tagger))
        else:
            units = list(stage.claim_units(parsed, actors, tagger=args.cue_tagger))
        if args.cues:
            restore()
            _write_cues(args.cues, article, parsed, to_raw, units, producers)
        if not args.oracle and args.dump:
            stage._learned_cue = learned
            heads = _gold_heads(parsed, text, to_raw, article.relations)
            with open(Path(args.dump) / "dropped.txt", "a") as out:
                for i in dropped:
                    token = parsed.doc[i]
                    gold = "GOLD" if i in heads else "not-gold"
                    sent = token.sent.text.replace("\n", " / ")
                    out.write(f"{gold} {token.text}/{token.pos_}/{token.dep_} :: {sent}\n")
        predicted = [
            Relation(*(None if s is None else (to_raw[s[0]], to_raw[s[1] - 1] + 1) for s in r))
            for r in (tuple(x) for x in ((r.cue, r.source, r.content) for r in _relations(units)))
        ]
        for role in ROLES:
            p = [getattr(r, role) for r in predicted if getattr(r, role)]
            g = [getattr(r, role) for r in article.relations if getattr(r, role)]
            for table, exact in ((counts, True), (overlap, False)):
                table[role][0] += _match(text, p, g, exact=exact)
                table[role][1] += len(p)
                table[role][2] += len(g)
        triples[0] += _match_triples(text, predicted, article.relations)
        gold_tokens = [_tokens(text, g.cue) for g in article.relations if g.cue]
        true_cues = [r.cue for r in predicted if any(_tokens(text, r.cue) & g for g in gold_tokens)]
        no_false[0] += _match(text, true_cues, [g.cue for g in article.relations if g.cue], True)
        no_false[1] += len(true_cues)
        no_false[2] += len(gold_tokens)
        triples[1] += len(predicted)
        triples[2] += len(article.relations)
        # Breakdown over predictions whose cue overlaps a gold cue (best overlap).
        for r in predicted:
            cue_tokens = _tokens(text, r.cue)
            best = max(
                article.relations,
                key=lambda g: len(cue_tokens & _tokens(text, g.cue)),
                default=None,
            )
            if best is None or not cue_tokens & _tokens(text, best.cue):
                continue
            for role in ("source", "content"):
                kind = _kind(text, getattr(r, role), getattr(best, role))
                kinds[role][kind] += 1
                if args.show == f"{role}:{kind}" or args.dump:
                    pr, gr = getattr(r, role), getattr(best, role)
                    s0 = min(x[0] for x in (r.cue, pr, gr) if x)
                    s1 = max(x[1] for x in (r.cue, pr, gr) if x)
                    lines = [
                        f"---- {article.name}",
                        "  ctx : " + text[max(0, s0 - 60) : s1 + 20].replace("\n", " / "),
                        "  cue : " + text[r.cue[0] : r.cue[1]],
                        "  pred: " + str(pr and text[pr[0] : pr[1]].replace("\n", " / ")),
                        "  gold: " + str(gr and text[gr[0] : gr[1]].replace("\n", " / ")),
                    ]
                    if args.dump:
                        with open(Path(args.dump) / f"{role}_{kind}.txt", "a") as out:
                            out.write("\n".join(lines) + "\n")
                    else:
                        print("\n".join(lines))
        if args.dump:  # gold cues no prediction overlaps
            with open(Path(args.dump) / "gold_unfound.txt", "a") as out:
                for g in article.relations:
                    if any(_tokens(text, g.cue) & _tokens(text, r.cue) for r in predicted):
                        continue
                    out.write(f"---- {article.name}\n")
                    for role in ROLES:
                        span = getattr(g, role)
                        shown = span and text[span[0] : span[1]].replace("\n", " / ")
                        out.write(f"  {role}: {shown}\n")
    for role in ROLES:
        print(f"{role:8s} exact {PRF(*counts[role]).as_dict()}")
        print(f"{role:8s} overl {PRF(*overlap[role]).as_dict()}")
    print(f"all three {PRF(*triples).as_dict()}")
    print(f"cue exact, false cues dropped {PRF(*no_false).as_dict()}")
    for role, counter in kinds.items():
        print(role, dict(counter.most_common()))


if __name__ == "__main__":
    main()
