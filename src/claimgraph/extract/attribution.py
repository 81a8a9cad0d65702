"""Attribution: split body sentences into claim units and say who says so.

Each body sentence yields one or more :class:`ClaimUnit`. A unit's span is the
content (what is said, trimmed of "that", commas and quote marks); its chain
lists the attribution links outermost first. Rules, in the spirit of textacy's
``extract.triples.direct_quotations``, read the dependency parse:

- **Verb cues** (``cues.yaml: speech_verbs``): a cue verb's ``nsubj`` is the
  source and its ``ccomp`` (or ``parataxis``) the content: "X said (that) Y",
  "Y, X said", "Y, said X", "A, X said, B" (the content span then still
  holds the cue: one span cannot skip it). When the parser gives the cue no
  clause, a quote in the same sentence is its content. A participle takes its governor's subject ("X
  issued a statement, saying Y"); a conjunct takes its first conjunct's ("X
  said A and added B"). For ``object_content_verbs`` a direct object is content
  ("X denied the allegations").
- **Evidential cues** (``evidential_verbs``: suggest, show, reveal ...) attribute
  only when the subject is a source: a named entity, a person noun, a cited
  work ("the report"). "This shows that" or "Qaddumi's presence shows that" is
  the writer's inference, left to certainty. "The findings of the report show"
  has the report as its source (``finding_nouns``).
- **"according to X"** scopes over the whole sentence wherever it is attached,
  so it is the outermost link: "According to the report, X said that Y" gives
  the chain (the report, X) for Y.
- **Impersonal passives** ("it was reported that", ``passive_verbs``): no source,
  ``anonymous=True``.
- **Anonymous sources**: a subject headed by an ``anonymous_heads`` noun with no
  proper name ("officials", "a senior official"), or any ``anonymity_phrases``
  in the sentence ("on condition of anonymity").
- **Direct quotes** (“...” or "..."; single marks are apostrophes too often to
  trust). Cue verbs inside quotation marks are never cues. A quote's speaker
  is, in order: a cue outside the quote whose content overlaps it; the layouts
  "Name: “...”" and "“...” -Name"; a cue with no content of its own right
  before it ("He said: “...”"); the speaker of the previous quote in the same
  paragraph, or of the previous paragraph when that paragraph ended in an
  unclosed quote (news style leaves a quote open across paragraphs). Every
  sentence of the quote that has no cue of its own inherits the speaker.

**Continuation.** Articles summarising a cited work keep its voice for several
sentences: "According to the report, A. B. C." A sentence inherits the chain
of the previous attributed sentence when (1) it is in the same paragraph
(block), (2) that chain was opened by "according to" or by a cited work
(a ``document_nouns`` source or an actor of type ``document``), (3) it has no
attribution of its own, and (4) it shows no sign of the writer's own voice: a
question, a first-person pronoun outside quotes, or a writer's frame such as
"This shows that" or "It is a matter of concern that" (see
:func:`claimgraph.extract.certainty.writer_frame`). A writer's sign ends the
continuation for the rest of the paragraph. The inherited chain is the prefix
of the introducing chain up to its first opening link, reused unchanged (same
cue and cue span, those of the introducing sentence): "According to the
report, X said A. B." gives B the chain (the report), not (the report, X).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..records import Actor, Attribution, Span
from . import ClaimUnit, actor_at
from .certainty import lemma_in, lexicon, writer_frame

# Characters trimmed from the edges of a content or source span.
_EDGE = ' \t\n,;:"“”«»—–-'
_LEADING_WORDS = re.compile(r"^(?:that|whether)\s+", re.IGNORECASE)
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours", "myself", "ourselves"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CONTENT_DEPS = ("ccomp", "parataxis")
# Pronouns that stand for a source ("he said", "they suggest"); "it", "this"
# and "which" as subjects of evidential verbs are the writer's inference.
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you"})
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# "Name: “...”" and "“...” -Name": a name is at most this many words; longer
# stretches before a colon are headings or sentences, not speaker labels
# (newswire speaker labels run to a name plus a short title).
_MAX_LABEL_WORDS = 6
_LABEL_BEFORE = re.compile(r"^\s*([A-Z][^:“”\"\n]{0,80}?)\s*:\s*$")
_LABEL_AFTER = re.compile(r"^\s*([-–—]+)\s*([A-Z][^.“”\"\n]{0,80}?)\s*\.?\s*$")


def _lex(name: str) -> frozenset[str]:
    return lexicon()["attribution"][name]


@dataclass(frozen=True, slots=True)
class _Cue:
    """One attribution found in a sentence."""

    link: Attribution
    cue_span: Span  # where the cue is, to test whether another cue's content holds it
    content: Span | None  # None: the content follows ("He said:" before a quote)
    opens: bool  # a cited work or "according to": may open a continuation


# --- text helpers -----------------------------------------------------------


def _trim(text: str, start: int, end: int) -> Span:
    """Shrink [start, end) past edge punctuation, quotes and a leading "that"."""
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        match = _LEADING_WORDS.match(text[start:end])
        if match and end - start > match.end():
            start += match.end()
        if (start, end) == before:
            return start, end


def _tokens_span(tokens) -> Span:
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _inside(span: Span, regions: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def quote_regions(text: str, block: Span) -> list[Span]:
    """Spans of the double-quoted stretches of one block, marks included.

    A quote left open runs to the end of the block (news style reopens it in
    the next paragraph). Straight marks toggle; curly marks say which they are.
    """
    regions: list[Span] = []
    opened: int | None = None
    for i in range(block[0], block[1]):
        ch = text[i]
        if ch == "“" or (ch == '"' and opened is None):
            if opened is not None:  # a new opening mark: the last quote was never closed
                regions.append((opened, i))
            opened = i
        elif ch in '”"' and opened is not None:
            regions.append((opened, i + 1))
            opened = None
    if opened is not None:
        regions.append((opened, block[1]))
    return regions


# --- sources -----------------------------------------------------------------


def _source_tokens(subject) -> list:
    """The subject's words, without relative clauses and the like."""
    drop = set()
    for child in subject.children:
        if child.dep_ in {"relcl", "acl", "advcl", "punct"} and child.i > subject.i:
            drop.update(t.i for t in child.subtree)
    words = [t for t in subject.subtree if t.i not in drop]
    while words and words[-1].is_punct:
        words.pop()
    return words


