"""The search index: static files a browser reads a few of per query, whatever the archive's size.

Why not Pagefind or lunr: lunr's one index file grows with the archive (173 MB at 10,000
articles), and Pagefind's Arabic stemmer neither strips و+ال clitics (``والتحالف`` does not find
``التحالف``) nor joins spelling variants (``الديموقراطية``/``الديمقراطية``). Here every word is
keyed by the one normaliser's ``stem`` (and ``skeleton`` for variants), the same functions the
browser applies to the query (``templates/assets/js/arshif-search.js``, tested as a twin).

Layout under ``search/``:
- ``meta.json``: counts, shard count, chunk size, facets (years, top places and actors)
- ``s/<n>.json``: shard n of the inverted index, ``{key: [doc, tf, doc, tf, ...]}`` with doc
  numbers delta-coded; a key's shard is FNV-1a(key) mod the shard count
- ``d/<n>.json``: documents ``n*CHUNK`` to ``(n+1)*CHUNK - 1``: id, title, link, date, year
- ``t/<id>.txt``: an article's plain text, read for the excerpts of the results shown
Filter keys (``y:2019``, ``p:<place>``, ``a:<actor>``) live in the same shards.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from builder.arabic.display import show_date
from builder.arabic.terms import FUZZY, keys
from builder.config import Config
from builder.model import Article, Entity
from builder.pages import urls

CHUNK = 32
#: Target raw bytes per shard; the shard count grows with the archive so shards do not.
SHARD_BYTES = 24_000


def fnv1a(key: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (the browser computes the same)."""
    h = 0x811C9DC5
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def filter_keys(article: Article) -> list[str]:
    """Keys that let a query be narrowed to a year, a place or an actor."""
    return ([f"y:{article.year}"] + [f"p:{e}" for e in dict.fromkeys(article.places)]
            + [f"a:{e}" for e in dict.fromkeys(article.actors)])


def _shard_count(total_bytes: int) -> int:
    count = 1
    while count * SHARD_BYTES < total_bytes:
        count *= 2
    return count


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


def build_index(articles: list[Article], entities: dict[str, Entity],
                cfg: Config, facet_top: int = 300) -> Iterator[tuple[str, bytes]]:
    """Every file of the index, as (path under docs/, bytes); documents in date order."""
    ordered = sorted(articles, key=lambda a: (a.date or "", a.id))
    postings: dict[str, list[int]] = defaultdict(list)
    for number, article in enumerate(ordered):
        found = keys(article.title) + Counter(article.terms)
        for key in filter_keys(article):
            found[key] = 1
        for key, tf in found.items():
            postings[key] += [number, min(tf, 255)]
    encoded: dict[str, list[int]] = {}
    size = 0
    for key, plist in postings.items():
        docs = plist[0::2]
        deltas = plist[:]  # doc numbers become gaps from the previous one; counts stay
        deltas[2::2] = [b - a for a, b in pairwise(docs)]
        encoded[key] = deltas
        size += len(key.encode()) + 4 * len(deltas) + 6
    shards = _shard_count(size)
    split: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for key in sorted(encoded):
        split[fnv1a(key) % shards][key] = encoded[key]
    for n, shard in enumerate(split):
        yield f"search/s/{n}.json", _dump(shard)
    here = "search/index.md"
    for start in range(0, len(ordered), CHUNK):
        yield f"search/d/{start // CHUNK}.json", _dump([
            [a.id, a.title, urls.link(here, urls.article_doc(a)),
             show_date(a.date, cfg.month_style, cfg.digits) if a.date else "", a.year]
            for a in ordered[start:start + CHUNK]])
    for article in ordered:
        yield f"search/t/{article.id}.txt", (article.title + "\n" + article.text).encode("utf-8")
    yield "search/meta.json", _dump({
        "docs": len(ordered), "shards": shards, "chunk": CHUNK, "fuzzy": FUZZY,
        "facets": _facets(ordered, entities, facet_top),
    })
