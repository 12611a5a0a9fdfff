"""Resolving names to places and proposals: gazetteer places whatever their clitics and
spelling, homonyms by the article's country, and where a proposed name ends."""

from __future__ import annotations

import pytest

from builder.arabic.normalize import fold
from builder.extract.entities import resolve
from builder.registry import Registry
from tests.conftest import ROOT


def test_gazetteer_places_resolve_whatever_their_clitics_and_article() -> None:
    """A place the registry does not know resolves through the gazetteer as ``ليبيا``, ``وليبيا``
    or ``بألمانيا`` alike (the gazetteer had been looked up by the folded form with the first
    word's clitics off, so ``ليبيا`` was sought as ``يبيا`` and ``ألمانيا`` as ``مانيا``)."""
    from builder.model import EntityMention

    registry = Registry.load_text("entities: []\n")
    found = {}
    for surface, written in [("ليبيا", "ليبيا"), ("وليبيا", "ليبيا"), ("بألمانيا", "ألمانيا"),
                             ("بيروت", "بيروت"), ("والعراق", "العراق"), ("لندن", "لندن")]:
        resolved = resolve([EntityMention(0, len(surface), surface, "LOC")], [], registry, surface)
        assert not resolved.proposed, surface
        found[surface] = resolved.made[0].name
        assert fold(found[surface]) == fold(written), surface


def test_every_spelling_of_a_gazetteer_place_is_one_place_under_one_name() -> None:
    """The gazetteer holds several spellings of many places (1,926 of its cities); each had
    been a place page of its own (``أبوظبي`` and ``ابو ظبى``, ``أثينا`` and ``آتن``)."""
    from builder.model import EntityMention

    registry = Registry.load_text("entities: []\n")

    def place(surface: str) -> tuple[str, str]:
        made = resolve([EntityMention(0, len(surface), surface, "LOC")], [], registry, surface).made[0]
        return made.id, made.name

    assert place("أبوظبي") == place("ابو ظبى") == place("وأبو ظبي")
    assert place("ابو ظبى")[1] == "أبوظبي"  # the spelling the news uses most
    assert place("آتن") == place("أثينا") and place("آتن")[1] == "أثينا"
    # the spelling the news writes, not the gazetteer's خرطوم or ااالخرطوم
    assert place("خرطوم")[1] == "الخرطوم"


def test_a_short_place_behind_a_conjunction_goes_by_the_articles_country() -> None:
    """``وجدة`` is Oujda, or و + Jeddah (the normaliser keeps و on a word of four letters): in an
    article naming Saudi Arabia it is Jeddah, in one naming Morocco it is Oujda."""
    from builder.model import EntityMention

    registry = Registry.load(ROOT / "content" / "entities.yml")

    def where(country: str) -> list[str]:
        mentions = [EntityMention(0, len(country), country, "LOC"),
                    EntityMention(len(country) + 1, len(country) + 5, "وجدة", "LOC")]
        resolved = resolve(mentions, [], registry, f"{country} وجدة")
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


def _resolved_names(text: str, mentions: list[tuple[str, str]] = ()) -> list[str]:  # type: ignore[assignment]
    """The names of the entities ``text`` resolves to with the starter registry, given the
    recogniser's ``mentions`` (surface, type; each at its first occurrence)."""
    from builder.arabic.normalize import Folded
    from builder.model import EntityMention
    from builder.packaged import starter_registry

    registry = Registry.load(starter_registry())
    found = [EntityMention(text.index(s), text.index(s) + len(s), s, t) for s, t in mentions]  # type: ignore[arg-type]
    folded = Folded.of(text)
    resolved = resolve(found, list(registry.scan(folded)), registry, folded, "SA")
    made = {e.id: e for e in resolved.made}
    return [(made.get(e) or registry.entities[e]).name for e in resolved.ids]


