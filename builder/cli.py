"""The ``arshif`` command: build, serve, and the extraction contracts (extract, dates)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from builder import readers
from builder.assemble import assemble
from builder.config import Config, Layout
from builder.extract.article import extract_dates
from builder.extract.dates import find_dates
from builder.model import Article, Origin, RawArticle


def _lines(stream: Any) -> Any:
    for line in stream:
        yield line.rstrip("\n").rstrip("\r")


def cmd_build(args: argparse.Namespace) -> int:
    from builder.build import StrictError, build

    try:
        build(Path(args.root), strict=args.strict, progress=None)
    except StrictError as err:
        print(f"arshif: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from builder.serve import serve

    serve(Path(args.root), args.port)
    return 0


def cmd_dates(args: argparse.Namespace) -> int:
    """One JSON list per input line: every date found, ``{"text", "value", "calendar"}``."""
    base = date.fromisoformat(args.base) if args.base else None
    for line in _lines(sys.stdin):
        found = []
        for d in find_dates(line, base):
            item: dict[str, Any] = {"text": d.text, "value": d.value, "calendar": d.calendar}
            if d.hijri:
                item["hijri"] = d.hijri
            found.append(item)
        print(json.dumps(found, ensure_ascii=False), flush=True)
    return 0


def article_json(article: Article) -> dict[str, Any]:
    """What ``arshif extract`` prints for an article."""
    return {
        "id": article.id, "title": article.title, "date": article.date,
        "dates": [{k: v for k, v in asdict(d).items() if v is not None} for d in article.dates],
        "places": article.places, "actors": article.actors, "source": article.source,
        "url": article.url, "author": article.author, "summary": article.summary,
        "words": article.words, "original": article.original,
    }


def cmd_extract(args: argparse.Namespace) -> int:
    """One JSON object per article in the files given (problems go to stderr)."""
    cfg = Config.load(Layout(Path(args.root)).settings)
    status = 0
    for name in args.files:
        path = Path(name)
        items = list(readers.read_file(path, Origin(name), cfg.max_article_bytes))
        for item in items:
            if not isinstance(item, RawArticle):
                print(f"arshif: {item.origin}: {item.reason}", file=sys.stderr)
                status = status or (1 if item.kind == "rejected" else 0)
                continue
            article, problems = assemble(item, cfg.title_length)
            for p in problems:
                print(f"arshif: {p.origin}: {p.reason}", file=sys.stderr)
            if article is None:
                status = 1
                continue
            for note in extract_dates(article):
                print(f"arshif: {item.origin}: {note}", file=sys.stderr)
            print(json.dumps(article_json(article), ensure_ascii=False), flush=True)
    return status


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="arshif", description="Arabic news archive builder")
    p.add_argument("--root", default=".", help="the archive project folder (default: here)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build content/ into docs/ and site/")
    b.add_argument("--strict", action="store_true", help="fail on any reported problem")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("serve", help="build, serve site/ and rebuild when content/ changes")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)
    d = sub.add_parser("dates", help="dates in each line of stdin, as JSON")
    d.add_argument("--base", help="publication date YYYY-MM-DD for relative expressions")
    d.set_defaults(func=cmd_dates)
    e = sub.add_parser("extract", help="one JSON object per article in FILE…")
    e.add_argument("files", nargs="+")
    e.set_defaults(func=cmd_extract)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
