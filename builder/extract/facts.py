"""The costly part of extraction, cached and run in parallel: what a text says on its own.

Dates, recogniser mentions and search terms depend only on the text, the date evidence its
metadata gives (:class:`DateEvidence`) and the extraction code and data (model, gazetteer,
clusters, normaliser); where the registry's names occur in it depends on the registry too.
Everything is cached under a key of the text and its evidence, in a folder named by a hash of
that code and data (a change to any of them starts a fresh cache); registry matches carry the
registry's digest and are found again when it changes, so editing the registry never serves
stale entities. The cache is split in buckets by key, so
one edited article rewrites one small file. Many misses are sent in batches to the machine's
cores (:func:`builder.parallel.pmap`), or to a Dask cluster when one is given; a few go to one
worker that loaded the recogniser while the cache was being read.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from builder import digest
from builder.arabic.normalize import Folded
from builder.arabic.terms import keys, pack
from builder.config import RecogniserKind
from builder.extract import dates
from builder.extract.entities import Resolved, resolve
from builder.extract.published import DateEvidence, publication_date
from builder.model import DateMention, EntityMention
from builder.parallel import other_cores, pmap
from builder.registry import Registry

#: Below this many texts to extract, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
#: Texts per task sent to a worker: the recogniser tags a batch in one pass.
BATCH = 32

Hit = tuple[int, int, str]
Pair = tuple[DateEvidence, str]


@dataclass
class Facts:
    """What one text says: its publication date, the dates it mentions, the names it holds,
    its search terms, where the registry's names are written in it and the entities all these
    resolve to."""

    date: str | None
    #: where ``date`` came from (:data:`builder.extract.published.DateSource`)
    date_source: str | None
    dates: list[DateMention]
    #: the recogniser's mentions, as the JSON text of (start, end, text, type) rows: decoded
    #: only when needed (a registry change), not for each of 10,000 cached articles at every build
    mentions_json: str
    notes: list[str]
    terms: str = ""  # search keys and counts, packed (builder.arabic.terms.pack)
    hits: list[Hit] = field(default_factory=list)
    resolved: Resolved = field(default_factory=lambda: Resolved({}, [], []))
    registry: str = ""  # the digest of the registry ``hits`` and ``resolved`` were made with

    @property
    def mentions(self) -> list[EntityMention]:
        rows = json.loads(self.mentions_json)
        return [EntityMention(a, b, text, kind) for a, b, text, kind in rows]

    def to_json(self) -> dict[str, Any]:
        # not dataclasses.asdict: its deep copy took 15 s of a 10,000-article build
        return {"date": self.date, "date_source": self.date_source, "dates": [vars(d) for d in self.dates],
                "mentions": self.mentions_json, "notes": self.notes,
                "terms": self.terms, "hits": self.hits, "resolved": self.resolved.to_json(),
                "registry": self.registry}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Facts:
        return cls(data["date"], data["date_source"], [DateMention(**d) for d in data["dates"]],
                   str(data["mentions"]), list(data["notes"]),
                   str(data["terms"]), [(a, b, e) for a, b, e in data["hits"]],
                   Resolved.from_json(data["resolved"]), data["registry"])


_RECOGNIZERS: dict[str, Any] = {}


def _recognizer(kind: RecogniserKind) -> Any:
    """The recogniser of that kind (the ``recogniser`` setting), loaded once per process."""
    if kind not in _RECOGNIZERS:
        from builder.ner.recognizer import Recognizer

        _RECOGNIZERS[kind] = Recognizer() if kind == "accurate" else Recognizer(neural=None)
    return _RECOGNIZERS[kind]


def _dates(evidence: DateEvidence, text: Folded) -> tuple[str | None, str | None, list[DateMention],
                                                          list[str]]:
    """The publication date, its source, the dates in the text (relative ones counted from the
    publication date) and what could not be read."""
    notes = [f"date '{given}' is not a date I can read: looked for other evidence"
             for given in (evidence.given, evidence.collected)
             if given and dates.parse_given(given) is None]
    value, source = publication_date(evidence, text)
    return value, source, dates.find_dates(text, dates.base_date(value)), notes


def analyse(pairs: Sequence[Pair], registry: Registry,
            kind: RecogniserKind = "accurate") -> list[Facts]:
    """Facts of each (date evidence, text): the unit of work sent to other processes or machines."""
    mentions = _recognizer(kind).find_many([text for _, text in pairs])
    made_with = registry.digest()
    out = []
    for (evidence, text), found in zip(pairs, mentions, strict=True):
        folded = Folded.of(text)
        value, source, mentioned, notes = _dates(evidence, folded)
        hits = list(registry.scan(folded))
        rows = [(m.start, m.end, m.text, m.type) for m in found]
        out.append(Facts(value, source, mentioned, json.dumps(rows, ensure_ascii=False),
                         notes, pack(keys(folded)), hits, resolve(found, hits, registry, folded),
                         made_with))
    return out


def read_facts(evidence: DateEvidence, text: str, registry: Registry | None = None,
               kind: RecogniserKind = "accurate") -> Facts:
    """Facts of one text (no registry: no registry matches)."""
    return analyse([(evidence, text)], registry or Registry(), kind)[0]


def version() -> str:
    """A hash of the extraction code and data: the cache is only valid for the same."""
    return digest.version("facts")


def text_key(evidence: DateEvidence, text: str) -> str:
    return hashlib.sha256(f"{evidence.key()}\0{text}".encode()).hexdigest()[:24]


class FactsCache:
    """Facts by text key, in gzipped JSON buckets (by the key's first two hex digits) in a
    folder per code-and-data version."""

    def __init__(self, folder: Path, kind: RecogniserKind) -> None:
        self.folder = folder / f"facts-{version()}-{kind}"
        self.buckets: dict[str, dict[str, dict[str, Any]]] = {}
        for path in sorted(self.folder.glob("*.json.gz")) if self.folder.is_dir() else []:
            try:
                self.buckets[path.name[:2]] = json.loads(gzip.decompress(path.read_bytes()))
            except (OSError, ValueError):
                continue  # a damaged bucket is only a slower build
        self.used: set[str] = set()
        self.changed: set[str] = set()

    def get(self, k: str) -> Facts | None:
        data = self.buckets.get(k[:2], {}).get(k)
        if data is None:
            return None
        self.used.add(k)
        return Facts.from_json(data)

    def put(self, k: str, facts: Facts) -> None:
        self.buckets.setdefault(k[:2], {})[k] = facts.to_json()
        self.used.add(k)
        self.changed.add(k[:2])

    def save(self) -> None:
        """Rewrite the buckets that gained or lost entries (those of removed articles go), and
        remove the folders of other versions."""
        from builder.writer import write_atomic

        for name, entries in self.buckets.items():
            kept = {k: v for k, v in entries.items() if k in self.used}
            if name not in self.changed and len(kept) == len(entries):
                continue
            path = self.folder / f"{name}.json.gz"
            if kept:
                data = json.dumps(kept, ensure_ascii=False, sort_keys=True).encode()
                write_atomic(path, gzip.compress(data, compresslevel=1, mtime=0))
            else:
                path.unlink(missing_ok=True)
        for old in self.folder.parent.glob("facts-*"):
            if old != self.folder:
                shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink()


_SHARED: tuple[Registry, RecogniserKind] = (Registry(), "accurate")


def _share(registry: Registry, kind: RecogniserKind) -> None:
    global _SHARED
    _SHARED = (registry, kind)


def _analyse_shared(pairs: list[Pair]) -> list[Facts]:
    return analyse(pairs, *_SHARED)


def _analyse_batches(batches: list[list[Pair]], registry: Registry, kind: RecogniserKind,
                     cluster: str | None) -> Iterator[list[Facts]]:
    """Facts of each batch, in order: on the Dask scheduler at ``cluster``, else over this
    machine's cores when there are enough texts; the registry goes to each worker once."""
    if cluster:
        from dask.distributed import Client  # the optional 'cluster' extra

        with Client(cluster) as client:
            shared = client.scatter(registry, broadcast=True)
            yield from client.gather(client.map(analyse, batches, registry=shared, kind=kind,
                                                pure=False))
        return
    many = sum(len(b) for b in batches) >= PARALLEL_FROM
    yield from pmap(_analyse_shared, batches, many, _share, (registry, kind))


def _stand_by(work: Connection, other: Connection, registry: Registry,
              kind: RecogniserKind) -> None:
    """The standby process: load the recogniser, then tag the batches it is sent, once."""
    other.close()  # the caller's end, forked too: closed, a caller gone is an end of input
    _share(registry, kind)
    _recognizer(kind)
    try:
        batches: list[list[Pair]] = work.recv()
    except EOFError:  # nothing to tag (or the caller was killed)
        return
    work.send([_analyse_shared(batch) for batch in batches])


class _Standby:
    """One process, started before the cache is read and loading the recogniser while it is (a
    second or so): the few texts an edit changes are tagged there without that wait. Not a
    process pool: a pool's threads outlived the extraction when the worker had nothing to do,
    into the forks that follow, and its worker outlived a killed build."""

    def __init__(self, registry: Registry, kind: RecogniserKind) -> None:
        self.conn, theirs = multiprocessing.Pipe()
        self.proc = multiprocessing.Process(target=_stand_by,
                                            args=(theirs, self.conn, registry, kind))
        self.proc.start()
        theirs.close()

    def map(self, batches: list[list[Pair]]) -> Iterator[list[Facts]]:
        self.conn.send(batches)
        try:
            results: list[list[Facts]] = self.conn.recv()
        except EOFError:
            self.proc.join()
            raise RuntimeError("the extraction process ended without results "
                               f"(exit code {self.proc.exitcode}; its error is printed above)") from None
        return iter(results)

    def close(self) -> None:
        """Stop the process: it has tagged its one batch list, or is not needed."""
        self.conn.close()
        if self.proc.exitcode is None:
            self.proc.kill()
        self.proc.join()


def extract_all(pairs: list[Pair], cache_dir: Path, registry: Registry,
                cluster: str | None = None, kind: RecogniserKind = "accurate") -> list[Facts]:
    """Facts for every (date evidence, text), from the cache where it can, else computed."""
    standby = _Standby(registry, kind) if cluster is None and other_cores() else None
    try:
        store = FactsCache(cache_dir, kind)
        keys_ = [text_key(g, t) for g, t in pairs]
        out: list[Facts | None] = [store.get(k) for k in keys_]
        missing = [i for i, f in enumerate(out) if f is None]
        batches = [missing[n:n + BATCH] for n in range(0, len(missing), BATCH)]
        texts = [[pairs[i] for i in b] for b in batches]
        if not batches:  # no misses: no workers, no cluster connection
            found: Iterator[list[Facts]] = iter([])
        elif standby is not None and len(missing) < PARALLEL_FROM:
            found = standby.map(texts)
        else:
            found = _analyse_batches(texts, registry, kind, cluster)
        for batch, facts_of_batch in zip(batches, found, strict=True):
            for i, facts in zip(batch, facts_of_batch, strict=True):
                out[i] = facts
    finally:
        if standby is not None:
            standby.close()
    current = registry.digest()
    for i in missing:
        store.put(keys_[i], out[i])  # type: ignore[arg-type]
    stale: dict[int, Facts] = {i: f for i, f in enumerate(out) if f is not None and f.registry != current}
    for i, facts in stale.items():  # the registry changed since these were cached
        facts.hits = list(registry.scan(pairs[i][1]))
        facts.resolved = resolve(facts.mentions, facts.hits, registry, pairs[i][1])
        facts.registry = current
        store.put(keys_[i], facts)
    store.save()
    return [f for f in out if f is not None]
