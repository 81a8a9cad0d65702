"""Property tests (Hypothesis) of text → analyze → store → export → read back.

Random fictional texts: sentences from made-up templates (so the pipeline
finds speakers, claims, places and dates) mixed with random letters,
punctuation, quotation marks, newlines and non-ASCII characters. Every example
runs the real spaCy pipeline, so the counts are small. tests/test_store.py
already round-trips arbitrary hand-built analyses through the store; here the
analyses are the pipeline's own.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimgraph
from claimgraph.errors import SkippedDocument
from claimgraph.output import from_dict
from claimgraph.records import Analysis, Span
from claimgraph.store import Store

pytest.importorskip("spacy", reason="analysis needs spaCy and its English model")

# Examples per property: one analysis takes ~0.1-1 s on 2 shared cores.
EXAMPLES = 25

NAMES = ("Odile Fenwick", "Marek Sventa", "the Valmora Dockers' Guild", "Ilse Varga", "Tomasz Brel")
PLACES = ("Valmora", "Bresk", "Lindqvist Gate", "Ostrava-on-Sea", "Kaerholm")
TEMPLATES = (
    "{name} said the ferry to {place} would not sail on Friday.",
    '"The harbour is closed," {name} told reporters in {place} on Monday.',
    "According to {name}, at least 12 people were injured in {place} last week.",
    "Protesters marched through {place} on 3 March 2026, demanding higher wages.",
    "{name} denied that the guild had blocked the grain berths at {place}.",
    "Officials in {place} may reopen the bridge next month, {name} suggested.",
    "«Nous restons», dit {name} à {place}.",
    "The mayor of {place} met {name} on Tuesday to discuss the strike.",
)
# Letters, punctuation, every kind of quotation mark, whitespace and newlines,
# accented and non-Latin letters, an emoji (astral plane: two UTF-16 units),
# and the line separators str.splitlines() breaks at but JSONL does not.
NOISE = st.text(
    alphabet=st.sampled_from(
        list("abcxyzABQ .,;:!?-—()'\"“”‘’«»„\n\n\t  éøßçñœ żłš ЖЯ ΩΣ 中文 ✓ 😀 ﬁ\u2028\u2029\x85")
    ),
    max_size=40,
)


@st.composite
def sentence(draw) -> str:
    template = draw(st.sampled_from(TEMPLATES))
    return template.format(name=draw(st.sampled_from(NAMES)), place=draw(st.sampled_from(PLACES)))


def _join(parts: list[str]) -> str:
    # sentences joined by a space, a newline or a paragraph break, in turn
    return "".join(p + (" ", "\n", "\n\n")[i % 3] for i, p in enumerate(parts))


TEXTS = st.lists(st.one_of(sentence(), sentence(), NOISE), min_size=1, max_size=8).map(_join)


METADATA = st.fixed_dictionaries(
    {
        "title": st.none() | st.sampled_from(["Harbour news", "Ferry «delays»", "Ström über"]),
        "outlet": st.none() | st.sampled_from(["Quay Gazette", "Kestrel Post"]),
        "published": st.none() | st.dates().map(str),
    }
)

PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the first example loads the spaCy model
    suppress_health_check=[HealthCheck.too_slow],
)


def analyze(text: str, metadata: dict[str, str | None]) -> Analysis | None:
    """The analysis, or None for a text the pipeline skips on purpose."""
    try:
        return claimgraph.analyze(text, **metadata)
    except SkippedDocument as skip:
        # empty, or a language other than English: a reason, never a crash
        assert skip.reason
        return None


def spans_and_texts(analysis: Analysis) -> list[tuple[str, Span | None, str | None]]:
    """(what, span, the text the record says is there, or None) for every span."""
    out: list[tuple[str, Span | None, str | None]] = []
    out += [("block", b.span, None) for b in analysis.document.blocks]
    for a in analysis.actors:
        out += [(f"actor {a.name!r} mention", m, None) for m in a.mentions]
    for p in analysis.places:
        out += [(f"place {p.name!r} mention", m, None) for m in p.mentions]
    out += [("time", t.span, t.text) for t in analysis.times]
    for c in analysis.claims:
        out += [("claim", c.span, c.text), ("claim sentence", c.sentence_span, None)]
        for link in c.attribution:
            out += [("source", link.source_span, link.source_text)]
            out += [("cue", link.cue_span, link.cue)]
        if c.event:
            out += [("trigger", c.event.trigger_span, None), ("date", c.event.date.span, None)]
    return out


@PROPERTY
@given(text=TEXTS, metadata=METADATA)
def test_spans_inside_text_and_matching(text: str, metadata: dict[str, str | None]):
    analysis = analyze(text, metadata)
    if analysis is None:
        return
    doc = analysis.document
    for what, span, said in spans_and_texts(analysis):
        if span is None:
            continue
        start, end = span
        assert 0 <= start <= end <= len(doc.text), (what, span, len(doc.text))
        if said is not None:
            assert doc.text[start:end] == said, (what, span)
    for claim in analysis.claims:
        s, e = claim.sentence_span
        assert s <= claim.span[0] and claim.span[1] <= e, "a claim lies inside its sentence"
    ids = [a.id for a in analysis.actors] + [p.id for p in analysis.places]
    ids += [c.id for c in analysis.claims]
    assert len(ids) == len(set(ids)), "ids are unique within a document"


@PROPERTY
@given(text=TEXTS, metadata=METADATA)
def test_round_trip(text: str, metadata: dict[str, str | None]):
    """Same text, same analysis (ids included); store and export give it back."""
    analysis = analyze(text, metadata)
    if analysis is None:
        return
    assert claimgraph.analyze(text, **metadata) == analysis  # ids stable across runs
    with Store(":memory:") as store:
        assert store.add(analysis) is True
        assert store.get(analysis.document.id) == analysis
        out = io.StringIO()
        claimgraph.export(store, "jsonl", out, table="documents")
    # JSONL lines end at "\n" only (a raw U+2028 may sit inside a string)
    line, end = out.getvalue().split("\n")
    assert end == "" and from_dict(json.loads(line)) == analysis
