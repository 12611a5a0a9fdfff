"""Lines a newspaper's site adds to every article (share buttons, "more", SMS numbers, footers):
dropped from what pages show and search indexes, kept in the raw file.

Two sources: a short list of forms known across Arabic news sites, and what the archive itself
shows: a short line that recurs word for word in many articles of one source is that source's
boilerplate (``...المزيد``, ``* خدمة «نيويورك تايمز»``). A line with a digit is never learned, so
a dateline that recurs on a busy day (``الرياض 26 شوال 1436 هـ … واس``) stays, nor is a byline
(``عين اليوم – الرياض``): it names the place the story comes from.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from builder.assemble import cut, derive_title, lead
from builder.byline import byline, source_keys
from builder.markup import to_text
from builder.model import Article

#: A learned line has at most this many words, recurs in at least this many articles of its
#: source and in at least this share of them.
SHORT_LINE_WORDS = 10
LEARN_MIN_ARTICLES = 5
LEARN_MIN_SHARE = 0.005

#: Words of share buttons and page navigation: a line made of them alone is the site's.
_NAVIGATION = frozenset("""
شارك شاركها شارك_الخبر مشاركة انشر نشر من خلال عبر على تويتر تويتر، فيسبوك فيس بوك واتساب واتس
اب جوجل بلس لينكد إن لينكدإن البريد الإلكتروني الالكتروني طباعة اطبع أرسل لصديق تيليجرام تلغرام
المزيد التالي السابق اكتب رأيك أضف تعليقك Next Previous More Share Tweet Print Email Facebook Twitter
WhatsApp Google+
""".split())
_NAV_PUNCTUATION = str.maketrans("", "", ".…:|/-–»«()[]،,")
#: Footers known across sites: SMS numbers of the Saudi carriers, an agency's end marks and time
#: line, a "link to the story" line.
_KNOWN = re.compile(
    r"^(?:\d+\s*[-–]\s*(?:stc|mobily|zain|موبايلي|زين|الاتصالات)"
    r"|/+\s*(?:انتهى|يتبع)\s*/+"
    r"|\d{1,2}:\d\d\s*ت\s*[مغ]\b.*"
    r"|رابط\s+الخبر\s+(?:ب|في\s+)?صحيفة.*"
    r"|.*\bsms\b.*)$", re.IGNORECASE)
#: What a site appends to the last sentence: its tags (``… برامجهم.” سمات الفيفا انتخابات``), a
#: link to the story (``رابط الخبر بصحيفة الوئام: <title>``), a columnist's SMS numbers, an agency's
#: end mark.
_TRAILER = re.compile(r"(?:(?<=[.!؟?\"”»)])\s+سمات(?:\s+\S+){1,15}"
                      r"|\s*(?:[-/]+\s*انتهى\s*[-/]+\s*)?رابط\s+الخبر\s+(?:ب|في\s+)?صحيفة[^\n]{0,200}"
                      r"|\s*للتواصل\s+مع\s+الكاتب[^\n]{0,200}"
                      r"|\s+[-/]+\s*انتهى\s*[-/]+)\s*$")
#: Words one of which every trailer holds: a body without any is not searched (the search
#: tries the pattern at each space of the text).
_TRAILER_WORDS = ("سمات", "رابط", "للتواصل", "انتهى")
#: A byline's separator between the writer or paper and the place (``عين اليوم – الرياض``).
_BYLINE = re.compile(r"\s[-–ـ]+\s|\S\s*[-–]\s*\S")
#: Share buttons written before the text on its first line (``Next Previous عين اليوم – …``).
LEADING_NAVIGATION_MIN = 2


def _words(line: str) -> str:
    return " ".join(line.split())


def _navigation(line: str) -> bool:
    words = line.translate(_NAV_PUNCTUATION).split()
    return bool(words) and all(w in _NAVIGATION for w in words)


def known(line: str) -> bool:
    """Whether a line is of a form every site's boilerplate takes."""
    line = _words(line)
    return bool(line) and len(line.split()) <= 2 * SHORT_LINE_WORDS and (
        _navigation(line) or bool(_KNOWN.match(line)))


