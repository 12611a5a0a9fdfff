"""The Jinja environment for generated pages: autoescape on, undefined names are errors.

Templates receive finished data (titles, display dates, relative links) and only loop and
format; article text reaches them as values, never as template source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from builder.publisher import docs_page


@dataclass(frozen=True)
class Late:
    """The costly values of a page (an article's body as HTML, a comparison of two texts), made
    only when the page is rendered: a page is kept while what they are made from (``made_from``,
    plain data, hashed in their place) is the same, so a rebuild that keeps it never makes them.
    ``make`` returns the page's values, those of the page's context included."""

    made_from: Any
    make: Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its front matter, and the template and values that
    make its HTML (plain data: a page whose values are unchanged need not be rendered again)."""

    doc: str
    front: dict[str, Any]
    template: str
    context: dict[str, Any]
    #: what the page is made from, named when two pages claim one path
    owner: str = "the index pages"
    #: validates the front matter before the page is written
    check: Callable[[dict[str, Any]], None] | None = None
    late: Late | None = None

    def made_from(self) -> list[Any]:
        """Everything the page is made from, to hash: a page whose hash is unchanged is kept."""
        return [self.template, self.front, self.context,
                None if self.late is None else self.late.made_from]

    def values(self) -> dict[str, Any]:
        """The template's values, the late ones made."""
        return self.context if self.late is None else self.late.make()


def environment(folders: list[Path]) -> jinja2.Environment:
    """Page templates from these folders, the first that has a name winning (the archive's
    ``templates/pages``, then the package's)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class PageError(ValueError):
    """A page's front matter failed its check (a builder bug): names the input it came from."""


def render(env: jinja2.Environment, p: Page) -> str:
    """The docs/ file of a page: its front matter checked, its template rendered."""
    if p.check is not None:
        try:
            p.check(p.front)
        except ValueError as err:  # the check's own message names the field, not the article
            raise PageError(f"{p.owner} ({p.doc}): {err}") from err
    return docs_page(p.front, env.get_template(p.template).render(**p.values()))
