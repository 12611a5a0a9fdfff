"""Score the date extractor on ../shared/data/dates/cases.yaml (or a file given as argument).

Prints, by category: cases, exact (the one expected value and nothing else), lenient (the
expected value among the outputs), spurious outputs; then the misses, and the speed in
articles per second on the seed article (one core).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import yaml

from builder.extract.dates import find_dates

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT.parent / "shared" / "data" / "dates" / "cases.yaml"


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else CASES
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    default = date.fromisoformat(str(data["default_base"]))
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    misses = []
    for case in data["cases"]:
        base = date.fromisoformat(str(case["base"])) if case.get("base") else default
        got = [d.value for d in find_dates(case["text"], base)]
        want = case["expected"]
        row = rows[case["category"]]
        row[0] += 1
        exact = got == ([] if want is None else [want])
        row[1] += exact
        row[2] += (want is None and not got) or want in got
        row[3] += sum(1 for g in got if g != want)
        if not exact:
            misses.append(f"  {case['id']}: want {want} got {got}  | {case['text']}")
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    print(f"{'category':12} {'cases':>5} {'exact':>5} {'lenient':>7} {'spurious':>8}")
    for cat, (n, e, le, s) in rows.items():
        print(f"{cat:12} {n:5} {e:5} {le:7} {s:8}")
    print(f"{'total':12} {total[0]:5} {total[1]:5} {total[2]:7} {total[3]:8}")
    if misses:
        print("misses:")
        print("\n".join(misses))
    seed = (ROOT / "content" / "seed" / "baghouz.txt").read_text(encoding="utf-8")
    n = 200
    t0 = time.perf_counter()
    for _ in range(n):
        find_dates(seed, date(2019, 3, 23))
    rate = n / (time.perf_counter() - t0)
    print(f"speed: {rate:.0f} articles/s on the seed article ({len(seed)} chars), one core")
    texts = news(1000)
    t0 = time.perf_counter()
    found = sum(len(find_dates(t, date(2015, 8, 1))) for t in texts)
    rate = len(texts) / (time.perf_counter() - t0)
    chars = sum(len(t) for t in texts) // len(texts)
    print(f"speed: {rate:.0f} articles/s on {len(texts)} SaudiNewsNet articles ({chars} chars on "
          f"average, {found} dates found), one core")


def news(n: int) -> list[str]:
    """The first ``n`` articles of the SaudiNewsNet corpus (title and text)."""
    import json
    import zipfile

    out: list[str] = []
    for path in sorted((ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "full").glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                out += [f"{a.get('title') or ''}\n{a.get('content') or ''}"
                        for a in json.loads(zf.read(name).decode("utf-8"))]
        if len(out) >= n:
            return out[:n]
    return out


if __name__ == "__main__":
    main()
