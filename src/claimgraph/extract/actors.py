"""Actors: one record per real-world actor of a document, every mention merged.

Mentions come from spaCy's entities (the actor dictionary's ruler has already
fixed the systematic NER misses, see :mod:`claimgraph.extract.dictionary`),
plus three phrase kinds the NER does not give as actors:

- a demonym heading a security or government noun ("Pakistani army",
  "Pakistani ambassadors") becomes an organization or group of that country;
- a demonym heading its own phrase ("the Pakistanis") becomes a group;
- a cited work ("the report of the Middle East Media Research Institute")
  becomes an actor of type ``document``, and its later definite mentions
  ("this report") join it when exactly one such work was introduced before.

A place name is an actor only when the dictionary knows it as a state (a
country or a capital standing for its government); other places are left to
the places stage.

In-document resolution merges a surname with the full name ("Zaheer" →
"Naji Zaheer"), transliteration variants ("Qaddomi" / "Qaddumi") and an
acronym with its expansion ("LeT" / "Lashkar-e-Taiba", "Forum (KPF)"), and
abstains when two actors could claim the same short form. Occurrences of a
name the NER tagged elsewhere but missed here are added by string match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from anyascii import anyascii

from ..ids import child_id
from ..records import Actor, Span
from .dictionary import ActorDictionary, Entry, normalize_name, phonetic, same_spelling

_LABEL_TYPE = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words of rank or office that precede a name; the mention covers the name only.
_TITLES = _words(
    """president prime minister pm gen general dr mr mrs ms miss sheikh shaikh king
    queen prince princess senator sen rep representative chancellor ambassador
    commander maulana mullah ayatollah imam hafiz col colonel lt lieutenant major maj
    chief secretary foreign defence defense interior governor mayor judge justice sir
    lord leader spokesman spokeswoman spokesperson envoy premier vice deputy field
    marshal army mufti emir amir caliph"""
)
# Prefixes that make a name a modifier ("non-NATO ally", "anti-Hamas rally").
_MODIFIER_PREFIXES = ("non-", "anti-", "pro-", "post-", "pre-")

# Head nouns that turn a demonym or a country into an institution or a body of
# people: (type, descriptive sector). PLOVER/CAMEO sector codes.
_BODY_NOUNS: dict[str, tuple[str, str]] = {
    "army": ("organization", "MIL"),
    "military": ("organization", "MIL"),
    "forces": ("organization", "MIL"),
    "force": ("organization", "MIL"),  # "air force"
    "navy": ("organization", "MIL"),
    "troops": ("group", "MIL"),
    "soldiers": ("group", "MIL"),
    "police": ("organization", "COP"),
    "government": ("organization", "GOV"),
    "ministry": ("organization", "GOV"),
    "officials": ("group", "GOV"),
    "authorities": ("group", "GOV"),
    "ambassadors": ("group", "GOV"),
    "diplomats": ("group", "GOV"),
    "intelligence": ("organization", "SPY"),
}

# Nouns naming a cited work; the creator makes it a "document" actor.
_DOC_NOUNS = _words("report study survey statement document findings investigation analysis")
_ANAPHOR_DETERMINERS = frozenset({"the", "this", "that"})

# Name particles that are not initials of an acronym's words ("Lashkar-e-Taiba" → LT/LeT).
_PARTICLES = _words("of the and for e i ul ud al el de du a an in on")


@dataclass(slots=True)
class _Mention:
    """A working mention: mutable only inside this module."""

    span: Span
    text: str
    label: str  # spaCy label, or BODY (demonym + noun) / DOC
    entry: Entry | None = None
    type: str | None = None
    sector: str | None = None
    country: str | None = None
    key: str = ""


@dataclass(slots=True)
class _Cluster:
    mentions: list[_Mention] = field(default_factory=list)
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
        return _LABEL_TYPE.get(self.mentions[0].label, "organization")


# --- names -------------------------------------------------------------------


def _name_tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", normalize_name(text)) if t]


def _given_compatible(a: str, b: str) -> bool:
    """Given names that can belong to one person: same name or an initial of it."""
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return same_spelling(a, b)


def _same_person(name: str, forms: Iterable[str]) -> bool:
    """Whether ``name`` can refer to the person known by ``forms``.

    A single token matches a surname; two full names need matching surnames
    and compatible given names ("Ahmed Sharif" is not "Shahbaz Sharif").
    """
    toks = _name_tokens(name)
    if not toks:
        return False
    for form in forms:
        other = _name_tokens(form)
        if not other:
            continue
        if len(toks) == 1 or len(other) == 1:
            if same_spelling(toks[-1], other[-1]):
                return True
        elif same_spelling(toks[-1], other[-1]) and _given_compatible(toks[0], other[0]):
            return True
    return False


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return " " not in text and 2 <= len(letters) <= 8 and upper >= 2 and 2 * upper >= len(letters)


def _initials(name: str) -> set[str]:
    """Acronyms a name can have: with and without its particles."""
    words = [w for w in re.split(r"[\s\-]+", anyascii(name).lower()) if w and w[0].isalnum()]
    return {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _PARTICLES)}


def _acronym_of(acronym: str, forms: Iterable[str]) -> bool:
    letters = "".join(c for c in acronym.lower() if c.isalpha())
    return any(len(f.split()) > 1 or "-" in f for f in forms) and any(
        letters in _initials(f) for f in forms if f != acronym
    )


# --- mentions ----------------------------------------------------------------


def _trimmed(doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Token range without a leading "the", titles, or a trailing possessive."""
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    while end > start and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    if start < end and doc[start].lower_ == "the":
        start += 1
    if label == "PERSON":
        while end - start > 1 and doc[start].lower_.rstrip(".") in _TITLES:
            start += 1
    return start, end


