"""The schema of an article page's front matter (JSON Schema), checked before a page is written.

A typed contract for everyone who reads docs/ (the publisher, a replacement publisher, people's
scripts): a page whose front matter does not match is a bug in the builder, never published.
"""

from __future__ import annotations

from typing import Any

import fastjsonschema

from builder.extract.published import DATE_SOURCES

EDTF = r"^(\d{4}|\d{3}X|\d{2}XX)(-\d{2}(-\d{2})?)?(/(\.\.|\d{4}(-\d{2}(-\d{2})?)?))?$|^\.\./"
TEXT = {"type": "string"}
IDS = {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}}

ARTICLE = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "date", "dates", "source", "url", "author", "places", "actors",
                 "summary", "words", "original", "extra"],
    "properties": {
        "id": {"type": "string", "pattern": r"^[0-9a-f]{12}$"},
        "title": {"type": "string", "minLength": 1},
        "date": {"anyOf": [{"type": "string", "pattern": EDTF}, {"type": "null"}]},
        "date_source": {"enum": [*DATE_SOURCES, None]},
        "dates": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["text", "value", "calendar"],
            "properties": {"text": TEXT, "value": {"type": "string", "pattern": EDTF},
                           "calendar": {"enum": ["gregorian", "hijri", "mixed"]}, "hijri": TEXT}}},
        "source": TEXT, "url": TEXT, "author": TEXT, "summary": TEXT, "original": TEXT, "dateline": TEXT,
        "story": {"type": "string", "pattern": r"^[0-9a-f]{12}$"},
        "original_sha256": {"type": "string", "pattern": r"^([0-9a-f]{64})?$"},
        "places": IDS, "actors": IDS,
        "words": {"type": "integer", "minimum": 1},
        "extra": {"type": "object"},
    },
}
#: Compiled once to Python code: 20 times faster than an interpreting validator, which would be
#: a quarter of page rendering at 10,000 articles.
_VALIDATE = fastjsonschema.compile(ARTICLE)
SchemaError = fastjsonschema.JsonSchemaValueException


def check_article(front: dict[str, Any]) -> None:
    """Raise :data:`SchemaError` naming the field when ``front`` breaks the schema."""
    _VALIDATE(front)
