"""Places and actors on real news: a build of 60 unseen SaudiNewsNet articles scored against
the hand-made gold of bench/realnews/gold.yaml, by split (tune: lines 0-19, on which the rules
and thresholds were set; report: lines 20-39, only ever scored; tune-2: lines 40-59, added
later, scored once before any rule was set on them, then used for tuning too).

A linked place or actor is right when its name (or one of its aliases) is a gold name of the
article, compared after folding (hamza, ى/ي, ة/ه), without the article ال, kinds of place
(منطقة, محافظة, …) and titles (الأمير, الدكتور, …); a run of two words or more of one name
inside the other counts too (``محمد بن سلمان`` in ``محمد بن سلمان بن عبدالعزيز``). A place must
also be in the gold's country when both say one.

Run: ``python bench/realnews.py`` (``make bench``).
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.arabic.normalize import fold  # noqa: E402
from builder.build import build  # noqa: E402
from builder.scaffold import new  # noqa: E402

DATA = ROOT / "bench" / "realnews"
OUT = ROOT / "bench" / "out" / "realnews"
SPLITS = {"tune": range(0, 20), "report": range(20, 40), "tune-2": range(40, 60),
          "tune-3": range(60, 80), "tune-4": range(80, 100)}
_DROPPED = {fold(w) for w in "منطقة محافظة مدينة حي نهر بلدة قرية جمهورية دولة إمارة الأمير "
            "الملك الشيخ الدكتور الرئيس المهندس".split()}


def words(name: str) -> list[str]:
    """A name's words as compared: folded, ة as ه, without ال, kinds of place and titles."""
    folded = fold(name).replace("ة", "ه").replace("ى", "ي")
    out = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in folded.split()]
    return [w for w in out if w not in _DROPPED and "ال" + w not in _DROPPED]


def same(a: str, b: str) -> bool:
    x, y = sorted((words(a), words(b)), key=len)
    return x == y or (len(x) >= 2 and any(y[i:i + len(x)] == x for i in range(len(y) - len(x) + 1)))


def score(site: Path, gold: dict[int, dict], urls: dict[str, int]) -> Counter[tuple[str, str, str]]:
    entities = {e["id"]: e for e in json.loads((site / "data" / "entities.json").read_text("utf-8"))}
    counts: Counter[tuple[str, str, str]] = Counter()
    for line in (site / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        n = urls[record["url"]]
        split = next(s for s, lines in SPLITS.items() if n in lines)
        want = {"places": list(gold[n]["places"].items()),
                "actors": [(name, "") for name in gold[n]["people"] + gold[n]["orgs"]]}
        for kind, wanted in want.items():
            used: set[int] = set()
            for linked in record[kind]:
                entity = entities[linked["id"]]
                names = [entity["name"], *entity["aliases"]]
                hit = next((i for i, (name, country) in enumerate(wanted) if i not in used
                            and any(same(n, name) for n in names)
                            and (not country or not entity["country"] or country == entity["country"])),
                           None)
                if hit is not None:
                    used.add(hit)
                counts[split, kind, "right"] += hit is not None
                counts[split, kind, "linked"] += 1
            counts[split, kind, "gold"] += len(wanted)
    return counts


def main() -> None:
    gold = yaml.safe_load((DATA / "gold.yaml").read_text(encoding="utf-8"))
    articles = (DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    urls = {json.loads(line)["url"]: n for n, line in enumerate(articles)}
    shutil.rmtree(OUT, ignore_errors=True)
    new(OUT)  # as a user starts: `arshif new`, then the articles into content/
    shutil.copy(DATA / "articles.jsonl", OUT / "content" / "articles.jsonl")
    build(OUT, progress=False, out=io.StringIO())
    counts = score(OUT / "site", gold, urls)
    for split in SPLITS:
        for kind in ("places", "actors"):
            right, linked, wanted = (counts[split, kind, k] for k in ("right", "linked", "gold"))
            print(f"real news, {split} part: {kind} precision {right / max(linked, 1):.2f} "
                  f"({right}/{linked}), recall {right / max(wanted, 1):.2f} ({right}/{wanted})")


if __name__ == "__main__":
    main()
