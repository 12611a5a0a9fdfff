"""Links in an article's text: the first mention of each linked place and actor leads to its
page, each date to its period on the timeline.

Extraction gives positions in the article's plain text; the page shows the body as HTML. A
mention is found again in the HTML as the same occurrence of the same words (the third
«دمشق» of the text is the third «دمشق» of the page), so the text stays as written: only an
``<a>`` is put around words, each piece escaped again. A mention that the HTML splits (a name
half in bold) or that lies inside a link of the body is left unlinked.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

_TAG = re.compile(r"(<[^>]*>)")
_OPEN_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)
_CLOSE_LINK = re.compile(r"</a\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Target:
    """Words of the plain text to link: their span, where they lead and the link's class."""

    start: int
    end: int
    href: str
    kind: str


def _occurrence(text: str, words: str, start: int) -> int:
    """How many times ``words`` occur in ``text`` before ``start`` (not overlapping)."""
    n, at = 0, text.find(words)
    while 0 <= at < start:
        n += 1
        at = text.find(words, at + len(words))
    return n


def _letter(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to whole words: a link around «دمشق» of «بدمشق» takes the clitic too, so
    no word is cut in two (its letters join across the link)."""
    while start > 0 and _letter(text[start - 1]):
        start -= 1
    while end < len(text) and _letter(text[end]):
        end += 1
    return start, end


def _wanted(text: str, targets: list[Target]) -> dict[str, dict[int, Target]]:
    """words -> {which occurrence: its target}, overlapping targets dropped (the earlier kept)."""
    wanted: dict[str, dict[int, Target]] = {}
    end = -1
    for t in sorted(targets, key=lambda t: (t.start, -t.end)):
        start, stop = _whole_words(text, t.start, t.end)
        words = text[start:stop]
        if start < end or not words.strip():
            continue
        end = stop
        wanted.setdefault(words, {})[_occurrence(text, words, start)] = t
    return wanted


def add_links(body_html: str, text: str, targets: list[Target]) -> str:
    """``body_html`` with an ``<a>`` around each target's words (spans of ``text``, the body's
    plain text)."""
    wanted = _wanted(text, targets)
    if not wanted:
        return body_html
    seen: Counter[str] = Counter()
    inside_link = 0
    out = []
    for token in _TAG.split(body_html):
        if token.startswith("<"):
            inside_link += 1 if _OPEN_LINK.match(token) else -1 if _CLOSE_LINK.match(token) else 0
            out.append(token)
            continue
        plain = html.unescape(token)
        found: list[tuple[int, int, Target]] = []
        for words, which in wanted.items():
            at = plain.find(words)
            while at >= 0:
                target = which.get(seen[words])
                seen[words] += 1
                if target is not None and not inside_link:
                    found.append((at, at + len(words), target))
                at = plain.find(words, at + len(words))
        if not found:
            out.append(token)
            continue
        pos = 0
        for start, end, target in sorted(found, key=lambda f: f[0]):
            if start < pos:
                continue
            out.append(html.escape(plain[pos:start], quote=False))
            out.append(f'<a class="{target.kind}" href="{html.escape(target.href)}">'
                       f"{html.escape(plain[start:end], quote=False)}</a>")
            pos = end
        out.append(html.escape(plain[pos:], quote=False))
    return "".join(out)
