"""Tagging text with the shipped CRF: tokens with offsets in, entity spans out."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
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
        flat = self.tagger.tag_many([s.tokens for sentences in split for s in sentences])
        out = []
        start = 0
        for text, sentences in zip(texts, split, strict=True):
            tags = propagate([s.tokens for s in sentences], flat[start:start + len(sentences)])
            start += len(sentences)
            out.append(_mentions(text, sentences, tags))
        return out


@dataclass
class Sentence:
    """A sentence's tokens, and where to find them: its line starts at ``line`` in the text,
    and its first token is token ``first`` of that line."""

    tokens: list[str]
    line: int
    first: int


def _sentences(text: str) -> list[Sentence]:
    """Tokens grouped in sentences: cut after end punctuation and at every line end.

    Tokens only (``findall``, half the cost of match objects); offsets are found later for
    the few sentences that name something.
    """
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        current: list[str] = []
        first = 0
        for n, token in enumerate(TOKEN.findall(line.group())):
            current.append(token)
            if token in SENTENCE_END:
                sentences.append(Sentence(current, line.start(), first))
                current, first = [], n + 1
        if current:
            sentences.append(Sentence(current, line.start(), first))
    return sentences or [Sentence([], 0, 0)]


def _offsets(text: str, line_start: int) -> list[tuple[int, int]]:
    """Spans of the tokens of the line starting at ``line_start``. Tokens are cut by ``TOKEN``
    with only spaces and underscores between them, which no token contains, so each is found
    by searching on from the end of the one before."""
    line_end = text.find("\n", line_start)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    pos = 0
    out: list[tuple[int, int]] = []
    for token in TOKEN.findall(line):
        pos = line.find(token, pos)
        out.append((line_start + pos, line_start + pos + len(token)))
        pos += len(token)
    return out


def _mentions(text: str, sentences: list[Sentence], tags: list[list[str]]) -> list[EntityMention]:
    out = []
    lines: dict[int, list[tuple[int, int]]] = {}  # token spans of the lines that name something
    for sentence, sent_tags in zip(sentences, tags, strict=True):
        for start, end, kind in sorted(spans(sent_tags)):
            entity_type = OUTPUT_TYPES.get(kind)
            if entity_type is not None:
                if sentence.line not in lines:
                    lines[sentence.line] = _offsets(text, sentence.line)
                where = lines[sentence.line]
                a, b = where[sentence.first + start][0], where[sentence.first + end - 1][1]
                out.append(EntityMention(a, b, text[a:b], entity_type))
    return out
