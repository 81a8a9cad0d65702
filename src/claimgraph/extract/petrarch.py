"""Import PETRARCH/Phoenix actor and agent dictionaries as dictionary entries.

The Open Event Data Alliance's Phoenix dictionaries (MIT licence; claimgraph
does not ship them, users pass them with ``--dictionary FILE.txt``) come in
two text formats:

- actors (``Phoenix.Countries.actors.txt``, ``...International...``,
  ``...MilNonState...``): a name in the first column (words joined by ``_``),
  ``+SYNONYM`` lines, and CAMEO codes in brackets, on the name's line or on
  indented lines below it, each optionally dated::

      PERVEZ_MUSHARRAF_  # CountryInfo.txt
      +PRESIDENT_MUSHARRAF
          [PAKELI 610101-991014]
          [PAKGOVMIL 991014-021123]
          [PAKELI]

  ``[CODE]`` holds when no dated code does; ``>YYMMDD`` from, ``<YYMMDD``
  until, ``YYMMDD-YYMMDD`` between (both days included; YY 00-30 is 20YY,
  as in PETRARCH), and eight-digit YYYYMMDD dates;
- agents (``Phoenix.agents.txt``): a generic noun and the code it adds,
  ``PRESIDENT [~GOV]``, with ``!PERSON! = MAN, MEN, ...`` substitution sets.

A CAMEO actor code is a country or international prefix followed by
three-letter role codes: ``PAKGOVMIL`` is Pakistan (PAK), government (GOV),
military (MIL). We keep the ISO 3166 alpha-3 country (CAMEO's few non-ISO
codes are mapped when they have an ISO successor, dropped otherwise) and the
first role as the descriptive sector; ``IGO``/``NGO``/``MNC``/``IMG``
prefixes have no country and give the sector IGO, NGO, BUS, REB.

Imported entries never emit entity-ruler patterns: tens of thousands of
phrases (many of them common words such as "Black Star") would override the
NER everywhere; the lookup still gives every entity the NER finds its code.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from pathlib import Path

from .dictionary import DictionaryError, Entry, builtin_entries, normalize_name

# Three-letter CAMEO role codes (CAMEO manual 1.1b3, actor codebook) that
# become our descriptive sector; other chunks of a code (UNO, KID, regional
# codes) are sub-classifications we do not keep.
ROLES = frozenset(
    {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "BUS", "MED", "CVL", "IGO", "NGO"}
    | {"SPY", "LEG", "ELI", "UAF", "HLH", "EDU", "LAB", "REF", "AGR", "RAD", "CRM", "DEV"}
    | {"ENV", "HRI", "REL", "MOD", "SET", "IMG"}
)
# Prefixes that are not countries: the sector they stand for.
_INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "IMG": "REB"}
# CAMEO codes that differ from ISO 3166 alpha-3 for the same country today.
_CAMEO_ISO = {"KSV": "XKX", "TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}
# ISO 3166 alpha-3 codes of territories CAMEO codes (not states in our
# built-in dictionary, but valid ISO codes).
_TERRITORIES = frozenset(
    {"HKG", "MAC", "BMU", "AIA", "COK", "ABW", "CYM", "PRI", "GGY", "GLP", "VGB", "FLK"}
    | {"GRL", "FRO", "NCL", "PYF", "GUM", "ASM", "VIR", "MSR", "TCA", "JEY", "IMN", "GIB"}
)
# Words that make a name an organization rather than a person.
_ORG_WORDS = frozenset(
    {"army", "front", "party", "council", "ministry", "intelligence", "bureau", "agency"}
    | {"union", "organization", "organisation", "movement", "group", "brigade", "brigades"}
    | {"committee", "commission", "association", "court", "bank", "company", "corporation"}
    | {"institute", "league", "service", "services", "forces", "force", "police"}
    | {"government", "parliament", "assembly", "tribunal", "fund", "program", "programme"}
    | {"office", "department", "federation", "alliance", "network", "society", "foundation"}
    | {"center", "centre", "university", "school", "church", "mission", "coalition"}
    | {"congress", "guard", "guards", "battalion", "cells", "nuclei", "faction", "resistance"}
    | {"liberation", "authority", "board", "secretariat", "news", "press", "radio"}
    | {"television", "times", "post", "herald", "daily", "airlines"}
)
# A synonym of a country kept as a spelling of its name: similarity to the
# head name (rapidfuzz ratio) at least this. 60 keeps "Bakistan", "Paquistan"
# (≥ 75) and drops cities listed as synonyms ("Karachi" 27, "Lahore" 29),
# which PETRARCH codes as the country but which are places to claimgraph.
_COUNTRY_SPELLING = 60.0

_CODE = re.compile(r"\[([^\]]*)\]")
_SUBST = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")


def _date(text: str) -> str | None:
    """ISO date of a PETRARCH date; None (bound ignored) when it is malformed."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    except ValueError:
        return None


