"""Page paths in docs/ and the relative links between them (the site may live in a subfolder)."""

from __future__ import annotations

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
    here = page_url(from_doc).split("/")[:-1]  # the folders of the page's URL
    target = page_url(to_doc) if to_doc.endswith(".md") else to_doc
    parts = target.split("/")
    common = 0
    while common < min(len(here), len(parts) - 1) and here[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + parts[common:])
    return rel or "./"


def article_doc(article: Article) -> str:
    """Where an article's page goes: ``articles/<year>/<id>.md`` (the id is hex: always safe)."""
    return f"articles/{article.year}/{article.id}.md"
