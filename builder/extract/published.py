"""An article's publication date, chosen from the evidence it carries, most trusted first.

A dateline at the head or the foot of the text, a date in the address, a date in the byline,
the day the text says it was written (``اليوم الخميس``), a metadata date, and last the day
the article was collected. A collection date (SaudiNewsNet's ``date_extracted``, a crawl time)
also bounds the others: an article is not published after it was collected, so evidence that
puts it later is not taken.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from builder.arabic.normalize import Folded
from builder.extract import dates
from builder.model import Article, DateMention

DateSource = Literal["dateline", "url", "byline", "text", "metadata", "collected"]
DATE_SOURCES: tuple[DateSource, ...] = get_args(DateSource)


@dataclass(frozen=True)
class DateEvidence:
    """What an article's metadata says of its date: a publication date as given, the day it was
    collected, its address and its byline (the text itself is read beside it); and of its
    places, the country of its source."""

    given: str | None = None
    collected: str | None = None
    url: str = ""
    byline: str = ""
    #: the line at the story's head, moved out of its body (:mod:`builder.byline`)
    head: str = ""
    #: the source's country (ISO code): settles a place name the text leaves open
    country: str = ""

    def key(self) -> str:
        """The evidence as one string, for cache keys."""
        return "\0".join((self.given or "", self.collected or "", self.url, self.byline, self.head,
                          self.country))


#: A dateline is a line that starts with its date or names a place or a few words before it
#: (``الرياض 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس``, ``دمشق - 23 آذار 2019 (أ ف ب) -``),
#: and whose date ends the line or is followed by a separator or an agency's name; a date in a
#: sentence (``قبل خمس سنوات في الأول من تموز عام 2010``) is not one.
DATELINE_WORDS_BEFORE = 3
DATELINE_WORDS = 16
_AFTER_DATELINE = re.compile(r"\s*(?:$|[-–ـ:|(/،,]|واس|الموافق)")
#: How many lines at the foot may hold a dateline (after ``// انتهى //`` and a time, say).
FOOT_LINES = 3
#: A day in an address: ``/2015/07/20/``, ``/20150720/``, ``2015-07-20``.
_URL_DAY = re.compile(r"(?<![\d])((?:19|20)\d\d)([/_-]?)(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?![\d])")
_MONTHS_EN = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS_EN |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_EN = "|".join(sorted(_MONTHS_EN, key=len, reverse=True))
#: A day written in English in a byline: ``Tuesday, 11 August 2015``, ``August 11, 2015``.
_EN_DAY = re.compile(rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_EN})\.?,?\s+(?P<y1>(?:19|20)\d\d)"
                     rf"|(?P<m2>{_EN})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d))\b",
                     re.IGNORECASE)


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _is_day(d: DateMention) -> bool:
    """Whether a date found is one calendar day (not a month, a year or an interval)."""
    return len(d.value) == 10 and "/" not in d.value


def dateline_day(line: str) -> date | None:
    """The day of ``line`` when the line is a dateline."""
    if len(line.split()) > DATELINE_WORDS:
        return None
    for d in dates.find_dates(line):
        if _is_day(d) and len(line[:d.start].split()) <= DATELINE_WORDS_BEFORE \
                and not any(c.isdigit() for c in line[:d.start]) \
                and _AFTER_DATELINE.match(line, d.end):
            return date.fromisoformat(d.value)
    return None


def _dateline(text: str) -> date | None:
    """The day of a dateline at the head of the text (its first line, or the words before the
    first sentence), else at its foot."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    head = dateline_day(" ".join(lines[0].split()[:DATELINE_WORDS]))
    if head is not None:
        return head
    for line in reversed(lines[1:][-FOOT_LINES:]):
        day = dateline_day(line)
        if day is not None:
            return day
    return None


def _url_day(url: str) -> date | None:
    path = url.split("?", 1)[0]
    for m in _URL_DAY.finditer(path):
        day = _day(int(m[1]), int(m[3]), int(m[4]))
        if day is not None:
            return day
    return None


def _byline_day(byline: str) -> date | None:
    m = _EN_DAY.search(byline)
    if m:
        y, mo, d = (m["y1"], m["m1"], m["d1"]) if m["y1"] else (m["y2"], m["m2"], m["d2"])
        return _day(int(y), _MONTHS_EN[mo.lower()], int(d))
    found = [d.value for d in dates.find_dates(byline) if _is_day(d)]
    return date.fromisoformat(found[0]) if found else None


def date_evidence(article: Article) -> DateEvidence:
    """What an article's metadata says of its date, and its source's country."""
    return DateEvidence(article.given_date, article.collected, article.url, article.author, article.head,
                        article.source_country)


def publication_date(evidence: DateEvidence, text: Folded) -> tuple[str | None, DateSource | None]:
    """The publication date (EDTF) and where it came from, or ``(None, None)``."""
    given = dates.parse_given(evidence.given) if evidence.given else None
    collected_value = dates.parse_given(evidence.collected) if evidence.collected else None
    collected = dates.base_date(collected_value)

    near = dates.base_date(given) or collected
    evidence_days: tuple[tuple[DateSource, Callable[[], date | None]], ...] = (
        ("dateline", lambda: (dateline_day(evidence.head) if evidence.head else None)
         or _dateline(text.text)),
        ("url", lambda: _url_day(evidence.url)),
        ("byline", lambda: _byline_day(evidence.byline)),
        ("text", lambda: dates.written_day(text.folded, near, not_after=given is None)
         if near is not None else None),
    )
    for source, find in evidence_days:
        day = find()
        if day is not None and (collected is None or day <= collected):
            return day.isoformat(), source
    if given is not None:
        return given, "metadata"
    if collected_value is not None:
        return collected_value, "collected"
    return None, None