def _next_day(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


@functools.lru_cache(maxsize=65536)
def parse_code(code: str) -> tuple[str | None, str | None]:
    """(ISO country, sector) of a CAMEO actor code: "PAKGOVMIL" → ("PAK", "GOV")."""
    from .dictionary import known_countries

    code = code.strip().lstrip("~").rstrip("~").upper()
    if not re.fullmatch(r"[A-Z]{3,}", code):
        return None, None
    prefix = code[:3]
    chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
    if prefix in _INTERNATIONAL:
        return None, _INTERNATIONAL[prefix]
    if prefix in ROLES:  # an agent code ("~GOV") or a bare role
        return None, prefix
    prefix = _CAMEO_ISO.get(prefix, prefix)
    country = prefix if prefix in known_countries() or prefix in _TERRITORIES else None
    sector = next((c for c in chunks if c in ROLES), None)
    return country, sector


def _dated_codes(text: str) -> list[tuple[str, str | None, str | None]]:
    """(code, start, end) of every bracket in ``text``; end is exclusive."""
    out = []
    for inside in _CODE.findall(text):
        parts = inside.split()
        if not parts or parts[0].startswith("---"):
            continue
        code, start, end = parts[0], None, None
        when = "".join(parts[1:])
        if when.startswith(">"):
            start = _date(when[1:])
        elif when.startswith("<"):
            end = _date(when[1:])
        elif "-" in when:
            a, b = when.split("-", 1)
            start, end = _date(a), _date(b)
            end = _next_day(end) if end else None
            if start and end and end <= start:
                start = end = None  # a reversed range: keep the code, not the dates
        out.append((code, start, end))
    return out


def _display(name: str) -> str:
    """ "MUAMMAR_AL_QADDAFI_" → "Muammar al Qaddafi"; short all-letter names stay upper."""
    words = [w for w in re.split(r"[_\s]+", name.strip().strip("_")) if w]
    if len(words) == 1 and len(words[0]) <= 5 and words[0].isalpha():
        return words[0]  # "UNDP", "IAEA", "UNSC"
    small = {"al", "el", "bin", "ibn", "of", "the", "and", "for", "de", "du", "la", "le", "in"}
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if i and low in small else w[:1].upper() + w[1:].lower())
    return " ".join(out)


def _names(raw: str) -> list[str]:
    """Display name, plus an acronym written in parentheses: "BASQUE_..._(ETA)_".

    Up to five letters: longer parentheses are qualifiers ("SAMOA_(AMERICAN)").
    """
    acronyms = re.findall(r"\(([A-Za-z.]{2,5})\)?", raw)
    bare = re.sub(r"\([^)]*\)?", " ", raw)
    names = [_display(bare)] if _display(bare) else []
    return names + [a.upper() for a in acronyms]


def _guess_type(names: list[str], codes: list[tuple[str, str | None, str | None]]) -> str:
    sectors = [parse_code(c)[1] for c, _, _ in codes]
    countries = [parse_code(c)[0] for c, _, _ in codes]
    if any(countries) and not any(sectors):
        return "state"  # a country, or a territory coded under one ("USAASM")
    words = set(normalize_name(names[0]).split()) if names else set()
    if words & _ORG_WORDS or any(c[:3] in _INTERNATIONAL for c, _, _ in codes):
        return "organization"
    # Two to four words, none an organization's: a person ("Zulfikar Ali Bhutto").
    return "person" if 2 <= len(words) <= 4 else "organization"


def _entries(
    names: list[str], codes: list[tuple[str, str | None, str | None]], kind: str
) -> list[Entry]:
    if not names or not codes:
        return []
    type_ = "organization" if kind == "milnonstate" else _guess_type(names, codes)
    if type_ == "state":
        names = _country_names(names)
        if not names:
            return []
    # A name the built-in dictionary knows keeps the built-in meaning (the
    # import must not turn "US" or "American" into a territory) and spelling.
    known = _builtin_names()
    key = normalize_name(names[0])
    if key in known and known[key][1] != type_:
        return []  # "Gaza" is a place to claimgraph, not a state actor
    head = known[key][0] if key in known and normalize_name(known[key][0]) == key else names[0]
    names = [head] + [n for n in names[1:] if normalize_name(n) not in known]
    label = {"person": "PERSON", "state": "GPE"}.get(type_, "ORG")
    out = []
    for code, start, end in codes:
        country, sector = parse_code(code)
        out.append(
            Entry(
                name=names[0],
                type=type_,
                label=label,
                sector=sector,
                country=country,
                aliases=tuple(dict.fromkeys(n for n in names[1:] if n != names[0])),
                start=start,
                end=end,
                ruler=False,
            )
        )
    return out


