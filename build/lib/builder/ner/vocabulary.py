"""Words to their rows in a matrix of word vectors, looked up many at a time.

The network's vocabularies hold 146,000 words. A dict of them took 0.05 s to build, and reading
their list another 0.03 s, at every start of ``arshif entities``, which then looks up a few
thousand. Here the words are kept sorted, as UTF-8 bytes in one NumPy array that loads in one
copy, and a call finds all its words by binary search (about a microsecond each).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

Array = np.ndarray


class Vocabulary:
    """Sorted words (``S`` bytes) and the row of each; a word not in it gets ``missing``."""

    def __init__(self, words: Array, rows: Array) -> None:
        self.words = words
        self.rows = rows

    @classmethod
    def of(cls, words: Sequence[str], first: int = 0) -> Vocabulary:
        """The vocabulary of ``words`` in their order: word k gets row ``first + k``."""
        encoded = [w.encode("utf-8") for w in words]
        if any(b"\0" in w for w in encoded) or len(set(encoded)) < len(encoded):
            raise ValueError("vocabulary words must be distinct and hold no NUL")
        array = np.array(encoded, dtype=bytes) if encoded else np.zeros(0, dtype="S1")
        order = np.argsort(array, kind="stable")
        return cls(array[order], (order + first).astype(np.int64))

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        with np.load(path) as stored:
            return cls(stored["words"], stored["rows"].astype(np.int64))

    def save(self, path: Path) -> None:
        np.savez_compressed(path, words=self.words, rows=self.rows.astype(np.int32))

    def __len__(self) -> int:
        return len(self.words)

    def find(self, words: Sequence[str], missing: int) -> Array:
        """The row of each word (``missing`` for a word not in the vocabulary)."""
        found = np.full(len(words), missing, dtype=np.int64)
        if not len(self.words) or not words:
            return found
        encoded = [w.encode("utf-8", "surrogatepass") for w in words]
        # NumPy cuts what is longer than the array's width and drops trailing NULs, and the
        # cut or stripped word could equal another: such words are not looked up (none is in)
        width = self.words.dtype.itemsize
        fits = np.fromiter((len(w) <= width and b"\0" not in w for w in encoded), dtype=bool,
                           count=len(encoded))
        query = np.array(encoded, dtype=self.words.dtype)
        at = np.minimum(np.searchsorted(self.words, query), len(self.words) - 1)
        hit = fits & (self.words[at] == query)
        found[hit] = self.rows[at[hit]]
        return found
