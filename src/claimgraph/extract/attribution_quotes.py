"""Quotes and their speakers, speaker labels, and the chain of nested cues.

Split from :mod:`claimgraph.extract.attribution` (see its docstring for the
rules): which attribution chain a quotation, a speaker label ("PENCE: ...",
"“...” ― Name") or a paragraph announced by a colon belongs to.
"""

from __future__ import annotations

import re

from ..records import Attribution, Span
from . import ClaimUnit, actor_at
from .attribution_syntax import _QUOTE_MARKS, _Cue, _lex, _trim, quote_regions

# "Name: “...”" and "“...” -Name": a name is at most this many words; longer
# stretches before a colon are headings or sentences, not speaker labels
# (newswire speaker labels run to a name plus a short title).
_MAX_LABEL_WORDS = 6
# A paragraph-opening label without a quote ("PENCE: ...", "Poll: ...") is
# held to fewer words: "The answer is simple: ..." is the writer's own sentence.
_MAX_SPEAKER_LABEL_WORDS = 3
# Headline kickers and editors' notes use the label layout without a speaker
# ("Breaking: ...", "CLARIFICATION: ..."): a style-guide list, not a count.
_KICKERS = frozenset(
    {
        "breaking", "breaking news", "watch", "wow", "look", "exclusive", "update",
        "updated", "video", "photos", "live", "opinion", "analysis", "editorial",
        "clarification", "correction", "editor's note", "editor’s note", "note",
        "related", "read more", "see also", "just in", "developing",
        # credit and follow lines, and the wire's running-story kicker
        "contributing", "byline", "source", "twitter", "email", "e-mail",
        "the latest", "still to come", "paid notice",
    }
)  # fmt: skip
# Lower-case words a speaker's name may hold ("Ali bin Hassan", "Clara de la
# Cruz"); any other lower-case word makes the words before a colon a phrase of
# the writer's ("Another challenge:", "At issue:", "One conclusion:"), unless
# it names a source ("Ministry spokesman:"). On PolNeAR train 20 such labels
# are not gold cues, 2 are.
_NAME_PARTICLES = frozenset({"bin", "ibn", "al", "de", "del", "la", "le", "van", "von", "der"})
_LABEL_BEFORE = re.compile(r"^\s*([A-Z][^:“”\"\n]{0,80}?)\s*:\s*$")
# The same label just inside an opening quotation mark: a transcript quoted
# whole, one quoted paragraph per turn ("“WALLACE: Let's start ...").
_QUOTED_LABEL = re.compile(r"^\s*[“\"]\s*([A-Z][^:“”\"\n]{0,80}?)\s*:\s*$")
# A name after the dash may hold initials ("― Jo A. Ruiz"); any other full
# stop ends a sentence, so the words are no label.
_LABEL_AFTER = re.compile(
    r"^\s*([-–—―]+)\s*([A-Z](?:[^.“”\"\n]|(?<=\b[A-Z])\.(?=\s)){0,80}?)\s*\.?\s*$"
)


def paragraph_quotes(text: str, block: Span) -> list[Span]:
    """:func:`quote_regions` of one paragraph; a closing mark opening it opens a quote.

    Web text sometimes opens a quoted paragraph with a closing mark (”… he
    said,” / ”Fear. I am afraid ...” ― Name): nothing before it can be
    closed, so it is a typo for “. Counted on PolNeAR: 7 dev paragraphs
    (5 of one article's reader quotes, 2 "” … words,” X wrote"), 3 train ones
    (all in the held-out tenth); without this their quotes had no region.
    """
    start = block[0]
    while start < block[1] and text[start].isspace():
        start += 1
    if start >= block[1] or text[start] != "”":
        return quote_regions(text, block)
    mark = _QUOTE_MARKS.search(text, start + 1, block[1])
    if mark is None:
        return [(start, block[1])]  # open to the paragraph's end, as quote_regions does
    if mark.group() == "“":  # a new opening mark: the stray quote was never closed
        return [(start, mark.start()), *quote_regions(text, (mark.start(), block[1]))]
    return [(start, mark.end()), *quote_regions(text, (mark.end(), block[1]))]


