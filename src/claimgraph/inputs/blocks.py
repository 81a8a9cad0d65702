"""Normalized text → Blocks (title, heading, byline, furniture, body).

The rules, in order:

1. **Lines.** The text is cut at newlines; a blank line separates paragraphs.
   Block spans never include the newlines or the spaces around a line.
2. **Title.** The first line is the title when it *looks like one*: at most
   ``TITLE_MAX_CHARS`` characters, at least one letter, not ending in ``.``,
   ``,``, ``;`` or ``:`` (an ellipsis, ``?`` and ``!`` are allowed: headlines
   use them), not furniture or a byline, and more text follows it. A first
   line directly followed (no blank line) by a line starting in lower case is
   wrapped prose, not a title. A first line equal to a title given by the caller is always
   the title.
3. **Furniture and bylines** are recognized line by line (see
   :mod:`claimgraph.inputs.furniture`); furniture glued after a sentence end
   is cut off into its own block.
4. **Hard wraps.** In this file format every non-blank line is normally its own
   paragraph. Two consecutive lines (no blank line between) are one block
   when the earlier line does not end in sentence punctuation (``. ! ? … :
   ;``, optionally followed by a closing quote or bracket) and either it is at
   least ``WRAP_MIN_CHARS`` long or the later line starts in lower case: that
   is what a line broken by a fixed-width (or ragged, hand-made) wrap looks
   like, while headings are short, paragraphs end in punctuation and a new
   paragraph does not start in lower case.
5. **Headings.** A single, not-joined line of at most ``HEADING_MAX_CHARS``
   characters, with a letter, without terminal punctuation (``. ! ? … : ; ,``),
   not a list item and not the last line of the text ("new base of hamas",
   "Board of Peace and Pakistan").
6. **Datelines.** A body paragraph that opens with a wire dateline
   ("KARACHI, March 3 (Meridian Wire Service) - ", "ANTOFAGASTA, Chile — ",
   "WASHINGTON (AP) — ") has the dateline cut off into a ``dateline`` block,
   so the first claim starts at the story's first word; the dateline is kept
   for what it says (place of filing, agency credit), not as a claim.
7. Everything else is **body**.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Block, BlockKind
from .furniture import glued_furniture, is_byline, is_furniture

# The brief's bound for a headline; the longest news headlines run to ~150
# characters, so 200 leaves room without taking a whole paragraph.
TITLE_MAX_CHARS = 200
# Subheadings fit one line of an article layout; the seed's longest is 29
# characters and news subheads rarely exceed ~70, while a one-line prose
# paragraph without a final period is usually longer than 80.
HEADING_MAX_CHARS = 80
# Fixed-width wraps (mail archives, `fmt`, wire feeds) break at 66-80 columns
# (RFC 5322 recommends 78), so a wrapped line is nearly always 60 or more
# characters long; headings are shorter.
WRAP_MIN_CHARS = 60

_CLOSERS = "\"'”’)]»"
_SENTENCE_END = tuple(".!?…:;")
_HEADING_STOP = (*_SENTENCE_END, ",")
_TITLE_STOP = tuple(".,;:")
# A dateline: a place in capitals at the start of the paragraph, optional
# ", Country" or ", Month D", an optional "(Agency)", then a dash. Requiring
# capitals and the dash keeps ordinary sentences ("NATO said ...") out.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}[A-Z.])"
    r"(?P<rest>,[^—–\-\n()]{1,40})?"
    r"(?:\s*\((?P<agency>[^()\n]{2,60})\))?"
    r"\s*[-–—]{1,2}\s+(?=\S)"
)
_LIST_ITEM = re.compile(r"^(?:[-*•–—]\s|\d{1,3}[.)]\s)")


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    group: int  # paragraph number: blank lines separate groups
    kind: str  # "text", "furniture", "byline"
    closed: bool = False  # furniture was cut off its end: nothing joins after it


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, group) of every non-blank line, trimmed."""
    out = []
    group = 0
    pos = 0
    for raw in text.split("\n"):
        start, end = _trimmed(text, pos, pos + len(raw))
        pos += len(raw) + 1
        if start == end:
            group += 1
            continue
        out.append((start, end, group))
    return out


