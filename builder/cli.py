"""The ``arshif`` command: build, serve, and the extraction contracts (extract, dates)."""

from __future__ import annotations

import argparse
import gc
import json
import os
import select
import sys
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.model import Article, Entity, Origin, RawArticle

if TYPE_CHECKING:
    from builder.extract.entities import Proposed


def _lines(stream: Any) -> Any:
    for line in stream:
        yield line.rstrip("\n").rstrip("\r")


def _line_batches(stream: Any, limit: int = 256) -> Iterator[list[str]]:
    """The input's lines in batches of those already waiting (at most ``limit``): a file is
    tagged many lines at a time (the recogniser's cost is per step, shared by a batch), and a
    program that writes one line and waits for its answer gets it at once."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # stdin replaced by a caller: line by line
        yield from ([line] for line in _lines(stream))
        return
    encoding, errors = stream.encoding or "utf-8", stream.errors or "strict"
    pending, at, done = b"", 0, False
    while True:
        batch: list[bytes] = []
        while len(batch) < limit:
            cut = pending.find(b"\n", at)
            if cut >= 0:
                batch.append(pending[at:cut])
                at = cut + 1
                continue
            pending, at = pending[at:], 0
            if done or (batch and not select.select([fd], [], [], 0)[0]):
                break  # the end, or nothing more waiting: answer what there is
            chunk = os.read(fd, 1 << 16)
            done = not chunk
            pending += chunk
        if done and pending and len(batch) < limit:
            batch.append(pending)  # a last line without its line end
            pending = b""
        if batch:
            yield [line.decode(encoding, errors).rstrip("\r") for line in batch]
        elif done:
            return


class UsageError(Exception):
    """Something the person running arshif can put right; printed as one line, exit 2."""


def _archive(root: str) -> Path:
    """``root`` when it holds an archive (a ``content/`` folder), else a usage error saying
    how to start one."""
    path = Path(root)
    if not (path / "content").is_dir():
        raise UsageError(f"no archive in {path.resolve()} (it has no content/ folder): start one with "
                         f"`arshif new {root if root != '.' else 'DIR'}`, or point --root at one")
    return path


def cmd_build(args: argparse.Namespace) -> int:
    from builder.build import StrictError, build

    try:
        build(_archive(args.root), strict=args.strict, progress=None, cluster=args.cluster)
    except StrictError as err:
        print(f"arshif: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from builder.serve import serve

    serve(_archive(args.root), args.port)
    return 0


def cmd_pack(args: argparse.Namespace) -> int:
    from builder.build import build
    from builder.config import Layout
    from builder.pack import PackError, pack

    root = _archive(args.root)
    build(root, out=sys.stderr)  # the bag holds the site as its content is now
    try:
        info = pack(Layout(root.resolve()), Path(args.dest))
    except PackError as err:
        raise UsageError(str(err)) from err
    print(f"arshif: bag written to {args.dest}: {info['Arshif-Articles']} articles, "
          f"{info['Arshif-Original-Files']} original files, {info['Arshif-Site-Files']} site files; "
          f"open {Path(args.dest) / 'data/site/index.html'}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from builder.packaged import PACKAGE
    from builder.scaffold import ScaffoldError, new

    try:
        made = new(Path(args.dir))
    except ScaffoldError as err:
        raise UsageError(str(err)) from err
    for rel in made:
        print(f"  made  {Path(args.dir) / rel}")
    print(f"arshif: a new archive in {args.dir}: put articles under {Path(args.dir) / 'content'}, "
          f"then run `arshif build` there. Templates to start your own from: {PACKAGE / 'templates'}")
    return 0


def _day(text: str) -> date:
    """``--base``: a calendar day, or a usage error (not a traceback)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day YYYY-MM-DD") from None


