"""The one normaliser: the table its browser twin is tested against too, and its properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.arabic.normalize import fold, fold_with_offsets

CASES = json.loads((Path(__file__).parent / "normalize_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("written,folded", CASES, ids=[c[0] for c in CASES])
def test_table(written: str, folded: str) -> None:
    assert fold(written) == folded


@given(st.text())
def test_never_raises_and_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",), max_codepoint=0x06FF)))
def test_never_longer_and_offsets_line_up(text: str) -> None:
    folded, where = fold_with_offsets(text)
    assert len(folded) <= len(text)
    assert len(where) == len(folded)
    assert list(where) == sorted(where)
    assert all(fold(text[i]) == folded[k] for k, i in enumerate(where))
