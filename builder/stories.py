"""Story families: the copies and edits of one text across sources, grouped.

Newspapers republish agency wires and press releases with small edits and a new title. Two
articles are one story when their texts share most of their word 4-grams (over the archive's
normaliser's folded words): a Jaccard similarity of at least ``SAME_TEXT``, or the shorter's
4-grams ``CONTAINED`` in the longer's (a copy that cut or added a paragraph). Separate reports
of one event share names and titles, not sentences, and stay apart.

Candidates come from datasketch's MinHash LSH (``CANDIDATE`` similarity, below the bar so that
edits are not missed), each confirmed on the two signatures and 4-gram counts. Signatures and
the copy pairs found are kept in the build state's ``stories`` section: adding or editing an article
computes its signature alone and judges its pairs alone, on the LSH index's own bands, so the
families are those a grouping from cold finds.
A family is named by its earliest member (by date, then id); an article alone is its own story.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from builder.arabic.normalize import words
from builder.model import Article
from builder.state import Store

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
    ws = words(text)
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


_FILE = "signatures.npz"


def _parse(raw: bytes) -> tuple[dict[str, tuple[np.ndarray, int]], list[tuple[str, str]]]:
    """The signatures and 4-gram counts by id, and the copy pairs, of a saved grouping."""
    with np.load(io.BytesIO(raw)) as data:
        known = {i: (v, int(n)) for i, v, n in
                 zip(data["ids"].tolist(), data["values"], data["sizes"], strict=True)}
        return known, [(a, b) for a, b in data["pairs"].tolist()]


class Cache:
    """What grouping keeps between builds: each article's MinHash signature and 4-gram count
    (by id, the text's hash) and the copy pairs that joined its families. With them, adding,
    editing or removing a few articles judges only the pairs those touch."""

    def __init__(self, store: Store) -> None:
        self.section = store.section("stories", NUM_PERM, _SCHEME)
        self.known: dict[str, tuple[np.ndarray, int]] = {}
        #: the copy pairs of the last grouping, None when there was none to build on
        self.pairs: list[tuple[str, str]] | None = None
        loaded = self.section.load(_FILE, _parse)
        if loaded is not None:
            self.known, self.pairs = loaded
        #: the articles the last grouping was made of
        self.before = set(self.known) if self.pairs is not None else set()

    def of(self, articles: Iterable[Article]) -> dict[str, tuple[np.ndarray, int]]:
        """Each article's signature and 4-gram count, computed for those not seen before."""
        out = {}
        for article in articles:
            known = self.known.get(article.id)
            if known is None:
                hashes = shingles(article.text)
                known = self.known[article.id] = (signature(hashes), len(hashes))
            out[article.id] = known
        return out

    def save(self, ids: list[str], pairs: list[tuple[str, str]]) -> None:
        """Write the signatures of the articles in ``ids`` (the others are gone) and the pairs."""
        kept = sorted(ids)
        if set(kept) == self.before and sorted(pairs) == sorted(self.pairs or []):
            return
        values = np.array([self.known[k][0] for k in kept], dtype=np.uint64).reshape(len(kept), NUM_PERM)
        buffer = io.BytesIO()
        np.savez(buffer, ids=np.array(kept, dtype=str), values=values,
                 sizes=np.array([self.known[k][1] for k in kept], dtype=np.int64),
                 pairs=np.array(sorted(pairs), dtype=str).reshape(len(pairs), 2))
        self.section.save(_FILE, buffer.getvalue())


def earliest_first(article: Article) -> tuple[bool, str, str]:
    """The order of a family's members: by date, undated last, then by id."""
    return article.date is None, article.date or "", article.id


class Judge:
    """Decides whether two articles are copies, from their signatures, and from their 4-grams
    when the signatures leave it unsure (those made once an article)."""

    def __init__(self, articles: list[Article], signatures: dict[str, tuple[np.ndarray, int]]) -> None:
        self.signatures = signatures
        self.text = {a.id: a.text for a in articles}
        self.grams: dict[str, np.ndarray] = {}

    def __call__(self, a: str, b: str) -> bool:
        (sig_a, size_a), (sig_b, size_b) = self.signatures[a], self.signatures[b]
        jaccard, shared = estimate(sig_a, size_a, sig_b, size_b)
        if abs(shared / max(1, min(size_a, size_b)) - CONTAINED) < _UNSURE and jaccard < SAME_TEXT:
            for x in (a, b):
                if x not in self.grams:
                    self.grams[x] = shingles(self.text[x])
            jaccard, shared = exact(self.grams[a], self.grams[b])
        return copies(jaccard, shared, size_a, size_b)


class Families:
    """Articles joined into families by copy pairs (union-find)."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(b)] = self.find(a)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out


#: Up to this many new articles are compared with every other article's signature on the LSH
#: index's own bands; more, and the whole archive goes through the LSH index again.
COMPARED_ONE_BY_ONE = 200


def _lsh() -> MinHashLSH:
    return MinHashLSH(threshold=CANDIDATE, num_perm=NUM_PERM)


def _every_pair(ids: list[str], signatures: dict[str, tuple[np.ndarray, int]],
                same: Judge) -> list[tuple[str, str]]:
    """The copy pairs that join the archive's families: LSH candidates, each judged unless
    the two are in one family already."""
    lsh = _lsh()
    hashes = {}
    for i in ids:
        hashes[i] = LeanMinHash(seed=_SEED, hashvalues=signatures[i][0], scheme=_SCHEME)
        lsh.insert(i, hashes[i], check_duplication=False)
    families = Families(ids)
    pairs = []
    for i in ids:
        for other in lsh.query(hashes[i]):
            if other > i and families.find(other) != families.find(i) and same(i, other):
                families.join(i, other)
                pairs.append((i, other))
    return pairs


def _candidates(row: int, ids: list[str], matrix: np.ndarray, lsh: MinHashLSH) -> set[str]:
    """The articles the LSH index would give as candidates for ``ids[row]``: a band of its
    signature (the index's own bands) equal to theirs."""
    width = lsh.b * lsh.r
    bands = matrix[:, :width] == matrix[row, :width]
    hit = bands.reshape(len(ids), lsh.b, lsh.r).all(axis=2).any(axis=1)
    return {ids[k] for k in np.flatnonzero(hit) if k != row}


def _changed_pairs(ids: list[str], cache: Cache, signatures: dict[str, tuple[np.ndarray, int]],
                   same: Judge) -> list[tuple[str, str]]:
    """The copy pairs after a few articles came or went: the last grouping's pairs between
    articles still here; the families that lost a member judged again among those left (a
    member gone may have been what held them together); each new article judged against the
    others it is an LSH candidate with."""
    alive = set(ids)
    before = Families(cache.before)
    for a, b in cache.pairs or []:
        before.join(a, b)
    pairs = [(a, b) for a, b in cache.pairs or [] if a in alive and b in alive]
    lsh = _lsh()
    matrix = np.stack([signatures[i][0] for i in ids])
    row = {i: k for k, i in enumerate(ids)}
    for members in before.members().values():
        left = sorted(set(members) & alive)
        if len(left) < len(members):
            families = Families(left)
            for a in left:
                near = _candidates(row[a], ids, matrix, lsh)
                for b in (b for b in left if b > a and b in near):
                    if families.find(a) != families.find(b) and same(a, b):
                        families.join(a, b)
                        pairs.append((a, b))
    for new in sorted(alive - cache.before):
        for other in _candidates(row[new], ids, matrix, lsh):
            if same(new, other):
                pairs.append((min(new, other), max(new, other)))
    return sorted(set(pairs))


def group(articles: list[Article], state: Store) -> dict[str, str]:
    """Each article's story: the id of the earliest member of its family (its own when alone)."""
    cache = Cache(state)
    signatures = cache.of(articles)
    ids = [a.id for a in articles]
    same = Judge(articles, signatures)
    fresh = set(ids) - cache.before
    if cache.pairs is not None and cache.before and len(fresh) <= COMPARED_ONE_BY_ONE:
        pairs = _changed_pairs(ids, cache, signatures, same)
    else:
        pairs = _every_pair(ids, signatures, same)
    cache.save(ids, pairs)
    families = Families(ids)
    for a, b in pairs:
        families.join(a, b)
    by_id = {a.id: a for a in articles}
    story = {}
    for members in families.members().values():
        first = min((by_id[m] for m in members), key=earliest_first)
        for member in members:
            story[member] = first.id
    return story
