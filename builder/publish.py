"""Publishing: MkDocs builds docs/ into a fresh folder, which then replaces site/ at once.

This is the only module that knows MkDocs, and it knows it as a command, not as a plugin API:
swapping the publisher (Hugo, Zola…) means rewriting this step alone. ``site`` is a symbolic
link to the latest finished build, replaced with one ``os.replace``: a build that fails or is
killed half-way leaves the previous site whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from builder import digest
from builder.config import Config, Layout
from builder.packaged import publishing_settings, template_files, template_folders, template_roots
from builder.pages.urls import page_url
from builder.state import Store
from builder.writer import write_atomic


class PublishError(RuntimeError):
    """MkDocs (or the search indexer) failed; the previous site is untouched."""


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


def run_mkdocs(layout: Layout, cfg: Config, site_dir: Path, epoch: int, dirty: bool = False,
               shards: int = 1, warm: subprocess.Popen[str] | None = None) -> None:
    """``mkdocs build`` into ``site_dir`` as subprocesses, with a fixed build date.

    The archive's name and address reach mkdocs.yml through ``!ENV`` variables;
    SOURCE_DATE_EPOCH makes the sitemap's dates, and so the bytes, repeatable. With several
    ``shards`` (into an empty ``site_dir``), that many ``--dirty`` processes run side by side,
    each writing its share of the files (``ARSHIF_SHARD``, read by the project's hook). A
    ``warm`` process (:mod:`builder.mkdocs_warm`, one shard) runs the command instead of a new one.
    """
    # Material prints the site name and description into pages unescaped: hand them over escaped
    added = {"SOURCE_DATE_EPOCH": str(epoch), "ARSHIF_NAME": html.escape(cfg.name),
             "ARSHIF_DESCRIPTION": html.escape(cfg.description), "ARSHIF_SITE_URL": cfg.site_url}
    args = ["build", "--quiet", "--dirty" if dirty or shards > 1 else "--clean",
            "-f", str(settings_file(layout)), "-d", str(site_dir.resolve())]
    if warm is not None and shards == 1:
        procs = [warm]
        outputs = [warm.communicate(json.dumps({"args": args, "env": added}) + "\n")[0]]
    else:
        procs = [subprocess.Popen([sys.executable, "-m", "mkdocs", *args],
                                  env={**os.environ, **added}
                                  | ({"ARSHIF_SHARD": f"{i}/{shards}"} if shards > 1 else {}),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  cwd=layout.root)
                 for i in range(shards)]
        outputs = [proc.communicate()[0] for proc in procs]
    for proc, output in zip(procs, outputs, strict=True):
        if proc.returncode != 0:
            lines = output.splitlines()
            errors = [line for line in lines if "ERROR" in line or "Error" in line]
            raise PublishError("mkdocs build failed:\n" + "\n".join(errors or lines[-20:]))


def site_path(doc: str) -> str:
    """Where MkDocs puts a docs/ file: pages as ``…/index.html`` (directory URLs), others as is."""
    if not doc.endswith(".md"):
        return doc
    return page_url(doc) + "index.html"


def frame(layout: Layout, cfg: Config) -> str:
    """A digest of what every page is framed by (MkDocs and Material's versions and settings,
    theme overrides, hooks, the archive's settings): when it changes, every page must be
    rendered again."""
    versions = [metadata.version(name) for name in ("mkdocs", "mkdocs-material")]
    files = digest.files([publishing_settings(layout), *template_files(layout, "overrides").values(),
                          *template_files(layout, "hooks").values()])
    return hashlib.sha256(repr((cfg, versions, files)).encode()).hexdigest()


def stamp(frame_digest: str, manifest: dict[str, str], epoch: int, report_json: bytes) -> str:
    """A digest of everything the published site is made from: if it is unchanged, so is the site."""
    return hashlib.sha256(repr((frame_digest, sorted(manifest.items()), epoch)).encode()
                          + report_json).hexdigest()


_RECORD = "record.json"


class Published:
    """What the current ``site`` was built from: the ``published`` section of the build state."""

    def __init__(self, layout: Layout, state: Store) -> None:
        self.section = state.section("published")
        self.path = self.section.folder / _RECORD
        loaded = self.section.load(_RECORD, lambda raw: dict(json.loads(raw)))
        data: dict[str, Any] = loaded if loaded is not None and layout.site.is_dir() else {}
        self.stamp: str = data.get("stamp", "")
        self.frame: str = data.get("frame", "")
        self.manifest: dict[str, str] = data.get("manifest", {})
        self.inputs = Inputs(data.get("inputs", ""), data.get("code_files", ""))
        #: what the builder's code does (:func:`builder.digest.version` of the build)
        self.code: str = data.get("code", "")

    def save(self, new_stamp: str, frame_digest: str, manifest: dict[str, str], inputs: Inputs) -> None:
        self.section.save(_RECORD, json.dumps(
            {"stamp": new_stamp, "frame": frame_digest, "manifest": manifest,
             "inputs": inputs.files, "code_files": inputs.code, "code": digest.version("build")},
            sort_keys=True).encode("utf-8"))


@dataclass(frozen=True)
class Inputs:
    """What a build reads, told from names, sizes and times alone: the content, templates and
    settings (and SOURCE_DATE_EPOCH), and apart from them the builder's own code and data,
    whose bytes may change (a comment) while what it does stays the same."""

    files: str
    code: str


def _stats(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        st = path.stat()
        h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def inputs_signature(layout: Layout) -> Inputs:
    """The :class:`Inputs` of a build: equal means the output would be too."""
    files = hashlib.sha256(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    files.update(_stats(read_files(layout)).encode())
    files.update(publishing_settings(layout).read_bytes())
    code = Path(__file__).resolve().parent
    return Inputs(files.hexdigest(), _stats(_files_under(code)))


def _files_under(folder: Path, but: Path | None = None) -> list[Path]:
    return [path for path in sorted(folder.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts and path != but]


def read_files(layout: Layout) -> list[Path]:
    """Every file a build reads but the publishing settings and the builder's code: the content
    and the templates (the archive's and the package's)."""
    found = []
    for folder in (layout.content, *template_roots(layout)):
        found += _files_under(folder, layout.proposed)  # entities.proposed.yml: the build writes it
    return found


def unchanged_since_last_build(layout: Layout, state: Store, inputs: Inputs) -> bool:
    """True when the inputs are those of the last published build. The builder's code may
    have changed in its bytes alone (a comment, a docstring): then what it does is compared,
    and the build is unchanged too (the new bytes are remembered, to be told at a glance)."""
    last = Published(layout, state)
    if not (last.inputs.files and last.inputs.files == inputs.files and layout.docs.is_dir()):
        return False
    if last.inputs.code == inputs.code:
        return True
    if last.code != digest.version("build"):
        return False
    last.save(last.stamp, last.frame, last.manifest, inputs)
    return True


class NextBuild:
    """The folder the next build goes to (the spare, :func:`spare_dir`), made a copy of the
    current site by another process (:mod:`builder.site_fill`) while the builder makes the
    pages, so an incremental build's folder is ready by the time MkDocs runs. Publishing
    then removes the outputs of changed, new and removed docs files (and a page's folder left
    empty), so MkDocs writes them anew.
    """

    def __init__(self, layout: Layout, state: Store) -> None:
        self.before = Published(layout, state)
        self.taken = False  # publish() builds in it: from then on it is publish's to keep or drop
        self.proc: subprocess.Popen[bytes] | None = None
        self.mkdocs: subprocess.Popen[str] | None = None  # imported ahead, for a --dirty run
        if not (self.before.manifest and layout.site.is_dir()):
            self.path = new_build_dir(layout)  # empty: a clean build goes there
            return
        self.path = spare_dir(layout)
        self.mkdocs = subprocess.Popen(
            [sys.executable, "-m", "builder.mkdocs_warm"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=layout.root)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "builder.site_fill", str(layout.site.resolve()),
             str(self.path), str(self.before.path)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def filled(self) -> bool:
        """Wait for the filling process; True when the folder holds the previous site."""
        return self.proc is not None and self.proc.wait() == 0

    def release(self) -> None:
        """Stop filling and the waiting MkDocs; the folder, unused, stays the spare for the
        next build."""
        for proc in (self.proc, self.mkdocs):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()

    def discard(self, layout: Layout) -> None:
        """A build that stopped before publishing, or had nothing to publish: the folder stays
        the spare (whatever it holds, the next build's :func:`site_fill.mirror` corrects)."""
        self.release()
        if not self.taken:
            clean_old_builds(layout, self.path)


def publish(layout: Layout, cfg: Config, manifest: dict[str, str], epoch: int,
            report_json: bytes, inputs: Inputs, start: NextBuild) -> str:
    """Build the site into ``start``'s folder and swap it in; returns "unchanged",
    "incremental" or "full".

    Unchanged input: nothing is built. A changed frame (settings, theme): a clean build, split
    over the cores when large. Otherwise the new build starts from the previous one (see
    :class:`NextBuild`) and ``mkdocs build --dirty`` renders only the pages whose source
    changed: the static navigation means no other page depends on them. A test checks that
    this gives the same bytes as a clean build.
    """
    before = start.before
    new_frame = frame(layout, cfg)
    new_stamp = stamp(new_frame, manifest, epoch, report_json)
    if before.stamp == new_stamp:
        start.discard(layout)
        before.save(new_stamp, new_frame, manifest, inputs)
        return "unchanged"
    dirty = bool(before.manifest) and before.frame == new_frame and layout.site.is_dir()
    if dirty and start.filled():
        built, start.taken = start.path, True
        shared = {site_path(d) for d, sha in manifest.items() if before.manifest.get(d) == sha}
        for path in {site_path(d) for d in before.manifest.keys() | manifest.keys()} - shared:
            target = built / path
            target.unlink(missing_ok=True)
            if target.name == "index.html" and target.parent != built:
                with contextlib.suppress(OSError):  # not empty: other pages live there
                    target.parent.rmdir()  # a gone page leaves no empty folder behind
    elif start.proc is None:  # nothing to start from: a clean build in the empty folder
        built, start.taken, dirty = start.path, True, False
    else:  # a clean build after all: the filled folder is removed with the old builds by swap()
        start.release()
        built, dirty = new_build_dir(layout), False
    try:
        shards = 1 if dirty or len(manifest) < SHARD_FROM else os.cpu_count() or 1
        run_mkdocs(layout, cfg, built, epoch, dirty=dirty, shards=shards,
                   warm=start.mkdocs if dirty else None)
        write_atomic(built / "build-report.json", report_json)
        world_readable(built)
        swap(layout, built)
    except BaseException:
        discard(built)
        raise
    before.save(new_stamp, new_frame, manifest, inputs)
    return "incremental" if dirty else "full"


def world_readable(folder: Path) -> None:
    """Files 0644 and folders 0755 under ``folder``, whatever the umask the build ran with: a
    web server's user (not the builder's) must read every file of the site."""
    stack = [folder]
    os.chmod(folder, 0o755)
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    continue
                want = 0o755 if entry.is_dir() else 0o644
                if entry.stat(follow_symlinks=False).st_mode & 0o777 != want:
                    os.chmod(entry.path, want)
                if entry.is_dir():
                    stack.append(Path(entry.path))


def new_build_dir(layout: Layout) -> Path:
    """A fresh folder for this build under .arshif/sites/ (both open to all: a web server
    serving ``site`` where it is follows the link through them)."""
    builds = layout.state / "sites"
    builds.mkdir(parents=True, exist_ok=True)
    for folder in (layout.state, builds):
        os.chmod(folder, 0o755)
    path = builds / f"build-{time.time_ns()}-{os.getpid()}"
    path.mkdir()
    return path


def spare_dir(layout: Layout) -> Path:
    """The folder for an incremental build: the build before the current one, kept by
    :func:`clean_old_builds` (brought up to date by the filling process, not made anew),
    else a new one."""
    current = layout.site.resolve()
    builds = layout.state / "sites"
    old = [p for p in builds.iterdir() if p.is_dir() and p.resolve() != current] \
        if builds.is_dir() else []
    return max(old, key=lambda p: p.stat().st_mtime_ns) if old else new_build_dir(layout)


def swap(layout: Layout, built: Path) -> None:
    """Point ``site`` at ``built`` in one atomic rename; the build it pointed at becomes the
    spare, older ones are removed."""
    site = layout.site
    previous = site.resolve() if site.is_symlink() else None
    if site.exists() and not site.is_symlink():
        # a real folder from elsewhere: move it under .arshif once, keep serving it until swapped
        legacy = layout.state / "sites" / f"legacy-{time.time_ns()}"
        site.rename(legacy)
        site.symlink_to(os.path.relpath(legacy, site.parent), target_is_directory=True)
    link = site.with_name(f".site.{os.getpid()}.tmp")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(built, site.parent), target_is_directory=True)
    os.replace(link, site)
    clean_old_builds(layout, previous)


def clean_old_builds(layout: Layout, spare: Path | None = None) -> None:
    """Remove finished or abandoned builds other than the one ``site`` points at and the
    ``spare`` (kept for the next build to start from).

    They are moved aside at once (a rename) and deleted by a detached process at the lowest
    priority, so the build neither waits for ten thousand folders to be unlinked nor shares
    its cores with that.
    """
    current = layout.site.resolve() if layout.site.is_symlink() else None
    keep = {current, spare.resolve() if spare is not None else None}
    old = [p for p in (layout.state / "sites").iterdir() if p.resolve() not in keep]
    if not old:
        return
    trash = layout.state / "trash" / f"{time.time_ns()}-{os.getpid()}"
    trash.mkdir(parents=True)
    for path in old:
        path.rename(trash / path.name)
    subprocess.Popen([sys.executable, "-c", "import os, shutil, sys; os.nice(19); "
                      "shutil.rmtree(sys.argv[1], True)", str(trash)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def discard(built: Path) -> None:
    """Remove a build that did not finish; ``site`` still points at the previous one."""
    shutil.rmtree(built, ignore_errors=True)
