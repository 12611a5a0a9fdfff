"""Search terms of a text: what the index keys a word by, and what a query is looked up by.

Each word counts under its ``stem`` and, when long enough to have spelling variants, under
``~`` + its ``skeleton`` as well. The browser applies the same normaliser to the query
(``templates/assets/js/arshif-search.js``, tested as a twin).
"""

from __future__ import annotations

import re
from collections import Counter

from builder.arabic.normalize import Folded, skeleton, stem

FUZZY = "~"


def keys(text: str | Folded) -> Counter[str]:
    """Index keys of a text with their counts: each word's stem, and ``~skeleton`` when long."""
    found: Counter[str] = Counter()
    for word, n in Counter(Folded.of(text).words).items():
        s = stem(word)
        found[s] += n
        sk = skeleton(s)
        if sk is not None and sk != s:
            found[FUZZY + sk] += n
    return found


def pack(found: Counter[str]) -> str:
    """Keys and counts as one string (``key\tcount`` lines, read back with ``PACKED_LINE``):
    cached and loaded for thousands of articles at every build, and read back only for the
    index segments that change."""
    return "\n".join(f"{k}\t{n}" for k, n in found.items())


#: A line of :func:`pack`'s output: the key, and its count.
PACKED_LINE = re.compile(r"^(.+)\t(\d+)$", re.MULTILINE)
