"""Metadata field names as archives spell them, mapped onto Arshif's own."""

from __future__ import annotations

import re
from typing import Any

#: Our field name -> the names it is found under (SaudiNewsNet, CMS exports, Arabic headers).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "العنوان"),
    "date": ("date", "published", "pubdate", "publication_date",
             "published_at", "datetime", "التاريخ", "تاريخ النشر"),
    "source": ("source", "publisher", "outlet", "المصدر"),
    "url": ("url", "link", "href", "الرابط"),
    "author": ("author", "byline", "الكاتب", "الكاتبة"),
    "body": ("content", "text", "body", "article", "النص"),
}
_LOOKUP = {alias: name for name, names in ALIASES.items() for alias in names}

#: A header line of a plain-text article: ``title: ...`` (a known field name only).
HEADER_LINE = re.compile(r"^\s*([^\W\d][\w ]{0,20}?)\s*[:：]\s*(.*?)\s*$")


def canonical(key: str) -> str | None:
    """Our name for a metadata key, or None when it is not one of ours."""
    return _LOOKUP.get(key.strip().lower())


#: Fields that hold the day an article was collected, not published (the ``collected_fields``
#: setting's default): SaudiNewsNet's ``date_extracted`` is its crawl time.
COLLECTED = ("date_extracted", "collected", "collected_at", "crawled", "crawled_at", "retrieved",
             "scraped_at")


def normalise(meta: dict[str, Any], collected: tuple[str, ...] = COLLECTED) -> dict[str, Any]:
    """Rename known keys to ours (those in ``collected`` to ``collected``); unknown keys are kept
    as they are (never dropped)."""
    out: dict[str, Any] = {}
    collected_keys = {c.strip().lower() for c in collected}
    for key, value in meta.items():
        lowered = str(key).strip().lower()
        name = "collected" if lowered in collected_keys else canonical(str(key)) or str(key)
        if name not in out or out[name] in (None, ""):
            out[name] = value
    return out


def split_header(text: str) -> tuple[dict[str, str], str, int]:
    """Split ``key: value`` header lines (known keys only) from the body of a text file.

    Returns the header, the body and the number of lines the header took. The header ends
    at the first blank line or the first line that is not a known ``key: value``.
    """
    lines = text.split("\n")
    header: dict[str, str] = {}
    n = 0
    for line in lines:
        m = HEADER_LINE.match(line)
        if not m or canonical(m.group(1)) is None:
            break
        header[m.group(1).strip()] = m.group(2)
        n += 1
    if not header:
        return {}, text, 0
    if n < len(lines) and not lines[n].strip():
        n += 1
    return header, "\n".join(lines[n:]), n