def _contains(outer: _Cue, inner: _Cue) -> bool:
    if outer is inner or outer.content is None:
        return False
    return outer.content[0] <= inner.cue_span[0] and inner.cue_span[1] <= outer.content[1]


def chain_of(cue: _Cue, cues: list[_Cue]) -> tuple[Attribution, ...]:
    """The links whose content holds ``cue``, outermost first, then ``cue``'s own."""
    outer = [c for c in cues if _contains(c, cue)]
    outer.sort(key=lambda c: (c.content[0] - c.content[1], c.cue_span[0]))
    return (*(c.link for c in outer), cue.link)


def _label_link(parsed, actors, match, group: int, offset: int, cue: Span) -> Attribution | None:
    name = match.group(group)
    if len(name.split()) > _MAX_LABEL_WORDS:
        return None
    span = _trim(parsed.text, offset + match.start(group), offset + match.end(group))
    actor = actor_at(actors, span)
    return Attribution(
        source_actor=actor.id if actor else None,
        source_text=parsed.text[span[0] : span[1]],
        source_span=span,
        cue=parsed.text[cue[0] : cue[1]],
        cue_span=cue,
    )


def _speaker_like(label: str) -> bool:
    """Whether the words before a paragraph's colon can name a speaker.

    Not a kicker or credit line ("Breaking:", "Contributing:"), not a single
    letter ("Q:", "A:": an interview's roles, not names; PolNeAR train
    annotates 14 of 46), and no lower-case word but a name particle or a
    source noun.
    """
    label = label.strip()
    if label.lower() in _KICKERS or len(label) < 2:
        return False
    nouns = _lex("source_nouns") | _lex("document_nouns") | _lex("anonymous_heads")
    for word in label.split():
        if word[0].islower() and word not in _NAME_PARTICLES and word.rstrip("s") not in nouns:
            return False
    return True


def _label_cue(parsed, actors, span: Span, following, quotes: list[Span]) -> _Cue | None:
    """ "PENCE: Well, look, ..." and "Poll: Voters abandon ...": a speaker label.

    A paragraph opening with a short capitalized name and a colon, not followed
    by a quote (that layout is the quote rules'), gives the rest of its first
    sentence to the name. Transcripts and headlines use it; the colon is the
    cue, as PolNeAR annotates it.
    """
    text = parsed.text
    if ":" not in text[span[0] : span[1]]:
        return None  # "Harsh? He doesn't think so.": no colon, no label
    head = text[span[0] : span[1]].split(":", 1)[0] + ":"
    match = _LABEL_BEFORE.match(head)
    quoted = match is None and (match := _QUOTED_LABEL.match(head)) is not None
    if not match or len(match.group(1).split()) > _MAX_SPEAKER_LABEL_WORDS:
        return None
    if not _speaker_like(match.group(1)):
        return None
    colon = span[0] + match.end() - 1
    rest = _trim(text, colon + 1, span[1])
    if rest[0] >= rest[1] and following is not None:
        rest = _trim(text, *following)  # the parser made "PENCE:" a sentence of its own
    # A quote after the label is the quote rules' layout ("Name: “...”"),
    # unless the label opened inside it.
    if rest[0] >= rest[1] or (not quoted and any(q[0] <= rest[0] < q[1] for q in quotes)):
        return None
    if not any(ch.isalpha() for ch in text[rest[0] : rest[1]]):
        return None  # "Clinton: 2,316.": a tally, not a statement
    link = _label_link(parsed, actors, match, 1, span[0], (colon, colon + 1))
    return _Cue(link, (colon, colon + 1), rest, opens=False) if link else None


