"""Story families benchmark: the whole SaudiNewsNet corpus (../shared) grouped from a cold cache,
then again with one article added (its signature alone is new). Prints the seconds, the extra
peak memory and the families found. Figures only: no pass or fail.

Run: ``python bench/stories.py`` (``make bench``).
"""

from __future__ import annotations

import hashlib
import resource
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build import take
from builder import stories
from builder.state import Store


def main() -> None:
    seen: dict[str, SimpleNamespace] = {}
    for row in take(10**6):
        text = row.get("content") or ""
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        if text.strip() and key not in seen:
            day = (row.get("date_extracted") or "")[:10] or None
            seen[key] = SimpleNamespace(id=key, text=text, date=day)
    articles = list(seen.values())
    with tempfile.TemporaryDirectory() as cache:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        story = stories.group(articles, Store(Path(cache)))  # type: ignore[arg-type]
        cold = time.perf_counter() - start
        extra = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        families: dict[str, int] = {}
        for a in articles:
            families[story[a.id]] = families.get(story[a.id], 0) + 1
        grouped = [n for n in families.values() if n > 1]
        print(f"{len(articles)} articles grouped from cold in {cold:.1f}s, {extra:.0f} MB more memory: "
              f"{len(grouped)} families of {sum(grouped)} articles (largest {max(grouped)})")
        added = SimpleNamespace(id="f" * 12, text=articles[5].text + "\nتحديث.", date="2015-09-01")
        start = time.perf_counter()
        stories.group([*articles, added], Store(Path(cache)))  # type: ignore[list-item]
        print(f"again with one article added: {time.perf_counter() - start:.1f}s")


if __name__ == "__main__":
    main()
