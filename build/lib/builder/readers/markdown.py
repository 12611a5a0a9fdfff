"""Markdown articles with YAML front matter."""

from __future__ import annotations

from collections.abc import Iterator

from builder.model import Origin, Problem, RawArticle
from builder.readers import frontmatter
from builder.readers.decode import Decoded


def read(decoded: Decoded, origin: Origin) -> Iterator[RawArticle | Problem]:
    """One article per file; the body stays Markdown (rendered later, raw HTML disabled)."""
    meta, body, _ = frontmatter.split(decoded.text)
    yield RawArticle(origin, body, "markdown", meta, decoded.encoding)
