"""Build ``builder/data/place_words.tsv``: place names of the gazetteer that the news mostly
writes as common words (``مالي``, financial, before Mali; ``العاصمة``, the capital, before
Bahrain's Capital Governorate).

A country's or a region's name the recogniser did not tag is still taken for the place where
the text reads so (:func:`builder.extract.entities._scanned_place`): by its name alone for a
country, after a preposition for a region. For these forms that reading is most often wrong.
The recogniser (the shipped models) reads every distinct SaudiNewsNet article less the real-news
dev set (:func:`training.make_actors.distinct_articles`) and counts, for each gazetteer name
written in it, how often it is written and how often the recogniser tags it a place. A form
written ``MIN_SEEN`` times or more and tagged in less than ``SHARE`` of them is listed; the
build takes such a form for a place only where the recogniser tags it or its kind is written
before it (``محافظة العاصمة``).
Run: ``python -m training.make_place_words`` (at the end of ``make model``; about 3 minutes on two cores).
Output columns: the form's key (``builder.registry.stems_of``), times written, times tagged.
CC BY-NC-SA 4.0 (SaudiNewsNet).
"""

from __future__ import annotations

import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

from builder.arabic.normalize import Folded
from builder.extract.entities import _gazetteer_names
from builder.ner.recognizer import Recognizer
from builder.registry import stems_of
from builder.writer import write_atomic
from training.make_actors import distinct_articles

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "builder" / "data" / "place_words.tsv"
MIN_SEEN = 20
SHARE = 0.2
BATCH = 64

_recognizer: Recognizer | None = None


def _seen(texts: list[str]) -> list[tuple[str, bool]]:
    """(key, tagged a place) of each gazetteer name written in the texts."""
    global _recognizer
    _recognizer = _recognizer or Recognizer()
    out = []
    for text, found in zip(texts, _recognizer.find_many(texts), strict=True):
        places = [(m.start, m.end) for m in found if m.type == "LOC"]
        for start, end, surface in _gazetteer_names(Folded.of(text)):
            tagged = any(a < end and start < b for a, b in places)
            out.append((stems_of(surface), tagged))
    return out


def main() -> None:
    texts = list(distinct_articles())
    batches = [texts[i:i + BATCH] for i in range(0, len(texts), BATCH)]
    seen: Counter[str] = Counter()
    tagged: Counter[str] = Counter()
    with Pool(2) as pool:
        for n, result in enumerate(pool.imap(_seen, batches)):
            for k, loc in result:
                seen[k] += 1
                tagged[k] += loc
            if n % 50 == 0:
                print(f"{(n + 1) * BATCH} of {len(texts)}", file=sys.stderr)
    rows = sorted((k, n, tagged[k]) for k, n in seen.items() if n >= MIN_SEEN and tagged[k] < SHARE * n)
    write_atomic(OUT, "".join(f"{k}\t{n}\t{t}\n" for k, n, t in rows).encode("utf-8"))
    print(f"{len(rows)} forms from {len(texts)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
