"""Places and actors at addresses a person can read and cite, that stay put: the registry's id
or the name as written, never a hash; an old address (the id's, another name's) leads on."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from builder.arabic.addresses import address_name
from builder.extract.entities import _place
from builder.model import Article, Entity, Origin
from builder.pack import file_links
from builder.pages.entities import moved
from builder.registry import Registry
from tests.conftest import ROOT, make_project


@pytest.mark.parametrize(("name", "address"), [
    ("دير الزور", "دير-الزور"),
    ("حَلَب", "حلب"),  # diacritics are not part of the address
    ("الـرياض", "الرياض"),  # nor tatweel
    ("\u200fصنعاء\u200f", "صنعاء"),  # nor direction marks
    ("BBC News", "bbc-news"),
    ("منظمة \"أطباء بلا حدود\" / فرع جنيف?", "منظمة-أطباء-بلا-حدود-فرع-جنيف"),
    ("١١ سبتمبر", "١١-سبتمبر"),
    ("--", ""),
])
def test_a_name_becomes_a_readable_address(name: str, address: str) -> None:
    assert address_name(name) == address


def test_the_registry_s_id_else_the_name_gives_the_address() -> None:
    reg = Registry.load_text("""
entities:
  - {id: aleppo, name: حلب, type: LOC}
  - {name: دير الزور, type: LOC}
  - {name: bbc, type: ORG}
  - {id: bbc, name: بي بي سي, type: ORG}
  - {name: Index, type: ORG}
""")
    paths = {e.name: e.path_name for e in reg.entities.values()}
    assert paths["حلب"] == "aleppo" and paths["دير الزور"] == "دير-الزور" and paths["bbc"] == "bbc"
    # an address already taken, or an index page's, is the entity's id
    assert paths["بي بي سي"] == "bbc" or paths["bbc"] != paths["بي بي سي"]
    assert paths["Index"].startswith("e-")


def test_an_actor_found_by_machine_gets_the_address_a_reviewed_entry_would() -> None:
    """Its name as written; its id when the name is an index page's or a device's, or an
    address the registry or another such actor already has."""
    from builder.extract.entities import EntityFinder, Proposal

    finder = EntityFinder(Registry.load_text("entities:\n  - {name: شركة أوتيس, type: ORG}\n"))
    paths = [finder._machine_entity(Proposal(name, "ORG")).path_name
             for name in ("شركة كريم", "CON", "Index", "شركة أوتيس", "شركة كريم")]
    assert paths[0] == "شركة-كريم" and all(p.startswith("e-") for p in paths[1:])


#: names the recogniser ran together in a SaudiNewsNet article (a list of the honoured)
RUN_TOGETHER = ("علي عمر سهلي محمد علي إسماعيل ماجد محمد أبو شرحة سمير عبدالله الحربي عصام أحمد "
                "سليماني يوسف سليمان دكام عبدالله أحمد شوعي")


def test_a_name_too_long_for_an_address_goes_by_its_id() -> None:
    """Its page and the old addresses of its aliases stay paths a build can write: a whole
    corpus build had failed on such a name found by machine."""
    from builder.extract.entities import EntityFinder, Proposal
    from builder.writer import safe_relpath

    assert address_name(RUN_TOGETHER) == "" and address_name("ب" * 75) == "ب" * 75
    safe_relpath(f"places/{address_name('ب' * 75)}-sa-22.md")  # the longest address still fits
    finder = EntityFinder(Registry())
    machine = finder._machine_entity(Proposal(RUN_TOGETHER, "ORG"))
    assert machine.path_name == machine.id
    named = Entity(id="e-0123456789", name="حلب", type="LOC", aliases=(RUN_TOGETHER,), path_name="حلب")
    assert list(moved({named.id: [_article(named.id)]}, {named.id: named})) == [
        ("places/e-0123456789/index.html", {"name": "حلب", "href": "../%D8%AD%D9%84%D8%A8/"})]


def test_names_run_together_are_no_person_until_reviewed() -> None:
    """Twenty-one words in one mention are not linked as a person found by machine, cue or not;
    nine, a person's full name with its lineage, are."""
    from builder.extract.entities import Proposal

    run = Proposal(RUN_TOGETHER, "PER")
    full = Proposal("محمد بن نايف بن عبدالعزيز بن عبدالرحمن آل سعود", "PER")
    for prop in (run, full):
        prop.cue = True
    assert full.confident and not run.confident and run.worth_review


