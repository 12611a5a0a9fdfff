"""Hostile and broken input: every file is published or reported (file, line, reason), nothing
raises, nothing is lost; big files, duplicates, collisions and paths."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import readers
from builder.assemble import assemble
from builder.build import build
from builder.config import Config
from builder.model import Origin, Problem, RawArticle
from builder.registry import Registry, RegistryError
from builder.writer import OutputError, OutputTree
from builder.yamlio import YamlError, load
from tests.bad_input.corpus import AR, Case, cases

CASES = cases()
MAX = Config().max_article_bytes


def outcome(path: Path) -> tuple[list[RawArticle], list[Problem], int]:
    """What the reader and the assembler make of one file: articles, problems, pages."""
    raws: list[RawArticle] = []
    problems: list[Problem] = []
    pages = 0
    for item in readers.read_file(path, Origin(path.name), MAX):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        raws.append(item)
        article, found = assemble(item, 90)
        problems += found
        pages += article is not None
        if article is not None:
            from builder.extract.facts import read_facts
            from builder.extract.published import date_evidence

            problems += [Problem(item.origin, n, "warning") for n in
                         read_facts(date_evidence(article), article.text).notes]
    return raws, problems, pages


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.data)
    if case.outcome == "ignored":
        found = list(readers.read_folder(tmp_path, (), (), MAX))
        assert [(p.kind, case.reason in p.reason) for p in found] == [("ignored", True)]
        return
    _, problems, pages = outcome(path)
    assert pages == case.pages
    if case.outcome == "page" and not case.reason:
        assert [p for p in problems if p.kind != "warning"] == []
        return
    matching = [p for p in problems if case.reason in p.reason]
    assert matching, problems
    kind = "warning" if case.outcome == "page" else case.outcome
    assert matching[0].kind == kind
    assert matching[0].origin.path == case.name
    if case.line is not None:
        assert matching[0].origin.line == case.line or f"line {case.line}" in matching[0].reason


def test_unknown_fields_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "unknown.md"
    path.write_bytes(next(c for c in CASES if c.name == "unknown-fields.md").data)
    [raw] = [i for i in readers.read_file(path, Origin("unknown.md"), MAX) if isinstance(i, RawArticle)]
    article, _ = assemble(raw, 90)
    assert article is not None and article.extra == {"photographer": "فلان", "rating": 5}


def test_wrong_type_title_derives_one(tmp_path: Path) -> None:
    path = tmp_path / "t.md"
    path.write_bytes(next(c for c in CASES if c.name == "wrong-types.md").data)
    [raw] = [i for i in readers.read_file(path, Origin("t.md"), MAX) if isinstance(i, RawArticle)]
    article, _ = assemble(raw, 90)
    assert article is not None and article.title_derived and article.title.startswith("أعلنت")


def test_too_large_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        for _ in range(50):
            fh.write((AR + "\n").encode() * (1_000_000 // len((AR + "\n").encode()) + 1))
    [problem] = list(readers.read_file(path, Origin("huge.txt"), MAX))
    assert isinstance(problem, Problem) and problem.kind == "rejected"
    assert "larger than the limit" in problem.reason


def test_one_line_2mb_article_is_published(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text((AR + " ") * (2_000_000 // len(AR.encode())), encoding="utf-8")
    _, problems, pages = outcome(path)
    assert pages == 1 and [p for p in problems if p.kind == "rejected"] == []


def test_jsonl_of_10000_lines(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"title": f"خبر {i}", "content": f"{AR} رقم {i}."},
                                       ensure_ascii=False) + "\n" for i in range(10_000)),
                    encoding="utf-8")
    items = list(readers.read_file(path, Origin("many.jsonl"), MAX))
    assert len(items) == 10_000 and all(isinstance(i, RawArticle) for i in items)
    ids = {assemble(i, 90)[0].id for i in items if isinstance(i, RawArticle)}  # type: ignore[union-attr]
    assert len(ids) == 10_000


def test_duplicates_and_collisions_in_a_build(project: Path) -> None:
    content = project / "content"
    (content / "one.txt").write_text(f"title: خبر\n\n{AR}\n", encoding="utf-8")
    (content / "copy-of-one.txt").write_text(f"title: اسم آخر\n\n  {AR}  \n", encoding="utf-8")
    (content / "same-title.txt").write_text(f"title: خبر\nid: one\n\n{AR} ونص مختلف.\n",
                                            encoding="utf-8")
    report = build(project, progress=False, out=io.StringIO())
    assert len(report.pages) == 2  # the copy is published once; the same title twice is fine
    [dup] = [p for p in report.problems if p.kind == "duplicate"]
    assert dup.origin.path == "one.txt" and "copy-of-one.txt" in dup.reason


def test_dates_at_the_calendars_ends_build(project: Path) -> None:
    """Publication dates of year 9999 and year 1 with relative expressions and Hijri dates in
    the text: the dates that would fall outside the calendar are no dates, and MkDocs is given a
    source date its gzip header can hold (both had failed the whole build)."""
    content = project / "content"
    (content / "far.md").write_text("---\ntitle: بعيد\ndate: 9999-12-31\n---\n\nقال المتحدث غدا إن "
                                    "الاجتماع في 15 رمضان والأسبوع المقبل والشهر المقبل.\n",
                                    encoding="utf-8")
    (content / "old.md").write_text("---\ntitle: قديم\ndate: 0001-01-01\n---\n\nقال أمس إن الوفد وصل "
                                    "قبل يومين ومنذ خمسة أشهر.\n", encoding="utf-8")
    # counted back more than a thousand years (a three-digit year had failed the schema) or
    # past year 1
    (content / "ancient.md").write_text("---\ntitle: عتيق\ndate: 2019-03-23\n---\n\nبني المسجد "
                                        "منذ 1400 عام، وقبل 5000 سنة كانت هنا قرية.\n",
                                        encoding="utf-8")
    report = build(project, progress=False, out=io.StringIO())
    assert len(report.pages) == 3
    assert (project / "site" / "sitemap.xml.gz").exists()
    texts = [p.read_text(encoding="utf-8") for p in (project / "docs" / "articles").rglob("*.md")]
    assert any('value: "0619"' in t for t in texts)


@pytest.mark.parametrize("rel", ["../x.md", "/etc/passwd", "a/../../b", "a\\b", "nul\x00.md",
                                 "c:/x", "x/" + "ا" * 300, ""])
def test_output_paths_stay_inside(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError):
        OutputTree(tmp_path / "docs").write(rel, "x", "test")
    assert not (tmp_path / "x.md").exists()


def test_two_outputs_to_one_path_name_both(tmp_path: Path) -> None:
    tree = OutputTree(tmp_path)
    tree.write("places/a.md", "1", "entity 'A' (a)")
    with pytest.raises(OutputError) as err:
        tree.write("places/a.md", "2", "entity 'B' (a)")
    assert "entity 'A' (a)" in str(err.value) and "entity 'B' (a)" in str(err.value)


@pytest.mark.parametrize("entry", ["{id: index, name: س, type: LOC}", "{id: con, name: س, type: LOC}",
                                   "{id: ../../etc, name: س, type: LOC}", "{id: 'A B', name: س, type: LOC}",
                                   "{id: index-2, name: س, type: LOC}"])
def test_registry_ids_cannot_take_other_paths(entry: str) -> None:
    with pytest.raises(RegistryError):
        Registry.load_text(f"entities: [{entry}]")


def test_yaml_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    with pytest.raises(YamlError):
        load(bomb)


def test_yaml_python_tags_are_refused() -> None:
    with pytest.raises(YamlError):
        load("x: !!python/object/apply:os.system ['echo hacked']")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(sorted(readers.READERS)))
def test_readers_never_raise(data: bytes, suffix: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        for item in readers.read_file(path, Origin(path.name), MAX):
            assert isinstance(item, RawArticle | Problem)
            if isinstance(item, RawArticle):
                assemble(item, 90)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_text_reader_never_raises_on_text(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        for item in readers.read_file(path, Origin(path.name), MAX):
            if isinstance(item, RawArticle):
                assemble(item, 90)
