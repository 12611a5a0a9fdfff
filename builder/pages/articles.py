"""Article pages: ``docs/articles/<year>/<id>.md``, YAML front matter then the rendered page."""

from __future__ import annotations

from itertools import islice
from typing import Any

from builder.arabic.display import show_date
from builder.config import Config
from builder.markup import to_html, web_url
from builder.model import Article, Entity
from builder.pages import urls
from builder.pages.render import Late, Page
from builder.pages.schema import check_article
from builder.pages.stories import elsewhere
from builder.pages.text_links import Target, add_links
from builder.yamlio import Quoted

#: Where a publication date came from, as the page says it.
DATE_SOURCE_WORDS = {
    "dateline": "من سطر التاريخ في النص", "url": "من رابط المقال", "byline": "من سطر الكاتب",
    "text": "من النص («اليوم» مع اسم اليوم)", "metadata": "من بيانات المقال",
    "collected": "تاريخ الجمع، لا تاريخ النشر",
}


def front_matter(article: Article) -> dict[str, Any]:
    """The page's front matter, the archive's typed record of the article."""
    return {
        "id": article.id,
        "title": article.title,
        "date": Quoted(article.date) if article.date else None,
        "date_source": article.date_source,
        "dates": [
            {"text": d.text, "value": Quoted(d.value), "calendar": d.calendar}
            | ({"hijri": Quoted(d.hijri)} if d.hijri else {})
            for d in article.dates
        ],
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "dateline": article.dateline,
        "story": article.story or article.id,
        "places": list(article.places),
        "actors": list(article.actors),
        "summary": article.summary,
        "words": article.words,
        "original": article.original,
        "original_sha256": article.original_sha256,
        "extra": dict(article.extra),
    }


def entity_links(ids: list[str], entities: dict[str, Entity], here: str) -> list[dict[str, str]]:
    """Name and relative link of each entity id (ids not in the registry are skipped)."""
    out = []
    for eid in ids:
        entity = entities.get(eid)
        if entity is not None:
            out.append({"name": entity.name, "href": urls.link(here, urls.entity_base(entity) + ".md")})
    return out


RELATED_ENTITIES = 3
RELATED_ARTICLES = 4


def related(article: Article, entities: dict[str, Entity], found: dict[str, list[Article]],
            here: str) -> list[dict[str, Any]]:
    """"More from the same place / actor": a few other articles for the first entities named."""
    out = []
    for eid in (article.places + article.actors)[:RELATED_ENTITIES]:
        newest_first = (a for a in reversed(found.get(eid, [])) if a.id != article.id)
        others = list(islice(newest_first, RELATED_ARTICLES))
        if others and eid in entities:
            out.append({"name": entities[eid].name, "href": entity_links([eid], entities, here)[0]["href"],
                        "articles": [{"title": a.title, "href": urls.link(here, urls.article_doc(a))}
                                  for a in others]})
    return out


def _period_link(value: str, periods: dict[str, str], here: str) -> str:
    """The link from ``here`` to where the timeline shows the period of an EDTF date (a range by
    its start), or "" when the timeline has no article in it."""
    start = value.split("/", 1)[0]
    doc = (periods.get(start[:7]) or periods.get(start[:4])) if start[:4].isdigit() else None
    if not doc:
        return ""
    page, _, anchor = doc.partition("#")
    return urls.link(here, page) + (f"#{anchor}" if anchor else "")


def links_in_text(article: Article, entities: dict[str, Entity], periods: dict[str, str],
                  here: str) -> list[Target]:
    """What the article's text links: the first mention of each of its places and actors that
    has a page, and each date whose period the timeline shows."""
    targets = []
    for eid in article.places + article.actors:
        if eid in entities and eid in article.named:
            start, end = article.named[eid]
            href = urls.link(here, urls.entity_base(entities[eid]) + ".md")
            targets.append(Target(start, end, href, "arshif-named"))
    for d in article.dates:
        href = _period_link(d.value, periods, here)
        if href:
            targets.append(Target(d.start, d.end, href, "arshif-when"))
    return targets


def article_page(article: Article, entities: dict[str, Entity], cfg: Config,
                 found: dict[str, list[Article]] | None = None,
                 family: list[Article] | None = None,
                 periods: dict[str, str] | None = None) -> Page:
    """One article's page (``found``: entity id -> its articles, for the related ones;
    ``family``: the members of its story, earliest first, when it has copies; ``periods``:
    where the timeline shows each period, :func:`builder.pages.indexes.periods`)."""
    here = urls.article_doc(article)
    family = family or []
    targets = links_in_text(article, entities, periods or {}, here)
    view = {
        "title": article.title,
        "title_derived": article.title_derived,
        "date": show_date(article.date, cfg.month_style, cfg.digits) if article.date else "",
        "date_value": article.date or "",
        "date_source": DATE_SOURCE_WORDS.get(article.date_source or "", ""),
        "source": article.source,
        "url": article.url if web_url(article.url) else "",
        "author": article.author,
        "dateline": article.dateline,
        "places": entity_links(article.places, entities, here),
        "actors": entity_links(article.actors, entities, here),
        "original": article.original,
        "original_sha256": article.original_sha256,
        "address": urls.address(cfg.site_url, here),
        "related": related(article, entities, found or {}, here),
        "elsewhere": elsewhere(article, family, cfg, here) if family else [],
        "earliest": bool(family) and family[0].id == article.id,
    }

    def with_body() -> dict[str, Any]:
        return {"a": view | {"body": add_links(to_html(article.body, article.markup),
                                               article.text, targets)}}

    return Page(here, front_matter(article), "article.html.j2", {"a": view},
                owner=article.original, check=check_article,
                late=Late([article.body, article.markup, article.text, targets], with_body))
