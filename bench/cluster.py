"""Extraction on this machine's own workers and on a Dask cluster of the same cores (the
``cluster`` extra): a full build from cold of N real articles (default 2,000), best of two, then
a rebuild after one article is edited. What moving extraction to Dask costs before any machine
is added, for the README's word on when a cluster pays ("Large archives").

Run: ``python bench/cluster.py [N]`` (``make bench``). Figures only: no pass or fail.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build import build, edit_one, project


def extraction(root: Path, *options: str) -> float:
    """The extraction stage's seconds of a full build from cold, best of two."""
    times = []
    for _ in range(2):
        for made in (".arshif", "site", "docs"):
            shutil.rmtree(root / made, ignore_errors=True)
        times.append(build(root, *options)[1]["extract"])
    return min(times)


def edited(root: Path, sentence: str, *options: str) -> float:
    """The extraction stage's seconds of a rebuild after one article is edited."""
    edit_one(root, sentence)
    return build(root, *options)[1]["extract"]


def main(n: int) -> None:
    from dask.distributed import LocalCluster

    root = project(n)
    cores = os.cpu_count() or 1
    own = extraction(root), edited(root, "أضيفت هذه الجملة بعد النشر.")
    with LocalCluster(n_workers=cores, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        options = ("--cluster", cluster.scheduler_address)
        dask = extraction(root, *options), edited(root, "وأضيفت هذه بعدها.", *options)
    print(f"extraction, {cores} cores: own workers | a local Dask cluster of {cores} worker processes")
    for title, a, b in (("full build from cold, best of two", own[0], dask[0]),
                        ("rebuild after one article is edited", own[1], dask[1])):
        print(f"  {title} ({n} articles): {a:.2f}s | {b:.2f}s ({b / a:.2f}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
