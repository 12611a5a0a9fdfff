"""The search index: static files a browser reads a few of per query, whatever the archive's size.

Why not Pagefind or lunr: lunr's one index file grows with the archive (173 MB at 10,000
articles), and Pagefind's Arabic stemmer neither strips و+ال clitics (``والتحالف`` does not find
``التحالف``) nor joins spelling variants (``الديموقراطية``/``الديمقراطية``). Here every word is
keyed by the one normaliser's ``stem`` and the classed keys of :mod:`builder.arabic.terms`
(variants by table, short words' clitics, inflections, adjacent pairs), the same rules the
browser applies to the query (``templates/assets/js/arshif-search.js``, tested as a twin).

The articles are split into segments (``SEGMENT_DOCS`` each, at most ``MAX_SEGMENTS``) by
where they are in the input (file and line: an edit changes an article's id, not that), each
indexed apart: one edited or added article rebuilds its segment only, and the browser merges
what the segments say. Layout under ``search/``:
- ``meta.json``: counts, [documents, shards] of each segment, chunk size, the variant table,
  facets (years, top places and actors)
- ``<g>/s/<n>.json``: shard n of segment g's inverted index, ``{key: [doc, tf, doc, tf, ...]}``
  with doc numbers (in date order within the segment) delta-coded and tf counting a title's
  words ``TITLE_WEIGHT`` times; a key's shard is FNV-1a(its root) mod the segment's shard count,
  and a pair of words is stored by its hash (:func:`stored_keys`)
- ``<g>/d/<n>.json``: the segment's documents ``n*CHUNK`` to ``(n+1)*CHUNK - 1``: id, title,
  link, date as shown, year, date (EDTF)
- ``<g>/n.json``: the length in words of each of the segment's documents (ranking)
- ``<g>/f.json``: the segment's documents that are copies of one story, by their story's
  number: results show a story once
- ``t/<id>.txt``: an article's plain text, read for the excerpts of the results shown
Filter keys (``y:2019``, ``p:<place>``, ``a:<actor>``) live in the same shards.
"""

from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain, pairwise
from typing import Any

import numpy as np

from builder import digest
from builder.arabic.display import show_date
from builder.arabic.terms import PAIR, keys, root, unpack, variants
from builder.config import Config
from builder.model import Article, Entity
from builder.pages import urls

CHUNK = 32
#: Articles per segment: the index is split by where articles are in the input (file and line)
#: into segments built apart, so one edited article rebuilds one segment; a query reads one
#: shard per segment.
SEGMENT_DOCS = 1250
MAX_SEGMENTS = 16
#: Target bytes per shard; the shard count grows with the segment so shards do not. An article
#: adds about BYTES_PER_DOC to its segment's shards (measured on SaudiNewsNet at 10,000).
SHARD_BYTES = 12_000
BYTES_PER_DOC = 6300
#: A word in the title counts as this many in the body: the title says what the article is about.
TITLE_WEIGHT = 3


_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = np.uint32(0x01000193)


def fnv1a(keys: list[str]) -> list[int]:
    """32-bit FNV-1a of each key's UTF-8 bytes (the browser computes the same). Keys of one
    length in bytes are hashed together, a byte column at a time: a segment hashes 300,000."""
    data = [k.encode("utf-8") for k in keys]
    rows_of: dict[int, list[int]] = {}
    for i, raw in enumerate(data):
        rows_of.setdefault(len(raw), []).append(i)
    out = [0] * len(data)
    for length, rows in rows_of.items():
        block = np.frombuffer(b"".join([data[i] for i in rows]), dtype=np.uint8)
        block = block.reshape(len(rows), length)
        h = np.full(len(rows), _FNV_OFFSET, dtype=np.uint32)
        for column in range(length):
            h = (h ^ block[:, column]) * _FNV_PRIME  # uint32: the product wraps as FNV's does
        for i, value in zip(rows, h.tolist(), strict=True):
            out[i] = value
    return out


_BASE36 = np.frombuffer(b"0123456789abcdefghijklmnopqrstuvwxyz", dtype=np.uint8)
_BASE36_DIGITS = 7  # 36**7 > 2**32


