"""Plain-text articles: body as written, with an optional header or YAML front matter."""

from __future__ import annotations

from collections.abc import Iterator

from builder.model import Origin, Problem, RawArticle
from builder.readers import fields, frontmatter
from builder.readers.decode import Decoded


def read(decoded: Decoded, origin: Origin) -> Iterator[RawArticle | Problem]:
    """One article per file; ``title: …`` header lines or front matter become metadata."""
    meta, body, _ = frontmatter.split(decoded.text)
    if not meta:
        header, body, _ = fields.split_header(decoded.text)
        meta = dict(header)
    yield RawArticle(origin, body, "text", meta, decoded.encoding)
