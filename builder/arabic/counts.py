"""A number with its noun, in Arabic agreement: مقالة واحدة، مقالتان، ٣ مقالات، ١١ مقالةً، ١٠٠ مقالة.

Which form a number takes is CLDR's plural rule for Arabic (babel): zero, one, two, few
(3–10 after the hundreds), many (11–99 after the hundreds), other. The forms of each noun are
the table below, the one table the search page's script reads too (it asks the browser's
``Intl.PluralRules``, the same CLDR rule): a count is written alike on every page.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

from builder.arabic.display import digits

#: noun -> its form for each CLDR category; ``{n}`` is the number. One and two are words, not
#: digits («مقالة واحدة», «مقالتان»); from eleven the noun is a singular in the accusative.
NOUNS: dict[str, dict[str, str]] = {
    "article": {"zero": "لا مقالات", "one": "مقالة واحدة", "two": "مقالتان",
                "few": "{n} مقالات", "many": "{n} مقالةً", "other": "{n} مقالة"},
    "story": {"zero": "لا قصص", "one": "قصة واحدة", "two": "قصتان",
              "few": "{n} قصص", "many": "{n} قصةً", "other": "{n} قصة"},
    "source": {"zero": "لا مصادر", "one": "مصدر واحد", "two": "مصدران",
               "few": "{n} مصادر", "many": "{n} مصدرًا", "other": "{n} مصدر"},
    "place": {"zero": "لا أماكن", "one": "مكان واحد", "two": "مكانان",
              "few": "{n} أماكن", "many": "{n} مكانًا", "other": "{n} مكان"},
    "actor": {"zero": "لا فاعلين", "one": "فاعل واحد", "two": "فاعلان",
              "few": "{n} فاعلين", "many": "{n} فاعلًا", "other": "{n} فاعل"},
    "result": {"zero": "لا نتائج", "one": "نتيجة واحدة", "two": "نتيجتان",
               "few": "{n} نتائج", "many": "{n} نتيجةً", "other": "{n} نتيجة"},
    # what a list shows after «+N» for the other copies of a story
    "other source": {"zero": "لا مصادر أخرى", "one": "مصدر آخر", "two": "مصدران آخران",
                     "few": "{n} مصادر أخرى", "many": "{n} مصدرًا آخر", "other": "{n} مصدر آخر"},
    "other copy": {"zero": "لا نسخ أخرى", "one": "نسخة أخرى من الخبر", "two": "نسختان أخريان من الخبر",
                   "few": "{n} نسخ أخرى من الخبر", "many": "{n} نسخةً أخرى من الخبر",
                   "other": "{n} نسخة أخرى من الخبر"},
}

_ARABIC = Locale.parse("ar")


@cache
def category(n: int) -> str:
    """CLDR's plural category of ``n`` in Arabic: zero, one, two, few, many or other (kept:
    babel evaluates its rule slowly, and a large archive's pages ask tens of thousands of
    counts)."""
    return str(_ARABIC.plural_form(n))


def count(n: int, noun: str, digit_style: str = "western") -> str:
    """``n`` with ``noun`` in agreement, the number in the archive's digits: ``count(7, "article")``
    -> ``7 مقالات``."""
    return NOUNS[noun][category(n)].format(n=digits(str(n), digit_style))


def span(first: str, last: str, digit_style: str = "western") -> str:
    """A period from ``first`` to ``last`` (years): one year alone when both ends are equal."""
    if first == last:
        return f"في {digits(first, digit_style)}"
    return f"من {digits(first, digit_style)} إلى {digits(last, digit_style)}"
