"""Cues reported inside another cue's clause: kept out, as PolNeAR keeps them out.

"Tanner said *he thinks* the plan is vague", "The Times wrote that Trump *had
claimed* a loss", "A poll found that 74 percent *said* ...": a cue in the
clausal complement of an earlier cue is part of what that cue reports.
PolNeAR annotates the outer attribution only: 6 of 2,192 gold cues on dev
and 126 of 19,833 on train lie inside another gold relation's content. The
inner words stay in the outer cue's content ("he thinks the plan is vague"
is what Tanner said), so the claim loses no text, only a link of its chain.

Kept: a cue *before* the cue whose clause holds it ("Lee asserted that A:
“B,” she said": the parser makes the first clause the complement of the
second "said"), and a cue that is itself a coordinated, adverbial or
relative clause inside the complement ("May said the country would leave
*and suggested* ...", "..., *arguing* that ..."): the parser attaches those
to the wrong verb often, and PolNeAR annotates them. Counted on PolNeAR
(cue exact F1 without the rule / dropping every nested cue / with these
exceptions): dev 0.721 / 0.723 / 0.726, first 420 train articles 0.752 /
0.752 / 0.755.

"According to X, Y said Z" and "Y said Z, according to X" are not read here:
"according to" is a phrase over the whole sentence, not a clause; one inside
a speech verb's reported clause is dropped by ``attribution._under_according``.
"""

from __future__ import annotations

from . import doc_arrays
from .attribution_syntax import _Cue, subtree_indices

# The dependency through which a cue governs the clause it reports.
_REPORTED = "ccomp"
# Inner clauses kept (see the module docstring): the parser's attachment of
# these is the least reliable, and PolNeAR train annotates such nested cues
# 78 (advcl), 61 (conj), 33 (relcl) times against 48, 36, 27 where it does not.
# "according to X" and "in the poll" (a "prep") scope over the whole sentence
# wherever the parser hangs them: "Officials said the talks had failed,
# according to Reuters" is Reuters' report of what officials said.
_OWN_CLAUSES = frozenset({"advcl", "conj", "relcl", "acl", "pcomp", "prep"})


def _head(doc, cue: _Cue) -> int:
    return doc.char_span(*cue.cue_span, alignment_mode="expand").root.i


def unreported(doc, cues: list[_Cue]) -> list[_Cue]:
    """``cues`` without those reported inside another cue's clause."""
    if len(cues) < 2:
        return cues
    a = doc_arrays(doc)
    heads = [_head(doc, c) for c in cues]
    reporter: dict[int, int] = {}  # token index -> head of the cue whose clause holds it
    for h in heads:
        for child in a.children[h]:
            if a.deps[child] == _REPORTED:
                for k in subtree_indices(a, child):
                    reporter[k] = h
    if not reporter:
        return cues

    def reported(h: int) -> bool:
        outer = reporter.get(h)
        return outer is not None and outer < h and a.deps[h] not in _OWN_CLAUSES

    return [c for c, h in zip(cues, heads, strict=True) if not reported(h)]
