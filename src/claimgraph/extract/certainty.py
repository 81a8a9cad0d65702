"""Certainty: how firmly a claim unit is put forward, and a factuality score.

``certainty(parsed, unit)`` returns a class of :data:`claimgraph.records.CERTAINTIES`
and a FactBank-like factuality score in [-3, 3]. Lexicons are in
``data/certainty.yaml``. Rules read the unit's *main
predicate* (the top of the content's dependency tree), so a negation or a
modal inside a subordinate clause ("If they do *not* act, it will ...") does
not decide the class of the whole.

Precedence, first match wins:

0. **question** first for an open question ("It is not clear whether ...").
1. **negated**: ``neg`` on the main predicate (not, n't, never), a negative
   subject or object ("no one", "nothing"), or content of a negating cue
   ("X denied that ...").
2. **question**: ends with "?", or "Whether ... is a question/unclear".
3. **hypothetical**: an if/unless clause on the main predicate, a future or
   counterfactual modal (will, would), or an intention verb ("plans to",
   "threatens to").
4. **hedged**: a possibility modal (may, might, could, can), a hedge word
   (reportedly, allegedly, likely ...), "appears/seems to", "is believed to".
5. **reported**: the unit has an attribution chain.
6. **inferred**: the main predicate is the writer's inference ("This shows
   that", "Qaddumi's presence shows that", "makes it clear").
7. **opinion**: an evaluation ("a matter of concern", "a real threat", an
   evaluative adjective such as "shocking").
8. **inferred** again, for an inference below the main predicate ("..., which
   suggests that ...").
9. **asserted**.

Why attribution outranks inference and opinion but not negation, questions,
conditions or hedges: inferred and opinion exist to flag the *writer's own*
conclusions and judgements. Once a source is cited ("The report suggests
that ... is a real threat") the judgement is the source's, and what the
outlet does is report it; while "X said the strike did *not* happen" or "X
said it *may* happen" changes what the claim asserts, whoever says it.

Future events stay under **hypothetical** (the contract has no "future"
class): "The union will strike on Friday" and "The militia threatened to
attack" are hypothetical claims, while the events stage keeps the threat
itself actual and the attack future (``Event.realis``). A cue that is itself
an intention ("plans to", "vowed to") makes its content hypothetical, one
that is a hedge ("appears to", "is believed to") makes it hedged. "can" hedges
only when its subject cannot act ("The shortage can create problems"); with a
person, group or polity as subject it is ability or permission ("Citizens can
vote") and the claim is asserted.

The factuality score is :func:`predicate_factuality` of the unit's main
predicate (:mod:`claimgraph.extract.certainty_factuality`): the same function
the factuality harness measures on the UW, MEANTIME and UDS-IH2 dev sets, on
the unified [-3, 3] scale of Stanovsky et al. (2017) (CT+ = 3 ... Uu = 0 ...
CT- = -3). A negated class keeps a score <= 0.
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import ClaimUnit, children, doc_arrays, doc_tokens, load_yaml
from .certainty_factuality import (
    predicate_factuality,
    token_factuality,
    token_forms,
)
from .triggers import token_range

__all__ = ["certainty", "predicate_factuality", "writer_frame", "main_predicate", "lemma_in"]

_DATA = Path(__file__).resolve().parent.parent / "data"
_CUES_PATH = _DATA / "cues.yaml"
_CERTAINTY_PATH = _DATA / "certainty.yaml"
_SCORES = {
    "asserted": 3.0,
    "reported": 2.0,
    "inferred": 2.0,
    "hedged": 1.0,
    "question": 0.0,
    "hypothetical": 0.0,
    "opinion": 0.0,
}
_QUOTES = "”“\"' "


def _load(path: Path) -> dict:
    raw = load_yaml(path.read_text(encoding="utf-8"))
    return {
        section: {name: frozenset(str(w) for w in words) for name, words in entries.items()}
        for section, entries in raw.items()
        if isinstance(entries, dict)
    }


@functools.cache
def lexicon() -> dict:
    """The cue lexicons of ``data/cues.yaml``, each list as a frozenset, loaded once."""
    return _load(_CUES_PATH)


@functools.cache
def certainty_lexicon() -> dict[str, frozenset[str]]:
    """The lexicons of ``data/certainty.yaml`` (section ``certainty``), loaded once."""
    raw = load_yaml(_CERTAINTY_PATH.read_text(encoding="utf-8"))["certainty"]
    return {name: frozenset(str(w) for w in words) for name, words in raw.items()}


def _lex(name: str) -> frozenset[str]:
    return certainty_lexicon()[name]


def lemma_in(token, words: frozenset[str]) -> bool:
    """Whether the token's lemma is in ``words``, forgiving the small model's lemmatizer.

    en_core_web_sm lemmatizes by its tagger's guess, so "hopes" can come out
    as "hop" and "data" as "datum"; the surface form and its regular
    inflections stripped are tried too.
    """
    return not token_forms(token).isdisjoint(words)


# (doc, {char span: its tokens}) of the document certainty() last read.
# certainty() asks for each unit's span, its sentence and twice for its cue:
# ~150 asks an article for ~80 distinct spans, each building a Span and a
# Token per word (~1 ms an article in all). One (doc, dict) pair per document,
# replaced whole, so a thread that reads another document meanwhile (the
# HTTP server's) never sees this one's tokens; no caller changes the lists.
_SPAN_TOKENS: tuple[object, dict[tuple[int, int], list]] = (None, {})


def _tokens(parsed, span) -> list:
    global _SPAN_TOKENS
    doc = parsed.doc
    cached_doc, spans = _SPAN_TOKENS
    if cached_doc is not doc:
        spans = {}
        _SPAN_TOKENS = (doc, spans)
    key = (span[0], span[1])
    found = spans.get(key)
    if found is None:
        found = spans[key] = _span_tokens(doc, span)
    return found


def _span_tokens(doc, span) -> list:
    # triggers.token_range is doc.char_span(..., alignment_mode="expand")'s
    # token range without building the Span; doc_tokens, doc[i] without
    # building a Token per word.
    found = token_range(doc, span[0], span[1])
    if found is None:
        return []
    space = doc_arrays(doc).space
    tokens = doc_tokens(doc)
    return [tokens[i] for i in found if not space[i]]


def main_predicate(tokens):
    """The top of the tokens' dependency tree, preferring a verb."""
    arrays = doc_arrays(tokens[0].doc)
    head, punct, pos = arrays.heads, arrays.punct, arrays.pos
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if (head[t.i] not in inside or head[t.i] == t.i) and not punct[t.i]]
    verbs = [t for t in heads if pos[t.i] in {"VERB", "AUX"}]
    return (verbs or heads or tokens)[0]


