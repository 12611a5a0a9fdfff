"""Article bodies as inert HTML, and as plain text: article text is data, never markup that runs.

Plain text becomes escaped paragraphs. Markdown is rendered with Python-Markdown with its raw
HTML handling switched off (``<script>`` shows as text), links kept only for http(s), mailto
and relative targets, and images replaced by their alt text so that viewing a page never
sends a request to another host.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

from builder.model import Markup

SAFE_SCHEMES = ("http", "https", "mailto", "")


def safe_href(url: str) -> bool:
    """True for links a reader may follow: http(s), mailto, or a relative link."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_SCHEMES and not cleaned.startswith("//")


def web_url(url: str) -> bool:
    """True for an absolute http(s) URL: the only kind rendered as a source link."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


class _Defuse(Treeprocessor):
    """Drop unsafe link targets, images become alt text (no outside request), headings step down."""

    def run(self, root: ET.Element) -> None:
        for heading in root.iter():
            if heading.tag in ("h1", "h2", "h3", "h4", "h5"):
                heading.tag = f"h{int(heading.tag[1]) + 1}"  # the page title is the only h1
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    alt = child.get("alt", "")
                    child.tag = "span"
                    child.attrib.clear()
                    child.set("class", "arshif-image-alt")
                    child.text = f"[{alt}]" if alt else "[صورة]"
                elif child.tag == "a" and not safe_href(child.get("href", "")):
                    child.attrib.pop("href", None)


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Defuse(md), "arshif_defuse", 0)
    return md


_MD = _markdown()


def to_html(body: str, markup: Markup) -> str:
    """The article body as HTML that shows the text as written and runs nothing."""
    if markup == "markdown":
        _MD.reset()
        html_text: str = _MD.convert(body)
        return html_text
    paras = (p.strip() for p in body.split("\n"))
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras if p)


_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|h\d|li|tr|blockquote|pre)>|<br\s*/?>")


def to_text(body: str, markup: Markup) -> str:
    """The words a reader sees, one block a line: what extraction and summaries work on."""
    if markup != "markdown":
        return body
    rendered = _BLOCK_END.sub("\n", to_html(body, markup))
    lines = (html.unescape(_TAG.sub("", line)).strip() for line in rendered.split("\n"))
    return "\n".join(line for line in lines if line)
