"""The archive's settings: one typed, documented place (``content/archive.yml``).

Each setting is declared once with its type, default and a line of documentation; the README
lists them all and a test fails when one is left undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Literal, get_args, get_origin, get_type_hints

from builder import yamlio
from builder.readers.fields import COLLECTED
from builder.sources import SourceTable

MonthStyle = Literal["levantine", "egyptian", "maghrebi", "both"]
Digits = Literal["western", "arabic"]
RecogniserKind = Literal["accurate", "fast"]
ActorsShown = Literal["all", "reviewed"]
PublisherName = Literal["mkdocs", "zensical"]


def _doc(text: str) -> dict[str, str]:
    """A setting's documentation, kept on the field (listed in the README, checked by a test)."""
    return {"doc": text}


class SettingsError(ValueError):
    """``content/archive.yml`` is malformed or has an unknown setting or a bad value; the
    message names the file and the setting."""


DEFAULT_IGNORE = ("LICENSE*", "LICENCE*", "README*", "SOURCE*", "COPYING*", "NOTICE*")


@dataclass(frozen=True)
class Config:
    """Settings of one archive; every field is documented in README.md."""

    name: str = field(default="أرشيف", metadata=_doc(
        "The archive's name, shown in the header and the page titles."))
    description: str = field(default="أرشيف أخبار عربية", metadata=_doc(
        "One line on what the archive holds (home page, feeds)."))
    site_url: str = field(default="", metadata=_doc(
        "Public address of the site, e.g. https://example.org/archive/ (feeds, sitemap)."))
    month_style: MonthStyle = field(default="levantine", metadata=_doc(
        "Month names in displayed dates: levantine (آذار), egyptian (مارس), "
        "maghrebi (جوان, جويلية…) or both (آذار/مارس)."))
    digits: Digits = field(default="western", metadata=_doc(
        "Digits in displayed dates and counts: western (23) or arabic (٢٣)."))
    page_size: int = field(default=50, metadata=_doc(
        "Articles per page on timeline, place and actor pages."))
    latest: int = field(default=20, metadata=_doc(
        "How many latest articles the home page and the feeds list."))
    review_limit: int = field(default=1000, metadata=_doc(
        "How many new names content/entities.proposed.yml lists (the most frequent); 0: all."))
    max_article_bytes: int = field(default=20_000_000, metadata=_doc(
        "Largest article file read; a JSON or JSON-lines file may be 50 times larger."))
    title_length: int = field(default=90, metadata=_doc(
        "Longest title derived from the lead when an article has none."))
    map_tiles: str = field(default="", metadata=_doc(
        "Tile server URL template for place maps, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; "
        "empty: bundled country outlines, and no page asks another host for anything."))
    map_attribution: str = field(default="", metadata=_doc(
        "Attribution shown under tiles from map_tiles (e.g. © OpenStreetMap contributors)."))
    recogniser: RecogniserKind = field(default="accurate", metadata=_doc(
        "Entity recogniser: accurate (the CRF and the neural tagger together) or fast (the CRF "
        "alone: fewer names found, extraction about twice as fast on a large first build)."))
    actors: ActorsShown = field(default="all", metadata=_doc(
        "Actors linked on the pages: all (the registry's, and the people and organisations the "
        "recogniser is sure of, marked as found by machine until reviewed) or reviewed (the "
        "registry's only)."))
    publisher: PublisherName = field(default="mkdocs", metadata=_doc(
        "What builds site/ from docs/: mkdocs (MkDocs 1.6 with Material 9, incremental) or "
        "zensical (Material's successor, if its command is installed: every build a clean one, "
        "without the theme overrides)."))
    ignore: tuple[str, ...] = field(default=DEFAULT_IGNORE, metadata=_doc(
        "File-name patterns in content/ that are not articles (reported as ignored)."))
    collected_fields: tuple[str, ...] = field(default=COLLECTED, metadata=_doc(
        "Metadata fields that hold the day an article was collected (a crawl date), not "
        "published: it bounds the publication date and is used only when nothing better says it."))
    sources: dict[str, object] = field(default_factory=dict, metadata=_doc(
        "The names readers know for sources, by the slug or domain articles give: "
        "`alriyadh: الرياض`, or `okaz: {name: عكاظ, country: SA, domains: [okaz.com.sa]}`."))

    @classmethod
    def load(cls, path: Path) -> Config:
        """Read ``path`` (missing file: all defaults); an unknown key or bad value is an error."""
        if not path.exists():
            return cls()
        try:
            data = yamlio.load(path.read_text(encoding="utf-8")) or {}
        except yamlio.YamlError as err:
            raise SettingsError(f"{path}: {err}") from err
        if not isinstance(data, dict):
            raise SettingsError(f"{path}: settings must be a YAML mapping")
        defaults = cls()
        for key, value in data.items():
            if not hasattr(defaults, key):
                names = ", ".join(f.name for f in fields(cls))
                raise SettingsError(f"{path}: unknown setting '{key}' (known: {names})")
            default = getattr(defaults, key)
            if isinstance(default, tuple) and isinstance(value, list):
                value = data[key] = tuple(str(v) for v in value)
            if type(value) is not type(default):
                raise SettingsError(f"{path}: setting '{key}' must be {type(default).__name__}")
        cfg = cls(**data)
        cfg.check(path)
        return cfg

    def check(self, path: Path) -> None:
        """Values the types alone do not rule out (YAML gives a string, not one of a Literal's)."""
        for name, kind in get_type_hints(Config).items():
            if get_origin(kind) is Literal and getattr(self, name) not in get_args(kind):
                *most, last = get_args(kind)
                raise SettingsError(f"{path}: {name} must be {', '.join(most)} or {last}")
        if self.review_limit < 0:
            raise SettingsError(f"{path}: review_limit must be 0 or more")
        if self.page_size < 1 or self.latest < 1:
            raise SettingsError(f"{path}: page_size and latest must be at least 1")
        try:
            SourceTable.parse(self.sources, str(path))
        except ValueError as err:
            raise SettingsError(str(err)) from err

    @cached_property
    def source_table(self) -> SourceTable:
        """The ``sources`` setting, read."""
        return SourceTable.parse(self.sources, "sources")


@dataclass(frozen=True)
class Layout:
    """Where an archive's folders are; all derived from the project root."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def state(self) -> Path:
        """Caches and staged builds: never published, never committed."""
        return self.root / ".arshif"

    @property
    def settings(self) -> Path:
        return self.content / "archive.yml"

    @property
    def registry(self) -> Path:
        return self.content / "entities.yml"

    @property
    def proposed(self) -> Path:
        return self.content / "entities.proposed.yml"
