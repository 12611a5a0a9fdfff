"""The costly part of extraction, cached and run in parallel: what a text says on its own.

Dates, recogniser mentions and search terms depend only on the text, the date evidence its
metadata gives (:class:`DateEvidence`) and the extraction code and data (model, gazetteer,
clusters, normaliser); where the registry's names occur in it depends on the registry too.
Everything is cached under a key of the text and its evidence, in the build state's ``facts``
section (whose version hashes that code and data); registry matches carry the registry's digest
and are found again when it changes, so editing the registry never serves stale entities. The
cache is split in buckets by key, so one edited article rewrites one small file. Many misses
are sent in batches to the machine's cores (:class:`builder.parallel.Workers`), or to a Dask
cluster when one is given; a few go to one worker that loaded the recogniser while the cache
was being read.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from builder.arabic.normalize import Folded
from builder.arabic.terms import keys, pack
from builder.config import RecogniserKind
from builder.extract import dates
from builder.extract.entities import Resolved, resolve
from builder.extract.published import DateEvidence, publication_date
from builder.model import Article, DateMention, EntityMention
from builder.parallel import Workers
from builder.progress import bar
from builder.registry import Registry
from builder.state import Store

#: Below this many texts to extract, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
#: Texts per task sent to a worker: the recogniser tags a batch in one pass.
BATCH = 32

Hit = tuple[int, int, str]
Pair = tuple[DateEvidence, str]


@dataclass(frozen=True)
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

    def joined(self, article: Article) -> Article:
        """The article with its date, the dates it mentions and its search terms."""
        return replace(article, date=self.date, date_source=self.date_source, dates=self.dates,
                       terms=self.terms)

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
                         notes, pack(keys(folded)), hits,
                         resolve(found, hits, registry, folded, evidence.country), made_with))
    return out


def read_facts(evidence: DateEvidence, text: str, registry: Registry | None = None,
               kind: RecogniserKind = "accurate") -> Facts:
    """Facts of one text (no registry: no registry matches)."""
    return analyse([(evidence, text)], registry or Registry(), kind)[0]


def text_key(evidence: DateEvidence, text: str) -> str:
    return hashlib.sha256(f"{evidence.key()}\0{text}".encode()).hexdigest()[:24]


class FactsCache:
    """Facts by text key, in gzipped JSON buckets (by the key's first two hex digits): a view
    on the ``facts`` section of the build state, one per recogniser kind."""

    def __init__(self, store: Store, kind: RecogniserKind) -> None:
        self.section = store.section("facts", kind)
        self.buckets: dict[str, dict[str, dict[str, Any]]] = {}
        for name in self.section.names():
            bucket = self.section.load(name, lambda raw: dict(json.loads(gzip.decompress(raw))))
            if bucket is not None:
                self.buckets[name[:2]] = bucket
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
        """Rewrite the buckets that gained or lost entries (those of removed articles go)."""
        for name, entries in self.buckets.items():
            kept = {k: v for k, v in entries.items() if k in self.used}
            if name not in self.changed and len(kept) == len(entries):
                continue
            if kept:
                data = json.dumps(kept, ensure_ascii=False, sort_keys=True).encode()
                self.section.save(f"{name}.json.gz", gzip.compress(data, compresslevel=1, mtime=0))
            else:
                self.section.remove(f"{name}.json.gz")
        self.section.prune()


def _on_cluster(cluster: str, batches: list[list[Pair]], registry: Registry,
                kind: RecogniserKind) -> list[list[Facts]]:
    """Facts of each batch, in order, on the Dask scheduler at ``cluster``; the registry goes
    to each worker once."""
    from dask.distributed import Client  # the optional 'cluster' extra

    with Client(cluster) as client:
        shared = client.scatter(registry, broadcast=True)
        return list(client.gather(client.map(analyse, batches, registry=shared, kind=kind,
                                              pure=False)))


def extract_all(pairs: list[Pair], state: Store, registry: Registry,
                cluster: str | None = None, kind: RecogniserKind = "accurate",
                progress: bool | None = False) -> list[Facts]:
    """Facts for every (date evidence, text), from the cache where it can, else computed
    (shown as it goes: :func:`builder.progress.bar`).

    One worker is forked before the cache is read and loads the recogniser while it is (a
    second or so): the few texts an edit changes are tagged there without that wait. Many
    go over every core, or to the Dask cluster when one is given. Workers get batches as
    indices into ``pairs``, which they share from the fork."""
    def tag(batch: list[int]) -> list[Facts]:
        return analyse([pairs[i] for i in batch], registry, kind)

    with contextlib.ExitStack() as stack:
        standby = stack.enter_context(Workers(tag, 0 if cluster else 1, ready=lambda: _recognizer(kind)))
        store = FactsCache(state, kind)
        keys_ = [text_key(g, t) for g, t in pairs]
        out: list[Facts | None] = [store.get(k) for k in keys_]
        missing = [i for i, f in enumerate(out) if f is None]
        batches = [missing[n:n + BATCH] for n in range(0, len(missing), BATCH)]
        found: Iterable[list[Facts]]
        if cluster and batches:
            found = _on_cluster(cluster, [[pairs[i] for i in b] for b in batches], registry, kind)
        elif len(missing) < PARALLEL_FROM:
            found = standby.map(batches)
        else:
            standby.close()  # its core joins the others
            found = stack.enter_context(Workers.on_every_core(tag)).map(batches)
        shown = stack.enter_context(bar("extracting", len(missing), " texts", progress))
        for batch, facts_of_batch in zip(batches, found, strict=True):
            for i, facts in zip(batch, facts_of_batch, strict=True):
                out[i] = facts
            shown.update(len(batch))
    current = registry.digest()
    for i in missing:
        store.put(keys_[i], out[i])  # type: ignore[arg-type]
    stale: dict[int, Facts] = {i: f for i, f in enumerate(out) if f is not None and f.registry != current}
    for i, facts in stale.items():  # the registry changed since these were cached
        folded = Folded.of(pairs[i][1])  # one folding for the scan and the resolution
        hits = list(registry.scan(folded))
        out[i] = replace(facts, hits=hits, registry=current, resolved=resolve(
            facts.mentions, hits, registry, folded, pairs[i][0].country))
        store.put(keys_[i], out[i])  # type: ignore[arg-type]
    store.save()
    return [f for f in out if f is not None]
