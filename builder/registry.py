"""The entity registry (``content/entities.yml``): the people, organisations and places the archive
indexes, edited by people, and the matching of surface forms to them.

A surface form matches an entity when its words, folded and stripped of proclitics, equal one
of the entity's names or aliases, after dropping leading words such as titles:
``الرئيس الأمريكي دونالد ترامب`` -> ``دونالد ترامب``; ``لتنظيم داعش`` -> ``تنظيم داعش``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from builder import yamlio
from builder.arabic.addresses import address_name
from builder.arabic.normalize import Folded, name_words, stem, words
from builder.model import Entity, EntityType

TYPES: dict[str, EntityType] = {"PER": "PER", "person": "PER", "ORG": "ORG",
                                "organisation": "ORG", "organization": "ORG", "LOC": "LOC",
                                "place": "LOC"}
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
#: Ids that would take an index page's file name, or a name Windows reserves for devices.
RESERVED_IDS = re.compile(r"^(?:index(?:-\d+)?|con|prn|aux|nul|com\d|lpt\d)$")


class RegistryError(ValueError):
    """The registry file is invalid; the message names the entry (and both, for a clash)."""


@lru_cache(maxsize=200_000)
def key(surface: str) -> str:
    """The matching form of a name: its words folded and without proclitics, a name after ``عبد``
    or ``أبو`` one word with it (``عبد العزيز`` and ``عبدالعزيز`` are one name, written both
    ways: :func:`~builder.arabic.normalize.joined`)."""
    return " ".join(w for _, _, w in name_words(words(surface)))


def stems_of(surface: str) -> str:
    """The stems of a name's words, each alone: the gazetteer's form (``resources.places``)."""
    return " ".join(stem(w) for w in words(surface))


def derived_id(name: str) -> str:
    """An id for an entry that gives none: stable for the same canonical name."""
    return "e-" + hashlib.sha256(key(name).encode("utf-8")).hexdigest()[:10]


def page_name(written: str, eid: str) -> str:
    """The last part of an entity's page address: ``written`` (an address form: an id an entry
    gives, or :func:`address_name` of its name), else the id when that is empty or would take
    an index page's or a device's name."""
    return written if written and not RESERVED_IDS.match(written) else eid


def _entity(raw: Any, n: int) -> Entity:
    where = f"entry {n}"
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: not a mapping")
    name = raw.get("name")
    if not isinstance(name, str) or not key(name):
        raise RegistryError(f"{where}: 'name' must be text with at least one word")
    where = f"entry {n} ({name})"
    kind = TYPES.get(str(raw.get("type", "")))
    if kind is None:
        raise RegistryError(f"{where}: 'type' must be PER, ORG or LOC")
    eid = raw.get("id") or derived_id(name)
    if not isinstance(eid, str) or not ID.match(eid):
        raise RegistryError(f"{where}: 'id' must be lower-case letters, digits and '-'")
    if RESERVED_IDS.match(eid):
        raise RegistryError(f"{where}: the id '{eid}' is reserved (an index page or a device name)")
    forms = {}
    for list_field in ("aliases", "recognised_aliases"):
        forms[list_field] = raw.get(list_field) or []
        if not isinstance(forms[list_field], list) or not all(
                isinstance(a, str) for a in forms[list_field]):
            raise RegistryError(f"{where}: '{list_field}' must be a list of names")
    coords = [raw.get("lat"), raw.get("lon")]
    if any(c is not None and (not isinstance(c, int | float) or isinstance(c, bool)) for c in coords):
        raise RegistryError(f"{where}: 'lat' and 'lon' must be numbers")
    for text_field in ("description", "wikidata", "country"):
        if not isinstance(raw.get(text_field, ""), str):
            raise RegistryError(f"{where}: '{text_field}' must be text")
    # the page's address: the id an entry gives (romanised, chosen by people), else the name
    path_name = page_name(raw.get("id") or address_name(name), eid)
    return Entity(id=eid, name=name, type=kind, aliases=tuple(forms["aliases"]),
                  recognised_aliases=tuple(forms["recognised_aliases"]),
                  description=raw.get("description", ""), wikidata=raw.get("wikidata", ""),
                  lat=coords[0], lon=coords[1], country=raw.get("country", ""),
                  path_name=path_name)


def folder(entity: Entity) -> str:
    """The folder of an entity's page: places, or actors (people and organisations)."""
    return "places" if entity.type == "LOC" else "actors"


