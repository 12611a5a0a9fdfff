"""Story families: a copy of one text under another title and source is one story with it; a
separate report of the same event is not. The article page lists the copies and opens a word
by word comparison (Chromium)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from builder import stories
from builder.pages.stories import changes
from builder.state import Store
from tests.conftest import built
from tests.test_search import names, run_query

FIXTURE = Path(__file__).parent / "fixtures" / "stories"


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "stories", FIXTURE)


def test_a_copy_is_one_story_and_a_separate_report_is_not(story_site: Path) -> None:
    by_id = names(story_site)
    rows = [json.loads(line) for line in
            (story_site / "site" / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    story = {by_id[r["id"]]: r["story"] for r in rows}
    wire = next(r["id"] for r in rows if by_id[r["id"]] == "wire")
    assert story["wire"] == story["copy"] == wire  # named by the earliest
    assert story["report"] != wire
    families = json.loads((story_site / "site" / "data" / "stories.json").read_text(encoding="utf-8"))
    assert [[by_id[m["id"]] for m in f["members"]] for f in families] == [["wire", "copy"]]
    front = next((story_site / "docs" / "articles").rglob(f"{wire}.md")).read_text(encoding="utf-8")
    assert f"story: {wire}" in front or f"story: '{wire}'" in front


def test_changes_word_by_word() -> None:
    parts = changes("افتتح الوزير اليوم المستشفى", "افتتح الوزير أمس المستشفى الجديد")
    assert parts == [{"kind": "same", "text": "افتتح الوزير"}, {"kind": "del", "text": "اليوم"},
                     {"kind": "ins", "text": "أمس"}, {"kind": "same", "text": "المستشفى"},
                     {"kind": "ins", "text": "الجديد"}]


def test_the_page_lists_the_copies_and_opens_the_comparison(
        story_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    by_id = names(story_site)
    copy = next(i for i, name in by_id.items() if name == "copy")
    base = serve(story_site / "site")
    page = browser.new_page()
    page.goto(base + f"articles/2015/{copy}/")
    listed = page.locator(".arshif-elsewhere li")
    assert listed.count() == 1 and "(الأقدم)" in listed.inner_text() and "واس" in listed.inner_text()
    page.locator(".arshif-elsewhere .arshif-compare").click()
    page.wait_for_load_state()
    assert "/compare/" in page.url
    assert "سيبدأ استقبال المرضى" in " ".join(page.locator(".arshif-changes ins").all_inner_texts())
    assert "اليوم" in page.locator(".arshif-changes del").all_inner_texts()
    assert page.get_attribute(".arshif-compare-page", "dir") == "rtl"
    page.close()


def test_lists_and_search_show_a_story_once(story_site: Path, serve: Callable[[Path], str],
                                            browser: Any) -> None:
    by_id = names(story_site)
    base = serve(story_site / "site")
    page = browser.new_page()
    page.goto(base + "timeline/2015/")
    titles = page.locator(".arshif-entry-title").all_inner_texts()
    assert len(titles) == 2  # the wire (with its copy folded in) and the separate report
    copies = page.locator(".arshif-copies")
    assert copies.count() == 1 and copies.locator("summary").inner_text() == "+مصدر آخر"
    copies.locator("summary").click()
    assert copies.locator("a").inner_text() == "عكاظ"
    shown = [by_id[i] for i in run_query(page, base, "مستشفى أبها")]
    assert len(shown) == 2 and "report" in shown and len({"wire", "copy"} & set(shown)) == 1
    assert page.locator(".arshif-result-copies").inner_text() == "+نسخة أخرى من الخبر"
    assert page.locator(".arshif-search-status").inner_text() == "نتيجتان لـ«مستشفى أبها» (3 مقالات بنسخها)"
    page.close()


def test_families_after_adding_and_removing_are_those_a_cold_grouping_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article that holds two wires joins their families when it comes and parts them when it
    goes; both judged from the cache alone, and alike to grouping from cold."""
    texts = [(FIXTURE / f"{n}.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
             for n in ("wire", "report")]
    sentences = re.split(r"(?<=\.)\s+", texts[0])  # the wire's opening, and all but its first sentence

    def article(text: str, day: str) -> SimpleNamespace:
        return SimpleNamespace(id=hashlib.sha256(text.encode()).hexdigest()[:12], text=text, date=day)

    a, both, c = article(" ".join(sentences[:2]), "2015-08-01"), article(texts[0], "2015-08-02"), \
        article(" ".join(sentences[1:]), "2015-08-03")
    other = article(texts[1], "2015-08-04")
    cache = Store(tmp_path / "cache")
    stories.group([a, c, other], cache)  # type: ignore[list-item]

    def from_cold(*_: object) -> None:
        raise AssertionError("grouped from cold")

    monkeypatch.setattr(stories, "_every_pair", from_cold)
    added = stories.group([a, both, c, other], cache)  # type: ignore[list-item]
    assert added[a.id] == added[both.id] == added[c.id] == a.id != added[other.id]
    removed = stories.group([a, c, other], cache)  # type: ignore[list-item]
    assert removed == {a.id: a.id, c.id: c.id, other.id: other.id}
    # three copies of one text, joined through the one with the least id: without it, the two
    # left are judged again, and stay one story
    hub, *rest = sorted((article(texts[0] + tail, "2015-08-05") for tail in ("", " تحديث.", " انتهى.")),
                        key=lambda x: x.id)
    monkeypatch.undo()
    stories.group([hub, *rest, other], Store(tmp_path / "hub"))  # type: ignore[list-item]
    monkeypatch.setattr(stories, "_every_pair", from_cold)
    left = stories.group([*rest, other], Store(tmp_path / "hub"))  # type: ignore[list-item]
    assert left[rest[0].id] == left[rest[1].id] != left[other.id]
    monkeypatch.undo()
    assert added == stories.group([a, both, c, other], Store(tmp_path / "cold-1"))  # type: ignore[list-item]
    assert removed == stories.group([a, c, other], Store(tmp_path / "cold-2"))  # type: ignore[list-item]