def cmd_dates(args: argparse.Namespace) -> int:
    """One JSON list per input line: every date found, ``{"text", "value", "calendar"}``."""
    from builder.extract.dates import find_dates

    base: date | None = args.base
    for line in _lines(sys.stdin):
        found = []
        for d in find_dates(line, base):
            item: dict[str, Any] = {"text": d.text, "value": d.value, "calendar": d.calendar}
            if d.hijri:
                item["hijri"] = d.hijri
            found.append(item)
        print(json.dumps(found, ensure_ascii=False), flush=True)
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    """One JSON list per input line: ``{"start", "end", "text", "type"}`` of each mention."""
    from builder.ner.recognizer import Recognizer

    rec = Recognizer(neural=None) if args.fast else Recognizer()
    for lines in _line_batches(sys.stdin):
        for mentions in rec.find_many(lines):
            found = [{"start": m.start, "end": m.end, "text": m.text, "type": m.type}
                     for m in mentions]
            print(json.dumps(found, ensure_ascii=False))
        sys.stdout.flush()
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Act on a proposed name: accept it, merge it into an entity, or reject it."""
    from builder import review
    from builder.config import Layout
    from builder.registry import RegistryError

    layout = Layout(Path(args.root))
    try:
        if args.action == "accept":
            eid = review.accept(layout.registry, layout.proposed, args.name, args.type, args.id)
            print(f"arshif: '{args.name}' added to {layout.registry.name} as {eid}")
        elif args.action == "merge":
            if not args.into:
                print("arshif: merge needs --into ID", file=sys.stderr)
                return 2
            review.merge(layout.registry, args.name, args.into)
            print(f"arshif: '{args.name}' is now an alias of {args.into}")
        else:
            review.reject(layout.registry, args.name)
            print(f"arshif: '{args.name}' will not be proposed again")
    except RegistryError as err:
        print(f"arshif: {err}", file=sys.stderr)
        return 1
    return 0


def article_json(article: Article, entities: dict[str, Entity],
                 proposed: list[Proposed]) -> dict[str, Any]:
    """What ``arshif extract`` prints for an article: entities as id, name, type and status
    (reviewed, gazetteer, or machine: found by the recogniser and linked, not yet reviewed);
    after them, the names the recogniser found that are not linked, marked ``"proposed": true``
    (the build proposes them for review), each with the id ``arshif review accept`` would give it."""
    from builder.registry import derived_id

    def named(ids: list[str], places: bool) -> list[dict[str, Any]]:
        known: list[dict[str, Any]] = [
            {"id": e, "name": entities[e].name, "type": entities[e].type,
             "status": entities[e].status} for e in ids]
        return known + [{"id": derived_id(p.name), "name": p.name, "type": p.type, "proposed": True}
                        for p in proposed if (p.type == "LOC") == places]
    return {
        "id": article.id, "title": article.title, "date": article.date,
        "date_source": article.date_source,
        "dates": [{k: v for k, v in asdict(d).items() if v is not None} for d in article.dates],
        "places": named(article.places, True), "actors": named(article.actors, False),
        "source": article.source,
        "url": article.url, "author": article.author, "summary": article.summary,
        "words": article.words, "original": article.original, "dropped": article.dropped,
        "head": article.head, "dateline": article.dateline,
    }


def cmd_extract(args: argparse.Namespace) -> int:
    """One JSON object per article in the files and folders given (problems go to stderr)."""
    from builder import boilerplate, readers
    from builder.assemble import assemble
    from builder.config import Config, Layout
    from builder.extract.entities import EntityFinder, unreviewed
    from builder.extract.facts import read_facts
    from builder.extract.published import date_evidence
    from builder.registry import Registry

    layout = Layout(Path(args.root))
    cfg = Config.load(layout.settings)
    finder = EntityFinder(Registry.load(layout.registry))
    status = 0
    articles: list[tuple[Origin, Article]] = []
    for name in args.files:
        path = Path(name)
        if path.is_dir():  # every article under it, as a build reads content/
            reserved = {p.name for p in (layout.settings, layout.registry, layout.proposed)}
            items = list(readers.read_folder(path, cfg.ignore, reserved, cfg.max_article_bytes))
        else:
            items = list(readers.read_file(path, Origin(name), cfg.max_article_bytes))
        for item in items:
            if not isinstance(item, RawArticle):
                print(f"arshif: {item.origin}: {item.reason}", file=sys.stderr)
                status = status or (1 if item.kind == "rejected" else 0)
                continue
            article, problems = assemble(item, cfg.title_length, collected=cfg.collected_fields,
                                         sources=cfg.source_table)
            for p in problems:
                print(f"arshif: {p.origin}: {p.reason}", file=sys.stderr)
            if article is None:
                status = 1
                continue
            articles.append((item.origin, article))
    # boilerplate is learned from all the articles given, as a build learns it from content/
    cleaned = boilerplate.clean_all([a for _, a in articles], cfg.title_length)
    names, dated = [], []
    for (origin, _), article in zip(articles, cleaned, strict=True):
        facts = read_facts(date_evidence(article), article.text, finder.registry, cfg.recogniser)
        for note in facts.notes:
            print(f"arshif: {origin}: {note}", file=sys.stderr)
        dated.append(facts.joined(article))
        finder.add(dated[-1], facts.resolved)
        names.append(unreviewed(facts.resolved))
    # the actors found by machine are settled on all the articles given, as a build settles them
    finder.settle(cfg.actors == "reviewed")
    for article, proposed in zip(dated, names, strict=True):
        # a place found by machine is among the article's places already
        rest = [p for p in proposed if p.key not in finder.found and p.type != "LOC"]
        print(json.dumps(article_json(finder.linked(article), finder.entities(), rest),
                         ensure_ascii=False))
    return status


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="arshif", description="Arabic news archive builder")
    p.add_argument("--root", default=".", help="the archive project folder (default: here)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build content/ into docs/ and site/")
    b.add_argument("--strict", action="store_true", help="fail on any reported problem")
    b.add_argument("--cluster", metavar="ADDRESS",
                   help="run extraction on the Dask scheduler at ADDRESS (the 'cluster' extra)")
    b.set_defaults(func=cmd_build)
    w = sub.add_parser("new", help="start an archive project in DIR (content/, settings, CI)")
    w.add_argument("dir", metavar="DIR")
    w.set_defaults(func=cmd_new)
    k = sub.add_parser("pack", help="build, then write the archive as a BagIt bag in DEST "
                                    "(originals and a site that works from disk)")
    k.add_argument("dest", metavar="DEST")
    k.set_defaults(func=cmd_pack)
    s = sub.add_parser("serve", help="build, serve site/ and rebuild when content/ changes")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    d = sub.add_parser("dates", help="dates in each line of stdin, as JSON")
    d.add_argument("--base", type=_day, help="publication date YYYY-MM-DD for relative expressions")
    d.set_defaults(func=cmd_dates)
    e = sub.add_parser("extract", help="one JSON object per article in FILE… (files or folders)")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.set_defaults(func=cmd_extract)
    n = sub.add_parser("entities", help="people, organisations and places in each line of stdin, as JSON")
    n.add_argument("--fast", action="store_true",
                   help="the CRF alone (the 'fast' recogniser setting): fewer names, faster")
    n.set_defaults(func=cmd_entities)
    r = sub.add_parser("review", help="accept, merge or reject a name from entities.proposed.yml")
    r.add_argument("action", choices=["accept", "merge", "reject"])
    r.add_argument("name")
    r.add_argument("--into", help="merge: the id of the entity the name becomes an alias of")
    r.add_argument("--type", choices=["PER", "ORG", "LOC"], help="accept: override the type")
    r.add_argument("--id", help="accept: the new entity's id (default: derived from the name)")
    r.set_defaults(func=cmd_review)
    return p


def main(argv: list[str] | None = None) -> int:
    # The cyclic garbage collector, every 100,000 allocations rather than 700: tagging makes
    # millions of short-lived objects (tokens, matches) and next to no cycles, and the default
    # took 4% of arshif entities' time and of the extraction's. mypy does the same.
    gc.set_threshold(100_000, 30, 30)
    args = parser().parse_args(argv)
    from builder.config import SettingsError
    from builder.registry import RegistryError

    try:
        result: int = args.func(args)
    except (UsageError, SettingsError, RegistryError) as err:
        print(f"arshif: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader stopped early (``arshif extract content | head``): not an error of ours,
        # and Python would print a traceback flushing stdout at exit; point it at devnull
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as err:  # a folder or file that cannot be read or written, a port in use
        where = f": {err.filename}" if err.filename else ""
        print(f"arshif: {err.strerror or err}{where}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())
