"""Actors named by a description: nationality phrases and titled people.

- A demonym or a country modifying a people or institution noun is an actor
  of that country, with the noun's descriptive sector: "Israeli troops" (MIL),
  "a French minister" (GOV), "Palestinian prisoners" (no sector), "the Turkish
  and Greek sides" (two actors), "U.S. soldier".
- The words before a person's name say which country and sector the person
  stands for: "British Defence Secretary Tom King" (GBR, GOV), "Lebanon's new
  President Elias Hrawi" (LBN, GOV), "Labour Minister Saadia Kermani" (GOV; the
  NER's "Labour" organization inside the title is not an actor).
- An organization named after a country is of that country ("Montenegro
  Assembly", "Kenya Anti-Corruption Commission", "Pakistan Army").

Sectors are CAMEO/PLOVER agent codes read off the noun the text uses, never a
judgement of ours.
"""

from __future__ import annotations

from ..records import Span
from . import doc_arrays, doc_text
from .actor_merge import Mention
from .dictionary import ActorDictionary, normalize_name

# People and institution nouns (by lemma) → (type of a singular mention,
# descriptive sector or None). Codes follow the CAMEO agent codes of the
# PETRARCH/Phoenix agents dictionary (GOV government, MIL military, COP police,
# REB armed rebels, OPP opposition, CVL civilians, LEG legislature, JUD
# judiciary, REF refugees, LAB labour, MED media, HLH health, BUS business,
# EDU education, REL religion, RAD radicals, SPY intelligence); the brief of
# issue 4 codes students as civilians. A plural mention is a group.
AGENT_NOUNS: dict[str, tuple[str, str | None]] = {
    # government
    "government": ("organization", "GOV"),
    "administration": ("organization", "GOV"),
    "cabinet": ("organization", "GOV"),
    "regime": ("organization", "GOV"),
    "ministry": ("organization", "GOV"),
    "minister": ("person", "GOV"),
    "president": ("person", "GOV"),
    "premier": ("person", "GOV"),
    "official": ("person", "GOV"),
    "authority": ("organization", "GOV"),
    "ambassador": ("person", "GOV"),
    "diplomat": ("person", "GOV"),
    "envoy": ("person", "GOV"),
    "delegation": ("group", "GOV"),
    "leader": ("person", "GOV"),
    "side": ("group", None),
    # security
    "army": ("organization", "MIL"),
    "military": ("organization", "MIL"),
    "force": ("organization", "MIL"),
    "navy": ("organization", "MIL"),
    "troop": ("group", "MIL"),
    "soldier": ("person", "MIL"),
    "officer": ("person", "MIL"),
    "commander": ("person", "MIL"),
    "peacekeeper": ("person", "MIL"),
    "helicopter": ("group", "MIL"),
    "tank": ("group", "MIL"),
    "warplane": ("group", "MIL"),
    "jet": ("group", "MIL"),
    "aircraft": ("group", "MIL"),
    "police": ("organization", "COP"),
    "policeman": ("person", "COP"),
    "intelligence": ("organization", "SPY"),
    # non-state armed groups, opposition, radicals
    "rebel": ("person", "REB"),
    "militant": ("person", "REB"),
    "insurgent": ("person", "REB"),
    "guerrilla": ("person", "REB"),
    "separatist": ("person", "REB"),
    "militia": ("organization", "REB"),
    "gunman": ("person", "REB"),
    "militiaman": ("person", "REB"),
    "opposition": ("organization", "OPP"),
    "dissident": ("person", "OPP"),
    "extremist": ("person", "RAD"),
    # legislature, judiciary
    "parliament": ("organization", "LEG"),
    "congress": ("organization", "LEG"),
    "assembly": ("organization", "LEG"),
    "senate": ("organization", "LEG"),
    "lawmaker": ("person", "LEG"),
    "legislator": ("person", "LEG"),
    "court": ("organization", "JUD"),
    "judge": ("person", "JUD"),
    # civilians and other sectors
    "protester": ("person", "CVL"),
    "demonstrator": ("person", "CVL"),
    "student": ("person", "CVL"),
    "resident": ("person", "CVL"),
    "civilian": ("person", "CVL"),
    "villager": ("person", "CVL"),
    "citizen": ("person", "CVL"),
    "youth": ("person", "CVL"),
    "people": ("group", "CVL"),
    "refugee": ("person", "REF"),
    "worker": ("person", "LAB"),
    "journalist": ("person", "MED"),
    "doctor": ("person", "HLH"),
    "businessman": ("person", "BUS"),
    "cleric": ("person", "REL"),
    "prisoner": ("person", None),
    "group": ("organization", None),
    "member": ("person", None),
    "candidate": ("person", None),
    "spokesman": ("person", None),
}
# Heads that take the sector of the noun before them ("rebel leaders" REB,
# "opposition candidates" OPP, "army commander" MIL).
_GENERIC_HEADS = frozenset(
    {"leader", "group", "official", "member", "commander", "spokesman", "candidate", "force"}
)
# Nouns that only make an actor with a modifier that says which ("air force").
_NEEDS_MODIFIER = {"force": {"air", "security", "armed", "special", "ground", "naval"}}

