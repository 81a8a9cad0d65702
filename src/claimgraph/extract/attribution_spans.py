"""Span boundaries of sources and contents beyond the subject and clause rules.

Sources: :func:`dropped_modifiers` says which words of a subject's phrase
PolNeAR leaves out (see
:func:`claimgraph.extract.attribution_syntax._source_tokens`).
"""

from __future__ import annotations

_TIME_ENTS = frozenset({"DATE", "TIME"})


def dropped_modifiers(subject) -> set[int]:
    """Indices of the source phrase's words that PolNeAR leaves out of the span.

    A prepositional phrase on the head whose object is a date ("an arbitration
    panel *in 2001* found"): when the source spoke, not who it is. Other
    modifiers stay, set off by commas or not: on PolNeAR dev, dropping a
    comma-set relative clause on a name ("X, who ran the agency, said") cost
    5 exact sources, dropping appositives and relative clauses below the
    first level ("X, president of the union, which represents nurses") cost
    7, a comma-set participle ("X, speaking to reporters, said") 1; the date
    phrase gained 1.
    """
    drop: set[int] = set()
    for child in subject.children:
        if child.dep_ == "prep" and child.i > subject.i:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.ent_type_ in _TIME_ENTS:
                drop.update(t.i for t in child.subtree)
    return drop


def according_parts(token, to, sentence) -> tuple[object, int | None, list] | None:
    """(source head, index the source ends before or None, content words) of
    "according to X", or None.

    The source is the object of "to" ("according to *the report*"), or its
    clause when the tagger took a noun for a verb ("according to *show
    insiders*"); the content is the rest of the sentence. When the parser hung
    the whole clause under the phrase ("According to the host Ann Lee, *the
    plan is dead*": the clause an appositive of the name), the phrase ends at
    its first comma.
    """
    source = next((c for c in to.children if c.dep_ in {"pobj", "pcomp"}), None)
    if source is None:
        return None
    phrase = {t.i for t in token.subtree}
    rest = [t for t in sentence if t.i not in phrase and not t.is_punct and not t.is_space]
    if rest:
        return source, None, rest
    comma = next((t.i for t in token.subtree if t.i > to.i and t.text == ","), None)
    if comma is None or comma <= source.left_edge.i:
        return None
    rest = [t for t in sentence if t.i > comma and not t.is_punct and not t.is_space]
    return (source, comma, rest) if rest else None


def reported_advcl(verb, speech_verbs: frozenset[str]):
    """The clause a speech verb reports that the parser attached as an adverbial, or None.

    "Tom said after the meeting *he would not accept*", "Lawmakers have not
    said *when they would vote*": a finite clause after the verb, with its
    own subject and no subordinating conjunction ("said nothing *when the
    fire started*" has none either, but its verb has an object: not taken).
    A conjunction ("because", "if", "while") makes it a real adverbial.
    """
    from .certainty import lemma_in

    if not lemma_in(verb, speech_verbs) or any(c.dep_ == "dobj" for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ != "advcl" or child.i < verb.i:
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
            continue
        marks = [c for c in child.children if c.dep_ == "mark"]
        if marks and not all(m.lower_ in {"that", "whether"} for m in marks):
            continue
        return child
    return None


def clause_start(clause) -> int:
    """Index the reported clause starts at: a time or place phrase before its
    subject is the saying's, misattached ("said *after the meeting* he would
    not accept"), and stays out."""
    subject = next(c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"})
    leading = [c for c in clause.children if c.dep_ == "prep" and c.i < subject.i]
    return subject.left_edge.i if leading else clause.left_edge.i
