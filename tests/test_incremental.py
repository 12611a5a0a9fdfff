"""Incremental builds: a page is rendered again only when what it is made from changed, and the
result is the same as rendering everything."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from builder import parallel
from builder.build import build
from builder.pages import site as site_mod
from tests.conftest import ROOT, make_project
from tests.test_build import digest


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The docs/ path of every page rendered."""
    rendered: list[str] = []
    real = site_mod.render

    def spy(env: object, p: site_mod.Page) -> str:
        rendered.append(p.doc)
        return real(env, p)  # type: ignore[arg-type]
    monkeypatch.setattr(site_mod, "render", spy)
    return rendered


def run(root: Path) -> None:
    build(root, progress=False, out=io.StringIO())


def test_an_edit_renders_only_the_pages_it_touches(tmp_path: Path, counted: list[str]) -> None:
    from builder.pages import articles, entities, stories

    root = make_project(tmp_path / "a", ROOT / "content")
    run(root)
    everything = len(counted)
    assert everything > 150
    counted.clear()
    made: list[str] = []  # the costly values of a page are made only for a page rendered
    with pytest.MonkeyPatch.context() as mp:
        for module, name in ((articles, "add_links"), (entities, "chart"), (stories, "changes")):
            mp.setattr(module, name, lambda *a, name=name, **k: made.append(name))
        (root / "content" / "archive.yml").touch()  # inputs look changed, nothing is
        run(root)
    assert counted == [] and made == []
    seed = root / "content" / "seed" / "baghouz.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nوأضيفت هذه الجملة بعد النشر.\n",
                    encoding="utf-8")
    run(root)
    assert any(doc.startswith("articles/") for doc in counted)
    assert sum(doc.startswith("articles/") for doc in counted) <= 12  # it, and related lists
    assert len(counted) < everything / 3
    clean = make_project(tmp_path / "b", root / "content")
    run(clean)
    assert digest(root / "docs") == digest(clean / "docs")
    assert digest(root / "site") == digest(clean / "site")
    assert folders(root / "site") == folders(clean / "site")  # no empty folder of a gone page


def test_an_edited_line_of_a_json_lines_file_renders_its_article_alone(
        tmp_path: Path, counted: list[str]) -> None:
    """A JSON-lines article's page shows the SHA-256 of its own line, so editing one line of a
    large file does not change the pages of the file's other articles."""
    import hashlib
    import json

    from builder.yamlio import load

    root = make_project(tmp_path / "a")
    texts = ["ارتفعت أسعار الذهب في الأسواق مع تراجع الدولار وتزايد الطلب على المعادن.",
             "افتتح معرض للكتاب يضم آلاف العناوين الجديدة ويستمر عشرة أيام.",
             "هطلت أمطار غزيرة على المنطقة وحذرت الأرصاد من السيول في الأودية.",
             "فاز الفريق في المباراة النهائية بهدفين مقابل هدف وتوج باللقب.",
             "أعلنت الجامعة بدء التسجيل للفصل الدراسي المقبل عبر موقعها."]
    rows = [{"title": f"خبر رقم {i}", "date": f"2015-08-{i + 1:02d}", "content": text}
            for i, text in enumerate(texts)]
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    news = root / "content" / "news.jsonl"
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(root)
    for page in (root / "docs" / "articles" / "2015").glob("*.md"):
        front = load(page.read_text(encoding="utf-8").split("---")[1])
        line = int(front["original"].rsplit(":", 1)[1])
        assert front["original_sha256"] == hashlib.sha256(lines[line - 1].encode()).hexdigest()
    counted.clear()
    rows[2]["content"] += " وأضيفت جملة."
    lines[2] = json.dumps(rows[2], ensure_ascii=False)
    news.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(root)
    assert [doc for doc in counted if doc.startswith("articles/")] != []
    assert sum(doc.startswith("articles/") for doc in counted) == 1


def folders(site: Path) -> set[str]:
    real = site.resolve()
    return {p.relative_to(real).as_posix() for p in real.rglob("*") if p.is_dir()}


