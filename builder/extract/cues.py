"""What the words around a name say about it: a title or a role before a person, a kind of body
before an organisation, a preposition or a kind of place before a place, and the lines (bylines,
footers, tag lists) whose names are not the article's.

The recogniser finds names; these cues decide which of its names a page may link without a
person's review (and read the long names of public bodies it misses), and which gazetteer names
are places here (``في عنيزة``) rather than words
that happen to be spelt like one (``قصفاً جوياً`` is not Jowya in Argentina).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from builder.arabic.normalize import Folded, fold
from builder.sources import outlets

#: Words before a person's name that say who the person is: titles, offices, trades.
PERSON_CUES = frozenset(fold(w) for w in """
    الدكتور الدكتورة د المهندس المهندسة الأستاذ الأستاذة الشيخ الشيخة الأمير الأميرة الملك الملكة
    السلطان العاهل الرئيس رئيس رئيسة نائب وزير الوزير وزيرة مدير المدير مديرة المديرة المتحدث
    المتحدثة الناطق الناطقة اللاعب اللاعبة المدرب المهاجم الحارس المدافع الظهير الجناح النجم النجمة
    الممثل الممثلة الفنان الفنانة المطرب المطربة المغني المغنية الكاتب الكاتبة الشاعر الشاعرة الروائي
    المخرج المخرجة المنتج السفير السفيرة القنصل اللواء العميد العقيد المقدم الرائد النقيب الجنرال
    المشير الفريق الأمين المستشار المستشارة القاضي المحامي المحامية الباحث الباحثة البروفيسور
    الإعلامي الإعلامية الصحفي الصحفية المصور المصورة الداعية المفتي الإمام الخطيب النائبة
    السيناتور الحاكم محافظ المحافظ أمير عضو عضوة المواطن المواطنة الطالب الطالبة السيد السيدة
    الشهيد الفقيد المرحوم المرحومة المتهم المتهمة الزميل الزميلة مؤسس الملياردير الحكم المعلق
    الأسطورة المرشح المرشحة القائد قائد زعيم الزعيم مساعد وكيل المشرف مشرف رئيسها رئيسه نجل
    شقيق ابن ابنة زوجة زوج الخبير الخبيرة الطبيب الطبيبة الأخصائي استشاري استشارية
""".split())

#: First words of an organisation's name, and words before a name that say it is a body.
ORG_CUES = frozenset(fold(w) for w in """
    شركة مجموعة وزارة هيئة جامعة مركز نادي حزب حركة صحيفة جريدة مجلة وكالة جمعية مجلس اتحاد
    منظمة مؤسسة رابطة بنك مصرف قناة إذاعة تلفزيون محكمة أمانة بلدية إدارة أكاديمية معهد كلية
    مدرسة مستشفى لجنة غرفة صندوق جماعة تنظيم ميليشيا ميليشيات مليشيا مليشيات قوات جيش شرطة
    مفوضية رئاسة مديرية مصلحة فريق منتخب موقع ائتلاف تحالف جبهة كتائب لواء سرايا ألوية دار
    مجمع بورصة سوق برلمان حكومة مكتب سفارة قنصلية نقابة اتحادات الاتحاد الهيئة الجامعة
""".split())

#: Words before a place's name: prepositions of place and kinds of place.
PLACE_CUES = frozenset(fold(w) for w in """
    في من إلى الى نحو قرب قرابة بين داخل خارج عبر شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط
    أنحاء ضواحي عاصمة العاصمة مدينة المدينة بلدة البلدة قرية القرية محافظة منطقة ولاية إمارة إقليم
    مقاطعة حي جزيرة مخيم مطار ميناء دولة حدود مدن بلدات قرى محافظات مناطق ولايات سكان أهالي
    لدى حتى باتجاه تجاه صوب زار يزور زيارة وصل غادر
""".split())

#: Words of a place's kind that may begin a place's name as the recogniser takes it
#: (``محافظة لحج``, ``المنطقة الشرقية``): the name is what follows.
PLACE_KINDS = frozenset(fold(w) for w in """
    منطقة المنطقة محافظة مدينة بلدة قرية حي ولاية إمارة إقليم مقاطعة جزيرة مخيم
""".split())

#: The quarters of the compass, which are also regions' names (Lebanon's ``الجنوب``): a region
#: only after its kind (``محافظة الجنوب``), never after a preposition alone (``في الجنوب``).
DIRECTIONS = frozenset(fold(w) for w in """
    الشمال الجنوب الشرق الغرب الوسط الشمالية الجنوبية الشرقية الغربية الوسطى
