"""Factuality of one predicate: how far the text commits to its event having happened.

``predicate_factuality(parsed, span)`` scores the event word at ``span`` on
the unified [-3, 3] scale of Stanovsky et al. (2017) (FactBank's CT+ = 3 ...
CT- = -3; 0 = uncommitted). The score is ``polarity * magnitude``:

- **polarity** (±1) is decided by rules: a negation of the predicate's own
  clause ("did not attack", "no attack"), a negative subject ("nobody
  came"), or a negative implicative or denial governing it ("failed to
  attack", "denied attacking"); two of these cancel ("did not fail to").
- **magnitude** (0–3) is a linear model over the binary features of
  :func:`features` (modals, hedges, conditions, questions, the class of the
  verb or noun that governs the predicate: saying, believing, wanting,
  factive, implicative ...). Its weights are in ``data/certainty.yaml``
  (section ``factuality_model``), fitted by
  :func:`claimgraph.evaluate.factuality.fit` on the *train* splits of the UW
  and MEANTIME factuality sets (provenance recorded beside the weights).

Everything is read from the predicate's own clause and the chain of
governors above it, so one sentence can hold a factual "said" and a
hypothetical "attack" under it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..records import Span
from . import children, doc_arrays, doc_text, doc_tokens, load_yaml, sentence_chars

_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "certainty.yaml"

# Dependency links through which a governor's meaning reaches the predicate
# below it: clausal complements and adjuncts, and the preposition/object links
# of a nominal governor ("the possibility of taking"). Subjects and objects of
# a verb are not in this list: "the attack killed ten" does not embed "attack".
_EMBEDDING = frozenset(
    {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "pobj", "prep", "conj", "dobj", "attr"}
)
# How many governors up to look. Three covers "said (1) it planned (2) to try
# (3) to attack". Refitting with 1, 2, 3 and 5 gave train MAE 0.466, 0.457,
# 0.455, 0.454 on UW + MEANTIME train (2026-11-25): three is where it stops
# paying.
_MAX_GOVERNORS = 3


@functools.cache
def _data() -> dict:
    raw = load_yaml(_MODEL_PATH.read_text(encoding="utf-8"))
    lex = {name: frozenset(str(w) for w in words) for name, words in raw["certainty"].items()}
    return {"lex": lex, "model": raw.get("factuality_model") or {}}


def _lex(name: str) -> frozenset[str]:
    return _data()["lex"][name]


def token_forms(token) -> frozenset[str]:
    """Lemma and surface forms of a token, forgiving the small model's lemmatizer."""
    # From the Doc's arrays: ``token.lower_`` and ``token.lemma_`` each decode
    # a new str from the StringStore (~680 asks an article).
    arrays = doc_arrays(token.doc)
    return word_forms(arrays.lowers[token.i], arrays.lemmas[token.i])


@functools.lru_cache(maxsize=65536)
def word_forms(lower: str, lemma: str) -> frozenset[str]:
    """A word's lower case, lemma and regular inflections stripped (also
    :func:`claimgraph.extract.certainty.lemma_in`'s forms).

    Cached: the same words recur across predicates and articles; 65,536
    entries are far more than an article's distinct words, a few MB.
    """
    forms = {lemma.lower(), lower}
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms.add(lower[: -len(suffix)] + repl)
    return frozenset(forms)


def _in(token, name: str) -> bool:
    return not token_forms(token).isdisjoint(_lex(name))


def _children(token, *deps: str) -> list:
    return children(token, deps)


def predicate_token(parsed, span: Span):
    """The spaCy token that heads the characters of ``span`` (a verb preferred), or None."""
    if span[0] >= span[1]:
        return None
    piece = parsed.doc.char_span(span[0], span[1], alignment_mode="expand")
    if piece is None or len(piece) == 0:
        return None
    tokens = [t for t in piece if not t.is_space and not t.is_punct] or list(piece)
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head == t]
    verbs = [t for t in heads if t.pos_ in {"VERB", "AUX"}]
    return (verbs or heads or tokens)[0]


def _clause_head(token):
    """The verb that carries the predicate's auxiliaries and negation.

    "was not happy": the adjective hangs from "was", which holds "not".
    """
    if token.dep_ in {"acomp", "attr", "oprd"} and token.head.lemma_ == "be":
        return token.head
    return token


