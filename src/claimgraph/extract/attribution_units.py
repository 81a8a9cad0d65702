"""Claim units from a sentence's cues: contents, outer remainders, main clauses.

Split from :mod:`claimgraph.extract.attribution` (which finds the cues):
only innermost contents become units, plus what an outer content states
outside its inner attributions (:func:`units_from_cues`; an "according to"
over stance or act cues keeps its whole clause, :func:`_reports_acts`), and
the writer's own main clause beside a reported one (:func:`main_clause_unit`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..records import Span
from . import ClaimUnit, doc_arrays
from .attribution_quotes import _contains, chain_of
from .attribution_syntax import _tokens_span, _trim, subtree_indices

# Fewest words a remainder of an outer content needs to stand as a claim of
# its own: the shortest clauses that state something ("police arrested two
# men") have four.
MIN_REMAINDER_WORDS = 4
# Words that may stand between an inner cue and its own source: adverbs and
# auxiliaries ("police *then quickly* tried"); a borrowed subject lies a
# clause away. (Set by reading; dev/train effect in docs/decisions.md.)
MAX_SOURCE_GAP_WORDS = 3
_DANGLING = re.compile(
    r"(?:\s|,|;)*\b(?:when|and|but|as|while|after|before|because|since|that|if|so"
    r"|although|though|whereas)\s*$",
    re.I,
)


def _without_dangling(text: str, start: int, end: int) -> Span:
    """The trimmed span without a conjunction left hanging at its end ("..., and")."""
    a, b = _trim(text, start, end)
    if a < b and (match := _DANGLING.search(text[a:b])):
        a, b = _trim(text, a, a + match.start())
    return a, b


def _extent(text: str, cue) -> Span:
    """Everything an attribution occupies: its cue, content and its own source.

    A source borrowed from far away is not part of it: "Lee says Kim
    resigned and said she would sue" gives "said" Kim's (or Lee's) name from
    before "resigned", and counting it would swallow what the outer cue's
    content says first ("Kim resigned"). A source more than
    ``MAX_SOURCE_GAP_WORDS`` words from the cue and content is left out.
    """
    parts = [cue.cue_span, *(x for x in (cue.content,) if x)]
    start, end = min(p[0] for p in parts), max(p[1] for p in parts)
    source = cue.link.source_span
    if source is not None:
        gap = text[source[1] : start] if source[1] <= start else text[end : source[0]]
        if len(re.findall(r"\w+", gap)) <= MAX_SOURCE_GAP_WORDS:
            start, end = min(start, source[0]), max(end, source[1])
    return start, end


def _remainder(text: str, content: Span, inner: list[Span]) -> Span | None:
    """The longest stretch of an outer content outside the inner attributions.

    "Thousands walked out, and 12 people were injured when police tried to
    clear the gate, witnesses said": the witnesses' content holds the inner
    "police tried to clear ..."; what the witnesses state before it is a claim
    too, and must not be lost to the nesting.
    """
    cuts = sorted(x for x in inner if x[0] < content[1] and content[0] < x[1])
    pieces, start = [], content[0]
    for a, b in cuts:
        pieces.append((start, max(start, a)))
        start = max(start, b)
    pieces.append((start, content[1]))
    best = None
    for a, b in pieces:
        a, b = _without_dangling(text, a, b)
        if a >= b:
            continue
        if len(text[a:b].split()) >= MIN_REMAINDER_WORDS and (
            best is None or b - a > best[1] - best[0]
        ):
            best = (a, b)
    return best


def _reports_acts(cue, inner) -> bool:
    """Whether an "according to" content reports acts, not sayings.

    "Mayor Ortiz praised the plan, according to “The Ledger”": the stance
    verb's own content is only its object ("the plan"), so the Ledger's
    claim, that Ortiz praised the plan, would belong to no unit (and the
    Ledger would be no unit's speaker). A learned cue is a stance or an act
    ("praised", "criticized", "vowed"); a rule cue ("X said that Y") reports
    what its own content states, and stays the only unit. When the inner cue
    had no content of its own the "according to" link was lost altogether.
    PolNeAR dev unchanged; first 200 train articles (2 such sentences): cue
    exact tp 2685 -> 2687, source 2590 -> 2591, content overlap 2828 -> 2831,
    all three 2607 -> 2608, for 4 more predictions.
    """
    return cue.link.cue.lower() == "according to" and all(o.learned for o in inner)


def _root_idx(doc, span: Span) -> int:
    return doc.char_span(*span, alignment_mode="expand").root.idx


def _siblings_apart(doc, text: str, cues: list) -> list:
    """``cues`` with each content cut before a later statement inside it.

    "Lee insisted he had won, claiming that turnout rose", "Lee said the
    plan failed and said that ...", "Lee claimed the levy was fair, although
    she refused to ...": the parser hangs the second cue inside the first
    one's clause, but it is a statement of its own, which PolNeAR annotates
    beside the first, not within it. Left nested, the first relation's
    content ran over both (the hull of its units) and could take the
    second's gold content from it. Cut: a cue of the same speaker (the same
    source span: a borrowed subject) anywhere in the content, another
    speaker's only after the content's main word ("the ferry, which critics
    called a disaster, will run" keeps its nested cue and its predicate).
    Content overlap tp: dev 1622 -> 1626 (all three 1519 -> 1520), train
    200 2886 -> 2895 (2661 -> 2666); cue and source not lower.
    """
    out = []
    for cue in cues:
        content, cut = cue.content, None
        source = cue.link.source_span
        if content is not None and source is not None:
            for other in cues:
                if not _contains(cue, other):
                    continue
                same = other.link.source_span == source
                if not same and other.cue_span[0] < _root_idx(doc, content):
                    continue
                start = _extent(text, other)[0]
                if start > content[0] and (cut is None or start < cut):
                    cut = start
        if cut is not None:
            a, b = _without_dangling(text, content[0], cut)
            if a < b:
                cue = replace(cue, content=(a, b))
        out.append(cue)
    return out


def units_from_cues(parsed, sentence_span, cues) -> list[ClaimUnit]:
    cues = _siblings_apart(parsed.doc, parsed.text, cues)
    units = []
    for cue in cues:
        if cue.content is None:
            continue
        inner = [other for other in cues if _contains(cue, other)]
        if inner:  # only innermost contents become units, and what is left of outer ones
            rest = _remainder(parsed.text, cue.content, [_extent(parsed.text, o) for o in inner])
            if rest is None and _reports_acts(cue, inner):
                rest = _trim(parsed.text, *cue.content)
            if rest is not None and rest[0] < rest[1]:
                units.append(ClaimUnit(sentence_span, rest, chain_of(cue, cues), cue.cue_span))
            continue
        span = _trim(parsed.text, *cue.content)
        if span[0] >= span[1]:
            continue
        units.append(ClaimUnit(sentence_span, span, chain_of(cue, cues), cue.cue_span))
    return units


def main_clause_unit(parsed, sentence, cues) -> ClaimUnit | None:
    """The writer's own main clause beside a reported one, or None.

    "Britain mobilized reservists while inspectors said the site was empty":
    the inspectors' content is theirs, but "Britain mobilized reservists" is
    the outlet's. The main clause is the root's words outside every cue's
    content and outside the branch holding each cue (cue, source, and a
    subordinating "while"); it needs its own subject, so "Trump's claim that
    X is false" (the subject is the cue's branch) gives nothing.
    """
    root = sentence.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    a = doc_arrays(parsed.doc)  # indices, not Tokens: this runs for every attributed sentence
    idx, heads, deps = a.idx, a.heads, a.deps
    r = root.i
    excluded: set[int] = set()
    for cue in cues:
        if cue.content is not None:
            lo, hi = cue.content
            excluded.update(
                i for i in range(sentence.start, sentence.end) if lo <= idx[i] and idx[i] + 1 <= hi
            )
        h = parsed.doc.char_span(*cue.cue_span, alignment_mode="expand").root.i
        # Up to the root's child, or to a relative clause ("met Ana, who
        # wants to ...": Ana stays in the main clause).
        while heads[h] != h and heads[h] != r and deps[h] not in {"relcl", "acl"}:
            h = heads[h]
        excluded.update(subtree_indices(a, h))
    if r in excluded:
        return None
    if not any(
        deps[c] in {"nsubj", "nsubjpass", "expl"} and c not in excluded for c in a.children[r]
    ):
        return None
    start = end = root.i
    while start - 1 >= sentence.start and start - 1 not in excluded:
        start -= 1
    while end + 1 < sentence.end and end + 1 not in excluded:
        end += 1
    span = _trim(parsed.text, *_tokens_span([parsed.doc[start], parsed.doc[end]]))
    sentence_span = (sentence.start_char, sentence.end_char)
    return ClaimUnit(sentence_span, span) if span[0] < span[1] else None
