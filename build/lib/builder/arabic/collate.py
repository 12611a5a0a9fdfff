"""Arabic alphabetical order for index pages.

After folding (one alef, ي for ى, ه for ة) the basic Arabic letters' code points run in the
alphabet's order, so the folded name without its article ال is the sort key. ICU would give
the same order for these names at the cost of a large native dependency.
"""

from __future__ import annotations

from builder.arabic.normalize import fold


def sort_key(name: str) -> tuple[str, str]:
    """Order by the folded name without a leading ال; ties broken by the name as written."""
    folded = fold(name).strip()
    if folded.startswith("ال") and len(folded) > 3:
        folded = folded[2:]
    return folded, name
