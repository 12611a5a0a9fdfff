"""Arshif for anyone's archive: a wheel installed with the stock pip in a fresh venv, an archive
made by ``arshif new`` outside the repository, built, published world-readable, packed as a
BagIt bag whose site works opened from disk, and queried as SQLite."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
import yaml

from builder.arabic.normalize import words
from builder.cli import main
from builder.config import Config
from builder.pack import file_links, script_twin
from builder.pages.database import SCHEMA
from builder.scaffold import files, settings_text
from tests.conftest import ROOT, make_project

SAMPLE = ROOT / "content" / "saudinewsnet"


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (the stock pip, not upgraded) with Arshif's wheel built from this checkout."""
    base = tmp_path_factory.mktemp("install")
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    env = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    wheel = next(wheels.glob("arshif-*.whl"))
    subprocess.run([str(env / "bin" / "pip"), "install", "-q", str(wheel)], check=True,
                   capture_output=True)
    return env


def arshif(venv: Path, *args: str, cwd: Path, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """The installed ``arshif``, run outside the repository."""
    return subprocess.run([str(venv / "bin" / "arshif"), *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": ""},
                          preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


@pytest.fixture(scope="module")
def archive(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``arshif new``, real articles added (JSON lines, text, the seed), ``arshif build`` with a
    umask that keeps files private."""
    root = tmp_path_factory.mktemp("elsewhere") / "my-archive"
    made = arshif(venv, "new", str(root), cwd=root.parent)
    assert made.returncode == 0, made.stderr
    shutil.copy(SAMPLE / "articles.jsonl", root / "content" / "articles.jsonl")
    shutil.copytree(SAMPLE / "txt", root / "content" / "txt")
    shutil.copytree(ROOT / "content" / "seed", root / "content" / "seed")
    built = arshif(venv, "build", cwd=root, umask=0o077)
    assert built.returncode == 0, built.stderr
    return root


def report(root: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((root / "site" / "build-report.json").read_text(encoding="utf-8"))
    return data


def test_an_installed_wheel_builds_an_archive_made_by_arshif_new(venv: Path, archive: Path) -> None:
    counts = report(archive)["counts"]
    assert isinstance(counts, dict)
    jsonl = len((SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines())
    assert counts["pages"] >= jsonl + len(list((SAMPLE / "txt").glob("*.txt")))
    assert counts["rejected"] == 0
    # the templates, theme and hooks came from the installed package, not from this checkout
    settings = json.loads((archive / ".arshif" / "mkdocs.yml").read_text(encoding="utf-8"))
    for path in [settings["INHERIT"], settings["theme"]["custom_dir"], *settings["hooks"]]:
        assert Path(path).is_relative_to(venv) and Path(path).exists()
    home = (archive / "site" / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in home and "articles/" in home


def test_every_published_file_is_world_readable(venv: Path, archive: Path) -> None:
    """After the first build and after an edit (over the previous site), both with a umask
    that keeps files private."""
    def check() -> None:
        site = (archive / "site").resolve()
        for folder in (archive / ".arshif", archive / ".arshif" / "sites"):  # served through the link
            assert stat.S_IMODE(os.stat(folder).st_mode) == 0o755, folder
        for folder, _dirs, names in os.walk(site):
            assert stat.S_IMODE(os.stat(folder).st_mode) == 0o755, folder
            for name in names:
                assert stat.S_IMODE(os.stat(Path(folder, name)).st_mode) == 0o644, Path(folder, name)

    check()
    edited = sorted((archive / "content" / "txt").glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nأضيفت هذه الجملة بعد النشر.\n",
                      encoding="utf-8")
    built = arshif(venv, "build", cwd=archive, umask=0o077)
    assert built.returncode == 0, built.stderr
    assert "(incremental publish)" in built.stdout
    check()


def test_the_database_has_one_row_per_article_and_finds_by_folded_words(archive: Path) -> None:
    db = sqlite3.connect(archive / "site" / "data" / "archive.sqlite")
    counts = report(archive)["counts"]
    assert isinstance(counts, dict)
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == counts["pages"]
    for title, rowid in db.execute("SELECT title, rowid FROM articles"):
        word = max(words(title), key=len)  # folded: أ/إ/آ → ا, ة → ه
        found = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?",
                           [f'title:"{word}"']).fetchall()
        assert (rowid,) in found, title
    mentions = "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
    assert db.execute(mentions).fetchone()[0] > 0
    sha = db.execute("SELECT original_sha256 FROM articles WHERE original LIKE 'articles.jsonl%'")
    assert len(sha.fetchone()[0]) == 64


def test_every_table_of_the_database_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The archive as a database"):]
    for line in SCHEMA.splitlines():
        if line.startswith(("CREATE TABLE", "CREATE VIRTUAL TABLE")):
            name = line.split()[3 if "VIRTUAL" in line else 2]
            assert f"`{name}`" in section, name


def test_a_folder_that_is_no_archive_gets_one_line_not_a_traceback(venv: Path, tmp_path: Path) -> None:
    result = arshif(venv, "build", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "arshif new" in result.stderr and "content/" in result.stderr


@pytest.mark.parametrize(("settings", "named"), [
    ("colour: red\n", "colour"), ("page_size: many\n", "page_size"), ("name: [unclosed\n", "line"),
    ("digits: roman\n", "digits"), ("sources: {okaz: {country: SA}}\n", "okaz"),
])
def test_a_bad_setting_is_one_line_naming_the_file_and_the_setting(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: str, named: str) -> None:
    root = make_project(tmp_path / "a")
    (root / "content" / "archive.yml").write_text(settings, encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "archive.yml" in err and named in err


def test_a_port_in_use_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "a")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--root", str(root), "serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("arshif: ") and len(err.splitlines()) == 1
    assert f"port {port}" in err and "in use" in err


def test_new_comments_every_setting_at_its_default(tmp_path: Path) -> None:
    """Uncommenting every setting of a new archive.yml gives the defaults, each one named."""
    text = settings_text()
    for name in Config.__dataclass_fields__:
        assert f"\n# {name}: " in text, name
    uncommented = "\n".join(line[2:] if line.startswith("# ") and ": " in line and
                            line[2:].split(":")[0] in Config.__dataclass_fields__ else line
                            for line in text.splitlines())
    assert yaml.safe_load(uncommented).keys() == Config.__dataclass_fields__.keys()
    path = tmp_path / "archive.yml"
    path.write_text(uncommented, encoding="utf-8")
    assert Config.load(path) == Config()


def test_new_writes_ci_files_and_refuses_an_existing_archive(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    for rel in (".github/workflows/publish.yml", ".gitlab-ci.yml"):
        data = yaml.safe_load(files()[rel])
        assert "arshif build" in json.dumps(data)
    assert main(["new", str(tmp_path / "a")]) == 0
    (tmp_path / "a" / "content" / "archive.yml").write_text("name: mine\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "a")]) == 2
    assert (tmp_path / "a" / "content" / "archive.yml").read_text(encoding="utf-8") == "name: mine\n"
    assert "already holds" in capsys.readouterr().err


def test_an_archive_template_overrides_the_package_s(tmp_path: Path) -> None:
    from builder.build import build

    root = make_project(tmp_path / "a")
    shutil.copytree(ROOT / "content" / "seed", root / "content" / "seed")
    own = root / "templates" / "pages" / "home.html.j2"
    own.parent.mkdir(parents=True)
    own.write_text("<p class=\"own-home\">أرشيفنا</p>\n", encoding="utf-8")
    style = root / "templates" / "assets" / "css" / "arshif.css"
    style.parent.mkdir(parents=True)
    style.write_text("body { color: black }\n", encoding="utf-8")
    build(root, progress=False, out=open(os.devnull, "w"))  # noqa: SIM115
    assert 'class="own-home"' in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert (root / "site" / "assets" / "css" / "arshif.css").read_text() == "body { color: black }\n"
    # the other templates are the package's
    assert (root / "site" / "timeline" / "index.html").exists()


@pytest.mark.parametrize(("before", "after"), [
    ('<a href="timeline/">', '<a href="timeline/index.html">'),
    ('<a href=".">', '<a href="./index.html">'),
    ('<a href="../..">', '<a href="../../index.html">'),
    ('<a href="../places/syria/#map">', '<a href="../places/syria/index.html#map">'),
    ('<form action="../search/" method="get">', '<form action="../search/index.html" method="get">'),
    ('<a href="?page=2">', '<a href="?page=2">'),
    ('<a href="#top">', '<a href="#top">'),
    ('<a href="https://example.org/a/">', '<a href="https://example.org/a/">'),
    ('<a href="//example.org/">', '<a href="//example.org/">'),
    ('<link href="assets/css/arshif.css">', '<link href="assets/css/arshif.css">'),
    ('<p>href=&#34;timeline/&#34; as text</p>', '<p>href=&#34;timeline/&#34; as text</p>'),
])
def test_links_to_folders_become_links_to_their_index_page(before: str, after: str) -> None:
    assert file_links(before) == after


def test_a_data_file_s_script_twin_is_data() -> None:
    """Text with quotes, a closing script tag and line separators stays one JS string."""
    text = 'سطر "أول"\n</script><script>alert(1)</script>\u2028'
    twin = script_twin(text.encode(), "t/x.txt").decode()
    prefix = "window.arshifLoaded(document.currentScript.src.slice(0, -3), "
    assert twin.startswith(prefix) and twin.endswith(");\n")
    assert json.loads(twin[len(prefix):-3]) == text


@pytest.fixture(scope="module")
def bag(venv: Path, archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("bags") / "my-archive-bag"
    packed = arshif(venv, "pack", str(dest), cwd=archive)
    assert packed.returncode == 0, packed.stderr
    return dest


def test_the_pack_is_a_valid_bag_of_the_originals_and_the_site(venv: Path, archive: Path, bag: Path,
                                                               tmp_path: Path) -> None:
    checked = subprocess.run([str(venv / "bin" / "bagit.py"), "--validate", str(bag)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    for path in (archive / "content").rglob("*"):
        if path.is_file() and path.name != "entities.proposed.yml":  # the build's output
            packed = bag / "data" / "originals" / path.relative_to(archive / "content")
            assert packed.read_bytes() == path.read_bytes(), path
    info = bagit.Bag(str(bag)).info
    counts = report(archive)["counts"]
    assert isinstance(counts, dict)
    assert info["Arshif-Articles"] == str(counts["pages"]) and info["Source-Organization"]
    assert (bag / "data" / "site" / "data" / "archive.sqlite").exists()
    # one byte changed: the bag no longer validates
    copy = tmp_path / "bag"
    shutil.copytree(bag, copy)
    victim = copy / "data" / "originals" / "articles.jsonl"
    data = bytearray(victim.read_bytes())
    data[100] ^= 1
    victim.write_bytes(bytes(data))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(copy)).validate()


def test_the_packed_site_works_opened_from_disk(bag: Path, browser: object) -> None:
    """Home page, timeline, search by a word of a title, the article: all from file://, and no
    request leaves the folder."""
    site = (bag / "data" / "site").resolve()
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(site.as_uri() + "/index.html")
        title = page.locator(".arshif-entry-title").first.inner_text()  # the latest article
        page.locator(".md-content a[href*='timeline']").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/timeline/index.html")
        page.locator(".md-content a[href$='/index.html']").first.click()  # a year
        page.wait_for_load_state()
        assert page.locator(".arshif-entry-title").count() > 0
        word = max(title.split(), key=len)
        page.fill(".arshif-header-search input", word)
        page.press(".arshif-header-search input", "Enter")
        page.wait_for_selector("#arshif-search[data-total]", timeout=20000)
        found = page.locator(".arshif-result .arshif-entry-title")
        assert title in found.all_inner_texts()
        found.filter(has_text=title).first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/index.html") and "/articles/" in page.url
        assert page.locator("h1").first.inner_text().strip() == title.strip()
        assert len(page.locator(".arshif-sha256").inner_text().strip()) == 64
    finally:
        page.close()
    assert requests and all(url.startswith("file://") for url in requests), \
        [url for url in requests if not url.startswith("file://")]


def test_links_work_under_a_sub_path(tmp_path: Path) -> None:
    """With ``site_url`` under a path, no page links to the host's root (``/…``): the site
    works wherever it is put (404.html, which MkDocs makes absolute on purpose, aside)."""
    import re

    from builder.build import build

    root = make_project(tmp_path / "a")
    shutil.copytree(ROOT / "content" / "seed", root / "content" / "seed")
    (root / "content" / "archive.yml").write_text("site_url: https://example.org/archive/\n")
    build(root, progress=False, out=open(os.devnull, "w"))  # noqa: SIM115
    pages = [p for p in (root / "site").resolve().rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 10
    for page in pages:
        for link in re.findall(r'(?:href|src|action)="([^"]*)"', page.read_text(encoding="utf-8")):
            assert not link.startswith("/") or link.startswith("//"), (page, link)
            assert not link.startswith("//"), (page, link)
