"""The extraction stage: cached facts, the same results inline, in processes and on Dask."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.arabic.terms import unpack
from builder.extract import facts as facts_mod
from builder.extract.facts import FactsCache, extract_all, read_facts, text_key
from builder.extract.published import DateEvidence
from builder.model import Entity
from builder.registry import Registry
from builder.state import Store

TEXTS = [
    (DateEvidence("2019-03-23"), "قال دونالد ترامب أمس إن القوات الأمريكية ستبقى في سوريا حتى عام 2020."),
    (DateEvidence(),
     "دمشق - 23 آذار (مارس) 2019 (أ ف ب) - أعلنت قوات سوريا الديموقراطية السيطرة على الباغوز."),
    (DateEvidence("غدا"), "نص بلا تاريخ صالح، يذكر الرياض وجدة."),
]

REGISTRY = Registry()
REGISTRY.add(Entity("trump", "دونالد ترامب", "PER", aliases=("ترامب",)))


def test_facts_of_a_text() -> None:
    f = read_facts(*TEXTS[1])
    assert f.date == "2019-03-23" and f.notes == []
    assert any(m.type == "LOC" for m in f.mentions)
    bad = read_facts(*TEXTS[2])
    assert bad.date is None and "غدا" in bad.notes[0]


def test_cache_serves_the_same_facts(tmp_path: Path) -> None:
    first = extract_all(TEXTS, Store(tmp_path), REGISTRY)
    store = FactsCache(Store(tmp_path), "accurate")
    assert all(store.get(text_key(g, t)) is not None for g, t in TEXTS)
    again = extract_all(TEXTS, Store(tmp_path), REGISTRY)
    assert again == first
    assert len(list(tmp_path.glob("facts-*"))) == 1
    assert first[0].hits == [(4, 16, "trump")] and dict(unpack(first[0].terms))["ترامب"] == 1


def test_a_registry_change_finds_its_names_again(tmp_path: Path) -> None:
    extract_all(TEXTS, Store(tmp_path), REGISTRY)
    wider = Registry()
    wider.add(Entity("trump", "دونالد ترامب", "PER", aliases=("ترامب",)))
    wider.add(Entity("syria", "سوريا", "LOC"))
    again = extract_all(TEXTS, Store(tmp_path), wider)
    assert [e for _, _, e in again[0].hits] == ["trump", "syria"]
    assert again[0].registry == wider.digest() != REGISTRY.digest()
    assert extract_all(TEXTS, Store(tmp_path), wider) == again


def test_an_edit_rewrites_one_bucket(tmp_path: Path) -> None:
    extract_all(TEXTS, Store(tmp_path), REGISTRY)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("facts-*/*.json.gz")}
    edited = [*TEXTS[:2], (DateEvidence("غدا"), TEXTS[2][1] + " وأضيف سطر.")]
    extract_all(edited, Store(tmp_path), REGISTRY)
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("facts-*/*.json.gz")}
    changed = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
    assert changed and changed <= {text_key(*TEXTS[2])[:2] + ".json.gz",
                                   text_key(*edited[2])[:2] + ".json.gz"}


def test_processes_give_the_same_facts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inline = extract_all(TEXTS, Store(tmp_path / "a"), REGISTRY)
    monkeypatch.setattr(facts_mod, "PARALLEL_FROM", 1)
    monkeypatch.setattr(facts_mod, "BATCH", 2)
    assert extract_all(TEXTS, Store(tmp_path / "b"), REGISTRY) == inline


def test_dask_local_cluster_gives_the_same_facts(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    inline = extract_all(TEXTS, Store(tmp_path / "a"), REGISTRY)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        assert extract_all(TEXTS, Store(tmp_path / "b"), REGISTRY,
                           cluster=cluster.scheduler_address) == inline


def test_the_fast_recogniser_is_the_crf_alone_and_cached_apart(tmp_path: Path) -> None:
    """``recogniser: fast`` tags with the CRF alone; its facts never serve an accurate build."""
    from builder.ner.recognizer import Recognizer

    accurate = extract_all(TEXTS, Store(tmp_path), REGISTRY)
    accurate_folder = list(tmp_path.glob("facts-*"))
    fast = extract_all(TEXTS, Store(tmp_path), REGISTRY, kind="fast")
    crf = Recognizer(neural=None)
    assert [f.mentions for f in fast] == [crf.find(text) for _, text in TEXTS]
    assert [f.mentions for f in accurate] == [Recognizer().find(text) for _, text in TEXTS]
    fast_folder = list(tmp_path.glob("facts-*"))
    assert len(accurate_folder) == len(fast_folder) == 1 and accurate_folder != fast_folder
    assert extract_all(TEXTS, Store(tmp_path), REGISTRY) == accurate