@functools.lru_cache(maxsize=1)
def _builtin_names() -> dict[str, tuple[str, str]]:
    """Lookup key → (name, type) of the built-in entry, for every name the built-in knows."""
    out: dict[str, tuple[str, str]] = {}
    for entry in builtin_entries():
        for name in entry.names:
            out.setdefault(normalize_name(name), (entry.name, entry.type))
    return out


def _country_names(names: list[str]) -> list[str]:
    """The head name and the synonyms that spell it, minus names claimgraph already knows.

    PETRARCH lists a country's cities and demonyms as its synonyms; the
    built-in dictionary already gives capitals (as governments), demonyms (as
    groups) and places their own meaning, which the import must not override.
    """
    from rapidfuzz import fuzz

    head = normalize_name(names[0])
    kept = []
    for name in names:
        key = normalize_name(name)
        if key in _builtin_names() and key != head:
            continue
        if name is names[0] or fuzz.ratio(key, head) >= _COUNTRY_SPELLING:
            kept.append(name)
    if head in _builtin_names():
        # The built-in entry stays first; the import only adds spellings.
        kept = kept[:1] + [n for n in kept[1:] if normalize_name(n) not in _builtin_names()]
    return kept


def _read_actors(text: str, kind: str) -> list[Entry]:
    out: list[Entry] = []
    names: list[str] = []
    codes: list[tuple[str, str | None, str | None]] = []
    for line in text.splitlines():
        body = line.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if body[0] in " \t":  # codes on their own indented line
            codes.extend(_dated_codes(body))
            continue
        if body.startswith("+"):
            names.extend(_names(_CODE.sub(" ", body[1:])))
            codes.extend(_dated_codes(body))
            continue
        out.extend(_entries(names, codes, kind))
        head = _CODE.sub(" ", body).strip()
        names = _names(head)
        codes = _dated_codes(body)
    out.extend(_entries(names, codes, kind))
    return out


def _read_agents(text: str) -> list[Entry]:
    substitutions: dict[str, list[str]] = {}
    out: list[Entry] = []
    for line in text.splitlines():
        body = re.sub(r"\{[^}]*\}", " ", line.split("#", 1)[0]).strip()
        if not body:
            continue
        match = _SUBST.match(body)
        if match:
            substitutions[match.group(1)] = [w.strip() for w in match.group(2).split(",")]
            continue
        codes = re.findall(r"\[([^\]}]*)[\]}]", body)
        phrase = re.split(r"\[", body, maxsplit=1)[0].strip()
        if not codes or not phrase:
            continue
        _, sector = parse_code(codes[0])
        variants = [phrase]
        for marker, words in substitutions.items():
            if marker in phrase:
                variants = [v.replace(marker, w) for v in variants for w in words]
        for variant in variants:
            name = " ".join(re.split(r"[_\s]+", variant.strip("_ "))).lower()
            if name and not name.startswith("!"):
                out.append(Entry(name=name, type="agent", label="NORP", sector=sector, ruler=False))
    return out


def is_petrarch(path: str | os.PathLike) -> bool:
    """Whether a dictionary file is in a PETRARCH text format (by extension)."""
    return Path(path).suffix.lower() in {".txt", ".actors", ".agents"}


@functools.lru_cache(maxsize=16)
def _load(path: str, mtime: float) -> tuple[Entry, ...]:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(path, f"cannot be read: {exc}") from None
    lowered = file.name.lower()
    if "agent" in lowered or re.search(r"^[A-Z_!]+\s*\[~", text, re.MULTILINE):
        entries = _read_agents(text)
    else:
        kind = "milnonstate" if "milnonstate" in lowered else "actors"
        entries = _read_actors(text, kind)
    if not entries:
        raise DictionaryError(path, "no PETRARCH actor or agent entries found")
    return tuple(entries)


def load_petrarch(path: str | os.PathLike) -> tuple[Entry, ...]:
    """Dictionary entries of a PETRARCH/Phoenix actor or agent file (cached per file)."""
    file = Path(path)
    if not file.is_file():
        raise DictionaryError(str(path), "no such file")
    return _load(str(file), file.stat().st_mtime)
