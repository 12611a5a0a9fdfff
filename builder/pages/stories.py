"""Story families on the pages: each member's list of the other copies, and a page per later
copy showing word by word what it added, removed or changed against the earliest."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import partial
from typing import Any

from builder.arabic.display import show_date
from builder.config import Config
from builder.model import Article
from builder.pages import urls
from builder.pages.render import Late, Page
from builder.stories import earliest_first


def families(articles: list[Article]) -> dict[str, list[Article]]:
    """Story id -> its members, earliest first (undated last); stories of one article left out."""
    found: dict[str, list[Article]] = {}
    for article in articles:
        found.setdefault(article.story or article.id, []).append(article)
    return {story: sorted(members, key=earliest_first)
            for story, members in found.items() if len(members) > 1}


def once(items: list[Article]) -> list[tuple[Article, list[Article]]]:
    """A list (in its order) with each story once: where its first member in the list stands,
    with the list's other members of that story beside it."""
    first: dict[str, tuple[Article, list[Article]]] = {}
    out = []
    for article in items:
        story = article.story or article.id
        if story in first:
            first[story][1].append(article)
        else:
            first[story] = (article, [])
            out.append(first[story])
    return out


def compare_doc(article: Article) -> str:
    """The page comparing a later copy with the earliest."""
    return f"compare/{article.id}.md"


def elsewhere(article: Article, family: list[Article], cfg: Config, here: str) -> list[dict[str, Any]]:
    """The other copies as an article page lists them: source, date, title, link, whether it is
    the earliest, and the comparison of the later copy of the two with the earliest."""
    first = family[0]
    return [{"source": other.source, "title": other.title,
             "date": show_date(other.date, cfg.month_style, cfg.digits) if other.date else "",
             "href": urls.link(here, urls.article_doc(other)), "earliest": other is first,
             "compare": urls.link(here, compare_doc(other if other is not first else article))}
            for other in family if other.id != article.id]


def changes(before: str, after: str) -> list[dict[str, str]]:
    """``after`` against ``before`` word by word: runs of words kept, added (``ins``) and
    removed (``del``), as written."""
    old, new = before.split(), after.split()
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append({"kind": "same", "text": " ".join(new[j1:j2])})
            continue
        if i2 > i1:
            out.append({"kind": "del", "text": " ".join(old[i1:i2])})
        if j2 > j1:
            out.append({"kind": "ins", "text": " ".join(new[j1:j2])})
    return out


def compare_pages(found: dict[str, list[Article]], cfg: Config) -> Iterator[Page]:
    """A page for each later copy: what it changed against the earliest."""
    for family in found.values():
        first = family[0]
        for copy in family[1:]:
            here = compare_doc(copy)
            title = f"ما تغيّر في «{copy.title}»"
            view = {
                "title": title,
                "first": {"title": first.title, "source": first.source,
                          "href": urls.link(here, urls.article_doc(first)),
                          "date": show_date(first.date, cfg.month_style, cfg.digits) if first.date else ""},
                "later": {"title": copy.title, "source": copy.source,
                         "href": urls.link(here, urls.article_doc(copy)),
                         "date": show_date(copy.date, cfg.month_style, cfg.digits) if copy.date else ""},
            }
            before, after = first.title + "\n" + first.text, copy.title + "\n" + copy.text
            yield Page(here, {"title": title}, "compare.html.j2", {"c": view},
                       owner=f"the story of {first.original}",
                       late=Late([before, after], partial(_compared, view, before, after)))


def _compared(view: dict[str, Any], before: str, after: str) -> dict[str, Any]:
    """A comparison page's values, its changes made."""
    return {"c": view | {"changes": changes(before, after)}}