def _of_object(head):
    """The "of" object of "the findings of the report", if any."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _is_document(head, actors: tuple[Actor, ...]) -> bool:
    if lemma_in(head, _lex("document_nouns")):
        return True
    actor = actor_at(actors, (head.idx, head.idx + len(head)))
    return actor is not None and actor.type == "document"


def _is_source(head, actors: tuple[Actor, ...]) -> bool:
    """Whether an evidential verb's subject is someone or something cited."""
    if head.pos_ == "PRON":
        return head.lower_ in _PERSON_PRONOUNS
    if head.pos_ == "PROPN" or head.ent_type_ in _SOURCE_ENTS:
        return True
    if lemma_in(head, _lex("anonymous_heads") | _lex("source_nouns")) or _is_document(head, actors):
        return True
    return actor_at(actors, (head.idx, head.idx + len(head))) is not None


def _anonymous(words, sentence_text: str) -> bool:
    lowered = sentence_text.lower()
    if any(phrase in lowered for phrase in _lex("anonymity_phrases")):
        return True
    if not words:
        return False
    named = any(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in words)
    heads = [t for t in words if t.head not in words or t.head == t]
    return not named and any(lemma_in(t, _lex("anonymous_heads")) for t in heads)


def _link(parsed, actors, words, cue_tokens, sentence) -> Attribution:
    cue_span = _tokens_span(cue_tokens)
    cue_text = parsed.text[cue_span[0] : cue_span[1]]
    if not words:
        return Attribution(None, None, None, cue_text, cue_span, anonymous=True)
    span = _trim(parsed.text, *_tokens_span(words))
    # The head word first: "The Middle East Media Research Institute report"
    # is the report (a document actor), not the institute named inside it.
    head = next(t for t in words if t.head not in words or t.head == t)
    actor = actor_at(actors, (head.idx, head.idx + len(head))) or actor_at(actors, span)
    return Attribution(
        source_actor=actor.id if actor else None,
        source_text=parsed.text[span[0] : span[1]],
        source_span=span,
        cue=cue_text,
        cue_span=cue_span,
        anonymous=_anonymous(words, sentence.text),
    )


# --- cues in one sentence ---------------------------------------------------


def _children_of(token, dep: str) -> list:
    return [c for c in token.children if c.dep_ == dep]


def _subject(verb):
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    # "X said A and added B"; "X issued a statement, saying B".
    if verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        return _subject(verb.head) if verb.head != verb else None
    return None


def _clause_span(head) -> Span:
    """``head``'s subtree without an "according to" phrase (it scopes over the sentence)."""
    skip = {t.i for a in head.subtree if a.lower_ == "according" for t in a.subtree}
    words = [t for t in head.subtree if t.i not in skip] or [head]
    return _tokens_span(words)


