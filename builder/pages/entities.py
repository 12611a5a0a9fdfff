"""Place and actor pages: the indexes in Arabic order, and a paged page per entity."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import cache, partial
from typing import Any
from urllib.parse import quote

from babel import Locale

from builder.arabic.addresses import address_name
from builder.arabic.collate import sort_key
from builder.arabic.counts import count
from builder.arabic.display import digits, show_date
from builder.config import Config
from builder.model import Article, Entity
from builder.pages import urls
from builder.pages.articles import entity_links
from builder.pages.charts import chart
from builder.pages.indexes import date_key, entry, paged, pager, shown
from builder.pages.render import Late, Page
from builder.pages.stories import once
from builder.registry import RESERVED_IDS, folder

KIND_TITLES = {"places": "الأماكن", "actors": "الفاعلون"}
TYPE_TITLES = {"PER": "الأشخاص", "ORG": "المنظمات", "LOC": "الأماكن"}


@cache
def country_name(code: str) -> str:
    """A country's Arabic name from CLDR (babel); places with no country group under "أخرى"."""
    if not code:
        return "أماكن أخرى"
    return str(Locale.parse("ar").territories.get(code.upper(), code))


def mentions(articles: list[Article]) -> dict[str, list[Article]]:
    """Entity id -> its articles in date order."""
    found: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(articles, key=date_key):
        for eid in dict.fromkeys(article.places + article.actors):
            found[eid].append(article)
    return found


