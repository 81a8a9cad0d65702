"""The actor dictionary: known names with their type, sector and country.

It does two jobs. Its :meth:`ActorDictionary.patterns` feed spaCy's entity
ruler (see :func:`claimgraph.nlp.pipeline`) so that names the small NER model
gets wrong come out right ("Lashkar" is an organization, not a person); its
:meth:`ActorDictionary.lookup` gives the actors stage a canonical name, a type,
a descriptive sector and an ISO 3166 alpha-3 country.

The built-in dictionary is ``claimgraph/data/actors.yaml``; users add their own
YAML or CSV files (``Options.dictionaries``), which take precedence over it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib.resources
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml
from anyascii import anyascii

from ..errors import ClaimgraphError
from ..resolve.names import name_key, phonetic, same_person, same_token, skeleton
from . import SAFE_LOADER

TYPES = ("person", "organization", "state", "group", "place", "agent")
LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC")
FIELDS = (
    "name",
    "aliases",
    "type",
    "sector",
    "country",
    "label",
    "start",
    "end",
    "ruler",
    "case_sensitive",
)
_DEFAULT_LABEL = {
    "person": "PERSON",
    "organization": "ORG",
    "state": "GPE",
    "group": "NORP",
    "place": "GPE",
    "agent": "NORP",
}
_LABEL_TYPE = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
_ISO3 = re.compile(r"[A-Z]{3}")
_SECTOR = re.compile(r"[A-Z]{2,6}")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_BOOLS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False, "": False}


class _Loader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """Safe YAML that keeps dates as text, so a bad date gets our own message."""


class _MessageLoader(yaml.SafeLoader):
    """The pure-Python parser, for the error message of YAML libyaml rejected:
    its messages quote the offending line, libyaml's do not."""


_Loader.yaml_implicit_resolvers = _MessageLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def same_spelling(a: str, b: str) -> bool:
    """Whether two name tokens are spellings of the same name (see :mod:`claimgraph.resolve`)."""
    return same_token(a, b)


__all__ = ["phonetic", "same_spelling", "skeleton"]


