"""Golden tests: each raw file in tests/golden/readers beside the pages it must become.

Run ``pytest --update-golden`` to rewrite the expected files after a deliberate change, then
read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.readers import READERS
from tests.golden_render import render_file

GOLDEN = Path(__file__).parent / "golden" / "readers"
INPUTS = sorted(p for p in GOLDEN.iterdir() if p.suffix in READERS and ".expected" not in p.name)


@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_reader_golden(source: Path, update_golden: bool) -> None:
    expected = source.with_name(source.name + ".expected.md")
    got = render_file(source)
    if update_golden or not expected.exists():
        expected.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{expected.name} did not exist: written, check it and commit it")
    assert got == expected.read_text(encoding="utf-8")


def test_every_format_has_a_golden_file() -> None:
    covered = {p.suffix for p in INPUTS}
    assert {".txt", ".md", ".jsonl", ".json", ".html"} <= covered
