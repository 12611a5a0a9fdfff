"""Dates and numbers shown the Arabic way, in the archive's chosen month style and digits.

Month names come from CLDR through babel (Levantine from ``ar_SY``, Egyptian from ``ar_EG``,
Maghrebi from ``ar_DZ``). babel formats numbers with locale symbols but never swaps the digits
themselves, so the one step babel lacks, Western to Arabic-Indic digits, is a table here.
"""

from __future__ import annotations

from functools import cache, lru_cache

from babel.dates import get_month_names

_LOCALES = {"levantine": "ar_SY", "egyptian": "ar_EG", "maghrebi": "ar_DZ"}
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@cache
def month_names(style: str) -> dict[int, str]:
    """Month number -> name in ``style``; ``both`` writes ``آذار/مارس`` as agencies do."""
    if style == "both":
        lev, egy = month_names("levantine"), month_names("egyptian")
        return {m: f"{lev[m]}/{egy[m]}" for m in range(1, 13)}
    names = get_month_names("wide", locale=_LOCALES[style])
    return {int(m): str(name) for m, name in names.items()}


def digits(text: str, style: str) -> str:
    """``text`` with its digits in the chosen style (western 23, arabic ٢٣)."""
    return text.translate(_ARABIC_DIGITS) if style == "arabic" else text


def _point(value: str, months: str) -> str:
    parts = value.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])} {month_names(months)[int(parts[1])]} {parts[0]}"
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return f"{month_names(months)[int(parts[1])]} {parts[0]}"
    if len(value) == 4 and value.endswith("X"):
        return f"عقد {value[:3]}0"
    if len(value) == 4 and value.endswith("XX"):
        return f"القرن {int(value[:2]) + 1}"
    return value


@lru_cache(maxsize=50_000)  # pure, and asked for the same dates in every list an article is in
def show_date(value: str | None, months: str = "levantine", digit_style: str = "western") -> str:
    """An EDTF value as Arabic text: ``2019-03-23`` -> ``23 آذار 2019``; ranges as من … إلى …."""
    if not value:
        return "بلا تاريخ"
    if "/" in value:
        start, end = value.split("/", 1)
        if end == "..":
            text = f"منذ {_point(start, months)}"
        elif start == "..":
            text = f"حتى {_point(end, months)}"
        elif start == end:  # a range of one period is that period
            text = _point(start, months)
        else:
            text = f"من {_point(start, months)} إلى {_point(end, months)}"
    else:
        text = _point(value, months)
    return digits(text, digit_style)
