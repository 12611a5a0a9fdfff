"""Date extraction: our own cases for every category, the shared set's score, the seed, display."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from builder.arabic.display import show_date
from builder.extract.dates import find_dates, parse_given
from tests.conftest import ROOT

BASE = date(2019, 3, 23)  # a Saturday
NEWS = date(2015, 7, 25)  # a Saturday of SaudiNewsNet's weeks
SHARED_CASES = Path(__file__).resolve().parents[2] / "shared" / "data" / "dates" / "cases.yaml"

# (text, base, expected values in order); written for these tests, not taken from cases.yaml
OWN = {
    "dateline": [
        ("حلب - 4 نيسان (أبريل) 2017 (أ ف ب) - قالت مصادر", BASE, ["2017-04-04"]),
        ("الجمعة 12 شعبان 1440 هـ - 17 أبريل 2019 م", BASE, ["2019-04-17"]),
        ("القاهرة (رويترز) - قال مسؤول", BASE, []),
        ("نشر في: ٠٤.١١.٢٠٢٠", BASE, ["2020-11-04"]),
        ("الرباط - 7 يوليوز 2016 (و م ع) -", BASE, ["2016-07-07"]),
    ],
    "greg_full": [
        ("وقعت المجزرة في 21 آب/أغسطس 2013 في الغوطة", BASE, ["2013-08-21"]),
        ("في الثالث والعشرين من تموز 1952 قامت الثورة", BASE, ["1952-07-23"]),
        ("وانتهت في 30 أيلول 2015", BASE, ["2015-09-30"]),
        ("ولد في 12 غشت 1980 بالرباط", BASE, ["1980-08-12"]),
        ("في 7 شباط فبراير 2016 قصفت", BASE, ["2016-02-07"]),  # doubled without a mark
        ("يوم 4 من شهر حزيران من العام 2014", BASE, ["2014-06-04"]),
        ("Published: مارس 23, 2019", BASE, ["2019-03-23"]),
    ],
    "numeric": [
        ("بتاريخ 05/11/2020", BASE, ["2020-11-05"]),
        ("الموافق 2021.1.9", BASE, ["2021-01-09"]),
        ("بتاريخ 31/02/2020", BASE, []),  # no such day
        ("نشر بتاريخ : 21 - 07 - 2015", BASE, ["2015-07-21"]),
        ("21/يوليو/2015", BASE, ["2015-07-21"]),
    ],
    "month_year": [
        ("في شباط 2012 انسحب", BASE, ["2012-02"]),
        ("أواخر نوفمبر/تشرين الثاني 2015", BASE, ["2015-11"]),
        ("في شهر أيار من عام 2013", BASE, ["2013-05"]),
    ],
    "year": [
        ("وفي سنة 1990 اجتاح", BASE, ["1990"]),
        ("ولعام 2006 أثر كبير", BASE, ["2006"]),
        ("بالعام 2012 تغيّر كل شيء", BASE, ["2012"]),
        ("فعام ١٩٩١ كان مختلفًا", BASE, ["1991"]),
        ("استمرت المفاوضات حتى 2020", BASE, ["2020"]),
    ],
    "hijri": [
        ("27 رمضان 1445 هـ", BASE, ["2024-04-06"]),
        ("غرة محرم 1446هـ", BASE, ["2024-07-07"]),
        ("1445/9/1 هـ", BASE, ["2024-03-11"]),
        ("في سنة 1441 للهجرة", BASE, ["2019-08-31/2020-08-19"]),
        ("صدر النظام في 1440هـ", BASE, ["2018-09-11/2019-08-30"]),
        ("يبدأ الدوام في الخامس من شوال", BASE, ["2019-06-08"]),  # the base's Hijri year (1440)
        ("في رمضان الماضي", BASE, ["2018-05-16/2018-06-14"]),
        ("الأحد 17 رجب - 24 مارس", BASE, ["2019-03-24"]),  # both calendars, one date
        ("في 3 شوال 1440 هجرية", BASE, ["2019-06-06"]),
    ],
    "relative": [
        ("وصل الوفد أمس الجمعة", BASE, ["2019-03-22"]),
        ("قبل أسبوعين", BASE, ["2019-03-09"]),
        ("منذ ثلاثة أشهر", BASE, ["2018-12"]),
        ("في الشهر المقبل", BASE, ["2019-04"]),
        ("الخميس المقبل", BASE, ["2019-03-28"]),
        ("في نيسان المقبل", BASE, ["2019-04"]),
        ("وصلوا أمس الأول", BASE, ["2019-03-21"]),
        ("وصلوا قبل أمس", BASE, ["2019-03-21"]),  # the day before yesterday, not yesterday
        # from 11 on a number takes the singular, in the accusative (عاماً, يوماً)
        ("غادرها منذ 16 سنة", BASE, ["2003"]), ("قبل عشرين عاماً", BASE, ["1999"]),
        ("قبل 45 يوما", BASE, ["2019-02-06"]), ("منذ نحو 18 شهراً", BASE, ["2017-09"]),
        ("منذ 1400 عام", BASE, ["0619"]), ("منذ 5000 سنة", BASE, []),  # a year has four digits
        # a weekday named with أمس/اليوم/غدا is the text's own: the base may be days late
        ("وقال أمس الجمعة", BASE, ["2019-03-22"]),
        ("وقال أمس الأربعاء", BASE, ["2019-03-20"]),  # the article waited two days
        ("تبدأ اليوم الخميس", BASE, ["2019-03-21"]),
        ("تبدأ غدا الأحد", BASE, ["2019-03-24"]),
        ("وقال أمس السبت", BASE, ["2019-03-23"]),  # a day off, not a week back
        # ... and every relative date of the text counts from the day it was written
        ("قال اليوم السبت إن القصف وقع الليلة الماضية ويستأنف غدا", date(2019, 3, 26),
         ["2019-03-23", "2019-03-22", "2019-03-24"]),
        ("قال أمس الجمعة إن الاجتماع الأسبوع المقبل", date(2019, 3, 26),
         ["2019-03-22", "2019-03-25/2019-03-31"]),
        ("قصفت الطائرات الليلة الماضية", BASE, ["2019-03-22"]),
        ("العام قبل الماضي", BASE, ["2017"]),
        ("منذ أكثر من ثلاثة أشهر", BASE, ["2018-12"]),
        ("مساء الاثنين الماضي", BASE, ["2019-03-18"]),
        ("أعلنت يوم الأحد 24 آذار", BASE, ["2019-03-24"]),  # the weekday is part of the date
        ("منذ 15 آذار", BASE, ["2019-03-15/.."]),
        ("في الـ15 من الشهر الماضي", BASE, ["2019-02-15"]),
        ("يوم 4 الجاري", BASE, ["2019-03-04"]),
        ("في العاشر من الشهر المقبل", BASE, ["2019-04-10"]),
        ("في القرن الماضي", BASE, ["19XX"]),
        ("منذ مطلع القرن العشرين", BASE, ["19XX/.."]),
        ("منذ منتصف 2014", BASE, ["2014/.."]),
        ("في أيار/مايو من العام الماضي", BASE, ["2018-05"]),
        ("في 3 آذار من العام المقبل", BASE, ["2020-03-03"]),
        ("هذا العام", BASE, ["2019"]),
        ("في مثل هذا اليوم من عام 2011", BASE, ["2011"]),  # an anniversary, not today
        ("قال أمس", None, []),  # no base: no invention
        ("اليوم العالمي للمرأة", BASE, []),
    ],
    "range": [
        ("بين 3 و5 أيار 2016", BASE, ["2016-05-03/2016-05-05"]),
        ("ليل 22-23 آذار 2019", BASE, ["2019-03-22/2019-03-23"]),
        ("من 1 إلى 5 نيسان المقبل", BASE, ["2019-04-01/2019-04-05"]),  # no year: the base's
        ("الأسبوع الأول من نيسان 2019", BASE, ["2019-04"]),  # a week, not the 1st
        ("منذ عام 2011", BASE, ["2011/.."]),
        ("في الثمانينيات", BASE, ["198X"]),
        ("الحرب (1980-1988)", BASE, ["1980/1988"]),
        ("ارتفع العدد من 2014 حتى 2018", BASE, ["2014/2018"]),
        ("في الفترة من عام 2003 إلى عام 2011", BASE, ["2003/2011"]),
        ("في الربع الأول من 2019", BASE, ["2019-01/2019-03"]),
        ("خلال النصف الثاني من العام 2018", BASE, ["2018-07/2018-12"]),
        ("مطلع القرن العشرين", BASE, ["19XX"]),
    ],
    # the forms real news wrote that had gone wrong (base: Saturday 25 July 2015)
    "real_news": [
        ("نقلت صحيفة عين اليوم الخبر", NEWS, []),  # newspapers and channels named اليوم
        ("وقالت جريدة اليوم إن", NEWS, []),
        ("كما ذكرت «اليوم» أمس", NEWS, ["2015-07-24"]),
        ("في حديث لقناة روسيا اليوم", NEWS, []),
        ("اليوم - الدمام\nأعلنت الأمانة", NEWS, []),
        ("منذ عام 1430", NEWS, ["2008-12-29/.."]),  # a bare year 1300-1500 is Hijri
        ("خلال عامي 1435 و1436", NEWS, ["2013-11-04/2015-10-13"]),
        ("تمتد المهلة حتى يوم الأحد", NEWS, ["2015-07-26"]),  # ahead, not the last Sunday
        ("حتى الجمعة", NEWS, ["2015-07-31"]),
        ("سيلتقي الوفد الأحد", NEWS, ["2015-07-26"]),
        ("ويعود السبت التالي", NEWS, ["2015-08-01"]),
        ("صوت البرلمان الأربعاء على القانون", NEWS, ["2015-07-22"]),  # past
        ("يعمل المكتب يوميا عدا الجمعة والسبت", NEWS, []),  # every such day: no date
        ("تفتح الحدائق أيام الخميس", NEWS, []),
        ("وقع الحادث البارحة الأولى", NEWS, ["2015-07-23"]),  # not yesterday
        ("قال أمس (الجمعة) إن", NEWS, ["2015-07-24"]),  # one date, its weekday in parentheses
        ("تراجعت الأسعار في أبريل", NEWS, ["2015-04"]),  # the last April
        ("وتواصل الحملة حتى ديسمبر", NEWS, ["2015-12"]),
        ("تعيش البلاد أزمة منذ ديسمبر", NEWS, ["2014-12/.."]),
        ("الميزانية للعام المقبل", NEWS, ["2016"]),
        ("خلال شهر رمضان المبارك", NEWS, ["2015-06-18/2015-07-16"]),
        ("احتفل الأهالي يوم عيد الفطر", NEWS, ["2015-07-17"]),
        ("تقام يومي الثالث والرابع من آب", NEWS, ["2015-08-03/2015-08-04"]),
    ],
    "negative": [
        ("قتل 2019 شخصا", BASE, []),
        ("اتصل على الرقم 0501234567", BASE, []),
        ("القرار 2401 لمجلس الأمن", BASE, []),
        ("بلغت الخسائر 1500 مليون", BASE, []),
        ("الساعة 10:30", BASE, []),
        ("وقتل الاثنين في الهجوم", BASE, []),
        ("بين 1500 و2000 مقاتل", BASE, []),
        ("فاز الفريق بنتيجة 3 صفر", BASE, []),  # a score, not 3 Safar
        ("وتراوح العدد بين 1900 و2000 في المئة", BASE, []),  # a span over 50 years is no date
    ],
}
FLAT = [(cat, *case) for cat, cases in OWN.items() for case in cases]


@pytest.mark.parametrize("category,text,base,want", FLAT, ids=[f"{c[0]}:{c[1][:24]}" for c in FLAT])
def test_own_cases(category: str, text: str, base: date | None, want: list[str]) -> None:
    assert [d.value for d in find_dates(text, base)] == want


def test_spans_point_into_the_text_as_written() -> None:
    text = "وفي ٢٣ آذار/مارس ٢٠١٩ أعلنت القوات، بعد أن قُتِلَ أمسِ"
    for d in find_dates(text, BASE):
        assert text[d.start:d.end] == d.text
    # the marks after a date's last letter are the text's too (folding had cut them off)
    assert [d.text for d in find_dates("يصل غداً، وكان قبل 16 عاماً هنا أمسِ.", BASE)] == \
        ["غداً", "قبل 16 عاماً", "أمسِ"]


def test_mixed_dateline_keeps_hijri_as_written() -> None:
    [d] = find_dates("السبت - 16 رجب 1440 هـ - 23 مارس 2019 م", BASE)
    assert (d.value, d.calendar, d.hijri) == ("2019-03-23", "mixed", "1440-07-16")


def test_shared_cases_all_exact() -> None:
    """Every case of ../shared's date cases gives exactly its date (all 97 do today: a case
    that stops doing so fails here, named, however many others pass)."""
    data = yaml.safe_load(SHARED_CASES.read_text(encoding="utf-8"))
    default = date.fromisoformat(str(data["default_base"]))
    wrong = []
    for case in data["cases"]:
        base = date.fromisoformat(str(case["base"])) if case.get("base") else default
        got = [d.value for d in find_dates(case["text"], base)]
        if got != ([] if case["expected"] is None else [case["expected"]]):
            wrong.append((case["text"], got, case["expected"]))
    assert len(data["cases"]) == 97 and wrong == []


def test_seed_article_dates() -> None:
    seed = (Path(__file__).resolve().parents[1] / "content" / "seed" / "baghouz.txt").read_text()
    assert [d.value for d in find_dates(seed, BASE)] == ["2014", "2018-09-23/2019-03-23"]


@pytest.mark.parametrize("given,want", [
    ("2015-07-31 04:17:41", "2015-07-31"), ("2019-03-23T10:00:00Z", "2019-03-23"),
    ("2014", "2014"), ("2014-08", "2014-08"), ("23 آذار 2019", "2019-03-23"),
    ("2019-02-30", None), ("غدا", None), ("", None),
])
def test_parse_given(given: str, want: str | None) -> None:
    assert parse_given(given) == want


@pytest.mark.parametrize("style,digits,want", [
    ("levantine", "western", "23 آذار 2019"), ("egyptian", "western", "23 مارس 2019"),
    ("both", "arabic", "٢٣ آذار/مارس ٢٠١٩"), ("maghrebi", "western", "23 مارس 2019"),
])
def test_display(style: str, digits: str, want: str) -> None:
    assert show_date("2019-03-23", style, digits) == want


def test_display_partial_and_ranges() -> None:
    assert show_date("2014-08", "maghrebi") == "أوت 2014"
    assert show_date("2011-03/..") == "منذ آذار 2011"
    assert show_date("199X") == "عقد 1990"


def test_each_rule_needs_a_trigger_it_names() -> None:
    """A rule runs only in windows holding a trigger of its class (speed); every match of every
    rule, run everywhere on every case here and in the shared set, must lie in such a window."""
    from builder.arabic.normalize import fold
    from builder.extract.dates.combination import _windows
    from builder.extract.dates.rules import RULES

    data = yaml.safe_load(SHARED_CASES.read_text(encoding="utf-8"))
    texts = [t for _, t, _, _ in FLAT] + [c["text"] for c in data["cases"]]
    matched = 0
    for text in texts:
        folded = fold(text)
        windows = _windows(folded)
        for needs, pattern, _ in RULES:
            for m in pattern.finditer(folded):
                matched += 1
                assert any(a <= m.start() and m.end() <= b and needs in classes
                           for a, b, classes in windows), (needs, m.group(), text)
    assert matched >= 100


def test_cli_dates_contract() -> None:
    """``arshif dates --base``: one JSON list per input line (an empty one for a line with no
    date), each item ``text``, ``value``, ``calendar`` (and ``hijri`` as written); a base that is
    not a day is a usage error, not a traceback."""
    lines = "قال المتحدث أمس إن\n\nالسبت - 16 رجب 1440 هـ - 23 مارس 2019 مـ\nلا تاريخ هنا\n"
    run = subprocess.run([sys.executable, "-m", "builder.cli", "dates", "--base", "2019-03-23"],
                         input=lines, capture_output=True, text=True, check=True, cwd=ROOT)
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert rows == [[{"text": "أمس", "value": "2019-03-22", "calendar": "gregorian"}], [],
                    [{"text": "16 رجب 1440 هـ - 23 مارس 2019 مـ", "value": "2019-03-23",
                      "calendar": "mixed", "hijri": "1440-07-16"}], []]
    bad = subprocess.run([sys.executable, "-m", "builder.cli", "dates", "--base", "2019-02-30"],
                         input=lines, capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "not a day" in bad.stderr and "Traceback" not in bad.stderr


def test_the_vocabulary_is_written_as_the_text_is_matched() -> None:
    """Each word of the date vocabulary is in the folded spelling: a word written otherwise
    would never match."""
    from builder.arabic.normalize import fold
    from builder.extract.dates import VOCABULARY

    assert {name: [w for w in table if fold(w) != w] for name, table in VOCABULARY.items()} == \
        {name: [] for name in VOCABULARY}
