"""What each input file gave last time (its articles, assembled and cleaned of boilerplate,
its problems, and the short lines boilerplate is learned from), reused while the bytes of the
file and its sidecar, the reading code and the settings it depends on are unchanged.

At 10,000 articles reading and assembling took 3 s of every rebuild, and cleaning 3 s more; an
edited file is now the only one read and cleaned again (and the files of a source whose learned
boilerplate changed, cleaned again from a new read). One JSON entry per input file in the build
state's ``reads`` section.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.boilerplate import Lines
from builder.model import Article, Origin, Problem
from builder.readers import sidecars
from builder.state import Store

Item = Article | Problem


@dataclass(frozen=True)
class FileRead:
    """What one input file gave: its items, the short lines of its articles as read (what
    boilerplate is learned from), and what its articles were cleaned under (a hash of the
    boilerplate learned for their sources; "" while they are as read)."""

    items: list[Item]
    lines: Lines
    cleaned: str = ""

def _fingerprint(path: Path) -> str:
    """A hash of the file's bytes and its sidecar's (what reading it depends on)."""
    h = hashlib.blake2b(digest_size=16)
    for p in (path, *sidecars(path)):
        try:
            h.update(p.read_bytes())
            h.update(b"\0present")
        except OSError:
            h.update(b"\0absent")
    return h.hexdigest()


def _to_json(item: Item) -> dict[str, Any]:
    if isinstance(item, Problem):
        return {"problem": [item.origin.path, item.origin.line, item.reason, item.kind]}
    fields = dict(vars(item))
    fields["origin"] = [item.origin.path, item.origin.line]
    if fields["text"] == fields["body"]:  # a plain-text article: its text once, not twice
        del fields["text"]
    return {"article": fields}


def _from_json(data: dict[str, Any]) -> Item:
    if "problem" in data:
        path, line, reason, kind = data["problem"]
        return Problem(Origin(path, line), reason, kind)
    fields = data["article"]
    return Article(**{"text": fields["body"], **fields, "origin": Origin(*fields["origin"])})


class ReadCache:
    """Items by input file, valid for the same file bytes, code and settings: a view on the
    ``reads`` section of the build state."""

    def __init__(self, store: Store, settings: tuple[object, ...]) -> None:
        self.section = store.section("reads", *settings)

    @staticmethod
    def _name(origin: Origin) -> str:
        return hashlib.sha256(origin.path.encode()).hexdigest()[:24] + ".json"

    def get(self, path: Path, origin: Origin) -> FileRead | None:
        """What ``path`` gave last time, if it is unchanged since."""
        def parse(raw: bytes) -> FileRead | None:
            data = json.loads(raw)
            if data["fingerprint"] != _fingerprint(path) or data["path"] != origin.path:
                return None
            return FileRead([_from_json(item) for item in data["items"]],
                            {s: (n, Counter(lines)) for s, (n, lines) in data["lines"].items()},
                            data["cleaned"])

        return self.section.load(self._name(origin), parse)

    def put(self, path: Path, origin: Origin, read: FileRead) -> None:
        data = {"path": origin.path, "fingerprint": _fingerprint(path),
                "items": [_to_json(i) for i in read.items], "lines": read.lines,
                "cleaned": read.cleaned}
        self.section.save(self._name(origin), json.dumps(data, ensure_ascii=False).encode("utf-8"))

    def prune(self) -> None:
        """Forget the files no longer in the content folder."""
        self.section.prune()
