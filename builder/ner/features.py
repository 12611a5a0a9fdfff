"""Token features for the CRF: Arabic morphology, context, clusters, gazetteers and triggers.

Shared by training and tagging, so the model always sees features made the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

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
    #: word -> its dense vector as ready-made features {"v0": x, …}
    vectors: dict[str, dict[str, float]] = field(default_factory=dict)
    #: folded stems of a name's first word -> list of (name as stems, type)
    names: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)


def normal(token: str) -> tuple[str, str]:
    """A token's folded form (outer punctuation off) and its stem."""
    w = fold(token).strip(_PUNCT) or fold(token)
    return w, stem(w)


def _shape(token: str) -> str:
    if token.isdigit():
        return "digit"
    if any("a" <= ch.lower() <= "z" for ch in token):
        return "latin"
    if all(ch in _PUNCT for ch in token):
        return "punct"
    return "arabic"


def gazetteer_tags(stems: Sequence[str], res: Resources) -> list[str]:
    """B-/I- tags of the longest gazetteer names found in a stem sequence."""
    tags = ["O"] * len(stems)
    i = 0
    while i < len(stems):
        best: tuple[int, str] | None = None
        for name, kind in res.names.get(stems[i], []):
            n = len(name)
            if tuple(stems[i:i + n]) == name and (best is None or n > best[0]):
                best = (n, kind)
        if best:
            tags[i] = "B-" + best[1]
            for k in range(i + 1, i + best[0]):
                tags[k] = "I-" + best[1]
            i += best[0]
        else:
            i += 1
    return tags


_STATIC: dict[tuple[int, str], tuple[str, str, str, dict[str, float | str]]] = {}


def _static(token: str, res: Resources) -> tuple[str, str, str, dict[str, float | str]]:
    """What a token's features owe to the token alone: made once per token and cached."""
    cached = _STATIC.get((id(res), token))
    if cached is not None:
        return cached
    w, s = normal(token)
    c = res.clusters.get(s) or res.clusters.get(w) or ""
    f: dict[str, float | str] = {
        "b": 1.0, "w": w, "s": s, "p2": s[:2], "p3": s[:3], "x2": s[-2:], "x3": s[-3:],
        "xw1": w[-1:], "pre": w[: len(w) - len(s)], "shape": _shape(w),
        "al": 1.0 if w[: len(w) - len(s)].endswith(("ال", "لل")) else 0.0,
        "len": min(len(s), 8), "c4": c[:4], "c8": c[:8], "c12": c[:12],
    }
    f.update(res.vectors.get(s) or res.vectors.get(w) or {})
    if token[:1] in "«\"“(":
        f["open"] = 1.0
    for name, triggers in (("isORGtrig", _ORG), ("isLOCtrig", _LOC), ("isPERtrig", _PER)):
        if s in triggers:
            f[name] = 1.0
    if len(_STATIC) > 300_000:
        _STATIC.clear()
    _STATIC[(id(res), token)] = entry = (w, s, c, f)
    return entry


def sentence_features(tokens: Sequence[str], res: Resources) -> list[dict[str, float | str]]:
    """One feature dict per token (the format python-crfsuite takes)."""
    static = [_static(t, res) for t in tokens]
    words = [x[0] for x in static]
    stems = [x[1] for x in static]
    clusters = [x[2] for x in static]
    gaz = gazetteer_tags(stems, res)
    out: list[dict[str, float | str]] = []
    n = len(tokens)
    for i in range(n):
        w = words[i]
        f = dict(static[i][3])
        f["gaz"] = gaz[i]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f[f"{d}w"] = words[j]
                f[f"{d}s"] = stems[j]
                f[f"{d}c8"] = clusters[j][:8]
                f[f"{d}gaz"] = gaz[j]
            else:
                f[f"{d}w"] = "<s>" if j < 0 else "</s>"
        if i > 0:
            prev = (words[i - 1], stems[i - 1])
            f["-1w|w"] = words[i - 1] + "|" + w
            f["trigPER"] = 1.0 if prev[0] in _PER or prev[1] in _PER else 0.0
            f["trigLOC"] = 1.0 if prev[0] in _LOC or prev[1] in _LOC else 0.0
            f["trigORG"] = 1.0 if prev[0] in _ORG or prev[1] in _ORG else 0.0
        if i + 1 < n:
            f["w|+1w"] = w + "|" + words[i + 1]
        out.append(f)
    return out
