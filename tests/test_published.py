"""The publication date from evidence, clean titles and bodies, sources by name: real news as
SaudiNewsNet gives it (``date_extracted`` is its crawl time, not the day of publication)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.arabic.normalize import Folded
from builder.assemble import assemble
from builder.boilerplate import clean, known, learn
from builder.extract.published import DateEvidence, publication_date
from builder.model import Origin, RawArticle
from builder.sources import SourceTable
from tests.conftest import ROOT

CRAWLED = "2015-08-11 18:43:07"  # a Tuesday
BODY = "أعلنت الهيئة عن برنامجها الجديد للمواسم المقبلة في المنطقة."


def when(text: str = BODY, **evidence: str) -> tuple[str | None, str | None]:
    return publication_date(DateEvidence(**evidence), Folded.of(text))


@pytest.mark.parametrize("text,evidence,want", [
    # a dateline at the head, else at the foot, beats every other evidence
    ("الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n" + BODY,
     {"collected": CRAWLED, "url": "http://x.sa/2015/08/01/a.html"}, ("2015-08-10", "dateline")),
    (BODY + "\nالطائف 24 شوال 1436 هـ الموافق 9 أغسطس 2015 م واس\n// انتهى //",
     {"collected": CRAWLED}, ("2015-08-09", "dateline")),
    # a date inside a sentence is no dateline
    ("قبل خمس سنوات في الأول من تموز عام 2010 بدأت مرحلة جديدة", {"collected": CRAWLED},
     ("2015-08-11", "collected")),
    # a day in the address, in any of the usual shapes
    (BODY, {"collected": CRAWLED, "url": "http://www.aleqt.com/2015/08/09/article_1.html"},
     ("2015-08-09", "url")),
    (BODY, {"collected": CRAWLED, "url": "http://www.okaz.com.sa/new/Issues/20150808/Con2015080878.htm"},
     ("2015-08-08", "url")),
    (BODY, {"collected": CRAWLED, "url": "http://www.al-jazirah.com/2015/20150807/sp4.htm"},
     ("2015-08-07", "url")),
    # an address day after the collection cannot be the publication day
    (BODY, {"collected": CRAWLED, "url": "http://x.sa/2015/09/01/a.html"}, ("2015-08-11", "collected")),
    # a byline that carries its day (arriyadiyah writes it in English)
    (BODY, {"collected": CRAWLED, "byline": "الرياض - الرياضية | Monday, 22 June 2015 - 00:14 am"},
     ("2015-06-22", "byline")),
    # the text's own day, counted back from the collection day: أمس (الجمعة) on a Tuesday crawl
    ("قال البنك أمس (الجمعة) إن المستثمرين سحبوا أموالهم", {"collected": CRAWLED},
     ("2015-08-08", "text")),
    ("أعلنت الوزارة اليوم الأحد نتائج القبول", {"collected": CRAWLED}, ("2015-08-09", "text")),
    # a metadata date, and the collection date only as a last resort
    (BODY, {"given": "2015-08-03", "collected": CRAWLED}, ("2015-08-03", "metadata")),
    (BODY, {"collected": CRAWLED}, ("2015-08-11", "collected")),
    (BODY, {}, (None, None)),
])
def test_evidence_in_order_of_trust(text: str, evidence: dict[str, str],
                                    want: tuple[str | None, str | None]) -> None:
    assert when(text, **evidence) == want


def test_date_extracted_is_a_collection_date_not_a_publication_date() -> None:
    raw = RawArticle(Origin("a.jsonl", 1), "", "text",
                     {"content": BODY, "date_extracted": CRAWLED, "source": "okaz"}, "utf_8")
    article, _ = assemble(raw, 90)
    assert article is not None and (article.given_date, article.collected) == (None, CRAWLED)
    # the setting names other collection fields
    raw = RawArticle(Origin("b.json"), "", "text", {"content": BODY, "fetched": CRAWLED}, "utf_8")
    article, _ = assemble(raw, 90, collected=("fetched",))
    assert article is not None and article.collected == CRAWLED


def test_titles_and_names_decoded_once_without_bidi_controls() -> None:
    meta = {"content": BODY, "title": "&quot;الشعيبي&quot; لـ&#8220;سبق&#8221;\u200f",
            "author": "&nbsp;خالد طاشكندي (جدة)", "source": "\u202bokaz\u202c"}
    article, _ = assemble(RawArticle(Origin("a.jsonl", 1), "", "text", meta, "utf_8"), 90)
    assert article is not None
    assert article.title == "\"الشعيبي\" لـ“سبق”"
    assert article.author == "خالد طاشكندي (جدة)" and article.source == "okaz"
    # a web page's reader hands its metadata decoded: a literal &amp; in it stays
    raw = RawArticle(Origin("a.html"), BODY, "text", {"title": "A &amp;amp; B"}, "utf_8", decoded=True)
    article, _ = assemble(raw, 90)
    assert article is not None and article.title == "A &amp;amp; B"


def test_sources_by_name_from_slug_or_domain() -> None:
    table = SourceTable.parse({"arriyadiyah": "الرياضية",
                               "okaz": {"name": "عكاظ", "country": "sa", "domains": ["okaz.com.sa"]}},
                              "archive.yml")
    assert table.name("arriyadiyah", "") == "الرياضية"
    assert table.name("", "http://www.okaz.com.sa/new/Issues/1.htm") == "عكاظ"
    assert table.find("", "http://m.okaz.com.sa/x") == table.find("okaz", "")
    assert table.name("unknown", "http://example.org/") == "unknown"
    with pytest.raises(ValueError, match="sources: 'x' needs a name"):
        SourceTable.parse({"x": {"country": "SA"}}, "archive.yml")


@pytest.mark.parametrize("line", [
    "...المزيد", "Next Previous", "شارك من خلال تويتر فيسبوك", "للتواصل مع الكاتب ارسل رسالة SMS",
    "88591 - Stc", "635031 - Mobily", "// انتهى //", "12:05 ت م",
    "رابط الخبر بصحيفة الوئام: الاتفاق النووي والواقع الجديد",
])
def test_known_boilerplate(line: str) -> None:
    assert known(line)


@pytest.mark.parametrize("line", ["وقال المتحدث إن المزيد من القوات سيصل", "الرياض",
                                  "شارك في الاجتماع وزير الخارجية"])
def test_sentences_are_not_boilerplate(line: str) -> None:
    assert not known(line)


def _article(body: str, source: str = "المدينة") -> object:
    raw = RawArticle(Origin("a.jsonl", 1), "", "text", {"content": body, "source": source}, "utf_8")
    article, _ = assemble(raw, 90)
    return article


def test_boilerplate_dropped_from_the_body_and_listed() -> None:
    body = (f"{BODY}\nوأضاف المدير أن العمل مستمر حتى نهاية العام.\nللتواصل مع الكاتب ارسل رسالة SMS\n"
            "تبدأ بالرمز (3) ثم مسافة ثم نص الرسالة إلى\n88591 - Stc\n635031 - Mobily")
    article = _article(body)
    cleaned = clean(article, frozenset(), 90)  # type: ignore[arg-type]
    assert "SMS" not in cleaned.text and "Mobily" not in cleaned.body and "الرسالة" not in cleaned.text
    assert cleaned.dropped[0] == "للتواصل مع الكاتب ارسل رسالة SMS" and len(cleaned.dropped) == 4
    assert cleaned.id == article.id and cleaned.words < article.words  # type: ignore[attr-defined]
    # a site's tags after the last sentence go too
    tagged = clean(_article(BODY + " سمات الفيفا انتخابات بلاتيني"), frozenset(), 90)  # type: ignore[arg-type]
    assert tagged.text == BODY and tagged.dropped == ["سمات الفيفا انتخابات بلاتيني"]


def test_boilerplate_learned_from_the_archive_per_source() -> None:
    articles = [_article(f"* خدمة «نيويورك تايمز»\n{BODY} رقم {i}", "الشرق الأوسط") for i in range(6)]
    articles += [_article(f"عين اليوم – الرياض\n{BODY} {i}", "عين اليوم") for i in range(6)]
    articles += [_article(f"الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n{BODY} {i}", "واس")
                 for i in range(6)]
    learned = learn(articles)  # type: ignore[arg-type]
    assert learned["الشرق الأوسط"] == {"* خدمة «نيويورك تايمز»"}
    assert learned["واس"] == frozenset()  # a recurring dateline has digits: never learned
    assert learned["عين اليوم"] == frozenset()  # a byline names the story's place: kept
    assert learn(articles[:4])["الشرق الأوسط"] == frozenset()  # too few articles to tell


def test_extract_contract_on_real_news(tmp_path: Path) -> None:
    """``arshif extract`` on SaudiNewsNet's fields: the day from the evidence with its source, the
    title decoded, the source by name, boilerplate dropped and shown."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "archive.yml").write_text(
        "sources:\n  alweeam: {name: الوئام, country: SA, domains: [alweeam.com.sa]}\n", encoding="utf-8")
    lines = [
        {"source": "alweeam", "url": "http://www.alweeam.com.sa/348531/x/", "date_extracted": CRAWLED,
         "title": "&quot;طيران ناس&quot; تكرم طاقم طائرة", "author": "الرياض - الوئام :",
         "content": "كرمت الشركة اليوم (الأحد) طاقم الطائرة بعد عودتها من المدرج بسلام.\n"
                    "شارك من خلال تويتر فيسبوك\n"
                    "رابط الخبر بصحيفة الوئام: طيران ناس تكرم طاقم طائرة"},
        {"source": "aleqtisadiya", "url": "http://www.aleqt.com/2015/08/01/article_978082.html",
         "date_extracted": "2015-08-02 23:35:35", "title": "مصر تستهدف الاستيراد",
         "content": "قالت وزارة التخطيط المصرية اليوم السبت إن البلاد تستهدف استيراد النفط."},
    ]
    data = tmp_path / "news.jsonl"
    data.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "builder.cli", "--root", str(tmp_path), "extract",
                          str(data)], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    first, second = (json.loads(line) for line in out.splitlines())
    assert (first["date"], first["date_source"]) == ("2015-08-09", "text")
    assert first["title"] == "\"طيران ناس\" تكرم طاقم طائرة" and first["source"] == "الوئام"
    assert first["dropped"] == ["شارك من خلال تويتر فيسبوك",
                                "رابط الخبر بصحيفة الوئام: طيران ناس تكرم طاقم طائرة"]
    assert "تويتر" not in first["summary"]
    assert (second["date"], second["date_source"]) == ("2015-08-01", "url")
