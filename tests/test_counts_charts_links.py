"""The reader's web without a browser: Arabic counts (CLDR plural forms), the geometry of the
charts, and the links put into an article's text (Arabic fixtures, expected text by hand)."""

from __future__ import annotations

import pytest

from builder.arabic.counts import NOUNS, count, span
from builder.arabic.display import show_date
from builder.pages.charts import chart
from builder.pages.text_links import Target, add_links

ARTICLES = [
    (0, "لا مقالات"), (1, "مقالة واحدة"), (2, "مقالتان"), (3, "3 مقالات"), (10, "10 مقالات"),
    (11, "11 مقالةً"), (99, "99 مقالةً"), (100, "100 مقالة"), (101, "101 مقالة"), (102, "102 مقالة"),
    (103, "103 مقالات"), (111, "111 مقالةً"), (1000, "1000 مقالة"),
]


@pytest.mark.parametrize(("n", "expected"), ARTICLES)
def test_article_counts_agree_with_the_number(n: int, expected: str) -> None:
    assert count(n, "article") == expected


def test_counts_in_arabic_digits_and_other_nouns() -> None:
    assert count(7, "result", "arabic") == "٧ نتائج"
    assert count(25, "source", "arabic") == "٢٥ مصدرًا"
    assert count(2, "story") == "قصتان"
    assert count(1, "other source") == "مصدر آخر"
    assert count(4, "other source") == "4 مصادر أخرى"
    assert count(12, "place") == "12 مكانًا"


def test_every_noun_has_every_cldr_form() -> None:
    for forms in NOUNS.values():
        assert set(forms) == {"zero", "one", "two", "few", "many", "other"}
        assert all("{n}" in forms[c] for c in ("few", "many", "other"))
        assert not any("{n}" in forms[c] for c in ("zero", "one", "two"))


def test_a_span_of_one_period_collapses() -> None:
    assert span("2015", "2015") == "في 2015"
    assert span("2014", "2019", "arabic") == "من ٢٠١٤ إلى ٢٠١٩"
    assert show_date("2015-03/2015-03") == "آذار 2015"
    assert show_date("2015-03/2015-05") == "من آذار 2015 إلى أيار 2015"


def test_chart_of_months_runs_right_to_left_with_gaps() -> None:
    c = chart(["2019-01-05", "2019-01-20", "2019-03-02", None, "2019-03"], "المقالات", "levantine", "arabic")
    assert c is not None
    assert c["title"] == "المقالات في كل شهر"
    assert [r["period"] for r in c["rows"]] == ["كانون الثاني ٢٠١٩", "شباط ٢٠١٩", "آذار ٢٠١٩"]
    assert [r["count"] for r in c["rows"]] == ["٢", "٠", "٢"]
    bars = c["bars"]
    assert bars[0]["x"] > bars[1]["x"] > bars[2]["x"]  # the earliest on the right
    assert bars[1]["height"] == 0 and bars[0]["height"] == bars[2]["height"] > 0
    assert bars[0]["label"] == "كانون الثاني ٢٠١٩: مقالتان"
    assert [t["text"] for t in c["ticks"]] == ["كانون الثاني", "شباط", "آذار"]


def test_chart_of_a_long_span_counts_years() -> None:
    dates = ["2001-05-01", "2019-02-03", "2019-02-04", "2010"]
    c = chart(dates, "المقالات التي تذكر دمشق", "egyptian", "western")
    assert c is not None and c["title"].endswith("في كل سنة") and c["unit"] == "السنة"
    assert len(c["rows"]) == 19 and c["rows"][0] == {"period": "2001", "count": "1"}
    assert c["rows"][-1] == {"period": "2019", "count": "2"}
    assert chart([None, "2019-01/2019-02"], "x", "levantine", "western") is None


TEXT = "قال وزير الخارجية في دمشق إن وفدا من بدمشق زار دمشق يوم 5 آذار 2019."


def test_first_mention_is_linked_in_the_html_as_written() -> None:
    body = "<p>قال وزير الخارجية في دمشق إن وفدا من بدمشق زار دمشق يوم 5 آذار 2019.</p>"
    third = TEXT.index("دمشق", TEXT.index("بدمشق") + 5)
    date = TEXT.index("5 آذار")
    out = add_links(body, TEXT, [Target(third, third + 4, "../places/damascus/", "arshif-named"),
                                 Target(date, date + len("5 آذار 2019"), "../timeline/2019/#m03",
                                        "arshif-when")])
    assert out == ('<p>قال وزير الخارجية في دمشق إن وفدا من بدمشق زار '
                   '<a class="arshif-named" href="../places/damascus/">دمشق</a> يوم '
                   '<a class="arshif-when" href="../timeline/2019/#m03">5 آذار 2019</a>.</p>')


def test_a_name_after_a_clitic_is_linked_as_the_whole_word() -> None:
    at = TEXT.index("بدمشق") + 1
    out = add_links(f"<p>{TEXT}</p>", TEXT, [Target(at, at + 4, "d/", "arshif-named")])
    assert '<a class="arshif-named" href="d/">بدمشق</a>' in out


def test_text_is_escaped_again_and_links_are_not_nested() -> None:
    text = "قالت الشرطة <script>x</script> في الخبيثة\nالخبيثة مرة أخرى"
    body = ("<p>قالت الشرطة &lt;script&gt;x&lt;/script&gt; في <a href=\"https://e.org\">الخبيثة</a></p>\n"
            "<p>الخبيثة مرة أخرى</p>")
    first = text.index("الخبيثة")
    assert add_links(body, text, [Target(first, first + 7, "p/", "arshif-named")]) == body
    second = text.index("الخبيثة", first + 1)
    out = add_links(body, text, [Target(second, second + 7, 'p/"><b>', "arshif-named"),
                                 Target(text.index("الشرطة"), text.index("الشرطة") + 6, "q/", "x")])
    assert '<a class="x" href="q/">الشرطة</a> &lt;script&gt;x&lt;/script&gt;' in out
    assert '<a class="arshif-named" href="p/&quot;&gt;&lt;b&gt;">الخبيثة</a> مرة' in out


def test_a_mention_split_by_markup_stays_unlinked() -> None:
    text = "زار وليد المعلم الرياض"
    body = "<p>زار <strong>وليد</strong> المعلم الرياض</p>"
    assert add_links(body, text, [Target(4, 15, "a/", "arshif-named")]) == body
