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

from builder.arabic.normalize import fold, stem
from builder.model import Article, Entity, EntityMention
from builder.ner.resources import Place, places
from builder.registry import Registry, key

_SENTENCE_ENDS = ".!؟?\n"


@dataclass
class Proposal:
    """A name met in the articles that the registry does not know."""

    name: str
    type: str
    articles: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)


@dataclass
class EntityFinder:
    """Finds an article's entities; remembers places it made and names it could not resolve."""

    registry: Registry
    made: dict[str, Entity] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)

    def entities(self) -> dict[str, Entity]:
        """The registry's entities and the gazetteer places met so far."""
        return {**self.made, **self.registry.entities}

    def find(self, article: Article, mentions: list[EntityMention],
             hits: list[tuple[int, int, str]]) -> None:
        """Set ``article.places`` and ``article.actors`` (entity ids, in order of first mention)
        from the registry names in its text (``hits``, from :meth:`Registry.scan`) and the
        recogniser's ``mentions``."""
        found = [(start, eid) for start, _, eid in hits]
        countries = self._countries(mentions, {eid for _, eid in found})
        for m in mentions:
            eid = self.registry.resolve(m.text)
            if eid is None and m.type == "LOC":
                eid = self._place(m.text, countries)
            if eid is None:
                self._propose(m, article)
                continue
            found.append((m.start, eid))
        ordered = list(dict.fromkeys(eid for _, eid in sorted(found)))
        known = self.registry.entities
        kinds = [(known.get(e) or self.made[e]).type for e in ordered]
        article.places = [e for e, t in zip(ordered, kinds, strict=True) if t == "LOC"]
        article.actors = [e for e, t in zip(ordered, kinds, strict=True) if t != "LOC"]

    def names(self, article: Article) -> tuple[list[str], list[str]]:
        """Canonical names of the article's places and of its actors (after :meth:`find`)."""
        every = self.entities()
        return [every[e].name for e in article.places], [every[e].name for e in article.actors]

    def _countries(self, mentions: list[EntityMention], known: set[str]) -> Counter[str]:
        """Countries the article names (gazetteer and registry), to choose between homonyms."""
        named: Counter[str] = Counter()
        for m in mentions:
            for place in places().get(_name_form(m.text), [])[:1]:
                named[place.country] += 1
        for eid in known:
            if self.registry.entities[eid].country:
                named[self.registry.entities[eid].country] += 1
        return named

    def _place(self, surface: str, countries: Counter[str]) -> str | None:
        candidates = places().get(_name_form(surface))
        if not candidates:
            return None
        best: Place = max(candidates, key=lambda p: (countries.get(p.country, 0), p.population))
        eid = "geo-" + hashlib.sha256(f"{best.name}|{best.country}".encode()).hexdigest()[:10]
        if eid not in self.made:
            self.made[eid] = Entity(id=eid, name=best.name, type="LOC", lat=best.lat, lon=best.lon,
                                    country=best.country)
        return eid

    def _propose(self, mention: EntityMention, article: Article) -> None:
        name = _name_form(mention.text, keep_article=True)
        k = key(name)
        if not k or k in self.registry.rejected or len(k) < 3:
            return
        prop = self.proposals.setdefault(k, Proposal(name, mention.type))
        prop.articles.add(article.id)
        if len(prop.examples) < 3:
            example = _sentence_at(article.text, mention.start)[:300]
            if example and example not in prop.examples:
                prop.examples.append(example)


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
