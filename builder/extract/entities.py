"""Places and actors of an article: recogniser mentions and registry names, resolved to entities.

Mentions the registry knows become its entity ids. A place it does not know but the gazetteer
does becomes a place entity with coordinates (the country most named in the article decides
between places of one name: الرقة in Syria, not Kuwait). Other new names are proposals for
review (``content/entities.proposed.yml``), with counts and example sentences.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Any, NamedTuple

import numpy as np

from builder.arabic.addresses import address_name
from builder.arabic.normalize import CLITIC_LETTERS, Folded, fold, stem, words
from builder.extract.cues import (
    DIRECTIONS,
    HONORIFICS,
    about_sport,
    adjective,
    aside,
    bodies,
    body_kind,
    deputy_title,
    foreign_clubs,
    generic,
    in_a_state,
    kind_before,
    named_after,
    nationality_end,
    nisba,
    not_a_place,
    org_cue,
    person_cue,
    place_cue,
    place_kind,
    previous_words,
    tanween,
    work_title,
)
from builder.extract.dates import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS
from builder.model import Article, Entity, EntityMention
from builder.ner.resources import ARAB_WORLD, Place, first_names, news_actors, place_words, places
from builder.registry import Registry, derived_id, folder, key, page_name, stems_of

_SENTENCE_ENDS = ".!؟?\n"


#: Example sentences shown for each proposed name.
EXAMPLES = 3

#: Words no name is made of: those of formulae (``سائلا المولى``, ``رضوان الله``) and common
#: nouns the recogniser has taken for names.
NEVER_IN_NAMES = frozenset(key(w) for w in (
    "المولى", "الله", "لله", "سبحانه", "تعالى", "وجل", "السنة", "الكورنيش", "الدولي",
    "الدولية"))
#: Words of formulae as written, whose key the normaliser leaves whole (``ولله الحمد``; ``الحمد``
#: alone is a family's name: ``صباح خالد الحمد``).
FORMULAE = frozenset(fold(w) for w in ("ولله", "فلله"))
#: Words no name begins with: months and weekdays (``نيسان`` taken for an organisation). A
#: Hijri month may be a person's first name (``رمضان قاديروف``), so only a name of one word.
NOT_FIRST = frozenset(key(w) for w in (*GREGORIAN_MONTHS, *WEEKDAYS))
CALENDAR = NOT_FIRST | frozenset(key(w) for w in HIJRI_MONTHS)


#: The most words a person's name has (``محمد بن نايف بن عبدالعزيز بن عبدالرحمن آل سعود``, nine
#: with ``بن`` and ``آل``, and one to spare): more are names the recogniser ran together (``علي
#: عمر سهلي محمد علي إسماعيل …``, a list of twenty-one words), for a person to split in the
#: review file.
LONGEST_PERSON = 10


@dataclass
class Proposal:
    """A name met in the articles that the registry does not know, and where: (article text,
    start, end) in article order. Its example sentences are cut only for the names the review
    file shows, not for the tens of thousands met once."""

    name: str
    type: str
    articles: set[str] = field(default_factory=set)
    met: list[tuple[str, int, int]] = field(default_factory=list)
    #: whether the words before one of its mentions say what it is (a title, a kind of body)
    cue: bool = False
    #: whether the pages link it as an actor or a place found by machine
    #: (:meth:`EntityFinder.settle`)
    linked: bool = False
    #: how often each spelling was met (``عبدالله الربيعة``, ``عبد الله الربيعة``), first met first
    spellings: Counter[str] = field(default_factory=Counter)

    def spelt(self) -> str:
        """The spelling a page shows: the news's (:func:`news_actors`, counted over far more
        text than one archive) where it knows the name, else the one met most, the first met
        on a tie. (The others are among the entity's aliases: :meth:`EntityFinder.entities`.)"""
        news = news_actors()
        eid = news.names.get(key(self.name))
        usual = news.entities[eid].name if eid is not None else ""
        if usual in self.spellings:
            return usual
        return self.spellings.most_common(1)[0][0] if self.spellings else self.name

    @property
    def worth_review(self) -> bool:
        """Whether the review file may list it: not a month or a formula (a first name alone is
        judged among the others: :meth:`EntityFinder.for_review`); a place found by machine
        always (``مطار الملك خالد الدولي``: its own checks made it one)."""
        words = key(self.name).split()
        return self.type == "LOC" or not (any(w in NEVER_IN_NAMES for w in words) or words[0] in NOT_FIRST
                    or (len(words) == 1 and words[0] in CALENDAR)
                    or any(w in FORMULAE for w in fold(self.name).split()))

    @property
    def confident(self) -> bool:
        """Whether a page may name it before anyone reviews it: a person's full name or an
        organisation's name, met in two articles or after a cue (``المدرب كريستيان جروس``,
        ``شركة أوتيس``), or a person's full name that begins with a usual first name
        (:func:`first_names`: ``بندر الزهراني``); an organisation of one word only after a cue;
        never a first name alone, a place, a name with a month or a formula in it, or a
        person's name longer than :data:`LONGEST_PERSON` words."""
        words = key(self.name).split()
        if self.type not in ("PER", "ORG") or not self.worth_review or (
                self.type == "PER" and len(words) > LONGEST_PERSON):
            return False
        if len(words) == 1:
            return self.type == "ORG" and self.cue
        return self.cue or len(self.articles) >= 2 or (
            self.type == "PER" and fold(self.name.split()[0]) in first_names())

    @property
    def examples(self) -> list[str]:
        """The first few distinct sentences the name is met in."""
        found: list[str] = []
        for text, at, _ in self.met:
            sentence = _sentence_at(text, at)[:300]
            if sentence and sentence not in found:
                found.append(sentence)
                if len(found) == EXAMPLES:
                    break
        return found


class Proposed(NamedTuple):
    """A name no registry entry or gazetteer place is: its key, the name, its type, where in
    the text it is first met (its example sentence is cut from there only for the few shown)
    and whether the words before one of its mentions say what it is (``cues``)."""

    key: str
    name: str
    type: str
    at: int
    end: int
    cue: bool


@dataclass
class Resolved:
    """An article's entities as resolved on its own (cached with its facts): where in the text
    each entity is first named, in order of first mention; the places made for it (of the
    gazetteer, or found by machine); the names proposed for review; and the forms each entity's
    name is written in."""

    #: entity id -> (start, end) of its first mention in the text, in the order of the text
    first: dict[str, tuple[int, int]]
    made: list[Entity]
    proposed: list[Proposed]
    #: entity id -> the forms of its mentions, as written without clitics, in order met
    forms: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        """The entity ids in order of first mention."""
        return list(self.first)

    def to_json(self) -> dict[str, object]:
        return {"first": list(self.first.items()), "made": [vars(e) for e in self.made],
                "proposed": self.proposed, "forms": self.forms}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resolved:
        made = [Entity(**{**e, "aliases": tuple(e["aliases"]),
                           "recognised_aliases": tuple(e["recognised_aliases"])})
                for e in data["made"]]
        first = {eid: (a, b) for eid, (a, b) in data["first"]}
        return cls(first, made, [Proposed(*p) for p in data["proposed"]], data["forms"])


def resolve(mentions: list[EntityMention], hits: list[tuple[int, int, str]],
            registry: Registry, text: str | Folded, home: str = "") -> Resolved:
    """Resolve an article's registry ``hits`` (from :meth:`Registry.scan`) and the recogniser's
    ``mentions`` in ``text`` to entities; what neither the registry nor the gazetteer knows is
    proposed. Names on a byline, footer or tag line are not the article's and are skipped. A
    gazetteer name the recogniser missed is a place where a cue says so (``في الأسياح``).
    ``home``: the country of the article's source, which settles homonyms the text leaves open."""
    folded = Folded.of(text)
    written = folded.text
    mentions = _joined(mentions, written)
    gazetteer = list(_gazetteer_names(folded))
    registry_ends = {a: b for a, b, _ in hits}  # a site the registry names is the registry's
    sites = [(a, b, name) for a, b, name in _sites(
        written, [(m.start, m.end) for m in mentions] + [(a, b) for a, b, _ in hits], gazetteer)
        if registry_ends.get(a, -1) < b]
    in_site = _Spans([(a, b) for a, b, _ in sites])
    found = [(a, b, eid) for a, b, eid in hits if not in_site.overlaps(a, b)
             and not aside(written, a) and not _without_article(written[a:b], registry.entities[eid])
             and not (registry.entities[eid].type == "LOC" and (
                 adjective(written, a, written[a:b]) or not_a_place(written, a, b)))
             and not (registry.entities[eid].type == "PER" and (
                 named_after(written, a) or deputy_title(written, a, written[a:b])))]
    countries = _countries(mentions, [eid for _, _, eid in found], registry)
    # a word of a person's name the recogniser takes for a place alone (بشار of بشار الأسد,
    # ويليس of بروس ويليس) is the person's
    name_words = {w for k in (key(m.text) for m in mentions if m.type == "PER") if " " in k
                  for w in k.split()}
    made: dict[str, Entity] = {}
    proposed: dict[str, Proposed] = {}
    place_ends: set[int] = set()  # where the places named end: the next in a list needs no cue

    def listed(start: int) -> bool:
        """Whether a place ends right before ``start``, or before a run of list items (``و``
        words) that ends there: ``بعنيزة والأسياح والبكيرية``, where الأسياح is unknown."""
        for _ in range(LIST_ITEMS + 1):
            if any(written[e:start].strip() in ("", "،", ",") for e in
                   range(max(0, start - 3), start + 1) if e in place_ends):
                return True
            before = written[:start].rstrip(" ،,")
            item = before.rsplit(None, 1)[-1] if before.strip() else ""
            if not (item.startswith("و") and len(item) > 3 and written[start:start + 1] == "و"):
                return False
            start = len(before) - len(item)
        return False

    def place_at(start: int, end: int, surface: str, cue: bool) -> str | None:
        if (tanween(surface) or key(surface) in name_words
                or adjective(written, start, surface)):
            return None
        place = _place(surface, countries, registry, cue or listed(start), home)
        if isinstance(place, Entity):
            made[place.id] = place
            place = place.id
        if place is not None:
            place_ends.add(end)
        return place

    def found_by_machine(place: Entity, start: int, end: int) -> str:
        """A place found by machine, made for the article and proposed (linked) for review."""
        made[place.id] = place
        k = key(place.name)
        proposed.setdefault(k, Proposed(k, place.name, "LOC", start, end, True))
        return place.id

    taken = _Spans([(m.start, m.end) for m in mentions] + [(a, b) for a, b, _ in hits + sites])
    sport = about_sport(folded)
    named, described, served = _bodies(folded, mentions, hits + sites, gazetteer, taken)
    person_ends = {m.end for m in mentions if m.type == "PER"}
    for m in (d for d in map(_undescribed, mentions) if d is not None):
        if any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b, _ in hits):
            continue  # a piece of a registry name written around it (المنورة of المدينة المنورة)
        if aside(written, m.start) or in_site.overlaps(m.start, m.end):
            continue
        if m.type == "LOC" and not place_cue(written, m.start, m.text) and any(
                not written[e:m.start].strip() for e in person_ends if m.start - 2 <= e <= m.start):
            continue  # the end of a person's name the recogniser split (بروس | ويليس)
        if (m.type == "PER" and named_after(written, m.start)) or (
                m.type == "LOC" and (adjective(written, m.start, m.text)
                                     or not_a_place(written, m.start, m.end))) or (
                m.type != "LOC" and work_title(written, m.start)):
            continue
        eid = registry.resolve(m.text, m.type)
        if eid is not None and _without_article(m.text, registry.entities[eid]):
            continue
        if eid is None and m.type == "LOC":
            eid = place_at(m.start, m.end, m.text,
                           place_cue(written, m.start, m.text) or m.start in served)
            if eid is None:
                unknown = None if key(m.text) in name_words else \
                    _found_place(written, m, countries, registry)
                if unknown is None:
                    continue
                eid = found_by_machine(unknown, m.start, m.end)
        if eid is None:
            name = _name_form(m.text)
            if m.type == "PER" and " " in name and fold(name).startswith("و"):
                opening = fold(name.split(" ", 1)[0])
                between = {written[e:m.start].strip() for e in person_ends if m.start - 3 <= e < m.start}
                if "" in between or (bool(between & set(_LIST_MARKS))
                                     and _is_clitic(opening, opening[1:], alike=False)):
                    name = name[1:]  # the next name of a list (بدوي الدسوقي وسعد الرفدان): و is
                    # and; after a comma too (، وحسن ناصر بشيري), unless a name begins so (وليد)
            k = key(name)
            words = fold(name).split()
            core = words[:-1] if len(words) > 1 and nisba(words[-1]) else words
            if m.type == "ORG" and not sport and len(core) == 1 and common_word(core[0]) \
                    and not kind_before(written, m.start):
                continue  # a common word (and a nationality) names a club in sports news or
                # after its kind only (فريق الأهلي; الشباب السعودي elsewhere is Saudi youth)
            if k and k not in registry.rejected and len(k) >= 3:
                cue = _actor_cue(written, m, name) or _in_the_news(k, m.type) or m.start in described
                if k not in proposed or (cue and not proposed[k].cue):
                    at = proposed[k].at if k in proposed else m.start
                    end = proposed[k].end if k in proposed else (
                        nationality_end(written, m.end) if sport and m.type == "ORG" else m.end)
                    proposed[k] = Proposed(k, name, m.type, at, end, cue)
            continue
        found.append((m.start, m.end, eid))
    for start, end, name in sites:
        if not aside(written, start) and (site := _machine_place(name, countries, registry)):
            found.append((start, end, found_by_machine(site, start, end)))
    if sport:  # a club by its bare name, which the recogniser missed (يجمع الهلال)
        found += [(a, b, eid) for a, b, eid in _clubs(registry).scan(folded)
                  if not taken.overlaps(a, b) and not aside(written, a)]
        named += [(written[a:name_end], a, b) for a, name_end, b in foreign_clubs(folded)
                  if not taken.overlaps(a, b) and not aside(written, a)]
    keys = {key(name) for name, _, _ in named}
    for name, start, end in named:  # a body's long name the recogniser missed, not a part of one
        k = key(name)
        if k not in proposed and k not in registry.rejected and not any(
                other != k and other.startswith(k + " ") for other in keys):
            proposed[k] = Proposed(k, name, "ORG", start, end, True)
    news = news_actors()
    for start, end, eid in news.scan(folded):  # a name the news names often, the recogniser missed
        k = key(written[start:end])
        if not taken.overlaps(start, end) and not aside(written, start) and k not in proposed \
                and k not in registry.rejected:
            proposed[k] = Proposed(k, news.entities[eid].name, news.entities[eid].type, start, end,
                                   True)
    _vouch(proposed, mentions, written)
    for start, end, surface in gazetteer:
        if taken.overlaps(start, end) or aside(written, start):
            continue
        place = _scanned_place(written, start, surface, countries, registry, listed(start), home,
                               start in served)
        if place is not None:
            made[place.id] = place
            found.append((start, end, place.id))
            place_ends.add(end)
    first: dict[str, tuple[int, int]] = {}
    forms: dict[str, list[str]] = {}
    for start, end, eid in sorted(found):
        entity = registry.entities.get(eid)
        if entity is not None and entity.type != "LOC" and in_a_state(
                written, start, written[start:end]):  # في الولايات المتحدة: the country
            place = _state_place(written[start:end], entity, registry, home, countries)
            if place is not None:
                made[place.id] = place
                eid = place.id
        first.setdefault(eid, (start, end))
        form = _name_form(written[start:end])
        if form not in forms.setdefault(eid, []):
            forms[eid].append(form)
    return Resolved(first, list(made.values()), list(proposed.values()), forms)