def _ends_with(line: str, stops: tuple[str, ...]) -> bool:
    return line.rstrip(_CLOSERS).endswith(stops)


def looks_like_title(line: str, following: str | None, same_paragraph: bool) -> bool:
    """Rule 2 above: is this first line a headline?"""
    line = line.strip()
    if following is None or not line or len(line) > TITLE_MAX_CHARS:
        return False
    if not any(c.isalpha() for c in line) or is_furniture(line) or is_byline(line):
        return False
    if _ends_with(line, _TITLE_STOP) and not line.rstrip(_CLOSERS).endswith("..."):
        return False
    wrapped = same_paragraph and following[:1].islower()
    return not wrapped


def _same_title(line: str, title: str | None) -> bool:
    if not title:
        return False
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold()


def _segments(text: str, lines: list[tuple[int, int, int]]) -> list[_Segment]:
    out = []
    for start, end, group in lines:
        line = text[start:end]
        if is_furniture(line):
            out.append(_Segment(start, end, group, "furniture"))
        elif is_byline(line):
            out.append(_Segment(start, end, group, "byline"))
        else:
            cut = glued_furniture(line)
            if cut is None:
                out.append(_Segment(start, end, group, "text"))
            else:
                body_start, body_end = _trimmed(text, start, start + cut)
                out.append(_Segment(body_start, body_end, group, "text", closed=True))
                out.append(_Segment(start + cut, end, group, "furniture"))
    return out


def _wrapped(text: str, previous: _Segment, current: _Segment) -> bool:
    """Rule 4 above: does ``current`` continue ``previous`` across a hard wrap?"""
    if previous.kind != "text" or current.kind != "text" or previous.closed:
        return False
    if previous.group != current.group:
        return False
    line = text[previous.start : previous.end]
    if _ends_with(line, _SENTENCE_END):
        return False
    return len(line) >= WRAP_MIN_CHARS or text[current.start].islower()


def _is_heading(line: str, is_last: bool) -> bool:
    return (
        not is_last
        and len(line) <= HEADING_MAX_CHARS
        and any(c.isalpha() for c in line)
        and not _ends_with(line, _HEADING_STOP)
        and not _LIST_ITEM.match(line)
    )


def split_blocks(text: str, title: str | None = None) -> tuple[tuple[Block, ...], str | None]:
    """Blocks of a normalized text, and the title line's text when there is one."""
    lines = _lines(text)
    if not lines:
        return (), None
    blocks: list[Block] = []
    found_title = None
    first_start, first_end, first_group = lines[0]
    first = text[first_start:first_end]
    following = text[lines[1][0] : lines[1][1]] if len(lines) > 1 else None
    same_paragraph = len(lines) > 1 and lines[1][2] == first_group
    if _same_title(first, title) or looks_like_title(first, following, same_paragraph):
        blocks.append(Block((first_start, first_end), "title"))
        found_title = first
        lines = lines[1:]

    runs: list[list[_Segment]] = []
    for segment in _segments(text, lines):
        if runs and _wrapped(text, runs[-1][-1], segment):
            runs[-1].append(segment)
        else:
            runs.append([segment])

    for i, run in enumerate(runs):
        start, end = run[0].start, run[-1].end
        kind: BlockKind
        if run[0].kind != "text":
            kind = "furniture" if run[0].kind == "furniture" else "byline"
        elif len(run) == 1 and _is_heading(text[start:end], is_last=i == len(runs) - 1):
            kind = "heading"
        else:
            kind = "body"
            dateline = DATELINE.match(text[start:end])
            if dateline:
                blocks.append(Block((start, start + len(dateline.group(0).rstrip())), "dateline"))
                start += dateline.end()
        blocks.append(Block((start, end), kind))
    return tuple(blocks), found_title
