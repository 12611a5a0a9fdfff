"""Every file the builder puts in docs/: article pages, index pages and the static assets.

A page is rendered again only when what it is made from changes: each page's template and
values are hashed, and a page whose hash and file are those of the previous build is kept as it
is (``.arshif/cache/pages.json``; the hash of the builder's code and of the templates is part of
it). One edited article re-renders its own page and the few lists that show it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

from builder import digest
from builder.config import Config, Layout
from builder.model import Article, Entity
from builder.pages import entities as entity_pages_mod
from builder.pages import indexes, urls
from builder.pages.articles import article_page
from builder.pages.exports import exports
from builder.pages.render import Page, environment, render
from builder.search_index import build_index
from builder.writer import OutputTree, write_atomic


def pages(articles: list[Article], entities: dict[str, Entity], cfg: Config) -> Iterator[Page]:
    """All generated pages, articles first."""
    found = entity_pages_mod.mentions(articles)
    for article in articles:
        yield article_page(article, entities, cfg, found)
    yield indexes.home(articles, entities, cfg)
    yield from indexes.timeline(articles, entities, cfg)
    yield from entity_pages_mod.index_pages(articles, entities, cfg)
    yield from entity_pages_mod.entity_pages(articles, entities, cfg)
    yield Page("search/index.md", {"title": "البحث"}, "search.html.j2",
               {"base": urls.link("search/index.md", "index.md"), "digits": cfg.digits})


def assets(templates: Path) -> Iterator[tuple[str, bytes]]:
    """The static files (fonts, styles, scripts, vendored libraries) copied into docs/assets."""
    root = templates / "assets"
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield "assets/" + path.relative_to(root).as_posix(), path.read_bytes()


class Rendered:
    """What each page of the previous build was made from: doc -> [hash of its template and
    values, sha256, size and mtime of the file written]."""

    def __init__(self, path: Path, docs: Path, version: str) -> None:
        self.path, self.docs, self.version = path, docs, version
        self.pages: dict[str, list[str | int]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == version:
                self.pages = data["pages"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass  # no memory of the last build: every page is rendered
        self.now: dict[str, list[str | int]] = {}

    def unchanged(self, doc: str, made_from: str) -> str | None:
        """The sha256 of the page on disk when it was made from the same and is still there."""
        before = self.pages.get(doc)
        if before is None or before[0] != made_from:
            return None
        try:
            st = (self.docs / doc).stat()
        except OSError:
            return None
        if [st.st_size, st.st_mtime_ns] != before[2:]:
            return None
        self.now[doc] = before
        return str(before[1])

    def record(self, doc: str, made_from: str, sha: str) -> None:
        st = (self.docs / doc).stat()
        self.now[doc] = [made_from, sha, st.st_size, st.st_mtime_ns]

    def save(self) -> None:
        if self.now != self.pages:
            write_atomic(self.path, json.dumps({"version": self.version, "pages": self.now},
                                               sort_keys=True).encode("utf-8"))


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

    env = environment(layout.templates)
    version = digest.code() + digest.files(list((layout.templates / "pages").rglob("*")))
    memory = Rendered(layout.state / "cache" / "pages.json", layout.docs, version)
    for p in pages(articles, entities, cfg):
        owner = owners.get(p.front.get("id", ""), p.owner)
        made_from = digest.data([p.template, p.front, p.context])
        sha = memory.unchanged(p.doc, made_from)
        if sha is not None:
            out.keep(p.doc, sha, owner)
            continue
        out.write(p.doc, render(env, p), owner)
        memory.record(p.doc, made_from, out.digests[p.doc])
    for rel, data in assets(layout.templates):
        out.write(rel, data, "templates/assets")
    lap("pages")
    for rel, data in build_index(articles, entities, cfg):
        out.write(rel, data, "the search index")
    lap("search index")
    for rel, data in exports(articles, entities, cfg):
        out.write(rel, data, "the exports")
    out.prune()
    memory.save()
    lap("exports")
    return out
