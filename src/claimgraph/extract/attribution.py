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
- **"in a poll"** (``in_sources``: poll, survey, study) on a clause works the
  same way: "In the latest poll, 40 percent back the plan" (cue "In").
- **Hearsay adverbs** (``hearsay_adverbs``: reportedly, allegedly): the
  adverb is a cue with no source; its clause, adverb included, the content.
- **"according to X"** scopes over the whole sentence wherever it is attached,
  so it is the outermost link: "According to the report, X said that Y" gives
  the chain (the report, X) for Y. Inside a speech verb's reported clause
  ("The Herald reported that, according to a tally, Y") it is part of what
  the verb reports and no link of its own (:func:`_under_according`).
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
  (Quote speakers, speaker labels and cue chains:
  :mod:`claimgraph.extract.attribution_quotes`.)

**Learned cues.** A token no rule claimed is a cue when the scorer of
:mod:`claimgraph.extract.cues_model` (trained on PolNeAR's training split)
says so (a sentence's main verb also when it scores just under the
threshold, ``_MAIN_VERB_BAND``), except where a rule refuses it on purpose (an evidential verb whose
subject is the writer's referent, "This shows that", "Their presence shows
that"; a hearer as passive subject, "was told that"); its source and content come
from :mod:`claimgraph.extract.attribution_model`: beliefs, stances and
intentions ("wants to", "called for", "Trump's claim that"). A rule verb left
with no clause and no quote goes the same way ("He vowed *to form a task
force*"), unless its object is a pronoun ("said nothing") or its subject is
the writer ("We have asked"). Cue spans follow PolNeAR as learned by
:mod:`claimgraph.extract.cue_extent`: "has not said", "then pointed out",
"went on to say", "said in an interview"; a cue never reaches into its content.
A cue whose sentence holds no content takes a quote ending right before the
sentence ("“...” Smith said on Monday.", split by the parser at the mark).

**Nesting.** A cue in an earlier cue's reported clause is no link of its own
("Lee said *she thinks* X"), as in PolNeAR (:mod:`.attribution_nesting`).

**Speaker labels.** "PENCE: Well, ..." or "Poll: Voters ...": a paragraph
opening with a short name and a colon gives its first sentence to the name.

**Main clauses.** "The navy closed the harbor while inspectors said X": X is
the inspectors', and the main clause "The navy closed the harbor" is a unit
of its own in the outlet's voice.

**Continuation.** Articles summarising a cited work keep its voice for several
sentences: "According to the report, A. B. C." A sentence inherits the chain
of the previous attributed sentence when (1) it is in the same paragraph
(block), (2) that chain was opened by "according to" or by a cited work
(a ``document_nouns`` source or an actor of type ``document``), (3) it has no
attribution of its own found by a rule (learned cues do not break it: their
units get the continuing chain first), and (4) it shows no sign of the writer's own voice: a
question, a first-person pronoun outside quotes, or a writer's frame such as
"This shows that" or "It is a matter of concern that" (see
:func:`claimgraph.extract.certainty.writer_frame`). A writer's sign ends the
continuation for the rest of the paragraph. The inherited chain is the prefix
of the introducing chain up to its first opening link, reused unchanged (same
cue and cue span, those of the introducing sentence): "According to the
report, X said A. B." gives B the chain (the report), not (the report, X).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..records import Actor, Attribution, Span
from . import ClaimUnit, doc_arrays, doc_text
from .attribution_clauses import HEARER_VERBS, pro_form
from .attribution_model import clipped, cue_tokens, model_cue
from .attribution_nesting import unreported
from .attribution_quotes import (
    _announcement,
    _label_cue,
    _quote_speakers,
    _quoted_unit,
    chain_of,
    paragraph_quotes,
)
from .attribution_spans import (
    according_parts,
    colon_after,
    has_construction_content,
    object_predicate,
    words_outside,
)
from .attribution_syntax import (
    _children_of,
    _content,
    _Cue,
    _inside,
    _is_document,
    _is_source,
    _lex,
    _link,
    _of_object,
    _source_tokens,
    _subject,
    _tokens_span,
    _trim,
    quote_regions,
    rule_may_fire,
    rule_verbs_lexicon,
)
from .attribution_units import main_clause_unit, units_from_cues
from .certainty import lemma_in, writer_frame
from .cue_tagger import tagger_margins
from .cues_model import cue_margin

__all__ = ["claim_units", "quote_regions", "sentence_cues", "chain_of"]


# Words that make a subject the writer's own referent: "This shows that",
# "Their presence shows that" (an inference of the writer, not a cited source).
# "It" only in a subordinate clause ("This is a matter of concern, as it
# shows that"): a main clause "It shows an officer aiming a gun" (a video),
# "It also points out that" (a report) points back to a cited thing. PolNeAR,
# main-clause "it" and source-noun subjects no longer vetoed: dev cue exact tp
# 1493 -> 1496 (4 more predictions), source 1513 -> 1516; train 200 cue tp
# 2706 -> 2708 (2 more), source 2608 -> 2609, content 2862 -> 2863; held-out
# tenth unchanged.
_WRITER_REFERENTS = frozenset({"this", "that", "these", "those", "which"})


def _vetoed(token) -> bool:
    """Whether a rule rejects ``token`` as a cue on purpose, whatever the scorer says.

    An evidential verb whose subject is the writer's referent ("This
    development shows that", "Their presence shows that"), and a hearer as
    passive subject with no "by" agent ("The minister was told that"). On
    PolNeAR the former blanket veto (any evidential verb without a source
    subject, any passive speech verb) refused 32 dev cue heads the scorer took
    and were gold, for 6 that were not ("Video shows that", "Twelve percent
    indicated that", "He was accused of").
    """
    subject = _subject(token)
    if subject is None:
        return False
    if subject.dep_ == "nsubjpass":
        # "The minister was told that": the passive subject is the one spoken
        # to, never a source; "He was accused of" and "reported by" keep their cue.
        return token.lemma_.lower() in HEARER_VERBS and not any(
            c.dep_ == "agent" for c in token.children
        )
    if not lemma_in(token, _lex("evidential_verbs")):
        return False
    if subject.lower_ in _WRITER_REFERENTS:
        return True
    if subject.lower_ == "it" and token.dep_ != "ROOT" and subject.head.i == token.i:
        # "a matter of concern, as it shows": the writer's situation (a
        # participle's borrowed "it" is often a cleft's: "It was there that
        # Lee spoke, pointing to ...")
        return True
    if _is_source(subject, ()):
        return False  # "This reporter revealed", "His advisers have suggested": people
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _WRITER_REFERENTS)
        for c in subject.children
    )


_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our", "ours", "myself", "ourselves"})


def _verb_cue(parsed, actors, verb, sentence) -> _Cue | None:
    # Cheap test first (per-token arrays, no Token objects): the rule below
    # takes a verb, or a word with a clausal complement; most tokens are neither.
    a = doc_arrays(parsed.doc)
    if a.pos[verb.i] not in {"VERB", "AUX"} and not any(
        a.deps[c] == "ccomp" for c in a.children[verb.i]
    ):
        return None
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
        passive = cue_tokens(verb)  # "was reported", "is alleged"
        return _Cue(
            _link(parsed, actors, [], passive, sentence),
            _tokens_span(passive),
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
    words = _source_tokens(head)
    # "has also said", "did not say": PolNeAR's cue spans, never into the content
    cue = clipped(verb, cue_tokens(verb), [content, _tokens_span(words)])
    link = _link(parsed, actors, words, cue, sentence)
    return _Cue(link, _tokens_span(cue), content, opens=_is_document(head, actors))


def _according_cue(parsed, actors, token, sentence) -> _Cue | None:
    """ "according to X": the content is the rest of the sentence."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    parts = according_parts(token, to, sentence) if to is not None else None
    if parts is None:
        return None
    source, end, rest = parts
    words = [t for t in _source_tokens(source) if end is None or t.i < end]
    link = _link(parsed, actors, words, [token, to], sentence)
    return _Cue(link, _tokens_span([token, to]), _tokens_span(rest), opens=True)


def _in_source_cue(parsed, actors, token, sentence) -> _Cue | None:
    """ "In the latest poll, 40 percent back the plan": "in" a poll reports its findings.

    Like "according to", the content is the rest of the sentence; the "in"
    phrase must hang on a clause (a verb), not on a noun ("interest in the
    poll").
    """
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.pos_ not in {"VERB", "AUX"}:
        return None
    source = next((c for c in token.children if c.dep_ == "pobj"), None)
    if source is None or source.lemma_.lower() not in _lex("in_sources"):
        return None
    phrase = {t.i for t in token.subtree}
    rest = words_outside(sentence, phrase.__contains__)
    if not rest:
        return None
    link = _link(parsed, actors, _source_tokens(source), [token], sentence)
    return _Cue(link, _tokens_span([token]), _tokens_span(rest), opens=False)


def _hearsay_cue(parsed, actors, token, sentence) -> _Cue | None:
    """ "The firm has reportedly sold the mine": hearsay with no named source.

    The content is the clause the adverb modifies (a conjunct's whole
    coordination, so a shared subject stays in), without adverbial clauses
    ("as the inquiry nears its end"), and it holds the adverb itself, as
    PolNeAR's does.
    """
    if token.dep_ != "advmod" or token.lower_ not in _lex("hearsay_adverbs"):
        return None
    clause = token.head
    if clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    skip = {t.i for c in clause.children if c.dep_ == "advcl" for t in c.subtree}
    words = [t for t in clause.subtree if t.i not in skip and not t.is_space]
    if words and words[0].i == token.i:
        words.pop(0)  # "Reportedly, he left": a leading adverb stays out, as in PolNeAR
    while words and words[-1].is_punct:
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if len(words) < 2:
        return None
    link = _link(parsed, actors, [], [token], sentence)
    return _Cue(link, _tokens_span([token]), _tokens_span(words), opens=False)


def sentence_cues(parsed, actors, sentence, quotes: list[Span], margins=None) -> list[_Cue]:
    """Every attribution cue of one sentence, cues inside quotation marks excluded.

    The rules go first; a token no rule claimed is a cue when the learned
    scorer says so (:mod:`claimgraph.extract.attribution_model`), or the mean
    of its margin and the transformer tagger's ``margins`` when given
    (:func:`claimgraph.extract.cue_tagger.tagger_margins`).
    """
    doc = parsed.doc
    a = doc_arrays(doc)
    texts, idx = a.texts, a.idx
    hearsay = _lex("hearsay_adverbs")
    rule_verbs = rule_verbs_lexicon()
    s_start, s_end = sentence.start, sentence.end
    # Only quotes overlapping the sentence can hold one of its tokens.
    first, last = sentence.start_char, sentence.end_char
    near = [q for q in quotes if q[0] < last and first < q[1]]
    cues: list[_Cue] = []
    for i in range(s_start, s_end):
        start = idx[i]
        if near and _inside((start, start + len(texts[i])), near):
            continue
        if cues and any(c.cue_span[0] <= start < c.cue_span[1] for c in cues):
            continue  # the "to" of "according to", the "for" of "called for"
        if rule_may_fire(a, i, hearsay, rule_verbs):
            cue = _ruled_cue(parsed, actors, doc[i], sentence, quotes, margins)
            if cue is not None:
                cues.append(cue)
            continue
        # No rule can take the token (the tests above are the rules' own first
        # conditions, read from arrays): only the scorer, without a Token
        # object unless it is over its threshold (most candidates are not).
        margin = cue_margin(
            a,
            i,
            near,
            s_start,
            s_end,
            floor=_margin_floor(a, i),
            tagger_margins=margins,
        )
        if margin is not None and not _vetoed(doc[i]):
            cue = _learned_cue(parsed, actors, doc[i], sentence, quotes, margin)
            if cue is not None:
                cues.append(cue)
    return _under_according(doc, unreported(doc, cues))


def _under_according(doc, cues: list[_Cue]) -> list[_Cue]:
    """``cues`` without the "according to" phrases a speech verb's clause reports.

    "The Herald reported that, according to a tally, X": the phrase stands in
    front of the verb's own reported clause, so it is part of what the Herald
    reported (as :mod:`attribution_nesting` treats any cue inside a reported
    clause). Each content held the other's cue, and the sentence yielded no
    unit at all. "According to the Herald, Lee said X" keeps both links, the
    chain (the Herald, Lee) the issue asks for, although PolNeAR annotates
    only the phrase there (on train the verb is a gold cue 5 times in 66):
    dropping the verb gained one dev cue and would hide who the report quotes.
    """
    text = doc_text(doc)
    phrases = [text[c.cue_span[0] : c.cue_span[1]].lower().startswith("according") for c in cues]
    if len(cues) < 2 or not any(phrases):
        return cues  # (most sentences: no cue head looked up)
    heads = [doc.char_span(*c.cue_span, alignment_mode="expand").root for c in cues]
    according = [h for h, phrase in zip(heads, phrases, strict=True) if phrase]
    dropped: set[int] = set()
    for head in heads:
        if head in according or not lemma_in(head, _lex("speech_verbs")):
            continue
        for phrase in according:
            if _reports_through(head, phrase) is False:
                dropped.add(phrase.i)
    return [c for c, h in zip(cues, heads, strict=True) if h.i not in dropped]


def _reports_through(verb, according) -> bool | None:
    """Whether "according to" at ``according`` reports ``verb``'s cue (True), is
    inside what the verb reports (False), or neither (None: the verb does not
    govern the phrase)."""
    if verb not in according.ancestors:
        return None
    for child in verb.children:
        if child.dep_ == "ccomp" and child.left_edge.i <= according.i <= child.right_edge.i:
            # after the reported clause's verb, the phrase is the sentence's
            # ("Officials said the talks failed, according to Reuters")
            return according.i > child.i
    return True


# "That said," / "Having said that,": a discourse connective (the writer
# conceding a point), not a report. PolNeAR train annotates no cue on it 4
# times in 5 ("That said,") and 2 in 2 ("Having said that"). Dev and train
# 200 have no such sentence (unchanged); train articles 200-839: cue tp
# 11435 -> 11436 with 2 fewer predictions, source +2, all three +2.
_CONNECTIVES = (("that", "said", ","), ("this", "said", ","), ("having", "said", "that", ","))
_LEADING = frozenset({"but", "and", "still", "yet", "so"})


def _connective(token, sentence) -> bool:
    """Whether ``token`` is the "said" of a sentence-opening "That said," connective."""
    words = [t for t in sentence[: min(len(sentence), 7)] if not t.is_space]
    if words and words[0].lower_ in _LEADING:
        words = words[1:]
    if words and words[0].lower_ == ",":  # "But, having said that, ..."
        words = words[1:]
    lowers = tuple(t.lower_ for t in words)
    return any(lowers[: len(c)] == c and words[c.index("said")] == token for c in _CONNECTIVES)


def _ruled_cue(parsed, actors, token, sentence, quotes: list[Span], margins=None) -> _Cue | None:
    """The cue of a token a rule may take: the rule's, else the scorer's."""
    if _connective(token, sentence):
        return None
    cue = (
        _according_cue(parsed, actors, token, sentence)
        or _in_source_cue(parsed, actors, token, sentence)
        or _hearsay_cue(parsed, actors, token, sentence)
        or _verb_cue(parsed, actors, token, sentence)
    )
    if cue is not None:
        if (
            cue.content is None
            and has_construction_content(token, HEARER_VERBS)
            and _quoted_content(cue, token, sentence, quotes) is not None
        ):
            # "urged North Korea to resume talks, calling them “robust
            # steps”": the verb's own object or infinitive is what it
            # reports, not a quote elsewhere in the sentence (another verb's).
            cue = model_cue(parsed, actors, token, sentence) or cue
        # "Lee said as much, arguing that “...”": the pro-form, not the quote.
        # Content overlap tp: dev 1618 -> 1620, train 200 2883 -> 2886 (cue
        # 2705 -> 2706: "said yes" had no content at all).
        if cue.content is None and (pro := pro_form(token)) is not None:
            cue = _Cue(cue.link, cue.cue_span, _tokens_span(pro), cue.opens, cue.learned)
        if cue.content is None:
            cue = _quoted_content(cue, token, sentence, quotes)
        # A rule cue with no clause and no quote ("He vowed to form a task
        # force", "They criticized the plan") may still have an infinitive or
        # object content: the learned path reads those. Not a pronoun object
        # ("officials said nothing") nor the writer's own doing ("We have
        # asked the ministry for comment").
        if cue is not None or _no_fallback(token):
            return cue
    a = doc_arrays(token.doc)
    floor = _margin_floor(a, token.i)
    margin = cue_margin(
        a,
        token.i,
        quotes,
        sentence.start,
        sentence.end,
        floor=floor,
        tagger_margins=margins,
    )
    if margin is None or _vetoed(token):  # (the cheap test first: most are not over)
        return None
    return _learned_cue(parsed, actors, token, sentence, quotes, margin)


# How far below the head threshold a sentence's main verb (ROOT) may score
# and still be tried as a cue. The threshold was chosen for cue-*head* F1 on
# the held-out tenth of train; a main verb the scorer nearly takes is a cue
# more often than the average head there, and it still has to yield a source
# and a content to count. PolNeAR (cue exact / source / content overlap / all
# three F1), 0 -> 2: dev 0.7327 / 0.7701 / 0.7937 / 0.7431 -> 0.7333 / 0.7731
# / 0.7960 / 0.7451; train 200 0.7654 / 0.7687 / 0.8096 / 0.7461 -> 0.7667 /
# 0.7697 / 0.8116 / 0.7468; held-out tenth 0.7210 / 0.7735 / 0.8083 / 0.7398
# -> 0.7215 / 0.7728 / 0.8095 / 0.7402 (3 there: content 0.8118, dev lower).
# Every head (not only main verbs) 2 below: dev cue 0.7319, content 0.7980.
_MAIN_VERB_BAND = 2.0


def _margin_floor(a, i: int) -> float:
    """The margin over the head threshold a token must pass to be tried as a cue."""
    return -_MAIN_VERB_BAND if a.deps[i] == "ROOT" else 0.0


def _learned_cue(parsed, actors, token, sentence, quotes: list[Span], margin: float) -> _Cue | None:
    cue = model_cue(parsed, actors, token, sentence, margin)
    if cue is not None and cue.content is None:
        cue = _quoted_content(cue, token, sentence, quotes)
    return cue


def _no_fallback(verb) -> bool:
    """Whether a rule verb left without content may not go to the learned path."""
    # ("He accused them of lying" has a content: what is said of the pronoun.)
    if any(
        c.dep_ == "dobj" and c.pos_ == "PRON" and object_predicate(verb, c) is None
        for c in verb.children
    ):
        return True
    subject = _subject(verb)
    return subject is not None and subject.lower_ in _FIRST_PERSON


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
        return _Cue(cue.link, cue.cue_span, longest, cue.opens, cue.learned)
    # "“We will win,” \n Smith said last week.": the parser ended the sentence
    # at the closing mark; the quote just before is the content.
    before = [q for q in quotes if q[1] <= bounds[0] and not _text_between(verb, q[1], bounds[0])]
    if before:
        return _Cue(cue.link, cue.cue_span, before[-1], cue.opens, cue.learned)
    colon = colon_after(verb)
    if colon is None:
        return None  # no content and no quote announced after a colon
    rest = words_outside(sentence, lambda i: i <= colon)
    if rest:  # "He told reporters: the pier will reopen."
        return _Cue(cue.link, cue.cue_span, _tokens_span(rest), cue.opens, cue.learned)
    # The content is the next sentence or paragraph, which the quote and
    # announcement rules find only when the colon follows the cue span itself.
    if _text_between(verb, cue.cue_span[1], verb.doc[colon].idx):
        return None
    return cue


def _text_between(token, start: int, end: int) -> bool:
    """Whether a word (not only spaces and punctuation) lies in [start, end)."""
    return any(ch.isalnum() for ch in doc_text(token.doc)[start:end])


def _opening_prefix(chain: tuple[Attribution, ...], cues: list[_Cue]) -> tuple[Attribution, ...]:
    """The chain up to its first link that opens a continuation, or ()."""
    opening = {id(c.link) for c in cues if c.opens}
    for i, link in enumerate(chain):
        if id(link) in opening:
            return chain[: i + 1]
    return ()


# --- the extractor --------------------------------------------------------------


def _first_person(sentence, quotes: list[Span]) -> bool:
    a = doc_arrays(sentence.doc)
    lowers, idx, texts = a.lowers, a.idx, a.texts
    return any(
        lowers[i] in _FIRST_PERSON and not _inside((idx[i], idx[i] + len(texts[i])), quotes)
        for i in range(sentence.start, sentence.end)
    )


def claim_units(parsed, actors: tuple[Actor, ...], tagger: bool = False) -> Iterator[ClaimUnit]:
    """Claim units of every body sentence, in text order (see the module docstring).

    ``tagger``: the transformer cue tagger votes on cue heads too
    (:mod:`claimgraph.extract.cue_tagger`; the ``transformer`` extra).
    """
    text = parsed.text
    margins = tagger_margins(parsed.doc) if tagger else None
    blocks = [b.span for b in parsed.document.blocks if b.kind == "body"]
    by_block: dict[Span, list[Span]] = {}
    for span in parsed.body_sentences():
        block = next(b for b in blocks if b[0] <= span[0] and span[1] <= b[1])
        by_block.setdefault(block, []).append(span)
    carried = None  # speaker of an unclosed quote at the end of the previous paragraph
    announced: tuple[Attribution, ...] = ()  # "He said:" ending the previous paragraph
    for kind_block in parsed.document.blocks:
        block = kind_block.span
        spans = by_block.get(block, [])
        if kind_block.kind != "body" or not spans:
            carried, announced = None, ()  # a heading between paragraphs ends any quote
            continue
        quotes = paragraph_quotes(text, block)
        found = []
        for span in spans:
            sentence = parsed.doc.char_span(*span, alignment_mode="expand")
            found.append((span, sentence_cues(parsed, actors, sentence, quotes, margins)))
        if found:
            following = found[1][0] if len(found) > 1 else None
            label = _label_cue(parsed, actors, found[0][0], following, quotes)
            if label is not None:  # in the sentence that holds its content
                at = 0 if label.content[0] < found[0][0][1] else 1
                # Cues inside the label's content are what the speaker says
                # ("Lee: Critics Say The Plan Failed", "PENCE: I think ..."):
                # PolNeAR annotates the label only, as for other nested cues
                # (attribution_nesting). A cue outside it keeps the sentence
                # from being a label. Before, a label was read only when its
                # sentence had no cue at all: dev cue exact tp 1474 -> 1476
                # (2 fewer predictions), train 200 2685 -> 2689 (4 fewer);
                # all three 1495 -> 1497 and 2617 -> 2621.
                inner = found[at][1]
                if all(_inside(c.cue_span, [label.content]) for c in found[0][1] + inner):
                    found[at] = (found[at][0], [label])
        speakers = _quote_speakers(parsed, actors, block, quotes, found, carried or announced)
        # The paragraph a colon announced is the announcing cue's content.
        continuing: tuple[Attribution, ...] = announced
        for span, cues in found:
            sentence = parsed.doc.char_span(*span, alignment_mode="expand")
            if continuing and (
                text[span[0] : span[1]].rstrip("”\"' ").endswith("?")
                or _first_person(sentence, quotes)
                or writer_frame(sentence)
            ):
                continuing = ()
            units = units_from_cues(parsed, span, cues)
            if units:
                main = main_clause_unit(parsed, sentence, cues)
                if main is not None:
                    units.append(ClaimUnit(span, main.span))
                if continuing and all(c.learned for c in cues):
                    # "According to the report, A. Officials want B.": B is
                    # still told in the report's voice, and so is what follows.
                    units = [_continued(u, continuing) for u in units]
                    yield from sorted(units, key=lambda u: u.span)
                    continue
                yield from sorted(units, key=lambda u: u.span)
                prefixes = [_opening_prefix(u.chain, cues) for u in units]
                continuing = next((p for p in prefixes if p), ())
                continue
            quoted = _quoted_unit(parsed, span, quotes, speakers)
            if quoted is not None:
                yield quoted
                continue
            trimmed = _trim(text, *span)
            if continuing and trimmed[0] < trimmed[1]:  # (a lone quotation mark stays as is)
                yield ClaimUnit(span, trimmed, continuing, continuing[-1].cue_span)
            else:
                yield ClaimUnit(span, span)
        unclosed = quotes and quotes[-1][1] == block[1] and text[block[1] - 1] not in '”"'
        carried = speakers.get(quotes[-1]) if unclosed else None
        announced = _announcement(text, block, found)


def _continued(unit: ClaimUnit, continuing: tuple[Attribution, ...]) -> ClaimUnit:
    """``unit`` told inside a continuing voice: that chain goes first."""
    chain = continuing + unit.chain
    return ClaimUnit(unit.sentence_span, unit.span, chain, chain[-1].cue_span)
