"""The rules combined: run near the words that can start a date, the longest of overlapping
matches kept, a Hijri date beside its Gregorian one made one mention, a relative phrase beside
an explicit date absorbed, ``منذ`` making an open interval; and the day the text says it was
written, which relative dates count from.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from builder.arabic.normalize import Folded, fold
from builder.extract.dates.rules import ITS_WEEKDAY, NEAR_DAYS, RULES, Found, named_weekday, near_shift
from builder.extract.dates.vocabulary import (
    CLITICS,
    CONJUNCTION,
    COUNTS,
    DECADES,
    GREGORIAN_MONTHS,
    HIJRI_MONTHS,
    ORDINALS,
    UNITS,
    WEEKDAYS,
    alt,
)
from builder.model import DateMention

_OPEN = re.compile(rf"(?<![\w]){CLITICS}منذ\s+(?:(?:مطلع|بدايه|اوائل|منتصف|شهر|عام|العام|سنه)\s+)?$")
_JOIN = re.compile(r"^[\s\-–|,،()]*(?:الموافق|الموافقه|ل|م)?[\s\-–|,،()]*$")


#: Every date rule needs a digit or a word of one of these classes (its ``needs``); rules run
#: only near them, and only the rules whose class is there.
TRIGGER_CLASSES: dict[str, list[str]] = {
    "gmonth": list(GREGORIAN_MONTHS), "hmonth": list(HIJRI_MONTHS), "weekday": list(WEEKDAYS),
    "ordinal": list(ORDINALS), "unit": list(UNITS), "decade": [d[2:] for d in DECADES],
    "count": list(COUNTS), "century": ["قرن"], "feast": ["عيد"],
    "relative": [fold(w) for w in ("أمس", "البارحة", "غدا", "غد", "اليوم", "الجاري", "الحالي",
                                   "الليلة")],
}


def _trigger_word(words: list[str]) -> str:
    """One of ``words`` with its proclitics and article (ل: للعام is ل + العام)."""
    return rf"{CLITICS}(?:ال|ل)?(?:{alt(words)})"


_TRIGGER = re.compile(r"\d|(?<![\w])"
                      + _trigger_word([w for words in TRIGGER_CLASSES.values() for w in words])
                      + r"(?![\w])")
_CLASS_WORD = {name: re.compile(_trigger_word(words)) for name, words in TRIGGER_CLASSES.items()}
_CLASSES_OF: dict[str, frozenset[str]] = {}
WINDOW = 90


def _classes(trigger: str) -> frozenset[str]:
    """Every class a trigger's text belongs to (``اليوم`` is a relative word and a unit)."""
    found = _CLASSES_OF.get(trigger)
    if found is None:
        found = frozenset({"digit"} if trigger.isdigit() else
                          {name for name, word in _CLASS_WORD.items() if word.fullmatch(trigger)})
        _CLASSES_OF[trigger] = found
    return found


def _windows(folded: str) -> list[tuple[int, int, frozenset[str]]]:
    """Stretches of the text around trigger words, cut at spaces (where rules can match), and
    the classes of the triggers in each."""
    spans: list[tuple[int, int, frozenset[str]]] = []
    for m in _TRIGGER.finditer(folded):
        a, b = max(0, m.start() - WINDOW), min(len(folded), m.end() + WINDOW)
        classes = _classes(m.group())
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(b, spans[-1][1]), spans[-1][2] | classes)
        else:
            spans.append((a, b, classes))
    out = []
    for a, b, classes in spans:
        a = folded.rfind(" ", 0, a) + 1 if a > 0 else 0
        end = folded.find(" ", b)
        out.append((a, len(folded) if end < 0 else end, classes))
    return out


def _candidates(folded: str, base: date | None) -> list[Found]:
    found = []
    for a, b, classes in _windows(folded):
        for needs, pattern, handler in RULES:
            if needs not in classes:
                continue
            for m in pattern.finditer(folded, a, b):
                try:
                    hit = handler(m, base)
                except OverflowError:  # counted past year 1 or 9999 from a hostile base date
                    continue
                if hit is not None:
                    found.append(hit)
    return found


