"""JSON and JSON-lines exports (SaudiNewsNet's fields, and the usual aliases)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from builder.model import Origin, Problem, RawArticle
from builder.readers.decode import Decoded


def _article(obj: Any, origin: Origin, encoding: str) -> RawArticle | Problem:
    if not isinstance(obj, dict):
        return Problem(origin, f"a JSON {type(obj).__name__}, not an object with article fields")
    return RawArticle(origin, "", "text", dict(obj), encoding)


def read_lines(decoded: Decoded, origin: Origin) -> Iterator[RawArticle | Problem]:
    """One article per line; a broken line is reported with its number, the rest still read."""
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        where = Origin(origin.path, number)
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(where, f"broken JSON: {err.msg} (column {err.colno})")
            continue
        yield _article(obj, where, decoded.encoding)


def read_document(decoded: Decoded, origin: Origin) -> Iterator[RawArticle | Problem]:
    """A JSON object (one article) or an array of them (numbered by position as ``line``)."""
    try:
        doc = json.loads(decoded.text)
    except json.JSONDecodeError as err:
        yield Problem(Origin(origin.path, err.lineno), f"broken JSON: {err.msg} (column {err.colno})")
        return
    if isinstance(doc, list):
        for i, obj in enumerate(doc, start=1):
            yield _article(obj, Origin(origin.path, i), decoded.encoding)
    else:
        yield _article(doc, origin, decoded.encoding)
