"""The extraction stage: cached facts, the same results inline, in processes and on Dask."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.extract import facts as facts_mod
from builder.extract.facts import FactsCache, extract_all, read_facts, text_key

TEXTS = [
    ("2019-03-23", "قال دونالد ترامب أمس إن القوات الأمريكية ستبقى في سوريا حتى عام 2020."),
    (None, "دمشق - 23 آذار (مارس) 2019 (أ ف ب) - أعلنت قوات سوريا الديموقراطية السيطرة على الباغوز."),
    ("غدا", "نص بلا تاريخ صالح، يذكر الرياض وجدة."),
]


def test_facts_of_a_text() -> None:
    f = read_facts(*TEXTS[1])
    assert f.date == "2019-03-23" and f.notes == []
    assert any(m.type == "LOC" for m in f.mentions)
    bad = read_facts(*TEXTS[2])
    assert bad.date is None and "غدا" in bad.notes[0]


def test_cache_serves_the_same_facts(tmp_path: Path) -> None:
    first = extract_all(TEXTS, tmp_path)
    store = FactsCache(tmp_path)
    assert all(store.get(text_key(g, t)) is not None for g, t in TEXTS)
    again = extract_all(TEXTS, tmp_path)
    assert again == first
    assert len(list(tmp_path.glob("facts-*.json.gz"))) == 1


def test_processes_give_the_same_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inline = extract_all(TEXTS, tmp_path / "a")
    monkeypatch.setattr(facts_mod, "PARALLEL_FROM", 1)
    assert extract_all(TEXTS, tmp_path / "b") == inline


def test_dask_local_cluster_gives_the_same_facts(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    inline = extract_all(TEXTS, tmp_path / "a")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        assert extract_all(TEXTS, tmp_path / "b", cluster=cluster.scheduler_address) == inline
