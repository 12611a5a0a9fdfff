"""Names swapped for others of their type, for training the CRF.

ANERcorp names a few hundred organisations; an article of the archive names others. A model
trained on the corpus as it is learns its names by heart, and ``نادي بنفيكا`` or ``حركة طالبان``
goes unrecognised when the name is new. Sentences whose names are swapped for other names of
the same type teach it the contexts instead (mention replacement).
"""

from __future__ import annotations

import random

from builder.ner.corpus import Sentence, spans

#: The types swapped (MISC is kept for training, never output, and too mixed to swap).
SWAPPED = ("PER", "ORG", "LOC")
Pool = dict[str, list[list[str]]]


def name_pool(sentences: list[Sentence]) -> Pool:
    """Every person, organisation and place name of the sentences, as tokens, by type."""
    pool: Pool = {}
    for tokens, tags in sentences:
        for start, end, kind in sorted(spans(tags)):
            if kind in SWAPPED:
                pool.setdefault(kind, []).append(tokens[start:end])
    return pool


def swap_names(sentence: Sentence, pool: Pool, rng: random.Random) -> Sentence:
    """The sentence with each of its names replaced by one of the same type from ``pool``."""
    tokens, tags = sentence
    out_tokens: list[str] = []
    out_tags: list[str] = []
    done = 0
    for start, end, kind in sorted(spans(tags)):
        out_tokens += tokens[done:start]
        out_tags += tags[done:start]
        name = rng.choice(pool[kind]) if kind in pool else tokens[start:end]
        out_tokens += name
        out_tags += [f"B-{kind}"] + [f"I-{kind}"] * (len(name) - 1)
        done = end
    return out_tokens + tokens[done:], out_tags + tags[done:]


def swapped_copies(sentences: list[Sentence], seed: int) -> list[Sentence]:
    """A copy of every sentence that has a name, its names swapped: what the CRF is trained on
    besides the corpus (micro-F1 on the tuning part, of the CRF alone 0.761 with them, 0.770 with another
    draw of the swaps, 0.758 without)."""
    rng = random.Random(seed)
    pool = name_pool(sentences)
    return [swap_names(s, pool, rng) for s in sentences if any(t != "O" for t in s[1])]
