"""The registry (content/entities.yml): surface forms, validation, names found in a text with
their clitics, names written joined or apart, and aliases only the recogniser may use."""

from __future__ import annotations

import pytest

from builder.extract.entities import resolve
from builder.registry import Registry, RegistryError, key

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
    resolved = resolve(mentions, hits, reg, text)
    assert resolved.ids == ["medina", "sa"] and not resolved.proposed


def test_a_person_named_with_the_family_after_is_that_person() -> None:
    reg = Registry.load_text("entities:\n  - {id: salman, name: سلمان بن عبدالعزيز, type: PER}\n"
                             "  - {id: gcc, name: مجلس التعاون الخليجي, type: ORG}\n")
    assert reg.resolve("سلمان بن عبد العزيز آل سعود") == "salman"
    assert reg.resolve("خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود") == "salman"
    assert reg.resolve("محمد آل سعود") is None
    assert reg.resolve("مجلس التعاون الخليجي آل ثاني") is None  # people only


def test_key_folds_spelling() -> None:
    assert key("الإرهابيّين") == key("الارهابيين")


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