def _char_span(doc, start: int, end: int) -> Span:
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return s, e


def _body_phrase(ent, dictionary: ActorDictionary, date: str | None) -> _Mention | None:
    """ "Pakistani army" from a demonym entity modifying a body noun, or None."""
    doc, head = ent.doc, ent.root.head
    if ent.root.dep_ not in {"amod", "compound", "nmod"} or head.i < ent.end:
        return None
    noun = head.lower_
    if noun not in _BODY_NOUNS:
        return None
    # Only modifiers of the noun may stand between ("Pakistani air force").
    if any(t.head.i != head.i or t.dep_ not in {"amod", "compound"} for t in doc[ent.end : head.i]):
        return None
    if noun == "force" and not any(t.lower_ == "air" for t in doc[ent.end : head.i]):
        return None
    entry = dictionary.lookup(ent.text, date)
    type_, sector = _BODY_NOUNS[noun]
    span = _char_span(doc, ent.start, head.i + 1)
    country = entry.country if entry else None
    noun_key = normalize_name(doc[ent.end : head.i + 1].text)
    key = f"body|{country or normalize_name(ent.text)}|{noun_key}"
    return _Mention(span, doc.text[span[0] : span[1]], "BODY", None, type_, sector, country, key)


def _lookup(dictionary: ActorDictionary, text: str, date: str | None) -> Entry | None:
    """The dictionary entry for ``text`` on ``date``.

    A person named outside the dates of their office is still that person of
    that country, but not the office holder: the entry comes without sector.
    """
    entry = dictionary.lookup(text, date)
    if entry is None and date is not None:
        undated = dictionary.lookup(text)
        if undated is not None and undated.type == "person":
            return replace(undated, sector=None, start=None, end=None)
    return entry