#: Per source: how many articles it has, and how many of them hold each short line without a
#: digit or a byline's separator (the lines boilerplate is learned from).
Lines = dict[str, tuple[int, Counter[str]]]


def short_lines(articles: Iterable[Article]) -> Lines:
    """The :data:`Lines` of these articles (what :func:`learned` needs of them: a build keeps
    them for each input file, so an unchanged file is not read again to learn from)."""
    counts: Lines = {}
    for a in articles:
        total, lines = counts.get(a.source, (0, Counter()))
        lines.update({line for line in map(_words, a.body.split("\n"))
                      if line and len(line.split()) <= SHORT_LINE_WORDS
                      and not any(c.isdigit() for c in line) and not _BYLINE.search(line)})
        counts[a.source] = (total + 1, lines)
    return counts


def merged(parts: Iterable[Lines]) -> Lines:
    """The :data:`Lines` of several groups of articles together."""
    counts: Lines = {}
    for part in parts:
        for source, (total, lines) in part.items():
            before, seen = counts.get(source, (0, Counter()))
            counts[source] = (before + total, seen + lines)
    return counts


def learned(counts: Lines) -> dict[str, frozenset[str]]:
    """Per source, the short lines that recur in many of its articles."""
    return {source: frozenset(line for line, n in lines.items()
                              if n >= max(LEARN_MIN_ARTICLES, LEARN_MIN_SHARE * total))
            for source, (total, lines) in counts.items()}


def learn(articles: Iterable[Article]) -> dict[str, frozenset[str]]:
    """Per source, the short lines without digits that recur in many of its articles."""
    return learned(short_lines(articles))


def clean_all(articles: list[Article], title_length: int) -> list[Article]:
    """Every article without its boilerplate, learned from all of them (:func:`learn`), and
    with its byline or dateline moved out of the body (:func:`builder.byline.byline`)."""
    by_source = learn(articles)
    sources = source_keys(articles)
    return [clean(a, by_source.get(a.source, frozenset()), title_length, sources) for a in articles]


def clean(article: Article, learned: frozenset[str], title_length: int,
          sources: frozenset[str] = frozenset()) -> Article:
    """The article without its boilerplate lines (listed in ``dropped``) and its head (its
    author and dateline place taken from it); its text, lead, word count and derived title
    follow."""
    kept: list[str] = []
    dropped: list[str] = []
    after_sms = False
    for line in article.body.split("\n"):
        words = _words(line)
        # the lines after an SMS line that give its numbers (``ثم الرسالة``, ``الاتصالات ,636250``)
        sms_detail = after_sms and len(words.split()) <= SHORT_LINE_WORDS and (
            any(c.isdigit() for c in words) or "رسال" in words)
        if words and (known(words) or words in learned or sms_detail):
            dropped.append(words)
            after_sms = after_sms or "sms" in words.lower()
        else:
            kept.append(line)
    body = "\n".join(kept).strip()
    trailer = _TRAILER.search(body) if any(w in body for w in _TRAILER_WORDS) else None
    if trailer:
        dropped.append(_words(trailer.group()))
        body = body[:trailer.start()].rstrip()
    tokens = body.split(" ")
    lead_words = 0
    while lead_words < len(tokens) and tokens[lead_words].strip(".…:|") in _NAVIGATION \
            and "\n" not in tokens[lead_words]:
        lead_words += 1
    if lead_words >= LEADING_NAVIGATION_MIN:
        dropped.append(" ".join(tokens[:lead_words]))
        body = " ".join(tokens[lead_words:]).strip()
    moved = byline(body, article, sources)
    if moved is not None:
        body = moved.body
    if not (dropped or moved) or not body:
        return article
    text = to_text(body, article.markup)
    return replace(article, body=body, text=text, summary=cut(lead(text), 300),
                   words=len(text.split()), dropped=dropped,
                   title=derive_title(text, title_length) if article.title_derived else article.title,
                   head=moved.head if moved else article.head,
                   dateline=moved.place if moved else article.dateline,
                   author=moved.author if moved else article.author)
