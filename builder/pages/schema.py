"""The schema of an article page's front matter (JSON Schema), checked before a page is written.

A typed contract for everyone who reads docs/ (the publisher, a replacement publisher, people's
scripts): a page whose front matter does not match is a bug in the builder, never published.
"""

from __future__ import annotations

from typing import Any

import jsonschema

EDTF = r"^(\d{4}|\d{3}X|\d{2}XX)(-\d{2}(-\d{2})?)?(/(\.\.|\d{4}(-\d{2}(-\d{2})?)?))?$|^\.\./"
TEXT = {"type": "string"}
IDS = {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}}

ARTICLE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "date", "dates", "source", "url", "author", "places", "actors",
                 "summary", "words", "original", "extra"],
    "properties": {
        "id": {"type": "string", "pattern": r"^[0-9a-f]{12}$"},
        "title": {"type": "string", "minLength": 1},
        "date": {"anyOf": [{"type": "string", "pattern": EDTF}, {"type": "null"}]},
        "dates": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["text", "value", "calendar"],
            "properties": {"text": TEXT, "value": {"type": "string", "pattern": EDTF},
                           "calendar": {"enum": ["gregorian", "hijri", "mixed"]}, "hijri": TEXT}}},
        "source": TEXT, "url": TEXT, "author": TEXT, "summary": TEXT, "original": TEXT,
        "places": IDS, "actors": IDS,
        "words": {"type": "integer", "minimum": 1},
        "extra": {"type": "object"},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(ARTICLE)


def check_article(front: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` naming the field when ``front`` breaks the schema."""
    _VALIDATOR.validate(front)