def _children(token, *deps: str) -> list:
    return children(token, deps)


def _negated(parsed, unit: ClaimUnit, main) -> bool:
    if _children(main, "neg"):
        return True
    if any(a.lower_ == "never" for a in _children(main, "advmod")):
        return True
    negative = _lex("negative_words")
    for arg in _children(main, "nsubj", "nsubjpass", "dobj", "attr"):
        if arg.lower_ in negative or any(d.lower_ in negative for d in _children(arg, "det")):
            return True
    if unit.cue_span is not None:
        cue = _tokens(parsed, unit.cue_span)
        if cue and cue[0].lemma_.lower() in _lex("negating_cues"):
            return True
    return False


def _question(parsed, unit: ClaimUnit, main, sentence: list) -> bool:
    text = parsed.text
    if text[unit.span[0] : unit.span[1]].rstrip(_QUOTES).endswith("?"):
        return True
    if not unit.chain and text[unit.sentence_span[0] : unit.sentence_span[1]].rstrip(
        _QUOTES
    ).endswith("?"):
        return True
    if text[unit.span[0] : unit.span[1]].lower().startswith("whether "):
        return True
    # "Whether X is Y is a big question": read from the sentence's own root
    # too, so that a unit cut out of the whether-clause stays a question.
    if not sentence:
        return _whether_question(main)
    if sentence[0].lower_ == "whether":
        # The small model often hangs the sentence from the whether-clause's
        # verb ("Whether X should consider Y is a question": root "consider").
        judged = [t for t in sentence if t.dep_ in {"attr", "acomp", "ROOT"}]
        if any(t.lemma_.lower() in _lex("question_predicates") for t in judged):
            return True
    return _whether_question(main) or _whether_question(main_predicate(sentence))


