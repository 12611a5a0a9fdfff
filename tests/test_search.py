"""Search: the index files, the browser twin of the normaliser, and a query table in Chromium."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from builder import search_index
from builder.arabic import terms
from builder.arabic.normalize import Folded, fold, joined, stem, words
from builder.arabic.terms import keys, open_ending, root, word_keys
from builder.build import build
from builder.search_index import fnv1a, stored_keys
from tests.conftest import ROOT, built, make_project

CASES = json.loads((Path(__file__).parent / "normalize_cases.json").read_text(encoding="utf-8"))
FIXTURE = Path(__file__).parent / "fixtures" / "search"
STEM_WORDS = ["والتحالف", "التحالف", "تحالف", "وداعش", "لتنظيم", "بيروت", "وقال", "كتاب",
              "للمدرسة", "الديموقراطية", "الديمقراطية", "سوريا", "سورية", "فبالمدرسة", "ولل", "2014",
              "بجدة", "وولي", "للمواطنين", "مواطنون", "السعودية", "الاقتصادية", "سيارات", "اليمين"]

# query -> the articles (file names) it must find; each row's variants must agree
QUERIES: list[tuple[list[str], set[str]]] = [
    (["الإرهابيين", "الارهابيين", "الإرهابيّين", "إرهابيين"], {"coalition", "variants"}),
    (["التحالف", "والتحالف", "تحالف", "وَالتَّحالُف"], {"coalition", "variants"}),
    (["٢٠١٤", "2014", "۲۰۱۴"], {"coalition", "variants"}),
    (["الديموقراطية", "الديمقراطية", "الديمقراطيه"], {"coalition", "variants"}),
    (["مستشفى", "مستشفي", "المستشفى"], {"coalition", "variants"}),
    (["المرأة", "المراة", "المرأه"], {"coalition", "variants"}),
    (["سوريا", "سورية", "سوريه"], {"coalition", "variants"}),
    (["الكتاب", "كتاب", "الكتّاب"], {"book"}),
    (["بيروت", "وبيروت"], {"beirut"}),
    (["رمضان", "رمضـــان"], {"hijri"}),
    (["معرض الرياض", "المعرض والرياض"], {"book"}),
    # a name after عبد or أبو is written joined or apart: either spelling finds both
    (["عبدالله", "عبد الله", "وعبدالله", "لعبد الله", "عبد اللّه"], {"book", "beirut"}),
    (["عبد الله حداد", "عبدالله حداد"], {"beirut"}),
    (["أبوظبي", "أبو ظبي", "وأبو ظبي", "ابوظبى"], {"hijri", "variants"}),
    (["زغبرطوشيات"], set()),
    (["بيروت رمضان"], set()),
]


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory, "search", FIXTURE)


@pytest.fixture(scope="module")
def segmented_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The same archive with its index split in four segments (as a large archive's is)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search_index, "SEGMENT_DOCS", 2)
        root = make_project(tmp_path_factory.mktemp("segmented") / "archive", FIXTURE)
        build(root, progress=False, out=io.StringIO())
    yield root


def names(site: Path) -> dict[str, str]:
    report = json.loads((site / "site" / "build-report.json").read_text())
    return {p["id"]: Path(p["input"]).stem for p in report["pages"]}


def run_query(page: Any, base: str, query: str, **filters: str) -> list[str]:
    params = "&".join(f"{k}={v}" for k, v in {"q": query, **filters}.items())
    page.goto(f"{base}search/?{params}")
    page.wait_for_selector("#arshif-search[data-done]", timeout=10_000)
    return page.eval_on_selector_all(".arshif-result", "els => els.map(e => e.dataset.id)")


def test_keys_and_shards() -> None:
    found = keys("والتحالف الدولي و الديموقراطية بجدة وولي العهد للمواطنين")
    assert found["تحالف"] == 1 and found["=ديمقراطيه"] == 1 and found["ديموقراطيه"] == 1
    assert found["^جده"] == 1 and found["+مواطن"] == 1
    assert found["تحالف_دولي"] == 1 and found["ولي_عهد"] == 1 and found["وولي_عهد"] == 1
    assert not any(k.startswith("~") for k in found)  # no key that drops a word's long vowels
    assert [root(k) for k in ("=ديمقراطيه", "^جده", "+مواطن", "ولي_عهد", "y:2019")] == \
        ["ديمقراطيه", "جده", "مواطن", "ولي", "y:2019"]
    assert fnv1a(["تحالف", "x", "تحالف", ""]) == [fnv1a(["تحالف"])[0], fnv1a(["x"])[0],
                                                   fnv1a(["تحالف"])[0], 0x811C9DC5]


def test_browser_twin_matches_python(search_site: Path, serve: Callable[[Path], str],
                                     browser: Any) -> None:
    """fold/words/stem and the classed keys in the browser give what Python gives, on the table
    and at random."""
    base = serve(search_site / "site")
    page = browser.new_page()
    page.goto(base)
    rng = random.Random(7)
    alphabet = ("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةـًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩۰۴،؛؟ \u200f\u200cAZaz09.-_"
                "ﻻﺍﺏ")
    samples = [c[0] for c in CASES] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
                                       for _ in range(300)]
    samples += ["الخلافة وخلافه والخلافه ﺟﺪﺓ جده مياه المياه ۀ", "سماهٌ ةة ة"]
    got = page.evaluate("s => s.map(t => [Arshif.fold(t), Arshif.words(t), Arshif.marbuta(t)])", samples)
    assert got == [[fold(t), list(words(t)), Folded.of(t).marbuta()] for t in samples]
    written = [(w, m) for t in samples for w, m in zip(words(t), Folded.of(t).marbuta(), strict=True)]
    got_open = page.evaluate("([ws, v]) => ws.map(([w, m]) => Arshif.wordKeys(Arshif.stem(w), v, "
                             "Arshif.openEnding(w, Arshif.stem(w), m)))", [written, terms.variants()])
    assert got_open == [list(word_keys(stem(w), open_ending(w, stem(w), m))) for w, m in written]
    assert any(k[0].startswith("?") for k in got_open) and not all(k[0].startswith("?") for k in got_open)
    folded = [fold(w) for w in STEM_WORDS] + [w for t in samples for w in words(t)]
    table = terms.variants()
    folded += list(table)
    got_stems = page.evaluate(
        "([ws, v]) => ws.map(w => [Arshif.stem(w), Arshif.wordKeys(Arshif.stem(w), v)])", [folded, table])
    assert got_stems == [[stem(w), list(word_keys(stem(w)))] for w in folded]
    probe = ["=ديمقراطيه", "^جده", "+مواطن", "ولي_عهد", "y:2019", "p:syria", "تحالف"]
    assert page.evaluate("ks => ks.map(Arshif.root)", probe) == [root(k) for k in probe]
    assert page.evaluate("ks => ks.map(Arshif.storedKey)", probe) == stored_keys(probe)
    pairs = [list(words(t)) for t in ("قال عبد الله ولعبد العزيز", "معبد الحرم وعبد ربه", "عبد",
                                       "أبو عبد الله وأبو ظبي أبو 3 أبو أبو")] + \
        [list(words(t)) for t in samples]
    assert page.evaluate("ps => ps.map(Arshif.joined)", pairs) == [joined(p) for p in pairs]
    hashed = ["تحالف", "=دمقرطه", "y:2019", "", "ا" * 300, *folded, *("_".join(p) for p in pairs)]
    assert page.evaluate("k => k.map(Arshif.fnv1a)", hashed) == fnv1a(hashed)
    assert page.evaluate("ks => ks.map(Arshif.storedKey)", hashed) == stored_keys(hashed)
    page.close()


@pytest.mark.parametrize("variants,expected", QUERIES, ids=[q[0][0] for q in QUERIES])
def test_query_variants_find_the_same_articles(
        search_site: Path, serve: Callable[[Path], str], browser: Any,
        variants: list[str], expected: set[str]) -> None:
    base = serve(search_site / "site")
    by_id = names(search_site)
    page = browser.new_page()
    for query in variants:
        found = {by_id[i] for i in run_query(page, base, query)}
        assert found == expected, query
    page.close()


def test_segments_merged_in_the_browser_find_the_same(
        segmented_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    meta = json.loads((segmented_site / "site" / "search" / "meta.json").read_text())
    assert len(meta["segments"]) == 4 and sum(n for n, _ in meta["segments"]) == 5
    base = serve(segmented_site / "site")
    by_id = names(segmented_site)
    page = browser.new_page()
    for variants, expected in QUERIES:
        for query in variants:
            assert {by_id[i] for i in run_query(page, base, query)} == expected, query
    assert {by_id[i] for i in run_query(page, base, "التحالف", year="2019")} == {"coalition"}
    page.close()


def test_results_show_title_date_and_marked_passage_as_written(
        search_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(search_site / "site")
    page = browser.new_page()
    run_query(page, base, "الارهابيين")
    first = page.locator(".arshif-result").first
    marks = first.locator("mark").all_inner_texts()
    assert marks and all(fold(m) in ("الارهابيين",) for m in marks)
    texts = page.locator(".arshif-result mark").all_inner_texts()
    assert "الإرهابيين" in texts  # shown with its hamza, as written
    assert page.locator(".arshif-result .arshif-entry-date").first.inner_text()
    assert page.input_value(".arshif-search-form input[name=q]") == "الارهابيين"
    page.close()


def test_a_name_is_marked_as_written_whichever_way_the_query_wrote_it(
        search_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    """``عبدالله`` marks ``عبد الله`` (both words) and ``عبد الله`` marks ``عبدالله``."""
    base = serve(search_site / "site")
    page = browser.new_page()
    for query in ("عبدالله", "عبد الله"):
        run_query(page, base, query)
        marks = sorted(page.locator(".arshif-result mark").all_inner_texts())
        assert marks == ["الله", "عبد", "عبدالله"], query
    # a token of tatweel alone has no word: beside a name it must not break the excerpt
    parts = page.evaluate("Arshif.excerpt('قال ـــ عبد الله', [{stem: 'عبدالله'}], 30, {})")
    assert [p["text"] for p in parts if p.get("mark")] == ["عبد", "الله"]
    page.close()


def test_filters_narrow_by_year(search_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(search_site / "site")
    by_id = names(search_site)
    page = browser.new_page()
    assert {by_id[i] for i in run_query(page, base, "التحالف", year="2015")} == {"variants"}
    assert {by_id[i] for i in run_query(page, base, "التحالف", year="2019")} == {"coalition"}
    options = page.eval_on_selector_all("select[name=year] option", "os => os.map(o => o.value)")
    assert {"2015", "2016", "2019"} <= set(options)
    page.close()


def test_header_box_submits_to_results_page(search_site: Path, serve: Callable[[Path], str],
                                            browser: Any) -> None:
    base = serve(search_site / "site")
    page = browser.new_page(viewport={"width": 1300, "height": 800})
    page.goto(base)
    page.fill(".arshif-header-search input", "بيروت")
    page.press(".arshif-header-search input", "Enter")
    page.wait_for_selector("#arshif-search[data-done]", timeout=10_000)
    assert "search/?q=" in page.url
    assert page.locator(".arshif-result").count() == 1
    page.close()


def test_index_files_are_inside_the_site(search_site: Path) -> None:
    meta = json.loads((search_site / "site" / "search" / "meta.json").read_text())
    assert meta["docs"] == 5 and meta["segments"] == [[5, meta["segments"][0][1]]]
    shards = list((search_site / "site" / "search" / "0" / "s").glob("*.json"))
    assert len(shards) == meta["segments"][0][1]
    assert ROOT.exists()
