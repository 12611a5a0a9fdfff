"""MkDocs hooks (publishing side): raw pages skip Markdown, and a build can be split in shards.

Pages the builder wrote as one raw HTML block skip Markdown: Python-Markdown passes a raw HTML
block through unchanged, but finds its end by running an HTML parser over every tag in it; at
10,000 articles that was half of MkDocs' build time. A page whose body is exactly one
``RAW_OPEN … RAW_CLOSE`` block (:func:`builder.publisher.docs_page`) gets that block
as its content directly; every other page is converted as usual. Of such a page's front matter
MkDocs is handed only the entries its theme reads (``THEME_KEYS``): it parses front matter with
PyYAML's pure-Python loader, and the archive's records (dates, entities, summary…) had been a
tenth of its time on 10,000 articles.

Static files of docs/ are hard-linked into the site instead of copied (see ``_link``).

Shards: with ``ARSHIF_SHARD=i/n`` in the environment (and ``--dirty``, so nothing is cleaned),
this process writes only the files whose name hashes to i (mod n), and only shard 0 writes the theme's
own pages (404, sitemap); ``arshif build`` runs n such processes side by side on a clean build.

Changed pages: with ``ARSHIF_CHANGED`` naming a JSON list of docs files (a ``--dirty`` build
over the previous site), a file of docs/ is built when it is listed and no other file is,
instead of MkDocs comparing the times of each file and its output (two stats each of 50,000
files at 10,000 articles). The builder lists exactly the files whose bytes changed and has
removed their outputs, so both ways build the same files.

The builder does not depend on these hooks: without them the site is the same, only slower.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import zlib
from typing import Any

from builder.publisher import RAW_CLOSE, RAW_OPEN

#: Front matter keys MkDocs and Material 9 read (grep ``page.meta`` in their templates); the
#: others are the archive's data, which no theme shows.
THEME_KEYS = ("title", "description", "author", "template", "hide", "status", "icon", "subtitle",
              "search", "tags", "location", "revision_date", "robots")
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_ENTRY = re.compile(r"^(?=[^\s#-])", re.MULTILINE)
_RAW: dict[str, str] = {}


def _shard() -> tuple[int, int] | None:
    value = os.environ.get("ARSHIF_SHARD", "")
    if not value:
        return None
    i, _, n = value.partition("/")
    return int(i), int(n)


def _changed() -> frozenset[str] | None:
    path = os.environ.get("ARSHIF_CHANGED", "")
    if not path:
        return None
    with open(path, encoding="utf-8") as fh:
        return frozenset(json.load(fh))


def on_config(config: Any, **kwargs: Any) -> Any:
    shard = _shard()
    if shard is not None and shard[0] != 0:
        config.theme.static_templates.clear()
    return config


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    shard, changed = _shard(), _changed()
    docs = os.path.normpath(config.docs_dir)
    for file in files:
        ours = file.src_dir is not None and os.path.normpath(file.src_dir) == docs
        if changed is not None:  # the theme's own files are those of the previous site
            modified = ours and file.src_uri in changed
            file.is_modified = lambda modified=modified: modified
        if shard is not None and zlib.crc32(file.src_uri.encode("utf-8")) % shard[1] != shard[0]:
            file.is_modified = lambda: False  # another shard writes it
        if ours and not file.is_documentation_page():
            file.copy_file = functools.partial(_link, file)
    return files


def _link(file: Any, dirty: bool = False) -> None:
    """Put a static file of docs/ (the search index: 10,000 files) in the site as a hard link
    rather than a copy. The builder replaces docs/ files by renaming new ones over them, never
    by writing into them, so a published file never changes under the site."""
    if dirty and not file.is_modified():
        return
    target = file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.lexists(target):
        os.unlink(target)
    try:
        os.link(file.abs_src_path, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(file.abs_src_path, target)


def on_page_read_source(page: Any, **kwargs: Any) -> str | None:
    """A raw page: its block kept aside, and its front matter cut to the theme's keys."""
    source = page.file.content_string
    front = _FRONT.match(source)
    body = source[front.end():].lstrip("\n") if front else source.lstrip("\n")
    if not (body.startswith(RAW_OPEN) and body.endswith(RAW_CLOSE) and body.count(RAW_OPEN) == 1):
        return None  # MkDocs reads and converts it as usual
    _RAW[page.file.src_uri] = body.rstrip("\n")
    if front is None:
        return ""
    # block-style YAML: an entry starts at a line that is not indented, a list item or a comment
    entries = _ENTRY.split(front.group(1))
    kept = "".join(e for e in entries if e.partition(":")[0] in THEME_KEYS)
    return f"---\n{kept}---\n" if kept else ""


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    return _RAW.pop(page.file.src_uri, html)