def test_two_places_of_one_name_from_two_sources_get_two_addresses() -> None:
    """Gibraltar from the gazetteer and a mountain جبل طارق found by machine in another article
    had both claimed ``places/جبل-طارق``, and the whole corpus failed to build: the
    gazetteer's keeps the address, the other goes by its id, whichever came first."""
    from builder.extract.entities import EntityFinder

    gibraltar = Entity(id="geo-7e9646ec3d", name="جبل طارق", type="LOC", path_name="جبل-طارق",
                       status="gazetteer", country="GI")
    mountain = Entity(id="geo-331f0ba6c9", name="جبل طارق", type="LOC", path_name="جبل-طارق",
                      status="machine")
    finder = EntityFinder(Registry())
    for made in ({mountain.id: mountain, gibraltar.id: gibraltar},
                 {gibraltar.id: gibraltar, mountain.id: mountain}):
        finder.made = made
        every = finder.entities()
        assert every[gibraltar.id].path_name == "جبل-طارق"
        assert every[mountain.id].path_name == mountain.id and list(every) == list(made)


def test_a_gazetteer_place_s_address_is_its_name_with_its_country_when_shared() -> None:
    from collections import Counter

    reg = Registry()
    london = _place("لندن", Counter(), reg)
    tripoli = _place("طرابلس", Counter({"LB": 3}), reg)
    assert isinstance(london, Entity) and london.path_name == "لندن"
    libya = _place("طرابلس", Counter({"LY": 3}), reg)
    assert isinstance(tripoli, Entity) and isinstance(libya, Entity)
    assert tripoli.country == "LB" and libya.country == "LY"
    # the more populous keeps the bare name, the other adds its country
    assert sorted([tripoli.path_name, libya.path_name]) in (["طرابلس", "طرابلس-lb"],
                                                            ["طرابلس", "طرابلس-ly"])


def _article(eid: str) -> Article:
    return Article(id="a" * 12, title="t", date=None, source="", url="", author="", summary="",
                   words=1, origin=Origin("x.txt"), body="", markup="text", text="", places=[eid])


def test_old_addresses_lead_to_the_page_and_never_hide_one() -> None:
    syria = Entity(id="syria", name="سوريا", type="LOC", aliases=("سورية", "حلب"), path_name="syria")
    aleppo = Entity(id="geo-0123456789", name="حلب", type="LOC", path_name="حلب")
    found = {"syria": [_article("syria")], "geo-0123456789": [_article("geo-0123456789")]}
    pages = dict(moved(found, {"syria": syria, "geo-0123456789": aleppo}))
    assert pages["places/سورية/index.html"]["href"] == "../syria/"
    assert pages["places/geo-0123456789/index.html"]["href"] == "../%D8%AD%D9%84%D8%A8/"
    assert "places/حلب/index.html" not in pages  # Aleppo's own page, not a way to Syria
    assert "places/syria/index.html" not in pages


def test_a_built_site_names_its_pages_and_sends_old_addresses_on(tmp_path: Path) -> None:
    from builder.build import build

    root = make_project(tmp_path / "a")
    shutil.copytree(ROOT / "content" / "seed", root / "content" / "seed")
    shutil.copy(ROOT / "content" / "entities.yml", root / "content" / "entities.yml")
    build(root, progress=False, out=open(os.devnull, "w"))  # noqa: SIM115
    site = (root / "site").resolve()
    named = {p.name for p in (site / "places").iterdir() if (p / "index.html").exists()}
    assert {"syria", "baghouz", "deir-ez-zor"} <= named  # the registry's ids
    article = next((site / "articles").rglob("index.html")).read_text(encoding="utf-8")
    assert not re.search(r'href="[^"]*/(?:places|actors)/(?:geo|e)-[0-9a-f]{10}/', article)
    redirects = [p for p in (site / "places").glob("*/index.html")
                 if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")]
    assert redirects
    for page in redirects:
        target = re.search(r'url=([^"]+)"', page.read_text(encoding="utf-8"))
        assert target is not None
        from urllib.parse import unquote
        assert (page.parent / unquote(target[1]) / "index.html").resolve().is_file()
        assert 'http-equiv="refresh"' not in (page.parent / unquote(target[1]) / "index.html").read_text()
    # opened from disk (a pack), the refresh goes to the page's file
    assert "url=../syria/index.html" in file_links('<meta http-equiv="refresh" content="0; url=../syria/">')
