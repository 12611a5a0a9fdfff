"""Document-level consistency: a name tagged once is the same name elsewhere in the text.

The CRF sees one sentence at a time, so a name it recognises in one sentence (``الأهلي`` after
``نادي``) can be missed in the next. After tagging, every other untagged occurrence of a
recognised name (same folded tokens) gets the type it was given most often in the text, and a
person named in full (``دونالد ترامب``) is recognised by the family name alone (``ترامب``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from builder.arabic.normalize import fold_word
from builder.ner.corpus import spans

MAX_TOKENS = 4
MIN_LETTERS = 3


def _key(tokens: Sequence[str]) -> tuple[str, ...]:
    return tuple(map(fold_word, tokens))


def propagate(sentences: Sequence[Sequence[str]], tags: list[list[str]]) -> list[list[str]]:
    """``tags`` with recognised names also tagged where the same words recur untagged."""
    kinds: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for tokens, sent_tags in zip(sentences, tags, strict=True):
        if sent_tags.count("O") == len(sent_tags):
            continue  # most sentences: no name
        for start, end, kind in spans(sent_tags):
            if kind != "MISC" and end - start <= MAX_TOKENS:
                key = _key(tokens[start:end])
                if sum(ch.isalpha() for part in key for ch in part) >= MIN_LETTERS:
                    kinds[key][kind] += 1
                if kind == "PER" and end - start >= 2 and len(key[-1]) >= MIN_LETTERS:
                    kinds[key[-1:]][kind] += 1  # a person's family name, used alone later
    if not kinds:
        return tags
    lengths = sorted({len(k) for k in kinds}, reverse=True)
    firsts = {k[0] for k in kinds}
    out = []
    for tokens, sent_tags in zip(sentences, tags, strict=True):
        new = list(sent_tags)
        folded = list(map(fold_word, tokens))
        free = 0  # where the next name may start: names tagged here do not overlap
        for i in [i for i, word in enumerate(folded) if word in firsts]:
            if i < free:
                continue
            for n in lengths:
                key = tuple(folded[i:i + n])
                if len(key) == n and key in kinds and all(t == "O" for t in new[i:i + n]):
                    kind = kinds[key].most_common(1)[0][0]
                    new[i:i + n] = [f"B-{kind}"] + [f"I-{kind}"] * (n - 1)
                    free = i + n
                    break
        out.append(new)
    return out
