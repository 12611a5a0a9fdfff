"""Links: LinkChecker (a maintained checker) finds no broken internal link or anchor in the built
sample site, and does find them in a page made broken on purpose."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

CONFIG = "[AnchorCheck]\n"
#: LinkChecker's own command, but that it keeps the user it runs as: as root it switches to
#: ``nobody``, who cannot read a checkout in a private folder, and then loads no plugin (the
#: anchor check among them) without a word. Here it only reads a local test server.
COMMAND = ("import sys; from linkcheck.command import linkchecker as lc; "
           "lc.drop_privileges = lambda: None; sys.argv[0] = 'linkchecker'; sys.exit(lc.linkchecker())")


def linkcheck(url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "linkchecker.ini"
    config.write_text(CONFIG)
    return subprocess.run([sys.executable, "-c", COMMAND, "-f", str(config), "--no-status",
                           "--threads", "20",
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
