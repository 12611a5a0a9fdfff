"""Search finds every article holding the word in any of its forms (clitics, hamza, ى/ي, ة/ه,
known spellings, inflections) and none that only holds a word that looks like it; a quoted
phrase finds its words together; words standing together rank first (Chromium)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import built
from tests.test_search import names, run_query

FIXTURE = Path(__file__).parent / "fixtures" / "lookalike"

# query -> the articles (file names) it must find, and nothing else
FINDS: list[tuple[str, set[str]]] = [
    ("سورية", {"syria"}), ("سوريا", {"syria"}), ("سيارة", {"car"}), ("السيارة", {"car"}),
    # the article and ة say the final letter is no pronoun: not «وخلافه» (and the like of it),
    # but الخلافه written with ه
    ("الخلافة", {"caliphate", "caliphate-h"}), ("خليفة", {"caliph"}), ("خلفية", {"background"}),
    ("اليمن", {"yemen"}), ("اليمين", {"oath"}),
    ("جدة", {"jeddah", "jeddah-h"}), ("بجدة", {"jeddah", "jeddah-h"}), ("وجدة", {"jeddah", "jeddah-h"}),
    ("جده", {"jeddah", "jeddah-h"}), ("وخلافه", {"likewise", "caliphate", "caliphate-h"}),
    ("مواطن", {"citizens"}), ("المواطنين", {"citizens"}), ("مواطنون", {"citizens"}),
    ('"ولي العهد"', {"crown"}), ("«ولي العهد»", {"crown"}),
    ("زغبرطوشيات", set()),
]


@pytest.fixture(scope="module")
def lookalike_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "lookalike", FIXTURE)


@pytest.mark.parametrize(("query", "expected"), FINDS, ids=[q for q, _ in FINDS])
def test_a_word_finds_its_forms_and_not_its_look_alikes(
        lookalike_site: Path, serve: Callable[[Path], str], browser: Any,
        query: str, expected: set[str]) -> None:
    base = serve(lookalike_site / "site")
    by_id = names(lookalike_site)
    page = browser.new_page()
    assert {by_id[i] for i in run_query(page, base, query)} == expected
    page.close()


def test_words_standing_together_rank_first(lookalike_site: Path, serve: Callable[[Path], str],
                                            browser: Any) -> None:
    base = serve(lookalike_site / "site")
    by_id = names(lookalike_site)
    page = browser.new_page()
    assert [by_id[i] for i in run_query(page, base, "ولي العهد")] == ["crown", "apart"]
    page.close()


def test_newest_first_on_request(lookalike_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    """``sort=date`` lists the newest first whatever the score; the form keeps the choice."""
    base = serve(lookalike_site / "site")
    by_id = names(lookalike_site)
    page = browser.new_page()
    assert [by_id[i] for i in run_query(page, base, "ولي العهد", sort="date")] == ["apart", "crown"]
    assert page.input_value("select[name=sort]") == "date"
    page.close()
