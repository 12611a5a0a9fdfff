"""Build ``builder/data/clusters.tsv``: word clusters learned from unlabeled Arabic news.

Words that appear in the same contexts (neighbouring words) get the same cluster, so a name the
labelled corpus never saw still shares features with names it did. Source: the SaudiNewsNet
corpus (31,030 articles, ../shared/data/news/saudinewsnet/full/, CC BY-NC-SA 4.0, so the
clusters file is CC BY-NC-SA 4.0 too). Method: counts of left and right neighbours, positive
PMI, truncated SVD to 100 dimensions, then k-means at 16, 128 and 1024 clusters; a word's code
is the three cluster numbers, coarse to fine (``c4``, ``c8``, ``c12`` features are prefixes).
The 32 strongest SVD dimensions are kept too (``vectors.npy``, int8, rows in clusters.tsv order)
as dense features.
Needs the ``model`` extra (numpy, scipy, scikit-learn); run with ``make model``.
"""

from __future__ import annotations

import json
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from builder.arabic.normalize import stem, words

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "full"
OUT = ROOT / "builder" / "data" / "clusters.tsv"
VECTORS = ROOT / "builder" / "data" / "vectors.npy"
DIMS = 32
MIN_COUNT = 8
CONTEXTS = 6000
LEVELS = (16, 128, 1024)


def articles() -> Iterator[str]:
    for path in sorted(FULL.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                for item in json.loads(zf.read(name).decode("utf-8")):
                    yield (item.get("title") or "") + "\n" + (item.get("content") or "")


def main() -> None:
    import numpy as np
    from scipy import sparse
    from scipy.sparse.linalg import svds
    from sklearn.cluster import MiniBatchKMeans

    docs = [[stem(w) for w in words(text)] for text in articles()]
    counts = Counter(w for doc in docs for w in doc)
    vocab = [w for w, n in counts.most_common() if n >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:CONTEXTS])}
    rows: list[int] = []
    cols: list[int] = []
    for doc in docs:
        ids = [index.get(w, -1) for w in doc]
        cids = [ctx.get(w, -1) for w in doc]
        for i, wid in enumerate(ids):
            if wid < 0:
                continue
            if i > 0 and cids[i - 1] >= 0:
                rows.append(wid)
                cols.append(cids[i - 1])
            if i + 1 < len(ids) and cids[i + 1] >= 0:
                rows.append(wid)
                cols.append(CONTEXTS + cids[i + 1])
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(vocab), 2 * CONTEXTS)).tocsr()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel()
    m = m.tocoo()
    pmi = np.log(m.data * total / (row_sum[m.row] * col_sum[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    u, s, _ = svds(ppmi, k=100)
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    codes = []
    for k in LEVELS:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3)
        codes.append(km.fit_predict(vectors))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    top = vectors[:, np.argsort(-s)[:DIMS]]
    scale = 127 / np.abs(top).max()
    np.save(VECTORS, np.round(top * scale).astype(np.int8))
    with OUT.open("w", encoding="utf-8") as fh:
        for i, word in enumerate(vocab):
            fh.write(f"{word}\t{codes[0][i]:04d}{codes[1][i]:04d}{codes[2][i]:04d}\n")
    print(f"{len(vocab)} words from {len(docs)} articles -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
