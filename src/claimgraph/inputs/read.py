"""Files, directories, globs and stdin → a stream of Documents, errors and skips.

Each format has its module (html, jsonl, text, warc, feeds); this one finds
the files and picks the reader by extension, sniffing where a name is not
enough (stdin; ``.xml`` files in a folder, read only when they are feeds).
"""

from __future__ import annotations

import codecs
import glob
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, SkippedDocument
from ..records import Document
from . import feeds, warc
from .html import document_from_html
from .jsonl import document_from_line, documents_from_jsonl
from .metadata import read_sidecar
from .text import document_from_text

# Longest first where one ends another (".warc.gz" before a bare ".gz" would
# matter if ".gz" were ever added).
_READERS = (
    *((ext, "warc") for ext in warc.EXTENSIONS),
    *((ext, "feed") for ext in feeds.EXTENSIONS),
    (".jsonl", "jsonl"),
    (".htm", "html"),
    (".html", "html"),
    (".txt", "text"),
)
SUPPORTED_EXTENSIONS = tuple(sorted(ext for ext, _ in _READERS))
_GLOB_CHARS = frozenset("*?[")
STDIN = "-"
STDIN_SOURCE = "<stdin>"

Result = Document | InputError | SkippedDocument

# Tags an HTML page starts with; a plain-text article starting with "<" (a
# quoted e-mail address, "<<") does not have them in its first 2,000 chars.
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title)\b", re.I)
_SNIFF_CHARS = 2_000
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a text file → str: UTF-16 with a BOM, UTF-8 (with or without
    BOM), else cp1252.

    cp1252 is the usual encoding of non-UTF-8 English news exports from
    Windows tools, and it still rejects five undefined bytes; anything that
    is neither is reported rather than guessed (latin-1 would accept any
    bytes and silently produce mojibake).
    """
    if data.startswith(_UTF16_BOMS):
        # A UTF-16 BOM names the encoding unambiguously (Windows "Unicode"
        # exports): decode it instead of calling its NUL bytes binary.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"invalid UTF-16 text after its BOM ({exc.reason})") from None
        if "\x00" not in text:  # a UTF-32 file also starts with FF FE
            return text
    if b"\x00" in data:
        raise InputError(
            source, "binary file (contains NUL bytes; UTF-16 text must be saved as UTF-8)"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(
                source,
                f"not UTF-8 text (byte 0x{data[utf8_error.start]:02x} at offset "
                f"{utf8_error.start}) and not cp1252 either; save it as UTF-8",
            ) from None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:_SNIFF_CHARS]
    return head.startswith("<") and bool(_HTML_TAG.search(head))


def _looks_like_jsonl(text: str) -> bool:
    # Every non-blank line braced: JSONL, even if one line is broken (its
    # error is then reported); plain prose never has every line in braces.
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return bool(lines) and all(line.startswith("{") and line.endswith("}") for line in lines)


def _from_text(text: str, source: str, path: Path | None) -> Iterator[Result]:
    metadata = read_sidecar(path) if path is not None else {}
    document = document_from_text(text, source=source, **metadata)
    # Checked after normalization: a file of control characters is empty too.
    yield document if document.text else SkippedDocument(source, "empty file")


def _from_html(data: str | bytes, source: str, path: Path | None) -> Iterator[Result]:
    metadata = read_sidecar(path) if path is not None else {}
    yield document_from_html(data, source=source, **metadata)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    return next((kind for ext, kind in _READERS if name.endswith(ext)), None)


def _read_jsonl(path: Path, source: str) -> Iterator[Result]:
    """JSONL streamed line by line, so a dump of any size is never all in memory.

    JSON text is UTF-8 by definition (RFC 8259 §8.1): a line that is not is
    that line's error, with no fallback guess.
    """
    seen = False
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if number == 1:
                if b"\x00" in raw[:_SNIFF_CHARS]:
                    raise InputError(source, "binary file (contains NUL bytes)")
                raw = raw.removeprefix(codecs.BOM_UTF8)
            where = f"{source}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                seen = True
                yield InputError(
                    where, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
                )
                continue
            if "\x00" in line:
                seen = True
                yield InputError(where, "binary data (contains NUL bytes)")
                continue
            result = document_from_line(line, where)
            if result is not None:
                seen = True
                yield result
    if not seen:
        yield SkippedDocument(source, "empty file")


def _read_file(path: Path) -> Iterator[Result]:
    source = str(path)
    try:
        # A named pipe, socket or device called "x.txt" would block
        # read_bytes() forever (a FIFO with no writer) and hang the whole run.
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(source, "not a regular file (a named pipe, socket or device)")
        kind = _kind(path)
        # Archives and dumps are streamed: they may be larger than memory.
        if kind == "warc":
            yield from warc.documents_from_warc(path)
            return
        if kind == "jsonl":
            yield from _read_jsonl(path, source)
            return
        data = path.read_bytes()
        if not data.strip():
            yield SkippedDocument(source, "empty file")
            return
        if kind == "feed":
            yield from feeds.documents_from_feed(data, source)
        elif kind == "html":
            if data.startswith(_UTF16_BOMS):
                # lxml cannot take UTF-16 bytes; the BOM makes decoding safe.
                yield from _from_html(decode_text(data, source), source, path)
                return
            if b"\x00" in data:
                raise InputError(source, "binary file (contains NUL bytes)")
            # Bytes, not str: trafilatura reads the page's own charset declaration.
            yield from _from_html(data, source, path)
        else:
            yield from _from_text(decode_text(data, source), source, path)
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")
    except (InputError, SkippedDocument) as exc:
        yield exc


def _read_stdin() -> Iterator[Result]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    try:
        raw = buffer.read() if buffer is not None else stream.read()
        text = decode_text(raw, STDIN_SOURCE) if isinstance(raw, bytes) else raw
        if _looks_like_html(text):
            yield from _from_html(text, STDIN_SOURCE, None)
        elif _looks_like_jsonl(text):
            yield from documents_from_jsonl(text, STDIN_SOURCE)
        else:
            yield from _from_text(text, STDIN_SOURCE, None)
    except (InputError, SkippedDocument) as exc:
        yield exc


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _is_feed(path: Path) -> bool:
    """Whether an .xml file opens as an RSS or Atom feed (sitemaps and other
    XML in a folder are not articles). Unreadable files count as feeds, so
    their error is reported rather than silently passed over."""
    try:
        with path.open("rb") as stream:
            return feeds.looks_like_feed(stream.read(feeds.SNIFF_BYTES))
    except OSError:
        return True


def _wanted(path: Path) -> bool:
    """Whether a file found in a folder or by a glob is read."""
    if _hidden(path.name):
        return False
    kind = _kind(path)
    if kind == "feed" and path.name.lower().endswith(".xml"):
        return _is_feed(path)
    return kind is not None


def _walk(directory: Path, recursive: bool, errors: list[OSError]) -> list[Path]:
    """Supported files under ``directory``, sorted by their relative path.

    Hidden files and folders (.git, .DS_Store) are skipped, and so is every
    other extension (sidecar .json files among them) and every .xml file that
    is not a feed; symlinked folders are not followed, so a link loop cannot
    hang a run. Folders that cannot be listed are appended to ``errors``.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = [] if not recursive else [d for d in dirs if not _hidden(d)]
        found.extend(Path(root) / name for name in files if _wanted(Path(root) / name))
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def _read_directory(path: Path, recursive: bool) -> Iterator[Result]:
    unreadable: list[OSError] = []
    for file in _walk(path, recursive, unreadable):
        yield from _read_file(file)
    for exc in unreadable:
        yield InputError(exc.filename or str(path), f"cannot read: {exc.strerror or exc}")


