"""Reading the NER corpora (``token TAG`` lines, blank line between sentences)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

Sentence = tuple[list[str], list[str]]

#: Corpus tag -> ours; anything else is O. MISC is kept for training and never output.
TAGS = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
        "MISC": "MISC", "MIS": "MISC"}


def read_conll(path: Path) -> Iterator[Sentence]:
    """Sentences of a ``token TAG [nested tags…]`` file, tags mapped to PER/ORG/LOC/MISC."""
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if tokens:
                yield tokens, tags
            tokens, tags = [], []
            continue
        if len(parts) < 2:
            continue
        token, tag = parts[0], parts[1]
        if tag != "O" and "-" in tag:
            prefix, kind = tag.split("-", 1)
            mapped = TAGS.get(kind)
            tag = f"{prefix}-{mapped}" if mapped else "O"
        elif tag != "O":
            tag = "O"
        tokens.append(token.replace("_", " "))
        tags.append(tag)
    if tokens:
        yield tokens, tags


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end, type) of a BIO sequence, seqeval-style (an I- after O starts one)."""
    out = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        boundary = tag == "O" or tag.startswith("B-") or tag[2:] != kind
        if boundary and start >= 0:
            out.add((start, i, kind))
            start, kind = -1, ""
        if tag != "O" and (tag.startswith("B-") or start < 0):
            start, kind = i, tag[2:]
    return out