""".split())

#: Any word before a place's name that says it is one.
_BEFORE_PLACE = PLACE_CUES | PLACE_KINDS

#: Words after which a gazetteer name is something else: the sunset prayer (``أذان المغرب``).
NOT_PLACE_AFTER = frozenset(fold(w) for w in "أذان صلاة صلاتي لصلاة وقت موعد إفطار".split())

_WORD = re.compile(r"[^\W\d_]+")
_PROCLITIC = re.compile("^(?:[وف]?[بل]?)")
#: A line that only says who wrote the article and for whom: a few words around a dash or colon.
_BYLINE = re.compile(r"^[^.!؟?،\n]{0,60}\s[-–—ـ:|]\s*[^.!؟?\n]{0,40}$")
#: Lines whose names are the site's, not the article's: a link back to the source, a tag list.
_ASIDE_START = tuple(fold(w) for w in ("رابط الخبر", "سمات", "اقرأ أيضا", "المصدر:", "شارك"))


def previous_words(text: str, start: int, n: int = 2) -> list[str]:
    """The ``n`` words before ``start`` (nearest first), folded, with the line's punctuation and
    quotes skipped but not a sentence end."""
    before = text[max(0, start - 80):start]
    cut = max(before.rfind(ch) for ch in ".!؟?\n")
    return [fold(w) for w in reversed(_WORD.findall(before[cut + 1:]))][:n]


def one_of(word: str, kinds: frozenset[str]) -> bool:
    """Whether a folded word is one of ``kinds``, as written or behind a proclitic (``بلدة``,
    whose ب is its own; ``بولاية``)."""
    return word in kinds or bare(word) in kinds


def place_kind(word: str) -> bool:
    """Whether a folded word is a kind of place (:data:`PLACE_KINDS`)."""
    return one_of(word, PLACE_KINDS)


def bare(word: str) -> str:
    """A folded word without a leading و ف ب ل (``والدكتور`` -> ``الدكتور``)."""
    rest = _PROCLITIC.sub("", word, count=1)
    return rest if len(rest) >= 2 else word


def nisba(word: str) -> bool:
    """``الفرنسي``, ``السويسرية``: a nationality or origin before a name (``الفرنسي ميشيل``)."""
    return word.startswith("ال") and len(word) >= 6 and word.endswith(("ي", "يه"))


#: How far before a person's name its role may begin (``رئيس قسم العمليات فيصل النمري``).
ROLE_REACH = 5


def next_words(text: str, end: int, n: int = 1) -> list[str]:
    """The ``n`` words after ``end``, folded, with a comma skipped but not a sentence end."""
    after = text[end:end + 80]
    cut = min((i for i in (after.find(ch) for ch in ".!؟?\n") if i >= 0), default=len(after))
    return [fold(w) for w in _WORD.findall(after[:cut])][:n]


def _role(word: str) -> bool:
    """``word`` is a title or a role, with or without its article (``اللاعب``, ``لاعب``)."""
    return any(w in PERSON_CUES or "ال" + w in PERSON_CUES for w in (word, bare(word)))


def person_cue(text: str, start: int, end: int) -> bool:
    """A title, a role or a nationality before a person's name (``المدرب``, ``والبولندي``,
    ``مدير إدارة العمليات``), or a role right after it (``مارتي والش رئيس بلدية بوسطن``)."""
    before = previous_words(text, start, ROLE_REACH)
    after = next_words(text, end)
    return (bool(before) and nisba(bare(before[0]))) or any(_role(w) for w in before) or (
        bool(after) and _role(after[0]))


#: Places and prizes named after a person: the name there is not the person's part in the news
#: (``مطار الأمير محمد بن عبدالعزيز``, ``كأس خادم الحرمين الشريفين``).
NAMED_AFTER = frozenset(fold(w) for w in """
    مطار جامعة مستشفى شارع طريق ملعب استاد إستاد مدينة مركز قاعة مسجد جامع كلية مدرسة برج ميدان
    دوري كأس جائزة بطولة كرسي وقف مؤسسة برنامج مشروع حي مجمع