def test_a_name_written_exactly_beats_a_namesake_behind_a_clitic() -> None:
    """``لبنان`` is Lebanon, not ل + the Syrian village بنان, though the article names Syria
    (the country an article names had outranked the spelling)."""
    names = _resolved_names("تواصل الحملة لنصرة الأشقاء في سورية عملها للسوريات في لبنان.",
                            [("سورية", "LOC"), ("لبنان", "LOC")])
    assert "لبنان" in names and "بنان" not in names


@pytest.mark.parametrize("text,wrong", [
    ("بدء مفاوضات حول برنامج إنقاذ مالي ثالث لليونان.", "مالي"),  # financial, not Mali
    ("وقال المتحدث باسم الدفاع المدني بالعاصمة المقدسة إن الحريق أخمد.", "العاصمة"),
    ("وبدأ أوباما جولة في نيروبي وكينيا، مسقط رأس والده.", "مسقط"),  # birthplace, not Muscat
    ("سائلا الله أن يمنّ على المصابين بالشفاء العاجل.", "اليمن"),  # a verb, not Yemen
])
def test_a_place_name_the_news_writes_as_a_common_word_is_no_place_alone(text: str, wrong: str) -> None:
    assert wrong not in _resolved_names(text, [("يمنّ", "LOC")] if "يمنّ" in text else [])


def test_a_region_named_by_a_common_word_is_a_place_after_its_kind() -> None:
    """``الشرقية`` (eastern) alone is a word; after ``المنطقة`` it is the Eastern Province."""
    assert "الشرقية" in _resolved_names("أكبر مخيم رمضاني على مستوى المنطقة الشرقية هذا العام.")
    assert "الشرقية" not in _resolved_names("وصلت الرياح الشرقية أمس.")


def test_a_deputy_s_title_is_not_the_person_whose_deputy_he_is() -> None:
    """``نائب خادم الحرمين الشريفين`` and ``مستشار خادم الحرمين الشريفين`` name others, not the
    King; ``خادم الحرمين الشريفين`` alone is the King."""
    deputy = "استقبل نائب خادم الحرمين الشريفين الأمير محمد بن نايف المهنئين."
    adviser = "حضر الأمير خالد الفيصل مستشار خادم الحرمين الشريفين الاستقبال."
    king = "وجه خادم الحرمين الشريفين بصرف المكافآت."
    assert "الملك سلمان بن عبدالعزيز" not in _resolved_names(deputy)
    assert "الملك سلمان بن عبدالعزيز" not in _resolved_names(adviser)
    assert "الملك سلمان بن عبدالعزيز" in _resolved_names(king)


def test_the_names_of_a_list_are_each_a_name_and_lend_each_other_their_cue() -> None:
    """A full name after a full name, behind و, is the next of a list (not one long name, and
    not a name beginning with و); a name listed beside one with a cue is sure too; the
    preposition ``على`` ends no name (``داسيلفا على الجوانب``: focused on)."""
    from builder.arabic.normalize import Folded
    from builder.model import EntityMention
    from builder.packaged import starter_registry

    text = ("وضم الجهاز الطبي الدكتور عثمان علي وعازم ذيب وطارق الحصني. وركز المدرب داسيلفا على "
            "الجوانب اللياقية.")
    surfaces = [("عثمان علي", "PER"), ("وعازم ذيب", "PER"), ("وطارق الحصني", "PER"),
                ("داسيلفا", "PER"), ("على", "PER")]
    mentions = [EntityMention(text.index(s), text.index(s) + len(s), s, t) for s, t in surfaces]  # type: ignore[arg-type]
    registry = Registry.load(starter_registry())
    resolved = resolve(mentions, [], registry, Folded.of(text), "SA")
    proposed = {p.name: p.cue for p in resolved.proposed}
    assert proposed.get("عازم ذيب") and proposed.get("طارق الحصني") and proposed.get("عثمان علي")
    assert not any(name.startswith("و") or name.endswith(" على") for name in proposed)


