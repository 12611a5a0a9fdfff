"""What a build remembers for the next one: a single store, ``.arshif/state/``.

Each kind of entry (the files read, the facts extracted, the story signatures, the outputs
made, the site published) is a :class:`Section`: a folder named by the kind and its version.
The version hashes the code and data the kind's entries are made by, declared in
:data:`builder.digest.MADE_BY`, and any settings the caller adds; a new version starts the kind
afresh and removes the folders of the others. Entries are named blobs, written atomically. A
damaged entry (unreadable, or not what its reader expects) is treated as absent and made again:
a slower build, never a wrong one. Entries a build neither read nor wrote are pruned at its end.
"""

from __future__ import annotations

import shutil
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from builder import digest
from builder.writer import write_atomic

T = TypeVar("T")

#: What a damaged entry raises when its reader parses it: a broken file, JSON, gzip or NumPy
#: archive, or data of another shape than the reader's.
DAMAGE = (OSError, EOFError, ValueError, zlib.error, zipfile.BadZipFile, KeyError, IndexError,
          TypeError, AttributeError)


class Section:
    """The entries of one kind at one version."""

    def __init__(self, root: Path, kind: str, version: str) -> None:
        self.folder = root / f"{kind}-{version}"
        self.touched: set[str] = set()
        for old in root.glob(f"{kind}-*") if root.is_dir() else ():
            if old != self.folder:
                shutil.rmtree(old, ignore_errors=True)

    def names(self) -> list[str]:
        """The entries on disk, sorted."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if not p.name.startswith("."))

    def load(self, name: str, parse: Callable[[bytes], T]) -> T | None:
        """``parse`` of the entry's bytes; None when it is missing or damaged."""
        self.touched.add(name)
        try:
            return parse((self.folder / name).read_bytes())
        except DAMAGE:
            return None

    def save(self, name: str, data: bytes) -> None:
        self.touched.add(name)
        write_atomic(self.folder / name, data)

    def remove(self, name: str) -> None:
        self.touched.discard(name)
        (self.folder / name).unlink(missing_ok=True)

    def prune(self) -> None:
        """Remove the entries this build neither loaded nor saved (their sources are gone)."""
        for name in self.names():
            if name not in self.touched:
                (self.folder / name).unlink(missing_ok=True)


class Store:
    """The build state of one archive."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def section(self, kind: str, *settings: object) -> Section:
        """The section of ``kind`` (a key of :data:`builder.digest.MADE_BY`) for the current
        code and these settings."""
        version = digest.version(kind)
        if settings:
            version += digest.data(list(settings))[:8]
        return Section(self.root, kind, version)
