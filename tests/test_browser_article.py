"""The built sample site in Chromium: Arabic, right to left, the bundled font, nothing outside."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.conftest import ARTIFACTS


def visit(browser: Any, url: str, shot: str | None = None) -> tuple[Any, list[str]]:
    """Open ``url``; returns the page and every URL it requested (failed ones included)."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    if shot:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / shot))
    return page, requested


def outside(requested: list[str], base: str) -> list[str]:
    host = urlsplit(base).netloc
    return [u for u in requested if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).netloc != host]


def test_article_page_is_arabic_rtl_with_bundled_font(
        sample_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(sample_site / "site")
    report = json.loads((sample_site / "site" / "build-report.json").read_text())
    seed = next(p for p in report["pages"] if p["input"] == "seed/baghouz.txt")
    page, requested = visit(browser, base + seed["page"].removesuffix(".md") + "/", "article.png")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.body.getAttribute('dir')") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.arshif-body p')).direction") == "rtl"
    font = page.evaluate("getComputedStyle(document.querySelector('.arshif-body p')).fontFamily")
    assert font.startswith('"Noto Naskh Arabic"')
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Naskh Arabic" in f for f in loaded)
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'قوات')")
    assert any("noto-naskh-arabic-arabic-400" in u for u in requested)
    assert outside(requested, base) == []
    title = page.inner_text("h1")
    assert title.startswith("أعلنت قوات سوريا الديموقراطية")
    page.close()


def test_home_and_indexes_make_no_outside_request(
        sample_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(sample_site / "site")
    for path in ("", "timeline/", "places/", "actors/"):
        page, requested = visit(browser, base + path)
        assert outside(requested, base) == [], path
        assert page.evaluate("document.documentElement.lang") == "ar"
        page.close()
