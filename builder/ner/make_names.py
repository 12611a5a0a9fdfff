"""Build ``builder/data/names.tsv``: person and organisation names the recogniser itself finds,
often and consistently, in unlabeled news (self-training), used as gazetteer features.

The current model tags the SaudiNewsNet corpus (31,030 articles, CC BY-NC-SA 4.0); a name kept
is one found in at least ``MIN_ARTICLES`` articles with one type at least ``PURITY`` of the time.
Run by ``make model`` between a first and a final training.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from multiprocessing import Pool
from pathlib import Path

from builder.ner.features import normal
from builder.ner.make_clusters import articles
from builder.ner.resources import DATA

OUT = DATA / "names.tsv"
MIN_ARTICLES = 4
PURITY = 0.85
_REC = None


def _start(model: Path) -> None:
    global _REC
    from builder.ner.recognizer import Recognizer

    _REC = Recognizer(model)


def _tag(text: str) -> list[tuple[str, str]]:
    assert _REC is not None
    return [(" ".join(normal(w)[1] for w in m.text.split()), m.type) for m in _REC.find(text)]


def main(model: Path, out: Path = OUT) -> None:
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    with Pool(2, initializer=_start, initargs=(model,)) as pool:
        for found in pool.imap_unordered(_tag, articles(), chunksize=64):
            for name, kind in set(found):
                seen[name][kind] += 1
    kept = []
    for name, kinds in seen.items():
        kind, n = kinds.most_common(1)[0]
        total = sum(kinds.values())
        if kind != "LOC" and total >= MIN_ARTICLES and n / total >= PURITY and len(name) > 2:
            kept.append((name, kind, total))
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# Names found by the recogniser in SaudiNewsNet (CC BY-NC-SA 4.0); "
                 "made by builder/ner/make_names.py\n")
        for name, kind, total in sorted(kept):
            fh.write(f"{name}\t{kind}\t{total}\n")
    print(f"{len(kept)} names -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "ner.crfsuite")
