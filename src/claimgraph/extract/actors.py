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
from dataclasses import replace

from ..ids import child_id
from ..records import Actor, Span
from . import doc_arrays, doc_ents, doc_text
from .actor_merge import LABEL_TYPE, Cluster, Mention, cluster_mentions, expansions, propagate
from .dictionary import ActorDictionary, Entry, normalize_name
from .gazetteer import notable_place
from .names import TITLES, is_acronym, name_tokens
from .nominals import (
    TITLE_SECTORS,
    body_phrase,
    describe_org,
    describe_person,
    group_mentions,
    in_title,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MODIFIER_PREFIXES = ("non-", "anti-", "pro-", "post-", "pre-")
# Nouns naming a cited work; the creator makes it a "document" actor.
_DOC_NOUNS = _words("report study survey statement document findings investigation analysis")
_ANAPHOR_DETERMINERS = frozenset({"the", "this", "that"})

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
        # "Labour Minister Saadia Kermani": the name starts after the last title word.
        titled = [i for i in range(start, end - 1) if doc[i].lower_.rstrip(".") in TITLES]
        if titled and all(doc[i].text[:1].isupper() for i in range(titled[-1] + 1, end)):
            start = titled[-1] + 1
    return start, end


def char_span(doc, start: int, end: int) -> Span:
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return s, e


def _lookup(
    dictionary: ActorDictionary, text: str, date: str | None, label: str = ""
) -> Entry | None:
    """The dictionary entry for ``text`` on ``date``.

    A person named outside the dates of their office is still that person of
    that country, but not the office holder: the entry comes without sector.
    A surname two known people share ("Bush") is no entry: we abstain from
    choosing (:func:`_shared_country` may still say which country).
    """
    found = dictionary.candidates(text, date)
    if len({e.name for e in found if e.type == "person"}) > 1:
        return None
    entry = found[0] if found else None
    if entry is None and not dictionary.candidates(text) and label == "PERSON":
        entry = dictionary.person(text, date)  # "Abdelaziz Bouteflicka"
    if entry is None and date is not None:
        undated = dictionary.lookup(text) or (
            dictionary.person(text) if label == "PERSON" else None
        )
        if undated is not None and undated.type == "person":
            return replace(undated, sector=None, start=None, end=None)
    return entry


def _shared_country(dictionary: ActorDictionary, text: str, date: str | None) -> str | None:
    """The country every person named ``text`` shares, when the name is ambiguous."""
    countries = {e.country for e in dictionary.candidates(text, date) if e.type == "person"}
    return countries.pop() if len(countries) == 1 else None


def _modifier_country(ent, dictionary: ActorDictionary, date: str | None) -> str | None:
    """Country of a demonym before a people's name: "Iraqi Kurds", "Bosnian Serbs"."""
    tokens = [t for t in ent.root.children if t.dep_ in {"amod", "compound"} and t.i < ent.root.i]
    for token in [*ent[:-1], *tokens]:
        entry = dictionary.lookup(token.text, date)
        if entry is not None and entry.type == "group" and entry.country:
            return entry.country
    return None


def _people(ent, dictionary: ActorDictionary, date: str | None) -> bool:
    """Whether a PERSON entity is a people ("Bosnian Serbs"): demonym + plural demonym."""
    if len(ent) < 2:
        return False
    first, last = dictionary.lookup(ent[0].text, date), dictionary.lookup(ent[-1].text, date)
    return all(e is not None and e.type == "group" for e in (first, last))


def _titled_names(doc) -> list[tuple[int, int]]:
    """Token ranges of names right after a capitalized title the NER missed.

    "Labour Minister Saadia Kermani": the small model tags "Saadia" as a place
    and drops "Kermani"; two or more capitalized proper nouns after "Minister"
    are a person's name whatever the NER says.
    """
    out = []
    persons = [(e.start, e.end) for e in doc_ents(doc) if e.label_ == "PERSON"]
    arrays = doc_arrays(doc)  # token attributes without building a Token per word
    texts, lowers, pos = arrays.texts, arrays.lowers, arrays.pos
    size = len(texts)
    for i in range(size):
        if not texts[i][:1].isupper() or lowers[i].rstrip(".") not in TITLE_SECTORS:
            continue
        end = i + 1
        while (
            end < size
            and pos[end] == "PROPN"
            and texts[end][:1].isupper()
            and lowers[end] not in TITLE_SECTORS
        ):
            end += 1
        if end - i - 1 < 2:
            continue
        covered = any(s <= i + 1 and end <= e for s, e in persons)
        if not covered:
            out.append((i + 1, end))
    return out


_LOCATIVE = frozenset({"in", "at", "near", "across", "inside", "outside", "around", "within"})


def _located(ent) -> bool:
    """The entity is the object of a locative preposition ("in Tangier")."""
    return ent.root.dep_ == "pobj" and ent.root.head.lower_ in _LOCATIVE


def _entity_mentions(parsed, dictionary: ActorDictionary, date: str | None) -> list[Mention]:
    doc = parsed.doc
    out: list[Mention] = []
    titled = _titled_names(doc)
    for start, end in titled:
        span = char_span(doc, start, end)
        text = doc_text(doc)[span[0] : span[1]]
        entry = _lookup(dictionary, text, date, "PERSON")
        m = Mention(span, text, "PERSON", entry, key=normalize_name(text))
        if entry is None or entry.sector is None:
            describe_person(doc, start, end, m, dictionary, date)
        out.append(m)
    # A wire dateline ("TANGIER, March 13 (Meridian Wire Service) -") names
    # where the story was filed, not an actor; only its agency credit (in
    # brackets) is one. The small model tags capitalized cities as ORG there.
    datelines = [b.span for b in parsed.document.blocks if b.kind == "dateline"]
    for ent in doc_ents(doc):
        if ent.label_ not in LABEL_TYPE:
            continue
        dateline = next((d for d in datelines if d[0] <= ent.start_char < d[1]), None)
        if dateline and "(" not in doc_text(doc)[dateline[0] : ent.start_char]:
            continue
        if ent.label_ == "ORG" and _located(ent) and notable_place(ent.text):
            continue  # "signed an agreement in Tangier": the model's ORG is a city
        if any(a <= ent.start < b or ent.start <= a < ent.end for a, b in titled):
            continue  # the name after a title, found above
        before = doc_text(doc)[max(0, ent.start_char - 5) : ent.start_char].lower()
        if ent.text.lower().startswith(_MODIFIER_PREFIXES) or before.endswith(_MODIFIER_PREFIXES):
            continue
        start, end = _trimmed(doc, ent.start, ent.end, ent.label_)
        if start >= end:
            continue
        span = char_span(doc, start, end)
        text = doc_text(doc)[span[0] : span[1]]
        entry = _lookup(dictionary, text, date, ent.label_)
        if entry is not None and entry.type == "place":
            continue
        if (entry is None and ent.label_ == "NORP") or (
            entry is not None and entry.type == "group"
        ):
            body = body_phrase(ent, dictionary, date, char_span)
            if body is not None:
                out.append(body)
            elif ent.root.dep_ not in {"amod", "compound", "nmod", "poss"}:
                # "the Pakistanis": a demonym heading its phrase is a group;
                # "Iraqi Kurds": a people named with a country's demonym.
                country = entry.country if entry else _modifier_country(ent, dictionary, date)
                m = Mention(span, text, ent.label_, None, "group", None, country)
                m.key = f"norp|{country or normalize_name(text)}"
                out.append(m)
            continue
        if ent.label_ == "PERSON" and entry is None and _people(ent, dictionary, date):
            country = _modifier_country(ent, dictionary, date)  # "Bosnian Serbs"
            m = Mention(span, text, "NORP", None, "group", None, country)
            m.key = f"norp|{normalize_name(text)}"
            out.append(m)
            continue
        if ent.label_ == "GPE" and (entry is None or entry.type != "state"):
            continue  # a place, not an actor: the places stage's business
        if ent.label_ == "GPE" and entry is not None and entry.sector is None:
            body = body_phrase(ent, dictionary, date, char_span)  # "U.S. soldier"
            if body is not None:
                out.append(body)
                continue
        if ent.label_ == "ORG" and entry is None and in_title(doc, ent, dictionary):
            continue  # "Labour" in "Labour Minister Saadia Kermani"
        m = Mention(span, text, ent.label_, entry, key=normalize_name(text))
        if entry is None and ent.label_ == "ORG":
            describe_org(doc[start:end], m, dictionary, date)
        elif ent.label_ == "PERSON" and (entry is None or entry.sector is None):
            describe_person(doc, start, end, m, dictionary, date)
            if entry is None and m.country is None:
                m.country = _shared_country(dictionary, text, date)
        out.append(m)
    return out


def _parenthetical_acronyms(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """(expansion, acronym) pairs written "Expansion (ABC)"; a new acronym mention if needed."""
    by_start = {m.span[0]: m for m in mentions}
    pairs = []
    for m in mentions:
        if m.label in {"BODY", "GPE"} or m.entry is not None and m.entry.type == "state":
            continue
        match = re.match(r"\s?\(([A-Za-z][A-Za-z&.\-]{1,9})\)", text[m.span[1] :])
        if not match or not is_acronym(match.group(1)):
            continue
        s = m.span[1] + match.start(1)
        word = match.group(1)
        acronym = by_start.get(s) or Mention((s, s + len(word)), word, m.label)
        acronym.key = normalize_name(word)
        pairs.append((m, acronym))
    return pairs


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
    doc = parsed.doc
    arrays = doc_arrays(doc)
    for i, noun in enumerate(arrays.texts):
        # A capitalized "Report" belongs to a title or a heading, not to the prose.
        if noun not in _DOC_NOUNS or arrays.pos[i] not in {"NOUN", "PROPN"}:
            continue
        token = doc[i]
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


def _actor(document_id: str, cluster: Cluster) -> Actor:
    mentions = sorted(cluster.mentions, key=lambda m: m.span)
    entry = cluster.entry
    if entry is not None:
        name = entry.name
    else:
        named = [m for m in mentions if m.label not in {"NORP"}] or mentions
        name = max(named, key=lambda m: (len(name_tokens(m.text)), len(m.text), -m.span[0])).text
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
    mentions += group_mentions(parsed.doc, [m.span for m in mentions], char_span)
    pairs = _parenthetical_acronyms(parsed.text, mentions)
    known = {id(m) for m in mentions}
    mentions += [a for _, a in pairs if id(a) not in known]
    clusters = cluster_mentions(mentions, pairs)
    expansions(parsed, clusters)
    propagate(parsed, clusters)
    found = [_actor(parsed.document.id, c) for c in clusters]
    found += _documents(parsed, parsed.document.id, found)
    return tuple(sorted(found, key=lambda a: (a.mentions[0], a.id)))