""".split())
#: Titles that may stand between such a word and the name (``مطار الملك عبدالعزيز``).
HONORIFICS = frozenset(fold(w) for w in "الأمير الملك الشيخ الإمام خادم الحرمين الشريفين".split())


#: Words that make the title after them another person's: ``نائب خادم الحرمين الشريفين`` is
#: the King's deputy, ``مستشار خادم الحرمين`` his adviser, not the King.
DEPUTIES = frozenset(fold(w) for w in "نائب مستشار مساعد ممثل مبعوث".split())


def deputy_title(text: str, start: int, surface: str) -> bool:
    """The title at ``start`` (a name that begins with one of :data:`HONORIFICS`) follows a
    deputy's word: it says whose deputy another person is."""
    before = previous_words(text, start, 1)
    name = surface.split()
    return bool(before and name) and one_of(before[0], DEPUTIES) and one_of(fold(name[0]), HONORIFICS)


#: Words before the title of a work (``فيلم "جي آي جين"``): the name is the work's, no actor's.
WORKS = frozenset(fold(w) for w in """
    فيلم الفيلم مسلسل المسلسل رواية الرواية أغنية الأغنية مسرحية المسرحية ألبوم الألبوم كتاب الكتاب
""".split())


def work_title(text: str, start: int) -> bool:
    """The name at ``start`` is the title of a work (:data:`WORKS`)."""
    before = previous_words(text, start, 1)
    return bool(before) and one_of(before[0], WORKS)


def named_after(text: str, start: int) -> bool:
    """The name at ``start`` names a place or a prize after a person (:data:`NAMED_AFTER`)."""
    for word in previous_words(text, start, 4):
        if one_of(word, NAMED_AFTER):
            return True
        if word not in HONORIFICS:
            return False
    return False


#: Adjectives shaped like a nationality that are not one (``التشيلي الدولي``: a capped player).
_NOT_NATIONALITY = frozenset(fold(w) for w in "الدولي الدولية الرسمي الرسمية الحالي الحالية".split())
_QUOTED = re.compile(r"[«\"“]\s*$")


def nationality(word: str) -> bool:
    """A folded word is a nationality (``الإماراتي``), not an adjective shaped like one."""
    return nisba(word) and word not in _NOT_NATIONALITY


def org_cue(text: str, start: int, end: int, name: str) -> bool:
    """A kind of body that begins the name (``شركة …``) or comes right before it (``فريق …``,
    ``فريقا …``), a nationality right after it (``الوصل الإماراتي``: a club), or quotes around
    it (``لـ«الشرق الأوسط»``)."""
    first = fold(name).split(" ", 1)[0]
    after = next_words(text, end)
    return (any(w in ORG_CUES or w.removeprefix("ال") in ORG_CUES for w in (first, bare(first)))
            or kind_before(text, start)
            or (bool(after) and nationality(after[0]))
            or quoted(text, start, end))


def kind_before(text: str, start: int) -> bool:
    """A kind of body right before ``start`` (``فريق``, ``فريقا``, ``نادي``)."""
    before = previous_words(text, start, 1)
    return bool(before) and any(w in ORG_CUES or w[:-1] in ORG_CUES for w in (before[0], bare(before[0])))


def place_cue(text: str, start: int, surface: str) -> bool:
    """A preposition of place joined to the name (``بعنيزة``, ``لموسكو``) or a preposition or a
    kind of place before it (``في``, ``مدينة``)."""
    first = fold(surface).split(" ", 1)[0]
    if (first[:1] in "بل" and not first.startswith("ال")) or first.startswith(("وب", "ول", "فب")):
        return True
    before = previous_words(text, start, 1)
    return bool(before) and one_of(before[0], _BEFORE_PLACE)


#: Words after which a state the registry holds as an actor is the country, a place: ``في
#: الولايات المتحدة``, ``زيارة الولايات المتحدة`` (not ``من``: ``طلب من الولايات المتحدة`` asks
#: the state).
_IN_A_STATE = frozenset(fold(w) for w in
                        "في إلى الى داخل خارج أنحاء زار يزور زيارة وصل غادر سكان مدن".split())


def in_a_state(text: str, start: int, surface: str) -> bool:
    """Whether the state named at ``start`` is where something is or goes (:data:`_IN_A_STATE`,
    or a joined ب: ``بالولايات المتحدة``), not the state acting."""
    first = fold(surface).split(" ", 1)[0]
    if first.startswith(("بال", "وبال", "فبال")):
        return True
    before = previous_words(text, start, 1)
    return bool(before) and before[0] in _IN_A_STATE