def _bodies(folded: Folded, mentions: list[EntityMention], names: list[tuple[int, int, str]],
            gazetteer: list[tuple[int, int, str]], taken: _Spans,
            ) -> tuple[list[tuple[str, int, int]], set[int], set[int]]:
    """The bodies' long names the recogniser missed (:func:`builder.extract.cues.bodies`): each
    name with its span; where an organisation the recogniser found begins right after such
    a name or a description (:func:`builder.extract.cues.description`), which then describes
    it (``شركة النفط السعودية الحكومية ارامكو``): a cue for it, not a name of its own; and
    where the gazetteer names begin that a body's name holds, the town it serves (``بلدية
    الدلم``): a cue for that place. ``names``: the registry's and the sites' spans."""
    written = folded.text
    org_starts = {m.start for m in mentions if m.type == "ORG"}
    inside = _Within([(m.start, m.end, m.type == "ORG") for m in mentions]
                     + [(a, b, False) for a, b, _ in names])
    named: list[tuple[str, int, int]] = []
    described: set[int] = set()
    served: set[int] = set()
    for a, kind_end, b, describes in bodies(folded, {a: b for a, b, _ in gazetteer}):
        if taken.overlaps(a, kind_end) or not inside.only_inside(kind_end, b) or aside(written, a):
            continue
        after = _next_start(written, b)
        if after in org_starts:
            described.add(after)
        elif not describes:
            named.append((_name_form(written[a:b]), a, b))
            served.update(start for start, end, _ in gazetteer if kind_end < start and end <= b)
    return named, described, served


