"""MkDocs hooks (publishing side): raw pages skip Markdown, and a build can be split in shards.

Pages the builder wrote as one raw HTML block skip Markdown: Python-Markdown passes a raw HTML
block through unchanged, but finds its end by running an HTML parser over every tag in it; at
10,000 articles that was half of MkDocs' build time. A page whose Markdown is exactly one
``<div class="arshif" markdown="0">…</div>`` block (what ``arshif build`` writes) gets that block
as its content directly; every other page is converted as usual.

Shards: with ``ARSHIF_SHARD=i/n`` in the environment (and ``--dirty``, so nothing is cleaned),
this process writes only the files whose name hashes to i (mod n), and only shard 0 writes the theme's
own pages (404, sitemap); ``arshif build`` runs n such processes side by side on a clean build.

The builder does not depend on these hooks: without them the site is the same, only slower.
"""

from __future__ import annotations

import os
import zlib
from typing import Any

OPEN = '<div class="arshif" markdown="0">\n'
CLOSE = "\n</div>\n"
_RAW: dict[str, str] = {}


def _shard() -> tuple[int, int] | None:
    value = os.environ.get("ARSHIF_SHARD", "")
    if not value:
        return None
    i, _, n = value.partition("/")
    return int(i), int(n)


def on_config(config: Any, **kwargs: Any) -> Any:
    shard = _shard()
    if shard is not None and shard[0] != 0:
        config.theme.static_templates.clear()
    return config


def on_files(files: Any, **kwargs: Any) -> Any:
    shard = _shard()
    if shard is not None:
        i, n = shard
        for file in files:
            if zlib.crc32(file.src_uri.encode("utf-8")) % n != i:
                file.is_modified = lambda: False  # another shard writes it
    return files


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    body = markdown.lstrip("\n")
    if body.startswith(OPEN) and body.endswith(CLOSE) and body.count(OPEN) == 1:
        _RAW[page.file.src_uri] = body.rstrip("\n")
        return ""
    return markdown


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    return _RAW.pop(page.file.src_uri, html)
