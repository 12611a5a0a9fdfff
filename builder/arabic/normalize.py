"""The one Arabic normaliser.

Extraction, registry matching, collation and search all match on the form made here, so a
word spelled with or without hamza, diacritics, tatweel or Arabic-Indic digits is one word.
The text shown to readers is never passed through it. Its browser twin
(``templates/assets/js/arshif-normalize.js``) is tested against it on one table of cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Diacritics (tashkeel), Quranic marks and the superscript alef: removed for matching.
_MARKS = (
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
_TATWEEL = "\u0640"
#: Zero-width and direction controls: invisible, so they must not split or change a word.
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff",
              "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
              "\u2066", "\u2067", "\u2068", "\u2069"]

_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك",
}
_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
_SEPARATORS = {"،": " ", "؛": " ", "؟": " ", "٪": "%", "٫": ".", "٬": ","}

_TABLE: dict[int, str | None] = {ord(c): None for c in [*_MARKS, _TATWEEL, *_INVISIBLE]}
_TABLE.update({ord(k): v for k, v in (_LETTERS | _DIGITS | _SEPARATORS).items()})
_TABLE.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_DELETED = frozenset(chr(c) for c, v in _TABLE.items() if v is None)

#: Arabic presentation forms (old PDFs, legacy encoders) decompose to plain letters first.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def _decompose_presentation(text: str) -> str:
    import unicodedata

    return _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def fold(text: str) -> str:
    """The matching form of ``text``: no marks or tatweel, one alef, ي for ى, ه for ة, 0-9."""
    if _PRESENTATION.search(text):
        text = _decompose_presentation(text)
    return text.translate(_TABLE)


_WORD = re.compile(r"[\w\u0600-\u06ff]+")


def words(text: str) -> Iterator[str]:
    """The folded words of ``text`` (punctuation and spaces separate them)."""
    for m in _WORD.finditer(fold(text)):
        yield m.group()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``fold(text)`` and, for each of its characters, the index it came from in ``text``.

    Extractors match on the folded form and report spans of the text as written.
    """
    folded = fold(text)
    if len(folded) == len(text) and not _PRESENTATION.search(text):
        return folded, list(range(len(text)))
    if not _PRESENTATION.search(text):
        # every other mapping is one character for one, so the kept characters line up
        return folded, [i for i, ch in enumerate(text) if ch not in _DELETED]
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        piece = fold(ch)
        out.append(piece)
        where.extend([i] * len(piece))
    return "".join(out), where
