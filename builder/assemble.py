"""RawArticle -> Article: metadata checked and typed, body cleaned, id, title and lead made.

Extraction (dates, places, actors) comes after, on the Article this returns.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from datetime import date, datetime
from itertools import islice
from typing import Any

from builder.markup import to_text
from builder.model import Article, Problem, RawArticle
from builder.readers import fields
from builder.sources import SourceTable

#: Control characters other than newline and tab never belong in article text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Bidirectional controls (marks, embeddings, isolates): stray ones in a title or a name reorder
#: what follows them on the page; the text's own direction needs none.
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_SENTENCE_END = re.compile(r"[.!؟?؛]\s|\n")
_KNOWN = ("title", "date", "collected", "source", "url", "author", "body")


def clean_text(text: str) -> str:
    """Newlines unified, control characters dropped, outer blank space trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def content_id(body: str) -> str:
    """Stable id: the same text (whatever its spacing or file name) gives the same id."""
    canonical = " ".join(unicodedata.normalize("NFC", body).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def cut(text: str, limit: int) -> str:
    """``text`` up to ``limit`` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head[:limit]).rstrip("،,؛:- ") + "…"


#: A lead is a sentence, not a byline or a dateline ("عبدالرحمن الشهري – نجران").
LEAD_MIN_WORDS = 8
#: A word with at least two letters (digits and punctuation do not count).
_WORD = re.compile(r"(?<!\S)(?=\S*?[^\W\d_]\S*?[^\W\d_])\S+")


def lead(text: str) -> str:
    """The first paragraph that reads as a sentence (else the first line): summary and title."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines:
        if sum(1 for _ in islice(_WORD.finditer(line), LEAD_MIN_WORDS)) >= LEAD_MIN_WORDS:
            return line
    return lines[0] if lines else ""


def derive_title(body: str, limit: int) -> str:
    """A title from the lead sentence, for articles that came without one."""
    first = lead(body)
    m = _SENTENCE_END.search(first + "\n")
    sentence = first[: m.start() + 1] if m and m.start() > 0 else first
    return cut(sentence.rstrip(".").strip(), limit)


def _text_field(meta: dict[str, Any], key: str, problems: list[str], decode: bool) -> str:
    """A one-line metadata field; ``decode``: its HTML entities are decoded (once: a reader of
    web pages hands them decoded already)."""
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, str):
        value = html.unescape(value) if decode else value
        return " ".join(_BIDI.sub("", clean_text(value)).split())
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    problems.append(f"field '{key}' is a {type(value).__name__}, not text: ignored")
    return ""


def _extra(meta: dict[str, Any]) -> dict[str, Any]:
    """Fields we do not know are kept (as YAML/JSON-safe values), never dropped."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if key in _KNOWN:
            continue
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif not isinstance(value, str | int | float | bool | list | dict | type(None)):
            value = str(value)
        out[str(key)] = value
    return out


def _date_field(meta: dict[str, Any], key: str, notes: list[str]) -> str | None:
    """A date as the metadata gives it, as text (parsed by the dates stage)."""
    value = meta.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).strip()
    notes.append(f"field '{key}' is a {type(value).__name__}, not a date: ignored")
    return None


_NO_SOURCES = SourceTable({})


def assemble(raw: RawArticle, title_length: int, *, collected: tuple[str, ...] = fields.COLLECTED,
             sources: SourceTable = _NO_SOURCES) -> tuple[Article | None, list[Problem]]:
    """The Article for ``raw`` (None when it has no text) and what was wrong with it.
    ``collected``: the metadata fields that hold a collection date; ``sources``: the names
    readers know for source slugs and domains."""
    meta = fields.normalise(raw.meta, collected)
    decode = not raw.decoded
    notes: list[str] = []
    body = raw.body
    if not body.strip():
        candidate = meta.get("body")
        if candidate is not None and not isinstance(candidate, str):
            notes.append(f"field 'body' is a {type(candidate).__name__}, not text")
            candidate = ""
        body = candidate or ""
    body = clean_text(body)
    if not body:
        reasons = [*notes, "empty article: no text"]
        return None, [Problem(raw.origin, "; ".join(reasons))]
    title = _text_field(meta, "title", notes, decode)
    url = _text_field(meta, "url", notes, decode=False)
    text = to_text(body, raw.markup)
    source = _text_field(meta, "source", notes, decode)
    known = sources.find(source, url)
    article = Article(
        id=content_id(body),
        title=cut(title, 300) if title else derive_title(text, title_length),
        title_derived=not title,
        date=None,
        given_date=_date_field(meta, "date", notes),
        collected=_date_field(meta, "collected", notes),
        source=sources.name(source, url),
        source_country=known.country if known else "",
        url=url,
        author=_text_field(meta, "author", notes, decode),
        summary=cut(lead(text), 300),
        words=len(text.split()),
        origin=raw.origin,
        body=body,
        markup=raw.markup,
        text=text,
        extra=_extra(meta),
    )
    return article, [Problem(raw.origin, n, "warning") for n in notes]
