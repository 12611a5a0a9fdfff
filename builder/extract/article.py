"""Fill an Article with what its text says: publication date, dates mentioned, places, actors."""

from __future__ import annotations

from builder.extract import dates
from builder.model import Article


def publication_date(article: Article) -> tuple[str | None, list[str]]:
    """From the metadata first, else a dateline in the opening; never today, never a guess."""
    notes: list[str] = []
    if article.given_date:
        value = dates.parse_given(article.given_date)
        if value:
            return value, notes
        notes.append(f"date '{article.given_date}' is not a date I can read: "
                     "looked for a dateline instead")
    return dates.dateline(article.text), notes


def extract_dates(article: Article) -> list[str]:
    """Set ``date`` and ``dates``; returns what was wrong with the given date."""
    article.date, notes = publication_date(article)
    article.dates = dates.find_dates(article.text, dates.base_date(article.date))
    return notes
