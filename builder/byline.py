"""The byline or dateline at the head of a story (``عين اليوم – الرياض``, ``محمد آل الحمري- سبق-
عسير:``, ``القريات 26 شوال 1436 هـ … واس``): moved out of the body into the article's author
and the place the story was filed from (its ``dateline``); the line itself stays evidence of
the publication date (:mod:`builder.extract.published`). An author field that holds such a
line (``الرياض - الوئام :``) is read the same way.

A head is the first line when it is short, or the words before a colon that opens the first
line. Its parts, split at dashes, are read around the part that names the article's source,
a wire or desk (``متابعات``, ``وكالات``, ``واس``) or another of the archive's sources: before it
the author, or the place when the shipped gazetteer knows it as one (``الرياض - الوئام``);
after it the place (``سبق- الرياض``, where الرياض is a city though also a paper). Without such a
part, a head is one only with a date in it (the place is the words before the date) or when
the gazetteer knows one of its two parts as a place (``ناصر الطميحي ـ جدة``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.arabic.normalize import fold
from builder.extract.dates import find_dates
from builder.extract.published import DATELINE_WORDS, dateline_day
from builder.model import Article

#: parts of a head that name a wire or a desk, not a person or a place
WIRES = frozenset(" ".join(fold(w).split()) for w in (
    "متابعات", "متابعة", "وكالات", "الوكالات", "خاص", "المحليات", "عواصم", "واس", "رويترز", "أ ف ب",
    "د ب أ", "العواصم", "الوكالة", "rt", "cnn", "bbc", "sky", "afp", "ap", "وام",
    "أ ش أ", "يو بي اي", "الأناضول", "وكالة الأنباء السعودية",
))
#: the longest head (a dateline's length), and the longest part of one, in words
HEAD_WORDS = DATELINE_WORDS
PART_WORDS = 5
#: what parts a head: a hyphen, en or em dash, a tatweel written as a dash (``سبق ـ الرياض``), or
#: a colon (an author field's ``لندن: «الشرق الأوسط»``)
_PARTS = re.compile(r"\s*[-–—:]+\s*|\s+ـ+\s*|\s*ـ+\s+")
_QUOTES = "«»\"“”"
#: a desk and the place it files from in one part (``«الاقتصادية» من الرياض``)
_FROM = re.compile(r"^(.+?)\s+من\s+(.+)$")
#: words around a paper's name that name its edition or bureau, not another desk
_EDITION = frozenset(fold(w) for w in ("أونلاين", "الإلكتروني", "الإلكترونية", "نت"))
_BUREAU = fold("مكتب")
_SENTENCE = re.compile(r"[.،,؛;!؟?\"«»()]")
_WITHIN = re.compile(r"^([^()]+?)\s*\(([^()،,]+)\)$")


@dataclass(frozen=True)
class Byline:
    """What a story's head gives: the line, the body after it, the author, the place."""

    head: str
    body: str
    author: str
    place: str


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def _desk_key(part: str) -> str:
    """A part's key as a desk is compared: without quotes, an edition (``الشرق الأوسط أونلاين``)
    or a bureau (``مكتب الجزيرة``)."""
    words = _key(part.strip(_QUOTES + " ")).split()
    if len(words) > 1 and words[-1] in _EDITION:
        words.pop()
    if len(words) > 1 and words[0] == _BUREAU:
        words.pop(0)
    return " ".join(words)


def _is_place(part: str, kinds: frozenset[str] | None = None) -> bool:
    """Whether the gazetteer knows ``part`` as a place; with ``kinds``, as one of those kinds
    spelt as written (``الجزيره``, a spelling of Algiers, does not make ``الجزيرة`` a capital)."""
    from builder.ner.resources import places
    from builder.registry import stems_of

    known = places().get(stems_of(part), [])
    return bool(known) if kinds is None else \
        any(p.kind in kinds and p.name.split() == part.split() for p in known)


#: the kinds of place a paper may be named for and file from (``الرياض - واس`` in الرياض is a
#: story filed from Riyadh; ``الجزيرة - واس`` in الجزيرة names no place)
_NAMED_FOR = frozenset({"capital", "country"})


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _head(body: str) -> tuple[str, str] | None:
    """The head of ``body`` and the body without it, or None."""
    first, _, rest = body.lstrip().partition("\n")
    line = first.strip()
    colon = line.find(":")
    if colon > 0 and len(line[:colon].split()) <= HEAD_WORDS:
        head, after = line[:colon], line[colon + 1:].strip()
        return head.strip(), (after + "\n" + rest if after else rest).strip()
    if line and len(line.split()) <= HEAD_WORDS and rest.strip():
        return line, rest.strip()
    return None