_LAST_WORD = re.compile(r"\s+\S+$")
_SPACES = re.compile(r"\s*")


def _undescribed(m: EntityMention) -> EntityMention | None:
    """An organisation's mention without the adjectives that end it (``الاتحاد الشقيق``, the
    brother club); None when only a kind of body is left (``منظمة جديدة``, a new organisation)."""
    text = m.text
    while m.type == "ORG" and " " in text and generic(fold(text.rsplit(None, 1)[-1])):
        text = _LAST_WORD.sub("", text)
    if text == m.text:
        return m
    if " " not in text and body_kind(fold(text)):
        return None
    return EntityMention(m.start, m.start + len(text), text, m.type)


def _next_start(text: str, end: int) -> int:
    """Where the next word after ``end`` begins, past spaces."""
    spaces = _SPACES.match(text, end)
    return spaces.end() if spaces else end


def _state_place(surface: str, state: Entity, registry: Registry, home: str,
                 countries: Counter[str] | None = None) -> Entity | None:
    """The place a state the registry holds as an actor is where the words put something in it
    or a dateline names it: the gazetteer's place as written there in the state's country
    (``واشنطن``, its capital), else the state's country by its name; None for no state."""
    if not state.country:
        return None
    for name in (surface, state.name):
        place = _place(name, countries or Counter(), registry, True, home)
        if isinstance(place, Entity) and place.country == state.country:
            return place
    return None


