"""Article metadata: field checks, publication dates, ``NAME.json`` sidecars."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from ..errors import InputError

METADATA_FIELDS = ("url", "title", "outlet", "published", "author")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d{2}:\d{2})")
# "05/02/2025" is 5 February in London and May 2 in New York: abstain.
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$")
# Absolute dates only: a relative date ("yesterday", "3 days ago") would be
# resolved against the clock of the machine reading the file, i.e. invented.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
}


def normalize_published(value: str, source: str) -> str:
    """A publication date as "YYYY-MM-DD"; InputError when it is not a full date.

    "2025-02-05" and ISO timestamps ("2025-02-05T10:00:00Z") keep the calendar
    date as written (no time-zone shift: the outlet's own date is the one its
    text refers to). Other forms ("5 February 2025", "Feb 5, 2025") go through
    dateparser, which must find a day, a month and a year: "February 2025" is
    rejected rather than completed with an invented day, and "05/02/2025"
    (day-first or month-first?) is rejected as ambiguous.
    """
    text = value.strip()
    m = _ISO_DATE.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError as exc:
            raise InputError(source, f"published: {value!r} is not a valid date ({exc})") from exc
    m = _NUMERIC_DATE.match(text)
    if m and int(m[1]) <= 12 and int(m[2]) <= 12 and int(m[1]) != int(m[2]):
        raise InputError(
            source, f"published: {value!r} is ambiguous (day/month or month/day); use YYYY-MM-DD"
        )
    import dateparser  # slow to import; only needed for free-form dates

    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS) if text else None
    if parsed is None:
        raise InputError(
            source,
            f"published: cannot read {value!r} as a full date "
            '(give "YYYY-MM-DD", an ISO timestamp, or a date such as "5 February 2025")',
        )
    return parsed.date().isoformat()


# JSON may escape half of a UTF-16 pair ("\\ud83d" alone: an emoji cut by a
# scraper); json.loads accepts it, but the str cannot be encoded as UTF-8, so
# hashing or storing it would raise deep inside the run.
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def check_unicode(value: str, key: str, source: str) -> None:
    """InputError when a JSON string field holds an unpaired surrogate."""
    m = _LONE_SURROGATE.search(value)
    if m:
        raise InputError(
            source,
            f"field {key!r} has an unpaired UTF-16 surrogate (\\u{ord(m[0]):04x}) at "
            f"character {m.start()}: not valid Unicode text",
        )


def check_fields(record: dict, source: str) -> dict[str, str | None]:
    """The metadata fields of ``record``: each a string or null, ``published`` normalized."""
    out: dict[str, str | None] = {}
    for key in METADATA_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(
                source, f"field {key!r} must be a string or null, not {type(value).__name__}"
            )
        if isinstance(value, str):
            check_unicode(value, key, source)
        if isinstance(value, str) and not value.strip():
            value = None
        if key == "published" and value is not None:
            value = normalize_published(value, source)
        out[key] = value.strip() if isinstance(value, str) else value
    return out


def sidecar_path(path: Path) -> Path:
    return path.with_suffix(".json")


def read_sidecar(path: Path) -> dict[str, str | None]:
    """Metadata from ``NAME.json`` next to ``NAME.txt``; {} when there is none.

    Unknown keys are an error, so a typo ("titel") is reported instead of
    silently dropping the value.
    """
    sidecar = sidecar_path(path)
    if not sidecar.is_file():
        return {}
    source = str(sidecar)
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(source, f"sidecar is not UTF-8 ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(source, f"sidecar is not valid JSON: {exc}") from exc
    except OSError as exc:
        raise InputError(source, f"cannot read sidecar: {exc.strerror or exc}") from exc
    if not isinstance(record, dict):
        raise InputError(source, "sidecar must be a JSON object")
    unknown = sorted(set(record) - set(METADATA_FIELDS))
    if unknown:
        raise InputError(
            source,
            f"unknown key {unknown[0]!r} in sidecar (allowed: {', '.join(METADATA_FIELDS)})",
        )
    fields = check_fields(record, source)
    return {k: v for k, v in fields.items() if k in record}
