"""Gold cue heads that yield no attribution, grouped by construction (counts only).

Usage::

    python scripts/cue_gaps.py --data ../shared/eval/polnear/dev [--limit N] [--show GROUP]

Feeds the *gold* cue heads through the cue code (as ``attribution_errors.py
--oracle`` does) and lists the gold attributions whose cue no prediction
overlaps, grouped by the head's construction: part of speech, dependency,
what stands as its subject (none, an expletive or "it", a relative pronoun, a
word), and which complement it has (clause, infinitive, object, preposition).
``--show GROUP`` prints the examples of one group to the terminal for reading
(never into the repository); ``--spans`` prints, per group, where the gold
source and content sit relative to the head (to measure PolNeAR's span
conventions on train).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from attribution_errors import _gold_heads, _oracle_cues, _relations, parsed_articles
from claimgraph.evaluate.attribution import _tokens, _trim
from claimgraph.extract import attribution as stage
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.options import Options

_COMPLEMENTS = ("ccomp", "xcomp", "dobj", "acl", "prep", "advcl", "relcl", "attr", "acomp")


def construction(token) -> str:
    """A short label of the head's construction."""
    subj = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subj is None:
        who = "nosubj"
    elif subj.dep_ == "expl" or subj.lower_ == "it":
        who = "it"
    elif subj.tag_ in {"WP", "WDT"}:
        who = "wh"
    else:
        who = "subj"
    kids = sorted({c.dep_ for c in token.children if c.dep_ in _COMPLEMENTS})
    head_pos = "NOUN" if token.pos_ in {"NOUN", "PROPN"} else token.pos_
    return f"{head_pos}/{token.dep_}/{who}/{'+'.join(kids) or '-'}"


def reason(parsed, actors, head) -> str:
    """Why the oracle's cue code gave nothing for ``head`` (the first step that failed)."""
    from claimgraph.extract.attribution_model import (
        _IMPERSONAL_FRAMES,
        _noun_parts,
        _verb_parts,
        model_cue,
    )

    sentence = head.sent
    rule = stage._verb_cue(parsed, actors, head, sentence)
    if rule is not None:
        return "rule-nocontent" if rule.content is None else "rule-lost"
    source, content, _ = (_noun_parts if head.pos_ == "NOUN" else _verb_parts)(head)
    if source is not None and source.lower_ == "there":
        return "there"
    if source is not None and source.lower_ == "it" and head.lemma_.lower() in _IMPERSONAL_FRAMES:
        return "it-frame"
    cue = model_cue(parsed, actors, head, sentence, 1e9)
    if cue is None:
        return "nosrc-nocontent" if source is None and content is None else "swallow"
    if cue.content is None:
        return "src-nocontent" if source is not None else "nosrc-nocontent"
    return "lost"


def _head_of(parsed, text, to_raw, rel):
    to_norm = {r: n for n, r in enumerate(to_raw)}
    s, e = _trim(text, rel.cue)
    if s >= e or s not in to_norm:
        return None
    ns = to_norm[s]
    ne = next((to_norm[k] for k in range(e, s, -1) if k in to_norm), ns + 1)
    span = parsed.doc.char_span(ns, ne, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--show", help="print the examples of one group")
    ap.add_argument("--reasons", action="store_true", help="prefix why the code gave nothing")
    ap.add_argument("--coarse", action="store_true", help="group by POS/dep/subject only")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "claimgraph-parses"))
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(exist_ok=True)
    dictionary = load_dictionary(Options().dictionaries)
    groups: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    total = gaps = 0
    for article, parsed, to_raw, actors in parsed_articles(
        args.data, args.skip, args.limit, cache, dictionary
    ):
        text = article.text
        with _oracle_cues(_gold_heads(parsed, text, to_raw, article.relations)):
            units = list(stage.claim_units(parsed, actors))
        cues = [(to_raw[r.cue[0]], to_raw[r.cue[1] - 1] + 1) for r in _relations(units)]
        found = set().union(*(_tokens(text, c) for c in cues)) if cues else set()
        for rel in article.relations:
            total += 1
            if _tokens(text, rel.cue) & found:
                continue
            gaps += 1
            head = _head_of(parsed, text, to_raw, rel)
            if head is None:
                group = "unaligned"
            else:
                group = construction(head)
                if args.coarse:
                    group = "/".join(group.split("/")[:3])
                if args.reasons:
                    group = f"{reason(parsed, actors, head)} {group}"
            groups[group] += 1
            if args.show and (args.show == group or args.show == "all"):

                def show(span, text=text):
                    return span and text[span[0] : span[1]].replace("\n", " / ")

                sent = head.sent.text.replace("\n", " / ") if head is not None else ""
                examples[group].append(
                    f"  {sent}\n    cue={show(rel.cue)!r} src={show(rel.source)!r}"
                    f" content={show(rel.content)!r}"
                )
    print(f"gold {total}, no attribution {gaps}")
    for group, count in groups.most_common():
        if count >= 2 or args.show:
            print(f"{count:5d} {group}")
    for group, lines in examples.items():
        print(f"== {group}")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
