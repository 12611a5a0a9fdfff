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
from typing import Any

from builder.arabic.normalize import fold, stem
from builder.model import Article, Entity, EntityMention
from builder.ner.resources import Place, places
from builder.registry import Registry, key

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


@dataclass
class Resolved:
    """An article's entities as resolved on its own (cached with its facts): entity ids in
    order of first mention, the gazetteer places among them, and the names proposed for review
    as (key, name, type, where it is first met: its example sentence is cut from the text only
    for the few shown, not cached for all)."""

    ids: list[str]
    made: list[Entity]
    proposed: list[list[Any]]  # [key, name, type, offset], lists as JSON gives them back

    def to_json(self) -> dict[str, object]:
        return {"ids": self.ids, "made": [vars(e) for e in self.made], "proposed": self.proposed}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resolved:
        made = [Entity(**{**e, "aliases": tuple(e["aliases"])}) for e in data["made"]]
        return cls(list(data["ids"]), made, data["proposed"])  # not made tuples: 100,000 rows


def resolve(mentions: list[EntityMention], hits: list[tuple[int, int, str]],
            registry: Registry) -> Resolved:
    """Resolve an article's registry ``hits`` (from :meth:`Registry.scan`) and the recogniser's
    ``mentions`` to entities; what neither the registry nor the gazetteer knows is proposed."""
    found = [(start, eid) for start, _, eid in hits]
    countries = _countries(mentions, {eid for _, eid in found}, registry)
    made: dict[str, Entity] = {}
    proposed: dict[str, list[Any]] = {}  # lists, as they come back from the cache's JSON
    for m in mentions:
        eid = registry.resolve(m.text)
        if eid is None and m.type == "LOC":
            place = _place(m.text, countries)
            if place is not None:
                made[place.id] = place
                eid = place.id
        if eid is None:
            name = _name_form(m.text, keep_article=True)
            k = key(name)
            if k and k not in registry.rejected and len(k) >= 3 and k not in proposed:
                proposed[k] = [k, name, m.type, m.start]
            continue
        found.append((m.start, eid))
    ids = list(dict.fromkeys(eid for _, eid in sorted(found)))
    return Resolved(ids, list(made.values()), list(proposed.values()))


def _countries(mentions: list[EntityMention], known: set[str], registry: Registry) -> Counter[str]:
    """Countries the article names (gazetteer and registry), to choose between homonyms."""
    named: Counter[str] = Counter()
    for m in mentions:
        for place in places().get(_name_form(m.text), [])[:1]:
            named[place.country] += 1
    for eid in known:
        if registry.entities[eid].country:
            named[registry.entities[eid].country] += 1
    return named


def _place(surface: str, countries: Counter[str]) -> Entity | None:
    candidates = places().get(_name_form(surface))
    if not candidates:
        return None
    best: Place = max(candidates, key=lambda p: (countries.get(p.country, 0), p.population))
    eid = "geo-" + hashlib.sha256(f"{best.name}|{best.country}".encode()).hexdigest()[:10]
    return Entity(id=eid, name=best.name, type="LOC", lat=best.lat, lon=best.lon,
                  country=best.country)


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
        article.places = [e for e, t in zip(resolved.ids, kinds, strict=True) if t == "LOC"]
        article.actors = [e for e, t in zip(resolved.ids, kinds, strict=True) if t != "LOC"]
        for k, name, kind, at in resolved.proposed:
            prop = self.proposals.setdefault(k, Proposal(name, kind))
            prop.articles.add(article.id)
            prop.met.append((article.text, at))

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


@lru_cache(maxsize=200_000)
def _name_form(surface: str, keep_article: bool = False) -> str:
    """A mention as a name: the clitics of its first word off (``وداعش`` -> ``داعش``)."""
    parts = surface.split()
    if not parts:
        return surface
    first = fold(parts[0])
    bare = stem(first)
    if keep_article and first != bare and first.endswith("ال" + bare):
        bare = "ال" + bare
    if bare != first:
        # cut the same number of letters from the word as written (keeps its hamza and marks)
        written = parts[0]
        cut = len(first) - len(bare)
        letters = [i for i, ch in enumerate(written) if fold(ch)]
        parts[0] = written[letters[cut]:] if cut < len(letters) else written
    return " ".join(parts) if keep_article else fold(" ".join(parts))
