"""Search terms of a text: what the index keys a word by, and what a query is looked up by.

Each word counts under its ``stem`` and, when long enough to have spelling variants, under
``~`` + its ``skeleton`` as well. The browser applies the same normaliser to the query
(``templates/assets/js/arshif-search.js``, tested as a twin).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from builder.arabic.normalize import Folded, joined, skeleton, stem

FUZZY = "~"


def keys(text: str | Folded) -> Counter[str]:
    """Index keys of a text with their counts: each word's stem, and ``~skeleton`` when long; a
    name written apart (``عبد الله``) counts under its words and as the one word it is written
    joined (``عبدالله``), which is what a query of either spelling looks up."""
    found: Counter[str] = Counter()
    ws = Folded.of(text).words
    counted = Counter(ws)
    counted.update(stem(ws[i] + ws[i + 1]) for i in joined(ws))
    for word, n in counted.items():
        s = stem(word)
        found[s] += n
        sk = skeleton(s)
        if sk is not None and sk != s:
            found[FUZZY + sk] += n
    return found


def pack(found: Counter[str]) -> str:
    """Keys and counts as one string, ``key count key count …`` (a key is one word: it holds
    no space). Cached and loaded for thousands of articles at every build, it has no character
    JSON escapes, so it loads as fast as a string can; it is read back (:func:`unpack`) only
    for the index segments that change."""
    return " ".join(f"{k} {n}" for k, n in found.items())


def unpack(packed: str) -> Iterator[tuple[str, int]]:
    """The keys and counts of a :func:`pack`ed string."""
    parts = packed.split(" ") if packed else []
    return ((parts[i], int(parts[i + 1])) for i in range(0, len(parts), 2))