def _base36(values: list[int]) -> list[str]:
    """Each number in base 36, without leading zeros."""
    rest = np.array(values, dtype=np.int64)
    digits = np.empty((len(values), _BASE36_DIGITS), dtype=np.int64)
    for place in reversed(range(_BASE36_DIGITS)):
        rest, digits[:, place] = np.divmod(rest, 36)
    written = _BASE36[digits].view(f"S{_BASE36_DIGITS}").ravel()
    return [w.decode("ascii").lstrip("0") or "0" for w in written.tolist()]


def stored_keys(keys: list[str]) -> list[str]:
    """How each key is written in its shard: a pair of words as ``_`` and the pair's hash in
    base 36 (a third of its length: pairs are most of an article's keys, and a phrase is looked
    up by the same hash), any other key as it is."""
    pairs = [k for k in keys if PAIR in k]
    hashed = dict(zip(pairs, (PAIR + h for h in _base36(fnv1a(pairs))), strict=True))
    return [hashed.get(k, k) for k in keys]


def filter_keys(article: Article) -> list[str]:
    """Keys that let a query be narrowed to a year, a place or an actor."""
    return ([f"y:{article.year}"] + [f"p:{e}" for e in dict.fromkeys(article.places)]
            + [f"a:{e}" for e in dict.fromkeys(article.actors)])


def _power_of_two(needed: float, most: int | None = None) -> int:
    """The least power of two that is at least ``needed`` (but no more than ``most``)."""
    count = 1
    while count < needed and (most is None or count < most):
        count *= 2
    return count


def shard_count(docs: int) -> int:
    """Shards of a segment of ``docs`` articles: a power of two, about SHARD_BYTES each."""
    return _power_of_two(docs * BYTES_PER_DOC / SHARD_BYTES)


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _facets(articles: list[Article], entities: dict[str, Entity], top: int) -> dict[str, Any]:
    years = Counter(a.year for a in articles)
    used: Counter[str] = Counter(e for a in articles for e in dict.fromkeys(a.places + a.actors))
    def named(kind: str) -> list[list[Any]]:
        chosen = [(eid, n) for eid, n in used.most_common() if eid in entities
                  and (entities[eid].type == "LOC") == (kind == "p")][:top]
        return [[eid, entities[eid].name, n] for eid, n in chosen]
    return {"y": sorted([y, n] for y, n in years.items()), "p": named("p"), "a": named("a")}


@dataclass
class Part:
    """A group of index files made together, and a hash of everything they are made from."""

    name: str
    made_from: str
    files: Callable[[], Iterator[tuple[str, bytes]]]
    segment: bool = False  # a segment's files: worth making in another process


def segment_count(docs: int) -> int:
    """Segments for an archive of ``docs`` articles: a power of two, about SEGMENT_DOCS each."""
    return _power_of_two(docs / SEGMENT_DOCS, MAX_SEGMENTS)


@dataclass(frozen=True)
class Doc:
    """What a segment is made from of an article: its terms and listing, not its text (a
    segment is made in another process, and the texts would cross to it for nothing)."""

    id: str
    title: str
    terms: str
    link: str
    shown_date: str
    year: str
    filters: list[str]
    day: str  # the date as EDTF, for sorting newest first
    words: int  # the article's length, for ranking
    family: int  # its story family's number (from the story id), 0 when it has no copies

    @classmethod
    def of(cls, article: Article, cfg: Config, told: set[str]) -> Doc:
        return cls(article.id, article.title, article.terms,
                   urls.link("search/index.md", urls.article_doc(article)),
                   show_date(article.date, cfg.month_style, cfg.digits) if article.date else "",
                   article.year, filter_keys(article), article.date or "", article.words,
                   int(article.story[:8], 16) if article.story in told else 0)


