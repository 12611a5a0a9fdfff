"""Atomic publish: a build killed (SIGKILL) at random moments leaves the previous site whole and
loadable, and the next build recovers."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from builder.build import build
from tests.conftest import ROOT
from tests.test_build import fill


def site_is_whole(root: Path) -> dict[str, Any]:
    site = root / "site"
    assert site.is_dir()
    report = json.loads((site / "build-report.json").read_text(encoding="utf-8"))
    assert (site / "index.html").read_text(encoding="utf-8").strip().endswith("</html>")
    for entry in report["pages"]:
        page = site / entry["page"].removesuffix(".md") / "index.html"
        assert page.read_text(encoding="utf-8").strip().endswith("</html>"), page
    return report  # type: ignore[no-any-return]


def edited_page(report: dict[str, Any]) -> str:
    return str(next(p["page"] for p in report["pages"] if p["input"] == "header.txt"))


def others(report: dict[str, Any]) -> list[dict[str, str]]:
    return [p for p in report["pages"] if p["input"] != "header.txt"]


def test_sigkill_at_random_moments(project: Path) -> None:
    fill(project)
    build(project, progress=False, out=io.StringIO())
    command = [sys.executable, "-m", "builder.cli", "--root", str(project), "build"]
    edited = project / "content" / "header.txt"

    def edit(mark: str) -> None:
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nسطر إضافي رقم {mark}.\n",
                          encoding="utf-8")

    # the kills are spread over the time one such build takes here, so most land inside one
    edit("قبل")
    start = time.monotonic()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                   check=True)
    span = time.monotonic() - start
    rng = random.Random(20261128)
    survived = 0
    for round_ in range(8):
        edit(str(round_))
        before = site_is_whole(project)
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=ROOT)
        time.sleep(rng.uniform(0.05, 0.9 * span))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            survived += 1
        proc.wait()
        after = site_is_whole(project)
        # the previous site, or the finished new one: the same but for the edited article's page
        assert after == before or (others(after) == others(before) != [] and \
            edited_page(after) != edited_page(before))
    assert survived >= 4  # most kills landed while the build was running
    report = build(project, progress=False, out=io.StringIO())
    final = site_is_whole(project)
    assert len(final["pages"]) == len(report.pages)
    assert "سطر إضافي رقم 7" in "".join(
        p.read_text(encoding="utf-8") for p in (project / "docs" / "articles").rglob("*.md"))
    assert not lingering(str(project))  # no process of a killed build lives on
    leftovers = {p.resolve() for p in (project / ".arshif" / "sites").iterdir()}
    # abandoned builds are cleaned up: the site's and one spare, the next build's start, remain
    assert len(leftovers) == 2 and (project / "site").resolve() in leftovers


def lingering(mark: str, grace: float = 15.0) -> list[str]:
    """Command lines of processes naming ``mark`` still running after ``grace`` seconds
    (a killed build's workers must end on their own: nothing will read what they make)."""
    deadline = time.monotonic() + grace
    while True:
        found = []
        for proc in Path("/proc").iterdir():
            try:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                state = (proc / "stat").read_text().split(") ")[-1][:1]
            except OSError:
                continue
            if mark in cmd and proc.name != str(os.getpid()) and state != "Z":
                found.append(cmd)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)