def _content(verb) -> Span | None:
    for dep in _CONTENT_DEPS:
        for child in verb.children:
            if child.dep_ == dep:
                return _clause_span(child)
    if lemma_in(verb, _lex("object_content_verbs")):
        for child in verb.children:
            if child.dep_ == "dobj":
                return _tokens_span(child.subtree)
    # "Y, X said" and "A, X said, B", parsed with the said-clause hanging off Y.
    # A clause of its own ("It is clear that officials said nothing") is not one.
    parenthetical = not any(c.dep_ in {"mark", "dobj"} for c in verb.children)
    if verb.dep_ in {"parataxis", "ccomp"} and verb.head != verb and parenthetical:
        skip = {t.i for t in verb.subtree}
        words = [t for t in verb.head.subtree if t.i not in skip]
        while words and words[-1].is_punct:
            words.pop()
        if words:
            return _tokens_span(words)
    return None


def _verb_cue(parsed, actors, verb, sentence) -> _Cue | None:
    speech = lemma_in(verb, _lex("speech_verbs"))
    if not (speech or lemma_in(verb, _lex("evidential_verbs"))) or verb.dep_ == "relcl":
        return None  # a cue in a relative clause ("which officials said killed 12") is left whole
    subject = _subject(verb)
    if subject is None:
        return None
    # The tagger sometimes calls a verb a noun ("The data show that ..."); a
    # word with both a subject and a clausal complement is a verb all the same.
    if verb.pos_ not in {"VERB", "AUX"} and not _children_of(verb, "ccomp"):
        return None
    content = _content(verb)
    if subject.dep_ == "nsubjpass" and subject.lower_ == "it":
        if not lemma_in(verb, _lex("passive_verbs")) or content is None:
            return None
        cue_tokens = [t for t in verb.children if t.dep_ in {"auxpass", "aux"}] + [verb]
        return _Cue(
            _link(parsed, actors, [], cue_tokens, sentence),
            _tokens_span([verb]),
            content,
            opens=False,
        )
    if subject.dep_ == "nsubjpass":
        return None  # "X was told that ...": X is the hearer
    head = subject
    finding = lemma_in(head, _lex("finding_nouns"))
    if finding:  # "the findings of the report": findings are a cited work's, whoever's
        head = _of_object(head) or head
    if not (speech or finding or _is_source(head, actors)):
        return None
    link = _link(parsed, actors, _source_tokens(head), [verb], sentence)
    return _Cue(link, _tokens_span([verb]), content, opens=_is_document(head, actors))


