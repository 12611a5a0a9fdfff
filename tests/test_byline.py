"""The byline or dateline at a story's head leaves the body for the author and the place the
story was filed from; a date in it still dates the article (real SaudiNewsNet heads)."""

from __future__ import annotations

import pytest

from builder.arabic.normalize import Folded, fold
from builder.assemble import assemble
from builder.boilerplate import clean_all
from builder.byline import read_head
from builder.config import Config
from builder.extract.published import date_evidence, publication_date
from builder.model import Article, Origin, RawArticle
from builder.sources import Source

SOURCES = frozenset(fold(s) for s in ("سبق", "عين اليوم", "الوئام", "الرياض", "عكاظ", "اليوم",
                                      "الوطن", "الجزيرة", "المدينة"))
BODY = "أعلنت الجهات المختصة اليوم عن افتتاح مشروع جديد لخدمة المواطنين في المنطقة."


@pytest.mark.parametrize(("head", "source", "author", "place"), [
    ("عبدالله البرقاوي- سبق- الرياض", "سبق", "عبدالله البرقاوي", "الرياض"),  # a paper's name after: a city
    ("سبق ـ  الرياض", "سبق", "", "الرياض"),  # a tatweel as the dash
    ("سبق- وكالات", "سبق", "", ""),
    ("عين اليوم – سنغافورة", "عين اليوم", "", "سنغافورة"),
    ("عين اليوم – مانسانار", "عين اليوم", "", "مانسانار"),  # a place the gazetteer does not know
    ("داليا أبوالعيش – عين اليوم", "عين اليوم", "داليا أبوالعيش", ""),
    ("هشام لاشين – متابعات", "عين اليوم", "هشام لاشين", ""),
    ("القريات 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس", "واس", "", "القريات"),
    ("الرياض - الوئام", "الوئام", "", "الرياض"),  # author fields hold heads too
    ("مكة - الوئام - حجب العصيمي", "الوئام", "حجب العصيمي", "مكة"),
    ("جدة - عبدالله الزهراني", "اليوم", "عبدالله الزهراني", "جدة"),  # no paper: the gazetteer decides
    ("متعب العبيد (الرياض)", "عكاظ", "متعب العبيد", "الرياض"),
    ("واس (جدة)", "عكاظ", "", "جدة"),
    ("لندن : (رويترز)", "عكاظ", "", "لندن"),
    ("كانو -  أ ف ب", "الجزيرة", "", "كانو"),
    # author fields: a colon parts them, a paper may be quoted, or named with its edition
    ("لندن: «الشرق الأوسط أونلاين»", "الشرق الأوسط", "", "لندن"),
    ("أبها: الوطن", "الوطن", "", "أبها"),
    ("«الاقتصادية» من الرياض", "الاقتصادية", "", "الرياض"),
    ("القاهرة - مكتب الجزيرة - طارق محيي", "الجزيرة", "طارق محيي", "القاهرة"),
    ("المدينة - جدة", "المدينة", "", "جدة"),  # the paper المدينة, then the city
    ("الجزيرة - واس", "الجزيرة", "", ""),  # the paper beside a wire: no place
    ("عكاظ (الوكالات)", "عكاظ", "", ""),
    ("متابعة - الرياض الإلكتروني", "الرياض", "", ""),
    # الرياض is a paper of the archive and the capital: in another paper, the city
    ("الرياض: حسن الصفيان", "الوطن", "حسن الصفيان", "الرياض"),
    # in الرياض itself, its bare name beside a wire or a desk is the city it files from
    ("الرياض - واس", "الرياض", "", "الرياض"),
    ("الرياض- ثقافة اليوم", "الرياض", "ثقافة اليوم", "الرياض"),
    ("دبي - الرياض", "الرياض", "", "دبي"),
])
def test_a_head_gives_the_author_and_the_place(head: str, source: str, author: str, place: str) -> None:
    assert read_head(head, source, SOURCES) == (author, place)


@pytest.mark.parametrize("line", [
    "وقال الوزير",  # the start of a sentence before a colon
    "والد عبدالفتاح عسيري يكشف تفاصيل مثيرة عن حياة ميسي الجنوب",  # a short first line
    "د. الطويرقي",
    "Wednesday, 08 July 2015",
    "السعودية - الإمارات",  # two places, no writer and no paper: a match, not a byline
])
def test_what_is_no_head(line: str) -> None:
    assert read_head(line, "اليوم", SOURCES) is None


def _article(body: str, source: str, author: str = "", line: int = 1) -> Article:
    raw = RawArticle(Origin("a.jsonl", line), "", "text",
                     {"content": body, "source": source, "author": author,
                      "date_extracted": "2015-08-12 10:00:00"}, "utf_8")
    article, _ = assemble(raw, 90)
    assert article is not None
    return article


def test_the_head_leaves_the_body_for_the_author_and_the_dateline() -> None:
    sabq = _article(f"محمد آل الحمري- سبق- عسير: {BODY}", "سبق", "محمد آل الحمري- سبق- عسير:")
    alyoum = _article(f"عين اليوم – الدمام\n{BODY}", "عين اليوم", line=2)
    (sabq, alyoum) = clean_all([sabq, alyoum], 90)
    assert sabq.body == BODY and sabq.text == BODY and sabq.summary.startswith("أعلنت")
    assert (sabq.author, sabq.dateline, sabq.head) == ("محمد آل الحمري", "عسير", "محمد آل الحمري- سبق- عسير")
    assert alyoum.body == BODY and (alyoum.author, alyoum.dateline) == ("", "الدمام")


def test_a_dateline_moved_out_of_the_body_still_dates_the_article() -> None:
    article = clean_all([_article(f"جدة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n{BODY}", "واس")], 90)[0]
    assert article.dateline == "جدة" and "شوال" not in article.text
    assert publication_date(date_evidence(article), Folded.of(article.text)) == ("2015-08-10", "dateline")


def test_an_author_field_holding_a_head_gives_the_place() -> None:
    article = clean_all([_article(BODY, "الوئام", "تبوك-الوئام-علي ال حمود:")], 90)[0]
    assert (article.author, article.dateline, article.body) == ("علي ال حمود", "تبوك", BODY)
    dated = clean_all([_article(BODY, "اليوم", "أغسطس 5, 2015, 3:45 م")], 90)[0]
    assert dated.author == "أغسطس 5, 2015, 3:45 م" and dated.dateline == ""  # the byline's date stays


def test_a_new_archive_knows_the_arab_outlets_by_slug() -> None:
    """The shipped outlets table names SaudiNewsNet's slugs, so a crawl's author field
    ``برلين -الوئام:`` gives its place without a ``sources`` setting; the setting overrides it."""
    table = Config().source_table
    assert table.name("alweeam", "") == "الوئام"
    assert table.name("", "https://www.youm7.com/story/1") == "اليوم السابع"
    assert table.find("alriyadh", "") == Source("الرياض", "SA")
    assert Config(sources={"alweeam": "صحيفة الوئام"}).source_table.name("alweeam", "") == "صحيفة الوئام"
    raw = RawArticle(Origin("a.jsonl", 1), "", "text",
                     {"content": BODY, "source": "alweeam", "author": "برلين -الوئام:",
                      "date_extracted": "2015-08-12 10:00:00"}, "utf_8")
    article, _ = assemble(raw, 90, sources=table)
    assert article is not None
    article = clean_all([article], 90)[0]
    assert (article.source, article.author, article.dateline) == ("الوئام", "", "برلين")
    assert article.source_country == "SA"  # which settles its places' homonyms
