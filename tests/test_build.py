"""A real build with real MkDocs: every input accounted for, atomic swap, repeatable bytes."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from builder.build import StrictError, build
from builder.publisher import PublishError
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "readers"


def fill(project: Path) -> None:
    """Every golden reader fixture as the project's content."""
    for path in GOLDEN.iterdir():
        if ".expected" not in path.name:
            shutil.copy(path, project / "content" / path.name)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def quiet_build(root: Path, **kw: object) -> object:
    return build(root, progress=False, out=io.StringIO(), **kw)  # type: ignore[arg-type]


def test_sample_archive_every_file_accounted_for(sample_site: Path) -> None:
    report = json.loads((sample_site / "site" / "build-report.json").read_text())
    inputs = {p.relative_to(sample_site / "content").as_posix()
              for p in (sample_site / "content").rglob("*") if p.is_file()}
    sidecars = {p for p in inputs if p.endswith(".yml")}
    paged = {entry["input"].split(":")[0] for entry in report["pages"]}
    reported = {p["file"] for p in report["problems"]}
    assert inputs - sidecars - {"archive.yml"} == paged | reported
    assert report["counts"]["pages"] >= 61
    for entry in report["pages"]:
        page = sample_site / "site" / entry["page"].removesuffix(".md") / "index.html"
        assert page.is_file(), entry


def test_sample_has_seed_with_its_dates(sample_site: Path) -> None:
    pages = list((sample_site / "docs" / "articles" / "2019").glob("*.md"))
    seed = [p for p in pages if "seed/baghouz.txt" in p.read_text()]
    assert len(seed) == 1
    text = seed[0].read_text()
    assert 'date: "2019-03-23"' in text
    assert 'value: "2014"' in text and 'value: "2018-09-23/2019-03-23"' in text


def test_report_names_rejected_lines(project: Path) -> None:
    fill(project)
    report = quiet_build(project)
    problems = {(p.origin.path, p.origin.line): p.reason for p in report.problems}  # type: ignore[attr-defined]
    assert problems[("saudi.jsonl", 3)].startswith("broken JSON")
    site_report = json.loads((project / "site" / "build-report.json").read_text())
    assert {"file": "saudi.jsonl", "line": 3, "kind": "rejected",
            "reason": problems[("saudi.jsonl", 3)]} in site_report["problems"]


def test_unchanged_input_rewrites_nothing(project: Path) -> None:
    fill(project)
    quiet_build(project)
    docs_before = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    site_before = digest(project / "site")
    quiet_build(project)
    docs_after = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    assert docs_after == docs_before
    assert digest(project / "site") == site_before


def test_removed_article_removes_its_page(project: Path) -> None:
    fill(project)
    quiet_build(project)
    assert list((project / "docs" / "articles" / "2016").glob("*.md"))
    (project / "content" / "page.html").unlink()
    quiet_build(project)
    assert not (project / "docs" / "articles" / "2016").exists()


def test_failed_build_keeps_previous_site(project: Path) -> None:
    fill(project)
    quiet_build(project)
    before = digest(project / "site")
    (project / "mkdocs.yml").write_text(  # the archive's own publishing settings, broken
        (ROOT / "mkdocs.yml").read_text().replace("name: material", "name: no-such-theme"))
    with pytest.raises(PublishError):
        quiet_build(project)
    assert digest(project / "site") == before
    # no folder leaks: the site's, and at most one spare the next build starts from
    kept = {p.resolve() for p in (project / ".arshif" / "sites").iterdir()}
    assert len(kept) <= 2 and (project / "site").resolve() in kept


def test_strict_fails_and_publishes_nothing(project: Path) -> None:
    fill(project)
    with pytest.raises(StrictError):
        quiet_build(project, strict=True)
    assert not (project / "site").exists()


def test_navigation_is_static(sample_site: Path) -> None:
    html = (sample_site / "site" / "index.html").read_text()
    nav = html[html.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index("</nav>")]
    assert "articles/" not in nav
    for label in ("الرئيسية", "الخط الزمني", "الأماكن", "الفاعلون"):
        assert label in nav


