"""Publishers on the same docs/: MkDocs (as ``arshif build`` runs it, and in one process) and
Zensical, each a clean build of the docs/ that ``arshif build`` made of N real articles (default
1,000), best of two, in the same run. The README's "Publishers" section gives the figures.

Run: ``python bench/publishers.py [N]`` (``make bench``). Figures only: no pass or fail.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build import project
from builder.build import build, source_epoch
from builder.config import Config, Layout
from builder.publisher import mkdocs, zensical


def best_of_two(run: Callable[[Path], None], out: Path) -> float:
    times = []
    for _ in range(2):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        start = time.perf_counter()
        run(out)
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int) -> None:
    root = project(n)
    build(root, progress=False, out=io.StringIO())
    layout, cfg = Layout(root), Config.load(root / "content" / "archive.yml")
    epoch = source_epoch([])
    pages = sum(1 for _ in layout.docs.rglob("*.md"))
    version = subprocess.run([zensical.command(), "--version"], capture_output=True,
                             text=True).stdout.strip()
    figures = {
        "MkDocs, as arshif runs it (shards over the cores)":
            lambda out: mkdocs.run(layout, cfg, out, epoch, False, pages, None),
        "MkDocs, one process":
            lambda out: mkdocs.run(layout, cfg, out, epoch, False, 0, None),
        f"Zensical {version}, one process (no hooks)":
            lambda out: zensical.run(layout, cfg, out, epoch, False, pages, None),
    }
    print(f"{pages} docs pages of {n} articles, clean builds, best of two:")
    base = 0.0
    for name, run in figures.items():
        seconds = best_of_two(run, layout.state / "sites" / "bench")
        base = base or seconds
        print(f"  {name}: {seconds:.1f}s ({seconds / base:.2f}x the first)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
