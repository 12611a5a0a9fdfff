"""The publisher boundary: all that turns docs/ into the published site/.

The builder writes docs/, each page by :func:`docs_page`, and hands :func:`site.publish
<builder.publisher.site.publish>` the manifest of its files. That builds the site into a
fresh folder and swaps it in as ``site`` at once, whatever program does the building: an
:class:`Engine`, one module of this package. :mod:`~builder.publisher.mkdocs` (MkDocs 1.6 with
Material 9, the default) holds everything MkDocs-specific: its settings, the hooks it runs
(``templates/hooks``), its warm start, dirty and sharded builds. Another publisher is one module
beside it, as :mod:`~builder.publisher.zensical` is; the archive's ``publisher`` setting picks
one.
"""

from __future__ import annotations

import importlib
import subprocess
from html import escape
from pathlib import Path
from typing import Any, Protocol, cast

from builder import yamlio
from builder.config import Config, Layout

#: The umask a publisher's processes run with: the files and folders they make are readable by
#: all (0644, 0755), as a web server's user (not the builder's) must read them, whatever umask
#: the build ran with.
SITE_UMASK = 0o022


class PublishError(RuntimeError):
    """The publisher failed; the previous site is untouched."""


#: A docs page's body is one raw HTML block: Markdown passes it through untouched, so article
#: text is never read as Markdown (the MkDocs hook ``raw_pages.py`` skips Markdown for it).
RAW_OPEN = '<div class="arshif" markdown="0">\n'
RAW_CLOSE = "\n</div>\n"


def docs_page(front: dict[str, Any], html: str) -> str:
    """A docs/ page: YAML front matter (safe-dumped) then the rendered HTML as one raw block.
    ``title`` is HTML-escaped: MkDocs themes print it into the page without escaping."""
    if "title" in front:
        front = {**front, "title": escape(str(front["title"]), quote=True)}
    return f"---\n{yamlio.dump(front)}---\n\n{RAW_OPEN}{html.strip()}{RAW_CLOSE}"


def theme_environment(cfg: Config, epoch: int) -> dict[str, str]:
    """What the publisher's command is given through its environment: SOURCE_DATE_EPOCH makes
    the sitemap's dates, and so the bytes, repeatable; the archive's name and address reach the
    publishing settings through ``!ENV``, escaped, since Material prints them unescaped."""
    return {"SOURCE_DATE_EPOCH": str(epoch), "ARSHIF_NAME": escape(cfg.name),
            "ARSHIF_DESCRIPTION": escape(cfg.description), "ARSHIF_SITE_URL": cfg.site_url}


class Engine(Protocol):
    """What a publisher module provides."""

    #: whether it can build into a copy of the previous site, writing only changed pages (in
    #: processes run with :data:`SITE_UMASK`: no walk over the whole site sets the modes after)
    INCREMENTAL: bool

    def frame(self, layout: Layout, cfg: Config) -> str:
        """A digest of what frames every page (its version, settings, theme): when it
        changes, every page is built again."""

    def warm_start(self, layout: Layout) -> subprocess.Popen[str] | None:
        """A process made ready to run the next incremental build (imports done), or None."""

    def run(self, layout: Layout, cfg: Config, site_dir: Path, epoch: int,
            changed: frozenset[str] | None, pages: int, warm: subprocess.Popen[str] | None) -> None:
        """Build docs/ into ``site_dir``, with dates fixed by ``epoch``: from nothing when
        ``changed`` is None, else over the previous site, where only the docs files named in
        ``changed`` (new or changed since) need building; raise :class:`PublishError` when it
        fails."""


def engine(name: str) -> Engine:
    """The publisher module called ``name`` (the ``publisher`` setting)."""
    return cast(Engine, importlib.import_module(f"builder.publisher.{name}"))
