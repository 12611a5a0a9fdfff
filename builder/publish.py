"""Publishing: MkDocs builds docs/ into a fresh folder, which then replaces site/ at once.

This is the only module that knows MkDocs, and it knows it as a command, not as a plugin API:
swapping the publisher (Hugo, Zola…) means rewriting this step alone. ``site`` is a symbolic
link to the latest finished build, replaced with one ``os.replace``: a build that fails or is
killed half-way leaves the previous site whole.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from builder.config import Config, Layout


class PublishError(RuntimeError):
    """MkDocs (or the search indexer) failed; the previous site is untouched."""


def run_mkdocs(layout: Layout, cfg: Config, site_dir: Path, epoch: int) -> None:
    """``mkdocs build`` into ``site_dir`` as a subprocess, with a fixed build date.

    The archive's name and address reach mkdocs.yml through ``!ENV`` variables;
    SOURCE_DATE_EPOCH makes the sitemap's dates, and so the bytes, repeatable.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "ARSHIF_NAME": cfg.name,
           "ARSHIF_DESCRIPTION": cfg.description, "ARSHIF_SITE_URL": cfg.site_url}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean",
         "-f", str(layout.root / "mkdocs.yml"), "-d", str(site_dir.resolve())],
        env=env, capture_output=True, text=True, check=False, cwd=layout.root,
    )
    if proc.returncode != 0:
        lines = (proc.stdout + proc.stderr).splitlines()
        errors = [line for line in lines if "ERROR" in line or "Error" in line]
        raise PublishError("mkdocs build failed:\n" + "\n".join(errors or lines[-20:]))


def new_build_dir(layout: Layout) -> Path:
    """A fresh folder for this build under .arshif/sites/."""
    builds = layout.state / "sites"
    builds.mkdir(parents=True, exist_ok=True)
    path = builds / f"build-{time.time_ns()}-{os.getpid()}"
    path.mkdir()
    return path


def swap(layout: Layout, built: Path) -> None:
    """Point ``site`` at ``built`` in one atomic rename, then remove older builds."""
    site = layout.site
    if site.exists() and not site.is_symlink():
        # a real folder from elsewhere: move it under .arshif once, keep serving it until swapped
        legacy = layout.state / "sites" / f"legacy-{time.time_ns()}"
        site.rename(legacy)
        site.symlink_to(os.path.relpath(legacy, site.parent), target_is_directory=True)
    link = site.with_name(f".site.{os.getpid()}.tmp")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(built, site.parent), target_is_directory=True)
    os.replace(link, site)
    clean_old_builds(layout)


def clean_old_builds(layout: Layout) -> None:
    """Remove finished or abandoned builds other than the one ``site`` points at."""
    current = layout.site.resolve() if layout.site.is_symlink() else None
    for path in (layout.state / "sites").iterdir():
        if path.resolve() != current:
            shutil.rmtree(path, ignore_errors=True)


def discard(built: Path) -> None:
    """Remove a build that did not finish; ``site`` still points at the previous one."""
    shutil.rmtree(built, ignore_errors=True)
