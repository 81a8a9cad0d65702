"""Attribution evaluation on brat standoff in the PolNeAR layout.

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_ANNOTATOR.ann`` with
text-bound ``Source``, ``Cue``, ``Content`` spans (possibly discontinuous,
``s e;s e``) tied by an ``Attribution`` event. Some articles were annotated
more than once; like the PolNeAR authors' single-annotation numbers we keep
the first annotation file per article in sorted order.

Two matchings, as in PARC/PolNeAR work:

- **exact**: a predicted span equals a gold span once both are trimmed of
  surrounding white space and punctuation (discontinuous gold spans compare
  by their outer hull);
- **overlap**: a predicted span shares at least one token with a gold span.

Each role is scored on its own (one-to-one greedy matching, largest overlap
first), and "all three" counts a predicted relation as right when its cue,
source and content all match (overlap) the same gold relation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ClaimgraphError
from . import PRF, offset_map

Span = tuple[int, int]
ROLES = ("cue", "source", "content")
_TRIM = " \t\n\"'“”‘’.,;:—–-()[]"


@dataclass(frozen=True, slots=True)
class Relation:
    cue: Span | None
    source: Span | None
    content: Span | None


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str
    relations: tuple[Relation, ...]


def _hull(fragments: str) -> Span:
    pairs = [tuple(map(int, f.split())) for f in fragments.split(";")]
    return min(s for s, _ in pairs), max(e for _, e in pairs)


def read_ann(text: str, ann: str) -> tuple[Relation, ...]:
    spans: dict[str, tuple[str, Span]] = {}
    relations = []
    for line in ann.splitlines():
        # A span's text may hold a line break, so its tail is a line of its own
        # ("The number of people ..."): only "T<n>\t" and "E<n>\t" lines count.
        if re.match(r"T\d+\t", line):
            tid, middle, *_ = line.split("\t")
            label, _, fragments = middle.partition(" ")
            spans[tid] = (label, _hull(fragments))
        elif re.match(r"E\d+\t", line):
            _, args = line.split("\t", 1)
            roles: dict[str, Span] = {}
            for arg in args.split()[1:]:
                role, _, tid = arg.partition(":")
                role = re.sub(r"\d+$", "", role).lower()
                if tid in spans and role in ROLES:
                    roles[role] = spans[tid][1]
            if "cue" in roles:
                relations.append(
                    Relation(roles.get("cue"), roles.get("source"), roles.get("content"))
                )
    return tuple(relations)


def read_articles(directory: str | Path) -> Iterator[Article]:
    root = Path(directory)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ClaimgraphError(
            f"{root}: expected brat standoff in the PolNeAR layout "
            "(text/*.txt and attributions/*.ann)"
        )
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        chosen.setdefault(name, ann)
    for name, ann in sorted(chosen.items()):
        text_path = text_dir / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        yield Article(name, text, read_ann(text, ann.read_text(encoding="utf-8")))


def aligned_offsets(raw: str, normalized: str) -> list[int]:
    """:func:`offset_map`, or a diff-based alignment where its walk goes astray.

    The walk assumes normalization only deletes characters; a repaired
    mis-encoding ("Ã\x83Â" → "ÃÂ", two PolNeAR dev articles) replaces them, and
    the walk then runs to the end of the raw text, mapping every later span
    onto nothing. Characters that differ map to the start of their raw stretch.
    """
    mapping = offset_map(raw, normalized)
    # The walk went right when every character landed on its twin in the raw text.
    if all(i < len(raw) and raw[i] == ch for i, ch in zip(mapping, normalized, strict=False)):
        return mapping
    from difflib import SequenceMatcher

    mapping = [0] * (len(normalized) + 1)
    matcher = SequenceMatcher(None, raw, normalized, autojunk=False)
    for _, r0, r1, n0, n1 in matcher.get_opcodes():
        for k in range(n0, n1):
            mapping[k] = min(r0 + (k - n0), max(r0, r1 - 1))
    mapping[len(normalized)] = len(raw)
    return mapping


def _trim(text: str, span: Span) -> Span:
    s, e = min(span[0], len(text)), min(span[1], len(text))
    # Any white space, no-break spaces included ("said\xa0" in PolNeAR gold).
    while s < e and (text[s] in _TRIM or text[s].isspace()):
        s += 1
    while e > s and (text[e - 1] in _TRIM or text[e - 1].isspace()):
        e -= 1
    return s, e


def _tokens(text: str, span: Span) -> set[int]:
    """Start offsets of the span's word tokens.

    A cue of punctuation only (the colon of "PENCE: ...", the bar of "“...” ―
    Name") has no word: its non-space characters stand in, or it could never
    match under overlap although it matches exactly.
    """
    piece = text[span[0] : span[1]]
    words = {span[0] + m.start() for m in re.finditer(r"\w+", piece)}
    return words or {span[0] + m.start() for m in re.finditer(r"\S", piece)}


def _match(text: str, predicted: list[Span], gold: list[Span], exact: bool) -> int:
    """One-to-one greedy matching; returns the number of matched pairs."""
    candidates = []
    for i, p in enumerate(predicted):
        tp = _trim(text, p)
        pt = _tokens(text, p)
        for j, g in enumerate(gold):
            if exact:
                if tp == _trim(text, g):
                    candidates.append((1, i, j))
            else:
                shared = len(pt & _tokens(text, g))
                if shared:
                    candidates.append((shared, i, j))
    used_p, used_g, n = set(), set(), 0
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            n += 1
    return n


def predicted_relations(analysis) -> tuple[Relation, ...]:
    """One relation per distinct cue: its source and the hull of its contents.

    A chain's links each become a relation (outer links too: PolNeAR
    annotates nested attributions separately).
    """
    by_cue: dict[Span, list] = {}
    for claim in analysis.claims:
        for link in claim.attribution:
            if link.cue_span is None:
                continue
            entry = by_cue.setdefault(link.cue_span, [link.source_span, claim.span])
            entry[1] = (min(entry[1][0], claim.span[0]), max(entry[1][1], claim.span[1]))
    return tuple(Relation(cue, source, content) for cue, (source, content) in by_cue.items())


def evaluate(directory: str | Path, options=None, limit: int | None = None) -> dict:
    """Score claimgraph's attributions against the gold; returns a JSON-ready dict."""
    from ..inputs import document_from_text
    from ..options import Options
    from ..pipeline import analyze

    options = options or Options()
    counts = {(role, mode): [0, 0, 0] for role in ROLES for mode in ("exact", "overlap")}
    all_three = [0, 0, 0]
    articles = 0
    for article in read_articles(directory):
        if limit is not None and articles >= limit:
            break
        articles += 1
        document = document_from_text(article.text)
        analysis = analyze(document, options)
        # Gold offsets index the raw file; ours index the normalized text.
        to_raw = aligned_offsets(article.text, document.text)
        predicted = tuple(
            Relation(
                *(
                    None if s is None else (to_raw[s[0]], to_raw[s[1] - 1] + 1)
                    for s in (r.cue, r.source, r.content)
                )
            )
            for r in predicted_relations(analysis)
        )
        text = article.text
        for role in ROLES:
            p = [getattr(r, role) for r in predicted if getattr(r, role)]
            g = [getattr(r, role) for r in article.relations if getattr(r, role)]
            for mode in ("exact", "overlap"):
                c = counts[(role, mode)]
                c[0] += _match(text, p, g, exact=mode == "exact")
                c[1] += len(p)
                c[2] += len(g)
        all_three[0] += _match_triples(text, predicted, article.relations)
        all_three[1] += len(predicted)
        all_three[2] += len(article.relations)
    result: dict = {"data": str(directory), "articles": articles}
    for role in ROLES:
        result[role] = {mode: PRF(*counts[(role, mode)]).as_dict() for mode in ("exact", "overlap")}
    result["all_three_overlap"] = PRF(*all_three).as_dict()
    return result


def _match_triples(text: str, predicted, gold) -> int:
    used, n = set(), 0
    for p in predicted:
        for j, g in enumerate(gold):
            if j in used:
                continue
            if all(
                getattr(p, role) is not None
                and getattr(g, role) is not None
                and _tokens(text, getattr(p, role)) & _tokens(text, getattr(g, role))
                for role in ROLES
            ):
                used.add(j)
                n += 1
                break
    return n