def _according_cue(parsed, actors, token, sentence) -> _Cue | None:
    """ "according to X": the content is the rest of the sentence."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return None
    phrase = {t.i for t in token.subtree}
    rest = [t for t in sentence if t.i not in phrase and not t.is_punct and not t.is_space]
    if not rest:
        return None
    link = _link(parsed, actors, _source_tokens(source), [token, to], sentence)
    return _Cue(link, _tokens_span([token, to]), _tokens_span(rest), opens=True)


def sentence_cues(parsed, actors, sentence, quotes: list[Span]) -> list[_Cue]:
    """Every attribution cue of one sentence, cues inside quotation marks excluded."""
    cues = []
    for token in sentence:
        if _inside((token.idx, token.idx + len(token)), quotes):
            continue
        cue = _according_cue(parsed, actors, token, sentence) or _verb_cue(
            parsed, actors, token, sentence
        )
        if cue is not None and cue.content is None:
            cue = _quoted_content(cue, token, sentence, quotes)
        if cue is not None:
            cues.append(cue)
    return cues


def _quoted_content(cue: _Cue, verb, sentence, quotes: list[Span]) -> _Cue | None:
    """A cue the parser left without content: its content is a quote.

    ("“Probably not,” Ms. Moore said.": the quote in the same sentence; "He
    said: “...”" with the quote parsed as the next sentence: kept with no
    content, for the quote's speaker rules.)
    """
    bounds = (sentence.start_char, sentence.end_char)
    inside = [
        (max(q[0], bounds[0]), min(q[1], bounds[1]))
        for q in quotes
        if q[0] < bounds[1] and bounds[0] < q[1]
    ]
    if inside:
        longest = max(inside, key=lambda q: q[1] - q[0])
        return _Cue(cue.link, cue.cue_span, longest, cue.opens)
    if verb.i + 1 < len(verb.doc) and verb.nbor(1).text == ":":
        return cue
    return None  # no content and no quote announced after a colon


def _contains(outer: _Cue, inner: _Cue) -> bool:
    if outer is inner or outer.content is None:
        return False
    return outer.content[0] <= inner.cue_span[0] and inner.cue_span[1] <= outer.content[1]


def chain_of(cue: _Cue, cues: list[_Cue]) -> tuple[Attribution, ...]:
    """The links whose content holds ``cue``, outermost first, then ``cue``'s own."""
    outer = [c for c in cues if _contains(c, cue)]
    outer.sort(key=lambda c: (c.content[0] - c.content[1], c.cue_span[0]))
    return (*(c.link for c in outer), cue.link)


def _opening_prefix(chain: tuple[Attribution, ...], cues: list[_Cue]) -> tuple[Attribution, ...]:
    """The chain up to its first link that opens a continuation, or ()."""
    opening = {id(c.link) for c in cues if c.opens}
    for i, link in enumerate(chain):
        if id(link) in opening:
            return chain[: i + 1]
    return ()


# --- quotes -------------------------------------------------------------------


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


def _layout_speaker(parsed, actors, block: Span, quote: Span) -> tuple | None:
    text = parsed.text
    before = _LABEL_BEFORE.match(text[block[0] : quote[0]])
    if before:
        colon = text.rindex(":", block[0], quote[0])
        link = _label_link(parsed, actors, before, 1, block[0], (colon, colon + 1))
        if link:
            return (link,)
    after = _LABEL_AFTER.match(text[quote[1] : block[1]])
    if after:
        dash = (quote[1] + after.start(1), quote[1] + after.end(1))
        link = _label_link(parsed, actors, after, 2, quote[1], dash)
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


# --- the extractor --------------------------------------------------------------


def _units_from_cues(parsed, sentence_span, cues) -> list[ClaimUnit]:
    units = []
    for cue in cues:
        if cue.content is None or any(_contains(cue, other) for other in cues):
            continue  # only innermost contents become units
        span = _trim(parsed.text, *cue.content)
        if span[0] >= span[1]:
            continue
        units.append(ClaimUnit(sentence_span, span, chain_of(cue, cues), cue.cue_span))
    return units


def _first_person(sentence, quotes: list[Span]) -> bool:
    return any(
        t.lower_ in _FIRST_PERSON and not _inside((t.idx, t.idx + len(t)), quotes) for t in sentence
    )


def claim_units(parsed, actors: tuple[Actor, ...]) -> Iterator[ClaimUnit]:
    """Claim units of every body sentence, in text order (see the module docstring)."""
    text = parsed.text
    blocks = [b.span for b in parsed.document.blocks if b.kind == "body"]
    by_block: dict[Span, list[Span]] = {}
    for span in parsed.body_sentences():
        block = next(b for b in blocks if b[0] <= span[0] and span[1] <= b[1])
        by_block.setdefault(block, []).append(span)
    carried = None  # speaker of an unclosed quote at the end of the previous paragraph
    for kind_block in parsed.document.blocks:
        block = kind_block.span
        spans = by_block.get(block, [])
        if kind_block.kind != "body" or not spans:
            carried = None  # a heading between paragraphs ends any quote
            continue
        quotes = quote_regions(text, block)
        found = []
        for span in spans:
            sentence = parsed.doc.char_span(*span, alignment_mode="expand")
            found.append((span, sentence_cues(parsed, actors, sentence, quotes)))
        speakers = _quote_speakers(parsed, actors, block, quotes, found, carried)
        continuing: tuple[Attribution, ...] = ()
        for span, cues in found:
            sentence = parsed.doc.char_span(*span, alignment_mode="expand")
            units = _units_from_cues(parsed, span, cues)
            if units:
                yield from units
                prefixes = [_opening_prefix(u.chain, cues) for u in units]
                continuing = next((p for p in prefixes if p), ())
                continue
            quoted = _quoted_unit(parsed, span, quotes, speakers)
            if quoted is not None:
                yield quoted
                continue
            if continuing and (
                text[span[0] : span[1]].rstrip("”\"' ").endswith("?")
                or _first_person(sentence, quotes)
                or writer_frame(sentence)
            ):
                continuing = ()
            if continuing:
                yield ClaimUnit(span, _trim(text, *span), continuing, continuing[-1].cue_span)
            else:
                yield ClaimUnit(span, span)
        unclosed = quotes and quotes[-1][1] == block[1] and text[block[1] - 1] not in '”"'
        carried = speakers.get(quotes[-1]) if unclosed else None


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
