"""Tagging text with the shipped models: tokens with offsets in, entity spans out.

Two taggers score every token: the CRF over hand-made features (tagger.py) and the BiLSTM over
word vectors (neural.py). Their label scores and transitions are added, weighted, and one Viterbi
pass decodes the sum: the product of two experts, each strong where the other is weak (the CRF
on exact contexts it saw, the network on names it did not see).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from builder.model import EntityMention, EntityType
from builder.ner.consistency import propagate
from builder.ner.corpus import spans
from builder.ner.neural import TAGS, WEIGHTS, NeuralTagger
from builder.ner.resources import MODEL, load_resources
from builder.ner.tagger import FastTagger, decode

#: A token: a run of letters, digits and Arabic marks, or one punctuation character (runs are
#: matched possessively: the same tokens, without the backtracking).
TOKEN = re.compile(r"(?:[^\W_]++|[\u0610-\u061A\u064B-\u065F\u0670\u0640]++)++|[^\w\s]")
#: Where sentences end: the recogniser tags one sentence at a time, as it was trained.
SENTENCE_END = {".", "!", "?", "؟", "؛"}
#: A sentence's stretch of a line: up to an end mark and with it, or to the line's end.
_PIECE = re.compile(r"[^\n{0}]*[{0}]|[^\n{0}]+".format(re.escape("".join(sorted(SENTENCE_END)))))
OUTPUT_TYPES: dict[str, EntityType] = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # not MISC
#: The network's share of the summed scores (the CRF has the rest); chosen on the tuning part
#: (``training.train.anercorp_parts``: the last tenth of ANERcorp train; 0.65-0.75 gave
#: micro-F1 0.80-0.804 with each sentence alone, 0.6 gave 0.799).
NEURAL_WEIGHT = 0.7
#: Added to the score of B-ORG (an organisation's first word) before decoding. Both models are
#: more precise than complete on organisations (tuning part, CRF and network: precision 0.83,
#: recall 0.68), and a word near the line is better called one: more are found, and clubs named
#: after their city stop being places. Only the first word: a bias on I-ORG too ran names on
#: into the next words (the seed's "التحالف الدولي بإزاحة الستارة"). Chosen on the tuning
#: part, each sentence alone; micro-F1 and ORG F1 without -> with it, for models trained
#: without that part: 0.815 -> 0.824 and 0.758 -> 0.781; with an organisation list that lacks
#: its 18 names found in that part alone, 0.809 -> 0.825 and 0.719 -> 0.755. Tuned on one half,
#: a bias gained on the other in 12 of 12 random halvings. 2.0 did about as well there, but on
#: the sample news 13 of the 17 names it found beyond 1.5 were not organisations. The CRF alone
#: (``--fast``) scores on another scale: 1.0 took it 0.773 -> 0.779.
ORG_START_BIAS = 1.5
FAST_ORG_START_BIAS = 1.0


class Recognizer:
    """The two models, loaded once; tags token sequences and finds entities in text.
    ``neural=None`` tags with the CRF alone."""

    def __init__(self, model: Path = MODEL, neural: Path | None = WEIGHTS) -> None:
        res = load_resources()
        self.tagger = FastTagger(model, res)
        self.labels = self.tagger.labels
        self.neural = None if neural is None else NeuralTagger(res, neural)
        bias = FAST_ORG_START_BIAS if self.neural is None else ORG_START_BIAS
        self.bias = np.array([bias if label == "B-ORG" else 0.0 for label in self.labels])
        if self.neural is None:
            return
        if sorted(self.labels) != sorted(TAGS):
            raise ValueError(f"the CRF's labels {self.labels} are not the network's {TAGS}")
        self.order = [TAGS.index(label) for label in self.labels]  # network column of each label
        w = NEURAL_WEIGHT
        net = self.neural
        self.transitions = ((1 - w) * self.tagger.transitions
                            + w * net.transitions[np.ix_(self.order, self.order)])
        self.start, self.end = w * net.start[self.order], w * net.end[self.order]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each sentence of tokens, decoded together."""
        if self.neural is None:
            return self.tagger.tag_many(sentences, self.bias)
        scores, gaz = self.tagger.sentence_emissions(sentences)
        w = NEURAL_WEIGHT
        net = self.neural.emissions(sentences, gaz)
        paths = decode([(1 - w) * crf + w * nn[:, self.order] + self.bias
                        for crf, nn in zip(scores, net, strict=True)],
                       self.transitions, self.start, self.end)
        return [[self.labels[k] for k in path] for path in paths]

    def find(self, text: str) -> list[EntityMention]:
        """Person, organisation and place mentions in ``text``, with character offsets."""
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str]) -> list[list[EntityMention]]:
        """:meth:`find` for several texts, tagged in one pass (Viterbi's per-step cost is shared)."""
        split = [_sentences(text) for text in texts]
        words = [[[m.group() for m in s] for s in sentences] for sentences in split]
        flat = self.tag_many([s for text_words in words for s in text_words])
        out = []
        start = 0
        for text, sentences, text_words in zip(texts, split, words, strict=True):
            tags = propagate(text_words, flat[start:start + len(text_words)])
            start += len(text_words)
            out.append(_mentions(text, sentences, tags))
        return out


def sentence_tokens(text: str) -> list[list[str]]:
    """The text's sentences as the recogniser cuts them, each a list of token strings."""
    return [[m.group() for m in sentence] for sentence in _sentences(text)]


def _sentences(text: str) -> list[list[re.Match[str]]]:
    """Tokens grouped in sentences: cut after end punctuation and at every line end (an end
    mark is always a token of its own, so the text is cut first and each piece tokenised)."""
    sentences = [list(TOKEN.finditer(text, *piece.span())) for piece in _PIECE.finditer(text)]
    return [s for s in sentences if s] or [[]]


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
