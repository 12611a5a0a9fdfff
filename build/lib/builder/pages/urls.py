"""Page paths in docs/ and the relative links between them (the site may live in a subfolder)."""

from __future__ import annotations

from functools import lru_cache

from builder.model import Article, Entity
from builder.registry import folder


def page_url(doc_path: str) -> str:
    """The directory URL MkDocs gives a docs/ page: ``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``."""
    stem = doc_path[: -len(".md")] if doc_path.endswith(".md") else doc_path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=100_000)
def _up(doc: str) -> str:
    """From a page's URL up to the site's root (``a/b.md`` -> ``../../``)."""
    return "../" * page_url(doc).count("/")


@lru_cache(maxsize=100_000)
def _target(doc: str) -> str:
    return page_url(doc) if doc.endswith(".md") else doc


def link(from_doc: str, to_doc: str) -> str:
    """A relative link from one docs/ page to another (or to a file such as an asset): up to
    the root, then down (a page holds dozens of links and the site 300,000: no walk to the
    nearest shared folder)."""
    return _up(from_doc) + _target(to_doc) or "./"


def address(site_url: str, doc: str) -> str:
    """A page's address to cite or link from outside: absolute under ``site_url`` when the
    archive has one, else relative to the site root."""
    path = page_url(doc)
    return site_url.rstrip("/") + "/" + path if site_url else path


def entity_base(entity: Entity) -> str:
    """An entity's page without ``.md`` (its further pages add ``-2``…): ``places/دير-الزور``."""
    return f"{folder(entity)}/{entity.path_name or entity.id}"


def article_doc(article: Article) -> str:
    """Where an article's page goes: ``articles/<year>/<id>.md`` (the id is hex: always safe)."""
    return f"articles/{article.year}/{article.id}.md"