# Words of office before a name that make the person a government or military
# actor (sector); they are read only inside the name's own phrase.
_GOV_TITLES = ("president", "minister", "premier", "chancellor", "secretary", "ambassador")
_GOV_TITLES += ("governor", "mayor", "king", "queen", "emir", "sultan", "vice-president")
_MIL_TITLES = ("general", "gen", "colonel", "col", "lieutenant", "lt", "major", "maj")
_MIL_TITLES += ("admiral", "marshal", "brigadier", "commander")
TITLE_SECTORS: dict[str, str | None] = {
    **dict.fromkeys(_GOV_TITLES, "GOV"),
    # A leader's sector is the one of what they lead ("rebel leader"): the word
    # gives the country ("Libyan leader"), not the sector.
    "leader": None,
    **dict.fromkeys(_MIL_TITLES, "MIL"),
    **dict.fromkeys(("senator", "sen", "lawmaker", "congressman", "congresswoman"), "LEG"),
    **dict.fromkeys(("judge", "justice"), "JUD"),
}
# Words of a minister's portfolio, which the NER often tags as an organization
# ("Labour Minister", "British Defence Secretary").
_PORTFOLIO = frozenset(
    {"labour", "labor", "defence", "defense", "foreign", "interior", "home", "finance"}
    | {"health", "education", "justice", "trade", "energy", "agriculture", "planning"}
    | {"investment", "economy", "transport", "information", "environment", "water"}
    | {"culture", "commerce", "industry", "communications", "affairs", "religious", "and"}
    | {"state", "of", "the", "junior", "deputy", "acting", "new"}
)
# A title qualified so: not (or no longer) the office holder.
_NOT_HOLDER = frozenset({"former", "ex", "late", "then", "opposition", "shadow"})


def agent_noun(token, dictionary: ActorDictionary | None = None) -> tuple[str, str | None] | None:
    """(type, sector) of a people or institution noun, or None.

    A user dictionary's agents (PETRARCH's "PRESIDENT [~GOV]") come first.
    """
    lemma = token.lemma_.lower()
    found = AGENT_NOUNS.get(lemma) or AGENT_NOUNS.get(token.lower_)
    agent = None
    if dictionary is not None:
        # "riot police", "harbour pilots": the noun with its compounds first.
        compounds = [c.lower_ for c in token.lefts if c.dep_ == "compound"]
        for phrase in (" ".join([*compounds, lemma]), lemma, token.lower_):
            agent = dictionary.agent(phrase)
            if agent is not None:
                break
    if agent is not None:
        found = (found[0] if found else "person", agent.sector)
    if found is None:
        return None
    type_, sector = found
    plural = token.tag_ in {"NNS", "NNPS"} or token.lower_ in {"police", "people", "military"}
    if plural and type_ == "person":
        type_ = "group"
    return type_, sector


def _country_of(text: str, dictionary: ActorDictionary, date: str | None) -> str | None:
    entry = dictionary.lookup(text, date)
    if entry is not None and entry.type in {"state", "group"}:
        return entry.country
    return None


def body_phrase(ent, dictionary: ActorDictionary, date: str | None, char_span) -> Mention | None:
    """ "Israeli troops" from a demonym or country modifying an agent noun, or None.

    A demonym coordinated with another ("the Turkish and Greek sides") is its
    own actor; its mention is the demonym alone, so that each side keeps a
    span of its own.
    """
    doc, root = ent.doc, ent.root
    conjunct = root.dep_ == "conj" and root.head.ent_type_ in {"NORP", "GPE"}
    modifier = root.head if conjunct else root
    head = modifier.head
    if modifier.dep_ not in {"amod", "compound", "nmod"} or head.i < ent.end:
        return None
    # "Pakistani harbour pilots": the parser may hang the demonym on a compound.
    while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
        head = head.head
    found = agent_noun(head, dictionary)
    if found is None or (head.dep_ == "compound" and head.head.ent_type_ == "PERSON"):
        return None  # "Iranian commander Ismail Qaani": the title of a named person
    # Only modifiers of the noun (and other demonyms joined to this one, as in
    # "Turkish and Greek sides") may stand between ("Pakistani air force").
    between = doc[ent.end : head.i] if not conjunct else doc[root.i + 1 : head.i]
    joined = {t.i for t in root.subtree}
    if not conjunct and any(
        t.i not in joined and (t.head.i != head.i or t.dep_ not in {"amod", "compound"})
        for t in between
    ):
        return None
    words = {t.lower_ for t in between}
    needed = _NEEDS_MODIFIER.get(head.lemma_.lower())
    if needed is not None and not words & needed:
        return None
    type_, sector = found
    if head.lemma_.lower() in _GENERIC_HEADS:
        for token in between:
            inner = agent_noun(token, dictionary)
            if inner is not None and inner[1] is not None:
                sector = inner[1]
    country = _country_of(ent.text, dictionary, date)
    if ent.label_ == "GPE" and country is None:
        return None
    noun_key = normalize_name(head.lemma_)
    if conjunct or any(c.dep_ == "conj" and c.ent_type_ == ent.label_ for c in root.children):
        span = char_span(doc, ent.start, ent.end)
    else:
        span = char_span(doc, ent.start, head.i + 1)
    key = f"body|{country or normalize_name(ent.text)}|{noun_key}"
    return Mention(
        span, doc_text(doc)[span[0] : span[1]], "BODY", None, type_, sector, country, key
    )


