"""Arabic spellings of a place's romanized GeoNames name (BGN/PCGN style, with its diacritics:
``Taymā’`` -> ``تيماء``, ``Ad Dawādimī`` -> ``الدوادمي``, ``Qal‘at Bīshah`` -> ``قلعة بيشة``).

GeoNames gives a third of the Saudi towns it lists no Arabic name. Short vowels are not written
and an initial vowel may be alef or ayn, so a name gives several candidates:
:func:`training.make_gazetteer.romanized` keeps the one the news writes, and only if it writes
it often. Training code: nothing at run time reads romanized names.
"""

from __future__ import annotations

import itertools
import re

_DIGRAPHS = {"kh": "خ", "sh": "ش", "th": "ث", "dh": "ذ", "gh": "غ"}
_LETTERS = {"b": "ب", "t": "ت", "ţ": "ط", "j": "ج", "ḩ": "ح", "ḥ": "ح", "d": "د", "ḑ": "ض",
            "r": "ر", "z": "ز", "ẓ": "ظ", "s": "س", "ş": "ص", "f": "ف", "q": "ق", "k": "ك",
            "l": "ل", "m": "م", "n": "ن", "h": "ه", "w": "و", "y": "ي", "‘": "ع", "’": "ء",
            "ā": "ا", "ī": "ي", "ū": "و", "á": "ى", "g": "ج"}
#: The article as BGN/PCGN writes it, assimilated to the letter after it (``Ad Dawādimī``).
_ARTICLES = frozenset("al ad ar as ash at ath az an adh aş aţ aḑ aẓ".split())
_SHORT_VOWELS = "aiueo"


def _word(word: str) -> list[str]:
    """One word's candidate spellings."""
    w = word.lower()
    letters: list[str] = []
    i = 0
    while i < len(w):
        if w[i:i + 2] in _DIGRAPHS:
            letters.append(_DIGRAPHS[w[i:i + 2]])
            i += 2
            continue
        if w[i] in _SHORT_VOWELS:
            if i == 0:
                letters.append("V")  # written as alef or ayn, below
        elif w[i] in _LETTERS and not (i > 0 and w[i - 1] == w[i]):  # a doubled letter: shadda
            letters.append(_LETTERS[w[i]])
        i += 1
    spelt = "".join(letters)
    # -ah, -at: taa marbuta (Turabah, Qal‘at), or a final ha or ta
    ends = [spelt[:-1] + "ة", spelt] if w.endswith(("ah", "at")) else [spelt]
    out: list[str] = []
    for end in ends:
        out += [first + end[1:] for first in "اعأإ"] if end.startswith("V") else [end]
    return out


def spellings(name: str) -> list[str]:
    """Every candidate Arabic spelling of a romanized place name."""
    parts = [p for p in re.split(r"[\s\-]+", name.strip()) if p]
    words: list[list[str]] = []
    i = 0
    while i < len(parts):
        if parts[i].lower() in _ARTICLES and i + 1 < len(parts):
            words.append(["ال" + w for w in _word(parts[i + 1])])
            i += 2
        else:
            words.append(_word(parts[i]))
            i += 1
    return [" ".join(combination) for combination in itertools.product(*words) if all(combination)]
