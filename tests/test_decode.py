"""Bytes to text: BOMs, UTF-16 without BOM, Windows-1256, truncated and mixed files, binary."""

from __future__ import annotations

import pytest

from builder.readers.decode import DecodeError, decode

TEXT = "أعلنت قوات سوريا الديموقراطية القضاء التام على خلافة تنظيم داعش في بلدة الباغوز.\n" * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "cp1256", "iso8859_6"])
def test_round_trip(encoding: str) -> None:
    assert decode(TEXT.encode(encoding)).text == TEXT


def test_short_windows_1256_is_not_read_as_latin() -> None:
    assert decode("مرحبا بكم".encode("cp1256")).text == "مرحبا بكم"


def test_truncated_utf8_names_the_line() -> None:
    data = (TEXT + "ب").encode()[:-1]  # the last letter cut in half
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.notes == ["line 4: truncated UTF-8 character at the end removed"]


def test_mixed_encodings_decode_line_by_line() -> None:
    data = "سطر أول\n".encode() + "سطر بترميز قديم\n".encode("cp1256") + "سطر ثالث\n".encode() * 3
    decoded = decode(data)
    assert decoded.text.split("\n")[:3] == ["سطر أول", "سطر بترميز قديم", "سطر ثالث"]
    assert decoded.notes == ["line 2: not UTF-8, read as cp1256"]


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4,
])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode(data)
