"""The neural half of the recogniser: a BiLSTM over word vectors, characters and token features.

The CRF sees a word through hand-made features, so a name it never saw is a guess from affixes;
word vectors learned from 10 million words of unlabeled news (training/make_embeddings.py) place an
unseen ``نتنياهو`` beside the names it behaves like, and a BiLSTM reads the whole sentence. Each
token is its folded form's vector, its stem's vector, a character CNN over the form and a sum of
feature embeddings (gazetteer tag, shape, clitic prefix, word clusters, trigger lists). The
network is trained with PyTorch (training/train_nn.py, ``make model``) and its weights exported to
``ner-nn.npz``; here it runs in NumPy, so the archive needs no deep-learning framework.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from builder.ner.features import (
    SHAPES,
    Resources,
    ShapeKey,
    cluster_of,
    gazetteer_tags,
    normal,
    shape_key,
    shape_of,
)
from builder.ner.resources import DATA
from builder.ner.tagger import GAZ_TAGS, K, KeyedRows, split_rows
from builder.ner.vocabulary import Vocabulary

Array = np.ndarray
WEIGHTS = DATA / "ner-nn.npz"
TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
MAX_CHARS = 16
PAD, UNKNOWN = 0, 1
#: distinct tokens whose projected inputs are kept (4 KB each: 256 MB in all)
CACHED_TOKENS = 65_536
#: new tokens made into inputs at a time
CHUNK = 256


@cache
def embeddings(name: str) -> tuple[Vocabulary, Array]:
    """The words and their rows, and the vectors as stored, int8, mapped from the file rather
    than read: a run looks up a few thousand of the 146,000 (:func:`vectors_of`). Reading them
    all, and unpacking them to float at every start, had taken 0.15 s."""
    return Vocabulary.load(vocabulary_path(name)), np.load(DATA / f"embed-{name}.npy", mmap_mode="r")


def vocabulary_path(name: str) -> Path:
    """Where the words of ``embed-{name}.npy`` are (their rows: 2 onwards, in its order)."""
    return DATA / f"embed-{name}.words.npz"


def vectors_of(stored: Array, rows: Array) -> Array:
    """The float32 vectors of word ``rows`` (row k + 2 is the stored row k; rows 0 and 1,
    padding and unknown, are zero)."""
    out = np.zeros((len(rows), stored.shape[1]), dtype=np.float32)
    known = rows >= 2
    out[known] = stored[rows[known] - 2]
    out /= 127.0
    return out


def token_feature_names(key: ShapeKey, cluster: str, gaz: str) -> list[str]:
    """The categorical features of one token, one per slot (the network sums their vectors):
    its gazetteer tag, then those of its shape key and of its cluster."""
    return [f"gaz:{gaz}" if gaz else "", *key_feature_names(key), *cluster_feature_names(cluster)]


def key_feature_names(key: ShapeKey) -> list[str]:
    triggers = key.neighbour_triggers
    return [f"shape:{key.shape}", f"pre:{key.prefix}", "tPER" if "trigPER" in triggers else "",
            "tLOC" if "trigLOC" in triggers else "", "tORG" if "trigORG" in triggers else "",
            "open" if key.opens else ""]


def cluster_feature_names(c: str) -> list[str]:
    return [f"c4:{c[:4]}", f"c8:{c[:8]}", f"c12:{c[:12]}"]


class Encoder:
    """Tokens to the network's integer inputs. ``chars`` and ``feats`` grow while training reads
    its corpus (``grow=True``) and are fixed after; what they lack maps to unknown (or none)."""

    def __init__(self, res: Resources, chars: dict[str, int] | None = None,
                 feats: dict[str, int] | None = None) -> None:
        self.res = res
        self.forms, _ = embeddings("forms")
        self.stems, _ = embeddings("stems")
        self.chars = chars if chars is not None else {}
        self.feats = feats if feats is not None else {}
        self._codes: Array | None = None
        self._codes_for = 0

    def encode(self, tokens: Sequence[str], grow: bool = False) -> tuple[Array, ...]:
        """Form ids (n,), stem ids (n,), character ids (n, MAX_CHARS), feature ids (n, slots;
        PAD where a slot is empty): the network's inputs as training reads them."""
        pairs = [normal(t) for t in tokens]
        gaz = gazetteer_tags([s for _, s in pairs], self.res)
        names = [token_feature_names(shape_key(token, w, s), cluster_of(w, s, self.res), g)
                 for token, (w, s), g in zip(tokens, pairs, gaz, strict=True)]
        cut = [w[:MAX_CHARS] for w, _ in pairs]
        if grow:
            for key in (ch for w in cut for ch in w):
                self.chars.setdefault(key, len(self.chars) + 2)
            for key in (f for row in names for f in row if f):
                self.feats.setdefault(key, len(self.feats) + 2)
        forms, stems = self.word_ids(pairs)
        return forms, stems, self.char_ids(cut), self.feature_ids(names)

    def word_ids(self, pairs: Sequence[tuple[str, str]]) -> tuple[Array, Array]:
        """The rows of each (form, stem)'s vectors."""
        return (self.forms.find([w for w, _ in pairs], UNKNOWN),
                self.stems.find([s for _, s in pairs], UNKNOWN))

    def feature_ids(self, names: list[list[str]]) -> Array:
        """(rows, slots) ids of feature names (PAD for none or one never seen in training)."""
        feat = self.feats.get
        return np.array([[feat(f, PAD) if f else PAD for f in row] for row in names],
                        dtype=np.int64).reshape(len(names), -1)

    def char_ids(self, words: list[str]) -> Array:
        """(words, MAX_CHARS) character ids, padded: the words as a fixed-width array of code
        points, looked up in a table by code point (remade only when ``chars`` has grown).
        A dict look-up per character was a sixth of the network's cost on new tokens."""
        if self._codes is None or self._codes_for != len(self.chars):
            self._codes = np.full(sys.maxunicode + 1, UNKNOWN, dtype=np.int64)
            self._codes[[ord(ch) for ch in self.chars]] = list(self.chars.values())
            self._codes[0] = PAD  # what NumPy pads a short string with
            self._codes_for = len(self.chars)
        if any("\0" in w for w in words):  # a real NUL is a character the network never saw
            words = [w.replace("\0", "\uffff") for w in words]
        points = np.array(words, dtype=f"<U{MAX_CHARS}").view(np.uint32)
        ids: Array = self._codes[points.reshape(len(words), MAX_CHARS)]
        return ids


