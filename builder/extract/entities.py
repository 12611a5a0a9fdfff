"""Places and actors of an article: recogniser mentions and registry names, resolved to entities.

Mentions the registry knows become its entity ids. A place it does not know but the gazetteer
does becomes a place entity with coordinates (the country most named in the article decides
between places of one name: الرقة in Syria, not Kuwait). Other new names are proposals for
review (``content/entities.proposed.yml``), with counts and example sentences.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

from builder.arabic.addresses import address_name
from builder.arabic.normalize import CLITIC_LETTERS, fold, stem
from builder.model import Article, Entity, EntityMention
from builder.ner.resources import Place, places
from builder.registry import Registry, key, stems_of

_SENTENCE_ENDS = ".!؟?\n"


#: Example sentences shown for each proposed name.
EXAMPLES = 3


@dataclass
class Proposal:
    """A name met in the articles that the registry does not know, and where: (article text,
    offset) in article order. Its example sentences are cut only for the names the review
    file shows, not for the tens of thousands met once."""

    name: str
    type: str
    articles: set[str] = field(default_factory=set)
    met: list[tuple[str, int]] = field(default_factory=list)

    @property
    def examples(self) -> list[str]:
        """The first few distinct sentences the name is met in."""
        found: list[str] = []
        for text, at in self.met:
            sentence = _sentence_at(text, at)[:300]
            if sentence and sentence not in found:
                found.append(sentence)
                if len(found) == EXAMPLES:
                    break
        return found


class Proposed(NamedTuple):
    """A name no registry entry or gazetteer place is: its key, the name, its type and where in
    the text it is first met (its example sentence is cut from there only for the few shown)."""

    key: str
    name: str
    type: str
    at: int


@dataclass
class Resolved:
    """An article's entities as resolved on its own (cached with its facts): where in the text
    each entity is first named, in order of first mention; the gazetteer places among them;
    and the names proposed for review."""

    #: entity id -> (start, end) of its first mention in the text, in the order of the text
    first: dict[str, tuple[int, int]]
    made: list[Entity]
    proposed: list[Proposed]

    @property
    def ids(self) -> list[str]:
        """The entity ids in order of first mention."""
        return list(self.first)

    def to_json(self) -> dict[str, object]:
        return {"first": list(self.first.items()), "made": [vars(e) for e in self.made],
                "proposed": self.proposed}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resolved:
        made = [Entity(**{**e, "aliases": tuple(e["aliases"]),
                           "recognised_aliases": tuple(e["recognised_aliases"])})
                for e in data["made"]]
        first = {eid: (a, b) for eid, (a, b) in data["first"]}
        return cls(first, made, [Proposed(*p) for p in data["proposed"]])


def resolve(mentions: list[EntityMention], hits: list[tuple[int, int, str]],
            registry: Registry) -> Resolved:
    """Resolve an article's registry ``hits`` (from :meth:`Registry.scan`) and the recogniser's
    ``mentions`` to entities; what neither the registry nor the gazetteer knows is proposed."""
    found = list(hits)
    countries = _countries(mentions, {eid for _, _, eid in found}, registry)
    made: dict[str, Entity] = {}
    proposed: dict[str, Proposed] = {}
    for m in mentions:
        if any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b, _ in hits):
            continue  # a piece of a registry name written around it (المنورة of المدينة المنورة)
        eid = registry.resolve(m.text, m.type)
        if eid is None and m.type == "LOC":
            place = _place(m.text, countries, registry)
            if isinstance(place, Entity):
                made[place.id] = place
                eid = place.id
            else:
                eid = place
        if eid is None:
            name = _name_form(m.text)
            k = key(name)
            if k and k not in registry.rejected and len(k) >= 3 and k not in proposed:
                proposed[k] = Proposed(k, name, m.type, m.start)
            continue
        found.append((m.start, m.end, eid))
    first: dict[str, tuple[int, int]] = {}
    for start, end, eid in sorted(found):
        first.setdefault(eid, (start, end))
    return Resolved(first, list(made.values()), list(proposed.values()))


def unreviewed(resolved: Resolved) -> list[tuple[str, str]]:
    """An article's names that neither the registry nor the gazetteer knows (its proposals), as
    (name, type) in order of first mention. A name that begins or ends a longer one of its type
    in the article is that one: a person's (``مكلارين``, ``مشعل بن ماجد`` beside ``مشعل بن ماجد
    بن عبدالعزيز``), or an organisation's one word (``نيوكاسل`` beside ``نيوكاسل يونايتد``)."""
    rows = sorted(resolved.proposed, key=lambda p: p.at)
    split = [(p.key.split(), p.type) for p in rows]

    def inside(words: list[str], kind: str) -> bool:
        n = len(words)
        if kind == "LOC" or (kind == "ORG" and n > 1):
            return False
        return any(t == kind and len(w) > n and words in (w[:n], w[-n:]) for w, t in split)

    return [(p.name, p.type) for p, (words, kind) in zip(rows, split, strict=True)
            if not inside(words, kind)]


