"""The generated index pages: home, timeline (per year, paged), places and actors."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from builder.arabic.counts import count, span
from builder.arabic.display import digits, month_names, show_date
from builder.config import Config
from builder.model import Article, Entity
from builder.pages import urls
from builder.pages.articles import entity_links
from builder.pages.charts import chart
from builder.pages.render import Page
from builder.pages.stories import once

T = TypeVar("T")


def date_key(article: Article) -> tuple[str, str]:
    """Date order; a year-only or year-month date sorts at the head of its period."""
    return (article.date or "", article.id)


#: What :func:`entry` reads of an article and of each of its copies: a list of entries is the
#: same while these are (:func:`shown`).
ENTRY_FIELDS = ("id", "year", "title", "date", "summary", "source", "places", "actors")
COPY_FIELDS = ("id", "year", "source", "title")


def shown(article: Article, entities: dict[str, Entity], copies: Sequence[Article] = ()) -> tuple[Any, ...]:
    """Everything :func:`entry` makes an article's entry from, as plain data to hash (the
    display names and pages of the entities it names included), but the list's page and the
    archive's settings."""
    named = tuple((e, entities[e].name, urls.entity_base(entities[e]))
                  for e in dict.fromkeys(article.places + article.actors) if e in entities)
    return (tuple(getattr(article, f) for f in ENTRY_FIELDS), named,
            tuple(tuple(getattr(c, f) for f in COPY_FIELDS) for c in copies))


def entry(article: Article, here: str, entities: dict[str, Entity], cfg: Config,
          copies: Sequence[Article] = ()) -> dict[str, Any]:
    """What a list shows of an article: date, title link, lead, places and actors, and the
    list's other copies of its story (shown as «+N», expandable). It reads the article's
    ``ENTRY_FIELDS`` and its copies' ``COPY_FIELDS`` only."""
    precision = {4: "السنة فقط", 7: "الشهر فقط"}.get(len(article.date or ""), "")
    return {
        "title": article.title,
        "href": urls.link(here, urls.article_doc(article)),
        "date": show_date(article.date, cfg.month_style, cfg.digits),
        "date_value": article.date or "",
        "precision": precision,
        "summary": article.summary,
        "source": article.source,
        "places": entity_links(article.places, entities, here),
        "actors": entity_links(article.actors, entities, here),
        "copies": [{"source": c.source or c.title, "href": urls.link(here, urls.article_doc(c)),
                    "title": c.title} for c in copies],
        "more": count(len(copies), "other source", cfg.digits),
    }