@dataclass
class Registry:
    """Entities by id, and every name's matching key -> the entity that claims it (``names``:
    looked for in the text; ``recognised``: taken only from the recogniser's mentions)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    recognised: dict[str, str] = field(default_factory=dict)
    rejected: set[str] = field(default_factory=set)
    #: (folder, path name) -> the entity whose page has that address
    addresses: dict[tuple[str, str], str] = field(default_factory=dict)
    longest: int = 1
    first_words: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path) -> Registry:
        """Read and validate ``path`` (a missing file is an empty registry)."""
        if not path.exists():
            return cls()
        try:
            return cls.load_text(path.read_text(encoding="utf-8"))
        except (RegistryError, yamlio.YamlError) as err:
            raise RegistryError(f"{path}: {err}") from err

    @classmethod
    def load_text(cls, text: str) -> Registry:
        """Parse and validate a registry document."""
        data = yamlio.load(text) or {}
        if isinstance(data, list):
            data = {"entities": data}
        if not isinstance(data, dict) or not isinstance(data.get("entities", []), list):
            raise RegistryError("expected 'entities:' with a list of entries")
        reg = cls()
        for n, raw in enumerate(data.get("entities") or [], start=1):
            reg.add(_entity(raw, n))
        reg.rejected = {key(str(r)) for r in data.get("rejected") or []}
        return reg

    def add(self, entity: Entity) -> None:
        """Add an entity; an id or a name already claimed by another is an error naming both."""
        if entity.id in self.entities:
            raise RegistryError(f"id '{entity.id}' is used by both '{self.entities[entity.id].name}' "
                                f"and '{entity.name}'")
        if (folder(entity), entity.path_name) in self.addresses:  # a name written like an id
            entity = replace(entity, path_name=entity.id)
        self.addresses[folder(entity), entity.path_name] = entity.id
        self.entities[entity.id] = entity
        forms = [(name, self.names) for name in (entity.name, *entity.aliases)]
        forms += [(name, self.recognised) for name in entity.recognised_aliases]
        for name, table in forms:
            k = key(name)
            if not k:
                continue
            owner = self.names.get(k) or self.recognised.get(k)
            if owner is not None and owner != entity.id:
                raise RegistryError(f"'{name}' is claimed by both '{self.entities[owner].name}' "
                                    f"({owner}) and '{entity.name}' ({entity.id})")
            table[k] = entity.id
            if table is self.names:
                self.first_words.add(k.split(" ", 1)[0])
                self.longest = max(self.longest, k.count(" ") + 1)

    def digest(self) -> str:
        """A hash of the whole registry: matches and resolutions cached under it stay valid
        while it does."""
        state = (sorted(self.names.items()), sorted(self.recognised.items()), sorted(self.rejected),
                 sorted((e.id, repr(e)) for e in self.entities.values()))
        return hashlib.sha256(repr(state).encode()).hexdigest()[:16]

    def resolve(self, surface: str, recognised_as: str = "") -> str | None:
        """The entity a mention names, dropping leading words (titles, descriptions) if needed,
        and a person's family name after (``سلمان بن عبدالعزيز آل سعود``). ``recognised_as``:
        the type the recogniser gave the mention, which lets the entities' ``recognised_aliases``
        of that type count too; a mention it took for an organisation or a person is no place
        its last words name (``الجمعية العربية السعودية`` is not Saudi Arabia)."""
        ws = key(surface).split()
        found = self._match(ws, recognised_as)
        if found is None and ws and (again := stem(ws[0])) != ws[0]:
            # a preposition before a name that begins like one: the stemmer takes one letter
            # off, so لبلاتر keys as بلاتر where بلاتر itself keys as لاتر
            found = self._match([again, *ws[1:]], recognised_as)
        if found is None and len(ws) > 3 and ws[-2] == "ال":
            # a person named with the family after (… آل سعود, آل الشيخ) is that person
            found = self._match(ws[:-2], recognised_as)
            if found is not None and self.entities[found].type != "PER":
                found = None
        if found is not None and recognised_as in ("ORG", "PER") and self.entities[found].type == "LOC" \
                and self.names.get(" ".join(ws)) != found:
            found = None
        return found

    def _match(self, ws: list[str], recognised_as: str) -> str | None:
        """The entity of the longest tail of the key words ``ws`` that is a name."""
        tails = [" ".join(ws[start:]) for start in range(len(ws))]  # longest first
        found = next((self.names[t] for t in tails if t in self.names), None)
        if found is None and recognised_as:
            found = next((e for t in tails if (e := self.recognised.get(t))
                          and self.entities[e].type == recognised_as), None)
        return found

    def scan(self, text: str | Folded) -> Iterator[tuple[int, int, str]]:
        """Every registry name written in ``text``: (start, end, entity id), longest match first."""
        folded = Folded.of(text)
        parts = folded.name_words
        ws = [w for _, _, w in parts]
        spans: list[tuple[int, int, str]] = []  # made at the first match: most texts have none
        firsts = self.first_words
        i = 0
        while i < len(ws):
            if ws[i] not in firsts:
                i += 1
                continue
            for n in range(min(self.longest, len(ws) - i), 0, -1):
                found = self.names.get(" ".join(ws[i:i + n]))
                if found:
                    spans = spans or folded.spans()
                    yield spans[parts[i][0]][0], spans[parts[i + n - 1][1] - 1][1], found
                    i += n
                    break
            else:
                i += 1
