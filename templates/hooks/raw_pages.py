"""MkDocs hook (publishing side): pages the builder wrote as one raw HTML block skip Markdown.

Python-Markdown passes a raw HTML block through unchanged, but finds its end by running an HTML
parser over every tag in it: at 10,000 articles that was half of MkDocs' build time. A page whose
Markdown is exactly one ``<div class="arshif" markdown="0">…</div>`` block (what ``arshif build``
writes) gets that block as its content directly; every other page is converted as usual. The
builder does not depend on this: without the hook the site is the same, only slower to make.
"""

from __future__ import annotations

from typing import Any

OPEN = '<div class="arshif" markdown="0">\n'
CLOSE = "\n</div>\n"
_RAW: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    body = markdown.lstrip("\n")
    if body.startswith(OPEN) and body.endswith(CLOSE) and body.count(OPEN) == 1:
        _RAW[page.file.src_uri] = body.rstrip("\n")
        return ""
    return markdown


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    return _RAW.pop(page.file.src_uri, html)