#: Words of sports news: an article with ``SPORTS_WORDS_LEAST`` of them is about a game, where
#: a club goes by its bare name (``يجمع الهلال بالنصر``) and the recogniser often misses it.
SPORTS_WORDS = frozenset(fold(w) for w in """
    مباراة المباراة مباريات المباريات الدوري دوري لاعب اللاعب لاعبي اللاعبين مدرب المدرب الفريق
    فريق هدف الهدف أهداف الأهداف الملعب ملعب ديربي الديربي المنتخب بطولة البطولة الموسم الجولة
    ودية الودية معسكر المعسكر الجماهير جماهير
""".split())
SPORTS_WORDS_LEAST = 3


def about_sport(folded: Folded) -> bool:
    """Whether the text is sports news (:data:`SPORTS_WORDS`)."""
    return sum(one_of(w, SPORTS_WORDS) for w in folded.words) >= SPORTS_WORDS_LEAST


#: Words before a team's name in a match report (``أمام نظيره العين الإماراتي``).
_OPPONENT = frozenset(fold(w) for w in "فريق فريقا نظيره نظيرهم أمام ضد مواجهة لقاء منافسه".split())


def nationality_end(text: str, end: int) -> int:
    """Where a nationality right after ``end`` ends (``الشباب السعودي``, ``السد القطري``: a
    club and its country, in sports news), else ``end``."""
    after = _NEXT_NAME.match(text, end)
    return after.end() if after and nationality(fold(after[1])) else end


_NEXT_NAME = re.compile(r"\s+([^\W\d_]+)")


def foreign_clubs(folded: Folded) -> Iterator[tuple[int, int, int]]:
    """Clubs named in sports news by a common word and their country (``فريق الشعب الإماراتي``,
    ``نظيره العين الإماراتي``): a word with the article between a word that introduces a team
    and a nationality; (start, end of the name, end of the nationality). The recogniser reads
    such words as words or places."""
    ws = folded.words
    spans = folded.spans()
    for i in range(1, len(ws) - 1):
        name, after = ws[i], ws[i + 1]
        if one_of(ws[i - 1], _OPPONENT) and name.startswith("ال") and not body_kind(name) \
                and not nisba(name) and nationality(after):
            yield spans[i][0], spans[i][1], spans[i + 1][1]


#: Place names that with the word after them are an idiom: ``مسقط رأس`` (birthplace), not Muscat.
IDIOMS = {fold("مسقط"): fold("رأس")}