def _countries(mentions: list[EntityMention], known: set[str], registry: Registry) -> Counter[str]:
    """Countries the article names (gazetteer and registry), to choose between homonyms."""
    named: Counter[str] = Counter()
    for m in mentions:
        for place in places().get(stems_of(m.text), [])[:1]:
            named[place.country] += 1
    for eid in known:
        if registry.entities[eid].country:
            named[registry.entities[eid].country] += 1
    return named


def _place(surface: str, countries: Counter[str], registry: Registry) -> Entity | str | None:
    """A place the registry does not know under ``surface``: a gazetteer place (made as an
    entity), or a registry place behind a one-letter clitic the normaliser keeps on short names
    (``وجدة``: Oujda, or و + Jeddah). The country the article names most decides, then the
    registry, the whole word and the population. A gazetteer place goes by its canonical name,
    whichever spelling the article has (``أبوظبي`` for ``ابو ظبى`` too): one page a place."""
    options: list[tuple[tuple[int, int, int], Place | str]] = [
        ((countries.get(p.country, 0), 1, p.population), p)
        for p in places().get(stems_of(surface), [])]
    rest = surface[1:]
    if surface[:1] in CLITIC_LETTERS and len(fold(rest)) >= 3:
        eid = registry.resolve(rest)
        if eid is not None and registry.entities[eid].type == "LOC":
            options.append(((countries.get(registry.entities[eid].country, 0), 2, 0), eid))
        options += [((countries.get(p.country, 0), 0, p.population), p)
                    for p in places().get(stems_of(rest), [])]
    if not options:
        return None
    best = max(options, key=lambda option: option[0])[1]
    if isinstance(best, str):
        return best
    eid = "geo-" + hashlib.sha256(f"{best.canonical}|{best.country}".encode()).hexdigest()[:10]
    return Entity(id=eid, name=best.canonical, type="LOC", lat=best.lat, lon=best.lon,
                  country=best.country, path_name=_path_name(best, registry) or eid)


def _path_name(place: Place, registry: Registry) -> str:
    """A gazetteer place's address: its name, with its country when the gazetteer has a more
    populous place of that name (``لندن`` is London, ``لندن-ca`` London, Ontario) or the
    registry has a place at that address. Decided by the shipped data alone, it stays put
    whatever articles come."""
    name = address_name(place.canonical)
    namesakes = [p for p in places().get(stems_of(place.canonical), []) if p.canonical == place.canonical]
    first = max(namesakes, key=lambda p: (p.population, p.country), default=place)
    if first.country != place.country or ("places", name) in registry.addresses:
        return f"{name}-{place.country.lower()}" if name else ""
    return name


@dataclass
class EntityFinder:
    """Gives articles their entities; remembers the places made and the names proposed."""

    registry: Registry
    made: dict[str, Entity] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)

    def entities(self) -> dict[str, Entity]:
        """The registry's entities and the gazetteer places met so far."""
        return {**self.made, **self.registry.entities}

    def add(self, article: Article, resolved: Resolved) -> None:
        """Set ``article.places`` and ``article.actors`` (entity ids, in order of first mention)
        and count its proposed names, with where they are met."""
        for entity in resolved.made:
            self.made.setdefault(entity.id, entity)
        known = self.registry.entities
        kinds = [(known.get(e) or self.made[e]).type for e in resolved.ids]
        filed_from = self.place_named(article.dateline) if article.dateline else None
        named = [e for e, t in zip(resolved.ids, kinds, strict=True) if t == "LOC"]
        article.places = list(dict.fromkeys(([filed_from] if filed_from else []) + named))
        article.actors = [e for e, t in zip(resolved.ids, kinds, strict=True) if t != "LOC"]
        article.named = dict(resolved.first)
        for k, name, kind, at in resolved.proposed:
            prop = self.proposals.setdefault(k, Proposal(name, kind))
            prop.articles.add(article.id)
            prop.met.append((article.text, at))

    def place_named(self, surface: str) -> str | None:
        """The place ``surface`` names on its own (a dateline's: ``الرياض``), by the registry
        or the gazetteer; None when neither knows it as a place."""
        eid = self.registry.resolve(surface)
        if eid is not None:
            return eid if self.registry.entities[eid].type == "LOC" else None
        place = _place(surface, Counter(), self.registry)
        if isinstance(place, Entity):
            self.made.setdefault(place.id, place)
            return place.id
        return place

    def names(self, article: Article) -> tuple[list[str], list[str]]:
        """Canonical names of the article's places and of its actors (after :meth:`add`)."""
        every = self.entities()
        return [every[e].name for e in article.places], [every[e].name for e in article.actors]


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    start = max(text.rfind(ch, 0, at) for ch in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(ch, at) for ch in _SENTENCE_ENDS) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()


