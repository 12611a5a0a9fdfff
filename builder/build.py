"""The pipeline, start to end: read, assemble, extract, write docs/, publish site/.

Data flows one way; each step takes the previous step's records and nothing else.
"""

from __future__ import annotations

import calendar
import hashlib
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from builder import boilerplate, digest, readers, stories
from builder.assemble import assemble
from builder.byline import source_keys
from builder.config import Config, Layout, RecogniserKind
from builder.extract.entities import EntityFinder
from builder.extract.facts import extract_all
from builder.extract.published import date_evidence
from builder.model import Article, Origin, Problem, RawArticle
from builder.pages.site import write_docs
from builder.pages.urls import article_doc
from builder.parallel import Aside
from builder.progress import bar
from builder.publisher import Engine, engine, site
from builder.read_cache import FileRead, ReadCache
from builder.registry import Registry
from builder.report import Report
from builder.review import write_proposals
from builder.state import Store


class StrictError(RuntimeError):
    """``--strict`` and the report has problems: nothing was published."""


@contextmanager
def timed(report: Report, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start


def read_articles(layout: Layout, cfg: Config, state: Store, report: Report,
                  progress: bool | None) -> tuple[list[Article], dict[str, str]]:
    """Read, assemble and clean every article; duplicates (same text) are reported, not
    published.

    A file unchanged since the last build gives what it gave then (:class:`ReadCache`), cleaned
    as then while the boilerplate learned for its sources is the same.
    """
    reserved = {p.relative_to(layout.content).as_posix()
                for p in (layout.settings, layout.registry, layout.proposed)}
    cache = ReadCache(state, (cfg.max_article_bytes, cfg.title_length, cfg.collected_fields,
                              sorted(cfg.sources.items())))
    reads: list[Problem | tuple[Path, Origin, FileRead]] = []
    found = list(readers.article_files(layout.content, cfg.ignore, reserved))
    with bar("reading", len(found), " files", progress) as shown:
        for entry in found:
            shown.update(1)
            if isinstance(entry, Problem):
                reads.append(entry)
            else:
                path, origin = entry
                reads.append((path, origin, cache.get(path, origin) or _read_file(path, origin, cfg)))
    files = [r for r in reads if not isinstance(r, Problem)]
    learned = boilerplate.learned(boilerplate.merged(got.lines for _, _, got in files))
    sources = source_keys([a for _, _, got in files for a in got.items if isinstance(a, Article)])
    articles: list[Article] = []
    owners: dict[str, str] = {}
    for read in reads:
        if isinstance(read, Problem):
            report.problems.append(read)
            continue
        path, origin, got = read
        # what its articles are cleaned under: the boilerplate learned for their sources
        under = digest.data([cfg.title_length, sorted(sources), [
            [s, sorted(learned.get(s, ()))] for s in sorted(got.lines)]])
        if got.cleaned != under:  # cleaned under other boilerplate: from a new read
            got = _cleaned(_read_file(path, origin, cfg) if got.cleaned else got, under,
                           learned, sources, cfg.title_length)
            cache.put(path, origin, got)
        for item in got.items:
            if isinstance(item, Problem):
                report.problems.append(item)
            elif item.id in owners:
                report.problems.append(Problem(item.origin, f"same text as "
                                               f"{owners[item.id]}: published once, under "
                                               "that file", "duplicate"))
            else:
                owners[item.id] = item.original
                articles.append(item)
    cache.prune()
    return articles, owners


def _read_file(path: Path, origin: Origin, cfg: Config) -> FileRead:
    """What one file gives as read, before cleaning."""
    items = list(_read(path, origin, cfg))
    return FileRead(items, boilerplate.short_lines(a for a in items if isinstance(a, Article)))


def _cleaned(read: FileRead, under: str, learned: dict[str, frozenset[str]],
             sources: frozenset[str], title_length: int) -> FileRead:
    """A file's articles as read, cleaned of the boilerplate ``learned`` for their sources."""
    return replace(read, cleaned=under, items=[
        boilerplate.clean(a, learned.get(a.source, frozenset()), title_length, sources)
        if isinstance(a, Article) else a for a in read.items])


def _read(path: Path, origin: Origin, cfg: Config) -> Iterator[Article | Problem]:
    """The articles of one file, assembled, and its problems."""
    original = _Original(path)
    for item in readers.read_file(path, origin, cfg.max_article_bytes):
        if isinstance(item, Problem):
            yield item
            continue
        article, problems = assemble(item, cfg.title_length, collected=cfg.collected_fields,
                                     sources=cfg.source_table)
        yield from problems
        if article is not None:
            yield replace(article, original_sha256=original.sha256(item))


class _Original:
    """The SHA-256 a page shows of what it came from, for anyone to check it against the file
    collected: of its own line for an article of a JSON-lines file (as written, without the line
    end; an edit to one line then changes one page), else of the whole file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data = b""
        self.whole = ""
        self.lines: list[bytes] = []

    def sha256(self, raw: RawArticle) -> str:
        self.data = self.data or self.path.read_bytes()
        if raw.origin.line is not None and self.path.suffix.lower() in readers.LINE_FILES \
                and not raw.encoding.startswith(("utf_16", "utf_32")):  # a line ends in one byte
            self.lines = self.lines or self.data.split(b"\n")
            return hashlib.sha256(self.lines[raw.origin.line - 1].removesuffix(b"\r")).hexdigest()
        self.whole = self.whole or hashlib.sha256(self.data).hexdigest()
        return self.whole


def extract(articles: list[Article], layout: Layout, state: Store, report: Report,
            cluster: str | None, kind: RecogniserKind = "accurate",
            reviewed_only: bool = False, progress: bool | None = None,
            ) -> tuple[list[Article], EntityFinder]:
    """The articles with their dates, places, actors and search terms, and the finder (its
    entities, proposals). ``reviewed_only``: no actor the recogniser found is linked until
    reviewed."""
    finder = EntityFinder(Registry.load(layout.registry))
    facts = extract_all([(date_evidence(a), a.text) for a in articles], state, finder.registry,
                        cluster, kind, progress)
    dated = [found.joined(article) for article, found in zip(articles, facts, strict=True)]
    for article, found in zip(dated, facts, strict=True):
        for note in found.notes:
            report.problems.append(Problem(article.origin, note, "warning"))
        finder.add(article, found.resolved)
    finder.settle(reviewed_only)
    return [finder.linked(article) for article in dated], finder


def source_epoch(articles: list[Article]) -> int:
    """SOURCE_DATE_EPOCH for the publisher: from the environment, else the newest article date.

    Derived from the content, so a rebuild of unchanged input writes the same bytes.
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    days = [a.date for a in articles if a.date and len(a.date) == 10]
    newest = max(days) if days else "2000-01-01"
    # within the 32 bits gzip's header holds (MkDocs gzips the sitemap): a year such as 9999 does not fit
    return min(max(calendar.timegm(time.strptime(newest, "%Y-%m-%d")), 0), 2**32 - 1)


def build(root: Path, *, strict: bool = False, progress: bool | None = None,
          out: TextIO = sys.stdout, cluster: str | None = None) -> Report:
    """Build the archive under ``root`` into ``root/site``; returns the report."""
    layout = Layout(root.resolve())
    state = Store(layout.state / "state")
    inputs = site.inputs_signature(layout)
    last = site.Published(layout, state)
    if not strict and site.unchanged_since_last_build(layout, last, inputs):
        report = Report.from_json(last.report)
        report.publish = "unchanged"
        report.print(out)
        return report
    cfg = Config.load(layout.settings)
    publisher = engine(cfg.publisher)
    start = site.NextBuild(layout, last, publisher)  # filled while the pages are made
    try:
        return _build(layout, cfg, state, publisher, inputs, start, strict, progress, out, cluster)
    except BaseException:
        start.discard(layout)
        raise


def _build(layout: Layout, cfg: Config, state: Store, publisher: Engine, inputs: site.Inputs,
           start: site.NextBuild, strict: bool, progress: bool | None, out: TextIO,
           cluster: str | None) -> Report:
    report = Report()
    with timed(report, "read"):
        articles, owners = read_articles(layout, cfg, state, report, progress)
    with timed(report, "extract"):
        articles, finder = extract(articles, layout, state, report, cluster, cfg.recogniser,
                                   cfg.actors == "reviewed", progress)
    with timed(report, "stories"):
        story = stories.group(articles, state)
        articles = [replace(article, story=story[article.id]) for article in articles]
    for article in articles:
        report.add_page(owners[article.id], article.id, article_doc(article))
    if strict and report.failures():
        report.print(out)
        raise StrictError(f"--strict: {len(report.failures())} problems; nothing published")
    with Aside(write_proposals, layout.proposed, finder.for_review(), cfg.review_limit) as review:
        docs = write_docs(articles, finder.entities(), cfg, layout, state, owners,
                          report.timings, progress)
        review.result()
    with timed(report, "publishing"):
        report.publish = site.publish(layout, cfg, publisher, docs.digests, source_epoch(articles),
                                      report.to_json().encode("utf-8"), inputs, start)
    report.print(out)
    return report
