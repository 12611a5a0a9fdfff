"""Shared fixtures: a project folder to build in, a local web server, and Debian's Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from builder.ner.recognizer import Recognizer

ROOT = Path(__file__).resolve().parents[1]
#: ../shared's data (NER corpora, news): tests that read it need the checkout beside it
SHARED = ROOT.parent / "shared" / "data"
SEED = ROOT / "content" / "seed" / "baghouz.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the expected files of the golden tests from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_project(dest: Path, content: Path | None = None) -> Path:
    """An archive project with a content folder alone: its templates and publishing settings
    come from the package, as in a project ``arshif new`` makes."""
    dest.mkdir(parents=True, exist_ok=True)
    if content is not None:
        shutil.copytree(content, dest / "content")
    else:
        (dest / "content").mkdir()
    return dest


def built(factory: pytest.TempPathFactory, name: str, content: Path) -> Path:
    """A project of the articles in ``content``, built once with real MkDocs (a module's site)."""
    from builder.build import build

    root = make_project(factory.mktemp(name) / "archive", content)
    build(root, progress=False, out=open(os.devnull, "w"))  # noqa: SIM115
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project to put articles into."""
    return make_project(tmp_path / "archive")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample archive (content/) built once with real MkDocs."""
    return built(tmp_path_factory, "sample", ROOT / "content")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder on 127.0.0.1 (a free port); returns the base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


NODE_TOOLS = ROOT / "tests" / "js"


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """The npm packages the browser tests load into pages (axe-core, TimelineJS), installed from
    the lock file once: ``tests/js/node_modules``."""
    lock = NODE_TOOLS / "package-lock.json"
    stamp = NODE_TOOLS / "node_modules" / ".package-lock.json"
    if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=NODE_TOOLS,
                       check=True, stdout=subprocess.DEVNULL)
    return NODE_TOOLS / "node_modules"


@pytest.fixture(scope="session")
def recognizer() -> Recognizer:
    """The shipped recogniser, loaded once."""
    from builder.ner.recognizer import Recognizer

    return Recognizer()
