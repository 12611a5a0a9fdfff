"""Token features for the CRF: Arabic morphology, context, clusters, gazetteers and triggers.

Shared by training and tagging, so the model always sees features made the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from builder.arabic.normalize import fold, stem

#: Words before a name that say what it is (folded spellings are made below).
PER_TRIGGERS = """الرئيس رئيس الملك الامير الأمير الشيخ السيد السيدة الدكتور د. المهندس اللواء العميد
العقيد الجنرال المشير الوزير وزير وزيرة نائب المتحدث الناطق القائد قائد المبعوث مبعوث السفير
سفير الزعيم زعيم الرئيسة رئيسة المدير مدير الامين الأمين أمين المستشار مستشار النائب الملكة
البابا الاب الأب المطران الإمام الامام القاضي المحامي الكاتب الصحفي الفنان اللاعب المدرب
قال وقال أكد واكد وأكد أوضح واوضح وأوضح أضاف واضاف وأضاف أعلن واعلن وأعلن صرح وصرح ذكر وذكر
السلطان ولي العهد المرشد آية الله حجة الجنرال المقدم الرائد النقيب الملازم""".split()
LOC_TRIGGERS = """مدينة مدينه بلدة بلده قرية قريه محافظة محافظه منطقة منطقه ولاية ولايه إقليم اقليم
عاصمة عاصمه حي مخيم نهر جبل جزيرة جزيره بحر دولة دوله ريف شمال جنوب شرق غرب وسط مطار ميناء
سهل وادي صحراء بادية باديه حقل معبر ضواحي مدن قرى""".split()
ORG_TRIGGERS = """حزب منظمة منظمه شركة شركه وزارة وزاره هيئة هيئه جمعية جمعيه مجلس جامعة جامعه
بنك مصرف وكالة وكاله اتحاد جبهة جبهه حركة حركه تنظيم قوات جيش لجنة لجنه صندوق مؤسسة مؤسسه
مركز المرصد مرصد نادي نادى محكمة محكمه البرلمان برلمان الحكومة حكومة تحالف التحالف ميليشيا
ميليشيات مليشيا مليشيات كتائب فصيل فصائل""".split()
_PER = {stem(fold(w)) for w in PER_TRIGGERS} | {fold(w) for w in PER_TRIGGERS}
_LOC = {stem(fold(w)) for w in LOC_TRIGGERS} | {fold(w) for w in LOC_TRIGGERS}
_ORG = {stem(fold(w)) for w in ORG_TRIGGERS} | {fold(w) for w in ORG_TRIGGERS}
_PUNCT = "()[]{}«»\"'“”‘’.,،:؛;!?؟-–—/\\"


@dataclass
class Resources:
    """What features look up: word clusters and the gazetteer's name sequences."""

    clusters: dict[str, str] = field(default_factory=dict)
    #: word -> its row in ``vector_matrix`` (dense features v0, v1, …)
    vectors: dict[str, int] = field(default_factory=dict)
    vector_matrix: Any = None
    #: folded stems of a name's first word -> list of (name as stems, type)
    names: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)


def form(token: str) -> str:
    """A token's folded form, outer punctuation off."""
    folded = fold(token)
    return folded.strip(_PUNCT) or folded


@lru_cache(maxsize=200_000)
def normal(token: str) -> tuple[str, str]:
    """A token's folded form (outer punctuation off) and its stem; kept, as both taggers ask."""
    w = form(token)
    return w, stem(w)


#: Characters whose lower case is a Latin letter a-z.
_LATIN = re.compile("[a-zA-Z\u0130\u212a]")


@lru_cache(maxsize=200_000)
def _shape(token: str) -> str:
    """digit, latin, punct or arabic (kept: both taggers ask)."""
    if token.isdigit():
        return "digit"
    if _LATIN.search(token):
        return "latin"
    if not token.strip(_PUNCT):
        return "punct"
    return "arabic"


def gazetteer_tags(stems: Sequence[str], res: Resources) -> list[str]:
    """B-/I- tags of the longest gazetteer names found in a stem sequence."""
    tags = ["O"] * len(stems)
    names = res.names
    free = 0  # where the next name may start: found names do not overlap
    for i in [i for i, s in enumerate(stems) if s in names]:  # most words start no name
        if i < free:
            continue
        best: tuple[int, str] | None = None
        for name, kind in names[stems[i]]:
            n = len(name)
            if tuple(stems[i:i + n]) == name and (best is None or n > best[0]):
                best = (n, kind)
        if best:
            tags[i] = "B-" + best[1]
            for k in range(i + 1, i + best[0]):
                tags[k] = "I-" + best[1]
            free = i + best[0]
    return tags


