"""A date given in an article's metadata, and the day relative dates count from."""

from __future__ import annotations

import re
from datetime import date

from builder.arabic.normalize import fold
from builder.extract.dates.combination import find_dates
from builder.extract.dates.rules import ymd

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?\s*$")


def parse_given(value: str) -> str | None:
    """A metadata date as EDTF: ISO forms (time dropped), else the first date written in it."""
    m = _ISO.match(fold(value))
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if d:
            return ymd(int(y), int(mo), int(d))
        if mo:
            return f"{y}-{int(mo):02d}" if 1 <= int(mo) <= 12 else None
        return y
    found = [d for d in find_dates(value) if "/" not in d.value]
    return found[0].value if found else None


def base_date(value: str | None) -> date | None:
    """The day relative expressions count from: the publication date when known to the day."""
    if value and len(value) == 10:
        return date.fromisoformat(value)
    return None
