"""The Zensical publisher (Material's successor, ``pip install zensical``): the same docs/ built
by the ``zensical`` command, for the day MkDocs and Material are no longer kept.

What it lacks, measured with Zensical 0.0.73 (the README gives the figures):

- no hooks: pages are converted as Markdown (the raw-page hook's shortcut is MkDocs-only),
  a clean build is not split over the cores, and the theme overrides, which call the
  shared-parts hook, are left out;
- no ``--dirty``: every build is a clean one (``INCREMENTAL`` is false);
- its settings must sit in the project's root with the folders under it, so the settings it
  runs with are written to ``.arshif-zensical.yml`` there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from builder import digest
from builder.config import Config, Layout
from builder.packaged import publishing_settings
from builder.publisher import SITE_UMASK, PublishError, theme_environment
from builder.writer import write_atomic

INCREMENTAL = False
#: what the settings lose, as Zensical cannot run it (see the module's docstring)
_DROPPED = ("hooks", "INHERIT")


def _settings(layout: Layout, values: dict[str, str]) -> dict[str, Any]:
    """The publishing settings with their ``!ENV`` tags resolved from ``values`` (else the
    environment, else the tag's default), as MkDocs resolves them."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        items = ([loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode)
                 else loader.construct_sequence(node))  # type: ignore[arg-type]
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
        for name in names:
            if name in values or name in os.environ:
                return values.get(name, os.environ.get(name))
        return default

    Loader.add_constructor("!ENV", env)
    with publishing_settings(layout).open("rb") as fd:
        settings: dict[str, Any] = yaml.load(fd, Loader=Loader)
    for key in _DROPPED:
        settings.pop(key, None)
    if isinstance(settings.get("theme"), dict):
        settings["theme"] = {k: v for k, v in settings["theme"].items() if k != "custom_dir"}
    return settings


def command() -> str:
    """The ``zensical`` command: beside this Python (the same environment), else on the PATH."""
    beside = Path(sys.executable).parent / "zensical"
    found = str(beside) if beside.is_file() else shutil.which("zensical")
    if found is None:
        raise PublishError("publisher: zensical needs the zensical command (pip install zensical)")
    return found


def frame(layout: Layout, cfg: Config) -> str:
    """A digest of what frames every page: Zensical's version, the settings, the archive's."""
    version = subprocess.run([command(), "--version"], capture_output=True, text=True).stdout
    files = digest.files([publishing_settings(layout)])
    return hashlib.sha256(repr((cfg, version, files)).encode()).hexdigest()


def warm_start(layout: Layout) -> None:
    return None


def run(layout: Layout, cfg: Config, site_dir: Path, epoch: int, changed: frozenset[str] | None,
        pages: int, warm: subprocess.Popen[str] | None) -> None:
    """``zensical build`` of docs/ into ``site_dir`` (a clean build, always)."""
    added = theme_environment(cfg, epoch)
    settings = _settings(layout, added) | {
        "docs_dir": os.path.relpath(layout.docs, layout.root),
        "site_dir": os.path.relpath(site_dir, layout.root)}
    path = layout.root / ".arshif-zensical.yml"
    write_atomic(path, yaml.safe_dump(settings, allow_unicode=True, sort_keys=True).encode("utf-8"))
    done = subprocess.run([command(), "build", "-f", path.name], cwd=layout.root,
                          env={**os.environ, **added}, capture_output=True, text=True,
                          umask=SITE_UMASK)
    if done.returncode != 0:
        raise PublishError("zensical build failed:\n" + (done.stderr or done.stdout)[-2000:])