def test_a_state_the_registry_holds_as_an_actor_is_the_country_where_a_place_is_meant() -> None:
    """The United States acts (``تبقى الولايات المتحدة يقظة``, ``طلب من الولايات المتحدة``) and
    is a place (``في الولايات المتحدة``, ``بالولايات المتحدة``): the first is the registry's
    actor, the second the gazetteer's country."""
    from builder.arabic.normalize import Folded
    from builder.packaged import starter_registry

    registry = Registry.load(starter_registry())

    def kinds(text: str) -> set[str]:
        folded = Folded.of(text)
        resolved = resolve([], list(registry.scan(folded)), registry, folded, "SA")
        made = {e.id: e for e in resolved.made}
        return {(made.get(e) or registry.entities[e]).type for e in resolved.ids}

    assert kinds("وعدت بأن تبقى الولايات المتحدة يقظة.") == {"ORG"}
    assert kinds("وطلب الوزير من الولايات المتحدة المساعدة.") == {"ORG"}
    assert kinds("العلاقات مع أفريقيا في الولايات المتحدة عميقة.") >= {"LOC"}
    assert "ORG" not in kinds("يعيش مليون مهاجر بالولايات المتحدة.")


@pytest.mark.parametrize("name,worth", [
    ("حمد بن محمد الضويلع", True),  # Hamad, not the حمد of الحمد لله
    ("كتائب عز الدين القسام", True),  # عز of a name, not of عز وجل
    ("الحمد لله", False), ("الله عز وجل", False), ("ولله الحمد", False),
])
def test_formulae_are_no_names_and_their_words_may_be_a_name_s(name: str, worth: bool) -> None:
    from builder.extract.entities import Proposal

    assert Proposal(name, "PER").worth_review is worth


def test_a_body_s_name_ends_before_a_relative_pronoun() -> None:
    from builder.arabic.normalize import Folded
    from builder.extract.cues import bodies

    text = "على إجراءات وزارة الصحة التي تباشر الحادثة."
    assert [text[a:b] for a, _, b, _ in bodies(Folded.of(text), {})] == ["وزارة الصحة"]


@pytest.mark.parametrize("text,names", [
    # named for a person: up to the punctuation, through بن, with the definite words after
    ("نقل المصابون إلى مستشفى الملك فهد، فيما وصل الوفد.", ["مستشفى الملك فهد"]),
    ("افتتح مركز الملك عبدالله بن عبدالعزيز للأبحاث الطبية فرعا.",
     ["مركز الملك عبدالله بن عبدالعزيز للأبحاث الطبية"]),
    # و goes on a name after a definite word, not right after the kind
    ("قال المشرف على مركز الملك سلمان للإغاثة والأعمال الإنسانية إن القوافل وصلت.",
     ["مركز الملك سلمان للإغاثة والأعمال الإنسانية"]),
    ("اجتمع النادي والجهاز الفني أمس.", []),
    # a part of a body is named by the body after it
    ("قال وكالة الرئاسة العامة لشؤون المسجد النبوي", ["الرئاسة العامة"]),
    ("وكالة الأنباء القطرية", ["وكالة الأنباء القطرية"]),
])
def test_a_body_is_named_for_a_person_and_by_its_definite_words(text: str, names: list[str]) -> None:
    from builder.arabic.normalize import Folded
    from builder.extract.cues import bodies

    assert [text[a:b] for a, _, b, generic in bodies(Folded.of(text), {}) if not generic] == names


