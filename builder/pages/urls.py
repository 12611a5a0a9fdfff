"""Page paths in docs/ and the relative links between them (the site may live in a subfolder)."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from builder.model import Article


def page_url(doc_path: str) -> str:
    """The directory URL MkDocs gives a docs/ page: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``."""
    stem = doc_path[: -len(".md")] if doc_path.endswith(".md") else doc_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=500_000)
def link(from_doc: str, to_doc: str) -> str:
    """A relative link from one docs/ page to another (or to a file such as an asset)."""
    here = page_url(from_doc)
    target = page_url(to_doc) if to_doc.endswith(".md") else to_doc
    rel = posixpath.relpath("/" + target, "/" + here) if target else posixpath.relpath("/", "/" + here)
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return "./" if rel == "./" or rel == "." else rel


def article_doc(article: Article) -> str:
    """Where an article's page goes: ``articles/<year>/<id>.md`` (the id is hex: always safe)."""
    return f"articles/{article.year}/{article.id}.md"
