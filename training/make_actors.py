"""Build ``builder/data/actors.tsv``: people and organisations the recogniser finds again and again
in unlabeled news, which an archive may link before anyone reviews them.

An archive of a few dozen articles meets most names once, and a name met once is linked only
after a cue (a title, a kind of body); the news at large names the same people and bodies again
and again. The recogniser (the shipped models) reads every distinct article of SaudiNewsNet
(31,030 Saudi news articles, 2015, less exact copies and less the articles of the real-news
dev set, ``bench/realnews/``, so that its figures stay honest) and counts each name by its
matching key (``registry.key``) and its type. A name is kept when it is met in at least
``MIN_ARTICLES`` articles, the recogniser gives one type (person or organisation) to at least
``SHARE`` of its mentions (places counted), it is written in Arabic letters (not
``vote_id``, a page's code) and of two words or more (a person's full name,
not a first name or a surname alone; one word is too often also a common word, a month or a
piece of a longer name: ``السنة``, ``نيسان``, ``يونايتد``), it is worth a review (no month, no
formula: ``Proposal.worth_review``), it does not begin with a title (``الملك فيصل``, mostly of
a hospital's or a university's name) and the gazetteer does not know it as a place. Articles
from SaudiNewsNet that an archive holds may be among the ones read here: on that corpus the
list is kinder than on news of other years and sources.
Run: ``python -m training.make_actors`` (``make gazetteer``; about 10 minutes on two cores).
Output columns: name (as most often written), type, articles. CC BY-NC-SA 4.0 (SaudiNewsNet).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

from builder.arabic.normalize import fold
from builder.extract.cues import HONORIFICS
from builder.extract.entities import Proposal, _name_form
from builder.ner.recognizer import Recognizer
from builder.ner.resources import places
from builder.registry import key, stems_of
from builder.writer import write_atomic
from training.make_clusters import articles

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "builder" / "data" / "actors.tsv"
DEV = ROOT / "bench" / "realnews" / "articles.jsonl"
MIN_ARTICLES = 5
SHARE = 0.8
BATCH = 64

_recognizer: Recognizer | None = None


def _names(texts: list[str]) -> list[list[tuple[str, str, str]]]:
    """(key, name, type) of each mention in each text."""
    global _recognizer
    _recognizer = _recognizer or Recognizer()
    return [[(k, name, m.type) for m in found if (k := key(name := _name_form(m.text)))]
            for found in _recognizer.find_many(texts)]


def distinct_articles() -> Iterator[str]:
    """Every article's text once, less the dev set's."""
    dev = {(row.get("title") or "") + "\n" + (row.get("content") or "")
           for row in map(json.loads, DEV.read_text(encoding="utf-8").splitlines())}
    seen: set[bytes] = set()
    for text in articles():
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        if text not in dev and digest not in seen:
            seen.add(digest)
            yield text


def main() -> None:
    texts = list(distinct_articles())
    batches = [texts[i:i + BATCH] for i in range(0, len(texts), BATCH)]
    in_articles: dict[str, int] = Counter()
    types: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, Counter[str]] = defaultdict(Counter)
    with Pool(2) as pool:
        for n, result in enumerate(pool.imap(_names, batches)):
            for names in result:
                for k in {k for k, _, _ in names}:
                    in_articles[k] += 1
                for k, name, kind in names:
                    types[k][kind] += 1
                    written[k][name] += 1
            if n % 50 == 0:
                print(f"{(n + 1) * BATCH} of {len(texts)}", file=sys.stderr)
    rows = []
    for k, count in in_articles.items():
        kind, share = types[k].most_common(1)[0]
        if kind == "LOC" or count < MIN_ARTICLES or share < SHARE * sum(types[k].values()):
            continue
        name = written[k].most_common(1)[0][0]
        if " " not in k or not all("\u0621" <= ch <= "\u064a" or ch == " " for ch in name) \
                or not Proposal(name, kind).worth_review or places().get(stems_of(name)) \
                or fold(name.split()[0]) in HONORIFICS:  # الملك فيصل of a hospital's name
            continue
        rows.append((-count, name, kind))
    lines = [f"{name}\t{kind}\t{-count}" for count, name, kind in sorted(rows)]
    write_atomic(OUT, ("\n".join(lines) + "\n").encode("utf-8"))
    print(f"{len(lines)} names from {len(texts)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
