"""Digests that decide what a build may reuse: of the builder's own code, and of plain data.

A cache's entries are valid for the code that made them: the modules in :data:`MADE_BY` and
every builder module they import, found from their import statements, with the data folders
named there; of a module its syntax tree counts, not its comments. Nothing else counts, so a
comment anywhere, a change to the command-line module or to the training scripts
(``training/``, outside the package) leaves every cache valid.
"""

from __future__ import annotations

import ast
import hashlib
import io
import pickle
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = (".py", ".tsv", ".npy", ".npz", ".crfsuite", ".json", ".txt")

#: Every section of the build state (:mod:`builder.state`): the modules its entries are made
#: by, and the data (folders or files of the package) they read.
MADE_BY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "reads": (("builder.readers", "builder.assemble", "builder.boilerplate"), ("data/outlets.tsv",)),
    "facts": (("builder.extract.facts",), ("data",)),
    "stories": (("builder.stories",), ()),
    "pages": (("builder.pages.site",), ("data",)),
    # what the site was built from; the record holds the build's version ("build") itself, to
    # tell a change to the code's bytes alone from one to what it does
    "published": ((), ()),
    # the whole build: a change to its code that leaves this the same changes no output (the
    # publishers are imported by the name the settings give, so they are named here)
    "build": (("builder.build", "builder.publisher.mkdocs", "builder.publisher.zensical"), ("data",)),
}


def _source(module: str) -> Path | None:
    """The file of a builder module, or None for a name that is no module (a function)."""
    parts = module.split(".")
    if parts[0] != "builder":
        return None
    base = _PACKAGE.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


@cache
def _tree(path: Path) -> ast.Module:
    """A module's syntax tree, parsed once however many caches depend on it."""
    return ast.parse(path.read_bytes())


@cache
def _imports(path: Path) -> frozenset[str]:
    """The builder modules a file imports, at its top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return frozenset(m for m in found if _source(m) is not None)


def modules(*roots: str) -> list[Path]:
    """The files of ``roots`` and of every builder module they import, directly or not (a
    package's ``__init__`` is imported with any of its modules)."""
    seen: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = _source(name)
        if name in seen or path is None:
            continue
        seen[name] = path
        parents = [".".join(name.split(".")[:i]) for i in range(2, name.count(".") + 1)]
        todo += [*_imports(path), *parents]
    return sorted(set(seen.values()))


@cache
def version(kind: str) -> str:
    """The version of a cache in :data:`MADE_BY`: a hash of the code and data it depends on."""
    roots, data = MADE_BY[kind]
    digest = hashlib.sha256()
    for path in modules(*roots):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(_meaning(path))
    digest.update(code(*data).encode() if data else b"")
    return digest.hexdigest()[:16]


@cache
def _meaning(path: Path) -> bytes:
    """A hash of what a module does, without its comments and layout: of its syntax tree."""
    return hashlib.sha256(ast.dump(_tree(path)).encode("utf-8")).digest()


@cache
def code(*folders: str) -> str:
    """A hash of the builder's code and data files under ``folders`` (folders or files of the
    package): anything cached from their output is only valid for the same."""
    digest = hashlib.sha256()
    roots = [_PACKAGE / f for f in folders]
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
