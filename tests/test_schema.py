"""The front-matter schema: every golden page matches it, and it refuses what it must."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.pages.schema import SchemaError, check_article

GOLDEN = Path(__file__).parent / "golden"


def fronts() -> list[dict[str, object]]:
    out = []
    for path in sorted((GOLDEN / "readers").glob("*.expected.md")):
        for part in path.read_text(encoding="utf-8").split("# page ")[1:]:
            out.append(yaml.safe_load(part.split("---\n")[1]))
    return out


def test_golden_pages_match() -> None:
    found = fronts()
    assert len(found) >= 10
    for front in found:
        check_article(front)


@pytest.mark.parametrize("change", [
    {"date": "2019-3-1"}, {"date": 2019}, {"title": ""}, {"places": ["../etc"]},
    {"id": "../../x"}, {"words": 0}, {"dates": [{"text": "x", "value": "soon", "calendar": "gregorian"}]},
    {"unexpected": 1},
])
def test_refuses(change: dict[str, object]) -> None:
    front = dict(fronts()[0]) | change
    with pytest.raises(SchemaError):
        check_article(front)


def test_a_page_that_fails_names_the_article_it_came_from(tmp_path: Path) -> None:
    """The check's own message names the field; the build's names the input file as well."""
    from builder.pages.render import Page, PageError, environment, render

    front = dict(fronts()[0]) | {"dates": [{"text": "x", "value": "615", "calendar": "gregorian"}]}
    bad = Page("articles/2015/x.md", front, "article.html.j2", {}, owner="content/a.jsonl:7",
               check=check_article)
    with pytest.raises(PageError, match=r"content/a\.jsonl:7 \(articles/2015/x\.md\).*value"):
        render(environment([tmp_path]), bad)