def title_region(doc, start: int, end: int) -> tuple[int, int]:
    """Token range of the words before a name that belong to its phrase.

    "British Defence Secretary Tom King": the three words before "Tom" hang
    off the name; a verb or a preposition's other object does not.
    """
    root = doc[start:end].root
    if root.dep_ == "appos" and root.head.i == start - 1:
        root = root.head  # "Niger's ambassador Brah Mohamane": the name in apposition
    first = start
    while first > 0:
        token = doc[first - 1]
        if token.is_punct and token.text not in {".", "'", "’"} or token.is_space:
            break
        if token != root and not root.is_ancestor(token):
            break
        first -= 1
    return first, start


def _portfolio(doc, first: int, last: int, dictionary: ActorDictionary) -> bool:
    """Whether tokens are a title's portfolio or nationality ("British Defence", "Labour")."""
    return all(
        t.lower_ in _PORTFOLIO or _country_of(t.text, dictionary, None) for t in doc[first:last]
    )


def describe_person(
    doc, start: int, end: int, mention: Mention, dictionary: ActorDictionary, date: str | None
) -> None:
    """Country and sector of a person from the title before the name."""
    first, last = title_region(doc, start, end)
    if first == last:
        return
    words = [t.lower_.rstrip(".") for t in doc[first:last]]
    titles = [TITLE_SECTORS[w] for w in words if w in TITLE_SECTORS]
    if not titles:
        return
    country = None
    for i in range(first, last):
        for width in (3, 2, 1):
            if i + width <= last:
                country = _country_of(doc[i : i + width].text, dictionary, date)
                if country:
                    break
        if country:
            break
    # "Harvard President X" speaks for Harvard, not a government.
    owned = any(
        t.ent_type_ == "ORG"
        and t.lower_.rstrip(".") not in TITLE_SECTORS
        and not _portfolio(doc, t.i, t.i + 1, dictionary)
        for t in doc[first:last]
    )
    mention.country = mention.country or country
    if not _NOT_HOLDER & set(words) and not owned:
        mention.sector = mention.sector or next((t for t in reversed(titles) if t), None)


def in_title(doc, ent, dictionary: ActorDictionary) -> bool:
    """Whether an organization entity is part of a title before a person's name.

    "Labour Minister Saadia Kermani", "British Defence Secretary Tom King",
    "Secretary of State Warren Christopher": the entity is a portfolio or a
    nationality, a title word stands next to it, and a person's name follows.
    """
    if not _portfolio(doc, ent.start, ent.end, dictionary):
        return False
    before = doc[max(0, ent.start - 2) : ent.start]  # "Secretary of State"
    titled = any(t.lower_.rstrip(".") in TITLE_SECTORS for t in before)
    for token in doc[ent.end : min(len(doc), ent.end + 5)]:
        word = token.lower_.rstrip(".")
        if word in TITLE_SECTORS:
            titled = True
        elif token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.text[:1].isupper()):
            return titled
        elif word not in _PORTFOLIO:
            return False
    return False


def describe_org(span, mention: Mention, dictionary: ActorDictionary, date: str | None) -> None:
    """Sector and country of an unknown organization from its words ("Pakistan Army")."""
    found = agent_noun(span[-1], dictionary)
    if found is not None and found[1] is not None and found[0] == "organization":
        mention.type, mention.sector = "organization", found[1]
    # The country may open the name ("Montenegro Assembly") or close it after
    # "of" ("National Union for the Total Independence of Angola").
    candidates = list(span[:-1]) if len(span) > 1 else []
    if len(span) > 2 and span[-2].lower_ == "of":
        candidates.append(span[-1])
    for token in candidates:
        country = _country_of(token.text, dictionary, date)
        if country:
            mention.country = country
            if mention.sector is not None:
                # Same key as "Pakistani army" (see body_phrase): one actor.
                mention.key = f"body|{country}|{normalize_name(span[-1].lemma_)}"
            break


