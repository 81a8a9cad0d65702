"""What is not article text: page furniture and bylines, as small pattern tables.

Furniture ("Also read: ...", "Comments are closed.", "Share this article") is
kept in ``Document.text`` so offsets stay true, but its block never yields a
claim. A line that *starts* with a furniture phrase is furniture as a whole: a
teaser line such as "Also read: Floods cut off mountain villages… Hundreds
stranded ..." carries another article's headline and lede, not this article's
claims. The same phrases are found *glued* after a sentence end inside a body
line ("...restore peace. Comments are closed."); from there to the end of the
line is furniture. Every phrase is therefore chosen to be safe there too: an
ambiguous one ("Advertisement", "Privacy policy") must end the line.

Every pattern is matched case-insensitively; a glued phrase must also start
with a capital letter or a symbol (it begins a new "sentence").
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Pattern(NamedTuple):
    family: str
    regex: str  # the phrase: at the start of a line, or glued after a sentence end


# A phrase that introduces a link ("Also read", "Related") is furniture only
# when a separator or the end of the line follows: "Related to the case, ..."
# is prose.
_LINK_END = r"(?:\s*[:|»>–—-]|\s*$)"

FURNITURE: tuple[Pattern, ...] = (
    # Cross-links to other articles, with or without the teaser text after them.
    Pattern(
        "teaser",
        r"(?:also read|read also|must read|read more|read next|see also|don'?t miss|"
        r"more (?:from|on) [\w ]{1,40}|related(?: (?:articles?|stories|news|coverage|content|"
        r"posts?|reading))?|recommended(?: for you| stories)?|you (?:may|might) also like|"
        r"trending(?: now)?|watch|listen)" + _LINK_END,
    ),
    # Comment-section chrome left behind by the scraper.
    Pattern(
        "comments",
        r"(?:comments are closed|leave a (?:comment|reply)|post a comment|"
        r"(?:show|view|hide) comments|\d+ comments?\s*$|comments?\s*(?:\(\d+\))?\s*$)",
    ),
    # Share buttons rendered as text.
    Pattern(
        "share",
        r"(?:share (?:this|the) (?:article|story|post|page)|"
        r"share (?:on|via) (?:facebook|twitter|x|whatsapp|linkedin|email|telegram|reddit)|"
        r"share\s*[:|]|share\s*$|tweet\s*$|copy link|"
        r"(?:email|print) this (?:article|story|page))",
    ),
    # Newsletter and subscription prompts.
    Pattern(
        "subscribe",
        r"(?:subscribe (?:to|now|here|for|today)|subscribe\s*$|"
        r"sign up (?:for|to) (?:our|the)|join our (?:newsletter|mailing list|whatsapp|telegram))",
    ),
    # Calls to action: clicks, follows, app downloads.
    Pattern(
        "call to action",
        r"(?:click here|tap here|follow us on|like us on facebook|"
        r"follow (?:our|the) \w+ on (?:twitter|facebook|instagram|x|telegram|whatsapp|youtube)|"
        r"download (?:the|our) (?:\w+ )?app)",
    ),
    # Advertising slots. Only whole lines: "Advertisement revenue fell" is prose.
    Pattern(
        "advertisement",
        r"(?:advertisements?|sponsored(?: content)?|promoted(?: content)?|"
        r"story continues below(?: advertisement)?|continue reading below|scroll to continue)"
        r"\s*[.:]?\s*$",
    ),
    # Cookie and privacy banners.
    Pattern(
        "cookies",
        r"(?:we use cookies|this (?:web)?site uses cookies|"
        r"by (?:continuing to use|using) (?:this|our) (?:site|website)|"
        r"accept (?:all )?cookies|(?:cookie (?:policy|settings|preferences)|privacy policy)\s*$)",
    ),
    # Rights and copyright lines.
    Pattern(
        "copyright",
        r"(?:all rights reserved|©|\(c\)\s*\d{4}|copyright\s*(?:©\s*)?\d{4})",
    ),
    # Tag and category lists.
    Pattern(
        "tags",
        r"(?:tags|tagged|topics|categories|filed under|keywords)\s*:",
    ),
)

# Bullets, arrows and pipes that scrapers leave in front of furniture lines.
_LEAD = r"^[\s»>▶►•*|–—-]*"

_LINE_RE = re.compile(_LEAD + "(?:" + "|".join(p.regex for p in FURNITURE) + ")", re.IGNORECASE)
_GLUED_RE = re.compile(
    r"[.!?…][\"”’)\]]*\s*(?P<phrase>" + "|".join(p.regex for p in FURNITURE) + ")",
    re.IGNORECASE,
)
# A separator line ("***", "---", "• • •") has no letter or digit.
_NO_WORD_RE = re.compile(r"^[\W_]+$")


def is_furniture(line: str) -> bool:
    """True when the whole line is page furniture."""
    line = line.strip()
    return bool(_LINE_RE.match(line) or _NO_WORD_RE.match(line))


def glued_furniture(line: str) -> int | None:
    """Offset in ``line`` where furniture glued after a sentence end begins, or None."""
    for m in _GLUED_RE.finditer(line):
        first = m.group("phrase")[0]
        if first.isupper() or not first.isalpha():
            return m.start("phrase")
    return None


# ---------------------------------------------------------------- bylines

# "By Jane Doe", "Posted by ...", "Reporting by X; Editing by Y", "Author: ...";
# the German, French, Spanish/Portuguese and Dutch "by" as well (Von, Par,
# Por, Door), since an article in another language is still ingested (and
# then skipped by language, with a reason).
_BY_RE = re.compile(
    r"^(?:by|posted by|written by|reported by|story by|words by|"
    r"(?:additional )?reporting by|writing by|editing by|compiled by|von|par|por|door)"
    r"\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Credit lines of South Asian outlets: "With agency inputs", "(With inputs from PTI)".
_CREDIT_RE = re.compile(
    r"^\(?(?i:with (?:agency )?inputs?)"
    r"(?: from [A-Z][\w.&-]*(?:(?:,\s*|\s+and\s+|\s+)[A-Z][\w.&-]*)*)?\)?\.?$"
)
_AUTHOR_RE = re.compile(r"^(?:authors?|reporter|correspondent)\s*:\s*\S", re.IGNORECASE)
# "Updated: 5 February 2025 10:00 IST", "Published on Feb 5, 2025".
_STAMP_RE = re.compile(
    r"^(?:last updated|first published|updated|published|posted|last modified|modified|date)"
    r"(?:\s+on)?\s*[:\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Names are split on these before checking that each part starts with a capital.
_NAME_SPLIT_RE = re.compile(r",|;|\||\band\b|&|•|·|\(|\)| - | – | — ")
_MONTHS = {
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
    "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
    "nov", "november", "dec", "december",
}  # fmt: skip
_WEEKDAYS = {
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
}  # fmt: skip
_STAMP_WORDS = _MONTHS | _WEEKDAYS | {
    "am", "pm", "a", "m", "p", "at", "on", "updated", "published", "posted", "last", "first",
    "modified", "ago", "hour", "hours", "minute", "minutes", "min", "mins", "day", "days",
    "st", "nd", "rd", "th", "t", "z",
}  # fmt: skip
# A byline is one short line: 100 characters hold several names and a role.
BYLINE_MAX_CHARS = 100
# A personal or agency name: "Jane Doe", "Ana María de la Cruz Ortega".
NAME_MAX_WORDS = 6
_NAME_PARTICLES = {
    "de", "del", "della", "der", "den", "da", "das", "do", "dos", "van", "von", "la", "le",
    "al", "el", "bin", "ibn", "bint", "ben", "y", "e", "di", "du", "ter", "ten",
}  # fmt: skip


def _is_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= NAME_MAX_WORDS and all(
        w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words
    )


def _looks_like_timestamp(rest: str) -> bool:
    tokens = re.findall(r"[A-Za-z]+|\d+", rest)
    if not any(t.isdigit() for t in tokens):
        return False
    # Time-zone abbreviations (IST, GMT, UTC, ET) are short all-caps tokens.
    return all(
        t.isdigit() or t.lower() in _STAMP_WORDS or (t.isupper() and len(t) <= 4) for t in tokens
    )


def is_byline(line: str) -> bool:
    """True for author lines ("By Jane Doe, Staff Reporter") and date stamps ("Updated: ...")."""
    line = line.strip()
    if not line or len(line) > BYLINE_MAX_CHARS:
        return False
    if _AUTHOR_RE.match(line) or _CREDIT_RE.match(line):
        return True
    m = _BY_RE.match(line)
    if m:
        rest = m.group("rest")
        # "By Monday, the army had withdrawn." is a sentence, not a byline.
        if rest.endswith(".") and not re.search(r"\b[A-Z]\.$", rest):
            return False
        parts = [p.strip() for p in _NAME_SPLIT_RE.split(rest) if p.strip()]
        # The first part is a name ("By 2030 the port will double" is not);
        # later parts may be a role or a date ("Staff Reporter", "5 Feb 2025").
        return (
            bool(parts)
            and _is_name(parts[0])
            and all(p[0].isupper() or p[0].isdigit() for p in parts[1:])
        )
    m = _STAMP_RE.match(line)
    return bool(m) and _looks_like_timestamp(m.group("rest"))
