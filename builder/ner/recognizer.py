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
_LINE = re.compile(r"[^\n]+")
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
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str]) -> list[list[EntityMention]]:
        """:meth:`find` for several texts, tagged in one pass (Viterbi's per-step cost is shared)."""
        split = [_sentences(text) for text in texts]
        words = [[[m.group() for m in s] for s in sentences] for sentences in split]
        flat = self.tagger.tag_many([s for text_words in words for s in text_words])
        out = []
        start = 0
        for text, sentences, text_words in zip(texts, split, words, strict=True):
            tags = propagate(text_words, flat[start:start + len(text_words)])
            start += len(text_words)
            out.append(_mentions(text, sentences, tags))
        return out


def _sentences(text: str) -> list[list[re.Match[str]]]:
    """Tokens grouped in sentences: cut after end punctuation and at every line end."""
    sentences: list[list[re.Match[str]]] = []
    for line in _LINE.finditer(text):
        current: list[re.Match[str]] = []
        for m in TOKEN.finditer(text, line.start(), line.end()):
            current.append(m)
            if m.group() in SENTENCE_END:
                sentences.append(current)
                current = []
        if current:
            sentences.append(current)
    return sentences or [[]]


def _mentions(text: str, sentences: list[list[re.Match[str]]],
              tags: list[list[str]]) -> list[EntityMention]:
    out = []
    for tokens, sent_tags in zip(sentences, tags, strict=True):
        for start, end, kind in sorted(spans(sent_tags)):
            entity_type = OUTPUT_TYPES.get(kind)
            if entity_type is not None:
                a, b = tokens[start].start(), tokens[end - 1].end()
                out.append(EntityMention(a, b, text[a:b], entity_type))
    return out
