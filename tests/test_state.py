"""The build state: one store, versioned sections, atomic entries, damage read as absence."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from builder import digest
from builder.state import Store


def test_an_entry_is_kept_until_a_build_no_longer_uses_it(tmp_path: Path) -> None:
    section = Store(tmp_path).section("reads", "some settings")
    section.save("a.json", b"[1]")
    section.save("b.json", b"[2]")
    again = Store(tmp_path).section("reads", "some settings")
    assert again.load("a.json", bytes) == b"[1]"
    again.prune()
    assert again.names() == ["a.json"]
    assert [p.name for p in again.folder.iterdir()] == ["a.json"]  # no temporary file left


def test_other_code_or_settings_start_a_section_afresh(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    Store(tmp_path).section("reads").save("r.json", b"r")
    Store(tmp_path).section("facts", "accurate").save("00.json.gz", b"x")
    other = Store(tmp_path).section("facts", "fast")
    assert other.names() == [] and not list(tmp_path.glob("facts-*"))
    other.save("00.json.gz", b"y")
    monkeypatch.setattr(digest, "version", lambda kind: "another")
    assert Store(tmp_path).section("facts", "fast").load("00.json.gz", bytes) is None
    assert not list(tmp_path.glob("facts-*"))
    assert [p.name.split("-")[0] for p in tmp_path.iterdir()] == ["reads"]  # other kinds stay


@pytest.mark.parametrize("damage", [b"", b"{not json", b"\x1f\x8b\x08garbage", b"[1, 2]"])
def test_a_damaged_entry_is_absent(tmp_path: Path, damage: bytes) -> None:
    section = Store(tmp_path).section("facts")
    section.save("ab.json.gz", damage)

    def parse(raw: bytes) -> dict[str, object]:
        return dict(__import__("json").loads(gzip.decompress(raw)))

    assert section.load("ab.json.gz", parse) is None
    assert section.load("missing", parse) is None
