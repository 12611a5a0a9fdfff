"""The MkDocs publisher (MkDocs 1.6 with mkdocs-material 9), the default engine.

All that is MkDocs-specific lives here and in the hooks its settings name
(``templates/hooks``): the settings a build runs with, the frame of every page (MkDocs',
Material's versions, the settings, theme overrides and hooks), ``mkdocs build`` run as
processes (``--dirty`` over the previous site for an incremental build, split in shards over
the cores for a large clean one) and its warm start. MkDocs is used as a command, not through
its Python API, so the build never imports it.

Run as ``python -m builder.publisher.mkdocs``, this module is the warm start: it imports MkDocs
and its build command while the builder makes the pages, then waits for the command line (a
JSON line on stdin: ``args`` and the ``env`` to add) and runs it as ``python -m mkdocs`` would.
On a 10,000-article rebuild MkDocs is the last step and runs alone: its half second of imports
was half a second of wall time. Given no line (stdin closed), it exits.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from builder import digest
from builder.config import Config, Layout
from builder.packaged import publishing_settings, template_files, template_folders
from builder.publisher import SITE_UMASK, PublishError, theme_environment
from builder.writer import write_atomic

#: ``mkdocs build --dirty`` writes only the pages whose source changed.
INCREMENTAL = True
#: A clean build of at least this many docs files is split over the machine's cores.
SHARD_FROM = 1000


def _template_path(layout: Layout, path: str, base: Path) -> str:
    """A path in the publishing settings, made absolute: under ``templates/`` it is the
    archive's file or folder if it has one, else the package's; any other is relative to the
    settings file."""
    if path.startswith("templates/"):
        part, _, rest = path.removeprefix("templates/").partition("/")
        if not rest:
            folders = template_folders(layout, part)
            return str(_merged(layout, part) if len(folders) > 1 else folders[0])
        found = template_files(layout, part).get(rest)
        if found is not None:
            return str(found)
    return str(base.parent / path)


def _merged(layout: Layout, part: str) -> Path:
    """``part`` of the templates as one folder (.arshif/templates/PART): the archive's files
    over the package's, as MkDocs takes a single theme folder."""
    folder = layout.state / "templates" / part
    files = template_files(layout, part)
    for path in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if path.is_file() and path.relative_to(folder).as_posix() not in files:
            path.unlink()
    for rel, source in files.items():
        write_atomic(folder / rel, source.read_bytes())
    return folder


def settings_file(layout: Layout) -> Path:
    """The MkDocs settings a build runs with (``.arshif/mkdocs.yml``): the archive's own
    ``mkdocs.yml`` or the package's, inherited, with its folders made absolute so that an
    archive anywhere builds with the package's theme overrides and hooks (or its own)."""
    from mkdocs.utils.yaml import yaml_load

    base = publishing_settings(layout).resolve()
    with base.open("rb") as fd:
        settings = yaml_load(fd)
    theme = settings.get("theme", {})
    own: dict[str, Any] = {"INHERIT": str(base), "docs_dir": str(layout.docs.resolve())}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        own["theme"] = {"custom_dir": _template_path(layout, theme["custom_dir"], base)}
    if settings.get("hooks"):
        own["hooks"] = [_template_path(layout, hook, base) for hook in settings["hooks"]]
    path = layout.state / "mkdocs.yml"
    write_atomic(path, json.dumps(own, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def frame(layout: Layout, cfg: Config) -> str:
    """A digest of what every page is framed by (MkDocs and Material's versions and settings,
    theme overrides, hooks, the archive's settings): when it changes, every page must be
    rendered again."""
    versions = [metadata.version(name) for name in ("mkdocs", "mkdocs-material")]
    files = digest.files([publishing_settings(layout), *template_files(layout, "overrides").values(),
                          *template_files(layout, "hooks").values()])
    return hashlib.sha256(repr((cfg, versions, files)).encode()).hexdigest()


def warm_start(layout: Layout) -> subprocess.Popen[str]:
    """This module as a process (see the module's docstring), ready for the next build."""
    return subprocess.Popen([sys.executable, "-m", "builder.publisher.mkdocs"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, cwd=layout.root,
                            umask=SITE_UMASK)


def run(layout: Layout, cfg: Config, site_dir: Path, epoch: int, changed: frozenset[str] | None,
        pages: int, warm: subprocess.Popen[str] | None) -> None:
    """``mkdocs build`` into ``site_dir``: ``--dirty`` over the previous site when ``changed``
    names the docs files to build (in the ``warm`` process when there is one; the list reaches
    the project's hook as the file ``ARSHIF_CHANGED`` names, so MkDocs need not compare the
    times of every page and its output to find them); a clean build of many ``pages`` as
    several ``--dirty`` processes into the empty folder, each writing its share of the files
    (``ARSHIF_SHARD``, read by the same hook)."""
    incremental = changed is not None
    shards = 1 if incremental or pages < SHARD_FROM else os.cpu_count() or 1
    added = theme_environment(cfg, epoch)
    if changed is not None:
        listed = layout.state / "changed.json"
        write_atomic(listed, json.dumps(sorted(changed), ensure_ascii=False).encode("utf-8"))
        added["ARSHIF_CHANGED"] = str(listed.resolve())
    args = ["build", "--quiet", "--dirty" if incremental or shards > 1 else "--clean",
            "-f", str(settings_file(layout)), "-d", str(site_dir.resolve())]
    if warm is not None and shards == 1:
        procs = [warm]
        outputs = [warm.communicate(json.dumps({"args": args, "env": added}) + "\n")[0]]
    else:
        procs = [subprocess.Popen([sys.executable, "-m", "mkdocs", *args],
                                  env={**os.environ, **added}
                                  | ({"ARSHIF_SHARD": f"{i}/{shards}"} if shards > 1 else {}),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  cwd=layout.root, umask=SITE_UMASK)
                 for i in range(shards)]
        outputs = [proc.communicate()[0] for proc in procs]
    for proc, output in zip(procs, outputs, strict=True):
        if proc.returncode != 0:
            lines = output.splitlines()
            errors = [line for line in lines if "ERROR" in line or "Error" in line]
            raise PublishError("mkdocs build failed:\n" + "\n".join(errors or lines[-20:]))


def _serve_warm() -> None:
    import mkdocs.__main__
    import mkdocs.commands.build

    line = sys.stdin.readline()
    if not line:
        return
    request = json.loads(line)
    os.environ.update(request["env"])
    sys.argv = ["mkdocs", *request["args"]]
    mkdocs.__main__.cli()


if __name__ == "__main__":
    _serve_warm()
