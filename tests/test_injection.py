"""Injection: hostile article text, titles, authors, URLs, entity names, descriptions and settings
render as inert text on every page, in search results, exports and feeds (checked in Chromium)."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import built
from tests.test_browser_article import outside

FIXTURE = Path(__file__).parent / "fixtures" / "hostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "hostile", FIXTURE)


def pages(root: Path) -> list[str]:
    report = json.loads((root / "site" / "build-report.json").read_text())
    paths = ["", "timeline/", "timeline/2019/", "places/", "actors/", "places/evil-town/",
             "actors/police/", "search/?q=الخبيثة", "search/?q=script"]
    return paths + [p["page"].removesuffix(".md") + "/" for p in report["pages"]]


def test_nothing_runs_anywhere(hostile_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(hostile_site / "site")
    page = browser.new_page()
    dialogs: list[str] = []
    requested: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requested.append(r.url))
    for path in pages(hostile_site):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        if path.startswith("search/"):
            page.wait_for_selector("#arshif-search[data-done]")
        page.mouse.move(200, 200)
        assert page.evaluate("window.__pwned") is None, path
        assert page.evaluate("document.querySelectorAll('iframe, .arshif script, [onerror], [onload], "
                             "[onmouseover], style:not([id])').length") == 0, path
    assert dialogs == []
    assert outside(requested, base) == []
    page.close()


def test_hostile_text_is_shown_as_text(hostile_site: Path, serve: Callable[[Path], str],
                                       browser: Any) -> None:
    base = serve(hostile_site / "site")
    page = browser.new_page()
    report = json.loads((hostile_site / "site" / "build-report.json").read_text())
    md = next(p for p in report["pages"] if p["input"] == "evil.md")
    page.goto(base + md["page"].removesuffix(".md") + "/")
    assert "<script>window.__pwned = 1; alert(1)</script>" in page.inner_text("h1")
    body = page.inner_text(".arshif-body")
    assert '<script>window.__pwned = 4; alert("body")</script>' in body
    assert "{{ config }}" in body
    assert page.locator(".arshif-body a[href^='javascript'], .arshif-body a[href^='data']").count() == 0
    assert page.locator(".arshif-meta a[href^='javascript']").count() == 0
    assert "<img" in page.inner_text(".arshif-meta")
    assert "<script>window.__pwned = 10</script>" in page.title()
    page.goto(base + "places/evil-town/")
    assert "<script>" in page.inner_text("h1") and "<img" in page.inner_text(".arshif-description")
    page.close()


def test_exports_and_feeds_keep_the_text(hostile_site: Path) -> None:
    site = hostile_site / "site"
    rows = [json.loads(line) for line in (site / "data" / "articles.jsonl").read_text().splitlines()]
    assert any("<script>window.__pwned = 1" in r["title"] for r in rows)
    feed = ET.parse(site / "feed.xml").getroot()
    titles = [t.text or "" for t in feed.iter("title")]
    assert any("<script>window.__pwned = 1" in t for t in titles)
    timeline = json.loads((site / "data" / "timeline.json").read_text())
    assert all("<script>" not in e["text"]["headline"] for e in timeline["events"])
    assert any("&lt;script&gt;" in e["text"]["headline"] for e in timeline["events"])


TIMELINE_PAGE = ("<!doctype html><html><head><meta charset='utf-8'></head>"
                 "<body><div id='tl'></div></body></html>")


def test_timeline_export_is_inert_in_timelinejs(hostile_site: Path, browser: Any, node_tools: Path) -> None:
    """The TimelineJS export loaded into TimelineJS itself: every hostile field shows as text."""
    dist = node_tools / "@knight-lab" / "timelinejs" / "dist"
    data = json.loads((hostile_site / "site" / "data" / "timeline.json").read_text())
    assert any("onerror" in (e.get("group") or "") for e in data["events"])  # the fixture is hostile
    page = browser.new_page()
    dialogs: list[str] = []
    requested: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: requested.append(r.url))

    def local(route: Any) -> None:
        path = dist / route.request.url.removeprefix("http://timeline.test/")
        if route.request.url.endswith("/index.html"):
            route.fulfill(status=200, content_type="text/html", body=TIMELINE_PAGE)
        elif path.is_file():
            route.fulfill(status=200, path=str(path))
        else:
            route.fulfill(status=404, body="")

    page.route("http://timeline.test/**", local)
    page.goto("http://timeline.test/index.html")
    page.add_style_tag(path=str(dist / "css" / "timeline.css"))
    page.add_script_tag(path=str(dist / "js" / "timeline.js"))
    # font: null, as a page embedding it offline must: TimelineJS's default font theme is fetched
    # from Google Fonts; the export itself names no address
    page.evaluate("data => { window.tl = new TL.Timeline('tl', data, {script_path: "
                  "'http://timeline.test/js/', font: null}); }", data)
    page.wait_for_selector("#tl .tl-timegroup-message")
    page.wait_for_load_state("networkidle")
    for _ in range(len(data["events"]) + 1):  # every slide shown in turn
        page.evaluate("window.tl.goToNext()")
        page.mouse.move(300, 300)
    shown = page.inner_text("#tl")
    assert "<script>window.__pwned = 1" in shown and "<svg onload=" in shown
    groups = page.locator("#tl .tl-timegroup-message").all_text_contents()  # (CSS capitalises)
    assert '<img src=x onerror="window.__pwned=12">وكالة' in groups
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#tl script, #tl img, #tl iframe, #tl [onerror], "
                         "#tl [onload], #tl [onmouseover]').length") == 0
    assert dialogs == []
    assert [u for u in requested if not u.startswith("http://timeline.test/")] == []
    page.close()


def test_feeds_read_by_a_feed_reader(hostile_site: Path) -> None:
    """RSS and Atom as feedparser reads them: titles plain text as written, an RSS description
    escaped HTML that shows the text as written, an Atom summary plain text."""
    import feedparser

    rows = {r["title"]: r for r in (json.loads(line) for line in
                                    (hostile_site / "site/data/articles.jsonl").read_text().splitlines())}
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse(str(hostile_site / "site" / name), sanitize_html=False)
        assert not feed.bozo and feed.feed.title_detail.type == "text/plain"
        assert feed.feed.title == "<script>window.__pwned = 10</script>أرشيف"
        assert len(feed.entries) == 2
        for entry in feed.entries:
            assert entry.title_detail.type == "text/plain" and entry.title in rows
            summary = rows[entry.title]["summary"]
            if name == "feed.xml":
                assert entry.summary_detail.type == "text/html"
                assert "<" not in entry.summary and html.unescape(entry.summary) == summary
            else:
                assert entry.summary_detail.type == "text/plain" and entry.summary == summary
