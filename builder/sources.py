"""The archive's sources by the names readers know: the ``sources`` setting.

Exports and crawls name a newspaper by a slug (``arriyadiyah``) or only by its address; a
table maps either to the newspaper's name (``الرياضية``) and its country (an ISO code). The
shipped table (``data/outlets.tsv``) knows the main Arab outlets, so a new archive shows their
names and reads their bylines (``الرياض - الوئام``: the paper's desk, then the place) without
a setting; the table in ``content/archive.yml`` adds to it and overrides it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Source:
    name: str
    country: str = ""


def _domain(url: str) -> str:
    host = urlsplit(url.strip()).hostname or ""
    return host.removeprefix("www.")


@dataclass(frozen=True)
class SourceTable:
    """Sources by slug or domain (lower case)."""

    by_key: Mapping[str, Source]

    @classmethod
    def parse(cls, table: Mapping[str, Any], where: str) -> SourceTable:
        """The table as written in settings: ``slug: name`` or ``slug: {name, country, domains}``,
        over the shipped outlets (:func:`outlets`); a wrong shape is a ``ValueError`` naming
        ``where``."""
        by_key: dict[str, Source] = dict(outlets())
        for key, value in table.items():
            if isinstance(value, str):
                value = {"name": value}
            if not isinstance(value, dict) or not isinstance(value.get("name"), str) \
                    or not value["name"].strip():
                raise ValueError(f"{where}: sources: '{key}' needs a name")
            unknown = set(value) - {"name", "country", "domains"}
            if unknown:
                raise ValueError(f"{where}: sources: '{key}' has unknown field {sorted(unknown)[0]}")
            source = Source(value["name"].strip(), str(value.get("country", "")).upper())
            for k in [str(key), *value.get("domains", [])]:
                by_key[k.strip().lower().removeprefix("www.")] = source
        return cls(by_key)

    def find(self, source: str, url: str) -> Source | None:
        """The table's entry for an article's source field, else for its address's domain."""
        found = self.by_key.get(source.strip().lower())
        if found is None and url:
            domain = _domain(url)
            while domain and found is None:
                found = self.by_key.get(domain)
                domain = domain.partition(".")[2] if "." in domain else ""
        return found

    def name(self, source: str, url: str) -> str:
        """The name readers know for an article's source (the field as given when unknown)."""
        found = self.find(source, url)
        return found.name if found else source


OUTLETS = Path(__file__).resolve().parent / "data" / "outlets.tsv"


@cache
def outlets() -> dict[str, Source]:
    """The shipped table of Arab news outlets, by slug and domain (lower case)."""
    by_key: dict[str, Source] = {}
    for line in OUTLETS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            slugs, domains, name, country = line.split("\t")
            for k in slugs.split() + domains.split():
                by_key[k.lower()] = Source(name, country)
    return by_key
