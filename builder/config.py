"""The archive's settings: one typed, documented place (``content/archive.yml``).

Each setting is declared once with its type, default and a line of documentation; the README
lists them all and a test fails when one is left undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

from builder import yamlio

MonthStyle = Literal["levantine", "egyptian", "maghrebi", "both"]
Digits = Literal["western", "arabic"]


def _setting(default: Any, doc: str) -> Any:
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Config:
    """Settings of one archive; every field is documented in README.md."""

    name: str = _setting("أرشيف", "The archive's name, shown in the header and the page titles.")
    description: str = _setting("أرشيف أخبار عربية", "One line on what the archive holds.")
    site_url: str = _setting("", "Public address of the site (for feeds and the sitemap).")
    month_style: MonthStyle = _setting(
        "levantine",
        "Month names in displayed dates: levantine (آذار), egyptian (مارس), "
        "maghrebi (مارس, جوان, جويلية…) or both (آذار/مارس).")
    digits: Digits = _setting("western", "Digits in displayed dates: western (23) or arabic (٢٣).")
    page_size: int = _setting(50, "Articles per page on timeline, place and actor pages.")
    latest: int = _setting(20, "How many latest articles the home page lists.")
    max_article_bytes: int = _setting(
        20_000_000, "Largest article file read (JSON-lines files may be 50 times larger).")
    title_length: int = _setting(90, "Longest title derived from the lead when none is given.")
    ignore: list[str] = _setting(
        ["LICENSE*", "LICENCE*", "README*", "SOURCE*", "COPYING*", "NOTICE*"],
        "File-name patterns in content/ that are not articles (reported as ignored).")

    @classmethod
    def load(cls, path: Path) -> Config:
        """Read ``path`` (missing file: all defaults); an unknown key or bad value is an error."""
        if not path.exists():
            return cls()
        data = yamlio.load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: settings must be a YAML mapping")
        defaults = cls()
        for key, value in data.items():
            if not hasattr(defaults, key):
                names = ", ".join(f.name for f in fields(cls))
                raise ValueError(f"{path}: unknown setting '{key}' (known: {names})")
            default = getattr(defaults, key)
            if type(value) is not type(default):
                raise ValueError(f"{path}: setting '{key}' must be {type(default).__name__}")
        cfg = cls(**data)
        cfg.check(path)
        return cfg

    def check(self, path: Path) -> None:
        """Values the types alone do not rule out."""
        if self.month_style not in ("levantine", "egyptian", "maghrebi", "both"):
            raise ValueError(f"{path}: month_style must be levantine, egyptian, maghrebi or both")
        if self.digits not in ("western", "arabic"):
            raise ValueError(f"{path}: digits must be western or arabic")
        if self.page_size < 1 or self.latest < 1:
            raise ValueError(f"{path}: page_size and latest must be at least 1")


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
