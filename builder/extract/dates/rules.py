"""The date rules: each a pattern over the folded text, registered with :func:`rule`, and a
handler that turns its match into a :class:`Found` (an EDTF value), with the value helpers
they share (calendars, the year of a day named without one).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from builder.arabic.normalize import fold
from builder.extract.dates.vocabulary import (
    ABOUT,
    CENTURIES,
    CLITICS,
    CONJUNCTION,
    CONJUNCTION_OR_BI,
    COUNTS,
    CURRENT,
    DAY,
    DAY_AFTER_DASH,
    DAY_PART,
    DECADES,
    GREG_MARK,
    GREGORIAN_MONTHS,
    HIJRI_MARK,
    HIJRI_MONTHS,
    HM,
    NEXT,
    ORD,
    ORDINALS,
    PAST,
    UNITS,
    WD,
    WEEKDAYS,
    YEAR,
    YEAR_LEAD,
    YEAR_NUMBER,
    YEAR_WORD,
    alt,
    months,
)
from builder.model import Calendar


@dataclass(frozen=True)
class Found:
    """A rule's match on the folded text: span, value, calendar and Hijri as written.
    ``absolute``: written as a calendar date with its day or month named (its year may come from
    the base date: ``24 مارس``), not as a word relative to the base (``أمس``, ``الأحد``)."""

    start: int
    end: int
    value: str
    calendar: Calendar
    hijri: str | None = None
    absolute: bool = True


Handler = Callable[[re.Match[str], date | None], Found | None]
RULES: list[tuple[str, re.Pattern[str], Handler]] = []


def rule(needs: str, pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a pattern over the folded text. ``needs`` names the trigger class
    (``TRIGGER_CLASSES``) every match contains: the rule runs only near such a trigger."""
    def register(fn: Handler) -> Handler:
        RULES.append((needs, re.compile(pattern), fn))
        return fn
    return register


def ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return GREGORIAN_MONTHS[" ".join(name.split())]


def _hmonth(name: str) -> int:
    return HIJRI_MONTHS[" ".join(name.split())]


def _day(token: str) -> int:
    return int(token) if token.isdigit() else ORDINALS[" ".join(token.split())]


def hijri_to_gregorian(y: int, m: int, d: int | None = None) -> str | None:
    """A Hijri date (Umm al-Qura) as EDTF; a month or a year becomes a Gregorian interval."""
    try:
        if d is not None:
            return Hijri(y, m, d).to_gregorian().isoformat()
        first = Hijri(y, m, 1)
        last = Hijri(y, m, first.month_length())
        return f"{first.to_gregorian().isoformat()}/{last.to_gregorian().isoformat()}"
    except (ValueError, OverflowError):
        return None