def test_a_page_changed_on_disk_is_rendered_again(tmp_path: Path, counted: list[str]) -> None:
    root = make_project(tmp_path / "a", ROOT / "content")
    run(root)
    home = root / "docs" / "index.md"
    home.write_text("تعديل يدوي\n", encoding="utf-8")
    (root / "content" / "archive.yml").touch()
    counted.clear()
    run(root)
    assert counted == ["index.md"]
    assert "تعديل يدوي" not in home.read_text(encoding="utf-8")


def test_a_template_change_renders_every_page_of_it(tmp_path: Path, counted: list[str]) -> None:
    root = make_project(tmp_path / "a", ROOT / "content")
    run(root)
    template = root / "templates" / "pages" / "year.html.j2"  # the archive's own, over the package's
    template.parent.mkdir(parents=True)
    template.write_text((ROOT / "templates" / "pages" / "year.html.j2").read_text(encoding="utf-8")
                        + "\n", encoding="utf-8")
    counted.clear()
    run(root)
    assert {d.split("/")[0] for d in counted} >= {"articles", "timeline", "places", "actors"}


def test_failed_incremental_build_leaves_the_previous_site_whole(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new build shares unchanged pages with the previous one by hard links: MkDocs must
    never write through them, even when it fails after writing."""
    from builder.publisher import PublishError
    from builder.publisher import mkdocs as publisher
    from tests.test_build import fill

    fill(project)
    run(project)
    before = digest(project / "site")
    header = project / "content" / "header.txt"
    header.write_text(header.read_text(encoding="utf-8") + "\nسطر جديد.\n", encoding="utf-8")
    real = publisher.run

    def fails_after_writing(*args: object, **kwargs: object) -> None:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise PublishError("failed after writing")
    monkeypatch.setattr(publisher, "run", fails_after_writing)
    with pytest.raises(PublishError):
        run(project)
    assert digest(project / "site") == before
    monkeypatch.setattr(publisher, "run", real)
    run(project)
    assert digest(project / "site") != before


def test_only_changed_files_are_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from builder import build as build_mod

    root = make_project(tmp_path / "a", ROOT / "content")
    run(root)
    read: list[str] = []
    real = build_mod.readers.read_file

    def spy(path: Path, origin: object, max_bytes: int) -> object:
        read.append(path.name)
        return real(path, origin, max_bytes)  # type: ignore[arg-type]
    monkeypatch.setattr(build_mod.readers, "read_file", spy)
    (root / "content" / "archive.yml").touch()
    run(root)
    assert read == []
    sidecar = root / "content" / "seed" / "baghouz.yml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8") + "author: محرر\n", encoding="utf-8")
    run(root)
    assert read == ["baghouz.txt"]
    front = (root / "docs" / "articles" / "2019").glob("*.md")
    assert any("محرر" in p.read_text(encoding="utf-8") for p in front)


def test_boilerplate_learned_anew_cleans_unchanged_files_again(tmp_path: Path) -> None:
    """An unchanged file's articles come from the read cache cleaned as last time, until new
    articles make a line of their source boilerplate: then it is read and cleaned again, as a
    build from cold cleans it."""
    import json

    from builder.build import read_articles
    from builder.config import Config, Layout
    from builder.report import Report
    from builder.state import Store

    footer = "تابعونا على حسابنا في سناب شات"
    def lines(first: int) -> str:
        return "".join(json.dumps({
            "title": f"خبر رقم {i}", "source": "صحيفة المدينة", "date": "2015-08-10",
            "content": f"افتتح الأمير المعرض الدولي للكتاب في دورته رقم {i}.\n{footer}"},
            ensure_ascii=False) + "\n" for i in range(first, first + 3))

    def texts(root: Path) -> dict[str, str]:
        articles, _ = read_articles(Layout(root), Config(), Store(root / ".arshif" / "state"),
                                    Report(), False)
        return {a.title: a.text for a in articles}

    root = tmp_path / "a"
    (root / "content").mkdir(parents=True)
    (root / "content" / "one.jsonl").write_text(lines(1), encoding="utf-8")
    assert all(footer in text for text in texts(root).values())  # 3 articles: not yet learned
    (root / "content" / "two.jsonl").write_text(lines(4), encoding="utf-8")
    warm = texts(root)
    assert len(warm) == 6 and not any(footer in text for text in warm.values())
    shutil.rmtree(root / ".arshif")
    assert texts(root) == warm


def test_clean_build_over_processes_equals_one_process(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages rendered in worker processes and MkDocs run in shards give one process's bytes."""
    from builder.publisher import mkdocs as publisher

    one = make_project(tmp_path / "one", ROOT / "content")
    run(one)
    monkeypatch.setattr(site_mod, "RENDER_PARALLEL_FROM", 1)
    monkeypatch.setattr(publisher, "SHARD_FROM", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 3)  # the os module: all callers
    many = make_project(tmp_path / "many", ROOT / "content")
    run(many)
    assert digest(one / "docs") == digest(many / "docs")
    assert digest(one / "site") == digest(many / "site")


def test_read_cache_gives_back_what_was_read(tmp_path: Path) -> None:
    """Every kind of sample article (plain text, Markdown, HTML, JSON) comes back from the read
    cache equal to a fresh read, the plain ones stored with their text once."""
    from builder import readers
    from builder.build import _read_file
    from builder.config import Config
    from builder.read_cache import ReadCache
    from builder.state import Store

    cfg = Config()
    content = ROOT / "content"
    found = [e for e in readers.article_files(content, cfg.ignore, set()) if isinstance(e, tuple)]
    assert len(found) >= 8
    kinds = set()
    for path, origin in found:
        fresh = _read_file(path, origin, cfg)
        cache = ReadCache(Store(tmp_path), (cfg.max_article_bytes, cfg.title_length))
        cache.put(path, origin, fresh)
        again = ReadCache(Store(tmp_path), (cfg.max_article_bytes, cfg.title_length)).get(path, origin)
        assert again == fresh, path
        kinds |= {getattr(a, "markup", None) for a in fresh.items}
    assert {"text", "markdown"} <= kinds, kinds


def test_a_recycled_build_folder_is_made_the_current_site(tmp_path: Path) -> None:
    """The next build starts from the build before the current one, brought up to date: pages
    relinked, stale files, folders and links replaced, what the current site lacks removed."""
    from builder.publisher.fill import mirror

    current, spare = tmp_path / "current", tmp_path / "spare"
    for rel, text in [("a/index.html", "A"), ("a/b/index.html", "B"), ("c.css", "C"),
                      ("sitemap.xml", "S")]:
        (current / rel).parent.mkdir(parents=True, exist_ok=True)
        (current / rel).write_text(text)
    (spare / "a").mkdir(parents=True)
    (spare / "a" / "index.html").write_text("old A")
    (spare / "a" / "b").write_text("a file where the site has a folder")
    (spare / "gone" / "x").mkdir(parents=True)
    (spare / "c.css").mkdir()  # a folder where the site has a file
    os.link(current / "sitemap.xml", spare / "sitemap.xml")  # must become a copy of its own
    mirror(str(current), str(spare), {"a/index.html", "a/b/index.html"})
    assert digest(spare) == digest(current)
    assert folders(spare) == folders(current)
    assert (spare / "a" / "index.html").stat().st_ino == (current / "a" / "index.html").stat().st_ino
    for rel in ("c.css", "sitemap.xml"):  # not pages: copies, which MkDocs may rewrite in place
        assert (spare / rel).stat().st_ino != (current / rel).stat().st_ino


def test_the_database_folds_again_only_the_texts_that_changed(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The full-text rows of articles whose title and text are unchanged are taken from the
    last build's database; the file is the one a build without it makes, byte for byte."""
    from dataclasses import replace

    from builder.config import Config
    from builder.model import Article, Origin
    from builder.pages import database

    texts = ["قال وزير الخارجية إن المحادثات في جنيف تستأنف الأسبوع المقبل.",
             "هطلت أمطار غزيرة على مدينة جدة وحذرت الأرصاد من السيول.",
             "افتتح معرض الرياض الدولي للكتاب أبوابه للزوار."]
    articles = [Article(id=f"{i:012x}", title=f"خبر رقم {i}", date=f"2015-08-0{i + 1}", source="",
                        url="", author="", summary="", words=len(t.split()), origin=Origin(f"{i}.txt"),
                        body=t, markup="text", text=t) for i, t in enumerate(texts)]
    previous = tmp_path / "archive.sqlite"
    previous.write_bytes(database.database(articles, {}, Config()))
    edited = [*articles[:2], replace(articles[2], text=articles[2].text + " وأضيفت جملة.")]
    folded: list[str] = []
    real = database._fts_row

    def spy(n: int, article: Article) -> tuple[int, str, str, str]:
        folded.append(article.id)
        return real(n, article)
    monkeypatch.setattr(database, "_fts_row", spy)
    again = database.database(edited, {}, Config(), previous)
    assert folded == [articles[2].id]
    folded.clear()
    assert again == database.database(edited, {}, Config())
    assert len(folded) == 3
    previous.write_bytes(b"not a database")
    assert database.database(edited, {}, Config(), previous) == again


def test_a_renamed_entity_rebuilds_as_a_clean_build_does(tmp_path: Path) -> None:
    """A registry entry renamed (its old name kept as an alias): every page that shows the
    name or links its page (lists of articles included, whose values are made late) is made
    again, as a clean build makes it."""
    root = make_project(tmp_path / "a", ROOT / "content")
    run(root)
    registry = root / "content" / "entities.yml"
    before = "name: دير الزور, type: LOC, aliases: [محافظة دير الزور, ديرالزور]"
    after = "name: ديرالزور, type: LOC, aliases: [دير الزور, محافظة دير الزور]"
    assert before in registry.read_text(encoding="utf-8")
    registry.write_text(registry.read_text(encoding="utf-8").replace(before, after), encoding="utf-8")
    run(root)
    clean = make_project(tmp_path / "b", root / "content")
    run(clean)
    assert "ديرالزور" in (root / "docs" / "places" / "index.md").read_text(encoding="utf-8")
    assert digest(root / "docs") == digest(clean / "docs")
    assert digest(root / "site") == digest(clean / "site")


def test_a_list_entry_is_made_from_what_its_key_holds() -> None:
    """:func:`entry` reads no field of an article but ``ENTRY_FIELDS`` (nor of a copy but
    ``COPY_FIELDS``), and :func:`shown`, the key entity pages are kept by, changes with each
    of them and with the names and pages of the entities the entry links."""
    from dataclasses import replace
    from types import SimpleNamespace

    from builder.config import Config
    from builder.model import Article, Entity, Origin
    from builder.pages.indexes import COPY_FIELDS, ENTRY_FIELDS, entry, shown

    article = Article(id="a" * 12, title="خبر", date="2015-08-01", source="الوطن", url="",
                      author="", summary="ملخص", words=3, origin=Origin("a.txt"), body="نص",
                      markup="text", text="نص", places=["jeddah"], actors=["un"])
    copy = replace(article, id="b" * 12, source="الرياض")
    entities = {"jeddah": Entity("jeddah", "جدة", "LOC"), "un": Entity("un", "الأمم المتحدة", "ORG")}
    bare = SimpleNamespace(**{f: getattr(article, f) for f in ENTRY_FIELDS})
    bare_copy = SimpleNamespace(**{f: getattr(copy, f) for f in COPY_FIELDS})
    made = entry(bare, "places/x.md", entities, Config(), [bare_copy])  # type: ignore[arg-type]
    assert made == entry(article, "places/x.md", entities, Config(), [copy])
    key = shown(article, entities, [copy])
    assert shown(replace(article, summary="آخر"), entities, [copy]) != key
    assert shown(article, entities, [replace(copy, title="عنوان آخر")]) != key
    assert shown(article, entities | {"un": Entity("un", "المنظمة الدولية", "ORG")}, [copy]) != key
    assert shown(article, entities | {"un": Entity("un", "الأمم المتحدة", "ORG", path_name="united-nations")},
                 [copy]) != key
    assert shown(replace(article, body="نص آخر", text="نص آخر"), entities, [copy]) == key
