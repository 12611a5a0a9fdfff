"""Story families: the copies and edits of one text across sources, grouped.

Newspapers republish agency wires and press releases with small edits and a new title. Two
articles are one story when their texts share most of their word 4-grams (over the archive's
normaliser's folded words): a Jaccard similarity of at least ``SAME_TEXT``, or the shorter's
4-grams ``CONTAINED`` in the longer's (a copy that cut or added a paragraph). Separate reports
of one event share names and titles, not sentences, and stay apart.

Candidates come from datasketch's MinHash LSH (``CANDIDATE`` similarity, below the bar so that
edits are not missed), each confirmed on the two signatures and 4-gram counts. Signatures are
cached per article (``.arshif/cache/stories-*.npz``): adding or editing an article computes its own alone.
A family is named by its earliest member (by date, then id); an article alone is its own story.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from builder import digest
from builder.arabic.normalize import words
from builder.model import Article

NUM_PERM = 128
SHINGLE = 4
CANDIDATE = 0.3
SAME_TEXT = 0.5
CONTAINED = 0.7
#: Fewer 4-grams than this say too little for containment alone (a title-long brief).
MIN_CONTAINED = 12
_SEED = 1
_SCHEME = "affine32"  # datasketch's hashing; cached signatures are only valid for the same
#: multipliers that make a 4-gram's hash from its words' (CRC-32) hashes, in order
_MIX = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 1], dtype=np.uint64)


def shingles(text: str) -> np.ndarray:
    """The distinct 32-bit hashes of the text's word 4-grams (folded words, in order)."""
    ws = list(words(text))
    if not ws:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in ws), dtype=np.uint64, count=len(ws))
    if len(ids) < SHINGLE:
        return np.unique(ids[:1])
    grams = sum(ids[i:len(ids) - SHINGLE + 1 + i] * _MIX[i] for i in range(SHINGLE))
    distinct: np.ndarray = np.unique(grams & np.uint64(0xFFFFFFFF))
    return distinct


def _identity(value: int) -> int:
    return value


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash signature of a set of 4-gram hashes (datasketch's permutations)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashfunc=_identity)
    minhash.update_batch(hashes.tolist())
    return np.array(minhash.hashvalues, dtype=np.uint64)


def copies(jaccard: float, shared: float, size_a: int, size_b: int) -> bool:
    """True when two texts are copies or edits of one text: their 4-grams' Jaccard at least
    SAME_TEXT, or the shorter's 4-grams (``shared`` of them in both) CONTAINED in the longer's."""
    shorter = min(size_a, size_b)
    return jaccard >= SAME_TEXT or (shorter >= MIN_CONTAINED and shared / shorter >= CONTAINED)


def estimate(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> tuple[float, float]:
    """Jaccard and the shared 4-gram count, estimated from two signatures and the set sizes."""
    jaccard = float(np.mean(a == b))
    return jaccard, jaccard * (size_a + size_b) / (1 + jaccard)


def exact(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Jaccard and the shared 4-gram count of two sets of 4-gram hashes."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / max(1, len(a) + len(b) - shared), float(shared)


#: An estimated share of the shorter text this far from CONTAINED is decided on the 4-grams
#: themselves (the estimate's error at 128 permutations).
_UNSURE = 0.2


class Signatures:
    """MinHash signatures and 4-gram counts by article id, kept between builds (the id is the
    text's hash)."""

    def __init__(self, cache_dir: Path) -> None:
        version = digest.code("stories.py", "arabic")
        self.path = cache_dir / f"stories-{version}-{NUM_PERM}-{_SCHEME}.npz"
        self.known: dict[str, tuple[np.ndarray, int]] = {}
        if self.path.exists():
            try:
                with np.load(self.path) as data:
                    self.known = {i: (v, int(n)) for i, v, n in
                                  zip(data["ids"].tolist(), data["values"], data["sizes"], strict=True)}
            except (OSError, ValueError, KeyError):
                self.known = {}
        self.changed = False

    def of(self, articles: Iterable[Article]) -> dict[str, tuple[np.ndarray, int]]:
        """Each article's signature and 4-gram count, computed for those not seen before."""
        out = {}
        for article in articles:
            known = self.known.get(article.id)
            if known is None:
                hashes = shingles(article.text)
                known = self.known[article.id] = (signature(hashes), len(hashes))
                self.changed = True
            out[article.id] = known
        return out

    def save(self, keep: Iterable[str]) -> None:
        """Write the signatures of the articles in ``keep`` (the others are gone)."""
        kept = sorted(set(keep) & self.known.keys())
        if not self.changed and len(kept) == len(self.known):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for old in self.path.parent.glob("stories-*.npz"):
            if old != self.path:
                old.unlink(missing_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        values = np.array([self.known[k][0] for k in kept], dtype=np.uint64).reshape(len(kept), NUM_PERM)
        np.savez(tmp, ids=np.array(kept, dtype=str), values=values,
                 sizes=np.array([self.known[k][1] for k in kept], dtype=np.int64))
        tmp.replace(self.path)


def earliest_first(article: Article) -> tuple[bool, str, str]:
    """The order of a family's members: by date, undated last, then by id."""
    return article.date is None, article.date or "", article.id


def group(articles: list[Article], cache_dir: Path) -> dict[str, str]:
    """Each article's story: the id of the earliest member of its family (its own when alone)."""
    cache = Signatures(cache_dir)
    signatures = cache.of(articles)
    cache.save(signatures)
    lsh = MinHashLSH(threshold=CANDIDATE, num_perm=NUM_PERM)
    hashes = {}
    for article in articles:
        hashes[article.id] = LeanMinHash(seed=_SEED, hashvalues=signatures[article.id][0], scheme=_SCHEME)
        lsh.insert(article.id, hashes[article.id], check_duplication=False)
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    text = {a.id: a.text for a in articles}
    grams: dict[str, np.ndarray] = {}

    def same(a: str, b: str) -> bool:
        (sig_a, size_a), (sig_b, size_b) = signatures[a], signatures[b]
        jaccard, shared = estimate(sig_a, size_a, sig_b, size_b)
        if abs(shared / max(1, min(size_a, size_b)) - CONTAINED) < _UNSURE and jaccard < SAME_TEXT:
            for x in (a, b):
                if x not in grams:
                    grams[x] = shingles(text[x])
            jaccard, shared = exact(grams[a], grams[b])
        return copies(jaccard, shared, size_a, size_b)

    for article in articles:
        for other in lsh.query(hashes[article.id]):
            if other > article.id and find(other) != find(article.id) and same(article.id, other):
                parent[find(other)] = find(article.id)
    families: dict[str, list[Article]] = {}
    for article in articles:
        families.setdefault(find(article.id), []).append(article)
    story = {}
    for members in families.values():
        first = min(members, key=earliest_first)
        for member in members:
            story[member.id] = first.id
    return story
