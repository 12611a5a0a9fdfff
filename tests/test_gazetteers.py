"""The shipped gazetteers and the training data (training/): their stems are the normaliser's,
names are harvested from the news, clubs are organisations, and training swaps names by type."""

from __future__ import annotations

from builder.ner.corpus import spans
from builder.ner.resources import load_resources


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
    # the canonical name is one of the place's spellings, or one with the article the news adds
    assert all(entry[7] in spellings[tuple(entry[1:5])] or entry[7].removeprefix("ال")
               in spellings[tuple(entry[1:5])] for entry in entries)
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

    stems = [normal(w)[1] for w in "فاز بنفيكا على سسكا موسكو في هامبورغ مع الليكود".split()]
    assert gazetteer_tags(stems, load_resources()) == [
        "O", "B-ORG", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "B-ORG"]


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


def test_no_gazetteer_name_keeps_a_direction_mark() -> None:
    """GeoNames writes some Arabic names with a left-to-right mark after them (``حفر الباطن``
    + U+200E): read as is they matched no text, and Hafar Al-Batin, a city of 270,000, was
    missing."""
    from builder.ner.resources import GAZETTEER

    rows = [line.split("\t") for line in GAZETTEER.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    assert not any(ch in row[0] for row in rows for ch in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
    assert any(row[0] == "حفر الباطن" and row[4] == "SA" for row in rows)


def test_romanized_names_give_their_arabic_spellings() -> None:
    """GeoNames gives some Saudi towns no Arabic name; make_gazetteer spells their romanized
    name in Arabic letters and keeps the spelling the news writes."""
    from builder.ner.resources import places
    from builder.registry import stems_of
    from training.romanized import spellings

    assert spellings("Taymā’") == ["تيماء"]
    assert spellings("Ad Dawādimī") == ["الدوادمي"]
    assert "قلعة بيشة" in spellings("Qal‘at Bīshah")
    assert "السليل" in spellings("As Sulayyil") and "ليلى" in spellings("Laylá")
    found = {p.name: p.country for name in ("تيماء", "الخفجي", "رابغ")
             for p in places().get(stems_of(name), [])}
    assert found == {"تيماء": "SA", "الخفجي": "SA", "رابغ": "SA"}