def index_pages(found: dict[str, list[Article]], entities: dict[str, Entity],
                cfg: Config) -> Iterator[Page]:
    """``places/index.md`` (by country) and ``actors/index.md`` (people, organisations), each in
    Arabic alphabetical order and paged at ``page_size`` names (``found``: :func:`mentions`)."""
    for kind in ("places", "actors"):
        rows = []
        for eid, entity in entities.items():
            if folder(entity) != kind or eid not in found:
                continue
            label = country_name(entity.country) if kind == "places" else TYPE_TITLES[entity.type]
            rows.append((sort_key(label), label, sort_key(entity.name), eid, entity))
        rows.sort()
        size = cfg.page_size
        last = max(1, -(-len(rows) // size))
        for n in range(last):
            doc = f"{kind}/index.md" if n == 0 else f"{kind}/index-{n + 1}.md"
            groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for _, label, _, eid, entity in rows[n * size:(n + 1) * size]:
                groups[label].append({"name": entity.name,
                                      "href": urls.link(doc, urls.entity_base(entity) + ".md"),
                                      "count": digits(str(len(found[eid])), cfg.digits)})
            title = KIND_TITLES[kind] if n == 0 else f"{KIND_TITLES[kind]} ({n + 1})"
            yield Page(doc, {"title": title}, "entity_index.html.j2",
                       {"title": title, "groups": list(groups.items()),
                        "pages": pager(doc, f"{kind}/index", n + 1, last)})


def entity_pages(found: dict[str, list[Article]], entities: dict[str, Entity],
                 cfg: Config) -> Iterator[Page]:
    """A page per mentioned entity (``found``: :func:`mentions`): names, description, years,
    neighbours, articles (paged).

    An article is listed on the page of each entity it names, all at one depth: its entry is
    made once per folder and story copies, and shared by those pages. The list and the chart
    are made only for a page that is rendered (:class:`Late`): what they are made from is the
    listed articles as :func:`shown` and the dates counted."""
    entries: dict[tuple[str, str, tuple[str, ...]], dict[str, Any]] = {}
    keys: dict[tuple[str, tuple[str, ...]], tuple[Any, ...]] = {}

    def listed(a: Article, doc: str, copies: Sequence[Article]) -> dict[str, Any]:
        key = (a.id, doc.rsplit("/", 1)[0], tuple(c.id for c in copies))
        if key not in entries:
            entries[key] = entry(a, doc, entities, cfg, copies)
        return entries[key]

    def key_of(a: Article, copies: Sequence[Article]) -> tuple[Any, ...]:
        key = (a.id, tuple(c.id for c in copies))
        if key not in keys:
            keys[key] = shown(a, entities, copies)
        return keys[key]

    for eid, items in sorted(found.items()):
        entity = entities.get(eid)
        if entity is None:
            continue
        kind = folder(entity)
        beside = Counter(other for a in items for other in dict.fromkeys(a.places + a.actors)
                         if other != eid and other in entities)
        dates = [a.date for a in items]
        dated = [d for d in dates if d]
        base = urls.entity_base(entity)
        told = once(items)
        top = [o for o, _ in sorted(beside.items(), key=lambda kv: (-kv[1], kv[0]))]
        places = [o for o in top if entities[o].type == "LOC"][:10]
        actors = [o for o in top if entities[o].type != "LOC"][:10]
        for doc, chunk, number, last in paged(base, told, cfg.page_size):
            view = {
                "name": entity.name,
                "type": TYPE_TITLES[entity.type],
                "aliases": [a for a in entity.every_alias if a != entity.name],
                "description": entity.description,
                "machine": entity.status == "machine",
                "wikidata": entity.wikidata,
                "first": show_date(dated[0], cfg.month_style, cfg.digits) if dated else "",
                "last": show_date(dated[-1], cfg.month_style, cfg.digits) if dated else "",
                "places": entity_links(places, entities, doc),
                "actors": entity_links(actors, entities, doc),
                "pages": pager(doc, base, number, last),
                "index": urls.link(doc, f"{kind}/index.md"),
                "index_title": KIND_TITLES[kind],
                "lat": entity.lat,
                "lon": entity.lon,
                "tiles": cfg.map_tiles,
                "attribution": cfg.map_attribution,
                "count": count(len(items), "article", cfg.digits),
                "stories": count(len(told), "story", cfg.digits) if len(told) != len(items) else "",
            }
            title = entity.name if number == 1 else f"{entity.name} ({number})"
            made_from = [cfg.month_style, cfg.digits, dates,
                         [key_of(a, copies) for a, copies in chunk]]
            yield Page(doc, {"title": title}, "entity.html.j2", {"e": view},
                       owner=f"entity '{entity.name}' ({eid})",
                       late=Late(made_from, partial(_listed, view, entity.name, dates, chunk,
                                                    partial(listed, doc=doc), cfg)))


def _listed(view: dict[str, Any], name: str, dates: list[str | None],
            chunk: list[tuple[Article, list[Article]]],
            listed: Callable[..., dict[str, Any]], cfg: Config) -> dict[str, Any]:
    """An entity page's values, its chart and its list of articles made."""
    return {"e": view | {
        "chart": chart(dates, f"المقالات التي تذكر {name}", cfg.month_style, cfg.digits),
        "entries": [listed(a, copies=copies) for a, copies in chunk]}}


def moved(found: dict[str, list[Article]],
          entities: dict[str, Entity]) -> Iterator[tuple[str, dict[str, str]]]:
    """The addresses an entity's page had or may be looked for at, each to a page that sends
    the reader on: its id's (``places/geo-bf77258bd1/``, the address before pages went by name)
    and its other names' (``places/سورية/``; a renamed entry keeps its old name as an alias, so
    the old address still leads to it). Yields the ``index.html`` under docs/ and the page's
    view: the name and the relative address it moved to."""
    taken = {urls.entity_base(entities[eid]) for eid in found if eid in entities}
    for eid in sorted(found):
        entity = entities.get(eid)
        if entity is None:
            continue
        base = urls.entity_base(entity)
        for old in [eid, *(address_name(a) for a in entity.every_alias)]:
            path = f"{folder(entity)}/{old}"
            if old and path not in taken and not RESERVED_IDS.match(old):
                taken.add(path)
                yield f"{path}/index.html", {"name": entity.name,
                                             "href": "../" + quote(base.split("/", 1)[1]) + "/"}
