"""Entities: the recogniser (fast decoding equals crfsuite's), the registry, the seed, the CLI."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
import yaml

from builder.arabic.normalize import fold
from builder.assemble import assemble
from builder.extract.entities import EntityFinder, resolve
from builder.model import Origin, RawArticle
from builder.ner.corpus import read_conll, spans
from builder.ner.features import sentence_features
from builder.ner.recognizer import TOKEN, Recognizer
from builder.ner.resources import MODEL, load_resources
from builder.ner.tagger import _tables, _tables_from_dump, export_tables, tables_path
from builder.registry import Registry, RegistryError, key
from tests.conftest import ROOT

SHARED = ROOT.parent / "shared" / "data"
SEED = ROOT / "content" / "seed" / "baghouz.txt"


@pytest.fixture(scope="module")
def recognizer() -> Recognizer:
    return Recognizer()


def test_fast_decoding_equals_crfsuite(recognizer: Recognizer) -> None:
    sentences = [toks for toks, _ in read_conll(SHARED / "ner" / "aqmar" / "dev.txt")][:300]
    sentences.append([m.group() for m in TOKEN.finditer(SEED.read_text())])
    reference = pycrfsuite.Tagger()
    reference.open(str(MODEL))
    res = load_resources()
    expected = [reference.tag(sentence_features(s, res)) for s in sentences]
    assert recognizer.tagger.tag_many(sentences) == expected
    assert [recognizer.tagger.tag(s) for s in sentences[:20]] == expected[:20]


def test_shipped_tables_are_the_models_weights(tmp_path: Path) -> None:
    """The arrays the tagger starts from are the shipped model's weights, and arrays stamped
    for another model are not used."""
    exported = _tables(MODEL)
    assert tables_path(MODEL).exists()
    from_model = _tables_from_dump(MODEL)
    assert exported[:2] == from_model[:2]
    assert all(np.array_equal(a, b) for a, b in zip(exported[2:], from_model[2:], strict=True))
    copy = tmp_path / "copy.crfsuite"
    shutil.copy(MODEL, copy)
    with np.load(export_tables(copy)) as stored:
        arrays = dict(stored)
    arrays["matrix"] = arrays["matrix"] + 1.0
    np.savez(tables_path(copy), **arrays)  # right stamp: used as it is
    assert np.array_equal(_tables(copy)[2], from_model[2] + 1.0)
    arrays["digest"] = np.array("another model")
    np.savez(tables_path(copy), **arrays)  # wrong stamp: ignored
    assert np.array_equal(_tables(copy)[2], from_model[2])


def test_vocabulary_finds_each_word_and_nothing_else(tmp_path: Path) -> None:
    """The network's words are found by binary search over UTF-8 bytes: a word is found as
    itself only, never as a cut (too long) or NUL-stripped twin, and survives saving."""
    from builder.ner.vocabulary import Vocabulary

    words = ["ترامب", "ب", "Reuters", "ترامبب", " ", "", "z" * 6]
    vocab = Vocabulary.of(words, first=2)
    vocab.save(tmp_path / "v.npz")
    for v in (vocab, Vocabulary.load(tmp_path / "v.npz")):
        assert v.find(words, 1).tolist() == list(range(2, 2 + len(words)))
        lost = ["ترامب\0", "ترامببz", "z" * 7, "ترام", "\0", "ب\0", "\ud800", "reuters", "ترامبا"]
        assert v.find(lost, 1).tolist() == [1] * len(lost)
        assert v.find([], 1).tolist() == []
    assert Vocabulary.of([]).find(["ب"], 1).tolist() == [1]
    with pytest.raises(ValueError):
        Vocabulary.of(["ب", "ب"])


def test_the_gazetteers_stems_are_the_normalisers() -> None:
    """The recogniser matches place names by the stems make_gazetteer.py wrote beside them; a
    changed normaliser must come with a remade gazetteer (make gazetteer)."""
    from builder.ner.resources import _gazetteer
    from training.make_gazetteer import name_stems

    entries = _gazetteer()
    assert len(entries) > 10_000
    stale = [entry[0] for entry in entries if entry[6] != name_stems(entry[0])]
    assert not stale, f"{len(stale)} names, e.g. {stale[:3]}: run make gazetteer"
    spellings: dict[tuple[str, ...], set[str]] = {}
    for entry in entries:
        spellings.setdefault(tuple(entry[1:5]), set()).add(entry[0])
    assert all(entry[7] in spellings[tuple(entry[1:5])] for entry in entries)
    assert {e[7] for e in entries if e[0] in ("ابو ظبى", "أبوظبي", "دولة ليبيا")} == {"أبوظبي", "ليبيا"}


def test_the_organisations_stems_are_the_normalisers() -> None:
    """As the gazetteer's: organisations.tsv holds every chosen name (organisations.txt), each
    beside the stems the recogniser matches; a changed normaliser or list needs make gazetteer."""
    from builder.ner.resources import ORGANISATIONS
    from training.make_gazetteer import name_stems
    from training.make_organisations import chosen_names

    rows = [line.split("\t") for line in ORGANISATIONS.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert len(rows) > 2_000
    stale = [name for name, stems in rows if stems != name_stems(name)]
    assert not stale, f"{len(stale)} names, e.g. {stale[:3]}: run make gazetteer"
    listed = {stems for _, stems in rows}
    assert {name_stems(n) for n in chosen_names()} <= listed


def test_names_after_an_introducing_word_are_harvested_from_the_news() -> None:
    """What the news writes after صحيفة, شركة or حزب, often enough and in a good share of its
    mentions, is a name; its next word goes with it while most mentions have it, and never a
    common word."""
    from builder.ner.vocabulary import Vocabulary
    from training.make_gazetteer import STEMS
    from training.make_organisations import harvested_names

    texts = (["نشرت صحيفة «هآرتس» الخبر."] * 5 + ["قالت هآرتس إن الوزير استقال."]
             + ["وذكرت صحيفة فايننشال تايمز البريطانية أن الشركة ربحت."] * 5
             + ["أعلن فريق عمل نتائج عمل اللجنة وعمل الوزارة، فبدأ عمل وانتهى عمل."] * 5
             + ["اشترت شركة سامسونج المصنع."] * 4)
    assert harvested_names(texts, Vocabulary.load(STEMS)) == ["فايننشال تايمز", "هآرتس"]


def test_clubs_are_organisations_and_a_city_club_stays_a_place() -> None:
    """The gazetteer feature marks a club's name ORG (the longest name wins: سسكا موسكو over
    موسكو), but a name that is a place too (هامبورغ) stays LOC for the context to decide."""
    from builder.ner.features import gazetteer_tags, normal
    from builder.ner.resources import load_resources

    stems = [normal(w)[1] for w in "فاز بنفيكا على سسكا موسكو في هامبورغ مع الليكود".split()]
    assert gazetteer_tags(stems, load_resources()) == [
        "O", "B-ORG", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "B-ORG"]


def test_offsets_point_into_the_line(recognizer: Recognizer) -> None:
    line = "وقال الرئيس الأمريكي دونالد ترامب في واشنطن إن قوات التحالف الدولي ستبقى في سوريا."
    found = recognizer.find(line)
    assert found
    for m in found:
        assert line[m.start:m.end] == m.text and m.type in ("PER", "ORG", "LOC")
    assert any(m.type == "PER" and "ترامب" in m.text for m in found)
    assert any(m.type == "LOC" and m.text == "سوريا" for m in found)


def test_a_name_near_the_line_is_called_an_organisation(recognizer: Recognizer) -> None:
    """The start bias on B-ORG: a newspaper quoted bare, and a club named after its city in a
    match, which the models had left out or called a place."""
    found = {(m.text, m.type) for text in ('علمت "الوطن" أن معلومات أولية كشفت أن الانتحاري',
                                           "فاز هامبورغ على بريمن بهدفين في الدوري الألماني")
             for m in recognizer.find(text)}
    assert found == {("الوطن", "ORG"), ("هامبورغ", "ORG"), ("بريمن", "ORG")}


def test_bio_spans() -> None:
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == {
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG")}


REGISTRY = """
entities:
  - {id: isis, name: تنظيم داعش, type: ORG, aliases: [داعش]}
  - {id: trump, name: دونالد ترامب, type: PER, aliases: [ترامب]}
  - {id: sdf, name: قوات سوريا الديموقراطية, type: ORG, aliases: [قوات سوريا الديمقراطية]}
  - {name: مصطفى, type: PER}
  - {id: blatter, name: جوزيف بلاتر, type: PER, aliases: [بلاتر]}