def test_a_local_body_is_named_by_its_place_and_a_description_names_nothing() -> None:
    """``بلدية القيصومة``, ``إمارة منطقة مكة المكرمة`` (the office), but ``إمارة دبي`` is the
    emirate, a place; ``وكالة الأنباء الرسمية`` (the official agency) describes a body."""
    from builder.arabic.normalize import Folded
    from builder.extract.cues import bodies

    text = ("قال رئيس بلدية القيصومة ووكيل إمارة منطقة مكة المكرمة إن الوفد زار إمارة دبي، "
            "بحسب وكالة الأنباء الرسمية.")
    places = {text.index(p): text.index(p) + len(p) for p in ("القيصومة", "مكة المكرمة", "دبي")}
    found = [(text[a:b], generic) for a, _, b, generic in bodies(Folded.of(text), places)]
    assert found == [("بلدية القيصومة", False), ("إمارة منطقة مكة المكرمة", False),
                     ("وكالة الأنباء الرسمية", True)]


def test_a_family_named_al_hamad_is_a_name() -> None:
    from builder.extract.entities import Proposal

    assert Proposal("صباح خالد الحمد", "PER").worth_review


def test_sports_news_names_a_club_by_its_bare_name() -> None:
    """In a report of a game, ``الهلال`` is the club though the recogniser missed it; elsewhere
    the word is the crescent moon, and a club's bare name counts only where the recogniser
    finds a name."""
    game = ("عادة ما يكون أول ديربي يجمع الهلال بالنصر في الموسم مسرحا لظهور أسماء جديدة، "
            "ويعول المدرب على اللاعب الجديد في المباراة.")
    moon = "أعلنت المحكمة العليا رؤية الهلال مساء أمس، وبذلك يكون اليوم أول أيام الشهر."
    assert {"نادي الهلال", "نادي النصر"} <= set(_resolved_names(game))
    assert "نادي الهلال" not in _resolved_names(moon)


def test_a_club_s_one_word_name_without_its_article_is_another_word() -> None:
    """الأهلي found by machine in one article is not linked where another writes ``وأهلي``
    (and my family), though the normaliser gives both one key."""
    from builder.arabic.normalize import Folded
    from builder.extract.entities import EntityFinder
    from builder.model import Article, EntityMention, Origin

    finder = EntityFinder(Registry.load_text("entities: []\n"))
    texts = ["فاز فريق الأهلي على ضيفه في المباراة.", "وقال إنه يفضل العلاج وسط أسرته وأهلي."]
    surfaces = ["الأهلي", "وأهلي"]
    articles = []
    for n, (text, surface) in enumerate(zip(texts, surfaces, strict=True)):
        article = Article(id=f"{n:012x}", title="خبر", date=None, source="", url="", author="",
                          summary="", words=5, origin=Origin(f"{n}.txt"), body=text, markup="text",
                          text=text)
        at = text.index(surface)
        mention = EntityMention(at, at + len(surface), surface, "ORG")
        finder.add(article, resolve([mention], [], finder.registry, Folded.of(text)))
        articles.append(article)
    finder.settle()
    linked = [finder.linked(a).actors for a in articles]
    assert linked[0] and not linked[1]


def test_a_full_name_that_begins_with_a_usual_first_name_needs_no_cue() -> None:
    """Met once and without a title, ``بندر الزهراني`` is a person's name; a name the recogniser
    took for a person that begins otherwise (``شيهان عوق``, ``بيفرلي هيلز``) needs a cue."""
    from builder.extract.entities import Proposal

    assert Proposal("بندر الزهراني", "PER", {"a"}).confident
    assert not Proposal("شيهان عوق", "PER", {"a"}).confident
    assert not Proposal("بيفرلي هيلز", "PER", {"a"}).confident


def test_bodies_of_health_libraries_and_colleges_begin_at_their_kind() -> None:
    from builder.arabic.normalize import Folded
    from builder.extract.cues import bodies

    text = "نقل المريض بصحة الطائف إلى مكتبة الملك عبد العزيز العامة قرب الكلية الحربية."
    places = {text.index("الطائف"): text.index("الطائف") + len("الطائف")}
    assert [text[a:b] for a, _, b, _ in bodies(Folded.of(text), places)] == [
        "صحة الطائف", "مكتبة الملك عبد العزيز العامة", "الكلية الحربية"]
