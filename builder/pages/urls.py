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


@lru_cache(maxsize=100_000)
def _folders(doc: str) -> tuple[str, ...]:
    """The folders of a page's URL (``a/b.md`` -> ``("a", "b")``)."""
    return tuple(page_url(doc).split("/")[:-1])


@lru_cache(maxsize=100_000)
def _target(doc: str) -> str:
    return page_url(doc) if doc.endswith(".md") else doc


def link(from_doc: str, to_doc: str) -> str:
    """A relative link from one docs/ page to another (or to a file such as an asset)."""
    here = _folders(from_doc)
    target = _target(to_doc)
    if here and not target.startswith(here[0] + "/"):  # nothing in common: up to the root
        return "../" * len(here) + target if target else "../" * len(here)
    parts = target.split("/")
    common = 0
    while common < min(len(here), len(parts) - 1) and here[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + parts[common:])
    return rel or "./"


def article_doc(article: Article) -> str:
    """Where an article's page goes: ``articles/<year>/<id>.md`` (the id is hex: always safe)."""
    return f"articles/{article.year}/{article.id}.md"
