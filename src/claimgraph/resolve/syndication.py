"""Syndication families: copies of one story count as one source.

Fifty outlets running one wire story are one witness, not fifty. This module
groups near-duplicate documents into *families* with MinHash/LSH over word
shingles of the **body** blocks only, so what a syndicating outlet changes
(headline, byline, dateline, "Also read" / "Share this article" furniture,
"With agency inputs") does not count. Shingles are taken inside each paragraph
and compared as sets, so reordered paragraphs change nothing; a copy missing
its last paragraphs is caught by *containment* (the shorter copy's shingles
are mostly inside the longer one) even when their Jaccard similarity is low.

LSH (MinHash signatures as datasketch computes them, cut into bands by :func:`band_keys`)
only proposes candidates: two documents are candidates when one band of
their signatures is equal. Every candidate is then checked exactly on the two
documents' hashed shingle sets (4 bytes per shingle are kept per document),
so the thresholds below are exact and the estimate's noise only affects
recall near the LSH threshold. The band keys are plain strings, so the store
keeps them in an indexed table (:mod:`claimgraph.store.corroboration`) and an
in-memory index keeps them in a dict: both find candidates the same way.
Neither imports datasketch (whose import pulls in scipy, 1–2 s of CPU per
ingest run): :func:`signature` and :func:`_bands` reproduce its MinHash and
its (bands, rows) choice in numpy, and tests/test_syndication_minhash.py holds
them to datasketch itself.

:class:`SyndicationIndex` is incremental: :meth:`SyndicationIndex.add` assigns
one document to an existing family or starts a new one without recomputing
the corpus. :func:`families` groups a batch, independently of its order.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..ids import child_id
from ..inputs.blocks import DATELINE
from ..records import Document

# Word 5-grams (Broder 1997 shingled web pages with a few words). Each edit
# breaks up to this many shingles, so shorter windows keep edited copies
# closer, while longer ones keep independent reports that share a phrase or a
# quote apart. On bench/bench_syndication.py (seed 3, 20 variants) the weakest
# copy pair / strongest different-story pair, by containment, is for 3, 4, 5,
# 6 and 8 words: 0.80/0.105, 0.73/0.074, 0.67/0.053, 0.61/0.032, 0.48/0.009;
# 5 keeps different stories near 0.05 with a gap of 0.6 to the copies.
SHINGLE_WORDS = 5
# 128 permutations: the standard datasketch default; the estimate only picks
# candidates (verification is exact), so more permutations buy little.
NUM_PERM = 128
# Fixed seed so that two indexes built in two processes agree.
SEED = 1


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When two documents are copies of one story.

    Values measured on ``bench/bench_syndication.py`` (seeds 1, 2, 3, 5, 7;
    8-40 variants per story). A document joins its family through its
    best-matching member, so what matters per document is its best match in
    its own story and its best match in any other. The weakest best match in
    its own story: containment 0.76, Jaccard 0.53. The strongest match in
    another story: containment 0.053, Jaccard 0.023 (the independent Karachi
    strike reports included), or 0.42 / 0.24 when two generated copies each
    borrow a whole paragraph of the other's story. Both thresholds sit near
    the middle of those gaps.
    """

    # LSH candidate threshold: datasketch picks 37 bands of 3 rows for 0.3,
    # so a pair at Jaccard 0.4 (the Jaccard threshold) is proposed with
    # probability 0.91, and a trimmed copy keeping 60% of the original
    # (Jaccard 0.6, the containment threshold) with probability > 0.999.
    lsh: float = 0.3
    # Exact Jaccard at or above which two documents are copies, whatever
    # their sizes (two full copies with different edits): between 0.24 and 0.53.
    jaccard: float = 0.4
    # Exact containment of the smaller document in the larger one at or
    # above which the smaller one is a (trimmed) copy: between 0.42 and 0.76.
    containment: float = 0.6
    # A containment match needs this many shingles in the smaller document
    # (about two sentences): a short brief sharing one quote is not a copy.
    min_contained: int = 40


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Family:
    """Documents carrying one story; ``members`` are ordered like originals,
    so ``members[0] == original``."""

    id: str
    original: str  # document id of the earliest published member
    members: tuple[str, ...]


# ------------------------------------------------------------------ shingles