def not_a_place(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` is a time of prayer (``أذان المغرب``), an idiom's first word
    or a newspaper named for its city, in quotes (``ولاحظت "الرياض"``), here, not a place."""
    before = previous_words(text, start, 1)
    after = next_words(text, end, 1)
    idiom = IDIOMS.get(fold(text[start:end]))
    return (bool(before) and one_of(before[0], NOT_PLACE_AFTER)) or (
        idiom is not None and after == [idiom]) or (
        quoted(text, start, end) and fold(text[start:end]) in _outlet_names())


def quoted(text: str, start: int, end: int) -> bool:
    """The name at ``start:end`` stands alone in quotes (``لـ«الشرق الأوسط»``)."""
    return bool(_QUOTED.search(text[max(0, start - 3):start])) and text[end:end + 1] in "»\"”"


@cache
def _outlet_names() -> frozenset[str]:
    """The shipped news outlets' names, folded."""
    return frozenset(fold(source.name) for source in outlets().values())


_DEFINITE_BEFORE = re.compile(r"(?<![^\W\d_])(?:[وفبل]?ال|[وف]?لل)[^\W\d_]+\s+$")


def adjective(text: str, start: int, surface: str) -> bool:
    """A country's name that follows a definite noun as its adjective: ``الحكومة السعودية``,
    ``المنتخبات السعودية`` (Saudi), not ``في السعودية`` (Saudi Arabia)."""
    folded = fold(surface)
    if not (folded.startswith("ال") and folded.endswith("يه")) or " " in folded:
        return False
    before = previous_words(text, start, 1)
    return bool(_DEFINITE_BEFORE.search(text[max(0, start - 40):start])) and bool(before) and (
        not one_of(before[0], _BEFORE_PLACE))


#: Words that begin the name of a public body or a firm (``وزارة التجارة``, ``الهيئة العامة
#: للرياضة``): the recogniser misses many of these long names, which the words after say whole.
BODIES = frozenset(fold(w) for w in """
    وزارة هيئة الهيئة جامعة أمانة رئاسة الرئاسة مديرية المديرية المؤسسة الغرفة جمعية الجمعية
    شركة الشركة بنك البنك محكمة المحكمة منظمة نادي النادي وكالة سفارة السفارة قنصلية القنصلية
    الخطوط الجيش جيش الحرس حرس قوات القوات المكتب ديوان الديوان كلية الكلية
""".split())


#: Relative pronouns, which begin a clause after a name, not a word of it.
_RELATIVES = frozenset(fold(w) for w in "التي الذي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي".split())


#: Bodies named for a person (``مستشفى الملك فهد``, ``مركز الملك سلمان للإغاثة``): the kind,
#: a title of :data:`HONORIFICS`, the person's name and any definite words after it.
NAMED_FOR_BODIES = frozenset(fold(w) for w in "مستشفى مركز جامعة كلية مؤسسة مجمع معهد مكتبة".split())
#: Bodies named for their town or region (``بلدية القيصومة``, ``محكمة جازان``): the kind, then a
#: place, or a region's kind and a place (``إمارة منطقة مكة المكرمة``; ``إمارة دبي`` is a place).
LOCAL_BODIES = frozenset(fold(w) for w in "بلدية محكمة غرفة أمانة شرطة جامعة مستشفى صحة".split())
_REGION_KINDS = frozenset(fold(w) for w in "منطقة محافظة المنطقة المحافظة".split())
#: The place a text is about, named by its kind alone.
_HERE = frozenset(fold(w) for w in "المنطقة المحافظة المدينة البلاد المملكة الدولة".split())
#: Bodies whose unit (``وكالة الرئاسة العامة``, its deputyship) is named by the body itself.
_PARENTS = frozenset(fold(w) for w in "الرئاسة الهيئة الوزارة الجامعة الأمانة المديرية المؤسسة".split())
_OFFICES = frozenset(fold(w) for w in "إمارة".split())
_KINDS = BODIES | NAMED_FOR_BODIES | LOCAL_BODIES | _OFFICES
#: Adjectives that make the words before them a description, not a name (``وكالة الأنباء
#: الرسمية``, the official news agency; ``الجهات المعنية``; ``منظمة جديدة``; ``الاتحاد
#: الشقيق``, the brother club), without their article.
_GENERIC = frozenset(fold(w) for w in """
    رسمي رسمية حكومي حكومية محلي محلية خاص خاصة معني معنية مختص مختصة أخرى جديد جديدة كبرى كبير
    كبيرة شقيق شقيقة
""".split())
#: Words that go on a person's name after its first (``عبدالله بن عبدالعزيز``, ``عبد الله``).
_NAME_LINKS = frozenset(fold(w) for w in "بن بنت".split())
_NAME_STARTS = frozenset(fold(w) for w in "عبد أبو".split())


def bodies(folded: Folded, places: dict[int, int]) -> Iterator[tuple[int, int, int, bool]]:
    """Spans of the text that name a body the recogniser may miss, by the words after its kind
    (from the kind, past a proclitic before it), without crossing punctuation: (start, end of
    the kind, end, whether the words are a :func:`description`):

    - a kind of :data:`BODIES` and one to four definite words (``التجارية الصناعية``,
      ``للشؤون الصحية``); a kind alone or with an indefinite word after it is no name;
    - a kind of :data:`NAMED_FOR_BODIES`, a title and a person's name (``مستشفى الملك فهد``);
    - a kind of :data:`LOCAL_BODIES` and a place of ``places`` (start -> end in the text as
      written) after it (``بلدية القيصومة``).

    Definite words, up to four, end each (``مركز الملك سلمان للإغاثة والأعمال الإنسانية``)."""
    ws = folded.words
    spans = folded.spans()
    written = folded.text

    def next_to(k: int) -> bool:  # word k follows word k - 1 with nothing but space between
        return k < len(ws) and not written[spans[k - 1][1]:spans[k][0]].strip()

    def definite(k: int, most: int) -> int:  # the end of the definite words from word k
        end = k
        while end - k < most and next_to(end) and _definite(ws[end], end > k) \
                and not _role(ws[end]) and ws[end] not in _RELATIVES \
                and not (end > k and body_kind(ws[end])):  # رئيس النادي الأستاذ …: a title begins
            end += 1  # a person's name; وزارة الصحة التي …: a clause; والمديرية: another body
        return end

    i = 0
    while i < len(ws):
        end = i + 1
        if one_of(ws[i], BODIES) and not (i + 1 < len(ws) and (
                ws[i + 1] in _PARENTS or (bare(ws[i]).startswith("ال") and ws[i + 1].startswith("لل")))):
            # وكالة الرئاسة العامة: a part of the body named next; النادي للتنسيق: a purpose
            end = definite(i + 1, 4)
        if end == i + 1 and one_of(ws[i], NAMED_FOR_BODIES) and next_to(i + 1) \
                and ws[i + 1] in HONORIFICS:
            end = _person(ws, i + 2, next_to)
            end = definite(end, 4) if end > i + 2 else i + 1
        if end == i + 1 and (one_of(ws[i], LOCAL_BODIES) or one_of(ws[i], _OFFICES)):
            k = i + 2 if next_to(i + 1) and ws[i + 1] in _REGION_KINDS else i + 1
            if (k > i + 1 or not one_of(ws[i], _OFFICES)) and next_to(k) and spans[k][0] in places:
                stop = places[spans[k][0]]
                end = k + 1
                while end < len(ws) and spans[end][0] < stop:
                    end += 1
        if end > i + 1:  # the name begins at the kind, past a proclitic (بصحة الطائف)
            start = spans[i][0] + (len(ws[i]) - len(bare(ws[i])) if ws[i] not in _KINDS else 0)
            yield start, spans[i][1], spans[end - 1][1], description(ws[i + 1:end])
        i = end


def description(words: list[str]) -> bool:
    """A body's words after its kind that describe it rather than name it: an adjective of
    :data:`_GENERIC` among them (``وكالة الأنباء الرسمية``), or the place it serves alone
    (``أمانة المنطقة``, the region's)."""
    return any(generic(w) for w in words) or all(w in _HERE for w in words)


def generic(word: str) -> bool:
    """A folded word is one of the adjectives of :data:`_GENERIC`, with its article or not."""
    return word.removeprefix("ال") in _GENERIC


def body_kind(word: str) -> bool:
    """A kind of body, behind a proclitic and with or without its article (``والحكومة``)."""
    rest = bare(word)
    return rest in BODIES or rest in ORG_CUES or rest.removeprefix("ال") in ORG_CUES


def _definite(word: str, joined: bool) -> bool:
    """A word with the article (``الصحية``, ``للشؤون``), or behind ``و`` when ``joined`` to a
    definite word before it (``للإغاثة والأعمال``; ``النادي والجهاز الفني`` is two things)."""
    return (word.removeprefix("و") if joined else word).startswith(("ال", "لل")) and len(word) > 3


def _person(ws: list[str], k: int, next_to: Callable[[int], bool]) -> int:
    """The end of a person's name from word ``k``: a name (``عبد الله`` written apart too),
    then ``بن`` and a name, again and again; ``k`` when no name is there."""
    end = k
    while next_to(end) and not ws[end].startswith(("ال", "لل")) and not _role(ws[end]):
        end += 2 if ws[end] in _NAME_STARTS and next_to(end + 1) else 1
        if not (next_to(end) and next_to(end + 1) and ws[end] in _NAME_LINKS):
            break
        end += 1
    return end


#: How far from a name its line's start and end are looked for: a byline, a footer or a tag
#: line is shorter, and a text of one long line is not searched end to end at every name.
LINE_REACH = 400


def aside(text: str, start: int) -> bool:
    """``start`` is on a line that is not the article's own text: a byline at the top (``لجين
    الأحمدي – عين اليوم``), a link back to the source, a tag list."""
    line_start = text.rfind("\n", max(0, start - LINE_REACH), start) + 1
    if line_start == 0 and start > LINE_REACH:
        return False
    line_end = text.find("\n", start, start + LINE_REACH)
    line = text[line_start:line_end if line_end >= 0 else start + LINE_REACH].strip()
    if fold(line[:20]).startswith(_ASIDE_START):
        return True
    return line_start == 0 and len(line.split()) <= 8 and bool(_BYLINE.match(line))


def tanween(surface: str) -> bool:
    """A word ending in tanween (``جوياً``, ``درعاً``) is an adjective or a noun, not a name."""
    return any("\u064b" <= ch <= "\u064d" for ch in surface.rstrip()[-2:])