# Collective nouns for people who act together in news ("dockworkers began a
# strike", "villagers marched"), with the CAMEO agent code of the PETRARCH /
# Phoenix agents dictionary (AGR agriculture, LAB labour, EDU education, HLH
# health, BUS business, MED media, CVL civilians, REF refugees).
GROUP_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        ("protester", "demonstrator", "marcher", "villager", "resident", "civilian"), "CVL"
    ),
    **dict.fromkeys(("citizen", "youth", "pilgrim", "commuter", "passenger", "voter"), "CVL"),
    **dict.fromkeys(("student",), "EDU"),
    **dict.fromkeys(("teacher", "lecturer"), "EDU"),
    **dict.fromkeys(("worker", "dockworker", "docker", "stevedore", "labourer", "laborer"), "LAB"),
    **dict.fromkeys(("miner", "employee", "porter", "striker", "unionist", "driver"), "LAB"),
    **dict.fromkeys(("farmer", "fisherman", "herder", "grower"), "AGR"),
    **dict.fromkeys(("doctor", "nurse", "paramedic"), "HLH"),
    **dict.fromkeys(("trader", "shopkeeper", "vendor", "merchant", "exporter"), "BUS"),
    **dict.fromkeys(("journalist", "reporter"), "MED"),
    **dict.fromkeys(("refugee", "migrant"), "REF"),
}
# Collective nouns that take a singular tag ("police arrested"). Police,
# soldiers and armed groups are not in GROUP_NOUNS: tried on 2026-11-26, they
# raised PLOVER dev recall 0.827 → 0.836 but cost target (0.673 → 0.665) and
# country accuracy (0.885 → 0.874), because "police in Chad" is Chad's police.
_COLLECTIVE = frozenset({"police"})
# "Thousands of dockworkers walked off": the counted noun is the actor.
_QUANTITY_HEADS = frozenset(
    {"thousand", "hundred", "dozen", "score", "crowd", "group", "number", "million"}
)


def _group_role(token) -> bool:
    """Is this plural noun the one who acts: a clause's subject, the agent of
    a passive or of a nominal event ("the strike by dockworkers"), or the
    counted noun of such a subject ("thousands of workers")?"""
    if token.dep_ == "conj":
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "by":
        return True
    head = prep.head
    return (
        prep.lower_ == "of"
        and head.lemma_.lower() in _QUANTITY_HEADS
        and head.dep_ in {"nsubj", "nsubjpass"}
    )


def _from_country(token) -> bool:
    """ "workers from Nigeria", "employees of Bluefin": the group stands for a
    named country or organization, which the event layer codes instead
    ("villagers in Antofagasta" are villagers: "in" says where, not whose)."""
    # Any name: the NER tags some countries as persons ("Mali").
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"from", "of"}
        and any(o.ent_type_ for o in prep.children if o.dep_ == "pobj")
        for prep in token.rights
    )


def group_mentions(doc, taken: list[Span], char_span) -> list[Mention]:
    """Unnamed groups that act: "dockworkers", "port workers", "villagers".

    Only a plural of :data:`GROUP_NOUNS` in an acting role (:func:`_group_role`)
    and outside any named or described mention: "workers" as the object of
    "hired" is not an actor, and "Pakistani workers" is already one (with its
    country) from :func:`body_phrase`. Mentions of one noun merge in a
    document, so "dockworkers ... the dockworkers" is one actor.
    """
    out = []
    # The cheap tests on the per-token lists first: a Token is built only
    # for the few plural group nouns.
    arrays = doc_arrays(doc)
    lemmas, tags, lowers = arrays.lemmas, arrays.tags, arrays.lowers
    for i in range(len(lemmas)):
        lemma = lemmas[i].lower()
        plural = tags[i] == "NNS" or lowers[i] in _COLLECTIVE
        if not plural or lemma not in GROUP_NOUNS:
            continue
        token = doc[i]
        if not _group_role(token):
            continue
        compounds = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
        first = compounds[0] if compounds else token
        span = char_span(doc, first.i, token.i + 1)
        if any(s[0] < span[1] and span[0] < s[1] for s in taken):
            continue
        if any(c.ent_type_ in {"NORP", "GPE"} for c in token.lefts) or _from_country(token):
            continue  # "Pakistani workers", "students from Egypt": the country's actor
        phrase = " ".join([*(c.lower_ for c in compounds), token.lower_])
        key = "group|" + " ".join([*(c.lemma_.lower() for c in compounds), lemma])
        out.append(Mention(span, phrase, "BODY", None, "group", GROUP_NOUNS[lemma], None, key))
    return out