def _read_glob(pattern: str, recursive: bool) -> Iterator[Result]:
    """The files a pattern matches ("data/*.warc.gz", "feeds/**/*.xml"), sorted.

    Matches are read like a folder's files: folders are walked, and only
    supported files are read, so "data/*" passes over the sidecar .json files.
    """
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputError(pattern, "no file matches this pattern")
        return
    read_any = False
    for match in matches:
        path = Path(match)
        if path.is_dir():
            read_any = True
            yield from _read_directory(path, recursive)
        elif _wanted(path):
            read_any = True
            yield from _read_file(path)
    if not read_any:
        yield InputError(
            pattern,
            "no supported file matches this pattern "
            f"(supported: {', '.join(SUPPORTED_EXTENSIONS)})",
        )


def read(paths: Iterable[str | Path] | str | Path, *, recursive: bool = True) -> Iterator[Result]:
    """Documents from files, directories, glob patterns and "-" (stdin), in a
    deterministic order.

    Paths are read in the order given; a directory yields its supported files
    (.txt, .htm/.html, .jsonl, .warc/.warc.gz, .rss/.atom, and .xml files
    that are RSS or Atom feeds) sorted by relative path, recursing into
    subfolders unless ``recursive`` is False. A path that does not exist but
    holds ``*``, ``?`` or ``[`` is a glob pattern ("data/*.warc.gz", quoted
    so that the shell leaves it alone; ``**`` matches subfolders), its
    matches read in sorted order. Problems are yielded, never raised, so one
    bad file never stops a run: an InputError (unreadable, not UTF-8, binary,
    bad JSON, a damaged archive or feed, unknown extension, no such path) or
    a SkippedDocument (empty, no article text; a WARC record that holds no
    article is a :class:`~claimgraph.inputs.warc.SkippedRecord`). Stdin is
    plain text, or HTML when it starts with an HTML tag, or JSONL when every
    non-blank line is a JSON object. WARC archives and JSONL files are
    streamed, so their size is not limited by memory.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    for item in paths:
        if str(item) == STDIN:
            yield from _read_stdin()
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_directory(path, recursive)
        elif not path.exists() and _GLOB_CHARS & set(str(item)):
            yield from _read_glob(str(item), recursive)
        elif not path.exists():
            yield InputError(str(path), "no such file or directory")
        elif _kind(path) is None:
            yield InputError(
                str(path),
                f"unsupported file type {path.suffix or '(no extension)'!r}; "
                f"supported: {', '.join(SUPPORTED_EXTENSIONS)}",
            )
        else:
            yield from _read_file(path)


def _count_file(path: Path) -> int:
    kind = _kind(path)
    if kind == "warc":
        return warc.count_pages(path)
    if kind == "jsonl":
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    if kind == "feed":
        return feeds.count_entries(path.read_bytes())
    return 1


def count(paths: Iterable[str | Path] | str | Path, *, recursive: bool = True) -> int | None:
    """About how many documents :func:`read` will yield from ``paths``, without
    analyzing anything (a progress bar's total); None when stdin is among them.

    Cheap beside analysis: JSONL lines are counted, feeds' entry tags, and
    WARC record headers (200 HTML responses); each other file is one.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    total = 0
    for item in paths:
        if str(item) == STDIN:
            return None
        path = Path(item)
        if path.is_dir():
            files = _walk(path, recursive, [])
        elif not path.exists() and _GLOB_CHARS & set(str(item)):
            files = []
            for match in sorted(glob.glob(str(item), recursive=True)):
                if Path(match).is_dir():
                    files.extend(_walk(Path(match), recursive, []))
                elif _wanted(Path(match)):
                    files.append(Path(match))
        else:
            files = [path] if path.is_file() and _kind(path) else []
        for file in files:
            try:
                total += _count_file(file)
            except (OSError, InputError):
                total += 1
    return total
