"""Files, directories and stdin → a stream of Documents, errors and skips."""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, SkippedDocument
from ..records import Document
from .html import document_from_html
from .jsonl import documents_from_jsonl
from .metadata import read_sidecar
from .text import document_from_text

SUPPORTED_EXTENSIONS = (".htm", ".html", ".jsonl", ".txt")
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


def _decode_json_lines(data: bytes, source: str) -> str:
    # JSON text is UTF-8 by definition (RFC 8259 §8.1): no fallback guess.
    if b"\x00" in data:
        raise InputError(source, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
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


def _read_file(path: Path) -> Iterator[Result]:
    source = str(path)
    try:
        # A named pipe, socket or device called "x.txt" would block
        # read_bytes() forever (a FIFO with no writer) and hang the whole run.
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(source, "not a regular file (a named pipe, socket or device)")
        data = path.read_bytes()
        if not data.strip():
            yield SkippedDocument(source, "empty file")
            return
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from documents_from_jsonl(_decode_json_lines(data, source), source)
        elif suffix in (".html", ".htm"):
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


def _walk(directory: Path, recursive: bool, errors: list[OSError]) -> list[Path]:
    """Supported files under ``directory``, sorted by their relative path.

    Hidden files and folders (.git, .DS_Store) are skipped, and so is every
    other extension (sidecar .json files among them); symlinked folders are
    not followed, so a link loop cannot hang a run. Folders that cannot be
    listed are appended to ``errors``.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(directory, onerror=errors.append):
        dirs[:] = [] if not recursive else [d for d in dirs if not _hidden(d)]
        for name in files:
            if not _hidden(name) and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def read(paths: Iterable[str | Path] | str | Path, *, recursive: bool = True) -> Iterator[Result]:
    """Documents from files, directories and "-" (stdin), in a deterministic order.

    Paths are read in the order given; a directory yields its supported files
    (.htm, .html, .jsonl, .txt) sorted by relative path, recursing into subfolders unless
    ``recursive`` is False. Problems are yielded, never raised, so one bad
    file never stops a run: an InputError (unreadable, not UTF-8, binary, bad
    JSON, unknown extension, no such path) or a SkippedDocument (empty, no
    article text). Stdin is plain text, or HTML when it starts with an HTML
    tag, or JSONL when every non-blank line is a JSON object.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    for item in paths:
        if str(item) == STDIN:
            yield from _read_stdin()
            continue
        path = Path(item)
        if path.is_dir():
            unreadable: list[OSError] = []
            for file in _walk(path, recursive, unreadable):
                yield from _read_file(file)
            for exc in unreadable:
                yield InputError(exc.filename or str(path), f"cannot read: {exc.strerror or exc}")
        elif not path.exists():
            yield InputError(str(path), "no such file or directory")
        elif path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            yield InputError(
                str(path),
                f"unsupported file type {path.suffix or '(no extension)'!r}; "
                f"supported: {', '.join(SUPPORTED_EXTENSIONS)}",
            )
        else:
            yield from _read_file(path)