_WORD = re.compile(r"\w+")


def body_paragraphs(document: Document) -> list[str]:
    """The text of the body blocks, trailing wire credits ("— AFP") removed."""
    out = []
    for block in document.blocks:
        if block.kind == "body":
            text = document.text[block.span[0] : block.span[1]]
            out.append(_TRAILING_CREDIT.sub("", text))
    return out


def shingles(document: Document, size: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word shingles of each body paragraph.

    A paragraph shorter than ``size`` words gives one shingle of all its
    words, so a short paragraph still counts.
    """
    # Each hash is the little-endian reading of a 4-byte BLAKE2b digest: the
    # digests are joined and read as one array, sorted and deduplicated by
    # numpy (the same values as a set of ints, sorted; ≈ 2× faster, as this
    # runs in the ingest process for every stored article).
    blake2b = hashlib.blake2b
    digests: list[bytes] = []
    for paragraph in body_paragraphs(document):
        words = _WORD.findall(paragraph.casefold())
        if not words:
            continue
        digests.extend(
            blake2b(" ".join(words[i : i + size]).encode("utf-8"), digest_size=4).digest()
            for i in range(max(1, len(words) - size + 1))
        )
    hashes = np.frombuffer(b"".join(digests), dtype="<u4")
    return np.unique(hashes).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Exact (Jaccard, containment of the smaller set in the larger)."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


# datasketch's MinHash (≥ 2.0, its default "affine32" scheme; the values of
# ``MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=identity)`` after
# ``update_batch(hashes)``): each 32-bit input is pre-mixed by the MurmurHash3
# finalizer, then permuted by h → a·h + b mod 2^32 with odd ``a``, the
# parameters drawn from ``numpy.random.RandomState(SEED)`` in datasketch's
# order; a signature keeps each permutation's minimum. Stored band keys
# depend on every bit of this, so it is pinned here rather than left to
# whichever datasketch version is installed.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32 minima) of a shingle-hash array."""
    if not len(hashes):
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    shift1, multiply1, shift2, multiply2 = _FMIX32
    h = np.asarray(hashes, dtype=np.uint32).reshape(-1, 1)
    h = h ^ (h >> shift1)
    h = h * multiply1
    h = h ^ (h >> shift2)
    h = h * multiply2
    h = h ^ (h >> shift1)
    a, b = _permutations()
    return (h * a + b).min(axis=0)


# Gauss–Legendre nodes for the band-parameter integrals below: the integrands
# are polynomials of degree r·b ≤ NUM_PERM, which n nodes integrate exactly
# when 2n − 1 ≥ NUM_PERM, so no adaptive quadrature (scipy) is needed.
_GAUSS_NODES = NUM_PERM // 2 + 1


@cache
def _bands(threshold: float) -> tuple[int, int]:
    """datasketch's MinHashLSH choice of (bands, rows) for ``threshold``.

    As ``datasketch.lsh._optimal_param(threshold, NUM_PERM, 0.5, 0.5)``: the
    (b, r) with b·r ≤ NUM_PERM minimising the equally weighted areas of false
    positives (below the threshold) and false negatives (above it) under the
    S-curve 1 − (1 − s^r)^b; ties go to the first in (b, r) order, as there.
    (37, 3) for the default 0.3; tests/test_syndication_minhash.py checks a
    grid of thresholds against datasketch itself.
    """
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"LSH threshold must be between 0 and 1 (exclusive), got {threshold}")
    pairs = [(b, r) for b in range(1, NUM_PERM + 1) for r in range(1, NUM_PERM // b + 1)]
    bands = np.array([b for b, _ in pairs], dtype=float)[:, None]
    rows = np.array([r for _, r in pairs], dtype=float)[:, None]
    nodes, weights = np.polynomial.legendre.leggauss(_GAUSS_NODES)

    def integral(low: float, high: float, missed: bool) -> np.ndarray:
        s = (high - low) / 2 * nodes + (high + low) / 2
        none_equal = (1 - s**rows) ** bands  # probability that no band matches
        values = none_equal if missed else 1 - none_equal
        return (values * weights).sum(axis=1) * (high - low) / 2

    false_positives = integral(0.0, threshold, missed=False)
    false_negatives = integral(threshold, 1.0, missed=True)
    error = 0.5 * false_positives + 0.5 * false_negatives
    return pairs[int(np.argmin(error))]


def band_keys(hashes: np.ndarray, threshold: float) -> list[str]:
    """LSH band keys of a shingle-hash array, one per band: "band:hex digest".

    Two documents whose MinHash Jaccard estimate is above ``threshold`` share
    at least one key with high probability (:class:`Thresholds`).
    """
    if not len(hashes):
        return []
    values = signature(hashes)
    bands, rows = _bands(threshold)
    keys = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].astype(np.uint64).tobytes()
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def is_copy(
    a: np.ndarray, b: np.ndarray, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> float | None:
    """A score (Jaccard + containment) when one document copies the other, else None."""
    jaccard, containment = similarity(a, b)
    contained = containment >= thresholds.containment and (
        min(len(a), len(b)) >= thresholds.min_contained
    )
    return jaccard + containment if jaccard >= thresholds.jaccard or contained else None


# -------------------------------------------------------------- wire credits

# Agencies whose credits are common in English-language news, with the short
# form each is credited by; any other name in a dateline's brackets or ending
# in "Wire Service" / "News Agency" is kept as written.
_AGENCIES = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "pti": "PTI",
    "press trust of india": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "uni": "UNI",
    "upi": "UPI",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "bernama": "Bernama",
    "anadolu": "Anadolu",
    "app": "APP",
    "aap": "AAP",
}
_AGENCY_WORDS = re.compile(
    r"\b(?:wire(?: service)?|news agency|press agency|news service|newswire)$", re.I
)
# Trailing credits are matched case-sensitively, as agencies write them, and
# after a space: "a new shopping-app." must not read as a credit to APP.
_CREDIT_FORMS = (*sorted(set(_AGENCIES.values())), "Associated Press", "Agence France-Presse")
_KNOWN = "|".join(re.escape(form) for form in sorted(_CREDIT_FORMS, key=len, reverse=True))
# "... by Friday. — AFP", "... said. - Reuters", "(AP)" closing a paragraph.
_TRAILING_CREDIT = re.compile(rf"(?:\s+[—–-]+\s*|\s*\()(?P<agency>{_KNOWN})\)?\.?\s*$")
# "By Jane Doe (Meridian Wire Service)", "Daniyal Hosseini, Reuters".
_BRACKETED = re.compile(r"\((?P<name>[^()]{2,60})\)\s*$")
# A whole credit line: "With agency inputs", "(With inputs from PTI)",
# "(With inputs from PTI and IANS)"; the agency after "from" is capitalized.
_UNNAMED = re.compile(
    r"^\(?(?i:with (?:agency )?inputs?)(?: from (?P<agency>[A-Z][\w.&-]*)[^()]*)?\)?\.?$"
)
# "This story has been published from a wire agency feed ..." (Indian outlets).
_FEED = re.compile(r"\bwire agency feed\b", re.I)
# Credit lines are one short line (the byline bound of inputs.furniture);
# a longer body paragraph saying "with inputs from" is prose.
CREDIT_LINE_MAX_CHARS = 100
_BY = re.compile(r"^(?:by|from)\s+", re.I)


def _agency(name: str, *, bracketed: bool = False) -> str | None:
    """The agency a credit names, or None when it names a person or a role."""
    name = " ".join(name.strip(" .,;:").split())
    known = _AGENCIES.get(name.casefold())
    if known:
        return known
    # In a byline's brackets an acronym is an agency or outlet ("(CNN)",
    # "(IANS)"); agency acronyms run from 2 (AP) to 6 letters.
    if _AGENCY_WORDS.search(name) or (bracketed and name.isupper() and 2 <= len(name) <= 6):
        return name
    return None


def wire_credit(document: Document) -> str | None:
    """The news agency a document credits, or None.

    Looked for, in order: the dateline's brackets ("KARACHI, March 3 (Meridian
    Wire Service) -", "WASHINGTON (AP) —"); a byline naming an agency ("By
    Jane Doe (Reuters)", "By The Associated Press"); the author metadata; a
    trailing credit closing a paragraph ("— AFP"); and unnamed credit lines
    ("With agency inputs": "agency", "With inputs from PTI": "PTI").
    """
    texts = [(b.kind, document.text[b.span[0] : b.span[1]]) for b in document.blocks]
    for kind, text in texts:
        if kind == "dateline":
            match = DATELINE.match(text + " x")  # the block ends at the dash
            if match and match.group("agency"):
                return _agency(match.group("agency")) or match.group("agency").strip()
    bylines = [text for kind, text in texts if kind == "byline"]
    for text in [*bylines, document.author]:
        if not text:
            continue
        bracket = _BRACKETED.search(text)
        if bracket and (found := _agency(bracket.group("name"), bracketed=True)):
            return found
        tail = text.rsplit(",", 1)[-1] if "," in text else _BY.sub("", text)
        if found := _agency(tail):
            return found
    unnamed = None
    for _, text in texts:
        if match := _TRAILING_CREDIT.search(text):
            return _agency(match.group("agency"))
        if len(text) > CREDIT_LINE_MAX_CHARS:
            continue
        if unnamed is None and (match := _UNNAMED.match(text.strip())):
            named = match.group("agency")
            unnamed = (_agency(named) or named) if named else "agency"
        elif unnamed is None and _FEED.search(text):
            unnamed = "agency"
    return unnamed


def _same_name(credit: str, outlet: str | None) -> bool:
    """Is the credit the outlet itself ("AP" for "The Associated Press")?"""
    if not outlet:
        return False
    return " ".join(credit.casefold().split()) == " ".join(outlet.casefold().split()) or (
        _agency(outlet) == credit
    )


def original_key(document: Document) -> tuple[str, bool, str]:
    """Sort key of family originals: earliest published first (undated last),
    then a document not crediting another outlet (a wire's own story credits
    itself), then the document id."""
    credit = wire_credit(document)
    credited_elsewhere = credit is not None and not _same_name(credit, document.outlet)
    return (document.published or "9999-99-99", credited_elsewhere, document.id)


# --------------------------------------------------------------------- index


@dataclass(frozen=True, slots=True)
class _Entry:
    shingles: np.ndarray
    key: tuple[str, bool, str]
    family: str


class SyndicationIndex:
    """Incremental syndication families.

    Each added document joins the family of its most similar earlier
    document, or starts a family named after itself. Families never merge,
    so a family id stays valid for the life of the index; a later document
    published earlier than a family's original becomes its original.
    """

    def __init__(self, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> None:
        self.thresholds = thresholds
        self._buckets: dict[str, list[str]] = {}
        self._entries: dict[str, _Entry] = {}
        self._members: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, document: Document) -> Family:
        """Assign ``document`` to a family (its own when nothing matches)."""
        if document.id in self._entries:
            return self.family(self._entries[document.id].family)
        hashes = shingles(document)
        keys = band_keys(hashes, self.thresholds.lsh)
        candidates = {c for key in keys for c in self._buckets.get(key, ())}
        best: tuple[float, str] | None = None
        for candidate in sorted(candidates):
            score = is_copy(hashes, self._entries[candidate].shingles, self.thresholds)
            if score is not None and (best is None or (score, candidate) > best):
                best = (score, candidate)
        for key in keys:
            self._buckets.setdefault(key, []).append(document.id)
        if best is None:
            family_id = child_id(document.id, "fam")
            self._members[family_id] = []
        else:
            family_id = self._entries[best[1]].family
        self._entries[document.id] = _Entry(hashes, original_key(document), family_id)
        self._members[family_id].append(document.id)
        return self.family(family_id)

    def family(self, family_id: str) -> Family:
        members = sorted(self._members[family_id], key=lambda d: self._entries[d].key)
        return Family(family_id, members[0], tuple(members))

    def family_of(self, document_id: str) -> Family:
        return self.family(self._entries[document_id].family)

    def families(self) -> list[Family]:
        """Every family, largest first, then by original's key."""
        out = [self.family(f) for f in self._members]
        return sorted(out, key=lambda f: (-len(f.members), self._entries[f.original].key))


def families(
    documents: Iterable[Document], thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> list[Family]:
    """Syndication families of a batch, the same for any order of ``documents``.

    Documents are added originals-first (earliest published), so each family
    is founded, and named, by its original.
    """
    index = SyndicationIndex(thresholds)
    for document in sorted(documents, key=original_key):
        index.add(document)
    return index.families()
