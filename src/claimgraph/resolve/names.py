"""Person-name variants across transliterations and scripts.

Arabic, Urdu and Persian names reach English news in many spellings
(Qaddomi/Qaddumi, Shahbaz/Shehbaz, Mohammed/Muhammad, Gaddafi/Qaddafi/Kadhafi)
and sometimes in their own script (محمد). Two spellings are taken as one name
when they share a consonant skeleton and, written in Latin letters, stay close
once vowels are merged; Arabic-script forms, which write no short vowels, need
the skeleton and their long vowels in order.

Names are compared token by token with guards against the classic false
merges: two full names need both the family name and the given name to agree
("Ahmed Sharif" is not "Shehbaz Sharif", "Hamza bin Laden" is not "Osama bin
Laden", "Ismail Haniyeh" is not "Ismail Qaani"). A lone token matches the
family name only; choosing between two people who share it is the caller's
business (the actors stage abstains).

Everything here is a pure function of its arguments, usable within one
document (:mod:`claimgraph.extract.actors`) and across documents
(:func:`name_key` gives a blocking key for a store).
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii
from rapidfuzz import fuzz

# Similarity (rapidfuzz ratio, 0-100) that two tokens with the same consonant
# skeleton must reach on their vowel-merged forms. 80 is the lowest score among
# variant pairs checked by hand (Ahmed/Ahmad 80, Mohammed/Muhammad 86,
# Shahbaz/Shehbaz 86, Hussein/Husain 91) while distinct names with a shared
# skeleton stay below it (Hanna/Haniyeh 75, Hasan/Hussein 60, Ahmad/Hamid 60).
NAME_SIMILARITY = 80.0

# Arabic, Persian and Urdu letters → Latin. Long vowels (alif, waw, ya) become
# vowels except at the start of a word, where waw and ya are consonants;
# hamza carries no Latin letter in news spellings, and ain is written as the
# vowel news spellings put in its place (Muammar, Ismail, Imran).
_SCRIPT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ئ": "i", "ؤ": "u",
    "ع": "a", "ب": "b", "پ": "p", "ت": "t", "ٹ": "t", "ث": "s", "ج": "j", "چ": "ch",
    "ح": "h", "خ": "kh", "د": "d", "ڈ": "d", "ذ": "d", "ر": "r", "ڑ": "r", "ز": "z",
    "ژ": "zh", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "gh",
    "ف": "f", "ق": "q", "ک": "k", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n",
    "ں": "n", "ه": "h", "ہ": "h", "ھ": "h", "ة": "", "و": "u", "ي": "i", "ی": "i",
    "ى": "a", "ے": "e",
}  # fmt: skip
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670]")

# Spellings of a few famous names too far apart for the rule (a dialect's g
# for q, an added h); each maps to one canonical spelling.
_KNOWN = {
    "gaddafi": "qaddafi", "gadhafi": "qaddafi", "kadhafi": "qaddafi", "qadhafi": "qaddafi",
    "kaddafi": "qaddafi", "khadafi": "qaddafi", "qathafi": "qaddafi", "qadafi": "qaddafi",
}  # fmt: skip

# Tokens that are not part of the name proper: honorifics and the Arabic
# article written apart ("al Qaddafi").
_DROP = frozenset(
    {"mr", "mrs", "ms", "dr", "sheikh", "shaikh", "sayyid", "syed", "hajji", "haji"}
    | {"maulana", "mullah", "al", "el", "ul", "ud", "ad", "as"}
)
# Patronymic markers: what follows is a father's or a family name.
_PATRONYMIC = frozenset({"bin", "ibn", "ben", "bint", "binti", "bn"})


def romanize(text: str) -> str:
    """Latin letters for a name in any script (Arabic, Urdu and Persian by our table)."""
    if not _ARABIC.search(text):
        return anyascii(text)
    out = []
    for word in _DIACRITICS.sub("", text).split():
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]  # the article, written joined
        letters = []
        for i, ch in enumerate(word):
            if i == 0 and ch == "و":
                letters.append("w")
            elif i == 0 and ch in "يی":
                letters.append("y")
            else:
                letters.append(_SCRIPT.get(ch, anyascii(ch)))
        out.append("".join(letters))
    return " ".join(out)


_NAME_CACHE = 8192  # entries per name cache; see below


# Pure functions of strings, called for every pair of name mentions: cached so a
# long article costs a pass per distinct pair of names, not per pair of mentions.
# Bounded (issue 7: a process must not grow with the corpus): an article has
# tens of distinct names, so hundreds of pairs; 8,192 entries hold the working
# set of many articles (212 articles stored left at most 589 names cached).
@functools.lru_cache(maxsize=_NAME_CACHE)
def phonetic(token: str) -> str:
    """A spelling-tolerant form for Arabic/Urdu/Persian transliterations.

    sh → x (one letter, so "Shehbaz" and Arabic-script "shhbaz" align),
    kh/c → k, gh → g, ph → f, dh/th → d/t, o/u and e/i/y merge, w and v after
    the first letter are the vowel u (Persian and Urdu write both with one
    letter: Pervez), doubled letters collapse, a final -h after a vowel
    (-ah/-eh) drops. q stays q until :func:`skeleton`.
    """
    s = anyascii(token).lower()
    s = _KNOWN.get(s, s)
    s = s.replace("sh", "x")
    for a, b in (("kh", "k"), ("ck", "k"), ("c", "k"), ("gh", "g"), ("ph", "f")):
        s = s.replace(a, b)
    s = s.replace("dh", "d").replace("th", "t").replace("ee", "i").replace("oo", "u")
    s = s[:1] + s[1:].replace("w", "u").replace("v", "u")
    s = s.translate(str.maketrans("oey", "uii"))
    s = re.sub(r"(.)\1+", r"\1", s)
    return re.sub(r"(?<=[aiu])h$", "", s)


@functools.lru_cache(maxsize=_NAME_CACHE)
def skeleton(token: str) -> str:
    """First letter (any vowel as "a") plus the consonants of the phonetic form.

    "Qaddomi" → "qdm", "Osama" → "asm"; q is written k so that a plain
    comparison merges q/k (Qaddafi/Kadhafi).
    """
    s = phonetic(token).replace("q", "k")
    if not s:
        return ""
    first = "a" if s[0] in "aiu" else s[0]
    return first + re.sub(r"[aiu]", "", s[1:])


def _subsequence(short: str, long: str) -> bool:
    """Whether ``short`` is ``long`` with letters left out (first vowels count as equal)."""
    if short[:1] in "aiu" and long[:1] in "aiu":
        short, long = "a" + short[1:], "a" + long[1:]
    it = iter(long)
    return all(ch in it for ch in short)


@functools.lru_cache(maxsize=_NAME_CACHE)
def same_token(a: str, b: str, script_a: bool = False, script_b: bool = False) -> bool:
    """Whether two name tokens are spellings of one name.

    ``script_*`` say a token was romanized from Arabic script: it has no short
    vowels, so it must share the skeleton and appear, letter by letter, in the
    other's phonetic form.
    """
    if a == b:
        return True
    pa, pb = phonetic(a), phonetic(b)
    if pa == pb:
        return True
    if len(pa) < 3 or len(pb) < 3 or skeleton(a) != skeleton(b):
        return False
    if script_a or script_b:
        short, long = (pa, pb) if script_a else (pb, pa)
        short, long = short.replace("q", "k"), long.replace("q", "k")
        return (script_a and script_b) or _subsequence(short, long)
    return fuzz.ratio(pa.replace("q", "k"), pb.replace("q", "k")) >= NAME_SIMILARITY


_COMPOUND_HEADS = frozenset({"abd", "abdul", "abdel", "abdal", "abdur", "abdu", "abu"})


def _join_compounds(tokens: list[str]) -> list[str]:
    """One token for "Abdul Rahman", "Abd al-Rahman", "Abu Bakr" (= "Abdurrahman")."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in _COMPOUND_HEADS and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if nxt in {"al", "el", "ul"} and i + 2 < len(tokens):
                nxt = tokens[i + 2]
                i += 1
            tok, i = tok + nxt, i + 1
        if tok.startswith("abd") and len(tok) > 5:
            # Sun-letter assimilation and the joined article: abdur-rahman,
            # abdul-rahman, abdel-rahman are one name; so are abdullah/abdallah.
            rest = re.sub(r"^abd(?:[aeiou][lrsnzd])?", "", tok)
            tok = "abd" + (rest or tok[3:])
        out.append(tok)
        i += 1
    return out