def _negations(token) -> int:
    """Negating children of ``token``: "not", "never", "n't", or a negative subject.

    A negative subject negates the clause ("Nobody came"); a negative object
    does not ("made no comment", "has no problem"): the 16 such verbs of UW
    train average +0.7, and counting them as negated lowered UW dev r from
    0.750 to 0.729 (2026-11-25). Read from the Doc's arrays: no Token is
    built per child (~15,000 per 48 articles otherwise).
    """
    arrays = doc_arrays(token.doc)
    deps, lowers, kids = arrays.deps, arrays.lowers, arrays.children
    negative = _lex("negative_words")
    count = 0
    for c in kids[token.i]:
        dep = deps[c]
        adverb = dep == "advmod" and lowers[c] in {"never", "n't", "not"}
        subject = dep in {"nsubj", "nsubjpass"} and (
            lowers[c] in negative
            or any(deps[d] == "det" and lowers[d] in negative for d in kids[c])
        )
        if dep == "neg" or adverb or subject:
            count += 1
    return count


def _nominal_negation(token) -> int:
    """ "no attack", "without attacking": negation on a nominal or gerund predicate."""
    holder = token.head if token.dep_ == "compound" else token  # "no takeover bids"
    count = sum(1 for d in _children(holder, "det") if d.lower_ in {"no", "neither"})
    prep = token.head if token.dep_ == "pcomp" else None
    if prep is not None and prep.lower_ == "without":
        count += 1
    return count


def _modals(token) -> set[str]:
    found = set()
    for aux in _children(token, "aux", "auxpass"):
        lower = aux.lower_
        for group in ("possibility_modals", "future_modals", "obligation_modals"):
            if lower in _lex(group):
                found.add(group)
        if lower == "can" or lower == "ca":
            found.add("can")
        if aux.tag_ == "TO":
            found.add("to")
        if aux.lemma_ == "have":
            found.add("perfect")
    return found


# The feature names :func:`_modals` gives to modal auxiliaries.
_MODALITY = frozenset({"possibility_modals", "future_modals", "obligation_modals", "can"})


def _governors(token) -> list:
    """The governing words above ``token`` through embedding links, nearest first."""
    out = []
    current = token
    while current.head != current and len(out) < _MAX_GOVERNORS:
        if current.dep_ not in _EMBEDDING:
            break
        head = current.head
        if head.pos_ == "ADP":  # "possibility of taking": skip the preposition
            current = head
            continue
        out.append(head)
        current = head
    return out


# Governor classes, in the order they are tried; the first that matches names
# the governor. A few verbs sit in two lists ("tell" reports or directs,
# "remember" is implicative or factive); the order decides.
_GOVERNOR_CLASSES = (
    "negative_implicatives",
    "positive_implicatives",
    "factive_predicates",
    "report_verbs",
    "belief_verbs",
    "directive_verbs",
    "irrealis_nouns",
    "modal_adjectives",
)


def _governor_class(token) -> str | None:
    forms = token_forms(token)  # once, not once per class
    for name in _GOVERNOR_CLASSES:
        if not forms.isdisjoint(_lex(name)):
            return name
    return None


def _in_condition(token) -> bool:
    current = token
    while current.head != current:
        if current.dep_ == "advcl" and any(
            m.lower_ in _lex("conditional_marks") for m in _children(current, "mark")
        ):
            return True
        current = current.head
    return False


def _realized(governor) -> bool:
    """Whether a governing verb reads as having happened (finite, no modal, no "to")."""
    if governor.pos_ not in {"VERB", "AUX"}:
        return False
    head = _clause_head(governor)
    modals = _modals(head)
    if "to" in modals or modals & _MODALITY:
        return False
    if governor.tag_ == "VB" or _in_condition(head):
        return False
    above = _governors(head)
    return not (above and _governor_class(above[0]) in _IRREALIS_CLASSES)


_IRREALIS_CLASSES = frozenset(
    {"directive_verbs", "irrealis_nouns", "modal_adjectives", "belief_verbs"}
)


def _undone(token) -> bool:
    """A nominal event that a realized verb or noun cancels: "the deal was scrapped",
    "they called off the strike", "the now-cancelled deal", "a delay in delivery"."""
    head = token.head
    if token.dep_ in {"dobj", "nsubjpass"} and _in(head, "cancelling_verbs") and _realized(head):
        return True
    if any(_in(c, "cancelling_verbs") for c in _children(token, "amod") if c.tag_ == "VBN"):
        return True
    if token.dep_ == "pobj" and head.dep_ == "prep" and _in(head.head, "cancelling_nouns"):
        return True
    if token.dep_ == "acl" and _in(head, "cancelling_nouns"):  # "failure to enforce"
        return True
    return token.dep_ == "compound" and _undone(head)


