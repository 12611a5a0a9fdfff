"""Dates in Arabic news copy: datelines, dates in running text, Hijri, relative expressions.

Rules over the folded text (one normaliser: one alef, ه for ة, Western digits), so a rule
written once matches every spelling. Each rule turns a match into an EDTF value; overlapping
matches keep the longest; a Hijri date written beside its Gregorian equivalent becomes one
``mixed`` mention whose value is the Gregorian date. Hijri dates are converted with the Umm
al-Qura calendar (hijridate). Relative expressions need the publication date (``base``) and
are skipped without one: a date is never invented from "today".

The package is its vocabulary (:mod:`.vocabulary`: the words and the pattern pieces made of
them), its rules (:mod:`.rules`: each a pattern and what its match means) and their combination
(:mod:`.combination`: where rules run, which matches are kept and how neighbours join);
:mod:`.given` reads a date given in an article's metadata.
"""

from builder.extract.dates.combination import find_dates, written_day
from builder.extract.dates.given import base_date, parse_given
from builder.extract.dates.vocabulary import GREGORIAN_MONTHS, HIJRI_MONTHS, VOCABULARY, WEEKDAYS

__all__ = ["GREGORIAN_MONTHS", "HIJRI_MONTHS", "VOCABULARY", "WEEKDAYS", "base_date", "find_dates",
           "parse_given", "written_day"]
