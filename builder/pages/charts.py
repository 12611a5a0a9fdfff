"""Counts over time as a picture made at build time: the geometry of an inline SVG bar chart.

A chart is plain data (bars, ticks, the rows of its table) that a template draws, so pages
need no charting script. Time runs the way the page reads: the earliest period on the right
(inline start in RTL), the latest on the left. Periods are months when the span is short
enough to read them, else years; every period in the span has a bar, empty ones too, so gaps
show as gaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from builder.arabic.counts import count
from builder.arabic.display import digits, month_names

#: the drawing's box (the SVG scales to the page's width) and its margins
WIDTH, HEIGHT = 720, 220
TOP, BOTTOM, START, END = 16, 40, 44, 8
#: above this many months the chart counts years
MONTHS_AT_MOST = 60
#: the widest a bar is drawn (a chart of one or two periods is not a wall)
BAR_AT_MOST = 40


def _months(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last``."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _periods(dates: list[str]) -> tuple[str, list[str], Counter[str]]:
    """The unit (``month`` or ``year``), every period from the first to the last, and the count
    of each. Dates known only to the year count in a yearly chart alone."""
    monthly = [d[:7] for d in dates if len(d) >= 7 and d[5:7].isdigit()]
    if monthly and len(monthly) == len(dates):
        span = _months(min(monthly), max(monthly))
        if len(span) <= MONTHS_AT_MOST:
            return "month", span, Counter(monthly)
    years = [int(d[:4]) for d in dates]
    return "year", [str(y) for y in range(min(years), max(years) + 1)], Counter(d[:4] for d in dates)


def _name(period: str, unit: str, months: str, digit_style: str) -> str:
    if unit == "year":
        return digits(period, digit_style)
    return digits(f"{month_names(months)[int(period[5:7])]} {period[:4]}", digit_style)


def _ticks(periods: list[str], unit: str, months: str, digit_style: str) -> list[tuple[int, str]]:
    """Which bars get a label under them: each month when a year or less is shown, else each
    January (and the first bar) with its year; each year, thinned to about twelve labels."""
    if unit == "month" and len(periods) <= 12:
        return [(i, month_names(months)[int(p[5:7])]) for i, p in enumerate(periods)]
    if unit == "month":
        marks = [i for i, p in enumerate(periods) if p.endswith("-01")]
        if not marks or marks[0] >= 3:
            marks.insert(0, 0)
        return [(i, digits(periods[i][:4], digit_style)) for i in marks]
    step = max(1, -(-len(periods) // 12))
    return [(i, digits(p, digit_style)) for i, p in enumerate(periods) if i % step == 0]


def chart(dates: Iterable[str | None], title: str, months: str, digit_style: str) -> dict[str, Any] | None:
    """The bar chart of how many of ``dates`` (EDTF values of articles) fall in each period, or
    None when none is dated. ``title`` names what is counted («المقالات التي تذكر دمشق»); the
    chart's title, its SVG's and its table's, adds the period («… في كل شهر»)."""
    known = [d for d in dates if d and "/" not in d and d[:4].isdigit()]
    if not known:
        return None
    unit, periods, counts = _periods(known)
    top = max(counts[p] for p in periods)
    inner_w, inner_h = WIDTH - START - END, HEIGHT - TOP - BOTTOM
    step = inner_w / len(periods)
    width = min(step - min(2.0, step / 4), BAR_AT_MOST)
    right = WIDTH - START  # the first period's slot starts at the right edge of the plot
    bars, rows = [], []
    for i, p in enumerate(periods):
        n = counts[p]
        h = inner_h * n / top
        name = _name(p, unit, months, digit_style)
        bars.append({"x": round(right - (i + 0.5) * step - width / 2, 2), "y": round(TOP + inner_h - h, 2),
                     "width": round(width, 2), "height": round(h, 2),
                     "label": f"{name}: {count(n, 'article', digit_style)}"})
        rows.append({"period": name, "count": digits(str(n), digit_style)})
    ticks = [{"x": round(right - (i + 0.5) * step, 2), "text": text}
             for i, text in _ticks(periods, unit, months, digit_style)]
    return {
        "title": f"{title} في كل {'شهر' if unit == 'month' else 'سنة'}",
        "unit": "الشهر" if unit == "month" else "السنة",
        "width": WIDTH, "height": HEIGHT,
        "plot": {"left": END, "right": right, "top": TOP, "bottom": TOP + inner_h},
        "scale": [{"y": round(TOP + inner_h - inner_h * v / top, 2), "text": digits(str(v), digit_style)}
                  for v in sorted({0, top // 2, top})],
        "bars": bars, "ticks": ticks, "tick_y": TOP + inner_h + 18,
        "rows": rows,
    }