def _layout_speaker(parsed, actors, block: Span, quote: Span) -> tuple | None:
    text = parsed.text
    # A paragraph may hold several one-line quotes ("“...” ― Name" lists), so
    # a label is looked for on the quote's own line.
    line_start = max(block[0], text.rfind("\n", block[0], quote[0]) + 1)
    line_end = text.find("\n", quote[1], block[1])
    line_end = block[1] if line_end < 0 else line_end
    before = _LABEL_BEFORE.match(text[line_start : quote[0]])
    if before:
        colon = text.rindex(":", line_start, quote[0])
        link = _label_link(parsed, actors, before, 1, line_start, (colon, colon + 1))
        if link:
            return (link,)
    tail = quote[1]
    if not text[line_start : quote[0]].strip():
        # A line that opens with a quote is the speaker's whole: a quote
        # nested in it (“... what he calls “hell” than ...” ― Name) splits
        # it into several regions, and the label follows the line's last mark.
        marks = list(_QUOTE_MARKS.finditer(text, quote[1], line_end))
        tail = marks[-1].end() if marks else tail
    after = _LABEL_AFTER.match(text[tail:line_end])
    if after:
        dash = (tail + after.start(1), tail + after.end(1))
        link = _label_link(parsed, actors, after, 2, tail, dash)
        if link:
            return (link,)
    return None


def _quote_speakers(parsed, actors, block, quotes, found, carried) -> dict[Span, tuple]:
    """Speaker chain of each quote of one block (absent: no speaker found).

    ``found`` pairs each sentence span of the block with its cues; ``carried``
    is the speaker of an unclosed quote ending the previous block, or None.
    """
    all_cues = [c for _, cues in found for c in cues]
    speakers: dict[Span, tuple] = {}
    previous = None
    for quote in quotes:
        chain = None
        # The innermost cue whose content overlaps the quote: in "According to
        # the report, X said: “...”" the quote is X's, reported by the report.
        overlapping = [
            c for c in all_cues if c.content and c.content[0] < quote[1] and quote[0] < c.content[1]
        ]
        if overlapping:
            cue = min(overlapping, key=lambda c: c.content[1] - c.content[0])
            chain = chain_of(cue, all_cues)
        if chain is None:
            chain = _layout_speaker(parsed, actors, block, quote)
        if chain is None:
            for cue in all_cues:
                gap = parsed.text[cue.cue_span[1] : quote[0]]
                if cue.content is None and gap.strip() in {":", ""}:
                    chain = chain_of(cue, all_cues)
        if chain is None and quote[0] == block[0] and carried:
            chain = carried
        if chain is None:
            chain = previous
        if chain:
            speakers[quote] = chain
            previous = chain
    return speakers


def _announcement(text: str, block: Span, found) -> tuple[Attribution, ...]:
    """The chain of a cue ending its paragraph with a colon ("The governor added:"), or ().

    Transcripts and long quotations set the quoted words off as the next
    paragraph, with or without quotation marks; that paragraph is the cue's
    content.
    """
    if not found:
        return ()
    cues = found[-1][1]
    for cue in cues:
        if cue.content is None and text[cue.cue_span[1] : block[1]].strip() == ":":
            return chain_of(cue, cues)
    return ()


def _quoted_unit(parsed, span: Span, quotes: list[Span], speakers) -> ClaimUnit | None:
    """The unit of a sentence lying (mostly) inside a quote with a known speaker."""
    for quote in quotes:
        chain = speakers.get(quote)
        if not chain:
            continue
        start, end = max(span[0], quote[0]), min(span[1], quote[1])
        # Most of the sentence must be quoted: a sentence with a short quoted
        # phrase ("the so-called “red line”") is the writer's own.
        if end - start <= (span[1] - span[0]) / 2:
            continue
        content = _trim(parsed.text, start, end)
        if content[0] < content[1]:
            return ClaimUnit(span, content, chain, chain[-1].cue_span)
    return None
