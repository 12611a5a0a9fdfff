"""Viterbi decoding of the crfsuite model, vectorised over all the sentences of a text.

python-crfsuite's own tagger is exact but takes its input as one Python dict per token (about 60
attributes each); converting those dominates its cost, and 10,000 articles took many minutes.
A linear-chain CRF's token score is a sum over attributes, and almost every attribute depends on
one token only (itself, or a neighbour at a fixed offset), so those sums are computed once per
distinct token and kept in arrays; a text's scores are then array look-ups, and Viterbi runs over
all its sentences at once. The weights are read from the trained model and the decoding is the
one crfsuite does (no start or end transitions): a test checks both give the same tags.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tempfile
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

import numpy as np
import pycrfsuite

from builder.ner.features import (
    FORM_FAMILIES,
    OFFSETS,
    SHAPES,
    STEM_FAMILIES,
    Attrs,
    Resources,
    affix_attrs,
    cluster_groups,
    cluster_of,
    edge_attrs,
    gaz_attr,
    gazetteer_tags,
    normal,
    shape_of,
    vector_row,
    word_groups,
)

Array = np.ndarray
#: the word-bigram attribute families (:meth:`FastTagger._add_pairs`)
_PAIRS = ("-1w|w:", "w|+1w:")
GAZ_TAGS = ("O", "B-LOC", "I-LOC", "B-PER", "I-PER", "B-ORG", "I-ORG")
K = TypeVar("K", bound=Hashable)


class FastTagger:
    """Tags sentences with a crfsuite model's weights."""

    def __init__(self, model: Path, res: Resources) -> None:
        self.labels, attrs, self.matrix, self.transitions = _tables(model)
        self.k = len(self.labels)
        self.rows = dict(zip(attrs, range(len(attrs)), strict=True))
        self.res = res
        self.edges = np.array([self.score(edge_attrs(d)) for d in OFFSETS])
        self.gaz = {tag: i for i, tag in enumerate(GAZ_TAGS)}
        self.gaz_scores = np.array([[self.score({gaz_attr(d, tag): 1.0}) for tag in GAZ_TAGS]
                                    for d in (0, *OFFSETS)])
        dims = [self.rows.get(f"v{k}", len(self.rows)) for k in range(
            0 if res.vector_matrix is None else res.vector_matrix.shape[1])]
        self.vector_scores = (res.vector_matrix @ self.matrix[dims]
                              if dims else np.zeros((0, self.k)))
        # the words a word-bigram attribute can start with (a value "a|b" may also be a pair
        # "a|" + "b" when a token is "|"): most pairs start with none, and skip the look-ups
        self.pair_firsts = {value[:cut] for attr in attrs if attr.startswith(_PAIRS)
                            for value in (attr.partition(":")[2],)
                            for cut, ch in enumerate(value) if ch == "|"}
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self.stems: list[str] = []
        self.scores = np.zeros((1024, 1 + len(OFFSETS), self.k))
        # the form and stem families' weights by value, and the shape key's and cluster's parts
        # of token scores, one row per key
        self.by_value = _ByValue(self.rows, self.matrix, (*FORM_FAMILIES, *STEM_FAMILIES))
        self.by_shape: KeyedRows[int] = KeyedRows(
            self._summed(lambda number: word_groups(SHAPES[number])), self.scores.shape[1:])
        self.by_cluster: KeyedRows[str] = KeyedRows(self._summed(cluster_groups),
                                                    self.scores.shape[1:])

    def score(self, attrs: Attrs) -> Array:
        """Σ value × weight over the attributes (unknown attributes weigh nothing)."""
        found = [(self.rows[a], v) for a, v in attrs.items() if a in self.rows]
        if not found:
            return np.zeros(self.k)
        idx, values = zip(*found, strict=True)
        result: Array = np.asarray(values) @ self.matrix[list(idx)]
        return result

    def group_sums(self, groups: list[list[str]]) -> Array:
        """Σ weights of each group of attributes (all valued 1; unknown ones weigh nothing)."""
        flat: list[str] = []
        starts: list[int] = []
        for group in groups:
            starts.append(len(flat))
            flat.append("")  # no attribute: keeps every group non-empty
            flat += group
        get, unknown = self.rows.get, len(self.rows)  # the last row, all zero
        idx = [get(a, unknown) for a in flat]
        result: Array = np.add.reduceat(self.matrix[idx], starts, axis=0)
        return result

    def _summed(self, groups: Callable[[K], list[list[str]]]) -> Callable[[list[K]], Array]:
        """What a key's row is made of: the summed weights of each of its attribute groups (its
        own, then what it gives each neighbour)."""
        return lambda keys: self.group_sums([g for k in keys for g in groups(k)]).reshape(
            len(keys), *self.scores.shape[1:])

    def _add(self, tokens: list[str]) -> None:
        """Give each new token its row in ``scores``: its own score and what it gives each
        neighbour. The form's and stem's families and the affixes are looked up by value; the
        other parts by key (made once per shape key, per cluster)."""
        first = len(self.ids)
        need = first + len(tokens)
        self.scores = _room(self.scores, need)
        shape_keys: list[int] = []
        stem_keys: list[str] = []
        cluster_keys: list[str] = []
        vec_at: list[int] = []
        vec_rows: list[int] = []
        res = self.res
        for n, token in enumerate(tokens, start=first):
            w, s = normal(token)
            shape_keys.append(shape_of(token))
            stem_keys.append(s)
            cluster_keys.append(cluster_of(w, s, res))
            vector = vector_row(w, s, res)
            if vector is not None:
                vec_at.append(n)
                vec_rows.append(vector)
            self.ids[token] = n
            self.words.append(w)
            self.stems.append(s)
        self.scores[first:need] = (
            self.by_shape(shape_keys)
            + self.by_value.scores(self.words[first:], _FORMS)
            + self.by_value.scores(stem_keys, _STEMS)
            + self.by_cluster(cluster_keys))
        get, unknown = self.rows.get, len(self.rows)
        affixes = [get(a, unknown) for s in stem_keys for a in affix_attrs(s)]
        self.scores[first:need, 0] += self.matrix[affixes].reshape(len(stem_keys), -1, self.k).sum(axis=1)
        if vec_at:
            self.scores[vec_at, 0] += self.vector_scores[vec_rows]

    def emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[Array, Array]:
        """Scores of every token of every sentence (flattened) and each token's gazetteer tag
        (an index into ``GAZ_TAGS``)."""
        flat = [t for sent in sentences for t in sent]
        known = self.ids
        new = list(dict.fromkeys(t for t in flat if t not in known))
        if len(known) + len(new) > 500_000:  # bound the memory of a long run
            known.clear()
            self.words.clear()
            self.stems.clear()
            new = list(dict.fromkeys(flat))
        if new:
            self._add(new)
        ids = np.fromiter(map(known.__getitem__, flat), dtype=np.int64, count=len(flat))
        sent = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
        stems = self.stems
        gaz_index = self.gaz
        gaz = np.array([gaz_index[g] for s in sentences
                        for g in gazetteer_tags([stems[known[t]] for t in s], self.res)],
                       dtype=np.int64)
        total = self.scores[ids, 0] + self.gaz_scores[0, gaz]
        n = len(ids)
        pos = np.arange(n)
        for k, d in enumerate(OFFSETS, start=1):
            j = pos + d
            inside = (j >= 0) & (j < n)
            jj = np.clip(j, 0, max(n - 1, 0))
            same = inside & (sent[jj] == sent)
            near = self.scores[ids[jj], k] + self.gaz_scores[k, gaz[jj]]
            total += np.where(same[:, None], near, self.edges[k - 1])
        self._add_pairs(total, sentences, ids)
        return total, gaz

    def _add_pairs(self, total: Array, sentences: Sequence[Sequence[str]], ids: Array) -> None:
        """Add the weights of the word-bigram attributes (the few that depend on two tokens)."""
        words = self.words
        rows = self.rows
        firsts = self.pair_firsts
        hits: list[int] = []
        where: list[int] = []
        start = 0
        for s in sentences:
            ws = [words[i] for i in ids[start:start + len(s)].tolist()]
            for i in range(len(ws) - 1):
                if ws[i] not in firsts:
                    continue
                row = rows.get(f"-1w|w:{ws[i]}|{ws[i + 1]}")
                if row is not None:
                    hits.append(row)
                    where.append(start + i + 1)
                row = rows.get(f"w|+1w:{ws[i]}|{ws[i + 1]}")
                if row is not None:
                    hits.append(row)
                    where.append(start + i)
            start += len(s)
        if hits:
            np.add.at(total, np.asarray(where), self.matrix[hits])

    def sentence_emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[list[Array], Array]:
        """Each sentence's label scores, (tokens, labels), empty sentences giving empty arrays;
        and every token's gazetteer tag (as :meth:`emissions`), for the network to share."""
        lengths = [len(s) for s in sentences]
        if not any(lengths):
            return [np.zeros((0, self.k)) for _ in sentences], np.zeros(0, dtype=np.int64)
        total, gaz = self.emissions([s for s in sentences if s])
        return split_rows(total, lengths), gaz

    def tag_many(self, sentences: Sequence[Sequence[str]],
                 bias: Array | None = None) -> list[list[str]]:
        """The most likely labels of each sentence: Viterbi over all of them at once; ``bias``
        (a score per label) is added to every token's (crfsuite has none: without it, its
        labels)."""
        scores = self.sentence_emissions(sentences)[0]
        paths = decode(scores if bias is None else [e + bias for e in scores], self.transitions)
        return [[self.labels[k] for k in path] for path in paths]

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The most likely labels of one sentence."""
        return self.tag_many([tokens])[0]


def split_rows(rows: Array, lengths: Sequence[int]) -> list[Array]:
    """``rows`` (the tokens of all sentences, concatenated) cut into one array per sentence."""
    bounds = itertools.accumulate(lengths, initial=0)
    return [rows[a:b] for a, b in itertools.pairwise(bounds)]


def decode(scores: Sequence[Array], transitions: Array, start: Array | None = None,
           end: Array | None = None) -> list[list[int]]:
    """Viterbi over many sentences at once: each sentence's best label sequence, as indices.

    ``scores[i]`` is sentence i's (tokens, labels) emission scores; ``start`` and ``end`` score
    the first and last label (crfsuite has none, a PyTorch CRF has both)."""
    lengths = [len(e) for e in scores]
    live = [i for i, n in enumerate(lengths) if n]
    out: list[list[int]] = [[] for _ in scores]
    if not live:
        return out
    k = transitions.shape[0]
    # longest first: the sentences still running at step t are the first ``active[t]`` rows
    order = sorted(live, key=lambda i: -lengths[i])
    size = np.array([lengths[i] for i in order])
    width = int(size[0])
    active = np.searchsorted(-size, -np.arange(width), side="left")  # rows with size > t
    emit = np.zeros((len(order), width, k))
    for row, i in enumerate(order):
        emit[row, : size[row]] = scores[i]
    best = emit[:, 0] + (0 if start is None else start)
    back = np.zeros((len(order), width, k), dtype=np.int64)
    for t in range(1, width):
        a = int(active[t])
        cand = best[:a, :, None] + transitions[None]
        back[:a, t] = cand.argmax(axis=1)
        best[:a] = cand.max(axis=1) + emit[:a, t]
    if end is not None:
        best = best + end
    rows = np.arange(len(order))
    path = np.zeros((len(order), width), dtype=np.int64)
    path[rows, size - 1] = best.argmax(axis=1)
    for t in range(width - 1, 0, -1):
        a = int(active[t])
        path[:a, t - 1] = back[rows[:a], t, path[:a, t]]
    for row, i in enumerate(order):
        out[i] = path[row, : size[row]].tolist()
    return out


class KeyedRows(Generic[K]):
    """Rows of an array by key (a shape key's number, a cluster), each made once, on first use:
    a few thousand tokens share a few hundred keys, so the rows are kept for the whole run.
    Used by both taggers (scores here, summed feature vectors in the network)."""

    def __init__(self, make: Callable[[list[K]], Array], shape: tuple[int, ...],
                 dtype: type = np.float64) -> None:
        self.make = make  # the rows of new keys, all of a call's in one batch
        self.ids: dict[K, int] = {}
        self.table: Array = np.zeros((1024, *shape), dtype=dtype)

    def __call__(self, keys: list[K]) -> Array:
        """The rows of ``keys``, in order."""
        new = [k for k in dict.fromkeys(keys) if k not in self.ids]
        if new:
            used = len(self.ids)
            self.table = _room(self.table, used + len(new))
            self.table[used:used + len(new)] = self.make(new)
            self.ids.update(zip(new, range(used, used + len(new)), strict=True))
        found: Array = self.table[[self.ids[k] for k in keys]]
        return found


_FORMS = slice(0, len(FORM_FAMILIES))
_STEMS = slice(len(FORM_FAMILIES), len(FORM_FAMILIES) + len(STEM_FAMILIES))


class _ByValue:
    """The weights of attribute families named ``{family}:{value}`` (one family per slot), by
    value: a token's form or stem finds its rows in all of them with one look-up."""

    def __init__(self, rows: dict[str, int], matrix: Array, families: Sequence[str]) -> None:
        slot_of = {name: i for i, name in enumerate(families)}
        self.index: dict[str, int] = {}
        at: list[int] = []
        slots: list[int] = []
        found: list[int] = []
        for attr, row in rows.items():
            name, colon, value = attr.partition(":")
            if colon and name in slot_of:
                at.append(self.index.setdefault(value, len(self.index)))
                slots.append(slot_of[name])
                found.append(row)
        self.table = np.zeros((len(self.index) + 1, len(families), matrix.shape[1]))
        self.table[at, slots] = matrix[found]  # the last row: a value no attribute has

    def scores(self, values: list[str], families: slice) -> Array:
        """(values, families, labels): the weights of each value in the families given."""
        get, none = self.index.get, len(self.index)
        found: Array = self.table[[get(v, none) for v in values], families]
        return found


def _room(table: Array, rows: int) -> Array:
    """``table``, or a copy twice as long, so that it has at least ``rows`` rows."""
    if rows <= len(table):
        return table
    grown = np.zeros((max(rows, 2 * len(table)), *table.shape[1:]), dtype=table.dtype)
    grown[: len(table)] = table
    return grown


#: One weight in crfsuite's text dump: ``(0) attribute --> label: weight`` (labels have no spaces).
_WEIGHT = re.compile(r"^  \(\d+\) (.+) --> (\S+): ([+-]?\d+\.\d+)$", re.M)
_LABEL = re.compile(r"^ +(\d+): (.+)$", re.M)
Weight = tuple[str, str, float]
Tables = tuple[list[str], list[str], Array, Array]


def tables_path(model: Path) -> Path:
    """Where :func:`export_tables` writes a model's weights as arrays."""
    return model.with_suffix(".tables.npz")


def export_tables(model: Path) -> Path:
    """Write the model's weights beside it as arrays, stamped with the model's digest.

    Reading them from crfsuite's text dump takes 0.2 s at every start of ``arshif entities``;
    the arrays load in a tenth of that. Training calls this; :func:`_tables` ignores arrays whose
    stamp is not the model's."""
    labels, attrs, matrix, transitions = _tables_from_dump(model)
    path = tables_path(model)
    # the attributes as one UTF-8 text, a line each (they hold no spaces): an array of 37,000
    # strings took 0.03 s to load, the text a sixth of that
    text = np.frombuffer("\n".join(attrs).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(path, digest=np.array(_digest(model)), labels=np.array(labels),
                        attrs=text, matrix=matrix, transitions=transitions)
    return path


def _digest(model: Path) -> str:
    """The model's stamp; ``tables-2`` names the exported arrays' layout."""
    return "tables-2:" + hashlib.sha256(model.read_bytes()).hexdigest()


def _tables(model: Path) -> Tables:
    """Labels (by id), attributes (by row), state weights (attributes + 1 zero row for unknown
    ones, labels) and transition weights (labels, labels): from the exported arrays when they
    are the model's, else from the model itself."""
    path = tables_path(model)
    if path.exists():
        with np.load(path) as stored:
            if str(stored["digest"]) == _digest(model):
                attrs = stored["attrs"].tobytes().decode("utf-8")
                return (stored["labels"].tolist(), attrs.split("\n") if attrs else [],
                        stored["matrix"], stored["transitions"])
    return _tables_from_dump(model)


def _tables_from_dump(model: Path) -> Tables:
    labels, states, transitions = _weights(model)
    index = {label: i for i, label in enumerate(labels)}
    attrs = list(dict.fromkeys(attr for attr, _, _ in states))  # in the dump's order
    rows = {attr: i for i, attr in enumerate(attrs)}
    matrix = np.zeros((len(rows) + 1, len(labels)))  # the last row: unknown, all zero
    if states:
        named, labelled, weights = zip(*states, strict=True)
        matrix[[rows[a] for a in named], [index[b] for b in labelled]] = weights
    moves = np.zeros((len(labels), len(labels)))
    for a, b, weight in transitions:
        moves[index[a], index[b]] = weight
    return labels, attrs, matrix, moves


def _weights(model: Path) -> tuple[list[str], list[Weight], list[Weight]]:
    """The model's labels (by id), state weights and transition weights, from crfsuite's dump.

    python-crfsuite's ``Tagger.info()`` reads the same dump a regular expression per line, which
    took 0.6 s; one pass per section takes a third of that."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.txt"
        tagger.dump(str(path))
        text = path.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^([A-Z_]+) = \{\n(.*?)^\}", text, re.M | re.S))
    labels = [name for _, name in sorted((int(i), name) for i, name in
                                         _LABEL.findall(sections["LABELS"]))]

    def entries(name: str) -> list[Weight]:
        return [(a, b, float(w)) for a, b, w in _WEIGHT.findall(sections[name])]
    return labels, entries("STATE_FEATURES"), entries("TRANSITIONS")