def _dependents(head, token) -> list:
    """``[c for c in head.subtree if c.head in (head, token)]`` (``token`` is
    ``head`` or its child), as a set of tokens: the children of both, and
    ``head`` itself when it is the root, without walking the subtree."""
    doc = head.doc
    arrays = doc_arrays(doc)
    found = set(arrays.children[head.i])
    if token.i != head.i:
        found.update(arrays.children[token.i])
    if arrays.heads[head.i] == head.i:
        found.add(head.i)
    tokens = doc_tokens(doc)
    return [tokens[i] for i in sorted(found)]


def analyse(token) -> tuple[int, dict[str, float]]:
    """Polarity (±1) and the binary features of the predicate ``token``."""
    head = _clause_head(token)
    f: dict[str, float] = {}
    negations = _negations(head) + (_negations(token) if head is not token else 0)
    negations += _nominal_negation(token)
    modals = _modals(head)
    if negations:
        f["negated"] = 1.0
        if modals & _MODALITY:
            f["negated_modal"] = 1.0
    for modal in modals:
        f[f"own_{modal}"] = 1.0
    if _undone(token):
        f["undone"] = 1.0
        negations += 1
    if token.pos_ in {"NOUN", "PROPN"}:
        f["pos_noun"] = 1.0
    elif token.pos_ == "ADJ":
        f["pos_adj"] = 1.0
    if token.tag_ == "VBG" and token.dep_ in {"pcomp", "pobj", "advcl", "acl"}:
        f["gerund_adjunct"] = 1.0
    if token.tag_ in {"VBD"} or "perfect" in modals:
        f["past"] = 1.0
    if token.tag_ == "VB" and not modals and token.dep_ != "ROOT":
        f["bare_infinitive"] = 1.0
    if any(_in(c, "hedge_words") for c in _dependents(head, token)):
        f["hedge_word"] = 1.0
    if _in_condition(head):
        f["in_condition"] = 1.0
    for clause in _children(head, "advcl"):
        if any(m.lower_ in _lex("conditional_marks") for m in _children(clause, "mark")):
            f["has_condition"] = 1.0
    start, end = sentence_chars(token)
    sentence_text = doc_text(token.doc)[start:end]  # = token.sent.text
    if sentence_text.rstrip(" \"'”’").endswith("?"):
        f["question"] = 1.0
    if any(m.lower_ == "whether" for m in _children(head, "mark")):
        f["whether_clause"] = 1.0  # "not clear whether they attacked", "asked whether"
    if head.dep_ == "relcl":
        f["relative_clause"] = 1.0
    if head.dep_ == "advcl" and "to" in modals:
        f["purpose_clause"] = 1.0
    own_class = _governor_class(token)
    if own_class in {"report_verbs", "belief_verbs", "directive_verbs"}:
        f[f"self_{own_class}"] = 1.0
    polarity = -1 if negations % 2 else 1
    below = head
    for level, gov in enumerate(_governors(head)):
        gov_head = _clause_head(gov)
        name = _governor_class(gov)
        prefix = "gov1" if level == 0 else "govn"
        if name is not None:
            f[f"{prefix}_{name}"] = 1.0
        # "failed to attack", "denied that they attacked": the complement did
        # not happen, when the failing or denying did and the complement is
        # a clause (in "denied the allegations" the allegations were made).
        # Only the nearest governor: through a longer chain the flip was wrong
        # more often than right on UW train (fitted magnitude near 0).
        if (
            level == 0
            and name == "negative_implicatives"
            and below.pos_ in {"VERB", "AUX"}
            and below.dep_ in {"xcomp", "ccomp", "pcomp"}
            and _realized(gov)
        ):
            f["gov1_negative_realized"] = 1.0
            polarity = -polarity
        gov_modals = _modals(gov_head)
        if gov_modals & _MODALITY:
            f[f"{prefix}_modal"] = 1.0
        if _negations(gov_head) % 2:
            f[f"{prefix}_negated"] = 1.0
        if name in _IRREALIS_CLASSES:
            break  # what is above an unrealized event adds little
        below = gov
    return polarity, f


def predicate_factuality(parsed, span: Span) -> float:
    """Factuality in [-3, 3] of the predicate (event word) at character ``span``."""
    token = predicate_token(parsed, span)
    return 0.0 if token is None else token_factuality(token)


def token_factuality(token) -> float:
    """Factuality in [-3, 3] of the predicate ``token`` (a spaCy token)."""
    return score(*analyse(token))


def score(polarity: int, feats: dict[str, float]) -> float:
    """``polarity * magnitude`` with the fitted magnitude clipped to [0, 3]."""
    model = _data()["model"]
    weights = model.get("weights") or {}
    magnitude = float(model.get("bias", 3.0)) + sum(
        float(weights.get(name, 0.0)) * value for name, value in feats.items()
    )
    return round(polarity * min(3.0, max(0.0, magnitude)), 3)
