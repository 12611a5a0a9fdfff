"""Saved web pages: the article's main text and title through trafilatura.

trafilatura is the maintained main-content extractor with the best published scores; it drops
navigation, comments and boilerplate that a hand-written tag filter would keep.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from builder.model import Origin, Problem, RawArticle
from builder.readers.decode import Decoded


def read(decoded: Decoded, origin: Origin) -> Iterator[RawArticle | Problem]:
    """One article per page; title, date, author and site name come from the page's metadata."""
    import trafilatura  # a third of a second to import: only when a page is read, not cached

    doc = trafilatura.bare_extraction(
        decoded.text, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True, deduplicate=False,
    )
    if doc is None:
        yield Problem(origin, "no article text found in the HTML page")
        return
    found: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    meta = {key: found.get(key) for key in ("title", "date", "author", "url")}
    meta["source"] = found.get("sitename") or found.get("hostname")
    meta = {k: v for k, v in meta.items() if v}
    text = found.get("text") or ""
    first, _, rest = text.partition("\n")
    if meta.get("title") and first.strip() == str(meta["title"]).strip():
        text = rest  # the page's headline, already the title
    yield RawArticle(origin, text, "text", meta, decoded.encoding, decoded=True)