def _own_keys(source: str) -> frozenset[str]:
    """The keys a head names the article's own paper by: with its edition or bureau (``الشرق
    الأوسط أونلاين``, ``مكتب الجزيرة``), and bare unless the paper is named for a capital it
    files from (in الرياض, ``الرياض - واس`` and ``الرياض- ثقافة اليوم`` name the city)."""
    name = _desk_key(source)
    forms = {f"{name} {e}" for e in _EDITION} | {f"{_BUREAU} {name}"}
    return frozenset(forms if _is_place(source, _NAMED_FOR) else forms | {name})


def read_head(head: str, source: str, sources: frozenset[str]) -> tuple[str, str] | None:
    """(author, place) a head gives (either may be empty), or None when it is no head.
    ``source``: the article's source name; ``sources``: the archive's, folded."""
    if dateline_day(head) is not None:  # a dateline: the place is the words before the date
        return "", _PARTS.split(head[:find_dates(head)[0].start])[0].strip()
    within = _WITHIN.match(head)  # عكاظ (جدة), متعب العبيد (الرياض): the place in brackets
    parts = [within[1].strip(" :-–—"), within[2].strip()] if within else \
        [p.strip(_QUOTES + " ") for p in _PARTS.split(head) if p.strip(_QUOTES + " ")]
    own = _own_keys(source)

    def tier(part: str) -> int | None:
        """0 for a wire, 1 for the article's own paper, 2 for another of the archive's papers
        where the part is no place (``الرياض: حسن الصفيان`` in الوطن is the city, though الرياض
        is a paper too), None for no desk."""
        key = _key(part)
        if key in WIRES:
            return 0
        if key in own:
            return 1
        return 2 if _desk_key(part) in sources and not _is_place(part) else None

    for i, part in enumerate(parts):
        split = _FROM.match(part)
        if split and tier(split[1].strip(_QUOTES + " ")) is not None:
            parts[i:i + 1] = [split[1].strip(_QUOTES + " "), split[2]]
            break
    if not parts or any(len(p.split()) > PART_WORDS or _SENTENCE.search(p) for p in parts):
        return None
    tiers = [tier(p) for p in parts]
    if within and tiers[1] == 0:  # لندن : (رويترز): the wire in brackets
        return "", parts[0] if tiers[0] != 1 else ""
    if within:
        return ("" if tiers[0] is not None else parts[0]), parts[1]
    desk = min(((t, i) for i, t in enumerate(tiers) if t is not None), default=(None, None))[1]
    if desk is not None:
        # the paper naming itself beside a wire (الجزيرة- واس) is neither author nor place
        before, after = ([p for p, t in zip(parts[a:b], tiers[a:b], strict=True)
                          if t not in (0, 1) and not _has_digit(p)]
                         for a, b in ((0, desk), (desk + 1, len(parts))))
        if before and (_is_place(before[-1]) or len(before[-1].split()) == 1):  # a name has two words
            # the writer before the place, or after the paper (مكة - الوئام - حجب العصيمي)
            writer = before[:-1] or [p for p in after if not _is_place(p)]
            return (writer[-1] if before[:-1] else writer[0]) if writer else "", before[-1]
        author = before[-1] if before else ""
        # after it a place (سبق- الرياض, عين اليوم – مانسانار), or a name the gazetteer does
        # not know as a place (الرياض - عبدالعزيز العنبر: the paper, then its writer)
        if after and not author and len(after[0].split()) >= 2 and not _is_place(after[0]):
            return after[0], ""
        return author, (after[0] if after else "")
    if len(parts) == 2:
        if _key(parts[1]) == _desk_key(source) and _is_place(parts[0]):  # دبي - الرياض in الرياض
            return "", parts[0]
        if _is_place(parts[0]) and len(parts[1].split()) >= 2:
            return parts[1], parts[0]
        if _is_place(parts[1]) and len(parts[0].split()) >= 2:
            return parts[0], parts[1]
    return None


def byline(body: str, article: Article, sources: frozenset[str]) -> Byline | None:
    """What the head of ``body`` (the article's, cleaned) gives, or its author field when that
    holds a head; None when neither does. ``sources``: the archive's source names, folded
    (:func:`source_keys`)."""
    found = _head(body) if article.markup != "html" else None  # a web page's reader splits its own
    read = read_head(found[0], article.source, sources) if found else None
    if found is not None and read is not None and found[1]:
        # the metadata's author stays, unless it is the head itself (as sabq's author field is)
        kept = article.author if _key(article.author).rstrip(":").strip() != _key(found[0]) else ""
        return Byline(found[0], found[1], kept or read[0], read[1])
    own = article.author.strip().rstrip(":").strip()
    # a date in the author field stays there: it is the byline's evidence of the day
    read = read_head(own, article.source, sources) if own and dateline_day(own) is None else None
    return Byline("", body, *read) if read is not None else None


def source_keys(articles: list[Article]) -> frozenset[str]:
    """The archive's source names as a head's parts are compared with them."""
    return frozenset(_desk_key(a.source) for a in articles if a.source)