def paged(base: str, items: Sequence[T], size: int) -> Iterator[tuple[str, list[T], int, int]]:
    """Split ``items`` into pages: ``base.md``, ``base-2.md``…; yields doc, items, number, count."""
    count = max(1, -(-len(items) // size))
    for n in range(count):
        doc = f"{base}.md" if n == 0 else f"{base}-{n + 1}.md"
        yield doc, list(items[n * size:(n + 1) * size]), n + 1, count


def pager(here: str, base: str, number: int, count: int) -> list[dict[str, Any]]:
    """Links to every page of a paged list (the current one without a link)."""
    return [
        {"number": n, "href": "" if n == number else
         urls.link(here, f"{base}.md" if n == 1 else f"{base}-{n}.md")}
        for n in range(1, count + 1)
    ] if count > 1 else []


def home(articles: list[Article], entities: dict[str, Entity], cfg: Config) -> Page:
    """Counts and the latest articles."""
    here = "index.md"
    dated = [a for a in articles if a.date]
    latest = once(sorted(dated, key=date_key, reverse=True))[: cfg.latest]
    years = sorted({a.year for a in dated})
    used = {eid for a in articles for eid in a.places + a.actors}
    counts = {
        "articles": count(len(articles), "article", cfg.digits),
        "years": span(years[0], years[-1], cfg.digits) if years else "",
        "sources": count(len({a.source for a in articles if a.source}), "source", cfg.digits),
        "places": count(sum(1 for e in used if e in entities and entities[e].type == "LOC"), "place",
                        cfg.digits),
        "actors": count(sum(1 for e in used if e in entities and entities[e].type != "LOC"), "actor",
                        cfg.digits),
    }
    view = {
        "name": cfg.name,
        "description": cfg.description,
        "counts": counts,
        "chart": chart([a.date for a in articles], "مقالات الأرشيف", cfg.month_style, cfg.digits),
        "latest": [entry(a, here, entities, cfg, copies) for a, copies in latest],
        "timeline": urls.link(here, "timeline/index.md"),
        "places": urls.link(here, "places/index.md"),
        "actors": urls.link(here, "actors/index.md"),
    }
    return Page(here, {"title": "الرئيسية"}, "home.html.j2", {"v": view})


def by_year(articles: list[Article]) -> dict[str, list[Article]]:
    """The articles of each year (``undated`` too), in date order."""
    years: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(articles, key=date_key):
        years[article.year].append(article)
    return years


def _period(article: Article) -> str:
    """The part of its year's page an article is listed under: ``m08`` for August, ``myear``
    when only the year is known, ``m`` when undated (also the section's anchor)."""
    d = article.date or ""
    return f"m{d[5:7]}" if len(d) >= 7 else ("myear" if d else "m")


#: a page of a year: year, doc, its stories (each once, with its copies), number, count
YearPage = tuple[str, str, list[tuple[Article, list[Article]]], int, int]


def year_pages(years: dict[str, list[Article]], cfg: Config) -> list[YearPage]:
    """Each year's pages (``years``: :func:`by_year`)."""
    return [(year, doc, chunk, number, last) for year, items in years.items()
            for doc, chunk, number, last in paged(f"timeline/{year}", once(items), cfg.page_size)]


def periods(pages: list[YearPage]) -> dict[str, str]:
    """Where the timeline shows each period that has articles: ``2015`` -> its year's page,
    ``2015-08`` -> the page and section where August 2015 begins (``timeline/2015-2.md#m08``)."""
    out: dict[str, str] = {}
    for year, doc, chunk, _, _ in pages:
        out.setdefault(year, f"timeline/{year}.md")
        for a, _ in chunk:
            if a.date and len(a.date) >= 7:
                out.setdefault(a.date[:7], f"{doc}#{_period(a)}")
    return out


def timeline(years: dict[str, list[Article]], pages: list[YearPage], entities: dict[str, Entity],
             cfg: Config) -> Iterator[Page]:
    """The overview (years, articles per month) and each year's pages (``pages``: :func:`year_pages`
    of ``years``), grouped by month."""
    here = "timeline/index.md"
    months = month_names(cfg.month_style)
    overview = []
    for year in sorted(y for y in years if y != "undated"):
        per_month = Counter(a.date[5:7] for a in years[year] if a.date and len(a.date) >= 7)
        overview.append({
            "year": digits(year, cfg.digits),
            "href": urls.link(here, f"timeline/{year}.md"),
            "count": digits(str(len(years[year])), cfg.digits),
            "months": [{"name": months[m], "count": digits(str(per_month.get(f"{m:02d}", 0)), cfg.digits),
                        "n": per_month.get(f"{m:02d}", 0)} for m in range(1, 13)],
        })
    undated = {"count": count(len(years.get("undated", [])), "article", cfg.digits),
               "href": urls.link(here, "timeline/undated.md")} if "undated" in years else None
    yield Page(here, {"title": "الخط الزمني"}, "timeline.html.j2",
               {"years": overview, "undated": undated, "months": [months[m] for m in range(1, 13)]})
    for year, doc, chunk, number, last in pages:
        title = "بلا تاريخ" if year == "undated" else digits(year, cfg.digits)
        groups: dict[str, dict[str, Any]] = {}
        for a, copies in chunk:
            anchor = _period(a)
            label = months[int(anchor[1:])] if anchor[1:].isdigit() else \
                ("السنة كاملة" if anchor == "myear" else "")
            group = groups.setdefault(anchor, {"label": label, "anchor": anchor, "entries": []})
            group["entries"].append(entry(a, doc, entities, cfg, copies))
        yield Page(doc, {"title": title if number == 1 else f"{title} ({number})"},
                   "year.html.j2", {"title": title, "groups": list(groups.values()),
                                    "pages": pager(doc, f"timeline/{year}", number, last),
                                    "overview": urls.link(doc, here)})