def _whether_question(main) -> bool:
    for subject in _children(main, "csubj", "nsubj"):
        if subject.left_edge.lower_ == "whether":
            predicates = [main, *_children(main, "attr", "acomp")]
            if any(p.lemma_.lower() in _lex("question_predicates") for p in predicates):
                return True
    return False


def _hypothetical(main) -> bool:
    for clause in _children(main, "advcl"):
        if any(m.lower_ in _lex("conditional_marks") for m in _children(clause, "mark")):
            return True
    if any(a.lower_ in _lex("future_modals") for a in _children(main, "aux")):
        return True
    return lemma_in(main, _lex("intention_verbs")) and bool(_children(main, "xcomp"))


def _agentive(main) -> bool:
    """The predicate's subject is someone who can act: a person, group or place-as-polity.

    With such a subject "can" is mostly ability or permission ("Citizens can
    vote", "Police can arrest suspects"), which asserts; with any other subject
    it is possibility ("The situation can worsen"), which hedges.
    """
    for subject in _children(main, "nsubj"):
        if subject.lower_ in {"i", "we", "you", "he", "she", "they"}:
            return True
        if subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or lemma_in(
            subject, _lex("agent_nouns")
        ):
            return True
    return False


def _hedged(tokens, main) -> bool:
    for aux in _children(main, "aux"):
        if aux.lower_ in {"can", "ca"} and _agentive(main):
            continue
        if aux.lower_ in _lex("hedge_modals"):
            return True
    hedges = _lex("hedge_words")
    arrays = doc_arrays(main.doc)  # not t.lower_ / t.lemma_: a str decoded per access
    lowers, lemmas = arrays.lowers, arrays.lemma_lowers
    if any(lowers[t.i] in hedges or lemmas[t.i] in hedges for t in tokens):
        return True
    if lemma_in(main, _lex("hedge_raising_verbs")) and _children(main, "xcomp"):
        return True
    return (
        lemma_in(main, _lex("hedge_passive_verbs"))
        and bool(_children(main, "auxpass"))
        and bool(_children(main, "xcomp"))
    )


def _inferential(token) -> bool:
    """``token`` frames the writer's inference: "X shows that ...", "makes it clear"."""
    if lemma_in(token, _lex("inferential_verbs")):
        return bool(_children(token, "nsubj")) and bool(_children(token, "ccomp", "dobj"))
    if token.lemma_.lower() == "make":
        complements = _lex("inferential_make_complements")
        return any(
            t.lower_ in complements
            for t in token.subtree
            if t.head == token or t.head.head == token
        )
    return False


def _opinion(parsed, unit: ClaimUnit, tokens) -> bool:
    lowered = parsed.text[unit.span[0] : unit.span[1]].lower()
    if any(phrase in lowered for phrase in _lex("opinion_phrases")):
        return True
    adjectives = _lex("evaluative_adjectives")
    arrays = doc_arrays(parsed.doc)
    pos, lemmas = arrays.pos, arrays.lemma_lowers
    return any(pos[t.i] == "ADJ" and lemmas[t.i] in adjectives for t in tokens)


