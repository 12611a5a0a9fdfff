"""The one Arabic normaliser.

Extraction, registry matching, collation and search all match on the form made here, so a
word spelled with or without hamza, diacritics, tatweel or Arabic-Indic digits is one word.
The text shown to readers is never passed through it. Its browser twin
(``templates/assets/js/arshif-normalize.js``) is tested against it on one table of cases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

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
_DELETED_RUN = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_DELETED)) + "]+")

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


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """``fold`` of one word or token, cached: tokens recur within a text and across an archive."""
    return fold(word)


#: A word: letters and digits (the browser twin uses /[\p{L}\p{N}]+/u, the same classes).
_WORD = re.compile(r"[^\W_]+")
#: An ه that ends a word.
_FINAL_HA = re.compile(r"ه(?![^\W_])")


def words(text: str) -> list[str]:
    """The folded words of ``text`` (punctuation, spaces and underscores separate them)."""
    return folded_words(fold(text))


def folded_words(folded: str) -> list[str]:
    """The words of a text already folded (:func:`fold`), without folding it again."""
    return _WORD.findall(folded)


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """``fold(text)`` and, for each of its characters, the index it came from in ``text``.

    Extractors match on the folded form and report spans of the text as written.
    """
    folded = fold(text)
    if len(folded) == len(text) and not _PRESENTATION.search(text):
        return folded, range(len(text))  # one for one: no list of a million indexes
    if not _PRESENTATION.search(text):
        # every other mapping is one character for one, so the kept characters line up
        kept: list[int] = []
        start = 0
        for run in _DELETED_RUN.finditer(text):
            kept.extend(range(start, run.start()))
            start = run.end()
        kept.extend(range(start, len(text)))
        return folded, kept
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        piece = fold(ch)
        out.append(piece)
        where.extend([i] * len(piece))
    return "".join(out), where


#: Proclitics carrying the article, longest first: و/ف + ب/ك/ل + ال, and لل (ل + ال).
ARTICLE_PREFIXES = ("وبال", "وكال", "ولل", "فبال", "فكال", "فلل", "وال", "فال", "بال", "كال",
                     "لل", "ال")
_SINGLE_PREFIXES = ("وف", "بلك")
#: The one-letter proclitics: the conjunctions و ف, the prepositions ب ل ك.
CLITIC_LETTERS = "".join(_SINGLE_PREFIXES)
_CLITIC_STARTS = frozenset(p[0] for p in ARTICLE_PREFIXES) | frozenset(CLITIC_LETTERS)
#: What must be left of a word after a prefix goes: short roots stay whole (وقال, كتاب).
MIN_STEM = 3
MIN_STEM_SINGLE = 4


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A folded word without its proclitics: ``والتحالف``, ``التحالف`` and ``تحالف`` -> ``تحالف``.

    Conservative on purpose: one article-bearing prefix, else a conjunction (و ف) and then a
    preposition (ب ك ل), each only when four letters remain, so ``وقال`` and ``كتاب`` stay whole
    and ``وبيروت`` meets ``بيروت`` at ``يروت``. Search
    indexes and queries both go through this one function (and its browser twin).
    """
    if word[:1] not in _CLITIC_STARTS:  # most words: nothing to strip
        return word
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM - (prefix == "لل"):
            return word[len(prefix):]
    for letters in _SINGLE_PREFIXES:  # a conjunction, then a preposition
        if word[:1] in letters and len(word) - 1 >= MIN_STEM_SINGLE:
            word = word[1:]
    return word


#: The first word of a name written both apart and joined, and what the second must begin with.
_JOINED = (("عبد", "ال"), ("ابو", ""))
_FIRSTS = tuple(first for first, _ in _JOINED)


def joined(folded: Sequence[str]) -> list[int]:
    """Where two folded words are one name, written both apart and joined: the indexes ``i`` of
    ``عبد`` before an ``ال`` word (``عبد الله``, ``عبدالله``; ``وعبد العزيز``) and of ``ابو``
    before a word (``أبو ظبي``, ``أبوظبي``; ``أبو الغيط``), clitics before them or not, but not
    ``معبد الحرم``. Names and search both take such a pair as one word,
    ``stem(folded[i] + folded[i + 1])``. Pairs never overlap: the second word neither begins nor
    ends with a first (``أبو عبد الله`` and ``أبو عبدالله`` are ``أبو`` and ``عبدالله``)."""
    out = []
    for i in [i for i, w in enumerate(folded[:-1]) if w.endswith(_FIRSTS)]:  # few in a text
        word, after = folded[i], folded[i + 1]
        for first, then in _JOINED:
            if (word.endswith(first) and after.startswith(then) and after.isalpha()
                    and not after.startswith(_FIRSTS) and not after.endswith(_FIRSTS)
                    and stem(word + after) == first + after):
                out.append(i)
    return out


def name_words(folded: Sequence[str]) -> list[tuple[int, int, str]]:
    """The words of ``folded`` as names are matched: (first, end) indexes and the stem, a pair
    :func:`joined` says is one name as one word."""
    out = [(i, i + 1, stem(w)) for i, w in enumerate(folded)]
    for i in reversed(joined(folded)):  # from the end: the indexes before stay valid
        out[i:i + 2] = [(i, i + 2, stem(folded[i] + folded[i + 1]))]
    return out


@dataclass(frozen=True)
class Folded:
    """A text with its matching form and words, made once for every extractor that reads it
    (dates, search terms, registry names): folding a text is not free at 10,000 articles."""

    text: str
    folded: str
    where: Sequence[int]  # for each folded character, its index in ``text``
    words: list[str]  # the folded words, in order

    @classmethod
    def of(cls, text: str | Folded) -> Folded:
        """``text`` folded (a text already folded is taken as it is)."""
        if isinstance(text, Folded):
            return text
        folded, where = fold_with_offsets(text)
        return cls(text, folded, where, _WORD.findall(folded))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``folded[start:end]`` is in the text as written, with the marks written after
        its last letter (``عاماً``, not ``عاما``: folding deleted them)."""
        after = self.where[end - 1] + 1
        marks = _DELETED_RUN.match(self.text, after)
        return self.where[start], marks.end() if marks else after

    def marbuta(self) -> list[bool]:
        """For each word, whether its last letter is written ة (folding made it ه). Only the
        words ending in ه are looked up in the text as written: the word-final ه found in
        the folded text are theirs, in order."""
        written = (_decompose_presentation(self.text[self.where[m.start()]]) == "ة"
                   for m in _FINAL_HA.finditer(self.folded))
        return [w[-1] == "ه" and next(written) for w in self.words]

    def spans(self) -> list[tuple[int, int, str]]:
        """Each word with the span it covers in the text as written (``words``, with places)."""
        return self._spans

    @cached_property
    def name_words(self) -> list[tuple[int, int, str]]:
        """:func:`name_words` of the words, made once for every registry that scans the text
        (the archive's, then the names the news knows)."""
        return name_words(self.words)

    @cached_property
    def _spans(self) -> list[tuple[int, int, str]]:
        """:meth:`spans`, made once for the registry's and the gazetteer's scans alike."""
        return [(*self.span(m.start(), m.end()), m.group()) for m in _WORD.finditer(self.folded)]
