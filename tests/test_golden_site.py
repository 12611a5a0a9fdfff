"""Whole-site golden test (after Pelican's): a small fixture archive's generated pages, compared
file by file with tests/golden/site. ``pytest --update-golden`` rewrites them; read the diff."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from builder.build import build
from tests.conftest import make_project

FIXTURE = Path(__file__).parent / "fixtures" / "search"
GOLDEN = Path(__file__).parent / "golden" / "site"
PAGES = ["index.md", "timeline/index.md", "timeline/2015.md", "timeline/undated.md",
         "places/index.md", "places/syria.md", "actors/index.md", "actors/coalition.md",
         "search/index.md", "data/timeline.json", "data/entities.json", "feed.xml"]


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("golden") / "archive", FIXTURE)
    (root / "content" / "undated.txt").write_text(
        "title: خبر بلا تاريخ\n\nنص خبر لا يذكر تاريخه ولا يحمل بيانات نشر، ويبقى في صفحة خاصة.\n",
        encoding="utf-8")
    build(root, progress=False, out=io.StringIO())
    return root / "docs"


@pytest.mark.parametrize("page", PAGES)
def test_generated_page(docs: Path, page: str, update_golden: bool) -> None:
    got = (docs / page).read_text(encoding="utf-8")
    expected = GOLDEN / page
    if update_golden or not expected.exists():
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{expected} did not exist: written, check it and commit it")
    assert got == expected.read_text(encoding="utf-8")


def test_every_article_reachable_from_timeline(docs: Path) -> None:
    timeline = "".join(p.read_text() for p in (docs / "timeline").glob("*.md"))
    for page in (docs / "articles").rglob("*.md"):
        assert f"{page.stem}/" in timeline, page
