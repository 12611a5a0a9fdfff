"""What each cache's entries depend on (builder/digest.py): the modules that make them and what
those import, by their syntax trees; not comments, the command-line module or the training
scripts, which live outside the package. A build whose code changed only so changes nothing."""

from __future__ import annotations

import ast
import io
import re
import tomllib
from pathlib import Path

import pytest

from builder import digest
from builder.build import build
from builder.config import Layout
from builder.publisher import site as publish
from builder.state import Store
from tests.conftest import ROOT
from tests.test_build import fill

PACKAGE = ROOT / "builder"


def names(paths: list[Path]) -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in paths}


def test_a_cache_depends_on_the_modules_that_make_its_entries() -> None:
    build = names(digest.modules("builder.build"))
    assert {"pages/site.py", "extract/facts.py", "stories.py", "publisher/site.py", "arabic/normalize.py",
            "pages/__init__.py"} <= build
    assert not {"cli.py", "serve.py", "scaffold.py", "pack.py"} & build
    assert names(digest.modules("builder.stories")) == {
        "__init__.py", "arabic/__init__.py", "arabic/normalize.py", "digest.py", "model.py", "stories.py",
        "state.py", "writer.py"}
    assert "pages/site.py" not in names(digest.modules(*digest.MADE_BY["facts"][0]))


def test_every_cache_version_asked_for_is_declared() -> None:
    asked = {m for path in PACKAGE.rglob("*.py")
             for m in re.findall(r'(?:digest\.version|\.section)\("(\w+)"', path.read_text(encoding="utf-8"))}
    assert asked and asked <= set(digest.MADE_BY)
    for roots, data in digest.MADE_BY.values():
        assert all(digest.modules(root) for root in roots)
        assert all((PACKAGE / d).exists() for d in data)


def test_a_comment_is_not_a_change(tmp_path: Path) -> None:
    before, after, changed = (tmp_path / n for n in ("a.py", "b.py", "c.py"))
    before.write_text('def f(x):\n    """Why."""\n    return x + 1\n')
    after.write_text('# a comment\ndef f(x):  # and another\n    """Why."""\n\n    return x + 1\n')
    changed.write_text('def f(x):\n    """Why."""\n    return x + 2\n')
    assert digest._meaning(before) == digest._meaning(after) != digest._meaning(changed)


def test_training_code_is_apart_from_the_package() -> None:
    assert not list(PACKAGE.rglob("train*.py")) and not list(PACKAGE.rglob("make_*.py"))
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom | ast.Import):
                modules = [node.module or ""] if isinstance(node, ast.ImportFrom) \
                    else [a.name for a in node.names]
                assert not any(m.split(".")[0] == "training" for m in modules), path
    shipped = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    assert shipped["include"] == ["builder*"]


def test_a_change_to_the_code_that_changes_nothing_is_a_nothing_changed_build(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New bytes in the builder's code (its sizes and times differ) with the same syntax trees:
    nothing changed, and the new bytes are remembered; other trees: build."""
    fill(project)
    build(project, progress=False, out=io.StringIO())
    layout = Layout(project.resolve())
    state = Store(layout.state / "state")
    now = publish.inputs_signature(layout)
    assert publish.unchanged_since_last_build(layout, publish.Published(layout, state), now)
    touched = publish.Inputs(now.files, "other sizes and times")
    assert publish.unchanged_since_last_build(layout, publish.Published(layout, state), touched)
    last = publish.Published(layout, state)
    assert last.inputs == touched  # told at a glance next time
    monkeypatch.setattr(digest, "version", lambda kind: "another tree")
    assert not publish.unchanged_since_last_build(layout, last, publish.Inputs(now.files, "yet others"))
    assert not publish.unchanged_since_last_build(layout, last, publish.Inputs("other content", touched.code))
