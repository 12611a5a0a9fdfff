"""Exports for people who reuse the archive: JSON lines, entities, TimelineJS, RSS and Atom
feeds (the SQLite database, made only when its contents change, is :mod:`builder.pages.database`).

All are data files: article text goes in JSON strings or XML text nodes, escaped by the
serialisers, never spliced into markup. TimelineJS renders its text fields (headline, text and
the group label) as HTML, so those are HTML-escaped as well; the group twice, since TimelineJS
first takes the text out of it as HTML (which turns ``&lt;`` back into ``<``) and then shows
that as HTML. An RSS item's description is escaped too: feed readers take it for HTML (Atom
says its summary is text).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from builder import jsonout
from builder.config import Config
from builder.markup import web_url
from builder.model import Article, Entity
from builder.pages import urls
from builder.pages.indexes import date_key
from builder.pages.stories import families


def _json(data: dict[str, Any] | list[Any]) -> bytes:
    return jsonout.dumps(data).encode("utf-8")


def article_record(a: Article, entities: dict[str, Entity], cfg: Config) -> dict[str, Any]:
    return {
        "id": a.id, "title": a.title, "date": a.date, "date_source": a.date_source,
        "source": a.source, "url": a.url,
        "author": a.author, "dateline": a.dateline, "story": a.story or a.id, "summary": a.summary,
        "words": a.words,
        "dates": [{"text": d.text, "value": d.value, "calendar": d.calendar}
                  | ({"hijri": d.hijri} if d.hijri else {}) for d in a.dates],
        "places": [{"id": e, "name": entities[e].name} for e in a.places if e in entities],
        "actors": [{"id": e, "name": entities[e].name} for e in a.actors if e in entities],
        "page": urls.address(cfg.site_url, urls.article_doc(a)), "original": a.original,
        "original_sha256": a.original_sha256, "text": a.text,
    }


def _timeline_date(value: str) -> dict[str, str]:
    parts = value.split("-")
    out = {"year": parts[0]}
    if len(parts) > 1:
        out["month"] = str(int(parts[1]))
    if len(parts) > 2:
        out["day"] = str(int(parts[2]))
    return out


def _rfc822(value: str) -> str:
    day = datetime.strptime(value[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    return day.strftime("%a, %d %b %Y 00:00:00 +0000")


def feeds(latest: list[Article], cfg: Config) -> Iterator[tuple[str, bytes]]:
    """RSS 2.0 and Atom of the latest articles (dated to the day)."""
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = cfg.name
    ET.SubElement(channel, "link").text = cfg.site_url or "./"
    ET.SubElement(channel, "description").text = cfg.description
    ET.SubElement(channel, "language").text = "ar"
    ns = "http://www.w3.org/2005/Atom"
    atom = ET.Element("feed", xmlns=ns)
    atom.set("xml:lang", "ar")
    ET.SubElement(atom, "title").text = cfg.name
    ET.SubElement(atom, "id").text = cfg.site_url or "urn:arshif:" + cfg.name
    newest = latest[0].date if latest and latest[0].date else "2000-01-01"
    ET.SubElement(atom, "updated").text = newest[:10] + "T00:00:00Z"
    for a in latest:
        link = urls.address(cfg.site_url, urls.article_doc(a))
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = a.title
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", isPermaLink="false").text = a.id
        ET.SubElement(item, "description").text = html.escape(a.summary, quote=False)
        if a.date and len(a.date) == 10:
            ET.SubElement(item, "pubDate").text = _rfc822(a.date)
        entry = ET.SubElement(atom, "entry")
        ET.SubElement(entry, "title").text = a.title
        ET.SubElement(entry, "id").text = "urn:arshif:" + a.id
        ET.SubElement(entry, "link", href=link)
        ET.SubElement(entry, "updated").text = (a.date or "2000-01-01")[:10] + "T00:00:00Z"
        ET.SubElement(entry, "summary").text = a.summary
        if a.url and web_url(a.url):
            ET.SubElement(entry, "link", rel="via", href=a.url)
    yield "feed.xml", ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    yield "atom.xml", ET.tostring(atom, encoding="utf-8", xml_declaration=True)


def exports(articles: list[Article], entities: dict[str, Entity],
            cfg: Config) -> Iterator[tuple[str, bytes]]:
    """Every export file, as (path under docs/, bytes)."""
    ordered = sorted(articles, key=date_key)
    yield "data/articles.jsonl", b"".join(
        json.dumps(article_record(a, entities, cfg), ensure_ascii=False).encode("utf-8") + b"\n"
        for a in ordered)
    used = Counter(e for a in articles for e in dict.fromkeys(a.places + a.actors))
    yield "data/entities.json", _json([
        {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.every_alias),
         "description": e.description, "wikidata": e.wikidata, "lat": e.lat, "lon": e.lon,
         "country": e.country, "status": e.status, "articles": used[e.id],
         "page": urls.address(cfg.site_url, urls.entity_base(e) + ".md")}
        for e in sorted(entities.values(), key=lambda e: e.id) if e.id in used])
    yield "data/timeline.json", _json({
        "title": {"text": {"headline": html.escape(cfg.name), "text": html.escape(cfg.description)}},
        "events": [{"start_date": _timeline_date(a.date), "unique_id": a.id,
                    "text": {"headline": html.escape(a.title), "text": html.escape(a.summary)},
                    "group": html.escape(html.escape(a.source)) if a.source else None}
                   for a in ordered if a.date and "/" not in a.date and a.date[:4].isdigit()],
    })
    latest = sorted((a for a in articles if a.date), key=date_key, reverse=True)[: cfg.latest]
    yield from feeds(latest, cfg)
    yield "data/stories.json", _json([
        {"id": story, "members": [{"id": a.id, "source": a.source, "date": a.date, "title": a.title,
                                   "page": urls.address(cfg.site_url, urls.article_doc(a))} for a in members]}
        for story, members in sorted(families(articles).items())])
