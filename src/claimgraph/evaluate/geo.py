"""Geoparsing evaluation: toponym recognition and resolution on LGL / TR-News and GeoWebNews.

Two XML layouts are read (detected per toponym):

- LGL and TR-News (Lieberman et al. 2010; Kamalloo and Rafiei 2018):
  ``<article><text>`` and ``<toponym><start><end><phrase><gaztag geonameid>``
  with ``<lat>``/``<lon>``. Every toponym counts for recognition; those without
  a gaztag coordinate (streets, "Earth") count for recognition only.
- GeoWebNews (Gritta et al. 2019): ``<toponym><extractedName><type><start>
  <end><latitude><longitude>``. Gold toponyms are the annotations that carry a
  coordinate (types Literal, Metonymic, Mixed, Non_Literal_Modifier,
  Literal_Modifier, Embedded_*, Coercion): the paper's toponyms. Annotations
  without one (Demonym, Homonym, Language, Non_Toponym, *_Expression: common
  nouns such as "church") are not toponyms; a prediction on one of them is
  neither a hit nor a false positive (ignored).

Recognition: one-to-one greedy matching of predicted mentions to gold spans,
``exact`` (same offsets, after mapping our normalized-text offsets back to the
raw text with :func:`offset_map`) and ``overlap`` (at least one shared
character). Two prediction sets come from one run:

- ``toponyms``: every toponym the places stage recognizes, including
  metonymic readings ("Washington warned"), country demonyms ("Russian") and
  toponyms inside longer names ("Laurel County Sheriff's Office"), because the
  gold sets annotate those too (demonyms are resolved to their country);
- ``places``: only the mentions of the pipeline's Place records (those three
  left out), what ``claimgraph analyze`` outputs.

Resolution, on gold toponyms with a coordinate that a ``toponyms`` prediction
overlaps: great-circle error in km between the gold point and ours. A
recognized toponym we leave without a coordinate (a region, an unresolved
name) gets the maximum error, 20,039 km (half the Earth's circumference), as
in Gritta et al. (2018). Reported: accuracy@161 km (error ≤ 161 km = 100 miles),
mean and median error, and AUC, the area under the curve of sorted log errors
normalized to [0, 1] (lower is better), as in Gritta et al. (2018), "What's
missing in geographic parsing?":

    AUC = trapz(ln(1 + e_(1)), ..., ln(1 + e_(n))) / ((n - 1) · ln(20039))

with e sorted ascending (trapezoid rule, unit spacing; n = 1 gives
ln(1 + e) / ln(20039)).

LGL has no official train/dev/test split: the whole file is reported, plus two
fixed halves by article position (``half_a``: even positions, used while
tuning; ``half_b``: odd positions, the check).
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import ClaimgraphError, SkippedDocument
from . import PRF, offset_map

MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the worst possible error
ACCURACY_KM = 161.0  # 100 miles, the field's standard threshold (Leidner 2008; Gritta et al.)
_EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    toponym: bool = True  # False: an annotation that is not a toponym (ignored)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(node: ET.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text else None
    except ValueError:
        return None


def _toponym(node: ET.Element) -> GoldToponym:
    start, end = int(node.findtext("start", "0")), int(node.findtext("end", "0"))
    gaztag = node.find("gaztag")
    if node.find("phrase") is not None:  # LGL / TR-News
        lat = _float(gaztag.find("lat")) if gaztag is not None else None
        lon = _float(gaztag.find("lon")) if gaztag is not None else None
        return GoldToponym(start, end, node.findtext("phrase", ""), lat, lon)
    lat, lon = _float(node.find("latitude")), _float(node.find("longitude"))
    return GoldToponym(start, end, node.findtext("extractedName", ""), lat, lon, lat is not None)


def read_articles(path: str | Path) -> list[GoldArticle]:
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ClaimgraphError(f"{path}: cannot read geoparsing gold XML: {exc}") from exc
    out = []
    for n, article in enumerate(root.iter("article")):
        text = article.findtext("text") or ""
        node = article.find("toponyms")
        toponyms = tuple(_toponym(t) for t in node.iter("toponym")) if node is not None else ()
        ident = article.get("docid") or article.get("file") or str(n)
        out.append(GoldArticle(ident, text, toponyms))
    if not out:
        raise ClaimgraphError(f"{path}: no <article> elements (expected LGL or GeoWebNews XML)")
    return out


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc(errors: list[float]) -> float:
    """Normalized area under the sorted log-error curve (Gritta et al. 2018); lower is better."""
    if not errors:
        return 0.0
    ys = [math.log1p(min(e, MAX_ERROR_KM)) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / ((len(ys) - 1) * math.log(MAX_ERROR_KM))


def geo_summary(errors: list[float]) -> dict:
    if not errors:
        return {"n": 0, "accuracy_161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    return {
        "n": len(errors),
        "accuracy_161": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(auc(errors), 4),
    }


Prediction = tuple[int, int, float | None, float | None]  # raw start, end, lat, lon


def match(
    predicted: list[Prediction], gold: tuple[GoldToponym, ...], exact: bool
) -> tuple[list[tuple[Prediction, GoldToponym]], int]:
    """One-to-one greedy matches (in text order) and the number of ignored predictions.

    A prediction that matches no gold toponym but overlaps an annotation that
    is not a toponym (GeoWebNews) is ignored rather than counted as false.
    """
    used: set[int] = set()
    pairs = []
    ignored = 0
    for pred in sorted(predicted):
        s, e = pred[0], pred[1]
        hit = None
        for i, g in enumerate(gold):
            if i in used or not g.toponym:
                continue
            if (g.start, g.end) == (s, e) if exact else (g.start < e and s < g.end):
                hit = i
                break
        if hit is not None:
            used.add(hit)
            pairs.append((pred, gold[hit]))
        elif any(not g.toponym and g.start < e and s < g.end for g in gold):
            ignored += 1
    return pairs, ignored


class _Tally:
    def __init__(self) -> None:
        self.counts = {k: [0, 0, 0] for k in ("exact", "overlap")}  # tp, predicted, gold
        self.errors: list[float] = []

    def add(self, predicted: list[Prediction], gold: tuple[GoldToponym, ...], geo: bool) -> None:
        n_gold = sum(g.toponym for g in gold)
        for kind in ("exact", "overlap"):
            pairs, ignored = match(predicted, gold, kind == "exact")
            c = self.counts[kind]
            c[0] += len(pairs)
            c[1] += len(predicted) - ignored
            c[2] += n_gold
            if geo and kind == "overlap":
                for (_, _, lat, lon), g in pairs:
                    if g.lat is None or g.lon is None:
                        continue
                    if lat is None or lon is None:
                        self.errors.append(MAX_ERROR_KM)
                    else:
                        self.errors.append(haversine_km(g.lat, g.lon, lat, lon))

    def recognition(self) -> dict:
        return {k: PRF(*c).as_dict() for k, c in self.counts.items()}


def predictions(text: str, options=None) -> tuple[list[Prediction], list[Prediction]]:
    """(every recognized toponym, the Place records' mentions), raw offsets into ``text``."""
    from ..extract import places as places_stage
    from ..inputs import document_from_text
    from ..nlp import parse
    from ..options import Options

    options = options or Options()
    document = document_from_text(text)
    if not document.text.strip():
        raise SkippedDocument("<gold article>", "empty document")
    parsed = parse(document, options)
    # The places stage decides from the parse alone (its ``actors`` argument
    # is part of the stage contract only), so the actors stage is not run.
    actors = ()
    to_raw = offset_map(text, document.text)
    every = [
        (to_raw[t.span[0]], to_raw[t.span[1] - 1] + 1, t.lat, t.lon)
        for t in places_stage.toponyms(parsed, actors)
    ]
    kept = [
        (to_raw[s], to_raw[e - 1] + 1, p.lat, p.lon)
        for p in places_stage.places(parsed, actors)
        for s, e in p.mentions
    ]
    return every, kept


def evaluate(path: str | Path, options=None, limit: int | None = None) -> dict:
    articles = read_articles(path)[:limit]
    tallies = {k: _Tally() for k in ("toponyms", "places", "half_a", "half_b")}
    skipped = 0
    for n, article in enumerate(articles):
        try:
            every, kept = predictions(article.text, options)
        except SkippedDocument:
            every, kept = [], []
            skipped += 1
        tallies["toponyms"].add(every, article.toponyms, geo=True)
        tallies["places"].add(kept, article.toponyms, geo=False)
        tallies["half_b" if n % 2 else "half_a"].add(every, article.toponyms, geo=True)
    gold = [g for a in articles for g in a.toponyms if g.toponym]
    return {
        "data": str(path),
        "articles": len(articles),
        "skipped": skipped,
        "gold_toponyms": len(gold),
        "gold_with_coordinates": sum(g.lat is not None for g in gold),
        "recognition": tallies["toponyms"].recognition(),
        "recognition_places_only": tallies["places"].recognition(),
        "resolution": geo_summary(tallies["toponyms"].errors),
        "halves": {
            k: {
                "recognition_overlap_f1": tallies[k].recognition()["overlap"]["f1"],
                "resolution": geo_summary(tallies[k].errors),
            }
            for k in ("half_a", "half_b")
        },
    }
