"""What the previous build's output files were made from, so that unchanged ones are kept.

Output comes in named groups (a page; a part of the search index). A group whose hash of
inputs is the one recorded last time, and whose files are still on disk as written then (size
and mtime), is kept without being made again; any other is made and written. The record lives
in the build state's ``pages`` section, whose version hashes the builder's code and the templates:
a new version makes everything again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any, NamedTuple

from builder.state import Section
from builder.writer import OutputTree, safe_relpath


class Written(NamedTuple):
    """A file of a group as written: its path under the output root, sha256, size and mtime."""

    path: str
    sha256: str
    size: int
    mtime: int


class Group(NamedTuple):
    """What a group of output files was made from (a hash of its inputs), and its files."""

    made_from: str
    files: tuple[Written, ...]

    def to_json(self) -> list[object]:
        return [self.made_from, [list(f) for f in self.files]]

    @classmethod
    def from_json(cls, data: list[Any]) -> Group:
        made_from, files = data
        return cls(made_from, tuple(Written(*f) for f in files))


_FILE = "outputs.json"


class Memo:
    """Group name -> :class:`Group` of the last build."""

    def __init__(self, section: Section, out: OutputTree) -> None:
        self.section, self.out = section, out
        before = section.load(_FILE, lambda raw: {name: Group.from_json(g)
                                                  for name, g in json.loads(raw).items()})
        self.before: dict[str, Group] = before or {}
        self.now: dict[str, Group] = {}

    def fresh(self, name: str, made_from: str) -> bool:
        """True when the group was made from the same last time and its files are unchanged on
        disk (a check only: it may run in another process than the one that keeps them)."""
        before = self.before.get(name)
        return before is not None and before.made_from == made_from and self.intact(name)

    def intact(self, name: str) -> bool:
        """True when the group's files are on disk as this code wrote them last time (whatever
        they were made from): they may be read to make the group again."""
        before = self.before.get(name)
        if before is None:
            return False
        root = str(self.out.root) + os.sep  # str paths: 20,000 stats a build, no Path objects
        for f in before.files:
            try:
                st = os.stat(root + f.path)
            except OSError:
                return False
            if st.st_size != f.size or st.st_mtime_ns != f.mtime:
                return False
        return True

    def keep(self, name: str, owner: str, record: Group | None = None) -> None:
        """Claim a :meth:`fresh` group's files for ``owner`` as they are, or (``record``) those
        another process wrote for it with :meth:`write` (its ``now[name]``)."""
        group = self.before[name] if record is None else record
        for f in group.files:
            self.out.keep(f.path, f.sha256, owner)
        self.now[name] = group

    def reuse(self, name: str, made_from: str, owner: str) -> bool:
        """Keep the group's files when they were made from the same and are unchanged on disk."""
        if not self.fresh(name, made_from):
            return False
        self.keep(name, owner)
        return True

    def write(self, name: str, made_from: str, files: Iterable[tuple[str, str | bytes]],
              owner: str) -> None:
        """Write the group's files (only changed bytes) and record what they were made from."""
        written = []
        for rel, data in files:
            self.out.write(rel, data, owner)
            key = safe_relpath(rel)
            st = (self.out.root / key).stat()
            written.append(Written(key, self.out.digests[key], st.st_size, st.st_mtime_ns))
        self.now[name] = Group(made_from, tuple(written))

    def save(self) -> None:
        if self.now != self.before:
            groups = {name: g.to_json() for name, g in self.now.items()}
            self.section.save(_FILE, json.dumps(groups, sort_keys=True).encode("utf-8"))
