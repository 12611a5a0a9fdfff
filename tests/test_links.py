"""Links: LinkChecker (a maintained checker) finds no broken internal link or anchor in the built
sample site, and does find them in a page made broken on purpose."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

CONFIG = "[AnchorCheck]\n"


def linkcheck(url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "linkchecker.ini"
    config.write_text(CONFIG)
    exe = Path(sys.executable).parent / "linkchecker"
    return subprocess.run([str(exe), "-f", str(config), "--no-status", "--threads", "20",
                           r"--ignore-url=^https?://(?!127\.0\.0\.1)", "--ignore-url=^mailto:", url],
                          capture_output=True, text=True, timeout=600, check=False)


def test_sample_site_has_no_broken_links(sample_site: Path, serve: Callable[[Path], str],
                                         tmp_path: Path) -> None:
    result = linkcheck(serve(sample_site / "site"), tmp_path)
    assert "0 errors found" in result.stdout, result.stdout[-3000:]
    assert result.returncode == 0


def test_checker_catches_a_broken_link_and_anchor(serve: Callable[[Path], str], tmp_path: Path) -> None:
    site = tmp_path / "broken"
    site.mkdir()
    (site / "index.html").write_text('<!doctype html><html><body><a href="missing/">x</a>'
                                     '<a href="other.html#nowhere">y</a></body></html>')
    (site / "other.html").write_text('<!doctype html><html><body><p id="here">z</p></body></html>')
    result = linkcheck(serve(site), tmp_path)
    assert result.returncode != 0
    assert "missing/" in result.stdout and "nowhere" in result.stdout
