"""Tagging text with the shipped CRF: tokens with offsets in, entity spans out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from builder.model import EntityMention, EntityType
from builder.ner.corpus import spans
from builder.ner.features import sentence_features
from builder.ner.resources import MODEL, load_resources

#: A token: a run of letters, digits and Arabic marks, or one punctuation character.
TOKEN = re.compile(r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+|[^\w\s]")
#: Where sentences end: the recogniser tags one sentence at a time, as it was trained.
SENTENCE_END = {".", "!", "?", "؟", "؛"}
OUTPUT_TYPES: tuple[EntityType, ...] = ("PER", "ORG", "LOC")


class Recognizer:
    """The CRF model, loaded once; tags token sequences and finds entities in text."""

    def __init__(self, model: Path = MODEL) -> None:
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model))
        self.resources = load_resources()

    def tag_tokens(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence of tokens."""
        if not tokens:
            return []
        tags: list[str] = self.tagger.tag(sentence_features(tokens, self.resources))
        return tags

    def find(self, text: str) -> list[EntityMention]:
        """Person, organisation and place mentions in ``text``, with character offsets."""
        found: list[EntityMention] = []
        sentence: list[re.Match[str]] = []
        for m in [*TOKEN.finditer(text), None]:
            if m is not None:
                sentence.append(m)
            if m is None or m.group() in SENTENCE_END or m.group() == "\n":
                found += self._spans(text, sentence)
                sentence = []
        return found

    def _spans(self, text: str, tokens: list[re.Match[str]]) -> list[EntityMention]:
        tags = self.tag_tokens([t.group() for t in tokens])
        out = []
        for start, end, kind in sorted(spans(tags)):
            if kind in OUTPUT_TYPES:
                a, b = tokens[start].start(), tokens[end - 1].end()
                out.append(EntityMention(a, b, text[a:b], OUTPUT_TYPES[OUTPUT_TYPES.index(kind)]))
        return out
