"""The files the recogniser ships with (builder/data) and their loading, once per process."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from builder.arabic.normalize import fold
from builder.ner.features import Resources

if TYPE_CHECKING:
    from builder.registry import Registry

DATA = Path(__file__).resolve().parents[1] / "data"
MODEL = DATA / "ner.crfsuite"
CLUSTERS = DATA / "clusters.tsv"
VECTORS = DATA / "vectors.npy"
GAZETTEER = DATA / "gazetteer.tsv"
ORGANISATIONS = DATA / "organisations.tsv"
ACTORS = DATA / "actors.tsv"
PLACE_WORDS = DATA / "place_words.tsv"

#: The Arab League's members, and Israel/Palestine: the gazetteer holds their villages and
#: regions, and between namesakes their places come first.
ARAB_WORLD = frozenset("SA YE SY IQ JO LB PS IL EG LY TN DZ MA MR SD SO DJ KM AE QA BH KW OM".split())


#: Of a gazetteer line that is not a comment: its kind, population and stems (the name's words).
_STEMS = re.compile(r"^(?!#)[^\t\n]*\t([^\t\n]*)\t(?:[^\t\n]*\t){3}([^\t\n]*)\t([^\t\n]*)\t", re.M)
#: The recogniser's gazetteer feature knows the places it was trained with: countries and
#: cities of 15,000 people or more (not the villages and regions resolution uses).
FEATURE_POPULATION = 15_000
#: The stems column of organisations.tsv (training/make_organisations.py): name, tab, stems.
_LAST = re.compile(r"^(?!#)[^\t\n]*\t([^\t\n]+)$", re.M)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: where a place name points. ``canonical``: the name its page goes by,
    the same for every spelling of one place (``أبوظبي``, ``ابو ظبى``)."""

    name: str
    kind: str
    lat: float
    lon: float
    country: str
    population: int
    canonical: str


def _gazetteer() -> list[list[str]]:
    """The gazetteer's entries: name, kind, latitude, longitude, country, population, stems,
    canonical name (training/make_gazetteer.py). Not kept: :func:`places` keeps what it makes of them."""
    if not GAZETTEER.exists():
        return []
    return [line.split("\t") for line in GAZETTEER.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@cache
def places() -> dict[str, list[Place]]:
    """A name's stems (``registry.stems_of``: ``ليبيا``, ``وليبيا`` and ``لليبيا`` alike) -> the
    places it may be, most populous first."""
    found: dict[str, list[Place]] = defaultdict(list)
    for name, kind, lat, lon, country, pop, stems, canonical in _gazetteer():
        found[stems].append(Place(name, kind, float(lat), float(lon), country, int(pop), canonical))
    for entries in found.values():
        entries.sort(key=lambda p: -p.population)
    return dict(found)


@cache
def load_resources() -> Resources:
    """Clusters and gazetteer names, as the features use them."""
    clusters: dict[str, str] = {}
    if CLUSTERS.exists():  # lines of word, tab, bits: read as word, bits, word, bits…
        text = CLUSTERS.read_text(encoding="utf-8").rstrip("\n")
        fields = iter(text.replace("\n", "\t").split("\t"))
        clusters = dict(zip(fields, fields, strict=True))
    vectors: dict[str, int] = {}
    matrix = None
    if VECTORS.exists():
        import numpy as np

        matrix = np.load(VECTORS).astype(np.float64) / 127.0
        vectors = dict(zip(clusters, range(len(clusters)), strict=True))
    names: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    # the names alone, as the normaliser's stems (the recogniser needs no coordinates, and
    # reading every column took a third of this function's time), each once
    text = GAZETTEER.read_text(encoding="utf-8") if GAZETTEER.exists() else ""
    found = (stems for kind, population, stems in _STEMS.findall(text)
             if kind != "region" and int(population) >= FEATURE_POPULATION)
    for stems in dict.fromkeys(found):
        words = tuple(stems.split())
        if words:
            names[words[0]].append((words, "LOC"))
    # organisations after places: a name that is both (هامبورغ) stays a place, the context decides
    text = ORGANISATIONS.read_text(encoding="utf-8") if ORGANISATIONS.exists() else ""
    for stems in _LAST.findall(text):
        words = tuple(stems.split())
        names[words[0]].append((words, "ORG"))
    return Resources(clusters=clusters, vectors=vectors, vector_matrix=matrix, names=dict(names))


@cache
def news_actors() -> Registry:
    """The people and organisations the recogniser finds again and again in unlabeled news
    (``actors.tsv``, training/make_actors.py), as a registry of names found by machine: where
    one is met, the recogniser need not be sure of it (:func:`builder.extract.entities.resolve`)."""
    from builder.model import Entity
    from builder.registry import Registry, derived_id

    news = Registry()
    for line in ACTORS.read_text(encoding="utf-8").splitlines():
        name, kind, _ = line.split("\t")
        news.add(Entity(id=derived_id(name), name=name, type=kind,  # type: ignore[arg-type]
                        status="machine"))
    return news


@cache
def place_words() -> frozenset[str]:
    """Keys (:func:`builder.registry.stems_of`) of gazetteer names the news mostly writes as
    common words (``مالي``, financial; ``العاصمة``, the capital): ``place_words.tsv``, made by
    training/make_place_words.py. Untagged by the recogniser, such a form is a place only after
    its kind (:func:`builder.extract.entities._scanned_place`)."""
    return frozenset(line.split("\t", 1)[0]
                     for line in PLACE_WORDS.read_text(encoding="utf-8").splitlines() if line)


#: How many of the news' people (``actors.tsv``) must bear a first name for it to be usual.
FIRST_NAME_SEEN = 3


@cache
def first_names() -> frozenset[str]:
    """First names (folded) that begin :data:`FIRST_NAME_SEEN` or more of the people the news
    names often (``محمد``, ``فهد``, ``هيفاء``): a full name the recogniser finds that begins so
    is a person's, though met once and without a title (``بندر الزهراني``); a name it takes for
    a person that begins otherwise (``بيفرلي هيلز``, ``شيهان عوق``) needs a cue."""
    seen = Counter(fold(line.split(" ", 1)[0].split("\t", 1)[0])
                   for line in ACTORS.read_text(encoding="utf-8").splitlines()
                   if line.split("\t")[1:2] == ["PER"])
    return frozenset(name for name, n in seen.items() if n >= FIRST_NAME_SEEN)
