"""Filling a new build folder from the previous site, run as its own process
(``python -m builder.site_fill PREVIOUS TARGET PUBLISHED``, ``PUBLISHED`` the ``published.json``
that names the previous build's outputs).

Every output of the previous build's docs files is hard-linked (``--dirty`` leaves an unchanged
one alone, so both builds can share it); everything else (the theme's files, the sitemap, the
404 page) is copied, since MkDocs may write it again in place. Linking 20,000 files is mostly
system calls, but in a thread of the builder its Python loop took the interpreter lock from the
builder for seconds of a one-article rebuild; a process of its own runs beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import sys

from builder.publish import site_path


def fill(previous: str, target: str, outputs: set[str]) -> None:
    """Recreate ``previous`` under the existing empty folder ``target``."""
    for folder, _, names in os.walk(previous):  # top down: a folder's parent comes first
        rel = os.path.relpath(folder, previous)
        rel = "" if rel == "." else rel + "/"
        if rel:
            os.mkdir(os.path.join(target, rel))
        for name in names:
            source, dest = os.path.join(folder, name), os.path.join(target, rel + name)
            if rel + name in outputs:
                os.link(source, dest)
            else:
                shutil.copy2(source, dest)


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(10)  # seconds of slack before MkDocs needs it: the builder goes first
    previous, target, published = sys.argv[1:4]
    with open(published, encoding="utf-8") as fh:
        manifest = json.load(fh)["manifest"]
    fill(previous, target, {site_path(doc) for doc in manifest})