class DictionaryError(ClaimgraphError):
    """An actor dictionary file that cannot be used, with where and why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"actor dictionary {source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Entry:
    """One known actor (or, with type ``place``, a name that is not an actor)."""

    name: str
    type: str
    label: str
    sector: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    start: str | None = None  # "YYYY-MM-DD", first day in office
    end: str | None = None  # "YYYY-MM-DD", first day out of office (exclusive)
    ruler: bool = True  # emit entity-ruler patterns for its names
    case_sensitive: bool = False  # match the exact case only ("Chad", "Dawn")

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def active(self, date: str | None) -> bool:
        """Whether the entry holds on ``date`` (ISO date or prefix; None: always)."""
        if date is None:
            return True
        # ISO dates compare correctly as strings; a "YYYY" or "YYYY-MM" prefix
        # counts as the start of that year or month.
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


_POSSESSIVE = re.compile(r"['`]s$")
_MARKS = re.compile(r"['`.]")
_NON_KEY = re.compile(r"[^a-z0-9&]+")
_THE = re.compile(r"^the ")


# Cached: an article asks for the key of each name a few hundred times (mention
# clustering compares every mention with every cluster); 65,536 names are far
# more than a batch of articles holds, a few MB.
@functools.lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """The lookup key of a name: ASCII, lower case, no "the", possessive or punctuation.

    "The U.S.", "US" and "us" share a key, which is why lookup is only asked
    about entity spans, never about arbitrary words.
    """
    text = anyascii(text).lower().strip()
    text = _POSSESSIVE.sub("", text)
    text = _MARKS.sub("", text)
    text = _NON_KEY.sub(" ", text).strip()
    return _THE.sub("", text)


def _plural(name: str) -> str | None:
    """The -s plural of a demonym ("Pakistani" → "Pakistanis"), None when there is none."""
    if name.endswith(("s", "sh", "ch", "ese", "x", "z")):
        return None
    return name + "s"


def _tokens(name: str) -> list[str]:
    """spaCy-like tokens of a short name: split at spaces and at hyphens between letters."""
    out: list[str] = []
    for piece in name.split():
        out.extend(t for t in re.split(r"(?<=\w)(-)(?=\w)", piece) if t)
    return out


def _needs_exact_case(name: str) -> bool:
    """Acronyms and very short names would match common words in lower case ("US" → "us")."""
    if " " in name:
        return False
    letters = [c for c in name if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    # "LeT", "JeM", "U.S.", "ISIS-K" are acronyms; "Lashkar-e-Taiba" is not.
    return len(letters) <= 3 or (upper >= 2 and 2 * upper >= len(letters))


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    """An immutable set of entries with a name index; later entries take precedence."""

    entries: tuple[Entry, ...] = ()
    _index: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict, repr=False, compare=False)
    _agents: Mapping[str, Entry] = field(default_factory=dict, repr=False, compare=False)
    _people: Mapping[str, tuple[Entry, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[str, list[Entry]] = {}
        agents: dict[str, Entry] = {}
        for entry in reversed(self.entries):  # later files first
            if entry.type == "agent":
                for name in entry.names:
                    agents.setdefault(normalize_name(name), entry)
                continue
            keys = {normalize_name(n) for n in entry.names}
            if entry.label == "NORP" and entry.type == "group":
                keys |= {normalize_name(p) for n in entry.names if (p := _plural(n))}
            for key in keys:
                if key:
                    index.setdefault(key, []).append(entry)
        frozen = {k: tuple(v) for k, v in index.items()}
        object.__setattr__(self, "_index", MappingProxyType(frozen))
        object.__setattr__(self, "_agents", MappingProxyType(agents))
        # People by the blocking key of their family name, for spellings the
        # file does not list ("Bouteflicka", "Habyariman").
        people: dict[str, list[Entry]] = {}
        for entry in reversed(self.entries):
            if entry.type == "person":
                for key in {name_key(n) for n in entry.names if len(n.split()) > 1}:
                    people.setdefault(key, []).append(entry)
        object.__setattr__(
            self, "_people", MappingProxyType({k: tuple(v) for k, v in people.items()})
        )

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, text: str, date: str | dt.date | None = None) -> tuple[Entry, ...]:
        """Every entry named ``text`` that holds on ``date``, best first.

        With a date, an entry dated around it (an office held then) comes
        before an undated default for the same name (PETRARCH's "[PAKELI]").
        Without a date, an open-ended entry (a current office holder) is
        preferred over a closed one of the same name.
        """
        candidates = self._index.get(normalize_name(text), ())
        if isinstance(date, dt.date):
            date = date.isoformat()
        if date is not None and not _DATE.fullmatch(date[:10]):
            date = None
        if date is not None:
            active = (e for e in candidates if e.active(date[:10]))
            return tuple(sorted(active, key=lambda e: e.start is None and e.end is None))
        return tuple(sorted(candidates, key=lambda e: e.end is not None))

    def agent(self, phrase: str) -> Entry | None:
        """The agent entry (a generic noun with a sector, "riot police") of ``phrase``."""
        return self._agents.get(normalize_name(phrase))

    def person(self, text: str, date: str | dt.date | None = None) -> Entry | None:
        """The one known person a full name spelled differently denotes, or None.

        Only for names of two words or more: a lone surname could be anyone's.
        Several people matching is no answer (abstention).
        """
        if len(text.split()) < 2:
            return None
        names = {
            e.name
            for e in self._people.get(name_key(text), ())
            if any(len(n.split()) > 1 and same_person(text, n) for n in e.names)
        }
        if len(names) != 1:
            return None
        return self.lookup(names.pop(), date)

    def lookup(self, text: str, date: str | dt.date | None = None) -> Entry | None:
        """The entry named ``text`` that holds on ``date``, or None (see :meth:`candidates`)."""
        found = self.candidates(text, date)
        return found[0] if found else None

    def patterns(self) -> list[dict]:
        """Entity-ruler patterns for every name and alias of entries with ``ruler``.

        Phrase patterns (the ruler matches them on the LOWER attribute, so
        "HAMAS" and "hamas" match); acronyms, very short names and entries marked
        case-sensitive get token patterns on ORTH instead.
        """
        out: list[dict] = []
        seen: set[tuple[str, str]] = set()
        for entry in self.entries:
            if not entry.ruler:
                continue
            for name in entry.names:
                if (name, entry.label) in seen:
                    continue
                seen.add((name, entry.label))
                if entry.case_sensitive or _needs_exact_case(name):
                    pattern: object = [{"ORTH": t} for t in _tokens(name)]
                else:
                    pattern = name
                out.append({"label": entry.label, "pattern": pattern, "id": entry.name})
        return out


# --- reading -------------------------------------------------------------------


def _text_field(source: str, where: str, raw: Mapping, key: str) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int | float):
        raise DictionaryError(source, f"{where}: {key} must be text, not {type(value).__name__}")
    return str(value).strip() or None


def _bool_field(source: str, where: str, raw: Mapping, key: str, default: bool) -> bool:
    value = raw.get(key)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in _BOOLS:
        return _BOOLS[str(value).strip().lower()]
    raise DictionaryError(source, f"{where}: {key} must be true or false, not {value!r}")


def _entry(raw: Mapping, source: str, where: str, countries: frozenset[str] | None) -> Entry:
    """Validate one raw entry; ``countries`` None accepts any well-formed code."""
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise DictionaryError(
            source, f"{where}: unknown field {', '.join(unknown)} (known: {', '.join(FIELDS)})"
        )
    name = _text_field(source, where, raw, "name")
    if not name:
        raise DictionaryError(source, f"{where}: entry without a name")
    where = f"{where} ({name!r})"
    aliases_raw = raw.get("aliases") or ()
    if isinstance(aliases_raw, str):
        aliases_raw = aliases_raw.split("|")
    if not isinstance(aliases_raw, list | tuple):
        raise DictionaryError(source, f"{where}: aliases must be a list or '|'-separated text")
    aliases = tuple(dict.fromkeys(str(a).strip() for a in aliases_raw if str(a).strip()))
    label = (_text_field(source, where, raw, "label") or "").upper() or None
    if label is not None and label not in LABELS:
        raise DictionaryError(source, f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
    type_ = (_text_field(source, where, raw, "type") or "").lower() or None
    if type_ is None:
        type_ = _LABEL_TYPE.get(label or "ORG", "organization")
    if type_ not in TYPES:
        raise DictionaryError(source, f"{where}: type {type_!r} is not one of {', '.join(TYPES)}")
    sector = (_text_field(source, where, raw, "sector") or "").upper() or None
    if sector is not None and not _SECTOR.fullmatch(sector):
        raise DictionaryError(source, f"{where}: sector {sector!r} is not a code such as GOV, REB")
    country = (_text_field(source, where, raw, "country") or "").upper() or None
    if country is not None and (
        not _ISO3.fullmatch(country) or (countries is not None and country not in countries)
    ):
        raise DictionaryError(
            source, f"{where}: country {country!r} is not an ISO 3166 alpha-3 code (e.g. PAK)"
        )
    start = _text_field(source, where, raw, "start")
    end = _text_field(source, where, raw, "end")
    for key, value in (("start", start), ("end", end)):
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise DictionaryError(
                    source, f"{where}: {key} {value!r} is not a date YYYY-MM-DD"
                ) from None
    if start and end and end <= start:
        raise DictionaryError(source, f"{where}: end {end} is not after start {start}")
    return Entry(
        name=name,
        type=type_,
        label=label or _DEFAULT_LABEL[type_],
        sector=sector,
        country=country,
        aliases=tuple(a for a in aliases if a != name),
        start=start,
        end=end,
        ruler=_bool_field(source, where, raw, "ruler", True),
        case_sensitive=_bool_field(source, where, raw, "case_sensitive", False),
    )


def _yaml_message(text: str, error: yaml.YAMLError) -> str:
    """The pure-Python parser's message for YAML libyaml rejected (it quotes the line)."""
    try:
        yaml.load(text, Loader=_MessageLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        return str(exc)
    return str(error)


def _yaml_items(text: str, source: str) -> Iterable[tuple[str, Mapping]]:
    """(where, raw entry) pairs of a YAML dictionary, section defaults applied."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise DictionaryError(source, f"not valid YAML: {_yaml_message(text, exc)}") from None
    if data is None:
        return
    if isinstance(data, dict) and "entries" in data:
        data = [data]
    if not isinstance(data, list):
        raise DictionaryError(source, "expected a list of entries (or of sections with entries)")
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise DictionaryError(source, f"item {i}: expected a mapping, got {item!r}")
        if "entries" not in item:
            yield f"entry {i}", item
            continue
        defaults = item.get("defaults") or {}
        entries = item.get("entries") or []
        if not isinstance(defaults, dict) or not isinstance(entries, list):
            raise DictionaryError(source, f"section {i}: defaults must map, entries must list")
        for j, raw in enumerate(entries, 1):
            if not isinstance(raw, dict):
                raise DictionaryError(source, f"section {i} entry {j}: expected a mapping")
            yield f"section {i} entry {j}", {**defaults, **raw}


def _csv_items(text: str, source: str) -> Iterable[tuple[str, Mapping]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in FIELDS]
    if unknown:
        raise DictionaryError(
            source, f"unknown column {', '.join(unknown)} (known: {', '.join(FIELDS)})"
        )
    if "name" not in header:
        raise DictionaryError(source, "no 'name' column")
    reader.fieldnames = header
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # blank line
        yield f"line {reader.line_num}", {k: v for k, v in row.items() if k is not None}


def parse_dictionary(
    text: str, source: str, fmt: str, countries: frozenset[str] | None = None
) -> tuple[Entry, ...]:
    """Entries of a dictionary given as text; ``fmt`` is "yaml" or "csv"."""
    items = _csv_items(text, source) if fmt == "csv" else _yaml_items(text, source)
    return tuple(_entry(raw, source, where, countries) for where, raw in items)


def read_dictionary_file(path: str, countries: frozenset[str] | None = None) -> tuple[Entry, ...]:
    """Entries of a YAML, CSV or PETRARCH (``.txt``) dictionary file."""
    from .petrarch import is_petrarch, load_petrarch  # it reads entries of this module

    file = Path(path)
    if not file.is_file():
        raise DictionaryError(path, "no such file")
    if is_petrarch(path):
        return load_petrarch(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(path, f"cannot be read: {exc}") from None
    fmt = "csv" if file.suffix.lower() in {".csv"} else "yaml"
    return parse_dictionary(text, path, fmt, countries)


@functools.lru_cache(maxsize=1)
def builtin_entries() -> tuple[Entry, ...]:
    text = (
        importlib.resources.files("claimgraph")
        .joinpath("data/actors.yaml")
        .read_text(encoding="utf-8")
    )
    return parse_dictionary(text, "claimgraph/data/actors.yaml", "yaml")


@functools.lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """ISO alpha-3 codes of the built-in states: the codes user files may use."""
    return frozenset(e.country for e in builtin_entries() if e.type == "state" and e.country)


@functools.lru_cache(maxsize=8)
def load_dictionary(paths: tuple[str, ...] = ()) -> ActorDictionary:
    """The built-in dictionary plus the user files in ``paths`` (later ones win)."""
    entries = list(builtin_entries())
    countries = known_countries()
    for path in paths:
        entries.extend(read_dictionary_file(path, countries))
    return ActorDictionary(tuple(entries))
