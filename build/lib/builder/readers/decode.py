"""Bytes to text: byte-order marks first, then strict UTF-8, then charset-normalizer.

charset-normalizer is limited to the encodings Arabic archives are really found in, so a
short Windows-1256 file is not taken for a Latin code page. A file that is UTF-8 but for a few
lines (a copy-paste from an old system) is decoded line by line, and the odd lines are named.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

#: Encodings tried when a file is not UTF-8; the order breaks ties.
ARABIC_ENCODINGS = ["utf_8", "cp1256", "utf_16_le", "utf_16_be", "iso8859_6", "cp720", "cp864"]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
]


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept (an image, an archive, random data)."""


@dataclass
class Decoded:
    """Text and how it was read; ``notes`` name what was repaired, with line numbers."""

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def _detect(data: bytes) -> str | None:
    best = from_bytes(data, cp_isolation=ARABIC_ENCODINGS).best()
    return None if best is None else str(best.encoding)


def _utf8_with_repairs(data: bytes) -> Decoded | None:
    """UTF-8 with a cut-off last character, or with a few lines in another encoding."""
    try:
        data.decode("utf_8")
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
            line = data.count(b"\n", 0, err.start) + 1
            return Decoded(data[: err.start].decode("utf_8"), "utf_8",
                           [f"line {line}: truncated UTF-8 character at the end removed"])
    lines = data.split(b"\n")
    bad = []
    for i, raw in enumerate(lines):
        try:
            raw.decode("utf_8")
        except UnicodeDecodeError:
            bad.append(i)
    if not bad or len(bad) * 2 > len(lines):
        return None
    out = []
    notes = []
    for i, raw in enumerate(lines):
        if i in bad:
            line_enc = _detect(raw) or "cp1256"
            out.append(raw.decode(line_enc, errors="replace"))
            notes.append(f"line {i + 1}: not UTF-8, read as {line_enc}")
        else:
            out.append(raw.decode("utf_8"))
    return Decoded("\n".join(out), "utf_8+mixed", notes)


def _utf16_shape(head: bytes) -> bool:
    """UTF-16 without a BOM: one byte of every pair is 0x00 (ASCII) or 0x06 (Arabic)."""
    for high in (head[1::2], head[0::2]):
        if high and sum(high.count(b) for b in (0, 6)) > 0.9 * len(high):
            return True
    return False


def decode(data: bytes) -> Decoded:
    """The text in ``data``; raises :class:`DecodeError` when it is not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(enc, errors="replace"), enc)
    if b"\x00" in data[:4096]:
        if not _utf16_shape(data[:4096]):
            try:  # text with stray NULs (a broken export) is still text
                text = data.decode("utf_8")
            except UnicodeDecodeError:
                raise DecodeError("binary data, not text (NUL bytes)") from None
            line = data.count(b"\n", 0, data.index(b"\x00")) + 1
            return Decoded(text, "utf_8", [f"line {line}: NUL characters in the text (removed)"])
        wide = _detect(data[: len(data) // 2 * 2])
        if wide is None or not wide.startswith("utf_16"):
            raise DecodeError("NUL bytes, but not readable as UTF-16")
        return Decoded(data.decode(wide, errors="replace"), wide)
    try:
        return Decoded(data.decode("utf_8"), "utf_8")
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_repairs(data)
    if repaired is not None:
        return repaired
    found = _detect(data)
    if found is None:
        raise DecodeError("not text in UTF-8, UTF-16 or an Arabic code page")
    return Decoded(data.decode(found), found)
