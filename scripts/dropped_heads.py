"""Gold cue heads the scorer accepts that yield no attribution, grouped by why.

Usage::

    python scripts/dropped_heads.py --data ../shared/eval/polnear/dev [--limit N] [--show GROUP]

Runs the attribution stage as ``claimgraph eval attribution`` does and, for
every token the cue scorer takes (score over its threshold) that no predicted
cue overlaps, says why it was lost: vetoed by a rule (which one), no source,
no content, both, an expletive or "it" frame, a content that would swallow its
cue, or a cue found and then dropped (nested in another cue's content, or a
content-less cue no quote or colon layout took). Counted separately for gold
heads (a fix gains them) and for heads that are not gold (a fix that takes the
same construction would also add these: the precision side). ``--show GROUP``
prints the sentences of one group (gold and not) to the terminal for reading,
never into the repository.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from attribution_errors import _gold_heads, _relations, parsed_articles
from claimgraph.evaluate.attribution import _tokens
from claimgraph.extract import attribution as stage
from claimgraph.extract import attribution_model as model
from claimgraph.extract import doc_arrays
from claimgraph.extract.attribution_syntax import (
    quote_regions,
    rule_may_fire,
    rule_verbs_lexicon,
)
from claimgraph.extract.certainty import lexicon
from claimgraph.extract.cue_tagger import tagger_margins
from claimgraph.extract.cues_model import scored_candidates
from claimgraph.extract.dictionary import load_dictionary
from claimgraph.options import Options


def accepted(parsed, sentence, quotes, tagger: bool = False) -> list[tuple[int, float]]:
    """(token index, margin) of every token of ``sentence`` the scorer takes
    (the scoring loop of the attribution stage's sentence_cues)."""
    near = [q for q in quotes if q[0] < sentence.end_char and sentence.start_char < q[1]]
    a = doc_arrays(parsed.doc)
    margins = tagger_margins(parsed.doc) if tagger else None
    return list(scored_candidates(a, sentence.start, sentence.end, near, margins))


def reason(parsed, actors, token, sentence, quotes, margin: float) -> str:
    """Why the scorer's head ``token`` gave no attribution (the first step that failed)."""
    a = doc_arrays(parsed.doc)
    hearsay = lexicon()["attribution"]["hearsay_adverbs"]
    if rule_may_fire(a, token.i, hearsay, rule_verbs_lexicon()):
        rule = stage._verb_cue(parsed, actors, token, sentence)
        if rule is not None:
            if rule.content is None and stage._quoted_content(rule, token, sentence, quotes):
                return "rule-cue-lost"  # found with content, then lost (nesting, units)
            if rule.content is not None:
                return "rule-cue-lost"
            if stage._no_fallback(token):
                return "rule-nocontent-nofallback"
    if stage._vetoed(token):
        subject = stage._subject(token)
        return "veto-hearer" if subject.dep_ == "nsubjpass" else "veto-evidential"
    if token.pos_ == "NOUN":
        source, content, _ = model._noun_parts(token)
        if content is None:
            frame = model.noun_frame(token)
            if frame is not None:
                source, content = frame.source, frame.content
    else:
        source, content, _ = model._verb_parts(token)
        found = model.verb_reading(token, source, content)
        if found is not None:
            source, content = found.source, found.content
    if source is not None and source.lower_ in model._NOT_SOURCES:
        return "there"
    if (
        source is not None
        and source.lower_ == "it"
        and token.lemma_.lower() in model._IMPERSONAL_FRAMES
    ):
        return "it-frame"
    if source is None and content is None:
        return "nosrc-nocontent"
    if source is None:
        return "nosrc" if margin <= model.SOURCELESS_MARGIN else "nosrc-lost"
    bare = model.model_cue(parsed, actors, token, sentence, margin)
    if bare is None:
        return "swallow"  # the content would hold its own cue
    if bare.content is None:
        if stage._quoted_content(bare, token, sentence, quotes) is None:
            return "src-nocontent"  # no quote, no colon layout
        return "src-nocontent-kept"  # kept for a quote layout that did not take it
    return "lost"  # found, then dropped (nested in another cue's content)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--show", help="print the sentences of one group ('all': every group)")
    ap.add_argument("--construction", action="store_true", help="add POS/dep to the group")
    ap.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "claimgraph-parses"))
    ap.add_argument("--cue-tagger", action="store_true", help="let the transformer cue tagger vote")
    args = ap.parse_args()
    cache = Path(args.cache)
    cache.mkdir(exist_ok=True)
    dictionary = load_dictionary(Options().dictionaries)
    gold_groups: Counter = Counter()
    other_groups: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for article, parsed, to_raw, actors in parsed_articles(
        args.data, args.skip, args.limit, cache, dictionary
    ):
        text = parsed.text
        units = list(stage.claim_units(parsed, actors, tagger=args.cue_tagger))
        found: set = set().union(*(_tokens(text, r.cue) for r in _relations(units)))
        heads = _gold_heads(parsed, article.text, to_raw, article.relations)
        blocks = [b.span for b in parsed.document.blocks if b.kind == "body"]
        for span in parsed.body_sentences():
            block = next(b for b in blocks if b[0] <= span[0] and span[1] <= b[1])
            quotes = quote_regions(text, block)
            sentence = parsed.doc.char_span(*span, alignment_mode="expand")
            for i, margin in accepted(parsed, sentence, quotes, args.cue_tagger):
                token = parsed.doc[i]
                if _tokens(text, (token.idx, token.idx + len(token))) & found:
                    continue
                group = reason(parsed, actors, token, sentence, quotes, margin)
                if args.construction:
                    group += f" {token.pos_}/{token.dep_}"
                gold = i in heads
                (gold_groups if gold else other_groups)[group] += 1
                if args.show in (group, "all"):
                    sent = sentence.text.replace("\n", " / ")
                    mark = "GOLD" if gold else "not "
                    examples[group].append(f"  {mark} [{token.text}] {sent}")
    print(f"{'gold':>5} {'other':>5} group")
    for group in sorted(set(gold_groups) | set(other_groups), key=lambda g: -gold_groups[g]):
        print(f"{gold_groups[group]:5d} {other_groups[group]:5d} {group}")
    print(f"{sum(gold_groups.values()):5d} {sum(other_groups.values()):5d} total")
    for group, lines in examples.items():
        print(f"== {group}")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