def _hijri_year(y: int) -> str | None:
    try:
        start = Hijri(y, 1, 1).to_gregorian()
        last_month = Hijri(y, 12, 1)
        end = Hijri(y, 12, last_month.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return f"{start.isoformat()}/{end.isoformat()}"


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    raise OverflowError(f"month {m} of {y} is out of the calendar's range")


def _step(when: str) -> int:
    """-1, 0 or 1 for a word of the past, the present or the future (الماضي, الجاري, المقبل)."""
    return -1 if re.fullmatch(PAST, when) else 1 if re.fullmatch(NEXT, when) else 0


def _year_of_day(month: int, day: int, now: tuple[int, int, int], step: int) -> int:
    """The year of a day and month named without one, ``now`` being (year, month, day) in its
    calendar: this year, or the nearest past (step -1) or next (1) such day."""
    year = now[0]
    if step < 0 and (month, day) >= now[1:]:
        return year - 1
    if step > 0 and (month, day) <= now[1:]:
        return year + 1
    return year


def _around(month: int, now: tuple[int, int], step: int) -> int:
    """The year of a month named without one, ``now`` being (year, month) in its calendar: this
    year, or the nearest past (step -1) or next (1)."""
    year, current = now
    if step < 0:
        return year if month < current else year - 1
    if step > 0:
        return year if month > current else year + 1
    return year


@rule("gmonth", rf"(?P<d>{DAY}|{ORD})\s*(?:من\s+|-\s*)?(?:شهر\s+)?{months('m')}{YEAR_LEAD}"
      rf"(?P<y>{YEAR}){GREG_MARK}")
def full_date(m: re.Match[str], base: date | None) -> Found | None:
    value = ymd(int(m["y"]), _month(m["m"]), _day(m["d"]))
    return Found(m.start(), m.end(), value, "gregorian") if value else None


@rule("gmonth", rf"(?P<d>{DAY}|{ORD})\s*(?:من\s+)?(?:شهر\s+)?{months('m')}"
      rf"(?:\s+(?P<w>{PAST}|{NEXT}|{CURRENT}))?")
def day_month(m: re.Match[str], base: date | None) -> Found | None:
    if base is None:
        return None
    month, day = _month(m["m"]), _day(m["d"])
    value = ymd(_base_year(month, day, base, m["w"]), month, day)
    return Found(m.start(), m.end(), value, "gregorian") if value else None


def _base_year(month: int, day: int, base: date, when: str | None) -> int:
    """:func:`_year_of_day` in the Gregorian calendar, ``when`` the word after the month."""
    return _year_of_day(month, day, (base.year, base.month, base.day), _step(when or ""))


@rule("gmonth", rf"{months('m')}{YEAR_LEAD}(?P<y>{YEAR}){GREG_MARK}")
def month_year(m: re.Match[str], base: date | None) -> Found | None:
    return Found(m.start(), m.end(), f"{int(m['y']):04d}-{_month(m['m']):02d}", "gregorian")


@rule("gmonth", rf"(?P<d>{DAY})\s*(?P<s>[/-])\s*{months('m')}\s*(?P=s)\s*"
      rf"(?P<y>{YEAR_NUMBER}){GREG_MARK}")
def day_month_year_marked(m: re.Match[str], base: date | None) -> Found | None:
    """``21/يوليو/2015``, ``21-يوليو-2015``: a month name between slashes or dashes."""
    return full_date(m, base)


@rule("gmonth", rf"{months('m')}\s+(?P<d>{DAY})\s*[,،]\s*(?P<y>{YEAR}){GREG_MARK}")
def month_day_year(m: re.Match[str], base: date | None) -> Found | None:
    """``مارس 23, 2019``, the English order of some translated headers (the comma is needed)."""
    return full_date(m, base)


@rule("gmonth", rf"(?:(?P<d>{DAY}|{ORD})\s*(?:من\s+)?)?(?:شهر\s+)?{months('m')}\s+من\s+"
      rf"(?P<this>هذا\s+)?{YEAR_WORD}(?:\s+(?P<w>{PAST}|{NEXT}|{CURRENT}))?(?![\w])")
def month_of_year_around(m: re.Match[str], base: date | None) -> Found | None:
    """``أيار من العام الماضي``, ``3 آذار من العام المقبل``, ``نيسان من هذا العام``."""
    if base is None or not (m["this"] or m["w"]):
        return None
    year, month = base.year + _step(m["w"] or ""), _month(m["m"])
    value = ymd(year, month, _day(m["d"])) if m["d"] else f"{year:04d}-{month:02d}"
    return Found(m.start(), m.end(), value, "gregorian", absolute=False) if value else None


@rule("gmonth", rf"{months('m')}\s+(?P<w>{PAST}|{NEXT}|{CURRENT})")
def month_relative(m: re.Match[str], base: date | None) -> Found | None:
    if base is None:
        return None
    month = _month(m["m"])
    year = _around(month, (base.year, base.month), _step(m["w"]))
    return Found(m.start(), m.end(), f"{year:04d}-{month:02d}", "gregorian", absolute=False)


#: A month named without its year after a preposition: ``في أبريل`` is the last April (or this
#: month), ``حتى ديسمبر`` the next December, ``منذ ديسمبر`` an open interval from the last one.
_MONTH_PREPOSITIONS = {fold(w): step for w, step in (
    ("في", -1), ("خلال", -1), ("منذ", -1), ("مطلع", -1), ("أوائل", -1), ("منتصف", -1),
    ("أواخر", -1), ("نهاية", -1), ("بداية", -1), ("حتى", 1), ("قبل", 1))}


@rule("gmonth", rf"(?<![\w]){CONJUNCTION}(?P<p>{alt(_MONTH_PREPOSITIONS)})\s+(?:شهر\s+)?{months('m')}"
      rf"(?!\s*(?:[/(]|من\s|{YEAR_WORD}|\d|{PAST}|{NEXT}|{CURRENT}))")
def month_after_preposition(m: re.Match[str], base: date | None) -> Found | None:
    if base is None:
        return None
    month, step = _month(m["m"]), _MONTH_PREPOSITIONS[m["p"]]
    now = (base.year, base.month)
    year = now[0] if month == now[1] else _around(month, now, step)
    value = f"{year:04d}-{month:02d}"
    if m["p"] == "منذ":
        return Found(m.start("p"), m.end(), f"{value}/..", "gregorian", absolute=False)
    return Found(m.start("m"), m.end(), value, "gregorian", absolute=False)


@rule("ordinal", rf"(?<![\w])(?:{CONJUNCTION_OR_BI}يومي\s+)?(?P<a>{ORD})\s+و\s*"
      rf"(?P<b>{alt(ORDINALS)})\s+(?:من\s+)?(?:شهر\s+)?{months('m')}(?:{YEAR_LEAD}(?P<y>{YEAR}){GREG_MARK})?")
def ordinal_day_pair(m: re.Match[str], base: date | None) -> Found | None:
    """``يومي الثالث والرابع من آب``: two days of a month (its year from the base date when not
    written)."""
    month, a, b = _month(m["m"]), _day(m["a"]), _day(m["b"])
    if m["y"]:
        year = int(m["y"])
    elif base is not None:
        year = _base_year(month, a, base, None)
    else:
        return None
    first, last = ymd(year, month, a), ymd(year, month, b)
    return Found(m.start(), m.end(), f"{first}/{last}", "gregorian",
                 absolute=bool(m["y"])) if first and last and first < last else None


@rule("digit", rf"(?<![\d.])(?P<a>\d{{1,2}})(?P<s> ?[/.-] ?)(?P<b>\d{{1,2}})(?P=s)(?P<y>\d{{4}})(?![\d])"
      rf"(?P<h>{HIJRI_MARK})?{GREG_MARK}")
def numeric_dmy(m: re.Match[str], base: date | None) -> Found | None:
    y, mo, d = int(m["y"]), int(m["b"]), int(m["a"])
    if m["h"]:
        value = hijri_to_gregorian(y, mo, d)
        return Found(m.start(), m.end(), value, "hijri", f"{y:04d}-{mo:02d}-{d:02d}") if value else None
    value = ymd(y, mo, d) if 1000 <= y <= 2100 else None
    return Found(m.start(), m.end(), value, "gregorian") if value else None


@rule("digit", rf"(?<![\d.])(?P<y>\d{{4}})(?P<s>[/.-])(?P<b>\d{{1,2}})(?P=s)(?P<a>\d{{1,2}})(?![\d])"
      rf"(?P<h>{HIJRI_MARK})?{GREG_MARK}")
def numeric_ymd(m: re.Match[str], base: date | None) -> Found | None:
    return numeric_dmy(m, base)


@rule("hmonth", rf"(?P<d>{DAY}|{ORD})\s*(?:من\s+)?(?P<m>{HM}){YEAR_LEAD}(?P<y>1[34]\d\d)"
      rf"(?:{HIJRI_MARK})?")
def hijri_full(m: re.Match[str], base: date | None) -> Found | None:
    y, mo, d = int(m["y"]), _hmonth(m["m"]), _day(m["d"])
    value = hijri_to_gregorian(y, mo, d)
    return Found(m.start(), m.end(), value, "hijri", f"{y:04d}-{mo:02d}-{d:02d}") if value else None


@rule("hmonth", rf"(?:شهر\s+)?(?P<m>{HM}){YEAR_LEAD}(?P<y>1[34]\d\d)(?:{HIJRI_MARK})?")
def hijri_month(m: re.Match[str], base: date | None) -> Found | None:
    y, mo = int(m["y"]), _hmonth(m["m"])
    value = hijri_to_gregorian(y, mo)
    return Found(m.start(), m.end(), value, "hijri", f"{y:04d}-{mo:02d}") if value else None


def _hijri_of(base: date) -> Hijri | None:
    """The base date in Umm al-Qura, None outside the calendar's range (1924-2077)."""
    try:
        return Gregorian(base.year, base.month, base.day).to_hijri()
    except (ValueError, OverflowError):
        return None


@rule("hmonth", rf"(?P<d>{DAY}|{ORD})\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{HM})"
      rf"(?:\s+(?P<w>{PAST}|{NEXT}|{CURRENT}))?")
def hijri_day_month(m: re.Match[str], base: date | None) -> Found | None:
    """``15 رمضان``, ``غرة شوال المقبل``: a Hijri day and month in the base date's Hijri year,
    or the nearest past or next one."""
    today = _hijri_of(base) if base else None
    if today is None:
        return None
    month, day = _hmonth(m["m"]), _day(m["d"])
    if month == 2 and not (m["w"] or "شهر" in m.group()):
        return None  # "3 صفر" is a score (three-nil) unless the month is said to be one
    year = _year_of_day(month, day, (today.year, today.month, today.day), _step(m["w"] or ""))
    value = hijri_to_gregorian(year, month, day)
    return Found(m.start(), m.end(), value, "hijri",
                 f"{year:04d}-{month:02d}-{day:02d}") if value else None


@rule("hmonth", rf"(?:شهر\s+)?(?P<m>{HM})\s+(?P<w>{PAST}|{NEXT}|{CURRENT})")
def hijri_month_relative(m: re.Match[str], base: date | None) -> Found | None:
    """``رمضان الماضي``: the Hijri month as an interval of Gregorian days."""
    today = _hijri_of(base) if base else None
    if today is None:
        return None
    month = _hmonth(m["m"])
    year = _around(month, (today.year, today.month), _step(m["w"]))
    value = hijri_to_gregorian(year, month)
    return Found(m.start(), m.end(), value, "hijri", f"{year:04d}-{month:02d}",
                 absolute=False) if value else None


#: Words that honour a Hijri month named without its year (``شهر رمضان المبارك``).
_HONOURED = alt(fold(w) for w in ("المبارك", "الكريم", "الفضيل", "المعظم", "الحرام"))


def _nearest_hijri_year(month: int, today: Hijri) -> int:
    """The Hijri year whose ``month`` is nearest to ``today``."""
    here = today.year * 12 + today.month
    return min((today.year - 1, today.year, today.year + 1), key=lambda y: abs(y * 12 + month - here))


#: Not followed by a year or a word that places the month (those are other rules').
_UNPLACED = rf"(?!\s*(?:\d|{PAST}|{NEXT}|{CURRENT}))"


@rule("hmonth", rf"(?<![\w]){CLITICS}(?:ل?ال)?شهر\s+(?P<m>{HM})(?:\s+(?:{_HONOURED}))?{_UNPLACED}"
      rf"|(?<![\w]){CLITICS}(?P<m2>{HM})\s+(?:{_HONOURED}){_UNPLACED}")
def hijri_month_named(m: re.Match[str], base: date | None) -> Found | None:
    """``شهر رمضان المبارك``, ``رمضان الكريم``: the nearest such month to the base date."""
    today = _hijri_of(base) if base else None
    if today is None:
        return None
    month = _hmonth(m["m"] or m["m2"])
    year = _nearest_hijri_year(month, today)
    value = hijri_to_gregorian(year, month)
    return Found(m.start(), m.end(), value, "hijri", f"{year:04d}-{month:02d}",
                 absolute=False) if value else None


#: The first days of the two feasts, as Hijri month and day.
FEASTS = {"الفطر": (10, 1), "الاضحي": (12, 10)}


@rule("feast", rf"(?<![\w]){CLITICS}(?:يوم|صباح|ليله|صلاه|اول\s+ايام)\s+عيد\s+(?P<e>{alt(FEASTS)})(?![\w])")
def feast_day(m: re.Match[str], base: date | None) -> Found | None:
    """``يوم عيد الفطر``: the feast's first day, in the Hijri year nearest the base date."""
    today = _hijri_of(base) if base else None
    if today is None:
        return None
    month, day = FEASTS[m["e"]]
    year = _nearest_hijri_year(month, today)
    value = hijri_to_gregorian(year, month, day)
    return Found(m.start(), m.end(), value, "hijri", f"{year:04d}-{month:02d}-{day:02d}",
                 absolute=False) if value else None


#: Words after which a bare number is a year (``في 2015``, ``حتى 2020``), written as spelled and
#: matched folded (حتى written as spelled would not match the folded text's حتي): those that
#: put a time in the year, then those that put it at an edge of it.
_IN_YEAR = ("في", "خلال", "منذ", "حتى")
_BEFORE_YEAR = alt(fold(w) for w in (*_IN_YEAR, "بعد", "قبل", "مطلع", "منتصف", "أواخر",
                                      "أوائل", "نهاية", "بداية"))


@rule("digit", rf"{CLITICS}(?:(?P<cue>{YEAR_WORD})|{alt(fold(w) for w in _IN_YEAR)})\s+(?P<y>1[34]\d\d)"
      rf"{HIJRI_MARK}")
def hijri_year(m: re.Match[str], base: date | None) -> Found | None:
    """``عام 1440 هـ``, ``في 1440هـ``: a Hijri year as the interval of its Gregorian days."""
    value = _hijri_year(int(m["y"]))
    start = m.start() if m["cue"] else m.start("y")
    return Found(start, m.end(), value, "hijri", m["y"]) if value else None


_YEAR_CUE = rf"(?<![\w]){CLITICS}{YEAR_WORD}"


@rule("digit", rf"{_YEAR_CUE}\s+(?P<y>{YEAR}){GREG_MARK}(?!\s*[/.-]\s*\d)")
def cued_year(m: re.Match[str], base: date | None) -> Found | None:
    """``عام 2014``; ``عام 1430`` in modern news is a Hijri year (:func:`_bare_hijri`)."""
    if _bare_hijri(int(m["y"]), base):
        value = _hijri_year(int(m["y"]))
        return Found(m.start(), m.end(), value, "hijri", m["y"]) if value else None
    return Found(m.start(), m.end(), m["y"], "gregorian")


#: Years a modern text writes without هـ that can only be Hijri (1300 AH is 1882 CE).
BARE_HIJRI_YEARS = range(1300, 1501)
#: Texts written from this year on are modern: their years of 1300-1500 are Hijri.
MODERN_FROM = 1800


def _bare_hijri(year: int, base: date | None) -> bool:
    """Whether a year written without a calendar mark is Hijri: 1300-1500 in a modern text (or
    one whose date is unknown)."""
    return year in BARE_HIJRI_YEARS and (base is None or base.year >= MODERN_FROM)


@rule("digit", rf"(?<![\w])(?:{CLITICS}(?:{_BEFORE_YEAR}))\s+(?P<y>(?:19|20)\d\d){GREG_MARK}(?![\d/.-])")
def preposition_year(m: re.Match[str], base: date | None) -> Found | None:
    return Found(m.start("y"), m.end(), m["y"], "gregorian")


@rule("digit", rf"(?<![\w]){CLITICS}(?:بين\s+)?(?:ال)?(?:عامي|سنتي)\s+(?P<a>{YEAR})\s+"
      rf"(?:و\s*|الي\s+|حتي\s+)(?P<b>{YEAR})")
def year_pair(m: re.Match[str], base: date | None) -> Found | None:
    """``عامي 2014 و2015``; ``عامي 1435 و1436`` from the first day of the one to the last of the
    other in modern news."""
    a, b = int(m["a"]), int(m["b"])
    if _bare_hijri(a, base) and _bare_hijri(b, base):
        first, last = _hijri_year(a), _hijri_year(b)
        if not (first and last and a < b):
            return None
        return Found(m.start(), m.end(), f"{first.split('/')[0]}/{last.split('/')[1]}", "hijri",
                     f"{a}/{b}")
    return Found(m.start(), m.end(), f"{a}/{b}", "gregorian")


_CUE_OPT = rf"(?:{YEAR_WORD}\s+)?"


@rule("digit", rf"(?<![\w]){CLITICS}(?:من|بين)\s+{_CUE_OPT}(?P<a>(?:19|20)\d\d){GREG_MARK}\s+"
      rf"(?:الي\s+|حتي\s+|و\s*){_CUE_OPT}(?P<b>(?:19|20)\d\d){GREG_MARK}(?![\d/.:-])(?!\s*[%٪])")
def from_to_years(m: re.Match[str], base: date | None) -> Found | None:
    """``من 2015 حتى 2018``, ``بين 2011 و2014``: bare numbers too, so only a span of at most
    50 years counts (``بين 1500 و2000 مقاتل`` is not one)."""
    if not 0 < int(m["b"]) - int(m["a"]) <= 50:
        return None
    return Found(m.start(), m.end(), f"{m['a']}/{m['b']}", "gregorian")


@rule("digit", rf"(?<![\w]){CLITICS}(?:ال)?(?P<part>ربع|نصف)\s+(?P<n>الاول|الثاني|الثالث|الرابع|الاخير)"
      rf"\s+(?:من\s+)?{_CUE_OPT}(?P<y>{YEAR}){GREG_MARK}")
def part_of_year(m: re.Match[str], base: date | None) -> Found | None:
    """``الربع الأول من 2019`` (months 1-3), ``النصف الثاني من العام 2018`` (7-12)."""
    size = 3 if m["part"] == "ربع" else 6
    index = {"الاول": 0, "الثاني": 1, "الثالث": 2, "الرابع": 3}.get(m["n"], 12 // size - 1)
    if index * size >= 12:
        return None
    first = index * size + 1
    return Found(m.start(), m.end(), f"{m['y']}-{first:02d}/{m['y']}-{first + size - 1:02d}",
                 "gregorian")


@rule("digit", r"(?<![\d/.-])(?P<a>(?:19|20)\d\d)\s*[-–]\s*(?P<b>(?:19|20)\d\d)(?![\d/.-])")
def year_span(m: re.Match[str], base: date | None) -> Found | None:
    if int(m["b"]) <= int(m["a"]):
        return None
    return Found(m.start(), m.end(), f"{m['a']}/{m['b']}", "gregorian")


@rule("gmonth", rf"(?P<a>{DAY})\s*(?:الي|حتي|-|–|و)\s*(?P<b>{DAY_AFTER_DASH})\s+"
      rf"{months('m')}\s*[,،]?\s*(?P<y>{YEAR}){GREG_MARK}")
def day_range(m: re.Match[str], base: date | None) -> Found | None:
    return _days(m, int(m["y"]), _month(m["m"]))


def _days(m: re.Match[str], year: int, month: int) -> Found | None:
    """Days ``a`` to ``b`` of a month, as an interval."""
    a, b = ymd(year, month, int(m["a"])), ymd(year, month, int(m["b"]))
    return Found(m.start(), m.end(), f"{a}/{b}", "gregorian") if a and b and a < b else None


@rule("gmonth", rf"(?P<a>{DAY})\s*(?:الي|حتي|-|–|و)\s*(?P<b>{DAY_AFTER_DASH})\s+{months('m')}"
      rf"(?:\s+(?P<w>{PAST}|{NEXT}|{CURRENT}))?")
def day_range_around(m: re.Match[str], base: date | None) -> Found | None:
    """``من 1 إلى 5 آذار``, ``بين 22 و23 آذار الجاري``: days of a month named without a year."""
    if base is None:
        return None
    month = _month(m["m"])
    return _days(m, _base_year(month, int(m["a"]), base, m["w"]), month)


@rule("gmonth", rf"(?P<a>{DAY})\s+{months('m1')}\s+(?:الي|حتي|-|و)\s*(?P<b>{DAY})\s+"
      rf"{months('m2')}\s*[,،]?\s*(?P<y>{YEAR}){GREG_MARK}")
def day_month_range(m: re.Match[str], base: date | None) -> Found | None:
    y = int(m["y"])
    a, b = ymd(y, _month(m["m1"]), int(m["a"])), ymd(y, _month(m["m2"]), int(m["b"]))
    return Found(m.start(), m.end(), f"{a}/{b}", "gregorian") if a and b and a < b else None


@rule("gmonth", rf"{months('m1')}\s+(?:و\s*|الي\s+|حتي\s+)(?:شهر\s+)?{months('m2', after_wa=True)}\s*[,،]?\s*"
      rf"(?P<y>{YEAR}){GREG_MARK}")
def month_range(m: re.Match[str], base: date | None) -> Found | None:
    y, a, b = int(m["y"]), _month(m["m1"]), _month(m["m2"])
    return Found(m.start(), m.end(), f"{y}-{a:02d}/{y}-{b:02d}", "gregorian") if a < b else None


@rule("decade", rf"(?<![\w]){CLITICS}(?:عقد\s+)?(?:ال)?(?P<d>{alt(d[2:] for d in DECADES)})"
      rf"(?:\s+(?:من\s+)?القرن\s+(?P<c>الماضي|العشرين|المنصرم|التاسع\s+عشر))?")
def decade(m: re.Match[str], base: date | None) -> Found | None:
    tens = DECADES["ال" + m["d"]]
    century = "18" if m["c"] and "التاسع" in m["c"] else "19"
    return Found(m.start(), m.end(), f"{century}{tens}X", "gregorian")


#: Words for a day next to the base date, and how far from it (spaces between words flexible).
NEAR_DAYS = {"اول امس": -2, "امس الاول": -2, "قبل امس": -2, "البارحه الاولي": -2, "امس": -1,
              "البارحه": -1, "الليله الماضيه": -1, "غدا": 1, "بعد غد": 2}


#: The weekday written after a near day, bare or in parentheses (``أمس الأحد``, ``أمس (الجمعة)``).
ITS_WEEKDAY = rf"(?:\s+|\s*\(\s*)(?P<wd>{WD})(?:\s*\))?"


@rule("relative", rf"(?<![\w]){CONJUNCTION}(?P<k>{alt(NEAR_DAYS)})(?:{ITS_WEEKDAY})?(?![\w])")
def yesterday(m: re.Match[str], base: date | None) -> Found | None:
    if base is None:
        return None
    shift = near_shift(m["k"])
    day = named_weekday(base + timedelta(days=shift), m["wd"], later=shift > 0)
    return Found(m.start(), m.end(), day.isoformat(), "gregorian", absolute=False)


def near_shift(words: str) -> int:
    """How many days from the base a :data:`NEAR_DAYS` phrase is, however it is spaced."""
    return NEAR_DAYS[" ".join(words.split())]


def named_weekday(day: date, weekday: str | None, later: bool = False) -> date:
    """``day``, or when the text names its weekday and ``day`` is not one, that weekday near
    it: up to four days before (``later``: after), else after (before). The text knows the day
    it was written; the base date is often when the article was collected, days after
    (``أمس الأحد`` in an article dated Tuesday is the Sunday before), or a day off."""
    if weekday is None:
        return day
    back = (day.weekday() - WEEKDAYS[weekday]) % 7
    ahead = (7 - back) % 7
    if later:
        return day + timedelta(days=ahead) if ahead <= 4 else day - timedelta(days=back)
    return day - timedelta(days=back) if back <= 4 else day + timedelta(days=ahead)


#: ``اليوم`` as a name: a newspaper or channel (``عين اليوم``, ``جريدة اليوم``, ``روسيا اليوم``),
#: quoted (``«اليوم»``), or heading a byline (``اليوم - الدمام``).
_TODAY_NAMED_AFTER = re.compile(r"(?:جريده|صحيفه|عين|قناه|روسيا|اخبار|مجله|موقع|تلفزيون|اذاعه)"
                                r"\s*[«\"“]?\s*$")
_TODAY_QUOTED = re.compile(r"[«\"“]\s*$")
_TODAY_BYLINE = re.compile(r"\s*[»\"”]|\s*[-–ـ]+\s*[^\W\d]")


def _today_is_a_name(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 16):m.start()]
    at_line_start = not before.rpartition("\n")[2].strip()
    return bool(_TODAY_NAMED_AFTER.search(before) or _TODAY_QUOTED.search(before)
                or (at_line_start and _TODAY_BYLINE.match(m.string, m.end())))


@rule("relative", rf"(?<![\w])(?<!مثل\sهذا\s){CONJUNCTION}اليوم(?:{ITS_WEEKDAY})?(?!\s+ال)(?![\w])")
def today(m: re.Match[str], base: date | None) -> Found | None:
    if base is None or _today_is_a_name(m):
        return None
    return Found(m.start(), m.end(), named_weekday(base, m["wd"]).isoformat(), "gregorian",
                 absolute=False)


#: Before a weekday, words that make it every such day (``عدا الجمعة``, ``كل سبت``, ``أيام الخميس``).
_RECURRING = re.compile(r"(?<![\w])(?:عدا|ماعدا|باستثناء|سوي|ايام|كل|طوال|طيله)\s+(?:يوم\s+)?$")
#: Before a weekday, words that put it ahead: ``حتى الجمعة``, a verb in the future (``سيلتقي``,
#: ``سوف``), an appointment (``المقرر``, ``يعتزم``).
_UNTIL = re.compile(r"(?<![\w])(?:حتي|لغايه|موعده|موعدها)\s+(?:يوم\s+)?$")
_FUTURE = re.compile(rf"(?<![\w]){CONJUNCTION}(?:س[يتنا][^\W\d]{{2,}}|سوف|المقرر|المنتظر|يعتزم|تعتزم|"
                     r"يرتقب|المرتقب|يتوقع|المتوقع|المزمع)(?![\w])")
FUTURE_WORDS_BEFORE = 6
_FOLLOWING = "(?:التالي|التاليه)"


def _ahead(folded: str, start: int) -> bool:
    """Whether the words before a weekday at ``start`` put it ahead of the writing."""
    before = folded[max(0, start - 80):start]
    if _UNTIL.search(before):
        return True
    words = before.split()[-FUTURE_WORDS_BEFORE:]
    return any(_FUTURE.fullmatch(w) for w in words)


@rule("weekday", rf"(?:(?P<yawm>(?<![\w]){CONJUNCTION_OR_BI}{DAY_PART})\s+)?(?P<wd>{WD})"
      rf"(?:\s+(?P<w>{PAST}|{NEXT}|{_FOLLOWING}))?")
def weekday(m: re.Match[str], base: date | None) -> Found | None:
    """A weekday near the writing: the last such day, or the next one where the words say so
    (``المقبل``, ``حتى``, a verb in the future); none where it recurs (``عدا الجمعة``)."""
    if base is None or _RECURRING.search(m.string[max(0, m.start() - 20):m.start()]):
        return None
    target = WEEKDAYS[m["wd"]]
    if m["wd"] == "الاثنين" and not (m["yawm"] or m["w"]):
        return None  # الاثنين is also "the two"
    if (m["w"] and not re.fullmatch(PAST, m["w"])) or _ahead(m.string, m.start()):
        shift = (target - base.weekday()) % 7 or 7
    else:
        shift = -((base.weekday() - target) % 7)
        if m["w"] and shift == 0:
            shift = -7
    return Found(m.start(), m.end(), (base + timedelta(days=shift)).isoformat(), "gregorian",
                 absolute=False)


@rule("unit", rf"(?<![\w])(?:قبل|منذ)\s+(?:{ABOUT}\s+)?(?:(?P<n>\d+|{alt(COUNTS)})\s+)?(?P<u>{alt(UNITS)})"
      rf"(?![\w])")
def ago(m: re.Match[str], base: date | None) -> Found | None:
    if base is None:
        return None
    unit, implied = UNITS[m["u"]]
    # a written number counts, with the singular it takes from 11 on (منذ 16 سنة)
    n = (int(m["n"]) if m["n"] and m["n"].isdigit() else COUNTS.get(m["n"] or "", 0)) or implied
    if not n:
        return None
    if unit in ("day", "week"):
        value = (base - timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    elif unit == "month":
        value = _shift_months(base, -n).isoformat()[:7]
    elif base.year - n >= 1:
        value = f"{base.year - n:04d}"  # منذ 1400 عام: 0619, four digits as ISO 8601 writes it
    else:
        return None  # before year 1
    return Found(m.start(), m.end(), value, "gregorian", absolute=False)


@rule("unit", rf"(?<![\w])(?:{CLITICS}(?:ال)?|{CONJUNCTION}لل)(?P<u>يوم|اسبوع|شهر|عام|سنه)\s+"
      rf"(?:(?P<before>قبل)\s+)?"
      rf"(?P<w>{PAST}|{NEXT}|{CURRENT})"
      rf"|(?<![\w]){CLITICS}(?:هذا|هذه)\s+ال(?P<u2>اسبوع|شهر|عام|سنه)(?![\w])")
def this_period(m: re.Match[str], base: date | None) -> Found | None:
    """``العام الماضي``, ``الأسبوع المقبل``, ``العام قبل الماضي``, ``هذا العام`` (not ``هذا اليوم``:
    ``في مثل هذا اليوم من عام 2011`` is an anniversary)."""
    if base is None:
        return None
    step = _step(m["w"] or "")
    if m["before"]:  # قبل الماضي: the one before the last
        if step != -1:
            return None
        step = -2
    unit = m["u"] or m["u2"]
    if unit == "يوم":
        value = (base + timedelta(days=step)).isoformat()
    elif unit == "اسبوع":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
        value = f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    elif unit == "شهر":
        value = _shift_months(base, step).isoformat()[:7]
    else:
        value = str(base.year + step)
    return Found(m.start(), m.end(), value, "gregorian", absolute=False)


_MONTH_DAY = rf"(?<![\w]){CLITICS}(?:يوم\s+)?(?:ال)?(?P<d>{DAY}|{ORD})\s+(?:من\s+)?"


@rule("unit", rf"{_MONTH_DAY}(?:هذا\s+)?(?:ال)?شهر\s+(?P<w>{PAST}|{NEXT}|{CURRENT})(?![\w])")
def day_of_month(m: re.Match[str], base: date | None) -> Found | None:
    """``23 من الشهر الجاري``, ``في العاشر من الشهر الماضي``: a day of the base date's month
    or of the one before or after it."""
    if base is None:
        return None
    month = _shift_months(base.replace(day=1), _step(m["w"]))
    value = ymd(month.year, month.month, _day(m["d"]))
    return Found(m.start(), m.end(), value, "gregorian", absolute=False) if value else None


@rule("relative", rf"{_MONTH_DAY}(?P<w>{CURRENT})(?![\w])")
def day_of_this_month(m: re.Match[str], base: date | None) -> Found | None:
    """``في 15 الجاري``: news shorthand for the 15th of this month."""
    return day_of_month(m, base)


@rule("century", rf"(?<![\w]){CLITICS}(?:ال)?قرن\s+(?P<c>{alt(CENTURIES)}|{PAST}|{CURRENT})(?![\w])")
def century(m: re.Match[str], base: date | None) -> Found | None:
    """``القرن العشرين`` is 19XX; ``القرن الماضي`` counts from the base date."""
    hundreds = CENTURIES.get(" ".join(m["c"].split()))
    if hundreds is None:
        if base is None:
            return None
        hundreds = base.year // 100 - (1 if re.fullmatch(PAST, m["c"]) else 0)
    return Found(m.start(), m.end(), f"{hundreds:02d}XX", "gregorian",
                 absolute=m["c"] in CENTURIES)


@rule("unit", rf"(?<![\w]){CLITICS}(?:ال)?(?P<u>ايام|اسابيع|اشهر|شهور|اعوام|سنوات)\s+(?:ال)?"
      rf"(?P<n>{alt(COUNTS)})\s+(?P<w>{PAST}|{NEXT})")
def last_n(m: re.Match[str], base: date | None) -> Found | None:
    if base is None:
        return None
    n = COUNTS["ال" + m["n"] if "ال" + m["n"] in COUNTS else m["n"]]
    unit = UNITS[m["u"]][0]
    sign = -1 if re.fullmatch(PAST, m["w"]) else 1
    if unit in ("day", "week"):
        other = base + timedelta(days=sign * n * (7 if unit == "week" else 1))
    else:
        other = _shift_months(base, sign * n * (12 if unit == "year" else 1))
    a, b = sorted((other, base))
    return Found(m.start(), m.end(), f"{a.isoformat()}/{b.isoformat()}", "gregorian",
                 absolute=False)