@functools.lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[tuple[str, ...], bool]:
    """Lower-case name tokens without honorifics or articles; True when from Arabic script."""
    script = bool(_ARABIC.search(name))
    text = romanize(name).lower()
    text = re.sub(r"['`’‘.]", "", text)
    raw = [t for t in re.split(r"[^a-z0-9]+", text) if t]
    # "al-Qaddafi", "el-Sisi": the article glued by a hyphen was split above.
    tokens = [t for t in raw if t not in _DROP]
    return tuple(_join_compounds(tokens)), script


def _family_and_given(tokens: tuple[str, ...]) -> tuple[str, str | None, str | None]:
    """(family name, given name, father's name) of a token sequence."""
    given = tokens[0] if len(tokens) > 1 else None
    father = None
    for i, tok in enumerate(tokens[:-1]):
        if tok in _PATRONYMIC and i + 1 < len(tokens) - 1:
            father = tokens[i + 1]
            break
    return tokens[-1], given, father


@functools.lru_cache(maxsize=_NAME_CACHE)
def same_person(a: str, b: str) -> bool:
    """Whether two names can denote one person.

    A single token must match the other's family name; two full names need
    the family name and the given name (or its initial) to agree, and, when
    both give one, the father's name too.
    """
    ta, sa = name_tokens(a)
    tb, sb = name_tokens(b)
    ta = tuple(t for t in ta if t not in _PATRONYMIC) if len(ta) == 2 else ta
    tb = tuple(t for t in tb if t not in _PATRONYMIC) if len(tb) == 2 else tb
    if not ta or not tb:
        return False
    fam_a, given_a, father_a = _family_and_given(ta)
    fam_b, given_b, father_b = _family_and_given(tb)
    if not same_token(fam_a, fam_b, sa, sb):
        return False
    if given_a is None or given_b is None:
        return True
    if given_a in _PATRONYMIC or given_b in _PATRONYMIC:
        return True  # "bin Laden": the family name only
    if len(given_a) == 1 or len(given_b) == 1:
        if given_a[0] != given_b[0]:
            return False
    elif not same_token(given_a, given_b, sa, sb):
        return False
    return father_a is None or father_b is None or same_token(father_a, father_b, sa, sb)


# Cached too: the store's event matching asks for the key of each candidate's
# actors once per new event (≈ 4,000 calls an article at 5,000 stored
# articles, over a few hundred distinct names).
@functools.lru_cache(maxsize=_NAME_CACHE)
def name_key(name: str) -> str:
    """A blocking key for finding the same person across documents.

    The skeleton of the family name: every pair that :func:`same_person`
    merges shares it, so a store can compare only names with equal keys.
    """
    tokens, _ = name_tokens(name)
    tokens = tuple(t for t in tokens if t not in _PATRONYMIC)
    return skeleton(tokens[-1]) if tokens else ""
