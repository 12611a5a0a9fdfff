"""The reader's web in Chromium, on the sample archive: no serious accessibility violation
(axe-core) on any kind of page, charts of articles over time, counts in Arabic agreement,
the search form and chips laid out at every width, a printable article, and names and dates in
an article's text that lead to their pages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from babel import Locale

from builder.arabic.counts import NOUNS, count

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def kinds(site: Path) -> dict[str, str]:
    """One page of every kind the archive has."""
    report = json.loads((site / "build-report.json").read_text())
    article = next(p["page"] for p in report["pages"] if p["page"].startswith("articles/2019/"))
    return {"home": "", "timeline": "timeline/", "year": "timeline/2015/", "places": "places/",
            "place": "places/syria/", "actors": "actors/", "actor": "actors/isis/",
            "search": "search/?q=سوريا", "article": article.removesuffix(".md") + "/"}


def open_page(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "search/?" in url:
        page.wait_for_selector("#arshif-search[data-done]")


def test_no_serious_or_critical_axe_violation_on_any_kind_of_page(
        sample_site: Path, serve: Callable[[Path], str], browser: Any, node_tools: Path) -> None:
    base = serve(sample_site / "site")
    axe = (node_tools / "axe-core" / "axe.min.js").read_text()
    page = browser.new_page()
    found = {}
    for kind, path in kinds(sample_site / "site").items():
        open_page(page, base + path)
        page.add_script_tag(content=axe)
        violations = page.evaluate("tags => axe.run(document, {runOnly: tags}).then(r => r.violations"
                                   ".map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))",
                                   AXE_TAGS)
        found[kind] = [v for v in violations if v[1] in ("serious", "critical")]
        assert page.evaluate("axe.version").startswith("4.")
    assert found == {kind: [] for kind in found}
    page.close()


def test_charts_of_articles_over_time(sample_site: Path, serve: Callable[[Path], str],
                                      browser: Any) -> None:
    base = serve(sample_site / "site")
    rows = [json.loads(line) for line in (sample_site / "site/data/articles.jsonl").read_text().splitlines()]
    page = browser.new_page()
    named = {r["id"]: {e["id"] for e in r["places"] + r["actors"]} for r in rows if r["date"]}
    expected = {"": len(named), "places/syria/": sum("syria" in ids for ids in named.values()),
                "actors/isis/": sum("isis" in ids for ids in named.values())}
    for path, dated in expected.items():
        open_page(page, base + path)
        svg = page.locator("figure.arshif-chart svg[role=img]")
        assert svg.count() == 1, path
        title = page.locator("#" + svg.get_attribute("aria-labelledby")).text_content()
        assert title and ("في كل شهر" in title or "في كل سنة" in title), path
        table = page.locator("figure.arshif-chart table")
        assert table.locator("caption").text_content() == title
        counts = [int(c) for c in table.locator("td").all_text_contents()]
        assert sum(counts) == dated and len(counts) == svg.locator("rect").count(), path
        xs = svg.locator("rect").evaluate_all("rs => rs.map(r => Number(r.getAttribute('x')))")
        assert xs == sorted(xs, reverse=True), path  # the earliest period on the right
        ticks = svg.locator("text.arshif-chart-tick").all_text_contents()
        assert ticks and all(re.fullmatch(r"\d{4}|[\u0600-\u06ff ]+", t) for t in ticks), (path, ticks)
        assert svg.bounding_box()["width"] > 300
    page.close()


def _wrong_counts(text: str) -> list[str]:
    """Every number before one of the counted nouns in ``text`` that is not in agreement."""
    words: dict[str, set[str]] = {}  # a noun's word after a number -> the nouns it may be
    for noun, forms in NOUNS.items():
        for form in forms.values():
            words.setdefault(form.replace("{n} ", "").split(" ")[0], set()).add(noun)
    wrong = []
    nouns = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    pattern = r"(?<![\d٠-٩])([0-9٠-٩]+) (" + nouns + r")(?!\w)"
    for m in re.finditer(pattern, text):
        n = int(m.group(1).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
        agreed = {count(n, noun).split(" ")[:2] == [m.group(1), m.group(2)] for noun in words[m.group(2)]}
        if True not in agreed:
            wrong.append(m.group())
    return wrong


#: where a page shows the articles' own words (titles, text, leads), which are not the archive's
ARTICLE_WORDS = "//title | //h1 | //*[" + " or ".join(
    f"contains(@class, 'arshif-{part}')" for part in
    ("body", "entry-lead", "entry-title", "related", "elsewhere", "copies", "cite")) + "]"


def the_archives_words(page: str) -> list[str]:
    """The text nodes of a page that the archive writes itself (a count is one text node)."""
    doc = lxml.html.fromstring(page)
    for el in doc.xpath(ARTICLE_WORDS):
        el.drop_tree()
    return [str(t) for t in doc.xpath("//body//text()")]


def test_no_count_in_the_wrong_arabic_form_on_any_page(sample_site: Path) -> None:
    assert _wrong_counts("٧ مقالة و1 مقالة و3 نتيجة و11 مقالات و2 مصدران") == \
        ["٧ مقالة", "1 مقالة", "3 نتيجة", "11 مقالات", "2 مصدران"]
    assert _wrong_counts("7 مقالات و11 مقالةً و100 مقالة و3 مصادر أخرى") == []
    site = sample_site / "site"
    checked = 0
    for f in site.rglob("*.html"):
        text = "\n".join(the_archives_words(f.read_text()))
        text = re.sub(r"[ \t]+", " ", text)
        assert _wrong_counts(text) == [], f
        assert not re.search(r"(\d{4})–\1", text), f  # ranges of one period collapse
        assert not re.search(r"أول ذكر: ([^·\n]+) · آخر ذكر: \1\n", text), f
        checked += 1
    assert checked > 100


def test_search_counts_by_the_browsers_cldr_rule(sample_site: Path, serve: Callable[[Path], str],
                                                  browser: Any) -> None:
    base = serve(sample_site / "site")
    page = browser.new_page()
    open_page(page, base + "search/?q=داعش")
    total = int(page.locator("#arshif-search").get_attribute("data-total"))
    assert page.locator(".arshif-search-status").inner_text().startswith(count(total, "result") + " لـ«")
    ns = list(range(0, 320))
    browser_forms = page.evaluate("ns => ns.map(n => new Intl.PluralRules('ar').select(n))", ns)
    assert browser_forms == [Locale.parse("ar").plural_form(n) for n in ns]
    page.close()


def test_search_form_is_one_labelled_row(sample_site: Path, serve: Callable[[Path], str],
                                         browser: Any) -> None:
    base = serve(sample_site / "site")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    open_page(page, base + "search/?q=سوريا")
    controls = page.locator(".arshif-search-form input[type=search], .arshif-search-form select, "
                            ".arshif-search-form button")
    boxes = [controls.nth(i).bounding_box() for i in range(controls.count())]
    assert len(boxes) == 6
    assert max(b["y"] + b["height"] for b in boxes) - min(b["y"] for b in boxes) < 60  # one row
    for i in range(5):
        control = controls.nth(i)
        label = page.locator(f"label[for='{control.get_attribute('id')}']")
        assert label.is_visible() and label.inner_text().strip(), i
    field = page.locator("#arshif-q")
    style = field.evaluate("e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).borderTopStyle]")
    assert style[0] != "0px" and style[1] != "none"
    page.close()


@pytest.mark.parametrize("width", [320, 768, 1280])
def test_chips_wrap_inside_the_content_area(sample_site: Path, serve: Callable[[Path], str],
                                            browser: Any, width: int) -> None:
    base = serve(sample_site / "site")
    page = browser.new_page(viewport={"width": width, "height": 900})
    pages = kinds(sample_site / "site")
    for path in (pages["place"], pages["actor"], pages["article"], pages["home"]):
        open_page(page, base + path)
        outside = page.evaluate("""() => {
          const box = document.querySelector('.md-content__inner').getBoundingClientRect();
          return [...document.querySelectorAll('.arshif-tag')].filter(t => {
            const r = t.getBoundingClientRect();
            return r.width && (r.left < box.left - 1 || r.right > box.right + 1);
          }).map(t => t.textContent);
        }""")
        assert outside == [], (width, path)
        assert page.locator(".arshif-tag").count() > 0
    page.close()


def test_an_article_prints_without_header_navigation_or_search(
        sample_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(sample_site / "site")
    page = browser.new_page()
    open_page(page, base + kinds(sample_site / "site")["article"])
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".arshif-header-search"):
        assert page.locator(hidden).evaluate_all("es => es.every(e => !e.offsetParent && "
                                                 "getComputedStyle(e).display === 'none' || "
                                                 "getComputedStyle(e).display === 'none')"), hidden
    assert page.locator(".arshif-body").is_visible() and page.locator("h1").is_visible()
    assert len(page.pdf()) > 1000
    page.close()


def test_names_and_dates_in_the_text_lead_to_their_pages(
        sample_site: Path, serve: Callable[[Path], str], browser: Any) -> None:
    base = serve(sample_site / "site")
    rows = {json.loads(line)["id"]: json.loads(line)
            for line in (sample_site / "site/data/articles.jsonl").read_text().splitlines()}
    pages = {f: f.read_text() for f in sorted((sample_site / "site/articles").glob("*/*/index.html"))}
    path = next(str(f.parent.relative_to(sample_site / "site")) + "/" for f, text in pages.items()
                if text.count('class="arshif-named"') >= 5 and 'class="arshif-when"' in text)
    row = rows[path.rstrip("/").rsplit("/", 1)[1]]
    page = browser.new_page()
    open_page(page, base + path)
    body = page.locator(".arshif-body")
    assert " ".join(body.inner_text().split()) == " ".join(row["text"].split())  # the text intact
    named = body.locator("a.arshif-named")
    hrefs = named.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)) >= 5  # one link a place or actor: its first mention
    tags = page.locator(".arshif-meta .arshif-tag")
    names = dict(zip(tags.evaluate_all("as => as.map(a => a.getAttribute('href'))"),
                     tags.all_inner_texts(), strict=True))
    assert set(hrefs) <= set(names)  # the article's own places and actors
    first = hrefs[0]
    named.first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == names[first]
    assert "/places/" in page.url or "/actors/" in page.url
    open_page(page, base + path)
    when = page.locator(".arshif-body a.arshif-when").first
    target = when.get_attribute("href")
    when.click()
    page.wait_for_load_state("networkidle")
    assert "/timeline/" in page.url
    if "#" in target:
        assert page.locator("#" + target.split("#", 1)[1]).count() == 1
    page.close()