class _Within:
    """Names of a text asked whether those that begin in a span end in it and name no body: a
    body's name may hold a person's or a place's (``مستشفى الملك فهد``, ``بلدية القيصومة``), not
    run into another name or over a body the recogniser found."""

    def __init__(self, spans: list[tuple[int, int, bool]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _, _ in self.spans]

    def only_inside(self, start: int, end: int) -> bool:
        first = bisect_left(self.starts, start)
        return all(b <= end and not body for _, b, body in
                   self.spans[first:bisect_left(self.starts, end, first)])


#: Definite words that may end a body's name after the person it is named for (``جامعة الملك
#: سعود بن عبدالعزيز للعلوم الصحية``).
_AFTER_NAMED_FOR = re.compile(r"(?:\s+(?:ال|لل)[^\W\d_]{2,}){1,3}")


def _one_name(last: EntityMention, m: EntityMention, text: str) -> bool:
    """Whether mention ``m`` goes on the name of ``last``, just before it (:func:`_joined`)."""
    if m.start <= last.end or text[last.end:m.start].strip() or _name_form(m.text) != m.text:
        return False  # apart, or behind a conjunction (وآشتون كوتشر: the next in a list)
    if m.text.split()[-1] == "على":
        return False  # the preposition (داسيلفا على الجوانب: focused on), never a name's end
    if last.type == "PER" and m.text.startswith("و") and " " in last.text and " " in m.text:
        return False  # a full name after a full name: the next in a list (وسعد الرفدان)
    if last.type == "PER":
        return m.type == "PER" or (m.type == "LOC" and not place_cue(text, m.start, m.text))
    # تشونبوك | هيونداي: one club's name, cut in two
    return last.type == "ORG" and (m.type == "ORG" or (
        m.type == "PER" and fold(last.text.split()[-1]) in HONORIFICS))


def _joined(mentions: list[EntityMention], text: str) -> list[EntityMention]:
    """The recogniser's mentions with the pieces of one name joined: a person's name and a
    person's or a place's with only a space between (``بروس`` ``ويليس``, which it may call a
    place) are one person's, unless the place has a preposition joined (``بالرياض``); two
    organisations' are one (a club's name cut in two: ``تشونبوك`` ``هيونداي``); and a body whose
    name ends in a title (``جامعة الملك``) goes on through the person after it and the definite
    words after that."""
    out: list[EntityMention] = []
    for m in mentions:
        if not out or not _one_name(out[-1], m, text):
            out.append(m)
            continue
        last, end = out[-1], m.end
        if last.type == "ORG" and m.type == "PER":
            more = _AFTER_NAMED_FOR.match(text, end)
            end = more.end() if more else end
        out[-1] = EntityMention(last.start, end, text[last.start:end], last.type)
    return out


class _Spans:
    """Spans of a text, asked whether any overlaps a given one in logarithmic time (a text of
    one long line holds thousands of names)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))  # the furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans that begin before ``end``
        return before > 0 and self.reach[before - 1] > start


def _clubs(registry: Registry) -> Registry:
    """The registry's clubs (an organisation named ``نادي …``) under their bare names, its
    ``recognised_aliases`` (``الهلال``): sports news names a club so, where the word is the
    club's (:func:`builder.extract.cues.about_sport`)."""
    clubs = Registry()
    for entity in registry.entities.values():
        if entity.type == "ORG" and fold(entity.name).startswith("نادي ") and entity.recognised_aliases:
            first, *others = entity.recognised_aliases
            clubs.add(Entity(id=entity.id, name=first, type="ORG", aliases=tuple(others)))
    return clubs


def _without_article(surface: str, entity: Entity) -> bool:
    """Whether ``surface`` lacks the article every name of ``entity`` begins with, and the ``لل``
    that stands for it: ``يمنّ`` (may He bestow) is no ``اليمن``, ``لليمن`` and ``واليمن`` are."""
    first = fold(surface).split(" ", 1)[0]
    return all(fold(n).startswith("ال") for n in (entity.name, *entity.aliases)) and not (
        "ال" in first[:4] or first.lstrip("وف").startswith("لل"))


#: What may stand between two names of a list: nothing (``و`` is on the next name), a comma, a dash.
_LIST_MARKS = ("", "،", ",", "ـ", "-", "–")


def _vouch(proposed: dict[str, Proposed], mentions: list[EntityMention], text: str) -> None:
    """Cues one name lends another in the article: a name of two words or more is met twice; a
    person's full name is met again by its last word alone (``خالد المقرن`` … ``المقرن``, which
    the recogniser may call an organisation); an organisation, or a person's full name, listed
    right beside one of its kind with a cue is of that kind too (``فريقا بايرن ميونيخ وبوروسيا
    دورتموند``; ``اللاعبين: حسين شيعان ـ متعب شراحيلي``)."""
    named = Counter(key(_name_form(m.text)) for m in mentions if m.type != "LOC")
    for k, p in list(proposed.items()):
        if not p.cue and " " in k and (named[k] >= 2 or (
                p.type == "PER" and named[k.rsplit(" ", 1)[1]])):
            proposed[k] = p._replace(cue=True)
    for kind in ("ORG", "PER"):
        listed = sorted((p.key for p in proposed.values() if p.type == kind),
                        key=lambda k: proposed[k].at)
        for order in (listed, listed[::-1]):  # a cue goes down the list, then up
            for one, other in pairwise(order):
                a, b = sorted((proposed[one], proposed[other]), key=lambda p: p.at)
                if (proposed[one].cue and not proposed[other].cue and b.at - a.end <= 3
                        and text[a.end:b.at].strip() in _LIST_MARKS
                        and (kind == "ORG" or " " in other)):
                    proposed[other] = proposed[other]._replace(cue=True)


def _scanned_place(text: str, start: int, surface: str, countries: Counter[str],
                   registry: Registry, listed: bool, home: str, served: bool = False,
                   ) -> Entity | None:
    """A gazetteer name the recogniser did not take for a name, as a place where the text says
    so: a country (``كأس ألمانيا``), a region after its kind (``منطقة القصيم``) or after a
    preposition of place (``في أبين``), a place of the Arab world listed right after another
    (``بعنيزة والأسياح``), or the town a body's name says it ``served`` (``بلدية الدلم``). A
    common word (``في مدينة``), or a name the news mostly writes as one (:func:`place_words`:
    ``إنقاذ مالي``, ``بالعاصمة المقدسة``), is a region after its kind only (``المنطقة
    الشرقية``), or a town of the source's country a body serves."""
    k = stems_of(surface)
    candidates = places().get(k, [])
    kinds = {p.kind for p in candidates}
    before = previous_words(text, start, 1)
    after_kind = bool(before) and place_kind(before[0])
    common = common_word(surface) or k in place_words()
    if not (listed or served or kinds & {"country", "region"}) or tanween(surface) or (
            common and not served and not (after_kind and "region" in kinds)) or (
            not_a_place(text, start, start + len(surface))):
        return None
    place = _place(surface, countries, registry, True, home)
    if not isinstance(place, Entity):
        return None
    if served and common:
        return place if place.country == home else None
    kind = next((p.kind for p in candidates if p.canonical == place.name), "")
    if kind == "country" and not adjective(text, start, surface):
        return place
    if kind == "region" and (after_kind or (place_cue(text, start, surface)
                                            and fold(surface) not in DIRECTIONS)):
        return place
    return place if (listed or served) and place.country in ARAB_WORLD else None


def _in_the_news(k: str, kind: str) -> bool:
    """Whether the unlabeled news names ``k`` often, as a name of this type (:func:`news_actors`)."""
    news = news_actors()
    eid = news.names.get(k)
    return eid is not None and news.entities[eid].type == kind


def _actor_cue(text: str, mention: EntityMention, name: str) -> bool:
    """Whether the words around a person's or organisation's name say what it is."""
    if mention.type == "PER":
        return person_cue(text, mention.start, mention.end)
    if mention.type == "ORG":
        return org_cue(text, mention.start, mention.end, name)
    return False


def unreviewed(resolved: Resolved) -> list[Proposed]:
    """An article's names that neither the registry nor the gazetteer knows (its proposals), in
    order of first mention. A name that begins or ends a longer one of its type
    in the article is that one: a person's (``مكلارين``, ``مشعل بن ماجد`` beside ``مشعل بن ماجد
    بن عبدالعزيز``), or an organisation's one word (``نيوكاسل`` beside ``نيوكاسل يونايتد``). So
    is a person's first and last name (``محمد المخرج`` beside ``محمد بن عبد الرحمن المخرج``), and
    a person's last name taken for an organisation (``"الشولي"`` beside ``عبدالعزيز سليمان
    الشولي``)."""
    rows = sorted(resolved.proposed, key=lambda p: p.at)
    split = [(p.key.split(), p.type) for p in rows]

    def inside(words: list[str], kind: str) -> bool:
        n = len(words)
        if kind == "LOC" or (kind == "ORG" and n > 1):
            return False
        people = [w for w, t in split if t == "PER" and len(w) > n]
        return any(t == kind and len(w) > n and words in (w[:n], w[-n:]) for w, t in split) or (
            kind == "ORG" and any(w[-1] == words[0] for w in people)) or (
            kind == "PER" and n == 2 and any(words == [w[0], w[-1]] for w in people))

    return [p for p, (words, kind) in zip(rows, split, strict=True) if not inside(words, kind)]


def _countries(mentions: list[EntityMention], known: list[str], registry: Registry) -> Counter[str]:
    """Countries the article names (gazetteer and registry), each time it names them, to choose
    between homonyms."""
    named: Counter[str] = Counter()
    for m in mentions:
        for place in places().get(stems_of(m.text), [])[:1]:
            named[place.country] += 1
    for eid in known:
        if registry.entities[eid].country:
            named[registry.entities[eid].country] += 1
    return named


#: How a kind of place ranks between namesakes: a country before its capital, a capital
#: before a region, a region before a city (then population decides).
_SALIENCE = {"country": 3, "capital": 2, "region": 1, "city": 0}


_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


def _spelt(surface: str, name: str, clitics: bool = True) -> bool:
    """Whether ``surface`` is ``name`` as written, behind proclitics (unless not ``clitics``)
    and with or without its article (``وبالقصيم``, ``للقصيم``), and not another word of the
    same stems (``يينا``, Jena, is not ``فيينا``, Vienna, whose ف the stemmer takes for a
    conjunction; ``كوباني`` is not ك + و + ``ألباني``)."""
    written = fold(surface).replace(" ", "")
    bare_name = fold(name).replace(" ", "")
    # with an article added, a name in ي is its adjective (التشيلي: Chilean, not Chile)
    forms = [bare_name] if bare_name.endswith("ي") and not bare_name.startswith("ال") else \
        [bare_name, bare_name[2:] if bare_name.startswith("ال") else "ال" + bare_name]
    if any(written == p + n for p in (_PROCLITICS if clitics else ("",)) for n in forms):
        return True
    definite = next((n for n in forms if n.startswith("ال")), "")
    return clitics and bool(definite) and written in {p + "لل" + definite[2:] for p in ("", "و", "ف")}


#: How many unknown items of a list (``والأسياح``) may stand between a place and the next.
LIST_ITEMS = 2

#: How many times an article must name places of one country for a town of a country it names
#: nowhere else to be taken for a namesake in the first (the gazetteer lacks the district).
ELSEWHERE = 3


def _place(surface: str, countries: Counter[str], registry: Registry,
           cue: bool = True, home: str = "") -> Entity | str | None:
    """A place the registry does not know under ``surface``: a gazetteer place (made as an
    entity), or a registry place behind a one-letter clitic the normaliser keeps on short names
    (``وجدة``: Oujda, or و + Jeddah). Between namesakes, a gazetteer place written exactly as
    the word beats one read behind a clitic (``لبنان`` is Lebanon, not ل + Syria's بنان); then
    the country the article names most decides, then the country of its source (``home``),
    then the Arab world over the rest, the kind of place, the registry, the whole word and the
    population. A country or a capital is a place by its name alone; another place needs a
    ``cue`` (``في عنيزة``, ``محافظة أبين``) or a name that is not a common word
    (:func:`common_word`: not ``المشهد``, the scene). A gazetteer place goes by its canonical
    name, whichever spelling the article has (``أبوظبي`` for ``ابو ظبى`` too): one page a place."""
    parts = surface.split()
    if len(parts) > 1 and place_kind(fold(parts[0])):
        found = _place(" ".join(parts[1:]), countries, registry, True, home)
        if found is not None:
            return found

    # the name's own mention counted for its first namesake's country (_countries): the other
    # places of the article decide, then the source's country (عنيزة alone in a Saudi paper)
    own = next(iter(places().get(stems_of(surface), [])), None)

    as_written = fold(surface)

    def rank(country: str, named: int, salience: int, whole: int, population: int,
             exact: bool = False) -> tuple[int, ...]:
        return exact, named, country == home, country in ARAB_WORLD, salience, whole, population

    def ranked(place: Place, whole: int) -> tuple[tuple[int, ...], Place]:
        named = max(0, countries.get(place.country, 0) - (own is not None and place.country == own.country))
        return rank(place.country, named, _SALIENCE.get(place.kind, 0), whole, place.population,
                    fold(place.name) == as_written), place

    options: list[tuple[tuple[int, ...], Place | str]] = [
        ranked(p, 1) for p in places().get(stems_of(surface), []) if _spelt(surface, p.name)]
    rest = surface[1:]
    if surface[:1] in CLITIC_LETTERS and len(fold(rest)) >= 3:
        eid = registry.resolve(rest)
        if eid is not None and registry.entities[eid].type == "LOC":
            country = registry.entities[eid].country
            # a registry place behind a clitic stands with the names written exactly
            options.append((rank(country, countries.get(country, 0), 2, 2, 0, True), eid))
        options += [ranked(p, 0) for p in places().get(stems_of(rest), [])
                    if _spelt(rest, p.name, clitics=False)]
    if not options:
        if len(parts) > 1 and nisba(fold(parts[-1])):  # الولايات المتحدة الأمريكية
            return _place(" ".join(parts[:-1]), countries, registry, cue, home)
        return None
    best = max(options, key=lambda option: option[0])[1]
    if isinstance(best, str):
        return best
    if best.kind not in ("country", "capital"):
        if not cue and common_word(surface):
            return None
        top, named = max(countries.items(), key=lambda kv: kv[1], default=("", 0))
        # the town's own mention counts once for its country: more is the article naming it
        if named >= ELSEWHERE and best.country != top and countries.get(best.country, 0) <= 1:
            return None  # Libya's العزيزية in an article about Medina: the district of Medina
    eid = "geo-" + hashlib.sha256(f"{best.canonical}|{best.country}".encode()).hexdigest()[:10]
    return Entity(id=eid, name=best.canonical, type="LOC", lat=best.lat, lon=best.lon,
                  country=best.country, path_name=_path_name(best, registry) or eid,
                  aliases=_spellings(best), status="gazetteer")


#: The longest place name the recogniser may find that the gazetteer does not know, in words.
FOUND_PLACE_WORDS = 3


def _found_place(text: str, mention: EntityMention, countries: Counter[str],
                 registry: Registry) -> Entity | None:
    """A place the recogniser found that neither the gazetteer nor the registry knows, where
    its kind stands before it (``بلدة صرين``, ``بولاية أوكلاهوما``, ``مدينة كوباني``). Never a
    common word or an adjective's form."""
    name = _name_form(mention.text)
    before = previous_words(text, mention.start, 1)
    if (not before or not place_kind(before[0]) or len(name.split()) > FOUND_PLACE_WORDS
            or tanween(name) or common_word(name) or places().get(stems_of(name))):
        return None
    return _machine_place(name, countries, registry)


def arabic_letters(name: str) -> bool:
    """Whether a name is written in Arabic letters alone, once folded (not ``vote_id``, a
    page's code the recogniser took for a name)."""
    return all("\u0621" <= ch <= "\u064a" or ch == " " for ch in fold(name))


def _machine_place(name: str, countries: Counter[str], registry: Registry) -> Entity | None:
    """A place found by machine under ``name``: without coordinates, in the country the article
    names more often than all others together, and twice at least (else in none: a wrong
    country is worse than none); None for a name of fewer than three letters or not in Arabic
    letters, one the registry knows, or one rejected in review."""
    if (len(fold(name).replace(" ", "")) < 3 or registry.resolve(name) is not None
            or key(name) in registry.rejected or not arabic_letters(name)):
        return None
    top, named = countries.most_common(1)[0] if countries else ("", 0)
    country = top if named >= 2 and 2 * named > countries.total() else ""
    # one place a name, whichever article says its country (EntityIndex.add)
    eid = "geo-" + hashlib.sha256(f"{key(name)}|found".encode()).hexdigest()[:10]
    address = address_name(name)
    return Entity(id=eid, name=name, type="LOC", country=country,
                  path_name=address if ("places", address) not in registry.addresses else eid,
                  status="machine")


#: Sites named by their kind and a name after it (``مطار الملك خالد الدولي``, ``مخيم
#: الزعتري``, ``معبر رفح``, ``حي العزيزية``, ``جبل صبر``): as written, behind a proclitic
#: (``بمطار``). Not streets or squares: ``شارع``, ``ساحة`` are followed by common words as often
#: as by names (``ساحة المعركة``, the battlefield).
_SITE = re.compile(r"(?<![^\W\d_])(?:[وف]?[بل]?)("
                   r"(?:مطار|ملعب|استاد|إستاد|ستاد|مخيم|ميناء|معبر|سجن|قاعدة|حي|جبل|وادي|حديقة|منتزه|متنزه"
                   r"|مسجد)\s+)"
                   r"((?:الملك|الأمير|الشيخ|الإمام)\s+)?")
_NEXT_WORD = re.compile(r"[^\W\d_]+")
#: A person's name after a title: a word without the article, and ``بن`` and a word again.
_PERSON_AFTER_TITLE = re.compile(r"(?!ال)[^\W\d_]{2,}(?:\s+بن\s+[^\W\d_]{2,})*")
#: A site's one-word name is none of the news' this many most frequent words (``ملعب التدريب``).
SITE_COMMON_WORDS = 1500
_INTERNATIONAL = re.compile(r"\s+(?:ال)?دولي(?:ة)?(?![^\W\d_])")


def _sites(text: str, names: list[tuple[int, int]],
           gazetteer: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The sites of the text: a kind of site (:data:`_SITE`), then a name the recogniser or the
    registry found or the gazetteer knows right after it, or else one definite word, not a
    plural or a common word (``مخيم الزعتري``; not ``قاعدة جوية``, ``قاعدة البيانات``), and
    ``الدولي`` after that: (start, end, name as written)."""
    ends = {a: b for a, b in sorted(names)}  # the longest name at each start
    places = {a: b for a, b, name in gazetteer}
    found = []
    for m in _SITE.finditer(text):
        if places.get(m.start(1), 0) > m.end(1):
            continue  # a name of the gazetteer, kind and all
        end = ends.get(m.end(1)) or ends.get(m.end())  # the name with its title, or after it
        if end is None and m.end() in places and stems_of(text[m.end():places[m.end()]]) not in place_words():
            end = places[m.end()]  # a town, frequent word or not (مطار الطائف), unless the news
            # mostly writes it as a common word (place_words)
        if end is None and m.group(2):  # a site named for someone: ملعب الأمير فيصل بن فهد
            person = _PERSON_AFTER_TITLE.match(text, m.end())
            end = person.end() if person else None
        if end is None:
            word = _NEXT_WORD.match(text, m.end())
            if word is None or not word[0].startswith("ال") or len(word[0]) < 5 \
                    or word[0].endswith("ات") or common_word(word[0], SITE_COMMON_WORDS):
                continue
            end = word.end()
        more = _INTERNATIONAL.match(text, end)
        end = more.end() if more else end
        found.append((m.start(1), end, " ".join(text[m.start(1):end].split())))
    return found


@lru_cache(maxsize=1)
def _spelling_index() -> dict[tuple[str, str, str, float], set[str]]:
    """Each gazetteer place (canonical name, country, kind, latitude) -> its spellings."""
    index: dict[tuple[str, str, str, float], set[str]] = {}
    for ps in places().values():
        for p in ps:
            index.setdefault((p.canonical, p.country, p.kind, p.lat), set()).add(p.name)
    return index


def _spellings(place: Place) -> tuple[str, ...]:
    """The gazetteer's other spellings of a place (its aliases)."""
    names = _spelling_index()[place.canonical, place.country, place.kind, place.lat]
    return tuple(sorted(names - {place.canonical}))


#: The most frequent words of the unlabeled news (``مدينة``, ``البلاد``, ``العاصمة``, ``بيان``):
#: spelt like a gazetteer name, they are still the words they are unless the recogniser says so.
COMMON_WORDS = 1000


def common_word(surface: str, top: int = COMMON_WORDS) -> bool:
    """Whether the last word of ``surface`` is among the news' ``top`` most frequent (the
    vocabulary goes most frequent first, after its two reserved rows)."""
    from builder.ner.neural import embeddings

    vocabulary, _ = embeddings("forms")
    row = int(vocabulary.find([fold(surface.split()[-1])], -1)[0])
    return 2 <= row < top + 2


@lru_cache(maxsize=1)
def _written_names() -> tuple[frozenset[str], frozenset[str]]:
    """The gazetteer's names as folded (``القصيم``, ``تل ابيب``), and their first words."""
    names = frozenset(" ".join(words(p.name)) for ps in places().values() for p in ps)
    return names, frozenset(name.split(" ", 1)[0] for name in names)


def _gazetteer_names(folded: Folded) -> Iterator[tuple[int, int, str]]:
    """Every gazetteer name written in the text as the gazetteer writes it (after a proclitic:
    ``وبالقصيم``; not ``مدينة`` for ``المدينة``), longest first: (start, end, as written)."""
    names, firsts = _written_names()
    ws = folded.words
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(ws):
        first = ws[i]
        forms = [f for f in (first, first[1:], first[2:],
                             "ال" + first[2:] if first.startswith("لل") else "") if f in firsts]
        for n in (3, 2, 1) if forms else ():
            rest = ws[i + 1:i + n]
            if len(rest) == n - 1 and any(" ".join([f, *rest]) in names for f in forms):
                spans = spans or folded.spans()
                start, end = spans[i][0], spans[i + n - 1][1]
                yield start, end, folded.text[start:end]
                i += n
                break
        else:
            i += 1


def _path_name(place: Place, registry: Registry) -> str:
    """A gazetteer place's address: its name, with its country when the gazetteer has a more
    populous place of that name (``لندن`` is London, ``لندن-ca`` London, Ontario) or the
    registry has a place at that address. Decided by the shipped data alone, it stays put
    whatever articles come."""
    name = address_name(place.canonical)
    namesakes = [p for p in places().get(stems_of(place.canonical), []) if p.canonical == place.canonical]
    first = max(namesakes, key=lambda p: (p.population, p.country), default=place)
    if first.country != place.country or ("places", name) in registry.addresses:
        return f"{name}-{place.country.lower()}" if name else ""
    return name


#: Who keeps an address two entities would share: the registry's, then the gazetteer's, then
#: those found by machine.
_ADDRESS_RANK = {"reviewed": 0, "gazetteer": 1, "machine": 2}


def own_addresses(every: dict[str, Entity], registry: Registry) -> dict[str, Entity]:
    """Every entity at a page address of its own. Two entities of one name from different
    sources (Gibraltar from the gazetteer, a mountain ``جبل طارق`` found by machine) would
    write one page: the registry's keeps its address, then the gazetteer's, then those found by
    machine, each in id order; one that finds its address taken goes by its id."""
    taken: set[tuple[str, str]] = set()
    out: dict[str, Entity] = {}
    for entity in sorted(every.values(), key=lambda e: (
            e.id not in registry.entities, _ADDRESS_RANK.get(e.status, 2), e.id)):
        address = (folder(entity), entity.path_name or entity.id)
        if address in taken and entity.id not in registry.entities:
            entity = replace(entity, path_name=entity.id)
            address = (folder(entity), entity.id)
        taken.add(address)
        out[entity.id] = entity
    return {eid: out[eid] for eid in every}


@dataclass(frozen=True)
class Links:
    """An article's entities: its places and actors (ids, in order of first mention) and where
    in its text each is first named."""

    places: list[str]
    actors: list[str]
    named: dict[str, tuple[int, int]]


#: How many of the forms an entity's name is written in, beyond its own names, it lists.
WRITTEN_FORMS = 10


@dataclass
class EntityFinder:
    """Gives articles their entities; remembers the places made and the names proposed."""

    registry: Registry
    made: dict[str, Entity] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    #: each article's links as the registry and the gazetteer give them, with its proposed
    #: names, by article id, until :meth:`settle`
    waiting: dict[str, tuple[Links, list[Proposed]]] = field(default_factory=dict)
    #: each article's links once settled, by article id
    links: dict[str, Links] = field(default_factory=dict)
    #: proposal key -> the actor found by machine it became
    found: dict[str, Entity] = field(default_factory=dict)
    #: the page addresses (folder, name) given to actors found by machine so far
    addresses: set[tuple[str, str]] = field(default_factory=set)
    #: entity id -> how often each form of its name was met, as written (clitics off)
    written: dict[str, Counter[str]] = field(default_factory=dict)

    def entities(self) -> dict[str, Entity]:
        """The registry's entities, the gazetteer places met so far and the actors found by
        machine, each with the forms the articles write its name in among its aliases (``سلمان
        بن عبد العزيز`` beside ``سلمان بن عبدالعزيز``; the most met first, up to
        :data:`WRITTEN_FORMS`), so that its page and the exports give every name a reader
        meets it by."""
        every = {**self.made, **{e.id: e for e in self.found.values()}, **self.registry.entities}
        written = dict(self.written)
        for k, entity in self.found.items():
            article = fold(entity.name).startswith("ال")  # وأهلي (and my family) is no الأهلي
            written[entity.id] = Counter(
                form for form in (_name_form(text[a:b]) for text, a, b in self.proposals[k].met)
                if fold(form).startswith("ال") == article)
        for eid, forms in written.items():
            if eid not in every:
                continue
            entity = every[eid]
            known = {entity.name, *entity.every_alias}
            new = [f for f, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])) if f not in known]
            if new:
                every[eid] = replace(entity, aliases=entity.aliases + tuple(new[:WRITTEN_FORMS]))
        return own_addresses(every, self.registry)

    def add(self, article: Article, resolved: Resolved) -> None:
        """Take an article's entities, and count its proposed names with where they are met."""
        for entity in resolved.made:
            # a place found by machine goes by the first article that says its country
            if self.made.setdefault(entity.id, entity).country == "" and entity.country:
                self.made[entity.id] = entity
        known = self.registry.entities
        kinds = [(known.get(e) or self.made[e]).type for e in resolved.ids]
        filed_from = self.place_named(article.dateline, article.source_country) \
            if article.dateline else None
        named = [e for e, t in zip(resolved.ids, kinds, strict=True) if t == "LOC"]
        links = Links(places=list(dict.fromkeys(([filed_from] if filed_from else []) + named)),
                      actors=[e for e, t in zip(resolved.ids, kinds, strict=True) if t != "LOC"],
                      named=dict(resolved.first))
        names = unreviewed(resolved)
        self.waiting[article.id] = (links, names)
        for eid, forms in resolved.forms.items():
            self.written.setdefault(eid, Counter()).update(forms)
        for p in names:
            prop = self.proposals.setdefault(p.key, Proposal(p.name, p.type))
            prop.articles.add(article.id)
            prop.met.append((article.text, p.at, p.end))
            prop.spellings[p.name] += 1
            prop.cue = prop.cue or p.cue

    def settle(self, reviewed_only: bool = False) -> None:
        """After every article is added: link the proposed names the recogniser is sure of
        (:attr:`Proposal.confident`) as actors found by machine, each with its page, in the
        articles that name them (unless ``reviewed_only``, the ``actors: reviewed`` setting)."""
        for prop in self.proposals.values():  # a place found by machine is linked as it is made
            prop.linked = prop.linked or prop.type == "LOC"
        if not reviewed_only:
            for k, prop in sorted(self.proposals.items()):
                if prop.confident:
                    self.found[k] = self._machine_entity(prop)
                    prop.linked = True
        for article_id, (links, names) in self.waiting.items():
            named = dict(links.named)
            actors = list(links.actors)
            for p in names:
                entity = self.found.get(p.key)
                # a one-word name met without the article the entity's has is another word here
                # (وأهلي, and my family, is not الأهلي)
                if entity is not None and entity.id not in named and not (
                        " " not in entity.name and _without_article(p.name, entity)):
                    named[entity.id] = (p.at, p.end)
                    actors.append(entity.id)
            actors.sort(key=lambda e: named.get(e, (0, 0)))
            self.links[article_id] = Links(links.places, actors, named)
        self.waiting.clear()

    def linked(self, article: Article) -> Article:
        """The article with its places, actors and where they are named (after :meth:`settle`)."""
        links = self.links[article.id]
        return replace(article, places=links.places, actors=links.actors, named=links.named)

    def for_review(self) -> dict[str, Proposal]:
        """The proposals the review file lists: worth a review, and not a first name alone
        (``عبدالله``, ``صالح``: the first word of a longer person's name met)."""
        firsts = {k.split(" ", 1)[0] for k, p in self.proposals.items() if p.type == "PER" and " " in k}
        firsts |= {k.split(" ", 1)[0] for k in self.registry.names if " " in k}
        return {k: p for k, p in self.proposals.items()
                if p.worth_review and not (p.type == "PER" and k in firsts)}

    def _machine_entity(self, prop: Proposal) -> Entity:
        """The entity a confident proposal becomes: the id and the address ``arshif review
        accept`` would give it, so accepting it keeps its page where it is."""
        name = prop.spelt()
        eid = derived_id(name)
        entity = Entity(id=eid, name=name, type=prop.type,  # type: ignore[arg-type]
                        path_name=page_name(address_name(name), eid), status="machine")
        address = (folder(entity), entity.path_name)
        if address in self.registry.addresses or address in self.addresses:
            entity = replace(entity, path_name=eid)
        self.addresses.add((folder(entity), entity.path_name))
        return entity

    def place_named(self, surface: str, home: str = "") -> str | None:
        """The place ``surface`` names on its own (a dateline's: ``الرياض``), by the registry
        or the gazetteer (between namesakes, one in ``home``, the source's country, first);
        None when neither knows it as a place."""
        eid = self.registry.resolve(surface)
        if eid is not None and self.registry.entities[eid].type == "LOC":
            return eid
        if eid is not None:  # a state the registry holds as an actor, by its capital (واشنطن)
            state = _state_place(surface, self.registry.entities[eid], self.registry, home)
            if state is not None:
                self.made.setdefault(state.id, state)
            return state.id if state is not None else None
        place = _place(surface, Counter(), self.registry, cue=True, home=home)
        if isinstance(place, Entity):
            if fold(surface).replace(" ", "") != fold(place.name).replace(" ", ""):
                return None  # not by another of its names: الجزيرة is the newspaper, not Algiers
            self.made.setdefault(place.id, place)
            return place.id
        return place

    def names(self, article: Article) -> tuple[list[str], list[str]]:
        """Canonical names of the article's places and of its actors (after :meth:`settle`)."""
        every, links = self.entities(), self.links[article.id]
        return [every[e].name for e in links.places], [every[e].name for e in links.actors]