class NeuralTagger:
    """The exported network, run in NumPy over many sentences at once.

    The LSTM's input projection is linear, so a token's projected input is the sum of a part
    that depends on the token alone (characters, vectors, most features: computed once per
    distinct token and cached) and the projection of its gazetteer tag (one row per tag)."""

    def __init__(self, res: Resources, weights: Path = WEIGHTS) -> None:
        # one BLAS thread: these matrices are small (threads cost more than they give) and the
        # build already runs one process per core
        threadpool_limits(1)
        tables = json.loads(weights.with_suffix(".json").read_text(encoding="utf-8"))
        self.encoder = Encoder(res, tables["chars"], tables["feats"])
        with np.load(weights) as stored:
            self.w = {k: stored[k].astype(np.float32) for k in stored.files}
        _, self.form_vectors = embeddings("forms")
        _, self.stem_vectors = embeddings("stems")
        self.transitions = self.w["crf.transitions"]
        self.start = self.w["crf.start_transitions"]
        self.end = self.w["crf.end_transitions"]
        w = self.w
        # PyTorch's gate order is input, forget, cell, output; reordered so that the three
        # gates under a sigmoid are adjacent
        size = w["lstm.weight_hh_l0"].shape[1]
        gate = np.r_[0:2 * size, 3 * size:4 * size, 2 * size:3 * size]
        self.w_ih = np.stack([w["lstm.weight_ih_l0"], w["lstm.weight_ih_l0_reverse"]])[:, gate]
        self.bias = np.stack([w["lstm.bias_ih_l0"] + w["lstm.bias_hh_l0"],
                              w["lstm.bias_ih_l0_reverse"] + w["lstm.bias_hh_l0_reverse"]])[:, gate]
        self.w_hh_t = np.stack([w["lstm.weight_hh_l0"], w["lstm.weight_hh_l0_reverse"]]
                               )[:, gate].transpose(0, 2, 1).copy()
        # negated, and the cell's doubled: see _bilstm (exact: powers of two)
        scale = np.r_[np.full(3 * size, -1.0), np.full(size, -2.0)].astype(np.float32)
        self.w_ih *= scale[:, None]
        self.bias *= scale
        self.w_hh_t *= scale
        # each character's product with each tap of the convolution's kernel: (taps, chars, filters)
        self.char_taps = np.einsum("ce,fek->kcf", w["char.weight"], w["conv.weight"])
        feats = self.encoder.feats
        gaz_rows = w["feat.weight"][[feats.get(f"gaz:{tag}", PAD) for tag in GAZ_TAGS]]
        cols = slice(w["conv.weight"].shape[0], w["conv.weight"].shape[0] + gaz_rows.shape[1])
        self.gaz_gates = np.einsum("tf,dgf->dtg", gaz_rows, self.w_ih[:, :, cols])  # (2, tags, 4H)
        # the summed feature vectors but the gazetteer tag's, as Encoder.encode names them
        dims = (w["feat.weight"].shape[1],)
        self.key_sums: KeyedRows[int] = KeyedRows(
            self._summed(lambda number: key_feature_names(SHAPES[number])), dims, np.float32)
        self.cluster_sums: KeyedRows[str] = KeyedRows(self._summed(cluster_feature_names), dims,
                                                      np.float32)
        self.ids: dict[str, int] = {}
        self.gates = np.zeros((2, 1024, self.w_ih.shape[1]), dtype=np.float32)
        self.uses = np.zeros(1024, dtype=np.int64)  # how often each row was used

    def _summed(self, names: Callable[[K], list[str]]) -> Callable[[list[K]], Array]:
        """What a key's row is made of: the sum of its feature names' vectors."""
        vectors = self.w["feat.weight"]
        return lambda keys: vectors[self.encoder.feature_ids([names(k) for k in keys])].sum(axis=1)

    def inputs(self, tokens: Sequence[str]) -> Array:
        """The BiLSTM's input rows but for the gazetteer tag: char CNN, summed feature
        embeddings, form and stem vectors."""
        enc = self.encoder
        pairs = [normal(t) for t in tokens]
        feats = (self.key_sums([shape_of(t) for t in tokens])
                 + self.cluster_sums([cluster_of(w, s, enc.res) for w, s in pairs]))
        forms, stems = enc.word_ids(pairs)
        chars = enc.char_ids([w[:MAX_CHARS] for w, _ in pairs])
        w = self.w
        # the convolution (3 wide, zero padding) as the sum of each tap's character rows: PAD's
        # embedding is zero, so PAD stands for the padding too
        padded = np.pad(chars, ((0, 0), (1, 1)))
        taps = self.char_taps
        conv = taps[0][padded[:, :-2]] + taps[1][padded[:, 1:-1]] + taps[2][padded[:, 2:]]
        conv = np.maximum(conv.max(axis=1) + w["conv.bias"], 0)  # = max over positions of ReLU
        return np.concatenate([conv, feats, vectors_of(self.form_vectors, forms),
                               vectors_of(self.stem_vectors, stems)], axis=1)

    def _token_rows(self, flat: list[str]) -> Array:
        """Each token's row in ``gates``, the context-free part of its projected input (the
        rows of tokens not seen before are made here)."""
        new = list(dict.fromkeys(t for t in flat if t not in self.ids))
        if len(self.ids) + len(new) > CACHED_TOKENS:  # bound the memory of a long run
            self._keep_most_used()
            new = list(dict.fromkeys(t for t in flat if t not in self.ids))
        if new:
            first = len(self.ids)
            if first + len(new) > self.gates.shape[1]:
                grown = np.zeros((2, max(first + len(new), 2 * self.gates.shape[1]),
                                  self.gates.shape[2]), dtype=np.float32)
                grown[:, :first] = self.gates[:, :first]
                self.gates = grown
                uses = np.zeros(grown.shape[1], dtype=np.int64)
                uses[:first] = self.uses[:first]
                self.uses = uses
            self.uses[first:first + len(new)] = 0
            # in chunks: the temporaries of thousands of new tokens at once (tens of MB) cost
            # more in fresh memory pages than in arithmetic
            for lo in range(0, len(new), CHUNK):
                rows = self.inputs(new[lo:lo + CHUNK])
                at = slice(first + lo, first + lo + len(rows))
                for d in (0, 1):
                    np.matmul(rows, self.w_ih[d].T, out=self.gates[d, at])
                    self.gates[d, at] += self.bias[d]
            self.ids.update((t, first + k) for k, t in enumerate(new))
        found = np.array([self.ids[t] for t in flat], dtype=np.int64)
        self.uses += np.bincount(found, minlength=len(self.uses))
        return found

    def _keep_most_used(self) -> None:
        """Make room: keep the rows of the most used tokens (the newest first among equals) in
        three quarters of the cache, and forget the rest. Most distinct tokens of a long run
        are rare, and most occurrences are of frequent ones: forgetting every row at once made
        3,000 news articles compute 1.5 times as many rows as they have distinct tokens (2.3
        times with a cache half as large); this, 1.1 times."""
        tokens = list(self.ids)
        rows = np.fromiter(self.ids.values(), dtype=np.int64, count=len(tokens))
        uses = self.uses[rows]
        kept = np.lexsort((-rows, -uses))[:CACHED_TOKENS * 3 // 4]  # most used, then newest
        self.gates[:, :len(kept)] = self.gates[:, rows[kept]]
        self.uses[:len(kept)] = uses[kept] // 2  # old uses count for less than new ones
        self.ids = {tokens[i]: row for row, i in enumerate(kept.tolist())}

    def emissions(self, sentences: Sequence[Sequence[str]], gaz: Array | None = None) -> list[Array]:
        """Each sentence's tag scores, (tokens, len(TAGS)); empty sentences give empty arrays.
        ``gaz``: every token's gazetteer tag as an index into ``GAZ_TAGS``, as the CRF found
        them (made here when not given)."""
        lengths = [len(s) for s in sentences]
        flat = [t for s in sentences for t in s]
        if not flat:
            return [np.zeros((0, len(TAGS)), dtype=np.float32) for _ in sentences]
        rows = self._token_rows(flat)
        if gaz is None:
            index = {tag: i for i, tag in enumerate(GAZ_TAGS)}
            gaz = np.array([index[g] for s in sentences for g in gazetteer_tags(
                [normal(t)[1] for t in s], self.encoder.res)], dtype=np.int64)
        hidden = _bilstm((self.gates, rows), (self.gaz_gates, gaz), lengths, self.w_hh_t)
        return split_rows(hidden @ self.w["out.weight"].T + self.w["out.bias"], lengths)


def _bilstm(tokens: tuple[Array, Array], gaz: tuple[Array, Array], lengths: list[int],
            w_hh_t: Array) -> Array:
    """Both LSTM directions over all sentences at once, stepping them together.

    A token's projected input is ``table[d, row]`` of its ``tokens`` row plus that of its
    ``gaz`` tag (each a (table, rows) pair; tables (2, rows, 4H), gate columns ordered input,
    forget, output, cell; rows for all sentences' tokens concatenated). The weights come
    prescaled (negated, and the cell gate's doubled), so each sigmoid is 1 / (1 + e^g).
    Sentences run longest first, so the ones still running at step t are a prefix; tokens are
    packed by step (as PyTorch's PackedSequence), each step's inputs gathered as it comes and
    its states written in the packed order, where the next step reads them. The backward
    direction reads each sentence from its end. Returns (tokens, 2H): forward then backward
    states."""
    size = w_hh_t.shape[1]
    live = np.array([n for n in lengths if n])
    order = np.argsort(-live, kind="stable")
    base = (np.cumsum(live) - live)[order]
    span = live[order]
    width = int(span[0])
    active = np.searchsorted(-span, -np.arange(width), side="left")  # rows with span > t
    offsets = np.r_[0, np.cumsum(active)]
    step = np.repeat(np.arange(width), active)
    row = np.arange(len(step)) - offsets[step]
    pos = np.stack([base[row] + step, base[row] + span[row] - 1 - step])  # (2, tokens)
    table, rows = tokens
    gaz_table, gaz_rows = gaz
    both = np.array([[0], [1]])
    at, gaz_at = rows[pos], gaz_rows[pos]
    states = np.empty((2, len(step), size), dtype=np.float32)
    c = np.zeros((2, int(active[0]), size), dtype=np.float32)
    before = 0
    with np.errstate(over="ignore"):  # e^g = inf gives the sigmoid's limit, 0
        for t in range(width):
            a, lo = int(active[t]), int(offsets[t])
            g = table[both, at[:, lo:lo + a]]  # gathered by step: all at once was tens of MB
            g += gaz_table[both, gaz_at[:, lo:lo + a]]
            if t:
                g += np.matmul(states[:, before:before + a], w_hh_t)
            np.exp(g, out=g)
            g += 1.0
            np.reciprocal(g, out=g)  # sigmoids; the cell's is of 2x: tanh(x) = 2 sigmoid(2x) - 1
            cell = g[:, :, 3 * size:]
            cell *= 2.0
            cell -= 1.0
            ca = c[:, :a]
            ca *= g[:, :, size:2 * size]
            ca += g[:, :, :size] * cell
            squashed = ca * -2.0
            np.exp(squashed, out=squashed)
            squashed += 1.0
            np.reciprocal(squashed, out=squashed)
            squashed *= 2.0
            squashed -= 1.0
            np.multiply(g[:, :, 2 * size:3 * size], squashed, out=states[:, lo:lo + a])
            before = lo
    out = np.empty((len(rows), 2 * size), dtype=np.float32)
    out[pos[0], :size] = states[0]
    out[pos[1], size:] = states[1]
    return out


