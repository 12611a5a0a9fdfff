"""The bad-input corpus: each case is a file (name and bytes) and the outcome it must have.

``page``: the file is published (with warnings when ``reason`` is set); ``rejected`` /
``duplicate`` / ``ignored``: it is in the report with that kind, a reason containing
``reason``, and ``line`` when given. Large cases are made at test time, not stored.
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass

AR = "أعلنت وزارة الصحة في الرياض عن حملة جديدة للتطعيم تشمل المدارس والجامعات في المملكة."


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    outcome: str  # page | rejected | duplicate | ignored
    reason: str = ""
    line: int | None = None
    pages: int = 1


def png() -> bytes:
    raw = b"\x00" + b"\xff\x00\x00" * 4
    body = zlib.compress(raw * 4)
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def cases() -> list[Case]:
    jsonl_mixed = "\n".join([
        json.dumps({"title": "خبر أول", "content": AR}, ensure_ascii=False),
        '{"title": "سطر مكسور", "content": ',
        json.dumps({"title": "خبر ثالث", "content": AR + " وخبر آخر."}, ensure_ascii=False),
    ]).encode()
    return [
        Case("empty.txt", b"", "rejected", "empty article", pages=0),
        Case("spaces.txt", b"  \n\t\n   \r\n", "rejected", "empty article", pages=0),
        Case("image.txt", png(), "rejected", "binary data", pages=0),
        Case("truncated.txt", (AR + "\nسطر أخير ب").encode()[:-1], "page", "truncated UTF-8", 2),
        Case("mixed.txt", AR.encode() + b"\n" + "سطر قديم بترميز ويندوز".encode("cp1256") + b"\n"
             + (AR + "\n").encode() * 3, "page", "line 2: not UTF-8, read as cp1256"),
        Case("windows.txt", ("العنوان: خبر بترميز ويندوز\n\n" + AR).encode("cp1256"), "page"),
        Case("utf16-nobom.txt", ("title: نص UTF-16\n\n" + AR).encode("utf-16-le"), "page"),
        Case("bad-yaml.md", ("---\ntitle: [غير مغلق\ndate: 2019\n---\n\n" + AR).encode(), "rejected",
             "malformed YAML (line 3)", pages=0),
        Case("wrong-types.md", ("---\ntitle: [قائمة, لا, عنوان]\ndate: 20190323\n---\n\n" + AR).encode(),
             "page", "field 'title' is a list"),
        Case("number-date.md", ("---\ntitle: رقم تاريخ\ndate: 12345\n---\n\n" + AR + " خبر.").encode(),
             "page", "date '12345' is not a date"),
        Case("feb30.txt", ("title: تاريخ غير موجود\ndate: 2019-02-30\n\n" + AR + " نص.").encode(),
             "page", "date '2019-02-30'"),
        Case("hijri13.txt", ("title: شهر هجري غير موجود\ndate: 1440-13-01 هـ\n\n" + AR + " آخر.").encode(),
             "page", "date '1440-13-01 هـ'"),
        Case("unknown-fields.md", ("---\ntitle: حقول إضافية\nphotographer: فلان\nrating: 5\n---\n\n"
                                   + AR + " ثالث.").encode(), "page"),
        Case("mixed.jsonl", jsonl_mixed, "rejected", "broken JSON", 2, pages=2),
        Case("alias-bomb.md", ("---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\ntitle: قنبلة\n---\n\n"
                               + AR).encode(), "rejected", "anchors and aliases", pages=0),
        Case("not-object.jsonl", b'[1, 2, 3]\n"text"\n', "rejected", "not an object", 1, pages=0),
        Case("photo.jpeg", b"\xff\xd8\xff\xe0" + bytes(100), "ignored", "unsupported format"),
        Case("control-chars.txt", ("title: محارف تحكم\x00\x07\n\n" + AR + "\x00\x1b[31m نص.").encode(),
             "page"),
    ]
