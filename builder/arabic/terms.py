"""Search terms of a text: what the index keys a word by, and what a query is looked up by.

Each word counts under its ``stem`` (the exact form, clitics off) and under keys of a class,
marked by their first character, that let a query find the word's other forms without taking
one word for another:

- ``=`` + the first spelling of a known variant (``builder/data/variants.tsv``: ديموقراطية and
  ديمقراطية, سورية and سوريا): a table of spellings, never a rule that drops letters;
- ``^`` + the word without a one-letter clitic the stem keeps on a short word (``بجدة`` under
  ``^جده``, ``وولي`` under ``^ولي``);
- ``+`` + the word without one plural or adjective suffix, where a long enough stem is left
  (``مواطنين`` under ``+مواطن``, ``اقتصادية`` under ``+اقتصاد``, never ``سورية`` under ``+سور``);
- ``?`` + the stem, in place of the stem, for a word whose final ه may be a pronoun rather
  than a ة written ه (``وخلافه``, "and the like of it"): written ه, without the article, which
  a noun carrying a pronoun never has. A query written with the article and ة (``الخلافة``)
  does not look these up; any other query does (``جدة`` finds ``جده``);

and each two adjacent words as ``first_second`` (phrases, and several words ranked higher where
they stand together). A key's shard follows its :func:`root` (the key without its mark; a pair's
first word), so one shard holds every key a query word looks up. The browser applies the same
rules to the query (``templates/assets/js/arshif-search.js``, tested as a twin); the variant
table reaches it in ``search/meta.json``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path

from builder.arabic.normalize import ARTICLE_PREFIXES, CLITIC_LETTERS, Folded, joined, stem

VARIANT, CLITIC, INFLECTED, OPEN, PAIR = "=", "^", "+", "?", "_"
VARIANTS_FILE = Path(__file__).resolve().parents[1] / "data" / "variants.tsv"
#: suffixes light stemming takes off, with the letters that must be left: plurals and duals from
#: four, the adjective ending (ية, ي) from five, so a name is not its adjective (سعود, سعودي)
INFLECTIONS = (("ات", 4), ("ون", 4), ("ين", 4), ("يه", 5), ("ي", 5))


@cache
def variants() -> dict[str, str]:
    """Each spelling in the variant table -> the first spelling of its line."""
    table: dict[str, str] = {}
    for line in VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            first, *others = line.split("\t")
            for spelling in (first, *others):
                table[spelling] = first
    return table


def without_clitic(word_stem: str) -> str | None:
    """A short word without the one-letter clitic :func:`stem` leaves on it (``بجده`` -> ``جده``),
    else None."""
    if word_stem[:1] and word_stem[0] in CLITIC_LETTERS and len(word_stem) >= 4:
        return word_stem[1:]
    return None


def inflection_base(word_stem: str) -> str | None:
    """The word without one plural or adjective suffix (``مواطنين`` -> ``مواطن``), else None."""
    for suffix, least in INFLECTIONS:
        if word_stem.endswith(suffix) and len(word_stem) - len(suffix) >= least:
            return word_stem[: -len(suffix)]
    return None


def open_ending(word: str, word_stem: str, marbuta: bool) -> bool:
    """Whether the folded ``word`` (its stem ``word_stem``) ends in a ه that may be a pronoun:
    written ه, not ة (``marbuta``), and no article before it."""
    return word_stem.endswith("ه") and not marbuta and \
        word[: len(word) - len(word_stem)] not in ARTICLE_PREFIXES


def word_keys(word_stem: str, open_ha: bool = False) -> Iterator[str]:
    """The keys one word is filed under: its stem (marked when its final ه is open, see
    :func:`open_ending`), and its variant, clitic and inflection keys."""
    yield OPEN + word_stem if open_ha else word_stem
    canonical = variants().get(word_stem)
    if canonical is not None:
        yield VARIANT + canonical
    bare = without_clitic(word_stem)
    if bare is not None:
        yield CLITIC + bare
    base = inflection_base(word_stem)
    if base is not None:
        yield INFLECTED + base


def root(key: str) -> str:
    """What a key's shard is chosen by: the word it is about."""
    if key[:1] in (VARIANT, CLITIC, INFLECTED, OPEN):
        return key[1:]
    return key.split(PAIR, 1)[0] if PAIR in key else key


def keys(text: str | Folded) -> Counter[str]:
    """Index keys of a text with their counts (:func:`word_keys` of each word, and each pair of
    adjacent words); a name written apart (``عبد الله``) counts under its words and as the one
    word it is written joined (``عبدالله``), which is what a query of either spelling looks up."""
    found: Counter[str] = Counter()
    folded = Folded.of(text)
    ws = folded.words
    stems = [stem(w) for w in ws]
    opens = [open_ending(w, s, m) for w, s, m in zip(ws, stems, folded.marbuta(), strict=True)]
    for i in joined(ws):
        found[stem(ws[i] + ws[i + 1])] += 1
    for (word_stem, open_ha), n in Counter(zip(stems, opens, strict=True)).items():
        for key in word_keys(word_stem, open_ha):
            found[key] += n
    for first, second in pairwise(stems):
        found[first + PAIR + second] += 1
        bare = without_clitic(first)
        if bare is not None:  # a phrase may have a clitic on its first word (وولي العهد)
            found[bare + PAIR + second] += 1
    return found


def pack(found: Counter[str]) -> str:
    """Keys and counts as one string, ``key count key count …`` (a key is one word: it holds
    no space). Cached and loaded for thousands of articles at every build, it has no character
    JSON escapes, so it loads as fast as a string can; it is read back (:func:`unpack`) only
    for the index segments that change."""
    return " ".join(f"{k} {n}" for k, n in found.items())


def unpack(packed: str) -> Iterator[tuple[str, int]]:
    """The keys and counts of a :func:`pack`ed string."""
    parts = packed.split(" ") if packed else []
    return ((parts[i], int(parts[i + 1])) for i in range(0, len(parts), 2))
