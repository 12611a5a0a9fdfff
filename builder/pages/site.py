"""Every file the builder puts in docs/: article pages, index pages and the static assets.

A page is rendered again only when what it is made from changes: each page's template and
values are hashed, and a page whose hash and file are those of the previous build is kept as it
is (:class:`builder.memo.Memo`); so is each part of the search index. One edited article
re-renders its own page, the few lists that show it and its segment of the search index.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

from builder import digest
from builder.arabic.counts import NOUNS
from builder.config import Config, Layout
from builder.memo import Group, Memo
from builder.model import Article, Entity
from builder.packaged import template_files, template_folders
from builder.pages import database, indexes, urls
from builder.pages import entities as entity_pages_mod
from builder.pages import stories as story_pages
from builder.pages.articles import article_page
from builder.pages.exports import exports
from builder.pages.render import Page, environment, render
from builder.parallel import Aside, Workers, pmap
from builder.progress import bar
from builder.search_index import index_parts
from builder.state import Store
from builder.writer import OutputTree


def pages(articles: list[Article], entities: dict[str, Entity], cfg: Config) -> Iterator[Page]:
    """All generated pages, articles first."""
    found = entity_pages_mod.mentions(articles)
    stories = story_pages.families(articles)
    years = indexes.by_year(articles)
    year_pages = indexes.year_pages(years, cfg)
    periods = indexes.periods(year_pages)
    for article in articles:
        yield article_page(article, entities, cfg, found, stories.get(article.story, []), periods)
    yield from story_pages.compare_pages(stories, cfg)
    yield indexes.home(articles, entities, cfg)
    yield from indexes.timeline(years, year_pages, entities, cfg)
    yield from entity_pages_mod.index_pages(found, entities, cfg)
    yield from entity_pages_mod.entity_pages(found, entities, cfg)
    yield Page("search/index.md", {"title": "البحث"}, "search.html.j2",
               {"base": urls.link("search/index.md", "index.md"), "digits": cfg.digits,
                "counts": json.dumps({k: NOUNS[k] for k in ("result", "article", "other copy")},
                                     ensure_ascii=False)})


def assets(layout: Layout) -> Iterator[tuple[str, bytes]]:
    """The static files (fonts, styles, scripts, vendored libraries) copied into docs/assets."""
    for rel, path in template_files(layout, "assets").items():
        yield "assets/" + rel, path.read_bytes()


#: owners of the files written beside the pages
SEARCH, EXPORTS, MOVED = "the search index", "the exports", "the moved entity pages"
#: Below this many pages to render, starting worker processes costs more than it saves.
RENDER_PARALLEL_FROM = 1000


#: what is written beside the pages: each group's record (None when the files on disk were
#: fresh) and owner, the other files with their sha256, and the seconds each took
Beside = tuple[list[tuple[str, Group | None, str]], list[tuple[str, str]], dict[str, float]]


def _search_index(articles: list[Article], entities: dict[str, Entity], cfg: Config,
                  memo: Memo) -> Beside:
    """Write the search index parts that changed: in another process while the pages are made
    (their inputs are the same articles, their outputs other files); the builder then claims
    what this wrote (:meth:`Memo.keep`)."""
    clock = time.perf_counter()
    parts = [(p, memo.fresh(p.name, p.made_from)) for p in index_parts(articles, entities, cfg)]
    segments = [p for p, fresh in parts if p.segment and not fresh]
    made = pmap(lambda i: list(segments[i].files()), range(len(segments)), len(segments) > 1)
    for part, files in zip(segments, made, strict=True):
        memo.write(part.name, part.made_from, files, SEARCH)
    for part, fresh in parts:
        if not fresh and not part.segment:
            memo.write(part.name, part.made_from, part.files(), SEARCH)
    index = [(p.name, None if fresh else memo.now[p.name], SEARCH) for p, fresh in parts]
    return index, [], {"search index": time.perf_counter() - clock}


def _exports(articles: list[Article], entities: dict[str, Entity], cfg: Config,
             memo: Memo) -> Beside:
    """Write the exports, and the database when its contents changed: in a process of their own
    beside the pages and the search index, as :func:`_search_index`."""
    clock = time.perf_counter()
    exported = []
    for rel, data in exports(articles, entities, cfg):
        memo.out.write(rel, data, EXPORTS)
        exported.append((rel, memo.out.digests[rel]))
    contents = database.made_from(articles, entities, cfg)
    fresh = memo.fresh(database.PATH, contents)
    if not fresh:
        previous = memo.out.root / database.PATH if memo.intact(database.PATH) else None
        memo.write(database.PATH, contents,
                   [(database.PATH, database.database(articles, entities, cfg, previous))], EXPORTS)
    record = (database.PATH, None if fresh else memo.now[database.PATH], EXPORTS)
    return [record], exported, {"exports": time.perf_counter() - clock}


def write_docs(articles: list[Article], entities: dict[str, Entity], cfg: Config,
               layout: Layout, state: Store, owners: dict[str, str],
               timings: dict[str, float] | None = None,
               progress: bool | None = False) -> OutputTree:
    """Write docs/ (only changed bytes), remove what no longer has a source; returns the tree.

    ``owners`` maps an article id to the input it came from, so a path collision names it;
    ``timings`` receives the seconds spent on pages, search index and exports (the last two
    are made beside the pages, on another core: their times overlap); the pages rendered are
    shown as they go (:func:`builder.progress.bar`).
    """
    out = OutputTree(layout.docs)
    templates = digest.files(list(template_files(layout, "pages").values()))
    memo = Memo(state.section("pages", templates), out)
    with Aside(_search_index, articles, entities, cfg, memo) as index_aside, \
            Aside(_exports, articles, entities, cfg, memo) as exports_aside:
        clock = time.perf_counter()
        todo: list[tuple[Page, str, str]] = []
        for p in pages(articles, entities, cfg):
            owner = owners.get(p.front.get("id", ""), p.owner)
            made_from = digest.data(p.made_from())
            if not memo.reuse(p.doc, made_from, owner):
                todo.append((p, made_from, owner))
        env = environment(template_folders(layout, "pages"))
        renderers: Workers[int, str] = Workers.on_every_core(
            lambda i: render(env, todo[i][0]), len(todo) >= RENDER_PARALLEL_FROM)
        with renderers, bar("pages", len(todo), " pages", progress) as shown:
            texts = renderers.map(range(len(todo)), chunksize=64)
            for (p, made_from, owner), text in zip(todo, texts, strict=True):
                memo.write(p.doc, made_from, [(p.doc, text)], owner)
                shown.update(1)
        for rel, data in assets(layout):
            out.write(rel, data, "templates/assets")
        moved_to = env.get_template("moved.html.j2")
        for rel, view in entity_pages_mod.moved(entity_pages_mod.mentions(articles), entities):
            made_from = digest.data([moved_to.name, view])
            if not memo.reuse(rel, made_from, MOVED):
                memo.write(rel, made_from, [(rel, moved_to.render(view))], MOVED)
        spent = timings if timings is not None else {}
        spent["pages"] = spent.get("pages", 0.0) + time.perf_counter() - clock
        beside = [index_aside.result(), exports_aside.result()]
    clock = time.perf_counter()
    for groups, exported, made_in in beside:
        for name, record, owner in groups:
            memo.keep(name, owner, record)
        for rel, sha in exported:
            out.keep(rel, sha, EXPORTS)
        for stage, seconds in made_in.items():
            spent[stage] = spent.get(stage, 0.0) + seconds
    out.prune()
    memo.save()
    spent["writing"] = spent.get("writing", 0.0) + time.perf_counter() - clock
    return out