def _entity_mentions(parsed, dictionary: ActorDictionary, date: str | None) -> list[_Mention]:
    doc = parsed.doc
    out: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _LABEL_TYPE:
            continue
        before = doc.text[max(0, ent.start_char - 5) : ent.start_char].lower()
        if ent.text.lower().startswith(_MODIFIER_PREFIXES) or before.endswith(_MODIFIER_PREFIXES):
            continue
        start, end = _trimmed(doc, ent.start, ent.end, ent.label_)
        if start >= end:
            continue
        span = _char_span(doc, start, end)
        text = doc.text[span[0] : span[1]]
        entry = _lookup(dictionary, text, date)
        if entry is not None and entry.type == "place":
            continue
        if (entry is None and ent.label_ == "NORP") or (
            entry is not None and entry.type == "group"
        ):
            body = _body_phrase(ent, dictionary, date)
            if body is not None:
                out.append(body)
            elif ent.root.dep_ not in {"amod", "compound", "nmod", "poss"}:
                # "the Pakistanis": a demonym heading its phrase is a group.
                country = entry.country if entry else None
                m = _Mention(span, text, ent.label_, None, "group", None, country)
                m.key = f"norp|{country or normalize_name(text)}"
                out.append(m)
            continue
        if ent.label_ == "GPE" and (entry is None or entry.type != "state"):
            continue  # a place, not an actor: the places stage's business
        m = _Mention(span, text, ent.label_, entry, key=normalize_name(text))
        if entry is None and ent.label_ == "ORG":
            _describe_org(doc[start:end], m, dictionary, date)
        out.append(m)
    return out


def _describe_org(span, mention: _Mention, dictionary: ActorDictionary, date: str | None) -> None:
    """Sector and country of an unknown organization from its words ("Pakistan Army")."""
    noun = span[-1].lower_
    if noun in _BODY_NOUNS:
        mention.type, mention.sector = "organization", _BODY_NOUNS[noun][1]
    if mention.sector is None:
        return
    for token in span[:-1]:
        entry = dictionary.lookup(token.text, date)
        if entry is not None and entry.type in {"state", "group"} and entry.country:
            # Same key as "Pakistani army" (see _body_phrase): one actor.
            mention.country = entry.country
            rest = normalize_name(span[token.i - span.start + 1 :].text)
            mention.key = f"body|{entry.country}|{rest}"
            break


def _parenthetical_acronyms(text: str, mentions: list[_Mention]) -> list[tuple[_Mention, _Mention]]:
    """(expansion, acronym) pairs written "Expansion (ABC)"; a new acronym mention if needed."""
    by_start = {m.span[0]: m for m in mentions}
    pairs = []
    for m in mentions:
        if m.label in {"BODY", "GPE"} or m.entry is not None and m.entry.type == "state":
            continue
        match = re.match(r"\s?\(([A-Za-z][A-Za-z&.\-]{1,9})\)", text[m.span[1] :])
        if not match or not _is_acronym(match.group(1)):
            continue
        s = m.span[1] + match.start(1)
        word = match.group(1)
        acronym = by_start.get(s) or _Mention((s, s + len(word)), word, m.label)
        acronym.key = normalize_name(word)
        pairs.append((m, acronym))
    return pairs


# --- clustering --------------------------------------------------------------


def _matches(m: _Mention, cluster: _Cluster) -> bool:
    if m.key and any(m.key == c.key for c in cluster.mentions):
        return True
    if m.label in {"BODY", "DOC"} or m.type == "group" and m.label == "NORP":
        return False
    if cluster.type == "person" and m.label in {"PERSON", "ORG"}:
        return (m.label == "PERSON" or len(_name_tokens(m.text)) == 1) and _same_person(
            m.text, cluster.forms
        )
    if cluster.type == "organization" and m.label in {"ORG", "NORP", "PERSON"}:
        if _is_acronym(m.text):
            return _acronym_of(m.text, cluster.forms)
        return any(_is_acronym(f) and _acronym_of(f, [m.text]) for f in cluster.forms)
    return False


