"""The words dates are written with, and the pattern pieces made of them.

Everything is written in the folded spelling the text is matched in
(:func:`builder.arabic.normalize.fold`: ا for أ إ آ, ي for ى ئ, ه for ة, و for ؤ), so one spelling
of a word matches every way it is written.
"""

from __future__ import annotations

import re

from builder.arabic.normalize import fold

LEVANTINE = {
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}
EGYPTIAN = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "ابريال": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
}
MAGHREBI = {
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "يوليوز": 7,
    "اوت": 8, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الاخر": 4, "ربيع الثاني": 4,
    "جمادي الاولي": 5, "جمادي الاول": 5, "جمادي الاخره": 6, "جمادي الثانيه": 6,
    "جمادي الاخر": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12, "ذي الحجه": 12,
}
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4,
            "السبت": 5, "الاحد": 6}
_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
          "التاسع", "العاشر"]
_TEENS = ["الحادي عشر"] + [f"{u} عشر" for u in _UNITS[1:9]]
ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)}
ORDINALS |= {w: i + 11 for i, w in enumerate(_TEENS)}
ORDINALS |= {"العشرين": 20, "الثلاثين": 30, "الحادي والعشرين": 21, "الحادي والثلاثين": 31}
ORDINALS |= {f"{u} والعشرين": i + 21 for i, u in enumerate(_UNITS[1:9], start=1)}
ORDINALS["غره"] = 1
COUNTS = {"واحد": 1, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4,
          "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8,
          "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
          **{w: 10 * k for k, pair in enumerate(("عشرين عشرون", "ثلاثين ثلاثون", "اربعين اربعون",
                                                  "خمسين خمسون", "ستين ستون", "سبعين سبعون",
                                                  "ثمانين ثمانون", "تسعين تسعون"), start=2)
             for w in pair.split()},
          "ميه": 100, "مايه": 100}  # مئة, مائة
#: unit words: singular, dual, plural, and the accusative singular a number from 11 takes
#: (``16 عاما``) -> (unit, count implied without a number: 1 for a singular, 2 for a dual)
UNITS = {
    "يوم": ("day", 1), "يومين": ("day", 2), "ايام": ("day", 0), "يوما": ("day", 1),
    "اسبوع": ("week", 1), "اسبوعين": ("week", 2), "اسابيع": ("week", 0), "اسبوعا": ("week", 1),
    "شهر": ("month", 1), "شهرين": ("month", 2), "اشهر": ("month", 0), "شهور": ("month", 0),
    "شهرا": ("month", 1),
    "عام": ("year", 1), "عامين": ("year", 2), "اعوام": ("year", 0), "عاما": ("year", 1),
    "سنه": ("year", 1), "سنتين": ("year", 2), "سنوات": ("year", 0), "سنين": ("year", 0),
}
#: ordinal centuries -> their hundreds (القرن العشرين: the 1900s)
CENTURIES = {"الثامن عشر": 17, "التاسع عشر": 18, "العشرين": 19, "الحادي والعشرين": 20}
DECADES = {"العشرينيات": 2, "الثلاثينيات": 3, "الاربعينيات": 4, "الخمسينيات": 5,
           "الستينيات": 6, "السبعينيات": 7, "الثمانينيات": 8, "التسعينيات": 9}


GREGORIAN_MONTHS = LEVANTINE | EGYPTIAN | MAGHREBI
#: the tables above, for the test that each is written folded
VOCABULARY = {"LEVANTINE": LEVANTINE, "EGYPTIAN": EGYPTIAN, "MAGHREBI": MAGHREBI,
              "HIJRI_MONTHS": HIJRI_MONTHS, "WEEKDAYS": WEEKDAYS, "ORDINALS": ORDINALS,
              "COUNTS": COUNTS, "UNITS": UNITS, "CENTURIES": CENTURIES, "DECADES": DECADES}
PAST = "(?:" + "|".join(fold(w) for w in (
    "الماضية", "الماضي", "الفائتة", "الفائت", "المنصرمة", "المنصرم", "السابق")) + ")"
NEXT = "(?:" + "|".join(fold(w) for w in ("المقبلة", "المقبل", "القادمة", "القادم")) + ")"
CURRENT = "(?:الجاري|الحالي)"


def alt(words: object) -> str:
    """A regex alternation of folded words, longest first, spaces flexible."""
    items = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _word(pattern: str, before: str = r"(?<![\w])") -> str:
    """``pattern`` as a whole word: nothing of a word ``before`` it, nor after it."""
    return rf"{before}(?:{pattern})(?![\w])"


#: "about", "more than" between قبل/منذ and a count: the count is taken as said.
ABOUT = "(?:" + alt(fold(w) for w in ("نحو", "حوالي", "حوالى", "قرابة", "زهاء", "أكثر من", "أقل من",
                                        "ما يقارب", "ما يزيد عن", "ما يزيد على")) + ")"
CLITICS = r"(?:[وفبل]|وب|ول|فب|فل)?"  # proclitics before a cue word
#: a joined و or ف ("and", "so") before a word; with ب ("on") before a day's name
CONJUNCTION = "[وف]?"
CONJUNCTION_OR_BI = "[وفب]?"
GM = _word(alt(GREGORIAN_MONTHS))
HM = _word(alt(HIJRI_MONTHS))


#: a Gregorian month after a joining و ("أيار وآب"): the و is a letter, so no word boundary
#: before the month
_GM_AFTER_WA = _word(alt(GREGORIAN_MONTHS), before=r"(?<![^\sو])")


def months(group: str, after_wa: bool = False) -> str:
    """A Gregorian month, possibly named twice (آذار/مارس, آذار (مارس), يوليو/ تموز, يناير
    كانون الثاني), the first in the regex group ``group``; ``after_wa``: it may follow a
    joining و."""
    first = _GM_AFTER_WA if after_wa else GM
    return rf"(?P<{group}>{first})(?:\s*/\s*(?:{GM})|\s*\(\s*(?:{GM})\s*\)|\s+(?:{GM}))?"


_DAY_NUMBER = r"(?:0?[1-9]|[12]\d|3[01])(?![\d:])"
DAY = r"(?<![\d.:/-])" + _DAY_NUMBER
DAY_AFTER_DASH = r"(?<![\d.:/])" + _DAY_NUMBER  # the second day of 22-23 آذار
ORD = r"(?<!اسبوع\s)" + _word(alt(ORDINALS))  # not الأسبوع الأول من نيسان: a week, not a day
YEAR_NUMBER = r"(?:1[0-9]\d\d|20\d\d)(?![\d:])"
YEAR = r"(?<![\d.:/])" + YEAR_NUMBER
GREG_MARK = r"(?:\s*م(?![\w]))?"
#: the word "year" before a year's number (عام, العام, سنة)
YEAR_WORD = "(?:ال)?(?:عام|سنه)"
#: between a month and its year: "مارس 2019", "مارس عام 2019", "مارس من العام 2019"
YEAR_LEAD = rf"\s*[,،]?\s*(?:(?:من\s+)?{YEAR_WORD}\s+|من\s+)?"
HIJRI_MARK = r"\s*(?:ه|هجريه|هجري|للهجره)(?![\w])"  # هـ, هجرية, للهجرة
WD = _word(alt(WEEKDAYS))
#: Words that make the next one a weekday (``مساء الاثنين``; الاثنين alone may be "the two").
DAY_PART = "(?:يوم|صباح|مساء|ظهر|عصر|فجر|ليل|ليله|منتصف\\s+ليل|منتصف\\s+ليله)"