Attrs = dict[str, float]
#: The neighbours a token's features look at.
OFFSETS = (-2, -1, 1, 2)
#: Attribute families named by the token's form (``w:بيروت``, ``-1w:بيروت``) and by its stem,
#: one per slot: the token itself, then each offset in OFFSETS. The tagger looks their weights
#: up by the form or the stem itself, without making the attribute strings.
FORM_FAMILIES = ("w", *(f"{d}w" for d in OFFSETS))
STEM_FAMILIES = ("s", *(f"{d}s" for d in OFFSETS))
_TOKEN_CACHE: dict[tuple[int, str], tuple[str, str, str, Attrs]] = {}
_TRIGGER_SETS = (("isORGtrig", _ORG), ("isLOCtrig", _LOC), ("isPERtrig", _PER))
_NEIGHBOUR_TRIGGERS = (("trigPER", _PER), ("trigLOC", _LOC), ("trigORG", _ORG))
_ANY_TRIGGER = _PER | _LOC | _ORG
_BEFORE = OFFSETS.index(-1)  # the group of the token that follows this one


def cluster_of(w: str, s: str, res: Resources) -> str:
    """The word cluster (a bit string) of a token, by its stem, else its form; "" for none."""
    return res.clusters.get(s) or res.clusters.get(w) or ""


# A token's attributes come in three parts, by what they depend on: the token as written, its
# stem alone, its cluster alone. Training joins them (token_attrs); the tagger scores the stem
# and cluster parts once per stem and cluster, shared by every token that has them.

def word_attrs(token: str, w: str, s: str) -> list[str]:
    """The attributes of the token's own form (``w``: folded, ``s``: its stem)."""
    return [f"{FORM_FAMILIES[0]}:{w}", *shape_attrs(shape_key(token, w, s))]


class ShapeKey(NamedTuple):
    """What a token's attributes but its form, stem, affixes and cluster depend on."""

    last: str  # its last letter
    prefix: str  # its clitic prefix
    shape: str
    opens: bool  # an opening quote or bracket before it
    neighbour_triggers: tuple[str, ...]  # :func:`neighbour_triggers`
    stem_triggers: tuple[str, ...]  # the trigger lists its stem is in


def shape_key(token: str, w: str, s: str) -> ShapeKey:
    """A few thousand tokens share a few hundred keys, so both taggers score each key once."""
    return ShapeKey(w[-1:], w[: len(w) - len(s)], _shape(w), token[:1] in "«\"“(",
                    tuple(neighbour_triggers(w, s)), tuple(stem_triggers(s)))


#: Every shape key met in this process, numbered by :func:`shape_of`.
SHAPES: list[ShapeKey] = []
_SHAPE_NUMBERS: dict[ShapeKey, int] = {}


@lru_cache(maxsize=200_000)
def shape_of(token: str) -> int:
    """The number of the token's :func:`shape_key` in ``SHAPES``, kept: both taggers key tables
    by it, and a number hashes at no cost where a tuple of strings is hashed anew at every
    look-up."""
    key = shape_key(token, *normal(token))
    number = _SHAPE_NUMBERS.setdefault(key, len(SHAPES))
    if number == len(SHAPES):
        SHAPES.append(key)
    return number


def shape_attrs(key: ShapeKey) -> list[str]:
    """The form's attributes but itself (last letter, clitic prefix, shape, quotes), and the
    stem's trigger lists."""
    out = ["b", f"xw1:{key.last}", f"pre:{key.prefix}", f"shape:{key.shape}"]
    if key.prefix.endswith(("ال", "لل")):
        out.append("al")
    if key.opens:
        out.append("open")
    return out + list(key.stem_triggers)


def stem_attrs(s: str) -> list[str]:
    """The attributes of the stem alone: itself, its affixes and its length (its trigger lists
    are in the shape key)."""
    return [f"{STEM_FAMILIES[0]}:{s}", *affix_attrs(s)]


def affix_attrs(s: str) -> list[str]:
    """The stem's first and last two and three letters, and its length (always five)."""
    return [f"p2:{s[:2]}", f"p3:{s[:3]}", f"x2:{s[-2:]}", f"x3:{s[-3:]}", f"len:{min(len(s), 8)}"]


def stem_triggers(s: str) -> list[str]:
    """The trigger lists the stem is in (``isPERtrig`` for ``رئيس``)."""
    return [name for name, triggers in _TRIGGER_SETS if s in triggers]


def cluster_attrs(c: str) -> list[str]:
    """The attributes of the word cluster: its prefixes of 4, 8 and 12 bits."""
    return [f"c4:{c[:4]}", f"c8:{c[:8]}", f"c12:{c[:12]}"]