def _cluster(mentions: list[_Mention], pairs: list[tuple[_Mention, _Mention]]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    by_entry: dict[tuple, _Cluster] = {}
    where: dict[int, _Cluster] = {}  # id(mention) → cluster

    def add(m: _Mention, cluster: _Cluster) -> None:
        cluster.mentions.append(m)
        where[id(m)] = cluster

    def new(m: _Mention) -> _Cluster:
        cluster = _Cluster(entry=m.entry)
        clusters.append(cluster)
        if m.entry is not None:
            by_entry[(m.entry.name, m.entry.type)] = cluster
        add(m, cluster)
        return cluster

    acronym_of = {id(a): e for e, a in pairs}
    # Full names first, so that a surname finds its full name wherever it stands.
    order = sorted(mentions, key=lambda m: (len(_name_tokens(m.text)) < 2, m.span))
    for m in order:
        if m.entry is not None:
            key = (m.entry.name, m.entry.type)
            if key in by_entry:
                add(m, by_entry[key])
                continue
            # A known name may still be a surname of someone named in full here.
            hits = [c for c in clusters if c.entry is None and _matches(m, c)]
            if len(hits) == 1 and _same_person(m.entry.name, hits[0].forms):
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
        hits = [c for c in clusters if _matches(m, c)]
        exact = [c for c in hits if any(m.key == x.key for x in c.mentions)]
        if len(exact) == 1:
            add(m, exact[0])
        elif len(hits) == 1:
            add(m, hits[0])
        else:
            new(m)  # no candidate, or several: abstain from choosing
    return clusters


def _surnames(clusters: list[_Cluster]) -> dict[int, str]:
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


def _expansions(parsed, clusters: list[_Cluster]) -> None:
    """Find the spelled-out name of an acronym the NER tagged alone ("GPI").

    A run of capitalized words (with "of", "and", "for" inside) whose initials
    are exactly the acronym, and that no entity covers, joins its cluster.
    """
    doc = parsed.doc
    taken = [(e.start_char, e.end_char) for e in doc.ents]
    for cluster in clusters:
        forms = cluster.forms
        if cluster.entry or cluster.type != "organization" or not all(map(_is_acronym, forms)):
            continue
        letters = "".join(c for c in forms[0].lower() if c.isalpha())
        for i, first in enumerate(doc):
            if not first.text[:1].isupper() or first.lower_ == "the":
                continue
            for j in range(i + 1, min(len(doc), i + len(letters) + 4)):
                word = doc[j]
                if not (word.text[:1].isupper() or word.lower_ in {"of", "and", "for", "-"}):
                    break
                if not word.text[:1].isupper() or letters not in _initials(doc[i : j + 1].text):
                    continue
                span = (first.idx, word.idx + len(word.text))
                if not any(a < span[1] and span[0] < b for a, b in taken):
                    taken.append(span)
                    cluster.mentions.append(_Mention(span, doc[i : j + 1].text, "ORG"))
                break


def _name_like(doc, start: int, end: int) -> bool:
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
    return token.tag_ != "NNS" and not re.search(rf"\b{re.escape(token.lower_)}\b", doc.text)


def _propagate(parsed, clusters: list[_Cluster]) -> None:
    """Add occurrences of a cluster's names that the NER missed ("‘Board of Peace’", "Trump")."""
    text = parsed.text
    taken = [(e.start_char, e.end_char) for e in parsed.doc.ents]
    taken += [m.span for c in clusters for m in c.mentions]
    surnames = _surnames(clusters)
    for i, cluster in enumerate(clusters):
        if cluster.type == "state":
            continue  # a country name found by string match may be a place
        forms = {m.text for m in cluster.mentions if m.label not in {"BODY", "NORP"}}
        if i in surnames:
            forms.add(surnames[i])
        for form in sorted(forms, key=len, reverse=True):
            if len(form) < 4 or not form[0].isupper():
                continue
            single = len(form.split()) == 1
            for found in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                s, e = found.span()
                if any(a < e and s < b for a, b in taken):
                    continue
                if single and not _name_like(parsed.doc, s, e):
                    continue
                taken.append((s, e))
                first = cluster.mentions[0]
                cluster.mentions.append(_Mention((s, e), form, first.label, first.entry))


# --- documents ---------------------------------------------------------------


def _actor_at_token(token, actors: list[Actor]) -> Actor | None:
    s, e = token.idx, token.idx + len(token.text)
    for actor in actors:
        if any(a < e and s < b for a, b in actor.mentions):
            return actor
    return None


def _creator(token, actors: list[Actor]) -> Actor | None:
    """Who made the work named by ``token``: "report of/by X", "X report", "X's report"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "by", "from"}:
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                actor = _actor_at_token(obj, actors)
                if actor is None:
                    continue
                if child.lower_ == "of" and actor.type not in {"organization", "person"}:
                    continue  # "the report of Pakistan" is more likely about it
                return actor
        elif child.dep_ in {"compound", "poss"} and child.i < token.i:
            actor = _actor_at_token(child, actors)
            if actor is None:
                continue
            if child.dep_ == "compound" and actor.type not in {"organization", "person"}:
                continue  # "the Gaza report" is about Gaza
            return actor
    return None


def _work_span(token, actors: list[Actor]) -> Span:
    """The work's mention: its noun with the determiners and adjectives right before it."""
    start = token.i
    while start > 0:
        prev = token.doc[start - 1]
        if prev.head.i != token.i or prev.dep_ not in {"det", "amod", "nummod", "advmod"}:
            break
        if _actor_at_token(prev, actors) is not None:
            break
        start -= 1
    first = token.doc[start]
    return first.idx, token.idx + len(token.text)


def _documents(parsed, document_id: str, actors: list[Actor]) -> list[Actor]:
    """Cited works as actors of type "document", with their later definite mentions."""
    works: dict[tuple[str, str], list[Span]] = {}
    names: dict[tuple[str, str], str] = {}
    for token in parsed.doc:
        noun = token.text
        # A capitalized "Report" belongs to a title or a heading, not to the prose.
        if noun not in _DOC_NOUNS or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        creator = _creator(token, actors)
        span = _work_span(token, actors)
        if creator is not None:
            key = (creator.id, noun)
            works.setdefault(key, []).append(span)
            names.setdefault(key, f"{creator.name} {noun}")
            continue
        det = [c for c in token.children if c.dep_ == "det" and c.i < token.i]
        if not det or det[0].lower_ not in _ANAPHOR_DETERMINERS:
            continue
        # Only when exactly one such work came before: otherwise "the report"
        # could be either, and we abstain.
        earlier = [k for k, spans in works.items() if k[1] == noun and spans[0][0] < span[0]]
        if len(earlier) == 1:
            works[earlier[0]].append(span)
    out = []
    for key, spans in works.items():
        mentions = tuple(sorted(set(spans)))
        out.append(
            Actor(
                id=child_id(document_id, "actor", *mentions[0]),
                name=names[key],
                type="document",
                aliases=_aliases(names[key], (parsed.text[s:e] for s, e in mentions)),
                mentions=mentions,
            )
        )
    return out


# --- records -----------------------------------------------------------------


def _actor(document_id: str, cluster: _Cluster) -> Actor:
    mentions = sorted(cluster.mentions, key=lambda m: m.span)
    entry = cluster.entry
    if entry is not None:
        name = entry.name
    else:
        named = [m for m in mentions if m.label not in {"NORP"}] or mentions
        name = max(named, key=lambda m: (len(_name_tokens(m.text)), len(m.text), -m.span[0])).text
    described = next((m for m in mentions if m.sector or m.country), None)
    spans = tuple(dict.fromkeys(m.span for m in mentions))
    return Actor(
        id=child_id(document_id, "actor", *spans[0]),
        name=name,
        type=cluster.type,
        sector=entry.sector if entry else (described.sector if described else None),
        country=entry.country if entry else (described.country if described else None),
        aliases=_aliases(name, (m.text for m in mentions)),
        mentions=spans,
    )


def _aliases(name: str, forms: Iterable[str]) -> tuple[str, ...]:
    """Surface forms other than the name, one per spelling ("hamas" is "Hamas")."""
    seen = {normalize_name(name)}
    out = []
    for form in forms:
        key = normalize_name(form)
        if key not in seen:
            seen.add(key)
            out.append(form)
    return tuple(out)


def actors(parsed, dictionary: ActorDictionary) -> tuple[Actor, ...]:
    """Every actor of the document, each with all its mentions, in order of first mention."""
    date = parsed.document.published
    mentions = _entity_mentions(parsed, dictionary, date)
    pairs = _parenthetical_acronyms(parsed.text, mentions)
    known = {id(m) for m in mentions}
    mentions += [a for _, a in pairs if id(a) not in known]
    clusters = _cluster(mentions, pairs)
    _expansions(parsed, clusters)
    _propagate(parsed, clusters)
    found = [_actor(parsed.document.id, c) for c in clusters]
    found += _documents(parsed, parsed.document.id, found)
    return tuple(sorted(found, key=lambda a: (a.mentions[0], a.id)))
