"""Merging mentions into actors: clustering, acronym expansions, missed mentions.

Working records (:class:`Mention`, :class:`Cluster`) are mutable and never
leave the actors stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Span
from ..resolve.names import phonetic
from . import doc_ents, doc_text
from .dictionary import Entry
from .names import acronym_of, initials, is_acronym, name_tokens, same_person_forms

LABEL_TYPE = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}


@dataclass(slots=True)
class Mention:
    """A working mention: mutable only inside the actors stage."""

    span: Span
    text: str
    label: str  # spaCy label, or BODY (demonym + noun) / DOC
    entry: Entry | None = None
    type: str | None = None
    sector: str | None = None
    country: str | None = None
    key: str = ""


@dataclass(slots=True)
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    entry: Entry | None = None

    @property
    def forms(self) -> list[str]:
        forms = [m.text for m in self.mentions]
        return [*forms, *(self.entry.names if self.entry else ())]

    @property
    def type(self) -> str:
        if self.entry:
            return self.entry.type
        for m in self.mentions:
            if m.type:
                return m.type
        return LABEL_TYPE.get(self.mentions[0].label, "organization")


def matches(m: Mention, cluster: Cluster) -> bool:
    if m.key and any(m.key == c.key for c in cluster.mentions):
        return True
    if m.label in {"BODY", "DOC"} or m.type == "group" and m.label == "NORP":
        return False
    if cluster.type == "person" and m.label in {"PERSON", "ORG"}:
        return (m.label == "PERSON" or len(name_tokens(m.text)) == 1) and same_person_forms(
            m.text, cluster.forms
        )
    if cluster.type == "organization" and m.label in {"ORG", "NORP", "PERSON"}:
        if is_acronym(m.text):
            return acronym_of(m.text, cluster.forms)
        return any(is_acronym(f) and acronym_of(f, [m.text]) for f in cluster.forms)
    return False


def cluster_mentions(
    mentions: list[Mention], pairs: list[tuple[Mention, Mention]]
) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_entry: dict[tuple, Cluster] = {}
    where: dict[int, Cluster] = {}  # id(mention) → cluster

    def add(m: Mention, cluster: Cluster) -> None:
        cluster.mentions.append(m)
        where[id(m)] = cluster

    def new(m: Mention) -> Cluster:
        cluster = Cluster(entry=m.entry)
        clusters.append(cluster)
        if m.entry is not None:
            by_entry[(m.entry.name, m.entry.type)] = cluster
        add(m, cluster)
        return cluster

    acronym_of = {id(a): e for e, a in pairs}
    # Full names first, so that a surname finds its full name wherever it stands.
    order = sorted(mentions, key=lambda m: (len(name_tokens(m.text)) < 2, m.span))
    for m in order:
        if m.entry is not None:
            key = (m.entry.name, m.entry.type)
            if key in by_entry:
                add(m, by_entry[key])
                continue
            # A known name may still be a surname of someone named in full here.
            hits = [c for c in clusters if c.entry is None and matches(m, c)]
            if len(hits) == 1 and same_person_forms(m.entry.name, hits[0].forms):
                hits[0].entry = m.entry
                by_entry[key] = hits[0]
                add(m, hits[0])
            else:
                new(m)
            continue
        expansion = acronym_of.get(id(m))
        if expansion is not None and id(expansion) in where:
            add(m, where[id(expansion)])
            continue
        hits = [c for c in clusters if matches(m, c)]
        exact = [c for c in hits if any(m.key == x.key for x in c.mentions)]
        if len(exact) == 1:
            add(m, exact[0])
        elif len(hits) == 1:
            add(m, hits[0])
        else:
            new(m)  # no candidate, or several: abstain from choosing
    return clusters


def surnames(clusters: list[Cluster]) -> dict[int, str]:
    """Surname of each person cluster named in full, when no other person shares it."""
    found: dict[int, str] = {}
    for i, cluster in enumerate(clusters):
        if cluster.type == "person":
            full = [m.text.split() for m in cluster.mentions if len(m.text.split()) > 1]
            if full:
                found[i] = full[0][-1]
    counts: dict[str, int] = {}
    for surname in found.values():
        counts[phonetic(surname)] = counts.get(phonetic(surname), 0) + 1
    return {i: s for i, s in found.items() if counts[phonetic(s)] == 1}


def expansions(parsed, clusters: list[Cluster]) -> None:
    """Find the spelled-out name of an acronym the NER tagged alone ("GPI").

    A run of capitalized words (with "of", "and", "for" inside) whose initials
    are exactly the acronym, and that no entity covers, joins its cluster.
    """
    doc = parsed.doc
    taken = [(e.start_char, e.end_char) for e in doc_ents(doc)]
    for cluster in clusters:
        forms = cluster.forms
        if cluster.entry or cluster.type != "organization" or not all(map(is_acronym, forms)):
            continue
        letters = "".join(c for c in forms[0].lower() if c.isalpha())
        for i, first in enumerate(doc):
            if not first.text[:1].isupper() or first.lower_ == "the":
                continue
            for j in range(i + 1, min(len(doc), i + len(letters) + 4)):
                word = doc[j]
                if not (word.text[:1].isupper() or word.lower_ in {"of", "and", "for", "-"}):
                    break
                if not word.text[:1].isupper() or letters not in initials(doc[i : j + 1].text):
                    continue
                span = (first.idx, word.idx + len(word.text))
                if not any(a < span[1] and span[0] < b for a, b in taken):
                    taken.append(span)
                    cluster.mentions.append(Mention(span, doc[i : j + 1].text, "ORG"))
                break


def name_like(doc, start: int, end: int) -> bool:
    """Whether a lone capitalized word is a name rather than a common word.

    Inside a sentence the capital says so; at a sentence start ("Jobs were
    cut") the word must not be a plural common noun nor occur in lower case.
    """
    span = doc.char_span(start, end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    doc_len = len(doc)
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < doc_len]
    if any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours):
        return False  # part of a longer name the NER missed ("Ivanka Trump")
    if not token.is_sent_start or token.pos_ == "PROPN":
        return True
    return token.tag_ != "NNS" and not re.search(rf"\b{re.escape(token.lower_)}\b", doc_text(doc))


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches in a str pattern: alphanumeric (str.isalnum) or "_"."""
    return char.isalnum() or char == "_"


def _whole_word_occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer(rf"(?<!\\w){re.escape(form)}(?!\\w)", text)`` gives.

    str.find jumps between candidates; the regex, whose look-behind defeats
    its literal-prefix search, tried every position (~0.15 ms per name on a
    700-word article, ~30 names).
    """
    out = []
    size = len(form)
    start = text.find(form)
    while start >= 0:
        end = start + size
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            out.append((start, end))
            start = text.find(form, end)
        else:
            start = text.find(form, start + 1)
    return out


def propagate(parsed, clusters: list[Cluster]) -> None:
    """Add occurrences of a cluster's names that the NER missed ("‘Board of Peace’", "Trump")."""
    text = parsed.text
    taken = [(e.start_char, e.end_char) for e in doc_ents(parsed.doc)]
    taken += [m.span for c in clusters for m in c.mentions]
    unique = surnames(clusters)
    for i, cluster in enumerate(clusters):
        if cluster.type == "state":
            continue  # a country name found by string match may be a place
        forms = {m.text for m in cluster.mentions if m.label not in {"BODY", "NORP"}}
        if i in unique:
            forms.add(unique[i])
        for form in sorted(forms, key=len, reverse=True):
            if len(form) < 4 or not form[0].isupper():
                continue
            single = len(form.split()) == 1
            for s, e in _whole_word_occurrences(text, form):
                if any(a < e and s < b for a, b in taken):
                    continue
                if single and not name_like(parsed.doc, s, e):
                    continue
                taken.append((s, e))
                first = cluster.mentions[0]
                cluster.mentions.append(Mention((s, e), form, first.label, first.entry))
