"""The records the pipeline stages hand to each other, and nothing else.

A stage reads only these types from the stage before it; the fields here are the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Markup = Literal["text", "markdown", "html"]
Calendar = Literal["gregorian", "hijri", "mixed"]
EntityType = Literal["PER", "ORG", "LOC"]


@dataclass(frozen=True)
class Origin:
    """Where a raw article came from: a path relative to the content folder, a line for JSONL."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True)
class RawArticle:
    """An article as read: body text as written, its metadata, and where it came from."""

    origin: Origin
    body: str
    markup: Markup
    meta: dict[str, Any]
    encoding: str
    #: the metadata's HTML entities are decoded already (a web page's reader does it)
    decoded: bool = False


@dataclass(frozen=True)
class Problem:
    """Why an input file (or a line of it) did not become a page, or what was odd about it."""

    origin: Origin
    reason: str
    kind: Literal["rejected", "duplicate", "ignored", "warning"] = "rejected"


@dataclass(frozen=True)
class DateMention:
    """A date found in the text: the words as written and their value in EDTF."""

    text: str
    value: str
    calendar: Calendar
    start: int
    end: int
    hijri: str | None = None


@dataclass(frozen=True)
class EntityMention:
    """A span of text the recogniser calls a person, organisation or place."""

    start: int
    end: int
    text: str
    type: EntityType


@dataclass(frozen=True)
class Entity:
    """A registry entry: the canonical name readers see and the forms that resolve to it."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    #: forms that name it only where the recogniser found a name of its type (``حماس``, which is
    #: also the word for enthusiasm): the registry does not look for them in the text
    recognised_aliases: tuple[str, ...] = ()
    description: str = ""
    wikidata: str = ""
    lat: float | None = None
    lon: float | None = None
    country: str = ""
    #: the last part of its page's address (``places/دير-الزور/``, ``places/syria/``): a name a
    #: person can read, the same build after build; empty: the id
    path_name: str = ""
    #: where it comes from: ``reviewed`` (the registry), ``gazetteer`` (a place of the shipped
    #: gazetteer) or ``machine`` (a name the recogniser found, not yet reviewed)
    status: str = "reviewed"

    @property
    def every_alias(self) -> tuple[str, ...]:
        """The forms readers see beside the name: its aliases, then its recognised aliases."""
        return self.aliases + self.recognised_aliases


@dataclass(frozen=True)
class Article:
    """The typed record every stage after extraction reads. It is never changed in place: a
    stage that adds to it (extraction, the entities, the story) returns a new record
    (``dataclasses.replace``).

    ``body`` is the text as written in its ``markup``; ``text`` is what a reader sees of it
    as plain text (the same string for plain-text articles), which extraction works on.
    """

    id: str
    title: str
    date: str | None
    source: str
    url: str
    author: str
    summary: str
    words: int
    origin: Origin
    body: str
    markup: Markup
    text: str
    title_derived: bool = False
    given_date: str | None = None
    #: the day the article was collected (a crawl date): it bounds the publication date and is
    #: its last resort, never better evidence
    collected: str | None = None
    #: the country of the article's source (ISO code, from the sources table): it settles a
    #: place name the article itself leaves open (Saudi عنيزة in a Saudi paper)
    source_country: str = ""
    #: where ``date`` came from: dateline, url, byline, text, metadata or collected
    date_source: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    #: where in ``text`` each of its places and actors is first named: entity id -> (start, end)
    named: dict[str, tuple[int, int]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    terms: str = ""  # search keys of ``text`` with counts, packed (builder.arabic.terms)
    #: boilerplate lines taken out of ``body`` (builder.boilerplate); the raw file keeps them
    dropped: list[str] = field(default_factory=list)
    #: SHA-256 of the input file's bytes: anyone can check a page against the file collected
    original_sha256: str = ""
    #: the byline or dateline that headed the body, moved out of it (``سبق- الرياض``), and the
    #: place it says the story was filed from (builder.byline)
    head: str = ""
    dateline: str = ""
    #: the story family it belongs to: the id of the family's earliest member, its own id when
    #: no other article is a copy or edit of its text (builder.stories)
    story: str = ""

    @property
    def original(self) -> str:
        """Where it came from as people read it: ``news.jsonl:12``, ``a/b.txt``."""
        return str(self.origin)

    @property
    def year(self) -> str:
        """The folder the page goes in: the year of its date, or ``undated``."""
        return self.date[:4] if self.date and self.date[:4].isdigit() else "undated"