#: How alike the word vectors of a word and of the word without its first letter must be for
#: that letter to be a clitic: ``وداعش``/``داعش`` 0.73, ``لموسكو``/``موسكو`` 0.69, against
#: ``بوتين``/``وتين`` 0.26 and ``لبنان``/``بنان`` 0.42.
CLITIC_LIKENESS = 0.5


def _is_clitic(word: str, rest: str) -> bool:
    """Whether ``word`` is ``rest`` behind clitics (ب ل ك و ف, one or two), judged by the
    unlabeled news the word vectors were learned from: ``rest`` must be a word there and, when
    ``word`` is one too, be the more frequent of the two (rows go most frequent first:
    ``وليام`` is William, not و + Liam) and mean the same (``بوتين`` is not ب + ``وتين``)."""
    from builder.ner.neural import embeddings, vectors_of

    vocabulary, stored = embeddings("forms")
    rows = vocabulary.find([word, rest], -1)
    if rows[1] < 0:
        return False
    if rows[0] < 0:
        return True
    if rows[1] > rows[0]:
        return False
    a, b = vectors_of(stored, rows).astype(np.float64)
    return float(a @ b) >= CLITIC_LIKENESS * float(np.linalg.norm(a) * np.linalg.norm(b))


#: Words that introduce another name for the one before them (``… آل سعود الملقب بالشاعر``):
#: never the end of a name, though the recogniser sometimes takes them as its last word.
_NAME_INTRODUCERS = frozenset(fold(w) for w in
                              "الملقب الملقبة المعروف المعروفة المدعو المدعوة المكنى".split())


#: A blessing after a name (``محمد صلى الله عليه وسلم``, ``… رحمه الله``) begins with these.
_BLESSINGS = frozenset((fold(a), fold(b)) for a, b in (
    ("صلى", "الله"), ("رحمه", "الله"), ("رحمها", "الله"), ("رضي", "الله"), ("حفظه", "الله"),
    ("حفظها", "الله"), ("عليه", "السلام"), ("عليها", "السلام")))


@lru_cache(maxsize=200_000)
def _name_form(surface: str) -> str:
    """A mention as a name, as written but without the clitics of its first word (``وداعش`` ->
    ``داعش``, ``والتحالف`` -> ``التحالف``) or a word after it that introduces another name
    (``الملقب``) or a blessing (``صلى الله``): the name a proposal shows."""
    parts = surface.split()
    folded = [fold(p) for p in parts]
    blessing = next((i for i in range(1, len(parts) - 1)
                     if (folded[i], folded[i + 1]) in _BLESSINGS), len(parts))
    parts = parts[:blessing]
    while len(parts) > 1 and folded[len(parts) - 1] in _NAME_INTRODUCERS:
        parts.pop()
    if not parts:
        return surface
    first = folded[0]
    bare = stem(first)
    article = ""
    if bare != first:
        if first.endswith("ال" + bare) and _is_clitic(first, "ال" + bare):
            bare = "ال" + bare  # والتحالف -> التحالف, but not كاليفورنيا -> اليفورنيا
        elif first.startswith("لل") and first[2:] == bare:
            article = "ال"  # للتحالف -> التحالف: ل + ال wrote one ل
        else:  # one letter at a time: وبوتين -> بوتين, not وتين (the ب is the name's own)
            kept = first
            while len(kept) > len(bare) and _is_clitic(kept, kept[1:]):
                kept = kept[1:]
            bare = kept
    if bare != first:
        # cut the same number of letters from the word as written (keeps its hamza and marks)
        written = parts[0]
        cut = len(first) - len(bare)
        letters = [i for i, ch in enumerate(written) if fold(ch)]
        parts[0] = article + written[letters[cut]:] if cut < len(letters) else written
    return " ".join(parts)
