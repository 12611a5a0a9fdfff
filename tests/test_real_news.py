"""Places and actors on real news: each defect met on unseen SaudiNewsNet articles, as a short
Arabic text through the real recogniser and the shipped gazetteer, and the settled actors of a
build (found by machine, reviewed only, rejected)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from builder.build import build
from builder.extract.facts import read_facts
from builder.extract.published import DateEvidence
from builder.packaged import starter_registry
from builder.registry import Registry
from tests.conftest import ROOT, make_project

REGISTRY = Registry.load(ROOT / "content" / "entities.yml")


def places(text: str, registry: Registry = REGISTRY, home: str = "") -> list[tuple[str, str]]:
    """(name, country) of the places an article of ``text`` links, in order (``home``: its
    source's country)."""
    facts = read_facts(DateEvidence(country=home), text, registry)
    made = {e.id: e for e in facts.resolved.made}
    found = [made.get(e) or registry.entities[e] for e in facts.resolved.ids]
    return [(e.name, e.country) for e in found if e.type == "LOC"]


@pytest.mark.parametrize("text,not_a_place", [
    ("شنت الطائرات قصفاً جوياً عنيفاً على مواقع المسلحين في ريف حلب.", "جويا"),
    ("يجتمع الأهالي بعد أذان المغرب في المسجد الكبير كل يوم.", "المغرب"),
    ("حمل الجندي درعاً خاصة في المعركة.", "درعا"),
    ("تغير المشهد السياسي في المنطقة بعد الانتخابات الأخيرة.", "مشهد"),
    ("هاجم التنظيم مدينة كوباني الواقعة على الحدود مع تركيا.", "ألباني"),
    ("التقى الرئيس بشار الأسد وفدا روسيا في دمشق، وقال بشار إن الحرب ستنتهي.", "بشار"),
    ("قالت الممثلة إنها تزوجت بروس ويليس قبل سنوات.", "ولس"),
    ("قاد الحكم مباراة كارل تسايس يينا في الدوري.", "فيينا"),
    ("أعلن اتحاد الكرة أسماء المنتخبات السعودية المشاركة.", "السعودية"),
    ("تأخر إعلان اسم المدير الفني الجديد للمنتخبات السعودية.", "السعودية"),  # ل + ال as لل
    ("وافتتح اللاعب التشيلي الدولي أرتورو فيدال أهدافه مع فريقه.", "تشيلي"),  # Chilean
])
def test_a_common_word_or_a_piece_of_a_name_is_no_place(text: str, not_a_place: str) -> None:
    assert not_a_place not in {name for name, _ in places(text)}


def test_homonyms_go_to_the_article_and_the_arab_world() -> None:
    """Saudi عنيزة, not Qatar's; a Medina district is not Libya's العزيزية; Amman, not Oman."""
    assert ("عنيزة", "SA") in places("وقع الحادث في عنيزة بمنطقة القصيم، ونقل المصابون إلى "
                                     "مستشفيات بريدة والرياض.")
    assert places("افتتحت الغرفة التجارية بالمدينة المنورة فرعا جديدا بحي العزيزية في المدينة "
                  "المنورة.") == [("المدينة المنورة", "SA"), ("حي العزيزية", "SA")]  # a site
    assert ("عمان", "JO") in places("وصل الملك إلى عمان قادما من العقبة في زيارة للأردن.")


def test_a_state_s_capital_is_a_place_where_the_registry_has_the_state_as_an_actor() -> None:
    """The registry's United States is named by واشنطن too; in a dateline (``واشنطن - أ ف ب``)
    or after في it is the capital, a place, not the state nor Utah's Washington."""
    from builder.extract.entities import EntityFinder

    assert places("عقد مسؤولون اجتماعا في واشنطن أمس.") == [("واشنطن", "US")]
    finder = EntityFinder(REGISTRY)
    eid = finder.place_named("واشنطن", "SA")
    place = finder.entities()[eid or ""]
    assert (place.name, place.country, round(place.lat)) == ("واشنطن", "US", 39)


def test_a_dateline_names_a_place_even_one_the_news_writes_often() -> None:
    """``أبها - سلطان الأحمري``: Abha is among the news' most frequent words, and a dateline's
    place all the same."""
    from builder.extract.entities import EntityFinder

    finder = EntityFinder(REGISTRY)
    eid = finder.place_named("أبها", "SA")
    assert (finder.entities()[eid or ""].name, finder.entities()[eid or ""].country) == ("أبها", "SA")


def test_an_organisation_s_name_ends_before_the_adjectives_that_describe_it() -> None:
    """``نادي الاتحاد الشقيق`` (the brother club) is الاتحاد; ``منظمة جديدة`` names nothing."""
    text = ("شكر رئيس الهلال رئيس نادي الاتحاد الشقيق على اتصاله، وقال الرجل إنه سينضم إلى "
            "منظمة جديدة.")
    facts = read_facts(DateEvidence(), text, REGISTRY)
    names = {p.name for p in facts.resolved.proposed if p.type == "ORG"}
    assert not {n for n in names if "الشقيق" in n or "جديدة" in n}

def test_a_homonym_the_text_leaves_open_goes_to_the_sources_country() -> None:
    """عنيزة alone is a town of Qatar and of Saudi Arabia: a Saudi paper's is Saudi (its own
    mention no longer counts as the article naming Qatar)."""
    text = "وقع الحادث في عنيزة مساء أمس، ونقل المصابون إلى المستشفى."
    assert places(text, home="SA") == [("عنيزة", "SA")]
    assert places(text, home="QA") == [("عنيزة", "QA")]


def test_regions_and_towns_of_the_arab_world_are_places() -> None:
    """The gazetteer's regions (ISO 3166-2) and towns (GeoNames 500+), found even where the
    recogniser missed them, after their kind or a preposition."""
    found = places("أعلنت صحة القصيم حالة الطوارئ في مستشفيات منطقة القصيم ومحافظة الزلفي.")
    assert ("القصيم", "SA") in found and ("الزلفي", "SA") in found


def test_a_list_of_places_carries_past_a_name_the_gazetteer_lacks() -> None:
    """A place listed after another needs no cue, also after an item the gazetteer does not
    know (الأسياح): the list went on to البكيرية and البدائع, which were dropped."""
    found = places("وزع المصابون على مستشفيات بريدة والملك سعود بعنيزة والأسياح والبكيرية "
                   "والبدائع، ويجري تقديم الرعاية الصحية لهم.")
    assert {("البكيرية", "SA"), ("البدائع", "SA")} <= set(found)


def test_a_place_the_gazetteer_lacks_is_found_after_its_kind() -> None:
    """A name the recogniser takes for a place, after its kind (بلدة, مدينة, ولاية), is a place
    found by machine where the gazetteer lacks it, in the country the article names most; never
    after a preposition alone, nor when rejected in review."""
    text = ("حررت وحدات حماية الشعب الكردية بلدة صرين في شمال سوريا من تنظيم داعش، بعد معارك "
            "قرب مدينة كوباني على الحدود بين سوريا وتركيا.")
    facts = read_facts(DateEvidence(), text, REGISTRY)
    found = {e.name: e for e in facts.resolved.made}
    assert (found["صرين"].country, found["صرين"].status) == ("SY", "machine")
    assert found["كوباني"].country == "SY" and found["كوباني"].lat is None
    assert found["صرين"].path_name == "صرين"
    assert "مانسانار" not in {n for n, _ in places("سافر الوفد أمس إلى مانسانار لحضور المؤتمر.")}
    rejected = Registry.load_text("entities: []\nrejected: [صرين]\n")
    assert "صرين" not in {n for n, _ in places(text, rejected)}


def test_airports_camps_and_stadiums_are_places() -> None:
    """A site is its kind and the name after it (the recogniser's or the registry's), with
    ``الدولي``: a place found by machine, and the person it is named after is no actor."""
    text = ("وصل الوفد إلى مطار الملك خالد الدولي بالرياض، ثم زار مخيم الزعتري للاجئين "
            "السوريين في الأردن، وحضر مباراة على ملعب الأمير فيصل بن فهد.")
    facts = read_facts(DateEvidence(), text, REGISTRY)
    made = {e.name: e for e in facts.resolved.made}
    assert {"مطار الملك خالد الدولي", "مخيم الزعتري", "ملعب الأمير فيصل بن فهد"} <= set(made)
    assert made["مخيم الزعتري"].status == "machine"
    every = {**{e.id: e for e in facts.resolved.made}, **REGISTRY.entities}
    assert not [e for e in facts.resolved.ids if every[e].type == "PER"]


def test_the_pieces_of_one_name_are_one_name() -> None:
    """A body named for a person is one name with the person and the words after (the
    recogniser cut it at the title: ``جامعة الملك``); a person's name the recogniser split in
    two is one; a club after نادي is a body, but a title after النادي begins a person's name."""
    def proposed(text: str) -> dict[str, tuple[str, bool]]:
        facts = read_facts(DateEvidence(), text, REGISTRY)
        return {p.name: (p.type, p.cue) for p in facts.resolved.proposed}

    found = proposed("وقع الاتفاق مع جامعة الملك سعود بن عبدالعزيز للعلوم الصحية في الرياض.")
    assert found.get("جامعة الملك سعود بن عبدالعزيز للعلوم الصحية", ("", False))[0] == "ORG"
    assert "جامعة الملك" not in found
    assert "بروس ويليس" in proposed("وسبق لها الزواج من بروس ويليس وآشتون كوتشر.")
    assert found_club(proposed("أنهت إدارة نادي التعاون انتقال المهاجم إلى صفوفها."))
    assert not [n for n in proposed("وقال نائب رئيس النادي الأستاذ خالد العمر إن الفريق جاهز.")
                if n.startswith("النادي")]


def test_names_the_news_names_often_need_no_cue() -> None:
    """A name the recogniser finds again and again in unlabeled news (``actors.tsv``) is linked
    on its first meeting; a name rejected in review is not. The list holds full names only,
    none a place of the gazetteer."""
    from builder.ner.resources import ACTORS, places
    from builder.registry import stems_of

    text = "وقال رأفت الصباغ إن المساعدات وصلت إلى المحتاجين أمس."
    facts = read_facts(DateEvidence(), text, REGISTRY)
    assert [(p.name, p.type, p.cue) for p in facts.resolved.proposed] == [("رأفت الصباغ", "PER", True)]
    rejected = Registry.load_text("entities: []\nrejected: [رأفت الصباغ]\n")
    assert not read_facts(DateEvidence(), text, rejected).resolved.proposed
    rows = [line.split("\t") for line in ACTORS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 1000 and all(kind in ("PER", "ORG") and " " in name for name, kind, _ in rows)
    assert not [name for name, _, _ in rows if places().get(stems_of(name))]


def test_the_title_of_a_work_is_no_actor() -> None:
    """A film's, a novel's, a song's title (``فيلم "جي آي جين"``) names no person or body."""
    text = 'يذكر أن مور ظهرت في فيلم "جي آي جين" وسبق لها الزواج من بروس ويليس وآشتون كوتشر.'
    facts = read_facts(DateEvidence(), text, REGISTRY)
    assert ("جي آي جين", "ORG") in {(m.text, m.type) for m in facts.mentions}  # the recogniser's
    assert "جي آي جين" not in {p.name for p in facts.resolved.proposed}


def found_club(found: dict[str, tuple[str, bool]]) -> bool:
    return found.get("نادي التعاون") == ("ORG", True)


def test_the_holy_mosques_are_places() -> None:
    """The registry a new archive starts with knows the holy mosques, which the gazetteer lacks;
    الأقصى alone only where the recogniser finds a name (not ``الحد الأقصى``, the maximum)."""
    assert ("المسجد النبوي", "SA") in places("أدى الوفد الصلاة في المسجد النبوي الشريف بالمدينة.",
                                             Registry.load(starter_registry()))
    assert "المسجد الأقصى" not in {n for n, _ in places("بلغ الحد الأقصى للأسعار أمس.")}


def test_places_go_by_the_names_the_news_writes() -> None:
    written = dict(places("اقتحم مستوطنون المسجد الأقصى في القدس المحتلة، وتظاهر آخرون في تل أبيب."))
    assert set(written) == {"المسجد الأقصى", "القدس", "تل أبيب"}
    assert places("وصل الوفد إلى خرطوم بعد رحلة طويلة.")[0][0] == "الخرطوم"


def test_a_prize_or_an_airport_named_after_someone_is_not_that_person() -> None:
    facts = read_facts(DateEvidence(), "توج الهلال بكأس خادم الحرمين الشريفين بعد فوزه.", REGISTRY)
    assert "salman" not in facts.resolved.ids
    facts = read_facts(DateEvidence(), "وصل الوفد إلى مطار الأمير محمد بن عبدالعزيز الدولي.", REGISTRY)
    assert not [p for p in facts.resolved.proposed if p.type == "PER"]


def test_bylines_footers_and_share_lines_name_no_one() -> None:
    text = ("لجين الأحمدي – عين اليوم\nأعلن الاتحاد الأوروبي ترشح ميشيل بلاتيني.\n"
            "رابط الخبر بصحيفة الوئام: الاتحاد الأوروبي يعلن ترشح بلاتيني\nسمات تويتر فيسبوك")
    facts = read_facts(DateEvidence(), text, REGISTRY)
    names = {p.name for p in facts.resolved.proposed}
    assert not names & {"لجين الأحمدي", "الوئام", "تويتر"}
    assert "twitter" not in facts.resolved.ids


def test_a_bodys_long_name_is_read_from_its_kind_and_the_words_after() -> None:
    """``وزارة الحرس الوطني``, ``المديرية العامة للشؤون الصحية``: linked as found by machine
    though the recogniser misses them; a part of a longer one is that one."""
    text = ("أقامت الشؤون الصحية بوزارة الحرس الوطني حفلا، وحضره مدير الغرفة التجارية الصناعية "
            "ومندوب عن الغرفة التجارية والمديرية العامة للشؤون الصحية بمنطقة القصيم.")
    facts = read_facts(DateEvidence(), text, REGISTRY)
    bodies = {p.name for p in facts.resolved.proposed if p.type == "ORG" and p.cue}
    assert {"وزارة الحرس الوطني", "الغرفة التجارية الصناعية",
            "المديرية العامة للشؤون الصحية"} <= bodies
    assert "الغرفة التجارية" not in bodies



def test_a_description_before_a_name_is_a_cue_for_it_not_a_name() -> None:
    """``شركة النفط السعودية الحكومية ارامكو``: the words after شركة describe ارامكو."""
    text = "قالت شركة النفط السعودية الحكومية ارامكو في بيان اليوم إن الأسعار ارتفعت."
    facts = read_facts(DateEvidence(), text, REGISTRY)
    proposed = {p.name: p.cue for p in facts.resolved.proposed if p.type == "ORG"}
    assert proposed == {"ارامكو": True}


def test_entities_go_by_their_usual_spelling_with_the_forms_met_as_aliases() -> None:
    """A name found by machine shows the news's spelling where it knows the name (``عبدالله
    الربيعة``); every entity lists the forms the articles write it in among its aliases
    (``سلمان بن عبد العزيز``), but a form without the article its name has is another word."""
    from builder.assemble import assemble
    from builder.extract.entities import EntityFinder, resolve
    from builder.model import Origin, RawArticle
    from builder.ner.recognizer import Recognizer

    finder = EntityFinder(REGISTRY)
    recogniser = Recognizer()
    for n, text in enumerate(["قال الدكتور عبد الله الربيعة إن الملك سلمان بن عبد العزيز وجه "
                              "بإرسال المساعدات.",
                              "وأكد الدكتور عبد الله الربيعة أن القوافل وصلت.",
                              "وأوضح الدكتور عبدالله الربيعة أن المركز يتابع."]):
        article, _ = assemble(RawArticle(Origin(f"{n}.txt"), text, "text", {}, "utf_8"), 90)
        assert article is not None
        found = resolve(recogniser.find(article.text), list(finder.registry.scan(article.text)),
                        finder.registry, article.text)
        finder.add(article, found)
    finder.settle()
    entities = {e.name: e for e in finder.entities().values()}
    assert entities["عبدالله الربيعة"].aliases == ("عبد الله الربيعة",)
    assert "الملك سلمان بن عبد العزيز" in entities["الملك سلمان بن عبدالعزيز"].aliases


def test_a_paper_named_for_its_city_in_quotes_is_no_place_and_a_body_s_town_is_one() -> None:
    assert places('ولاحظت "الرياض" خلال جولتها أن الأسعار ارتفعت.') == []
    assert places("تمكنت بلدية الدلم من ضبط عمالة تبيع لحوما.", home="SA") == [("الدلم", "SA")]


def test_a_club_named_by_a_common_word_and_its_country_in_sports_news() -> None:
    text = ("واصل فريق النصر معسكره، وركز المدرب على اللياقة، ويخوض الفريق مباراته الودية "
            "الأخيرة أمام فريق الشعب الإماراتي.")
    facts = read_facts(DateEvidence(), text, REGISTRY)
    assert ("الشعب", "ORG", True) in {(p.name, p.type, p.cue) for p in facts.resolved.proposed}


def test_the_next_name_of_a_list_after_a_comma_loses_its_and() -> None:
    text = "نقل الأمير التعازي إلى أسر الشهداء أحمد جعفر البارقي، وحسن ناصر بشيري، ومحمد علي ياسين."
    facts = read_facts(DateEvidence(), text, REGISTRY)
    people = {p.name for p in facts.resolved.proposed if p.type == "PER"}
    assert "حسن ناصر بشيري" in people and "وحسن ناصر بشيري" not in people


def test_a_person_s_short_names_are_that_person() -> None:
    """``"الشولي"`` (a surname in quotes, taken for an organisation) and ``محمد المخرج`` (first
    and last name) beside the full name are that person, not names of their own."""
    from builder.extract.entities import Proposed, Resolved, unreviewed

    def proposed(name: str, kind: str, at: int) -> Proposed:
        from builder.registry import key
        return Proposed(key(name), name, kind, at, at + len(name), True)

    found = Resolved({}, [], [proposed("محمد بن عبد الرحمن المخرج", "PER", 0),
                              proposed("محمد المخرج", "PER", 40),
                              proposed("عبدالعزيز سليمان الشولي", "PER", 60),
                              proposed("الشولي", "ORG", 90)])
    assert [p.name for p in unreviewed(found)] == ["محمد بن عبد الرحمن المخرج",
                                                   "عبدالعزيز سليمان الشولي"]


def test_clubs_and_their_country_in_sports_news_and_youth_elsewhere() -> None:
    """In sports news a club's name cut in two is one (``تشونبوك هيونداي``) and its country
    after it is among the forms of its name; elsewhere ``الشباب السعودي`` is Saudi youth."""
    sport = ("وجاء الفريق في المركز الثالث في الدوري تلاه تشونبوك هيونداي الكوري الجنوبي برصيد "
             "113 نقطة وحل الشباب السعودي خامساً بعد مباراة قوية للاعبين.")
    facts = read_facts(DateEvidence(), sport, REGISTRY)
    names = {p.name: sport[p.at:p.end] for p in facts.resolved.proposed if p.type == "ORG"}
    assert names.get("تشونبوك هيونداي") == "تشونبوك هيونداي الكوري"
    assert "الشباب السعودي" in names.values()
    column = "أرقام تقول إن الشباب السعودي يتنفس لغة الصورة ويكافح من أجل إتقانها."
    facts = read_facts(DateEvidence(), column, REGISTRY)
    assert not [p for p in facts.resolved.proposed if "الشباب" in p.name]


def test_parks_mosques_and_the_airport_of_a_frequent_town_are_sites() -> None:
    text = ("افتتحت الأمانة حديقة الفيصلية ومنتزه الردف، ثم نقل الجثمان إلى مطار الطائف، وصلى "
            "الناس في مسجد الملك عبدالعزيز.")
    found = {name for name, _ in places(text, home="SA")}
    assert {"حديقة الفيصلية", "منتزه الردف", "مطار الطائف", "مسجد الملك عبدالعزيز"} <= found


def test_a_body_named_after_a_place_is_no_place() -> None:
    """The recogniser's ``الجمعية العربية السعودية`` ends in a name of Saudi Arabia; it is the
    society, an organisation, not the country."""
    text = "أعلن فرع الجمعية العربية السعودية للثقافة والفنون في أبها عن نتائج المسابقة."
    facts = read_facts(DateEvidence(), text, REGISTRY)
    assert "saudi-arabia" not in facts.resolved.ids
    assert any("الجمعية العربية السعودية" in p.name for p in facts.resolved.proposed if p.type == "ORG")


ARTICLES = [
    ("coach.txt", "قال المدرب كريستيان جروس إن الفريق جاهز، وأكد جروس أن المعسكر في سويسرا نجح."),
    ("names.txt", "قال عبدالله إن الاجتماع انتهى، وأضاف صالح أن القرار نهائي. تنطلق البطولة في نيسان "
                  "المقبل، وسيحضرها عبدالله الوقيان."),
]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "archive", None)
    for name, text in ARTICLES:
        (root / "content" / name).write_text(text + "\n", encoding="utf-8")
    return root


def actors(root: Path) -> dict[str, str]:
    """name -> status of the actors the built site's exports list."""
    return {e["name"]: e["status"] for e in json.loads((root / "site" / "data" / "entities.json")
                                                       .read_text(encoding="utf-8"))
            if e["type"] != "LOC"}


def test_names_the_recogniser_is_sure_of_are_linked_as_found_by_machine(archive: Path) -> None:
    """A full name after a role, or one that begins with a usual first name, is linked and has
    its page, marked as not reviewed; a first name alone, a month taken for an organisation,
    are neither linked nor proposed."""
    build(archive, progress=False, out=io.StringIO())
    assert actors(archive) == {"كريستيان جروس": "machine", "عبدالله الوقيان": "machine"}
    page = next((archive / "site" / "actors").glob("*جروس*/index.html")).read_text(encoding="utf-8")
    assert "ولم يراجعه أحد بعد" in page
    proposed = (archive / "content" / "entities.proposed.yml").read_text(encoding="utf-8")
    assert "كريستيان جروس" in proposed and "linked: true" in proposed
    assert "name: نيسان" not in proposed and "name: عبدالله\n" not in proposed
    records = [json.loads(line) for line in (archive / "site" / "data" / "articles.jsonl")
               .read_text(encoding="utf-8").splitlines()]
    coach = next(r for r in records if "جروس" in r["title"])
    assert [a["name"] for a in coach["actors"]] == ["كريستيان جروس"]


def test_reviewed_only_archives_and_rejected_names(archive: Path) -> None:
    """``actors: reviewed`` links no machine-found name; a rejected name leaves every page."""
    (archive / "content" / "archive.yml").write_text("actors: reviewed\n", encoding="utf-8")
    build(archive, progress=False, out=io.StringIO())
    assert actors(archive) == {}
    (archive / "content" / "archive.yml").write_text("", encoding="utf-8")
    build(archive, progress=False, out=io.StringIO())
    assert actors(archive) == {"كريستيان جروس": "machine", "عبدالله الوقيان": "machine"}
    (archive / "content" / "entities.yml").write_text(
        "entities: []\nrejected: [كريستيان جروس]\n", encoding="utf-8")
    build(archive, progress=False, out=io.StringIO())
    assert actors(archive) == {"عبدالله الوقيان": "machine"}
    assert not list((archive / "site" / "actors").glob("*جروس*"))


def test_a_place_found_by_machine_is_proposed_and_accepted_where_it_is(tmp_path: Path) -> None:
    """A place found by machine is in the review file, linked; ``arshif review accept`` makes it
    a reviewed place of the registry, its page where it was, as it keeps an actor's (accepting
    had written the derived id into the entry, and the page moved to that id's address)."""
    from builder.review import accept

    root = make_project(tmp_path / "archive", None)
    (root / "content" / "a.txt").write_text("هبطت الطائرة في مطار الملك خالد الدولي بالرياض أمس، "
                                            "وكان في استقبال الوفد عدد من المسؤولين.\n",
                                            encoding="utf-8")
    build(root, progress=False, out=io.StringIO())

    def place() -> tuple[str, str]:
        found = [e for e in json.loads((root / "site" / "data" / "entities.json")
                                       .read_text(encoding="utf-8")) if "مطار" in e["name"]]
        assert len(found) == 1
        return found[0]["status"], found[0]["page"]

    status, page = place()
    assert status == "machine"
    proposed = (root / "content" / "entities.proposed.yml").read_text(encoding="utf-8")
    assert "مطار الملك خالد الدولي" in proposed
    (root / "content" / "b.txt").write_text("قال المدرب كريستيان جروس إن الفريق جاهز.\n",
                                            encoding="utf-8")
    build(root, progress=False, out=io.StringIO())
    for name in ("مطار الملك خالد الدولي", "كريستيان جروس"):
        accept(root / "content" / "entities.yml", root / "content" / "entities.proposed.yml",
               name, None, None)
    build(root, progress=False, out=io.StringIO())
    assert place() == ("reviewed", page)
    assert (root / "site" / "actors" / "كريستيان-جروس" / "index.html").exists()
