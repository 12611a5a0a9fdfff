"""The costly part of extraction, cached and run in parallel: what a text says on its own.

Dates and recogniser mentions depend only on the text, the date it was given and the extraction
code and data (model, gazetteer, clusters); they are cached under a key of the text and given
date, in a file named by a hash of that code and data, so a change to any of them starts a fresh
cache. Resolving mentions against the registry is cheap and runs on every build, so editing the
registry never serves stale entities. Cache misses are spread over the machine's cores
(``ProcessPoolExecutor``), or over a Dask cluster when one is given.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from builder.extract import dates
from builder.model import DateMention, EntityMention

#: Below this many texts to extract, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
_CODE_AND_DATA = ("extract", "ner", "arabic", "data")


@dataclass
class Facts:
    """What one text says: its publication date, the dates it mentions, the names it holds."""

    date: str | None
    dates: list[DateMention]
    mentions: list[EntityMention]
    notes: list[str]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        return cls(data["date"], [DateMention(**d) for d in data["dates"]],
                   [EntityMention(**m) for m in data["mentions"]], list(data["notes"]))


_RECOGNIZER: Any = None


def _recognizer() -> Any:
    global _RECOGNIZER
    if _RECOGNIZER is None:
        from builder.ner.recognizer import Recognizer

        _RECOGNIZER = Recognizer()
    return _RECOGNIZER


def read_facts(given_date: str | None, text: str) -> Facts:
    """Extract from one text (the unit of work sent to other processes or machines)."""
    notes: list[str] = []
    value = None
    if given_date:
        value = dates.parse_given(given_date)
        if value is None:
            notes.append(f"date '{given_date}' is not a date I can read: looked for a dateline instead")
    if value is None:
        value = dates.dateline(text)
    found = dates.find_dates(text, dates.base_date(value))
    return Facts(value, found, _recognizer().find(text), notes)


def _read_pair(pair: tuple[str | None, str]) -> Facts:
    return read_facts(*pair)


@cache
def version() -> str:
    """A hash of the extraction code and data: the cache is only valid for the same."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for folder in _CODE_AND_DATA:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".tsv", ".npy", ".crfsuite"):
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def text_key(given_date: str | None, text: str) -> str:
    return hashlib.sha256(f"{given_date or ''}\0{text}".encode()).hexdigest()[:24]


class FactsCache:
    """Facts by text key, in one gzipped JSON file per code-and-data version."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / f"facts-{version()}.json.gz"
        self.entries: dict[str, dict[str, Any]] = {}
        if self.path.exists():
            try:
                self.entries = json.loads(gzip.decompress(self.path.read_bytes()))
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is only a slower build
        self.used: set[str] = set()
        self.added = 0

    def get(self, k: str) -> Facts | None:
        data = self.entries.get(k)
        if data is None:
            return None
        self.used.add(k)
        return Facts.from_json(data)

    def put(self, k: str, facts: Facts) -> None:
        self.entries[k] = facts.to_json()
        self.used.add(k)
        self.added += 1

    def save(self) -> None:
        """Keep what this build used (entries of removed articles go), and old versions go too."""
        from builder.writer import write_atomic

        if not self.added and len(self.used) == len(self.entries):
            return
        kept = {k: self.entries[k] for k in sorted(self.used)}
        write_atomic(self.path, gzip.compress(json.dumps(kept, ensure_ascii=False).encode(), mtime=0))
        for old in self.path.parent.glob("facts-*.json.gz"):
            if old != self.path:
                old.unlink(missing_ok=True)


def executor(address: str | None) -> tuple[Callable[[Callable[..., Facts], Iterable[Any]], Iterator[Facts]],
                                            Callable[[], None]]:
    """A ``map`` over this machine's cores, or over the Dask scheduler at ``address``."""
    if address:
        from dask.distributed import Client  # the optional 'cluster' extra

        client = Client(address)

        def dask_map(fn: Callable[..., Facts], items: Iterable[Any]) -> Iterator[Facts]:
            futures = client.map(fn, list(items), pure=False)
            return iter(client.gather(futures))
        return dask_map, client.close
    pool: Executor = ProcessPoolExecutor(max_workers=os.cpu_count() or 1)

    def local_map(fn: Callable[..., Facts], items: Iterable[Any]) -> Iterator[Facts]:
        return pool.map(fn, items, chunksize=16)
    return local_map, pool.shutdown


def extract_all(pairs: list[tuple[str | None, str]], cache_dir: Path,
                cluster: str | None = None) -> list[Facts]:
    """Facts for every (given date, text), from the cache where it can, else computed."""
    store = FactsCache(cache_dir)
    keys = [text_key(g, t) for g, t in pairs]
    out: list[Facts | None] = [store.get(k) for k in keys]
    missing = [i for i, f in enumerate(out) if f is None]
    if missing and (cluster or len(missing) >= PARALLEL_FROM):
        run, close = executor(cluster)
        try:
            for i, facts in zip(missing, run(_read_pair, [pairs[i] for i in missing]), strict=True):
                out[i] = facts
        finally:
            close()
    else:
        for i in missing:
            out[i] = read_facts(*pairs[i])
    for i in missing:
        store.put(keys[i], out[i])  # type: ignore[arg-type]
    store.save()
    return [f for f in out if f is not None]
