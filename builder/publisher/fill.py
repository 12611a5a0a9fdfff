"""The next build's folder made a copy of the current site, in a process of its own
(``python -m builder.publisher.fill CURRENT TARGET PUBLISHED``, ``PUBLISHED`` the record
of the build state's ``published`` section that names the current build's outputs).

Every output of the current build's docs files is hard-linked (``--dirty`` leaves an unchanged
one alone, so both builds can share it); everything else (the theme's files, the sitemap, the
404 page) is copied, since MkDocs may write it again in place.

``TARGET`` is usually the build before the current one, kept for this: only what differs is
relinked, copied or removed, which is a directory read per folder where a fresh copy was
20,000 links and, later, as many unlinks to delete the old build. In a thread of the builder
that work had held the interpreter lock for seconds of a one-article rebuild; a process of its
own runs beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

from builder.publisher.site import site_path


def _replace(make: str, source: str, dest: str) -> None:
    """Put a link to (``make`` "link") or a copy of ``source`` at ``dest``, whatever is there."""
    tmp = dest + ".site-fill.tmp"
    if os.path.lexists(tmp):
        os.unlink(tmp)
    if make == "link":
        os.link(source, tmp)
    else:
        shutil.copy2(source, tmp)
    os.replace(tmp, dest)


def _stamp(entry: os.DirEntry[str]) -> tuple[int, int]:
    st = entry.stat(follow_symlinks=False)
    return st.st_size, st.st_mtime_ns


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def mirror(current: str, target: str, outputs: set[str], rel: str = "") -> None:
    """Make the folder ``target`` hold what ``current`` holds (``outputs``: the paths, relative
    to ``current``, to hard-link; the rest is copied), changing only what differs."""
    there = {e.name: e for e in os.scandir(target)}
    for entry in os.scandir(current):
        key = rel + entry.name
        old = there.pop(entry.name, None)
        dest = os.path.join(target, entry.name)
        if entry.is_dir(follow_symlinks=False):
            if old is not None and not old.is_dir(follow_symlinks=False):
                os.unlink(dest)
                old = None
            if old is None:
                os.mkdir(dest)
            mirror(entry.path, dest, outputs, key + "/")
            continue
        if old is not None and old.is_dir(follow_symlinks=False):
            shutil.rmtree(dest)
            old = None
        if key in outputs:
            if old is None or old.inode() != entry.inode():
                _replace("link", entry.path, dest)
        elif old is None or not old.is_file(follow_symlinks=False) \
                or old.inode() == entry.inode() or _stamp(old) != _stamp(entry):
            _replace("copy", entry.path, dest)  # a copy, not a link: MkDocs may rewrite it in place
    for left in there.values():
        _remove(left)


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(10)  # seconds of slack before MkDocs needs it: the builder goes first
    current, target, published = sys.argv[1:4]
    with open(published, encoding="utf-8") as fh:
        manifest = json.load(fh)["manifest"]
    mirror(current, target, {site_path(doc) for doc in manifest})
