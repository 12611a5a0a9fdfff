"""Clicking through the sample site in Chromium: home, timeline, a year, an article, a place, an
actor and back, with a screenshot of each page kind (tests/artifacts/) checked for RTL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import ARTIFACTS
from tests.test_browser_article import outside

RTL_CHECK = """() => {
  const box = document.querySelector('.md-content__inner');
  const first = box.querySelector('h1');
  const a = box.getBoundingClientRect(), b = first.getBoundingClientRect();
  return {container: a.right, block: b.right, dir: getComputedStyle(first).direction};
}"""


def check_rtl(page: Any, name: str) -> None:
    page.wait_for_load_state("networkidle")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)
    box = page.evaluate(RTL_CHECK)
    assert box["dir"] == "rtl", name
    assert abs(box["container"] - box["block"]) < 24, (name, box)


def test_click_through(sample_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(sample_site / "site")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(base)
    check_rtl(page, "home")
    page.click("text=تصفّح الخط الزمني")
    check_rtl(page, "timeline")
    page.click(".arshif-years tbody a >> nth=0")
    check_rtl(page, "year")
    year_url = page.url
    page.click(".arshif-entry-title >> nth=0")
    check_rtl(page, "article")
    assert "/articles/" in page.url
    page.go_back()
    assert page.url == year_url
    page.goto(base + "timeline/2019/")
    page.click(".arshif-entry-title >> nth=0")
    page.click(".arshif-meta .arshif-place >> nth=0")
    check_rtl(page, "place")
    assert "/places/" in page.url
    page.wait_for_selector(".arshif-map[data-ready]", timeout=10_000)
    page.click(".arshif-entry .arshif-actor >> nth=0")
    check_rtl(page, "actor")
    assert "/actors/" in page.url
    assert page.locator(".arshif-entry").count() >= 1
    page.go_back()
    assert "/places/" in page.url
    page.goto(base + "search/?q=داعش")
    page.wait_for_selector("#arshif-search[data-done]")
    check_rtl(page, "search")
    assert outside(requested, base) == []
    page.close()


def test_dates_are_shown_the_arabic_way(sample_site: Path, serve: Callable[[Path], str],
                                        browser: Any) -> None:
    base = serve(sample_site / "site")
    page = browser.new_page()
    page.goto(base + "timeline/2019/")
    assert "23 آذار 2019" in page.inner_text(".arshif-entry-date >> nth=0")
    page.close()


def test_every_article_reachable_from_its_entities_and_pages_bounded(sample_site: Path) -> None:
    import yaml

    from builder.config import Config

    docs = sample_site / "docs"
    size = Config.load(sample_site / "content" / "archive.yml").page_size
    pages = {e["id"]: e["page"] for e in json.loads((docs / "data" / "entities.json").read_text())}
    for page in (docs / "articles").rglob("*.md"):
        front = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
        for kind, ids in (("places", front["places"]), ("actors", front["actors"])):
            for eid in ids:
                assert pages[eid].startswith(f"{kind}/")
                listed = "".join(p.read_text(encoding="utf-8")
                                 for p in (docs / kind).glob(pages[eid].split("/")[1] + "*.md"))
                assert f"/{front['id']}/" in listed, (page, eid)
    for page in docs.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert text.count('class="arshif-entry"') <= size, page
        assert text.count("<li><a href=") <= size + 20, page  # index lists, plus a few links
