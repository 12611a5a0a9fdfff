"""The one way the build writes files: inside its root, aside then renamed, only on change.

Every output path is checked to stay inside the root whatever an article's title or id holds;
two sources writing one path is an error naming both; a file whose bytes are unchanged is not
touched, so an unchanged input rewrites nothing and a dirty MkDocs build stays valid.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path, PurePosixPath


class OutputError(ValueError):
    """An output path that escapes the root, or that two sources both want."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``; the
    file is readable by all (0644), as a published file must be, not 0600 as temporary files are."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_relpath(rel: str) -> str:
    """``rel`` itself when it is a relative path with no ``..``, ``.``, empty part, root, drive,
    backslash or NUL in it (string checks: it runs for each of the build's 20,000 files)."""
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/") or ":" in rel:
        raise OutputError(f"unsafe output path {rel!r}")
    parts = rel.split("/")
    if any(part in ("..", ".", "") for part in parts) or len(rel.encode()) > 1000:
        raise OutputError(f"unsafe output path {rel!r}")
    if any(len(part.encode()) > 200 for part in parts):
        raise OutputError(f"output path part too long in {rel!r}")
    return rel


class OutputTree:
    """The files one build stage owns under ``root``; what it did not write is pruned."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.owners: dict[str, str] = {}
        self.digests: dict[str, str] = {}
        self._inside: set[PurePosixPath] = set()  # parent folders checked to stay in the root

    def _claim(self, rel: str, owner: str) -> str:
        key = safe_relpath(rel)
        if key in self.owners and self.owners[key] != owner:
            raise OutputError(f"{key} would be written by both {self.owners[key]} and {owner}")
        self.owners[key] = owner
        return key

    def keep(self, rel: str, digest: str, owner: str) -> None:
        """Claim ``rel`` for ``owner`` as already written with these bytes (their sha256)."""
        self.digests[self._claim(rel, owner)] = digest

    def write(self, rel: str, data: str | bytes, owner: str) -> bool:
        """Write ``data`` at ``rel`` for ``owner``; True when the bytes on disk changed."""
        key = self._claim(rel, owner)
        path = PurePosixPath(key)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.digests[key] = hashlib.sha256(raw).hexdigest()
        target = self.root / path
        if path.parent not in self._inside:
            if not target.parent.resolve().is_relative_to(self.root.resolve()) \
                    and target.parent.exists():
                raise OutputError(f"{key} resolves outside {self.root}")
            if target.parent.is_dir():
                self._inside.add(path.parent)
        try:
            if target.is_file() and not target.is_symlink() and target.read_bytes() == raw:
                return False
        except OSError:
            pass
        if target.is_symlink():
            target.unlink()
        write_atomic(target, raw)
        return True

    def prune(self) -> list[str]:
        """Delete files under the root that this build did not write (pages of removed input)."""
        removed: list[str] = []
        if not self.root.exists():
            return removed
        start = str(self.root)
        for folder, dirs, names in os.walk(start, topdown=False):
            rel = os.path.relpath(folder, start)
            prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
            links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
            for name in [*names, *links]:
                if prefix + name not in self.owners and not name.startswith(".git"):
                    os.unlink(os.path.join(folder, name))
                    removed.append(prefix + name)
            for name in set(dirs) - set(links):
                path = os.path.join(folder, name)
                if not os.listdir(path):
                    os.rmdir(path)
        return sorted(removed)
