"""What the previous build's output files were made from, so that unchanged ones are kept.

Output comes in named groups (a page; a part of the search index). A group whose hash of
inputs is the one recorded last time, and whose files are still on disk as written then (size
and mtime), is kept without being made again; any other is made and written. The record lives
in ``.arshif/cache/``, under a version (the builder's code, the templates): a new version makes
everything again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from builder.writer import OutputTree, safe_relpath, write_atomic

Entry = list[str | int]


class Memo:
    """Group name -> [hash of its inputs, [path, sha256, size, mtime], …] of the last build."""

    def __init__(self, path: Path, out: OutputTree, version: str) -> None:
        self.path, self.out, self.version = path, out, version
        self.before: dict[str, list[object]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == version:
                self.before = data["groups"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass  # no record of the last build: everything is made
        self.now: dict[str, list[object]] = {}

    def fresh(self, name: str, made_from: str) -> bool:
        """True when the group was made from the same last time and its files are unchanged on
        disk (a check only: it may run in another process than the one that keeps them)."""
        before = self.before.get(name)
        if before is None or before[0] != made_from:
            return False
        files: list[Entry] = before[1:]  # type: ignore[assignment]
        root = str(self.out.root) + os.sep  # str paths: 20,000 stats a build, no Path objects
        for rel, _, size, mtime in files:
            try:
                st = os.stat(root + str(rel))
            except OSError:
                return False
            if st.st_size != size or st.st_mtime_ns != mtime:
                return False
        return True

    def keep(self, name: str, owner: str, record: list[object] | None = None) -> None:
        """Claim a :meth:`fresh` group's files for ``owner`` as they are, or (``record``) those
        another process wrote for it with :meth:`write` (its ``now[name]``)."""
        entry = self.before[name] if record is None else record
        files: list[Entry] = entry[1:]  # type: ignore[assignment]
        for rel, sha, _, _ in files:
            self.out.keep(str(rel), str(sha), owner)
        self.now[name] = entry

    def reuse(self, name: str, made_from: str, owner: str) -> bool:
        """Keep the group's files when they were made from the same and are unchanged on disk."""
        if not self.fresh(name, made_from):
            return False
        self.keep(name, owner)
        return True

    def write(self, name: str, made_from: str, files: Iterable[tuple[str, str | bytes]],
              owner: str) -> None:
        """Write the group's files (only changed bytes) and record what they were made from."""
        entry: list[object] = [made_from]
        for rel, data in files:
            self.out.write(rel, data, owner)
            key = safe_relpath(rel)
            st = (self.out.root / key).stat()
            entry.append([key, self.out.digests[key], st.st_size, st.st_mtime_ns])
        self.now[name] = entry

    def save(self) -> None:
        if self.now != self.before:
            write_atomic(self.path, json.dumps({"version": self.version, "groups": self.now},
                                               sort_keys=True).encode("utf-8"))
