"""Our own ECB+ mentions (``--mentions ours``) for events and entities, matched to gold.

Candidates come from our spaCy parse of each coreference sentence:

- **events**: :func:`..resolve.event_coref.event_candidates` (content verbs and
  event-like nouns);
- **entities**: :func:`entity_candidates`, mirroring the markables the entity
  harness counts (``HUMAN_PART*``, ``NON_HUMAN_PART*``, ``LOC_*``, ``TIME_*``,
  see the ECB+ README): named entities of those kinds, plus the nominal and
  pronominal heads of noun chunks that are not events.

Matching follows the usual head convention, the same for both kinds: a
candidate that is the syntactic head of a gold mention of that kind takes the
mention's id, so it is scored in the gold mention's chain; a candidate inside
a gold mention but not its head is dropped (it is part of that mention); any
other candidate keeps an id of its own and stays in the response, where the
metrics count it as a twinless (spurious) mention, as the CoNLL reference
scorer does.
"""

from __future__ import annotations

from dataclasses import replace

from ..resolve.event_coref import event_candidates
from .ecb import EcbDocument, Mention, _span_head

# spaCy (OntoNotes) entity labels per ECB+ entity markable family. NORP is a
# group of people ("Democrats"), WORK_OF_ART/LAW/PRODUCT are the things ECB+
# tags NON_HUMAN_PART (a film, a bill, a phone); EVENT is left to the events.
_ENTITY_LABELS: dict[str, str] = {
    "PERSON": "HUMAN_PART_PER",
    "NORP": "HUMAN_PART_ORG",
    "ORG": "HUMAN_PART_ORG",
    "GPE": "LOC_GEO",
    "LOC": "LOC_GEO",
    "FAC": "LOC_FAC",
    "DATE": "TIME_DATE",
    "TIME": "TIME_OF_THE_DAY",
    "WORK_OF_ART": "NON_HUMAN_PART",
    "LAW": "NON_HUMAN_PART",
    "PRODUCT": "NON_HUMAN_PART",
}
_NOMINAL_POS = frozenset(("NOUN", "PROPN", "PRON"))
# Pronouns that can stand for a participant: persons and groups, and "who"
# (9 of 18 on ECB+ odd topics 1-17 were gold mention heads; leaving it out
# changed CoNLL F1 by under 0.002). "it", "this", "there" and the like are left
# out: mostly expletive or eventive.
_PARTICIPANT_PRONOUNS = frozenset(
    ("he", "him", "his", "himself", "she", "her", "hers", "herself")
    + ("they", "them", "their", "themselves", "we", "us", "our", "ourselves")
    + ("i", "me", "my", "myself", "you", "your", "who", "whom")
)


def entity_candidates(doc) -> list[tuple[int, str]]:
    """Entity mentions of a parsed sentence: (head token index, ECB+-style tag).

    Named entities of the kinds above come first (the entity's root); then
    the roots of noun chunks that are neither named entities nor event nouns.
    One candidate per head. Possessive determiners ("his", "their") are not
    candidates: spaCy does not make them chunks, and adding them on ECB+ odd
    topics 1-17 matched 23 of 78 and lowered entity CoNLL F1 (0.5403 without,
    0.5357 with).
    """
    events = set(event_candidates(doc))
    out: dict[int, str] = {}
    for ent in doc.ents:
        tag = _ENTITY_LABELS.get(ent.label_)
        if tag is not None and ent.root.i not in out:
            out[ent.root.i] = tag
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.i in out or root.i in events or root.pos_ not in _NOMINAL_POS:
            continue
        # A predicate nominal ("she is a coach") describes, it does not refer:
        # on ECB+ odd topics 1-17, 1 of 13 such chunks was a gold mention
        # head; dropping them raised entity CoNLL F1 0.5403 → 0.5435 there.
        if root.dep_ == "attr":
            continue
        if root.pos_ == "PRON" and root.lower_ not in _PARTICIPANT_PRONOUNS:
            continue
        out[root.i] = "NON_HUMAN_PART" if root.pos_ == "NOUN" else "HUMAN_PART"
    return sorted(out.items())


def _candidates(doc, kind: str) -> list[tuple[int, str]]:
    if kind == "event":
        return [(i, "PREDICTED") for i in event_candidates(doc)]
    return entity_candidates(doc)


def predicted_documents(
    documents: list[EcbDocument], nlp, kind: str = "event"
) -> list[EcbDocument]:
    """The documents with our own mentions of ``kind`` in place of the gold ones.

    A predicted mention is its head token alone, for entities as for events:
    the entity clustering also links mentions that share any content lemma,
    and the modifiers of whole noun chunks and names made that noisier (on
    ECB+ odd topics 1-17, entity CoNLL F1 0.5435 with chunk and name spans,
    0.5445 with name spans only, 0.5496 with heads only).
    """
    from spacy.tokens import Doc

    out = []
    for document in documents:
        predicted = []
        for s in sorted(document.selected):
            if s >= len(document.sentences):
                continue
            doc = nlp(Doc(nlp.vocab, words=[w or "_" for w in document.sentences[s]]))
            inside: dict[int, Mention] = {}
            heads: dict[int, Mention] = {}
            for m in document.mentions:
                if m.kind == kind and m.sentence == s:
                    head = _span_head(doc, m.tokens)
                    inside.update(dict.fromkeys(m.tokens, m))
                    if head is not None:
                        heads[head.i] = m
            for i, tag in _candidates(doc, kind):
                if i in inside and i not in heads:
                    continue
                match = heads.get(i)
                mention_id = match.id if match else f"{document.name}:p{s}_{i}"
                predicted.append(
                    Mention(
                        mention_id,
                        document.topic,
                        document.subtopic,
                        document.name,
                        s,
                        (i,),
                        doc[i].text,
                        tag,
                        kind,
                        match.gold if match else mention_id,
                    )  # fmt: skip
                )
        out.append(replace(document, mentions=tuple(predicted)))
    return out