def test_no_outside_urls_in_built_pages(sample_site: Path) -> None:
    """No Google Fonts, no CDN: the only absolute URLs in the site are article sources."""
    for page in (sample_site / "site").rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert "cdn.jsdelivr" not in html and "unpkg.com" not in html, page


def test_dirty_build_equals_clean_build(project: Path, tmp_path: Path) -> None:
    """An edit, an addition and a removal published incrementally give a clean build's bytes."""
    from tests.conftest import make_project

    fill(project)
    assert quiet_build(project).publish == "full"  # type: ignore[attr-defined]
    assert quiet_build(project).publish == "unchanged"  # type: ignore[attr-defined]
    header = project / "content" / "header.txt"
    header.write_text(header.read_text().replace("بعد أسبوع", "بعد أسبوعين"), encoding="utf-8")
    (project / "content" / "added.txt").write_text(
        "title: خبر جديد\ndate: 2016-04-12\n\nخبر جديد يضاف إلى الأرشيف بعد بنائه في عمّان.\n",
        encoding="utf-8")
    (project / "content" / "bom.txt").unlink()
    assert quiet_build(project).publish == "incremental"  # type: ignore[attr-defined]
    clean = make_project(tmp_path / "clean", project / "content")
    quiet_build(clean)
    assert digest(project / "site") == digest(clean / "site")


def test_the_publishing_hooks_change_speed_not_bytes(sample_site: Path, tmp_path: Path) -> None:
    """MkDocs with the project's hooks (raw pages, shared parts rendered once) and theme
    blocks gives the same site as MkDocs and Material left alone."""
    import subprocess
    import sys

    sites = {}
    for name in ("hooked", "plain"):
        root = tmp_path / name
        shutil.copytree(sample_site / "docs", root / "docs")
        shutil.copytree(ROOT / "templates", root / "templates")
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        if name == "plain":
            hooks = config[config.index("hooks:"):config.index("plugins:")]
            assert "shared_parts.py" in hooks and "raw_pages.py" in hooks
            config = config.replace(hooks, "")
            (root / "templates" / "overrides" / "main.html").write_text('{% extends "base.html" %}\n')
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
                       cwd=root, check=True, capture_output=True,
                       env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
        sites[name] = digest(root / "site")
    assert len(sites["plain"]) > 100
    assert sites["hooked"] == sites["plain"]


def test_sitemap_lists_pages_when_the_site_has_an_address(project: Path) -> None:
    fill(project)
    (project / "content" / "archive.yml").write_text("site_url: https://archive.example.org/ar/\n")
    quiet_build(project)
    sitemap = (project / "site" / "sitemap.xml").read_text()
    report = json.loads((project / "site" / "build-report.json").read_text())
    for entry in report["pages"]:
        assert "https://archive.example.org/ar/" + entry["page"].removesuffix(".md") + "/" in sitemap
    feed = (project / "site" / "feed.xml").read_text()
    assert "https://archive.example.org/ar/articles/" in feed


def test_source_date_epoch_is_honoured(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(project)
    (project / "content" / "archive.yml").write_text("site_url: https://archive.example.org/\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")  # 2009-02-13
    quiet_build(project)
    assert "<lastmod>2009-02-13</lastmod>" in (project / "site" / "sitemap.xml").read_text()


def test_a_long_build_shows_its_stages_on_a_terminal_only(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A build shows each long stage (name, done of total, time left) on stderr when asked or
    on a terminal; written to a log (not a terminal), it is quiet."""
    fill(project)
    build(project, progress=True, out=io.StringIO())
    shown = capsys.readouterr().err
    # each stage's line: its name, done/total, [elapsed<left]; a test's stages end within the
    # half second between updates, so the first line of each is what is certain to be shown
    for stage in ("reading", "extracting", "pages"):
        assert re.search(rf"{stage}: .*\b\d+/[1-9]\d* \[[\d:]+<[\d:?]+", shown), (stage, shown)
    shutil.rmtree(project / ".arshif")
    build(project, progress=None, out=io.StringIO())  # stderr is captured: not a terminal
    assert capsys.readouterr().err == ""
