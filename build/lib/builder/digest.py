"""Digests that decide what a build may reuse: of the builder's own code, and of plain data."""

from __future__ import annotations

import hashlib
import io
import pickle
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = (".py", ".tsv", ".npy", ".npz", ".crfsuite", ".json", ".txt")


@cache
def code(*folders: str) -> str:
    """A hash of the builder's code and data files under ``folders`` (folders or files of the
    package; all of it when none):
    anything cached from their output is only valid for the same."""
    digest = hashlib.sha256()
    roots = [_PACKAGE / f for f in folders] or [_PACKAGE]
    for root in roots:
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file() and path.suffix in _SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_PACKAGE).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def files(paths: list[Path]) -> str:
    """A hash of these files' names and bytes (templates, settings)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def data(value: Any) -> str:
    """A hash of plain data (dicts, lists, strings, numbers; no cycles), by its pickle made
    without the memo, so that equal values give equal bytes however they are shared."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: a string used twice is written twice, as an equal copy is
    pickler.dump(value)
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).hexdigest()