def token_attrs(token: str, res: Resources) -> tuple[str, str, str, Attrs]:
    """The token's folded form, stem, cluster, and the attributes it owes to itself alone.

    Attributes are crfsuite's ``name:value`` strings with their weights (all 1); made once per
    token and cached.
    """
    cached = _TOKEN_CACHE.get((id(res), token))
    if cached is not None:
        return cached
    w, s = normal(token)
    c = cluster_of(w, s, res)
    f = dict.fromkeys([*word_attrs(token, w, s), *stem_attrs(s), *cluster_attrs(c)], 1.0)
    if len(_TOKEN_CACHE) > 300_000:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[(id(res), token)] = entry = (w, s, c, f)
    return entry


def vector_row(w: str, s: str, res: Resources) -> int | None:
    """The row of the token's dense vector (by stem, else by form), None when it has none."""
    row = res.vectors.get(s)
    return res.vectors.get(w) if row is None else row


def vector_attrs(row: int | None, res: Resources) -> Attrs:
    """The dense features ``v0``… of a vector row (none for a word without a vector)."""
    if row is None:
        return {}
    return {f"v{k}": float(x) for k, x in enumerate(res.vector_matrix[row])}


def neighbour_word_attrs(w: str, s: str) -> list[list[str]]:
    """What the token's form gives the features of the token at each offset in ``OFFSETS``
    from it (-2 and -1: it follows them; 1 and 2: it precedes them)."""
    groups = [[f"{name}:{w}"] for name in FORM_FAMILIES[1:]]
    groups[_BEFORE] += neighbour_triggers(w, s)
    return groups


def neighbour_triggers(w: str, s: str) -> list[str]:
    """What a trigger word (``الرئيس``, ``مدينة``) says of the token after it."""
    if w in _ANY_TRIGGER or s in _ANY_TRIGGER:
        return [name for name, triggers in _NEIGHBOUR_TRIGGERS if w in triggers or s in triggers]
    return []


def neighbour_stem_attrs(d: int, s: str) -> list[str]:
    return [f"{STEM_FAMILIES[1 + OFFSETS.index(d)]}:{s}"]


def neighbour_cluster_attrs(d: int, c: str) -> list[str]:
    return [f"{d}c8:{c[:8]}"]


# The shape key's and the cluster's parts as groups, for the tagger: the token's own attributes,
# then what it gives the token at each offset in OFFSETS. The tagger scores each key once; it
# looks the form and stem families and the affixes up by value.

def word_groups(key: ShapeKey) -> list[list[str]]:
    groups: list[list[str]] = [shape_attrs(key), *([] for _ in OFFSETS)]
    groups[1 + _BEFORE] = list(key.neighbour_triggers)
    return groups


def cluster_groups(c: str) -> list[list[str]]:
    return [cluster_attrs(c), *(neighbour_cluster_attrs(d, c) for d in OFFSETS)]


def neighbour_attrs(d: int, w: str, s: str, c: str) -> Attrs:
    """What the token at offset ``d`` (±1, ±2) contributes to another token's features."""
    return dict.fromkeys([*neighbour_word_attrs(w, s)[OFFSETS.index(d)],
                          *neighbour_stem_attrs(d, s), *neighbour_cluster_attrs(d, c)], 1.0)


def edge_attrs(d: int) -> Attrs:
    """An offset that falls before the sentence start or after its end."""
    return {f"{d}w:{'<s>' if d < 0 else '</s>'}": 1.0}


def gaz_attr(d: int, tag: str) -> str:
    return f"gaz:{tag}" if d == 0 else f"{d}gaz:{tag}"


def pair_attrs(words: Sequence[str], i: int) -> Attrs:
    """Word bigrams with the previous and the next word."""
    f: Attrs = {}
    if i > 0:
        f[f"-1w|w:{words[i - 1]}|{words[i]}"] = 1.0
    if i + 1 < len(words):
        f[f"w|+1w:{words[i]}|{words[i + 1]}"] = 1.0
    return f



def sentence_features(tokens: Sequence[str], res: Resources) -> list[Attrs]:
    """One attribute dict per token: what training uses, and the reference for fast tagging."""
    static = [token_attrs(t, res) for t in tokens]
    words = [x[0] for x in static]
    gaz = gazetteer_tags([x[1] for x in static], res)
    out: list[Attrs] = []
    n = len(tokens)
    for i in range(n):
        f = dict(static[i][3])
        f.update(vector_attrs(vector_row(static[i][0], static[i][1], res), res))
        f[gaz_attr(0, gaz[i])] = 1.0
        for d in OFFSETS:
            j = i + d
            if 0 <= j < n:
                f.update(neighbour_attrs(d, *static[j][:3]))
                f[gaz_attr(d, gaz[j])] = 1.0
            else:
                f.update(edge_attrs(d))
        f.update(pair_attrs(words, i))
        out.append(f)
    return out
