"""Find the raw files in the content folder and hand each to the reader for its format.

Every file ends up as articles or as a :class:`Problem` naming it: nothing is passed over
in silence.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from builder import yamlio
from builder.model import Origin, Problem, RawArticle
from builder.readers import html, jsonl, markdown, text
from builder.readers.decode import Decoded, DecodeError, decode
from builder.readers.frontmatter import FrontMatterError

#: A reader gets the file's text (decoded once, in ``read_file``) and where it came from.
Reader = Callable[[Decoded, Origin], Iterator[RawArticle | Problem]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".jsonl": jsonl.read_lines,
    ".ndjson": jsonl.read_lines,
    ".json": jsonl.read_document,
    ".html": html.read,
    ".htm": html.read,
}
#: files of one article per line: an article's ``origin.line`` is its line in the file
LINE_FILES = tuple(suffix for suffix, reader in READERS.items() if reader is jsonl.read_lines)
SIDECAR_SUFFIXES = (".yml", ".yaml")


def _relative(path: Path, root: Path) -> str:
    """The path as text; bytes that are not UTF-8 in a file name show as U+FFFD."""
    rel = path.relative_to(root).as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _files(root: Path) -> list[Path]:
    return sorted((p for p in root.rglob("*") if p.is_file() or p.is_symlink()),
                  key=lambda p: p.relative_to(root).as_posix())


def _sidecar_meta(path: Path, origin: Origin) -> tuple[dict[str, object], Problem | None]:
    for side in sidecars(path):
        suffix = side.suffix
        if side.is_file():
            try:
                data = yamlio.load(decode(side.read_bytes()).text)
            except (yamlio.YamlError, DecodeError) as err:
                return {}, Problem(Origin(_relative_name(origin, path, suffix)), str(err),
                                   "warning")
            if isinstance(data, dict):
                return data, None
            return {}, Problem(Origin(_relative_name(origin, path, suffix)),
                               "sidecar is not a YAML mapping", "warning")
    return {}, None


def _relative_name(origin: Origin, path: Path, suffix: str) -> str:
    return origin.path[: -len(path.suffix)] + suffix


def read_folder(root: Path, ignore: Iterable[str], reserved: Iterable[str],
                max_bytes: int) -> Iterator[RawArticle | Problem]:
    """Every article under ``root`` in path order, and a Problem for every file that is not one.

    ``ignore`` holds name patterns reported as ignored (licence and readme files);
    ``reserved`` the registry and settings files that live in the content folder too.
    """
    for found in article_files(root, ignore, reserved):
        if isinstance(found, Problem):
            yield found
        else:
            yield from read_file(*found, max_bytes)


def article_files(root: Path, ignore: Iterable[str],
                  reserved: Iterable[str]) -> Iterator[tuple[Path, Origin] | Problem]:
    """The files under ``root`` to read as articles (path order), and a Problem for every other."""
    files = _files(root)
    stems = {p.with_suffix("") for p in files if p.suffix.lower() in READERS}
    ignore = tuple(ignore)
    reserved = set(reserved)
    for path in files:
        rel = _relative(path, root)
        origin = Origin(rel)
        suffix = path.suffix.lower()
        if rel in reserved:
            continue
        if path.is_symlink():
            yield Problem(origin, "symbolic link: not followed", "ignored")
        elif any(part.startswith(".") for part in Path(rel).parts):
            yield Problem(origin, "hidden file", "ignored")
        elif any(fnmatch.fnmatch(path.name, pat) for pat in ignore):
            yield Problem(origin, "not an article (matches the ignore list)", "ignored")
        elif suffix in SIDECAR_SUFFIXES:
            if path.with_suffix("") not in stems:
                yield Problem(origin, "metadata sidecar with no article of the same name",
                              "ignored")
        elif suffix not in READERS:
            yield Problem(origin, f"unsupported format '{suffix or path.name}'", "ignored")
        else:
            yield path, origin


def sidecars(path: Path) -> list[Path]:
    """The metadata files that may go with an article file (whether they exist or not)."""
    return [path.with_suffix(suffix) for suffix in SIDECAR_SUFFIXES]


def read_file(path: Path, origin: Origin, max_bytes: int) -> Iterator[RawArticle | Problem]:
    """The articles in one file (with its sidecar's metadata), or why there are none."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield Problem(origin, f"unsupported format '{path.suffix or path.name}'", "ignored")
        return
    try:
        size = path.stat().st_size
    except OSError as err:
        yield Problem(origin, f"cannot read: {err.strerror}")
        return
    limit = max_bytes if path.suffix.lower() not in (".jsonl", ".ndjson", ".json") else max_bytes * 50
    if size > limit:
        yield Problem(origin, f"file of {size:,} bytes is larger than the limit of {limit:,}")
        return
    side, side_problem = _sidecar_meta(path, origin)
    if side_problem:
        yield side_problem
    try:
        decoded = decode(path.read_bytes())
        for note in decoded.notes:
            yield Problem(origin, note, "warning")
        for item in reader(decoded, origin):
            if isinstance(item, RawArticle) and side:
                item = RawArticle(item.origin, item.body, item.markup, {**item.meta, **side},
                                  item.encoding)
            yield item
    except (DecodeError, FrontMatterError) as err:
        yield Problem(origin, str(err))