"""


@pytest.mark.parametrize("surface,entity", [
    ("وداعش", "isis"), ("لتنظيم داعش", "isis"), ("تنظيمِ داعشَ", "isis"),
    ("الرئيس الأمريكي دونالد ترامب", "trump"), ("ترامب", "trump"), ("وترامب", "trump"),
    ("قوات سوريا الديمقراطية", "sdf"), ("مصطفي", None), ("داعشي", None),
    ("بلاتر", "blatter"), ("لبلاتر", "blatter"), ("وبلاتر", "blatter"),
])
def test_registry_resolves_surface_forms(surface: str, entity: str | None) -> None:
    reg = Registry.load_text(REGISTRY)
    found = reg.resolve(surface)
    if entity is None and surface == "مصطفي":
        assert found is not None and found.startswith("e-")  # derived id; ى/ي spelling matched
    else:
        assert found == entity


def test_registry_rejects_two_entities_with_one_alias() -> None:
    with pytest.raises(RegistryError) as err:
        Registry.load_text(REGISTRY + "  - {id: isis2, name: الدولة الإسلامية, type: ORG, aliases: [داعش]}\n")
    assert "تنظيم داعش" in str(err.value) and "الدولة الإسلامية" in str(err.value)


@pytest.mark.parametrize("bad", [
    "entities: [{name: x}]", "entities: [{name: سوريا, type: CITY}]",
    "entities: [{id: '../x', name: سوريا, type: LOC}]", "entities: [{name: سوريا, type: LOC, lat: north}]",
    "entities: 3",
])
def test_registry_validation(bad: str) -> None:
    with pytest.raises(RegistryError):
        Registry.load_text(bad)


def test_scan_finds_names_with_clitics() -> None:
    reg = Registry.load_text(REGISTRY)
    text = "وأعلنت قوات سوريا الديموقراطية هزيمة داعش، ورحب ترامب."
    assert [(text[a:b], e) for a, b, e in reg.scan(text)] == [
        ("قوات سوريا الديموقراطية", "sdf"), ("داعش", "isis"), ("ترامب", "trump")]


def test_a_name_after_abd_or_abu_is_one_name_written_joined_or_apart() -> None:
    """``عبد العزيز`` and ``عبدالعزيز`` are one name: keys agree, and the scan finds both
    spellings (clitics too) with their spans as written; ``معبد`` + an ال word stays two words."""
    assert key("عبد العزيز بن سعود") == key("عبدالعزيز بن سعود") == key("لعبد العزيز بن سعود")
    assert key("وعبد الله العنزي") == key("عبدالله العنزي")
    assert key("معبد الحرم") != key("معبدالحرم")
    assert key("عبد ربه") == "عبد ربه"  # no ال after it: left as written
    assert key("أبو ظبي") == key("أبوظبي") == key("وأبو ظبي")
    assert key("أبو بكر البغدادي") == key("أبوبكر البغدادي")
    assert key("أبو عبد الله") == key("أبو عبدالله") == "ابو عبدالله"  # pairs never overlap
    reg = Registry.load_text("entities: [{id: abdulaziz, name: عبدالعزيز بن سعود, type: PER}]")
    text = "كأس الأمير عبد العزيز بن سعود، وقال عبدالعزيز بن سعود ولعبد العزيز بن سعود."
    assert [(text[a:b], e) for a, b, e in reg.scan(text)] == [
        ("عبد العزيز بن سعود", "abdulaziz"), ("عبدالعزيز بن سعود", "abdulaziz"),
        ("ولعبد العزيز بن سعود", "abdulaziz")]
    assert reg.resolve("الأمير عبد العزيز بن سعود") == "abdulaziz"


def test_a_piece_of_a_registry_name_is_not_a_name_of_its_own() -> None:
    """The recogniser's ``المنورة`` of ``المدينة المنورة`` and ``أمريكا`` of ``أمريكا الجنوبية``
    are the registry names written around them, not a proposal or the United States."""
    from builder.model import EntityMention

    reg = Registry.load_text("entities:\n  - {id: medina, name: المدينة المنورة, type: LOC}\n"
                             "  - {id: sa, name: أمريكا الجنوبية, type: LOC}\n"
                             "  - {id: us, name: الولايات المتحدة, type: ORG, aliases: [أمريكا]}\n")
    text = "زار المدينة المنورة ثم أمريكا الجنوبية"
    hits = list(reg.scan(text))
    mentions = [EntityMention(text.index(w), text.index(w) + len(w), w, "LOC")
                for w in ("المنورة", "أمريكا")]
    resolved = resolve(mentions, hits, reg)
    assert resolved.ids == ["medina", "sa"] and not resolved.proposed


def test_a_person_named_with_the_family_after_is_that_person() -> None:
    reg = Registry.load_text("entities:\n  - {id: salman, name: سلمان بن عبدالعزيز, type: PER}\n"
                             "  - {id: gcc, name: مجلس التعاون الخليجي, type: ORG}\n")
    assert reg.resolve("سلمان بن عبد العزيز آل سعود") == "salman"
    assert reg.resolve("خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود") == "salman"
    assert reg.resolve("محمد آل سعود") is None
    assert reg.resolve("مجلس التعاون الخليجي آل ثاني") is None  # people only


def test_seed_article_entities(recognizer: Recognizer) -> None:
    """All 9 places and at least 10 of 11 actors under their canonical names, ≤ 1 wrong."""
    expected = yaml.safe_load((SHARED / "news" / "seed" / "baghouz.expected.yaml").read_text())
    finder = EntityFinder(Registry.load(ROOT / "content" / "entities.yml"))
    article, _ = assemble(RawArticle(Origin("seed"), SEED.read_text(), "text", {}, "utf_8"), 90)
    assert article is not None
    hits = list(finder.registry.scan(article.text))
    finder.add(article, resolve(recognizer.find(article.text), hits, finder.registry))
    places, actors = (set(names) for names in finder.names(article))
    want_places = set(expected["places"])
    want_actors = set(expected["actors"]["organisations"]) | set(expected["actors"]["people"])
    assert want_places <= places
    assert len(want_actors & actors) >= 10
    assert len(places - want_places) + len(actors - want_actors) <= 1


def test_cli_extract_gives_the_seeds_entities_and_the_names_no_registry_knows(
        tmp_path: Path) -> None:
    """``arshif extract``: the seed's places and actors under their canonical names, none of them
    proposed; in an article about people the registry does not know, the recogniser's names with
    the id ``arshif review accept`` would give, a family name alone counted with the full name."""
    from builder.registry import derived_id

    (tmp_path / "news").mkdir()
    article = tmp_path / "news" / "coach.txt"  # given as its folder, read as a build reads one
    article.write_text("قال المدرب ستيف مكلارين لصحيفة كرونيكل البريطانية إن اللاعب يحتاج إلى "
                       "جراحة في الركبة. وأضاف مكلارين أن الفريق سيتعاقد مع لاعب جديد.\n",
                       encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "builder.cli", "extract", str(SEED), str(article.parent)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    seed, coach = (json.loads(line) for line in out.splitlines())
    expected = yaml.safe_load((SHARED / "news" / "seed" / "baghouz.expected.yaml").read_text())
    assert {p["name"] for p in seed["places"]} == set(expected["places"])
    assert {a["name"] for a in seed["actors"]} == (set(expected["actors"]["organisations"])
                                                   | set(expected["actors"]["people"]))
    assert not any(e.get("proposed") for e in seed["places"] + seed["actors"])
    people = [a for a in coach["actors"] if a["type"] == "PER"]
    assert people == [{"id": derived_id("ستيف مكلارين"), "name": "ستيف مكلارين", "type": "PER",
                       "proposed": True}]
    assert "كرونيكل" in {a["name"] for a in coach["actors"]}  # its ك is not a clitic


def test_recognised_aliases_count_only_where_the_recogniser_found_such_a_name() -> None:
    """``حماس`` is Hamas where the recogniser tagged an organisation, never a registry match in
    the text (``بحماس كبير``: with great enthusiasm); and it is claimed like any alias."""
    registry = Registry.load_text("entities:\n  - {id: hamas, name: حركة حماس, type: ORG, "
                                  "recognised_aliases: [حماس]}\n")
    assert registry.resolve("حركة حماس") == "hamas"
    assert registry.resolve("لحماس", "ORG") == "hamas"
    assert registry.resolve("حماس") is None and registry.resolve("حماس", "PER") is None
    assert list(registry.scan("استقبل الجمهور الفريق بحماس كبير")) == []
    assert registry.entities["hamas"].every_alias == ("حماس",)  # shown on its page, exported
    with pytest.raises(RegistryError, match="claimed by both"):
        Registry.load_text("entities:\n  - {name: حركة حماس, type: ORG, recognised_aliases: [حماس]}"
                           "\n  - {name: حماس الجماهير, type: ORG, aliases: [حماس]}\n")


def test_gazetteer_places_resolve_whatever_their_clitics_and_article() -> None:
    """A place the registry does not know resolves through the gazetteer as ``ليبيا``, ``وليبيا``
    or ``بألمانيا`` alike (the gazetteer had been looked up by the folded form with the first
    word's clitics off, so ``ليبيا`` was sought as ``يبيا`` and ``ألمانيا`` as ``مانيا``)."""
    from builder.model import EntityMention

    registry = Registry.load_text("entities: []\n")
    found = {}
    for surface, written in [("ليبيا", "ليبيا"), ("وليبيا", "ليبيا"), ("بألمانيا", "ألمانيا"),
                             ("بيروت", "بيروت"), ("والعراق", "العراق"), ("لندن", "لندن")]:
        resolved = resolve([EntityMention(0, len(surface), surface, "LOC")], [], registry)
        assert not resolved.proposed, surface
        found[surface] = resolved.made[0].name
        assert fold(found[surface]) == fold(written), surface


def test_every_spelling_of_a_gazetteer_place_is_one_place_under_one_name() -> None:
    """The gazetteer holds several spellings of many places (1,926 of its cities); each had
    been a place page of its own (``أبوظبي`` and ``ابو ظبى``, ``أثينا`` and ``آتن``)."""
    from builder.model import EntityMention

    registry = Registry.load_text("entities: []\n")

    def place(surface: str) -> tuple[str, str]:
        made = resolve([EntityMention(0, len(surface), surface, "LOC")], [], registry).made[0]
        return made.id, made.name

    assert place("أبوظبي") == place("ابو ظبى") == place("وأبو ظبي")
    assert place("ابو ظبى")[1] == "أبوظبي"  # the spelling the news uses most
    assert place("آتن") == place("أثينا") and place("آتن")[1] == "أثينا"
    # the news writes الخرطوم: its stem counts for the gazetteer's خرطوم, not for ااالخرطوم
    assert place("الخرطوم")[1] == "خرطوم"


def test_a_short_place_behind_a_conjunction_goes_by_the_articles_country() -> None:
    """``وجدة`` is Oujda, or و + Jeddah (the normaliser keeps و on a word of four letters): in an
    article naming Saudi Arabia it is Jeddah, in one naming Morocco it is Oujda."""
    from builder.model import EntityMention

    registry = Registry.load(ROOT / "content" / "entities.yml")

    def where(country: str) -> list[str]:
        mentions = [EntityMention(0, len(country), country, "LOC"),
                    EntityMention(len(country) + 1, len(country) + 5, "وجدة", "LOC")]
        resolved = resolve(mentions, [], registry)
        return [(registry.entities.get(e) or next(m for m in resolved.made if m.id == e)).name
                for e in resolved.ids]

    assert where("السعودية") == ["السعودية", "جدة"]
    assert where("المغرب") == ["المغرب", "وجدة"]


@pytest.mark.parametrize("surface,name", [
    ("لترامب", "ترامب"), ("وداعش", "داعش"), ("لموسكو", "موسكو"), ("والتحالف", "التحالف"),
    ("للتحالف الدولي", "التحالف الدولي"), ("وبوتين", "بوتين"),
    ("بوتين", "بوتين"), ("كرونيكل", "كرونيكل"), ("ليبرتي", "ليبرتي"), ("لبنان", "لبنان"),
    ("وليام روباك", "وليام روباك"), ("كاليفورنيا", "كاليفورنيا"), ("وكاليفورنيا", "كاليفورنيا"),
    ("فالنتينو", "فالنتينو"), ("والإخوان", "الإخوان")])
def test_a_names_first_letter_is_a_clitic_only_when_the_news_says_so(surface: str,
                                                                     name: str) -> None:
    """The name proposed for review (and printed by ``arshif extract``) loses a leading ب ل ك و ف
    only when the word vectors read the rest as the same word."""
    from builder.extract.entities import _name_form

    assert _name_form(surface) == name


def test_a_proposed_name_ends_before_a_word_that_introduces_another() -> None:
    from builder.extract.entities import _name_form

    assert _name_form("عبدالعزيز بن سعود بن محمد آل سعود الملقب") == \
        "عبدالعزيز بن سعود بن محمد آل سعود"
    assert _name_form("وأحمد المعروف") == "أحمد"
    assert _name_form("المعروف") == "المعروف"  # never a name made empty
    assert _name_form("محمد صلى الله") == "محمد"
    assert _name_form("الملك عبدالله رحمه الله") == "الملك عبدالله"


def test_cli_entities_contract() -> None:
    lines = "قال دونالد ترامب في واشنطن\n\nسوريا والعراق\n"
    out = subprocess.run([sys.executable, "-m", "builder.cli", "entities"], input=lines,
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout.splitlines()
    rows = [json.loads(line) for line in out]
    assert len(rows) == 3 and rows[1] == []
    for line, found in zip(lines.split("\n"), rows, strict=False):
        for m in found:
            assert set(m) == {"start", "end", "text", "type"}
            assert line[m["start"]:m["end"]] == m["text"]


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """``arshif extract content | head``: the closed pipe ends the command quietly."""
    proc = subprocess.Popen([sys.executable, "-m", "builder.cli", "extract", "content"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    told = proc.stderr.read().decode()
    assert proc.wait() == 1
    assert "not an article" in told and "Traceback" not in told


def test_cli_entities_reads_in_batches_yet_answers_each_line_at_once() -> None:
    """A file is tagged many lines at a time (same answers as line by line, a last line without
    its line end included); a program that writes a line and waits gets its answer before it
    writes the next."""
    import select

    lines = [" ".join(toks) for toks, _ in read_conll(SHARED / "ner" / "aqmar" / "dev.txt")][:300]
    text = "\n".join(lines)  # no final line end
    rec = Recognizer()
    batched = subprocess.run([sys.executable, "-m", "builder.cli", "entities"], input=text,
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert [json.loads(row) for row in batched.splitlines()] == [
        [{"start": m.start, "end": m.end, "text": m.text, "type": m.type} for m in rec.find(line)]
        for line in lines]
    with subprocess.Popen([sys.executable, "-m", "builder.cli", "entities"], cwd=ROOT, text=True,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        for line in ("قال دونالد ترامب في واشنطن", "سوريا والعراق"):
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            assert select.select([proc.stdout], [], [], 120)[0], "no answer to a waiting line"
            assert json.loads(proc.stdout.readline())
        proc.stdin.close()
        assert proc.wait(60) == 0


def test_key_folds_spelling() -> None:
    assert key("الإرهابيّين") == key("الارهابيين")


def test_names_propagate_through_the_text() -> None:
    from builder.ner.consistency import propagate

    sentences = [["قال", "دونالد", "ترامب", "إن", "نادي", "الأهلي", "فاز"],
                 ["وأضاف", "ترامب", "أن", "الأهلي", "قوي"],
                 ["لا", "أحد", "هنا"]]
    tags = [["O", "B-PER", "I-PER", "O", "O", "B-ORG", "O"], ["O"] * 5, ["O"] * 3]
    assert propagate(sentences, tags) == [tags[0], ["O", "B-PER", "O", "B-ORG", "O"], ["O"] * 3]


def test_the_ner_bench_runs_and_prints_its_figures() -> None:
    """bench/ner.py is how the closing figures are made: it must keep up with the code it calls
    (its seed check once broke on a changed signature, unnoticed)."""
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "ner.py")], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "seed: places 9/9, actors 11/11, wrong 0" in out
    for kind in ("PER", "ORG", "LOC", "micro"):
        assert any(line.startswith(kind) for line in out.splitlines())
    assert "sentences/s" in out
    assert "each sentence alone" in out  # the figure arshif entities gives, one text per line
    assert "arshif entities, held-back lines: median" in out  # start-up included


def test_the_network_scores_a_sentence_the_same_alone_or_in_a_batch(
        recognizer: Recognizer) -> None:
    """Sentences are stepped together, longest first, tokens' inputs are cached, and the
    gazetteer tags may come from the CRF: none may change a score (the NumPy pass itself is
    checked against PyTorch's by train_nn.py)."""
    import numpy as np

    net = recognizer.neural
    assert net is not None
    sentences = [toks for toks, _ in read_conll(SHARED / "ner" / "aqmar" / "dev.txt")][:40]
    sentences.insert(3, [])
    together = net.emissions(sentences)
    shared = net.emissions(sentences, recognizer.tagger.sentence_emissions(sentences)[1])
    assert all(np.array_equal(a, b) for a, b in zip(shared, together, strict=True))  # CRF's gazetteer
    net.ids.clear()
    for tokens, scores in zip(sentences, together, strict=True):
        alone = net.emissions([tokens])[0]
        assert alone.shape == (len(tokens), 9)
        assert np.allclose(alone, scores, atol=1e-5)


def test_the_networks_cache_makes_room_without_changing_scores(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A long run keeps the rows of its most used tokens when the cache is full and forgets the
    others: the scores stay those of a run that forgot nothing."""
    from builder.ner import neural

    sentences = [toks for toks, _ in read_conll(SHARED / "ner" / "aqmar" / "dev.txt")][:300]
    want = neural.NeuralTagger(load_resources()).emissions(sentences)
    net = neural.NeuralTagger(load_resources())
    monkeypatch.setattr(neural, "CACHED_TOKENS", 400)
    made = []
    monkeypatch.setattr(net, "inputs", lambda tokens: made.append(len(tokens)) or
                        neural.NeuralTagger.inputs(net, tokens))
    got = [e for i in range(0, len(sentences), 10) for e in net.emissions(sentences[i:i + 10])]
    assert sum(made) > len({t for s in sentences for t in s})  # rows were forgotten
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(got, want, strict=True))
    net._keep_most_used()
    assert len(net.ids) == 300 and {"في", "من", "،", "."} <= set(net.ids)
    made.clear()
    known = [i for i, s in enumerate(sentences) if s and set(s) <= set(net.ids)][:20]
    assert len(known) >= 3
    again = net.emissions([sentences[i] for i in known])
    assert not made  # the kept rows are used as they are…
    assert all(np.allclose(a, want[i], atol=1e-5) for a, i in zip(again, known, strict=True))


def test_the_network_reads_tokens_as_training_encoded_them(recognizer: Recognizer) -> None:
    """The tagger makes a token's inputs its own way (feature sums kept per shape key and per
    cluster, the convolution as per-tap look-ups, in chunks); they must be what the training
    encoding (``Encoder.encode``) gives PyTorch, computed here the plain way."""
    from builder.ner.neural import PAD
    from builder.ner.resources import DATA

    net = recognizer.neural
    assert net is not None
    sentences = list(read_conll(SHARED / "ner" / "aqmar" / "dev.txt"))[:60]
    tokens = [t for toks, _ in sentences for t in toks]
    tokens += '«الرئيس ترامب» قال في 2019 إن وزارة "الدفاع" ومدينة والقدس Reuters (غزة) ؛'.split()
    tokens = list(dict.fromkeys(tokens))
    forms, stems, chars, feats = net.encoder.encode(tokens)
    w = net.w
    feats[:, 0] = PAD  # slot 0 is the gazetteer tag, which the tagger adds per sentence
    embedded = np.pad(w["char.weight"][chars], ((0, 0), (1, 1), (0, 0)))  # (n, chars + 2, dims)
    windows = np.stack([embedded[:, k:k + chars.shape[1]] for k in range(3)], axis=-1)
    conv = np.einsum("ntek,fek->ntf", windows, w["conv.weight"]) + w["conv.bias"]
    vectors = [np.vstack([np.zeros((2, 100)), np.load(DATA / f"embed-{name}.npy")]) / 127
               for name in ("forms", "stems")]  # rows 0 and 1: padding and unknown
    want = np.concatenate([np.maximum(conv, 0).max(axis=1), w["feat.weight"][feats].sum(axis=1),
                           vectors[0][forms], vectors[1][stems]], axis=1)
    got = net.inputs(tokens)
    assert got.shape == want.shape
    assert np.allclose(got, want, atol=1e-5)

def test_decoding_with_start_and_end_scores_finds_the_best_path() -> None:
    """decode() against every path of a few small random problems."""
    import itertools

    import numpy as np

    from builder.ner.tagger import decode

    rng = np.random.default_rng(7)
    trans, start, end = rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=3)

    def total(e: np.ndarray, path: tuple[int, ...]) -> float:
        return float(start[path[0]] + end[path[-1]] + sum(e[t, k] for t, k in enumerate(path))
                     + sum(trans[a, b] for a, b in itertools.pairwise(path)))

    emit = [rng.normal(size=(length, 3)) for length in (4, 1, 0, 2, 4)]
    best = [list(max(itertools.product(range(3), repeat=len(e)), key=lambda p: total(e, p)))
            if len(e) else [] for e in emit]
    assert decode(emit, trans, start, end) == best


def test_training_swaps_names_for_others_of_their_type() -> None:
    """The CRF's training copies swap names so it learns them from context: the words around a
    name stay, and a name is only ever replaced by one of its own type."""
    import random

    from training.augment import swap_names, swapped_copies

    sentence = (["قال", "ترامب", "في", "نادي", "الأهلي", "."],
                ["O", "B-PER", "O", "O", "B-ORG", "O"])
    pool = {"PER": [["ترامب"], ["دونالد", "ترامب"]], "ORG": [["الأهلي"], ["ريال", "مدريد"]]}
    seen = set()
    for seed in range(40):
        tokens, tags = swap_names(sentence, pool, random.Random(seed))
        assert len(tokens) == len(tags)
        assert [t for t, g in zip(tokens, tags, strict=True) if g == "O"] == ["قال", "في", "نادي", "."]
        names = {(" ".join(tokens[a:b]), kind) for a, b, kind in spans(tags)}
        assert len(names) == 2
        seen |= names
    assert seen == {("ترامب", "PER"), ("دونالد ترامب", "PER"), ("الأهلي", "ORG"),
                    ("ريال مدريد", "ORG")}
    plain = (["لا", "أحد", "هنا"], ["O", "O", "O"])
    assert swapped_copies([sentence, plain], 1) == [swap_names(sentence, {
        "PER": [["ترامب"]], "ORG": [["الأهلي"]]}, random.Random(1))]  # only sentences with names