def _choose(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping matches (earlier first on a tie)."""
    chosen: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def _merge_calendars(found: list[Found], folded: str) -> list[Found]:
    """A Hijri date written beside its Gregorian one is one mention, valued in Gregorian."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev and {prev.calendar, f.calendar} == {"hijri", "gregorian"} \
                and _JOIN.match(folded[prev.end:f.start]) and prev.absolute and f.absolute:
            greg, hij = (f, prev) if f.calendar == "gregorian" else (prev, f)
            out[-1] = Found(prev.start, f.end, greg.value, "mixed", hij.hijri)
        else:
            out.append(f)
    return out


def _absorb_relative(found: list[Found], folded: str) -> list[Found]:
    """``اليوم السبت 23/3/2019``: a relative phrase written next to an explicit date is part of it."""
    out = []
    for i, f in enumerate(found):
        neighbours = [n for n in found[max(0, i - 1): i + 2] if n is not f and n.absolute]
        if not f.absolute and any(
                _JOIN.match(folded[f.end:n.start] if n.start >= f.end else folded[n.end:f.start])
                for n in neighbours):
            continue
        out.append(f)
    return out


def _open_ranges(found: list[Found], folded: str) -> list[Found]:
    """``منذ آذار 2011`` is an open interval from that date: ``2011-03/..``."""
    out = []
    for f in found:
        m = _OPEN.search(folded[max(0, f.start - 30):f.start])
        if m and f.absolute and not f.value.endswith("/.."):
            out.append(Found(f.start - (len(folded[max(0, f.start - 30):f.start]) - m.start()),
                             f.end, f"{f.value.split('/')[0]}/..", f.calendar, f.hijri))
        else:
            out.append(f)
    return out


#: A day next to the writing and its weekday (``اليوم السبت``, ``أمس (الجمعة)``, ``الليلة
#: الخميس``): the day written.
_ANCHOR = re.compile(rf"(?<![\w]){CONJUNCTION}(?P<k>اليوم|الليله|{alt(NEAR_DAYS)}){ITS_WEEKDAY}(?![\w])")


def written_day(folded: str, near: date, not_after: bool = False) -> date | None:
    """The day the text says it was written, near ``near``: its first ``اليوم``/``أمس`` with a
    weekday names that day nearby (:func:`named_weekday`), or, ``not_after`` (``near`` is when
    the text was collected), the last such day at or before it. None without such words."""
    m = _ANCHOR.search(folded)
    if m is None:
        return None
    shift = 0 if m["k"] in ("اليوم", "الليله") else near_shift(m["k"])
    named = near + timedelta(days=shift)
    if not_after:
        day = named - timedelta(days=(named.weekday() - WEEKDAYS[m["wd"]]) % 7)
    else:
        day = named_weekday(named, m["wd"], later=shift > 0)
    return day - timedelta(days=shift)


def _written_on(folded: str, base: date) -> date:
    """The day the text was written (:func:`written_day`), else ``base``. Every relative date of
    the text counts from it, so ``الليلة الماضية`` after ``اليوم السبت`` is Friday whatever day
    the base is."""
    return written_day(folded, base) or base


def find_dates(text: str | Folded, base: date | None = None) -> list[DateMention]:
    """Every date in ``text``, in order; relative ones only when ``base`` is given (and from
    the day the text says it was written, :func:`_written_on`)."""
    source = Folded.of(text)
    text, folded = source.text, source.folded
    if base is not None:
        base = _written_on(folded, base)
    found = _choose(_candidates(folded, base))
    found = _open_ranges(_absorb_relative(_merge_calendars(found, folded), folded), folded)
    mentions = []
    for f in found:
        start, end = source.span(f.start, f.end)
        mentions.append(DateMention(text[start:end].strip(), f.value, f.calendar, start, end,
                                    f.hijri))
    return mentions
