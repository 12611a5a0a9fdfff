"""Build ``builder/data/organisations.tsv``: Arabic names of organisations, a gazetteer of ORG.

Clubs are the organisations news names most often without a trigger word (``فاز بنفيكا``), and
many are named after their cities, so neither the context nor the place gazetteer tells them;
the recogniser missed a third of the club mentions in the tuning part of ANERcorp train. The names
are the Arabic Wikipedia titles of 2,162 clubs as gathered by the ``arwikicats`` package (MIT;
``ArWikiCats/jsons/sports/Clubs_key.json``), cut to the name a text uses: no ``نادي`` before, no
sport after (``نادي كايزرسلاوترن لكرة القدم`` → ``كايزرسلاوترن``), no note in brackets.
A one-word name that is also a common word is left out, as a feature would mark the word
everywhere: one among the unlabeled news' most used (``كان``, ``التعاون``), or with ال and not
rare (``الشعب``, ``الطلبة``: a club named for a virtue or a people is named by a noun).
To these go the names in ``organisations.txt`` beside it, written for this project: bodies,
parties, news media, companies and clubs that the news names bare (``الليكود``, ``رويترز``),
each chosen not to be a common word; and names harvested from the unlabeled news (SaudiNewsNet,
as for the word vectors): what follows a word that introduces an organisation (``صحيفة``,
``شركة``, ``حزب``…) at least ``HARVEST_MIN`` times, where that is at least ``HARVEST_SHARE`` of
all the times its first word is written (``هآرتس``, ``سامسونج``, ``طالبان``; not ``عمل`` of
``فريق عمل``), taking the next word too while most of its mentions go on with it
(``فايننشال تايمز``) unless it is a common word. The same common-word test applies to both.
Last, a name is left out where the training part of ANERcorp train (not the parts that score
the models) tags its words otherwise more often than ORG: ``نيسان`` is also April, ``بورشه``
matches ``بورشة`` (ب + workshop) by its stems, and ANERcorp leaves armies and councils
(``الجيش الإسرائيلي``, ``مجلس الوزراء``) untagged; a feature that says ORG there teaches the
models to trust it less.
Run: ``python -m training.make_organisations`` (``make gazetteer``). Output columns: name,
its stems as the recogniser matches them (as ``gazetteer.tsv``'s seventh column).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from builder.arabic.normalize import CLITIC_LETTERS
from builder.ner.features import normal
from builder.ner.vocabulary import Vocabulary
from training.make_clusters import articles
from training.make_gazetteer import ARABIC_NAME, STEMS, name_stems
from training.train import anercorp_parts

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "builder" / "data" / "organisations.tsv"
CHOSEN = ROOT / "builder" / "data" / "organisations.txt"
#: a one-word name whose stem is among this many most used ones is a common word too; with ال
COMMON, COMMON_DEFINITE = 2000, 5000
_BRACKETS = re.compile(r"\s*\([^)]*\)")
_CLUB = re.compile(r"^(?:نادي|فريق)\s+")
_SPORT = re.compile(r"\s+(?:لكرة|للكرة|لل)\S*.*$")
#: words after which the news writes an organisation's name, alone or behind a clitic (وشركة)
INTRODUCERS = frozenset("صحيفة جريدة مجلة قناة وكالة نادي شركة بنك مصرف حزب حركة جبهة جماعة".split())
HARVEST_MIN, HARVEST_SHARE = 5, 0.3
#: the next word is part of the name while at least this share of its mentions go on with it
GOES_ON = 0.6
_QUOTES = frozenset('"«»“”\'')


def club_name(title: str) -> str:
    """The name a text calls a club by, from its Wikipedia title."""
    name = _SPORT.sub("", _BRACKETS.sub("", title)).strip()
    return _CLUB.sub("", name).strip()


def chosen_names() -> list[str]:
    """The names of ``organisations.txt``: a name a line, ``#`` lines are comments."""
    lines = CHOSEN.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def harvested_names(texts: Iterable[str], vocabulary: Vocabulary) -> list[str]:
    """Names the unlabeled news writes after a word in ``INTRODUCERS``, often and in a good share
    of their mentions; a common word never goes on a name (``الجارديان البريطانية``)."""
    from builder.ner.recognizer import sentence_tokens

    total: Counter[str] = Counter()
    after: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        for tokens in sentence_tokens(text):
            total.update(tokens)
            for i, token in enumerate(tokens[:-1]):
                if token in INTRODUCERS or (token[1:] in INTRODUCERS and token[0] in CLITIC_LETTERS):
                    j = i + 1 + (tokens[i + 1] in _QUOTES)
                    run: list[str] = []
                    for word in tokens[j:j + 3]:
                        if not word.isalpha():
                            break
                        run.append(word)
                        after[tuple(run)] += 1
    best_next: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words in after:
        head = words[:-1]
        if head and after[words] > after[best_next.get(head, ())]:
            best_next[head] = words
    names = []
    for first in sorted(w for (w, *rest) in after if not rest):
        name: tuple[str, ...] = (first,)
        if after[name] < HARVEST_MIN or after[name] < HARVEST_SHARE * total[first]:
            continue
        while (name in best_next and after[best_next[name]] >= GOES_ON * after[name]
               and not is_common(best_next[name][-1], name_stems(best_next[name][-1]), vocabulary)):
            name = best_next[name]
        names.append(" ".join(name))
    return names


