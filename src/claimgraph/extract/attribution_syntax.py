"""Parse helpers shared by the attribution rules and the learned cues.

Span trimming, quotation regions, sources (a subject's words, whether it is a
cited work or someone), and a verb's subject and content clause. See
:mod:`claimgraph.extract.attribution` for the constructions they serve.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..records import Actor, Attribution, Span
from . import DocArrays, actor_at, doc_arrays, doc_text
from .attribution_spans import (
    clause_start,
    dropped_modifiers,
    passive_participle,
    reported_advcl,
    stray_subject,
)
from .certainty import lemma_in, lexicon
from .certainty_factuality import word_forms

# Characters trimmed from the edges of a content or source span.
_EDGE = ' \t\n,;:"“”«»—–-'
# A complementizer opening a content ("said that ..."), lower case: a capital
# "That" opens a quoted sentence whose subject it is ("“That makes me smart”").
_LEADING_WORDS = re.compile(r"^(?:that|whether)\s+")
_QUOTE_MARKS = re.compile("''|[“”\"]")
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Penn tags of quotation marks (opening, closing).
_QUOTE_TAGS = frozenset({"``", "''"})
_CONTENT_DEPS = ("ccomp", "parataxis")
# Pronouns that stand for a source ("he said", "they suggest"); "it", "this"
# and "which" as subjects of evidential verbs are the writer's inference.
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you"})
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _lex(name: str) -> frozenset[str]:
    return lexicon()["attribution"][name]


@dataclass(frozen=True, slots=True)
class _Cue:
    """One attribution found in a sentence."""

    link: Attribution
    cue_span: Span  # where the cue is, to test whether another cue's content holds it
    content: Span | None  # None: the content follows ("He said:" before a quote)
    opens: bool  # a cited work or "according to": may open a continuation
    learned: bool = False  # found by the cue scorer, not by a rule


# --- text helpers -----------------------------------------------------------


def _trim(text: str, start: int, end: int) -> Span:
    """Shrink [start, end) past edge punctuation, quotes and a leading "that"."""
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if text.startswith("''", start):  # a quotation mark written as two apostrophes
            start += 2
        if end - start >= 2 and text[end - 2 : end] == "''":
            end -= 2
        match = _LEADING_WORDS.match(text[start:end])
        if match and end - start > match.end():
            start += match.end()
        if (start, end) == before:
            return start, end


def _tokens_span(tokens) -> Span:
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subtree_indices(a: DocArrays, i: int) -> list[int]:
    """The indices of ``doc[i].subtree`` (in no particular order), from the arrays:
    no Token object per word."""
    out = [i]
    stack = [i]
    children = a.children
    while stack:
        kids = children[stack.pop()]
        out.extend(kids)
        stack.extend(kids)
    return out


def _inside(span: Span, regions: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def quote_regions(text: str, block: Span) -> list[Span]:
    """Spans of the double-quoted stretches of one block, marks included.

    A quote left open runs to the end of the block (news style reopens it in
    the next paragraph). Straight marks toggle; curly marks say which they are.
    Two apostrophes ('') are a straight double mark (some newswire archives
    write quotes that way).
    """
    regions: list[Span] = []
    opened: int | None = None
    # Only the marks matter: the regex jumps from one to the next (the
    # character loop it replaces was ~1 ms per article). endpos keeps a "''"
    # across the block's end from matching, as the loop did.
    for match in _QUOTE_MARKS.finditer(text, block[0], block[1]):
        i = match.start()
        width = match.end() - i
        ch = '"' if width == 2 else match.group()
        if ch == "“" or (ch == '"' and opened is None):
            if opened is not None:  # a new opening mark: the last quote was never closed
                regions.append((opened, i))
            opened = i
        elif ch in '”"' and opened is not None:
            regions.append((opened, i + width))
            opened = None
    if opened is not None:
        regions.append((opened, block[1]))
    return regions


# --- sources -----------------------------------------------------------------


def _source_tokens(subject) -> list:
    """The subject's words, relative clauses included, adverbial clauses not.

    PolNeAR's source spans hold the whole noun phrase: "Joseph, who has four
    children", "A report released last year" (measured on its dev split:
    +0.012 source exact F1 over dropping them).
    """
    drop = dropped_modifiers(subject)
    for child in subject.children:
        if child.dep_ == "advcl" and child.i > subject.i:
            drop.update(t.i for t in child.subtree)
    words = _after_dateline([t for t in subject.subtree if t.i not in drop])
    while words and words[-1].is_punct and not _closes_bracket(words):
        words.pop()
    return words


_DASHES = frozenset({"-", "--", "–", "—"})
# How far into a source a dateline may end: "New York (AFP) –" is 5 tokens,
# "Dec 29 (Reuters) -" 5; 8 leaves room for "SAN JUAN, Puerto Rico (AP) —".
_DATELINE_TOKENS = 8


def _after_dateline(words) -> list:
    """The source's words after a dateline the parser joined to it.

    "New York (AFP) – Vice President Joe Biden": a place or date, the
    agency in brackets and a dash open the story, not the source. On the first
    200 PolNeAR train articles 3 sources began with one (none of the gold).
    A source that is the dateline alone stays (nothing left to take).
    """
    for k in range(min(len(words), _DATELINE_TOKENS) - 1):
        if words[k].text != ")" or words[k + 1].text not in _DASHES:
            continue
        opened = [j for j in range(k) if words[j].text == "("]
        if opened and opened[-1] > 0 and k - opened[-1] <= 3 and k + 2 < len(words):
            return words[k + 2 :]
    return words


def _closes_bracket(words) -> bool:
    """Whether the last word closes a bracket opened inside ``words`` ("Lane (D-Ore.)")."""
    return words[-1].text == ")" and any(t.text == "(" for t in words)


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


def _sentence_text(sentence) -> str:
    """``sentence.text`` without building a Token per word (the same characters)."""
    return doc_text(sentence.doc)[sentence.start_char : sentence.end_char]


def _phrase_heads(a: DocArrays, ids: list[int]) -> list[int]:
    """The words of ``ids`` whose governor is outside them (or who govern
    themselves): ``[t for t in words if t.head not in words or t.head == t]``."""
    inside = set(ids)
    heads = a.heads
    return [i for i in ids if heads[i] not in inside or heads[i] == i]


def _anonymous(words, sentence_text: str) -> bool:
    lowered = sentence_text.lower()
    if any(phrase in lowered for phrase in _lex("anonymity_phrases")):
        return True
    if not words:
        return False
    a = doc_arrays(words[0].doc)
    ids = [t.i for t in words]
    if any(a.pos[i] == "PROPN" or a.ent_types[i] == "PERSON" for i in ids):
        return False
    anonymous_heads = _lex("anonymous_heads")
    return any(
        not word_forms(a.lowers[i], a.lemmas[i]).isdisjoint(anonymous_heads)
        for i in _phrase_heads(a, ids)
    )


def _across_quote(words, cue_tokens) -> bool:
    """Whether the source words and the cue lie on two sides of one quotation mark.

    An odd number of quotation marks between them puts one inside a quote and
    the other outside ("“... *That* makes me smart,” and, asked later,
    *asserting*"; "*said* on “*Fox and Friends*”"): the parser borrowed a
    subject from the quoted words, which are never their own speaker. A
    whole quote between them ("Lee, who called it “a disgrace,” said") is
    an even number, and a quoted title that is the whole source ("according
    to “The Art of the Deal”") stays. Counted on PolNeAR, normal run, sources
    inside a quote whose cue is outside: dev 0 right of 5, first 400 train
    articles 1 of 21 (a quoted title).
    """
    doc = words[0].doc
    text = doc_text(doc)
    source, cue = _tokens_span(words), _tokens_span(cue_tokens)
    if _QUOTE_MARKS.search(text, *source):
        return False  # a source that holds a mark ("The spot, titled “Arrogant,”")
    after = text[source[1] : source[1] + 4].lstrip(",. ")
    if _QUOTE_MARKS.fullmatch(text[source[0] - 1 : source[0]]) and _QUOTE_MARKS.match(after):
        return False  # a quoted title, the whole source
    gap = text[source[1] : cue[0]] if source[0] < cue[0] else text[cue[1] : source[0]]
    return len(_QUOTE_MARKS.findall(gap)) % 2 == 1


def _beside_cue(words, cue_tokens) -> list:
    """The source's words on its own side of the cue.

    A source never holds its cue: when the parser hung the verb under the
    subject ("A union representing nurses *endorsed* Lee on Monday, ...",
    the verb a participle of "union"), the subject's subtree runs through the
    cue and on. The words from the cue on, seen from the source's head, go.
    Counted on PolNeAR, sources that held their cue: dev 3 (2 of them gold
    cues, both right once cut), first 200 train articles 7 (4 right once cut).
    """
    low = min(t.i for t in cue_tokens)
    high = max(t.i for t in cue_tokens)
    ids = [t.i for t in words]
    if not ids or max(ids) < low or min(ids) > high:
        return words
    head = _phrase_heads(doc_arrays(words[0].doc), ids)[0]
    if head < low:
        kept = [t for t in words if t.i < low]
    elif head > high:
        kept = [t for t in words if t.i > high]
    else:
        return words
    kept.sort(key=lambda t: t.i)
    while kept and kept[-1].is_punct and not _closes_bracket(kept):
        kept.pop()
    return kept


def _phrase_heads_tokens(tokens):
    """The word of ``tokens`` whose governor lies outside them (the first such)."""
    a = doc_arrays(tokens[0].doc)
    return tokens[0].doc[_phrase_heads(a, [t.i for t in tokens])[0]]


def _link(parsed, actors, words, cue_tokens, sentence) -> Attribution:
    cue_span = _tokens_span(cue_tokens)
    cue_text = parsed.text[cue_span[0] : cue_span[1]]
    if words:
        words = _beside_cue(words, cue_tokens)
    if words and _across_quote(words, cue_tokens):
        words = []  # the quoted words are not the speaker (no source is better)
    if words and passive_participle(_phrase_heads_tokens(cue_tokens)):
        words = []  # "Asked about X, Lee said": Lee was asked; the asker is unsaid
    if not words:
        return Attribution(None, None, None, cue_text, cue_span, anonymous=True)
    span = _trim(parsed.text, *_tokens_span(words))
    first = min(words, key=lambda t: t.i)
    if first.dep_ == "det" and first.idx < span[0] and first.lower_ in {"that", "whether"}:
        # "*that* freewheeling environment underscored": a determiner, not the
        # complementizer _trim strips from contents (PolNeAR dev +1 source,
        # train 200 unchanged).
        span = (first.idx, span[1])
    # The head word first: "The Middle East Media Research Institute report"
    # is the report (a document actor), not the institute named inside it.
    a = doc_arrays(parsed.doc)
    head = _phrase_heads(a, [t.i for t in words])[0]
    start = a.idx[head]
    actor = actor_at(actors, (start, start + len(a.texts[head]))) or actor_at(actors, span)
    return Attribution(
        source_actor=actor.id if actor else None,
        source_text=parsed.text[span[0] : span[1]],
        source_span=span,
        cue=cue_text,
        cue_span=cue_span,
        anonymous=_anonymous(words, _sentence_text(sentence)),
    )


# --- cues in one sentence ---------------------------------------------------


@functools.cache
def rule_verbs_lexicon() -> frozenset[str]:
    """The speech and evidential verbs: the verb rule's lexicon."""
    return _lex("speech_verbs") | _lex("evidential_verbs")


def rule_may_fire(
    a: DocArrays, i: int, hearsay: frozenset[str], rule_verbs: frozenset[str]
) -> bool:
    """Whether any rule cue of :mod:`claimgraph.extract.attribution` (according,
    in-source, hearsay, verb) could take token ``i``: each rule's first
    conditions, from the per-token arrays (``hearsay``: the hearsay adverbs;
    ``rule_verbs``: :func:`rule_verbs_lexicon`)."""
    low, dep = a.lowers[i], a.deps[i]
    if low == "according" or (low == "in" and dep == "prep"):
        return True
    if dep == "advmod" and low in hearsay:
        return True
    if dep == "relcl":
        return False
    if a.pos[i] not in {"VERB", "AUX"} and not any(a.deps[c] == "ccomp" for c in a.children[i]):
        return False
    return not word_forms(low, a.lemmas[i]).isdisjoint(rule_verbs)


def _children_of(token, dep: str) -> list:
    return [c for c in token.children if c.dep_ == dep]


def _subject(verb):
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    if len(subjects) > 1:
        # "“..., one of the best,” Rep. Lane said": the parser gave the verb a
        # second subject inside the quote; the speaker is the one no quotation
        # mark separates from the verb.
        doc = verb.doc
        for child in subjects:
            low, high = sorted((child.i, verb.i))
            if not any(doc[k].tag_ in _QUOTE_TAGS for k in range(low + 1, high)):
                return child
    if subjects:
        return subjects[0]
    # "X said A and added B"; "X issued a statement, saying B".
    if verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        if verb.head == verb:
            return None
        governor = verb.head
        # "Analysts said costs had risen, *citing* X", "May said the country
        # would leave and *suggested* Y": the parser hangs the second verb on
        # the reported clause; the speaker does it, not the clause's subject.
        reporter = governor.head
        if (
            governor.dep_ == "ccomp"
            and reporter.i < governor.i
            and lemma_in(reporter, _lex("speech_verbs"))
        ):
            return _subject(reporter)
        return _subject(governor)
    return stray_subject(verb)


def _later_complement(verb):
    """The complement after a verb that also has one before it, when the later one is its content.

    "It is an unlikely scenario; the team *says she will continue*" and
    "Writing for a panel that agreed Lee won, Ruiz *noted that the way ...*":
    the parser took the clause before the verb for a second complement. The
    one after is the content unless the one before is quoted ("“A,” he
    said, “B”" holds both), or a colon after the verb announces it ("A, Kall
    said: “B”"). (A quote elsewhere in the sentence used to keep the earlier
    one: "In a statement released after X, Lee said Y “...”" took the
    statement's phrase. Dev all three tp 1514 -> 1515, train 200 content
    overlap 2881 -> 2883, all three 2656 -> 2658; nothing lower.)
    """
    clauses = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    before = [c for c in clauses if c.i < verb.i]
    after = [c for c in clauses if c.i > verb.i]
    if not before or not after:
        return None
    doc = verb.doc
    colon = verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":"
    first = before[0]
    quoted = any(t.tag_ in _QUOTE_TAGS for t in doc[first.left_edge.i : verb.i])
    return after[0] if colon or not quoted else None


def _clause_span(head) -> Span:
    """``head``'s subtree without an "according to" phrase (it scopes over the sentence)."""
    a = doc_arrays(head.doc)  # indices: no Token per word of the clause
    words = subtree_indices(a, head.i)
    lowers = a.lowers
    skip = {j for k in words if lowers[k] == "according" for j in subtree_indices(a, k)}
    kept = [k for k in words if k not in skip] or [head.i]
    first, last = min(kept), max(kept)
    return a.idx[first], a.idx[last] + len(a.texts[last])


# Marks after which a new statement begins: "We have been here before: Lee
# declared war", "The debate is predictable - Lee has vowed to ...".
_BREAKS = frozenset({":", ";", "-", "—", "–", "--"})


def _set_apart(clause, verb) -> bool:
    """Whether a clause before ``verb`` ends at a colon, semicolon or dash before it.

    The parser hangs the sentence before such a mark on the verb after it as
    a complement; that clause is the writer's lead-in, not what the verb's
    subject says, and the verb's own object or infinitive is. PolNeAR content
    overlap tp: dev 1615 -> 1618 (all three 1512 -> 1514), train 200 2873 ->
    2881 (2648 -> 2656); cue and source unchanged on both.
    """
    if clause.i > verb.i:
        return False
    # Only when the verb has words of its own to report ("declared war on
    # X", "preferred Lee", "has vowed to ..."); "X doesn't believe it" keeps
    # the clause rather than lose the cue (a pronoun object is no content).
    if not any(
        c.i > verb.i
        and (c.dep_ in {"xcomp", "prep", "oprd"} or (c.dep_ == "dobj" and c.pos_ != "PRON"))
        for c in verb.children
    ):
        return False
    doc = verb.doc
    end = clause.right_edge.i
    if doc[end].text not in _BREAKS:  # (the parser may hang the mark inside the clause)
        end += 1
        while end < verb.i and doc[end].is_space:
            end += 1
    return end < verb.i and doc[end].text in _BREAKS


def _content(verb) -> Span | None:
    later = _later_complement(verb)
    if later is not None:
        return _clause_span(later)
    for dep in _CONTENT_DEPS:
        for child in verb.children:
            if child.dep_ == dep and not _set_apart(child, verb):
                return _clause_span(child)
    if lemma_in(verb, _lex("object_content_verbs")):
        for child in verb.children:
            if child.dep_ == "dobj":
                return _tokens_span(child.subtree)
    complement = reported_advcl(verb, _lex("speech_verbs"))
    if complement is not None:
        start, end = _clause_span(complement)
        return max(start, complement.doc[clause_start(complement)].idx), end
    # "Y, X said" and "A, X said, B", parsed with the said-clause hanging off Y.
    # A clause of its own ("It is clear that officials said nothing") is not one.
    parenthetical = not any(c.dep_ in {"mark", "dobj"} for c in verb.children)
    # Nor the complement of a cue verb before it ("Clinton says she hopes to
    # win", "X said he cannot comment"): that clause is the outer cue's
    # content, and the inner cue's own content lies inside it, not around it.
    head = verb.head
    if head.i < verb.i and (
        lemma_in(head, _lex("speech_verbs")) or lemma_in(head, _lex("evidential_verbs"))
    ):
        parenthetical = False
    if verb.dep_ in {"parataxis", "ccomp"} and head.i != verb.i and parenthetical:
        skip = {t.i for t in verb.subtree}
        words = [t for t in verb.head.subtree if t.i not in skip]
        while words and words[-1].is_punct:
            words.pop()
        if words:
            return _tokens_span(words)
    return None
