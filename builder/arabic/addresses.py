"""Names as parts of page addresses: readable, and the same for the same name."""

from __future__ import annotations

import re

#: what a reader does not see in a name: diacritics, Quranic marks, tatweel, direction marks
_UNSEEN = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F"
                     "\u202A-\u202E\u2066-\u2069\uFEFF]")


#: The longest address a name gets, in bytes: a file name holds 255, and a page adds ``-2.md``
#: or a country to it. A longer name (ten names the recogniser ran together) goes by its id.
LONGEST = 150


def address_name(name: str) -> str:
    """A name as the last part of a page's address, for a person to read and cite: its words
    as written, joined by '-', lower-case, without diacritics, tatweel, direction marks or
    anything an address or a file name cannot hold (``دير الزور`` → ``دير-الزور``,
    ``BBC News`` → ``bbc-news``); empty when no letter or digit is left or it is longer than
    :data:`LONGEST`."""
    address = "-".join(re.findall(r"[^\W_]+", _UNSEEN.sub("", name))).lower()
    return address if len(address.encode("utf-8")) <= LONGEST else ""