def is_common(name: str, stems: str, vocabulary: Vocabulary) -> bool:
    """A one-word name that is also a common word (see the module's docstring)."""
    return " " not in stems and vocabulary.find([stems], 1 << 30)[0] < (
        COMMON_DEFINITE if name.startswith("ال") else COMMON)


def add_names(rows: dict[str, str], names: Iterable[str], vocabulary: Vocabulary) -> None:
    """Each Arabic name that is not a common word too, under its stems (a stem's first
    spelling stays)."""
    for name in names:
        stems = name_stems(name)
        if ARABIC_NAME.match(name) and stems and not is_common(name, stems, vocabulary):
            rows.setdefault(stems, name)


def tagged_otherwise(names: set[str]) -> set[str]:
    """Of these stems, the names that ANERcorp train's training part tags as
    something other than ORG more often than as ORG, by the tag of their first word."""
    starts: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        words = tuple(name.split())
        starts.setdefault(words[0], []).append(words)
    org: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for tokens, tags in anercorp_parts().train:
        found = [normal(t)[1] for t in tokens]
        for i, s in enumerate(found):
            for words in starts.get(s, ()):
                if tuple(found[i:i + len(words)]) == words:
                    (org if tags[i] == "B-ORG" else other)[" ".join(words)] += 1
    return {name for name in other if other[name] > org[name]}


def main() -> None:
    spec = importlib.util.find_spec("ArWikiCats")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("needs the arwikicats package (pip install -e '.[model]')")
    source = Path(spec.submodule_search_locations[0]) / "jsons" / "sports" / "Clubs_key.json"
    titles = json.loads(source.read_text(encoding="utf-8")).values()
    vocabulary = Vocabulary.load(STEMS)
    rows: dict[str, str] = {}
    add_names(rows, sorted({club_name(t) for t in titles if t}), vocabulary)
    for name in chosen_names():
        rows.setdefault(name_stems(name), name)
    add_names(rows, harvested_names(articles(), vocabulary), vocabulary)
    for stems in tagged_otherwise(set(rows)):
        del rows[stems]
    OUT.write_text("# Arabic names of organisations: sports clubs (Wikipedia titles via the arwikicats "
                   "package, MIT), builder/data/organisations.txt and names the SaudiNewsNet corpus "
                   "(CC BY-NC-SA 4.0) writes after صحيفة, شركة, حزب and the like. "
                   "Made by training/make_organisations.py.\n"
                   + "".join(f"{name}\t{stems}\n" for stems, name in sorted(rows.items())),
                   encoding="utf-8")
    print(f"{len(rows)} names -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
