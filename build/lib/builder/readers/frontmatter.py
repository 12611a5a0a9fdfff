"""YAML front matter between ``---`` lines at the top of a text or Markdown file."""

from __future__ import annotations

import re
from typing import Any

from builder import yamlio

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$\n?", re.S | re.M)


class FrontMatterError(ValueError):
    """Front matter that is not a YAML mapping; the message names the line in the file."""


def split(text: str) -> tuple[dict[str, Any], str, int]:
    """Front matter, body and how many lines the front matter took (0 when there is none)."""
    m = _FENCE.match(text)
    if not m:
        return {}, text, 0
    try:
        data = yamlio.load(m.group(1))
    except yamlio.YamlError as err:
        raise FrontMatterError(f"front matter: {_shift_line(str(err))}") from err
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter is a {type(data).__name__}, not a mapping (line 2)")
    return data, text[m.end():], m.group(0).count("\n")


def _shift_line(message: str) -> str:
    """YAML counts lines inside the front matter; the file has the ``---`` line above it."""
    return re.sub(r"line (\d+)", lambda m: f"line {int(m.group(1)) + 1}", message)
