"""The publisher boundary: MkDocs known in one package, and another publisher beside it
building the same docs/ (Zensical, real, from the test dependencies)."""

from __future__ import annotations

import ast
import io
from pathlib import Path

from builder.build import build
from tests.conftest import ROOT, make_project

PACKAGE = ROOT / "builder"


def test_nothing_outside_the_publisher_package_knows_mkdocs() -> None:
    """No module outside builder/publisher imports MkDocs or runs it (its hooks, which MkDocs
    loads, live with the templates; the settings name it as the default publisher)."""
    for path in PACKAGE.rglob("*.py"):
        if "publisher" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_bytes())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) \
                    else [a.name for a in node.names]
                assert not any(n.split(".")[0] in ("mkdocs", "material") for n in names), path
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in ("--dirty", "--clean"), (path, node.value)


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_zensical_publishes_the_same_pages(sample_site: Path, tmp_path: Path) -> None:
    """``publisher: zensical`` builds the sample's docs/ into a site with every page MkDocs
    makes, the archive's name escaped as with MkDocs; it has no incremental build, so an edit
    is a full one, and unchanged input publishes nothing."""
    root = make_project(tmp_path / "archive", ROOT / "content")
    settings = root / "content" / "archive.yml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + '\npublisher: zensical\nname: "أرشيف <script>x</script>"\n', encoding="utf-8")
    report = build(root, progress=False, out=io.StringIO())
    assert report.publish == "full" and not report.failures()
    site = root / "site"
    assert _pages(sample_site / "site") <= _pages(site)
    places = (site / "places" / "index.html").read_text(encoding="utf-8")
    assert "أرشيف &lt;script&gt;x&lt;/script&gt;" in places and "<script>x" not in places
    assert (site / "build-report.json").is_file()
    assert build(root, progress=False, out=io.StringIO()).publish == "unchanged"
    article = sorted((root / "content" / "saudinewsnet" / "txt").glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nسطر أخير.\n", encoding="utf-8")
    assert build(root, progress=False, out=io.StringIO()).publish == "full"
