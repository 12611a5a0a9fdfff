"""Build ``builder/data/embed-{forms,stems}.{npy,words.npz}``: word vectors learned from unlabeled news.

The neural tagger reads a token through its folded form and its clitic-stripped stem; a name the
labelled corpus never saw still has a vector if it occurs in unlabeled news. Source: SaudiNewsNet
(31,030 articles, ../shared/data/news/saudinewsnet/full/, CC BY-NC-SA 4.0, so these files are
too), plus the tokens of the NER corpora. Method: gensim's word2vec, skip-gram, 100 dimensions,
window 5; forms with 10 negative samples over 5 epochs, stems with 5 over 3 (stems are fewer and
more frequent). Words seen at least ``MIN_COUNT`` times are kept, each row scaled to length 1 and
stored as int8 (×127); the words beside them (vocabulary.py) give each its row.
Needs the ``model`` extra; run with ``make model`` (about 15 minutes on two cores).
"""

from __future__ import annotations

import io
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from builder.ner.corpus import read_conll
from builder.ner.features import normal
from builder.ner.neural import vocabulary_path
from builder.ner.recognizer import sentence_tokens
from builder.ner.resources import DATA
from builder.ner.vocabulary import Vocabulary
from builder.writer import write_atomic
from training.make_clusters import articles
from training.train import SHARED

MIN_COUNT = 5
#: name -> (negative samples, epochs, worker threads): as the shipped files were made
SETTINGS = {"forms": (10, 5, 2), "stems": (5, 3, 1)}


def token_lines() -> Iterator[list[str]]:
    """Every sentence of the unlabeled news and of the NER corpora, as tokens."""
    for text in articles():
        yield from sentence_tokens(text)
    for name in ("anercorp/train.txt", "aqmar/train.txt", "aqmar/dev.txt",
                 "wojood-sample/train.txt"):
        for tokens, _ in read_conll(SHARED / name):
            yield tokens


def write_corpora(folder: Path) -> None:
    """One file per view (forms, stems), one sentence per line, spaces inside a token as ``_``."""
    with (folder / "forms.txt").open("w", encoding="utf-8") as forms, \
            (folder / "stems.txt").open("w", encoding="utf-8") as stems:
        for tokens in token_lines():
            pairs = [normal(t) for t in tokens]
            forms.write(" ".join(w.replace(" ", "_") or "_" for w, _ in pairs) + "\n")
            stems.write(" ".join(s.replace(" ", "_") or "_" for _, s in pairs) + "\n")


def export(kv: Any, name: str) -> None:
    """Keep the words of gensim's ``KeyedVectors`` seen ``MIN_COUNT`` times; unit rows as int8,
    the words beside them."""
    import numpy as np

    # gensim's order, most frequent first: extract/entities.py reads a word's frequency rank
    # from its row
    words = [w for w in kv.index_to_key if kv.get_vecattr(w, "count") >= MIN_COUNT]
    matrix = kv[words]
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    stored = io.BytesIO()
    np.save(stored, np.round(matrix * 127).astype(np.int8))
    # a new file renamed over the old one: a running recogniser maps the old file's pages
    write_atomic(DATA / f"embed-{name}.npy", stored.getvalue())
    Vocabulary.of([w.replace("_", " ") for w in words], first=2).save(vocabulary_path(name))
    print(f"{name}: {len(words)} words", file=sys.stderr)


def main() -> None:
    from gensim.models import Word2Vec

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpora(folder)
        for name, (negative, epochs, workers) in SETTINGS.items():
            model = Word2Vec(corpus_file=str(folder / f"{name}.txt"), vector_size=100, window=5,
                             min_count=3, sg=1, negative=negative, epochs=epochs,
                             workers=workers, seed=1)
            export(model.wv, name)


if __name__ == "__main__":
    main()
