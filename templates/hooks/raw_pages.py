"""MkDocs hooks (publishing side): raw pages skip Markdown, and a build can be split in shards.

Pages the builder wrote as one raw HTML block skip Markdown: Python-Markdown passes a raw HTML
block through unchanged, but finds its end by running an HTML parser over every tag in it; at
10,000 articles that was half of MkDocs' build time. A page whose body is exactly one
``<div class="arshif" markdown="0">…</div>`` block (what ``arshif build`` writes) gets that block
as its content directly; every other page is converted as usual. Such a page's front matter is
read with libyaml, and MkDocs is handed only the keys its theme reads (``THEME_KEYS``): MkDocs
parses front matter with the pure-Python loader, a tenth of its time on 10,000 articles.

Shards: with ``ARSHIF_SHARD=i/n`` in the environment (and ``--dirty``, so nothing is cleaned),
this process writes only the files whose name hashes to i (mod n), and only shard 0 writes the theme's
own pages (404, sitemap); ``arshif build`` runs n such processes side by side on a clean build.

The builder does not depend on these hooks: without them the site is the same, only slower.
"""

from __future__ import annotations

import os
import re
import zlib
from typing import Any

import yaml

OPEN = '<div class="arshif" markdown="0">\n'
CLOSE = "\n</div>\n"
#: Front matter keys MkDocs and Material 9 read (grep ``page.meta`` in their templates); the
#: others are the archive's data, which no theme shows.
THEME_KEYS = ("title", "description", "author", "template", "hide", "status", "icon", "subtitle",
              "search", "tags", "location", "revision_date", "robots")
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


def on_page_read_source(page: Any, **kwargs: Any) -> str | None:
    """A raw page: its block kept aside, and its front matter cut to the theme's keys."""
    source = page.file.content_string
    front = _FRONT.match(source)
    body = source[front.end():].lstrip("\n") if front else source.lstrip("\n")
    if not (body.startswith(OPEN) and body.endswith(CLOSE) and body.count(OPEN) == 1):
        return None  # MkDocs reads and converts it as usual
    meta = yaml.load(front.group(1), _LOADER) if front else {}
    if not isinstance(meta, dict):
        return None
    _RAW[page.file.src_uri] = body.rstrip("\n")
    kept = {k: meta[k] for k in THEME_KEYS if k in meta}
    return f"---\n{yaml.safe_dump(kept, allow_unicode=True)}---\n" if kept else ""


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    return _RAW.pop(page.file.src_uri, html)