def writer_frame(sentence) -> bool:
    """Whether a sentence opens in the writer's own voice.

    "This shows that ...", "It is a matter of concern that ...", "It is clear
    that ...": such a sentence ends a continuation of a cited work's voice
    (see :mod:`claimgraph.extract.attribution`).
    """
    tokens = [t for t in sentence if not t.is_space]
    if not tokens:
        return False
    main = main_predicate(tokens)
    if _inferential(main):
        return True
    if main.lemma_.lower() != "be" or not any(s.lower_ == "it" for s in _children(main, "nsubj")):
        return False
    lowered = sentence.text.lower()
    if any(phrase in lowered for phrase in _lex("opinion_phrases")):
        return True
    judged = _lex("evaluative_adjectives") | _lex("inferential_make_complements")
    return any(a.lemma_.lower() in judged for a in _children(main, "acomp"))


def _cue(parsed, unit: ClaimUnit):
    """The head word of the unit's innermost cue, or None."""
    if unit.cue_span is None:
        return None
    tokens = _tokens(parsed, unit.cue_span)
    return main_predicate(tokens) if tokens else None


def _cue_class(cue) -> str | None:
    """A cue that is itself a modality: "plans to", "threatened to" (hypothetical);
    "appears to", "is believed to" (hedged). Sources of intentions and beliefs
    are attributions for PolNeAR, but what they introduce is not yet a fact."""
    if cue is None:
        return None
    if lemma_in(cue, _lex("intention_verbs")):
        return "hypothetical"
    if lemma_in(cue, _lex("hedge_raising_verbs")):
        return "hedged"
    if lemma_in(cue, _lex("hedge_passive_verbs")) and _children(cue, "auxpass"):
        return "hedged"
    return None


def _open_question(parsed, unit: ClaimUnit, main, sentence: list) -> bool:
    """ "It is not clear whether ...", "It is unknown if ...": an open question,
    whose negation ("not clear") does not make the claim negated."""
    for root in {main, main_predicate(sentence)} if sentence else {main}:
        judged = [root, *_children(root, "acomp", "attr")]
        clauses = [c for j in judged for c in j.children if c.dep_ in {"ccomp", "advcl", "csubj"}]
        if not any(m.lower_ in {"whether", "if"} for c in clauses for m in _children(c, "mark")):
            continue
        if any(j.lemma_.lower() in _lex("question_predicates") for j in judged):
            return True
        known = any(j.lemma_.lower() in _lex("knowledge_predicates") for j in judged)
        if known and _children(root, "neg"):
            return True
    return False


def _label(parsed, unit: ClaimUnit, tokens, main) -> str:
    cue_class = _cue_class(_cue(parsed, unit))
    # The sentence's tokens: both question tests read them.
    sentence = _tokens(parsed, unit.sentence_span)
    if _open_question(parsed, unit, main, sentence):
        return "question"
    if _negated(parsed, unit, main):
        return "negated"
    if _question(parsed, unit, main, sentence):
        return "question"
    if _hypothetical(main) or cue_class == "hypothetical":
        return "hypothetical"
    if _hedged(tokens, main) or cue_class == "hedged":
        return "hedged"
    if unit.chain:
        return "reported"
    if _inferential(main):
        return "inferred"
    if _opinion(parsed, unit, tokens):
        return "opinion"
    if any(_inferential(t) for t in tokens):
        return "inferred"
    return "asserted"


def certainty(parsed, unit: ClaimUnit) -> tuple[str, float]:
    """Certainty class and factuality score of one unit.

    The class follows the precedence of the module docstring. The score is
    :func:`predicate_factuality` of the unit's main predicate, the function
    the factuality harness measures; a negated class keeps a score <= 0 (the
    class may see a denial cue or a negative object the score's rules skip).
    """
    tokens = _tokens(parsed, unit.span)
    if not tokens:
        label = "reported" if unit.chain else "asserted"
        return label, _SCORES[label]
    main = main_predicate(tokens)
    label = _label(parsed, unit, tokens, main)
    score = token_factuality(main)
    if label == "negated" and score > 0:
        score = -score
    return label, score
