"""Tagging text with the shipped CRF: tokens with offsets in, entity spans out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from builder.model import EntityMention, EntityType
from builder.ner.consistency import propagate
from builder.ner.corpus import spans
from builder.ner.resources import MODEL, load_resources
from builder.ner.tagger import FastTagger

#: A token: a run of letters, digits and Arabic marks, or one punctuation character.
TOKEN = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+|[^\w\s]")
#: Where sentences end: the recogniser tags one sentence at a time, as it was trained.
SENTENCE_END = {".", "!", "?", "؟", "؛"}
OUTPUT_TYPES: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # not MISC


class Recognizer:
    """The CRF model, loaded once; tags token sequences and finds entities in text."""

    def __init__(self, model: Path = MODEL) -> None:
        self.tagger = FastTagger(model, load_resources())

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence of tokens."""
        return self.tagger.tag(tokens)

    def find(self, text: str) -> list[EntityMention]:
        """Person, organisation and place mentions in ``text``, with character offsets."""
        sentences: list[list[re.Match[str]]] = [[]]
        for m in TOKEN.finditer(text):
            sentences[-1].append(m)
            if m.group() in SENTENCE_END or "\n" in text[m.end():m.end() + 1]:
                sentences.append([])
        words = [[m.group() for m in s] for s in sentences]
        tagged = propagate(words, self.tagger.tag_many(words))
        out = []
        for tokens, tags in zip(sentences, tagged, strict=True):
            for start, end, kind in sorted(spans(tags)):
                entity_type = OUTPUT_TYPES.get(kind)
                if entity_type is not None:
                    a, b = tokens[start].start(), tokens[end - 1].end()
                    out.append(EntityMention(a, b, text[a:b], entity_type))
        return out