@dataclass(frozen=True)
class _Segment:
    """A segment's files, made when called. Its light records (:class:`Doc`) are made then, for
    the segments rebuilt only; sent to a worker, it goes as those records, not as articles."""

    number: int
    group: list[Article]
    cfg: Config
    told: set[str]  # the stories with copies

    def docs(self) -> list[Doc]:
        return [Doc.of(a, self.cfg, self.told) for a in self.group]

    def __call__(self) -> Iterator[tuple[str, bytes]]:
        return _segment_files(self.number, self.docs())

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return partial, (_segment_files, self.number, self.docs())


def _segment_files(number: int, members: list[Doc]) -> Iterator[tuple[str, bytes]]:
    """Shards and document chunks of one segment (documents numbered in date order)."""
    postings: dict[str, list[int]] = {}
    get = postings.get
    for doc, member in enumerate(members):
        title = keys(member.title)
        pop = title.pop
        body = [(key, n + TITLE_WEIGHT * pop(key, 0)) for key, n in unpack(member.terms)]
        # (doc, tf capped at 255) to each key's postings; inline: this loop is a segment's cost
        titled = ((key, TITLE_WEIGHT * n) for key, n in title.items())
        for key, tf in chain(body, titled, ((k, 1) for k in member.filters)):
            plist = get(key)
            if plist is None:
                postings[key] = [doc, tf if tf < 255 else 255]
            else:
                plist += (doc, tf if tf < 255 else 255)
    for plist in postings.values():  # doc numbers become gaps from the previous one
        if len(plist) > 2:
            docs = plist[0::2]
            plist[2::2] = [b - a for a, b in pairwise(docs)]
    shards = shard_count(len(members))
    split: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    used = list(postings)  # keys in order of first use: the same for the same input
    roots = [root(k) for k in used]
    words = list(dict.fromkeys(roots))  # a word's keys share its root: each root hashed once
    shard_of = dict(zip(words, (h % shards for h in fnv1a(words)), strict=True))
    for key, word, stored in zip(used, roots, stored_keys(used), strict=True):
        split[shard_of[word]][stored] = postings[key]
    base = f"search/{number}"
    for n, shard in enumerate(split):
        yield f"{base}/s/{n}.json", _dump(shard)
    yield f"{base}/n.json", _dump([m.words for m in members])
    yield f"{base}/f.json", _dump({str(n): m.family for n, m in enumerate(members) if m.family})
    for start in range(0, len(members), CHUNK):
        yield f"{base}/d/{start // CHUNK}.json", _dump([
            [m.id, m.title, m.link, m.shown_date, m.year, m.day] for m in members[start:start + CHUNK]])


def _text_file(article: Article) -> Iterator[tuple[str, bytes]]:
    """The text the results page shows an excerpt of."""
    yield f"search/t/{article.id}.txt", (article.title + "\n" + article.text).encode("utf-8")


def index_parts(articles: list[Article], entities: dict[str, Entity], cfg: Config,
                facet_top: int = 300) -> Iterator[Part]:
    """The index as parts: a segment's files change only when one of its articles does."""
    ordered = sorted(articles, key=lambda a: (a.date or "", a.id))
    count = segment_count(len(ordered))
    members: list[list[Article]] = [[] for _ in range(count)]
    for article in ordered:
        members[zlib.crc32(article.original.encode("utf-8")) % count].append(article)
    texts = {a.id: digest.data([a.title, a.text]) for a in ordered}
    told = {s for s, n in Counter(a.story or a.id for a in ordered).items() if n > 1}
    for article in ordered:
        yield Part(f"search/t/{article.id}", texts[article.id], partial(_text_file, article))
    for number, group in enumerate(members):
        made_from = digest.data([cfg.month_style, cfg.digits, [
            [a.id, texts[a.id], a.date, a.year, a.places, a.actors, a.words,
             a.story if a.story in told else ""] for a in group]])
        yield Part(f"search/{number}", made_from,
                   _Segment(number, group, cfg, told), segment=True)
    meta = _dump({"docs": len(ordered), "chunk": CHUNK,
                  "segments": [[len(g), shard_count(len(g))] for g in members],
                  "variants": variants(), "facets": _facets(ordered, entities, facet_top)})
    yield Part("search/meta", digest.data(meta), partial(iter, [("search/meta.json", meta)]))
