"""Every file the builder puts in docs/: article pages, index pages and the static assets."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from builder.config import Config, Layout
from builder.model import Article, Entity
from builder.pages import entities as entity_pages_mod
from builder.pages import indexes, urls
from builder.pages.articles import article_page
from builder.pages.exports import exports
from builder.pages.indexes import Page
from builder.pages.render import environment, page
from builder.search_index import build_index
from builder.writer import OutputTree


def pages(articles: list[Article], entities: dict[str, Entity], cfg: Config,
          templates: Path) -> Iterator[Page]:
    """All generated pages, articles first."""
    env = environment(templates)
    found = entity_pages_mod.mentions(articles)
    for article in articles:
        front, html = article_page(article, entities, cfg, env, found)
        yield Page(urls.article_doc(article), front, html)
    yield indexes.home(articles, entities, cfg, env)
    yield from indexes.timeline(articles, entities, cfg, env)
    yield from entity_pages_mod.index_pages(articles, entities, cfg, env)
    yield from entity_pages_mod.entity_pages(articles, entities, cfg, env)
    yield Page("search/index.md", {"title": "البحث"}, env.get_template("search.html.j2").render(
        base=urls.link("search/index.md", "index.md"), digits=cfg.digits))


def assets(templates: Path) -> Iterator[tuple[str, bytes]]:
    """The static files (fonts, styles, scripts, vendored libraries) copied into docs/assets."""
    root = templates / "assets"
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield "assets/" + path.relative_to(root).as_posix(), path.read_bytes()


def write_docs(articles: list[Article], entities: dict[str, Entity], cfg: Config,
               layout: Layout, owners: dict[str, str],
               timings: dict[str, float] | None = None) -> OutputTree:
    """Write docs/ (only changed bytes), remove what no longer has a source; returns the tree.

    ``owners`` maps an article id to the input it came from, so a path collision names it;
    ``timings`` receives the seconds spent on pages, search index and exports.
    """
    out = OutputTree(layout.docs)
    clock = time.perf_counter()
    spent = timings if timings is not None else {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        spent[stage] = spent.get(stage, 0.0) + now - clock
        clock = now

    for p in pages(articles, entities, cfg, layout.templates):
        owner = owners.get(p.front.get("id", ""), p.owner)
        out.write(p.doc, page(p.front, p.html), owner)
    for rel, data in assets(layout.templates):
        out.write(rel, data, "templates/assets")
    lap("pages")
    for rel, data in build_index(articles, entities, cfg):
        out.write(rel, data, "the search index")
    lap("search index")
    for rel, data in exports(articles, entities, cfg):
        out.write(rel, data, "the exports")
    out.prune()
    lap("exports")
    return out
