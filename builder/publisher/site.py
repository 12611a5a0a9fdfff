"""The published site, whatever builds it: what it was built from, the folder the next build
goes to, and the swap that replaces it at once.

``site`` is a symbolic link to the latest finished build under ``.arshif/sites/``, replaced with
one ``os.replace``: a build that fails or is killed half-way leaves the previous site whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder import digest
from builder.config import Config, Layout
from builder.packaged import publishing_settings, template_roots
from builder.pages.urls import page_url
from builder.publisher import SITE_UMASK, Engine
from builder.state import Store
from builder.writer import write_atomic


def site_path(doc: str) -> str:
    """Where a docs/ file is published: pages as ``…/index.html`` (directory URLs), others as is."""
    if not doc.endswith(".md"):
        return doc
    return page_url(doc) + "index.html"


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
        #: the build report of the published site, as JSON: a nothing-changed build prints it
        self.report: str = data.get("report", "")

    def save(self, new_stamp: str, frame_digest: str, manifest: dict[str, str], inputs: Inputs,
             report: str) -> None:
        self.section.save(_RECORD, json.dumps(
            {"stamp": new_stamp, "frame": frame_digest, "manifest": manifest,
             "inputs": inputs.files, "code_files": inputs.code, "code": digest.version("build"),
             "report": report}, sort_keys=True).encode("utf-8"))


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
    code = Path(__file__).resolve().parents[1]
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


def unchanged_since_last_build(layout: Layout, last: Published, inputs: Inputs) -> bool:
    """True when the inputs are those of the ``last`` published build. The builder's code may
    have changed in its bytes alone (a comment, a docstring): then what it does is compared,
    and the build is unchanged too (the new bytes are remembered, to be told at a glance)."""
    if not (last.inputs.files and last.inputs.files == inputs.files and last.report
            and layout.docs.is_dir()):
        return False
    if last.inputs.code == inputs.code:
        return True
    if last.code != digest.version("build"):
        return False
    last.save(last.stamp, last.frame, last.manifest, inputs, last.report)
    return True


class NextBuild:
    """The folder the next build goes to. After a published build, with an incremental
    engine, it is the spare (:func:`spare_dir`), made a copy of the current site by another
    process (:mod:`builder.publisher.fill`) while the builder makes the pages, and the engine
    is started warm; else it is a new, empty folder. Publishing then removes the outputs of
    changed, new and removed docs files (and a page's folder left empty), so the engine writes
    them anew.
    """

    def __init__(self, layout: Layout, before: Published, engine: Engine) -> None:
        self.before = before
        self.filling: subprocess.Popen[bytes] | None = None
        self.warm: subprocess.Popen[str] | None = None
        if not (engine.INCREMENTAL and self.before.manifest and layout.site.is_dir()):
            self.path = new_build_dir(layout)
            return
        self.path = spare_dir(layout)
        self.warm = engine.warm_start(layout)
        self.filling = subprocess.Popen(
            [sys.executable, "-m", "builder.publisher.fill", str(layout.site.resolve()),
             str(self.path), str(self.before.path)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            umask=SITE_UMASK)

    def filled(self) -> bool:
        """Wait for the filling process; True when the folder holds the previous site."""
        return self.filling is not None and self.filling.wait() == 0

    def stop(self) -> None:
        """Stop filling and the waiting engine."""
        for proc in (self.filling, self.warm):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()

    def discard(self, layout: Layout) -> None:
        """A build that stopped before publishing, or had nothing to publish: the folder stays
        the spare (whatever it holds, the next build's :func:`fill.mirror
        <builder.publisher.fill.mirror>` corrects)."""
        self.stop()
        clean_old_builds(layout, self.path)


def publish(layout: Layout, cfg: Config, engine: Engine, manifest: dict[str, str], epoch: int,
            report_json: bytes, inputs: Inputs, start: NextBuild) -> str:
    """Build the site into ``start``'s folder and swap it in; returns "unchanged",
    "incremental" or "full".

    Unchanged input: nothing is built. A changed frame (the engine's settings, theme): a
    clean build. Otherwise an incremental engine builds over the previous site (see
    :class:`NextBuild`), writing only the pages whose source changed: the static navigation
    means no other page depends on them. A test checks that this gives the same bytes as a
    clean build.
    """
    before = start.before
    new_frame = engine.frame(layout, cfg)
    new_stamp = stamp(new_frame, manifest, epoch, report_json)
    if before.stamp == new_stamp:
        start.discard(layout)
        before.save(new_stamp, new_frame, manifest, inputs, report_json.decode("utf-8"))
        return "unchanged"
    incremental = before.frame == new_frame and start.filled()
    changed: frozenset[str] | None = None  # docs files new or changed since: None, all of them
    if incremental:
        built = start.path
        changed = frozenset(d for d, sha in manifest.items() if before.manifest.get(d) != sha)
        shared = {site_path(d) for d in manifest.keys() - changed}
        for path in {site_path(d) for d in before.manifest.keys() | manifest.keys()} - shared:
            target = built / path
            target.unlink(missing_ok=True)
            if target.name == "index.html" and target.parent != built:
                with contextlib.suppress(OSError):  # not empty: other pages live there
                    target.parent.rmdir()  # a gone page leaves no empty folder behind
    elif start.filling is None:  # an empty folder: the clean build goes there
        built = start.path
    else:  # a clean build after all: the filled folder stays the spare
        start.stop()
        built = new_build_dir(layout)
    try:
        engine.run(layout, cfg, built, epoch, changed, len(manifest),
                   start.warm if incremental else None)
        write_atomic(built / "build-report.json", report_json)
        if not incremental:  # over the previous site, whatever is new was made under SITE_UMASK
            world_readable(built)
        swap(layout, built)
    except BaseException:
        discard(built)
        raise
    finally:
        start.stop()
    before.save(new_stamp, new_frame, manifest, inputs, report_json.decode("utf-8"))
    return "incremental" if incremental else "full"


def world_readable(folder: Path) -> None:
    """Files 0644 and folders 0755 under ``folder``, whatever the umask the build ran with: a
    web server's user (not the builder's) must read every file of the site. Needed after a
    clean build, whose engine may not honour :data:`SITE_UMASK`; an incremental one adds to a
    site made so, in processes that do (the filling one's and the engine's)."""
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
    """A fresh folder for this build under .arshif/sites/ (all three open to all: a web server
    serving ``site`` where it is follows the link through them)."""
    builds = layout.state / "sites"
    builds.mkdir(parents=True, exist_ok=True)
    for folder in (layout.state, builds):
        os.chmod(folder, 0o755)
    path = builds / f"build-{time.time_ns()}-{os.getpid()}"
    path.mkdir()
    os.chmod(path, 0o755)
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
