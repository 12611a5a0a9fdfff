"""The files a build needs beyond the archive's content: templates, theme overrides, assets,
hooks, publishing settings and the starter registry.

They ship inside the package (``builder/publishing``; in a checkout, links to the repository's
``templates/``, ``mkdocs.yml`` and ``content/entities.yml``), so an archive anywhere builds with
nothing but its ``content/``. An archive overrides any of them by a file of the same name in
its own ``templates/`` folder (or its own ``mkdocs.yml``); the rest comes from the package.
"""

from __future__ import annotations

from pathlib import Path

from builder.config import Layout

PACKAGE = Path(__file__).resolve().parent / "publishing"


def template_roots(layout: Layout) -> list[Path]:
    """The archive's ``templates/`` then the package's, each once (in this repository they
    are one folder)."""
    roots: list[Path] = []
    for root in (layout.templates, PACKAGE / "templates"):
        if root.is_dir() and root.resolve() not in {r.resolve() for r in roots}:
            roots.append(root)
    return roots


def template_folders(layout: Layout, part: str) -> list[Path]:
    """``part`` (``pages``, ``assets``, ``overrides``, ``hooks``) in each template root that
    has it, the archive's first."""
    return [root / part for root in template_roots(layout) if (root / part).is_dir()]


def template_files(layout: Layout, part: str) -> dict[str, Path]:
    """Every file of ``part`` by its path inside it; the archive's file wins over the package's."""
    found: dict[str, Path] = {}
    for folder in template_folders(layout, part):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                found.setdefault(path.relative_to(folder).as_posix(), path)
    return dict(sorted(found.items()))


def publishing_settings(layout: Layout) -> Path:
    """The archive's ``mkdocs.yml``, else the package's."""
    own = layout.root / "mkdocs.yml"
    return own if own.is_file() else PACKAGE / "mkdocs.yml"


def starter_registry() -> Path:
    """The entity registry a new archive starts with."""
    return PACKAGE / "entities.yml"