def _sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` that holds position ``at``."""
    start = max(text.rfind(ch, 0, at) for ch in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(ch, at) for ch in _SENTENCE_ENDS) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()


#: How alike the word vectors of a word and of the word without its first letter must be for
#: that letter to be a clitic: ``وداعش``/``داعش`` 0.73, ``لموسكو``/``موسكو`` 0.69, against
#: ``بوتين``/``وتين`` 0.26 and ``لبنان``/``بنان`` 0.42.
CLITIC_LIKENESS = 0.5


def _is_clitic(word: str, rest: str, alike: bool = True) -> bool:
    """Whether ``word`` is ``rest`` behind clitics (ب ل ك و ف, one or two), judged by the
    unlabeled news the word vectors were learned from: ``rest`` must be a word there and, when
    ``word`` is one too, be the more frequent of the two (rows go most frequent first:
    ``وليام`` is William, not و + Liam) and, where ``alike``, mean the same (``بوتين`` is not
    ب + ``وتين``)."""
    from builder.ner.neural import embeddings, vectors_of

    vocabulary, stored = embeddings("forms")
    rows = vocabulary.find([word, rest], -1)
    if rows[1] < 0:
        return False
    if rows[0] < 0:
        return True
    if rows[1] > rows[0]:
        return False
    if not alike:
        return True
    a, b = vectors_of(stored, rows).astype(np.float64)
    return float(a @ b) >= CLITIC_LIKENESS * float(np.linalg.norm(a) * np.linalg.norm(b))


#: Words that introduce another name for the one before them (``… آل سعود الملقب بالشاعر``):
#: never the end of a name, though the recogniser sometimes takes them as its last word.
_NAME_INTRODUCERS = frozenset(fold(w) for w in
                              "الملقب الملقبة المعروف المعروفة المدعو المدعوة المكنى".split())


#: A blessing after a name (``محمد صلى الله عليه وسلم``, ``… رحمه الله``) begins with these.
_BLESSINGS = frozenset((fold(a), fold(b)) for a, b in (
    ("صلى", "الله"), ("رحمه", "الله"), ("رحمها", "الله"), ("رضي", "الله"), ("حفظه", "الله"),
    ("حفظها", "الله"), ("عليه", "السلام"), ("عليها", "السلام")))


@lru_cache(maxsize=200_000)
def _name_form(surface: str) -> str:
    """A mention as a name, as written but without the clitics of its first word (``وداعش`` ->
    ``داعش``, ``والتحالف`` -> ``التحالف``) or a word after it that introduces another name
    (``الملقب``) or a blessing (``صلى الله``): the name a proposal shows."""
    parts = surface.split()
    folded = [fold(p) for p in parts]
    blessing = next((i for i in range(1, len(parts) - 1)
                     if (folded[i], folded[i + 1]) in _BLESSINGS), len(parts))
    parts = parts[:blessing]
    while len(parts) > 1 and folded[len(parts) - 1] in _NAME_INTRODUCERS:
        parts.pop()
    if not parts:
        return surface
    first = folded[0]
    bare = stem(first)
    article = ""
    if bare != first:
        if first.endswith("ال" + bare) and _is_clitic(first, "ال" + bare):
            bare = "ال" + bare  # والتحالف -> التحالف, but not كاليفورنيا -> اليفورنيا
        elif first.startswith("لل") and first[2:] == bare:
            article = "ال"  # للتحالف -> التحالف: ل + ال wrote one ل
        else:  # one letter at a time: وبوتين -> بوتين, not وتين (the ب is the name's own)
            kept = first
            while len(kept) > len(bare) and _is_clitic(kept, kept[1:]):
                kept = kept[1:]
            bare = kept
    if bare != first:
        # cut the same number of letters from the word as written (keeps its hamza and marks)
        written = parts[0]
        cut = len(first) - len(bare)
        letters = [i for i, ch in enumerate(written) if fold(ch)]
        parts[0] = article + written[letters[cut]:] if cut < len(letters) else written
    return " ".join(parts)
