"""``arshif new DIR``: a new archive project, ready to take articles, build and publish.

It holds only what is the archive's own: ``content/`` (a README of the formats read, every
setting commented in ``archive.yml``, the starter registry), a ``.gitignore`` and the CI files
that build and publish it. Templates, styles and publishing settings come from the package
until the archive puts a file of the same name in its own ``templates/``.
"""

from __future__ import annotations

import textwrap
from dataclasses import MISSING, fields
from pathlib import Path

import yaml

from builder.config import Config, Layout
from builder.packaged import starter_registry


class ScaffoldError(RuntimeError):
    """The folder already holds an archive (or files ``arshif new`` would overwrite)."""


CONTENT_README = """\
# Articles of this archive

Put article files anywhere under this folder (sub-folders are fine), then run `arshif build`.
Every file becomes a page, or a line in the build report (`site/build-report.json`) that names
it and says why not.

- `.txt`: the body; optional `title: …`, `date: …`, `source: …`, `url: …`, `author: …` lines
  (or `العنوان:`, `التاريخ:`, `المصدر:`, `الرابط:`, `الكاتب:`) at the top, ended by a blank line
- `.md`: Markdown with YAML front matter (`title`, `date`, `source`…)
- `.jsonl` / `.ndjson`: one article per line: `title`, `content` (or `text`, `body`), `date`,
  `source`, `url`, `author`
- `.json`: one such object, or a list of them
- `.html` / `.htm`: a saved web page: its main text, title, date and site name

Encodings: UTF-8, UTF-16 or Windows-1256, detected per file. `NAME.yml` beside `NAME.txt` adds
or corrects fields. Files named `README*`, `LICENSE*` or `SOURCE*` are not articles: keep your
sources' licences beside their files.

- `archive.yml`: the archive's settings (name, address, month names, digits…), each explained.
- `entities.yml`: the people, organisations and places the archive indexes; edit it by hand or
  with `arshif review` (the build proposes new names in `entities.proposed.yml`).
"""

GITIGNORE = """\
# made by `arshif build`: never committed
/site
/docs/
/.arshif/
# made by the zensical publisher (publisher: zensical): its settings and its cache
/.arshif-zensical.yml
/.cache/
__pycache__/
"""

GITHUB_WORKFLOW = """\
# Builds the archive and publishes site/ to GitHub Pages on every push to main.
# In the repository's settings, Pages → Source: "GitHub Actions".
name: publish
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: true
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      # pin the version you built with; `pip install "arshif @ git+https://…"` works too
      - run: pip install arshif
      - run: arshif build
      # site is a link to the last finished build: copy what it points at
      - run: cp -rL site public
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

GITLAB_CI = """\
# Builds the archive and publishes site/ to GitLab Pages on every push to the default branch.
pages:
  image: python:3.12
  script:
    - pip install arshif
    - arshif build
    # site is a link to the last finished build: copy what it points at
    - cp -rL site public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""

TEMPLATES_README = """\
# Your own templates and styles

A file here replaces the package's file of the same name; everything else comes from the
package. The parts: `pages/` (the Jinja templates of the pages, e.g. `pages/article.html.j2`),
`assets/` (`assets/css/arshif.css`, fonts, scripts), `overrides/` (the theme's partials, e.g.
`overrides/partials/header.html`) and `hooks/`. A `mkdocs.yml` beside `content/` replaces the
package's publishing settings. Start from a copy of the package's file (`arshif new` prints
where the package is).
"""


def settings_text() -> str:
    """``archive.yml`` with every setting commented out at its default, under its documentation."""
    lines = ["# Settings of this archive. Every setting is optional: uncomment a line to change it.",
             "# An unknown setting is an error, named with this file when you build.", ""]
    defaults = Config()
    for f in fields(Config):
        if f.default is MISSING and f.default_factory is MISSING:
            continue
        lines += ["# " + row for row in textwrap.wrap(f.metadata["doc"], 96)]
        value = getattr(defaults, f.name)
        value = list(value) if isinstance(value, tuple) else value
        dumped = yaml.safe_dump({f.name: value}, allow_unicode=True, default_flow_style=True,
                                width=1000).strip().removeprefix("{").removesuffix("}")
        lines += [f"# {dumped}", ""]
    return "\n".join(lines)


def files() -> dict[str, str]:
    """The new project's files by their path in it."""
    return {
        "content/README.md": CONTENT_README,
        "content/archive.yml": settings_text(),
        "content/entities.yml": starter_registry().read_text(encoding="utf-8"),
        "templates/README.md": TEMPLATES_README,
        ".gitignore": GITIGNORE,
        ".github/workflows/publish.yml": GITHUB_WORKFLOW,
        ".gitlab-ci.yml": GITLAB_CI,
    }


def new(root: Path) -> list[str]:
    """Create an archive project in ``root`` (made if missing); returns the files written.
    Nothing is overwritten: a folder with any of these files already is an error."""
    layout = Layout(root)
    made = files()
    taken = [rel for rel in made if (root / rel).exists()]
    if layout.settings.exists() or taken:
        raise ScaffoldError(f"{root} already holds {', '.join(taken) or layout.settings}: "
                            "nothing written")
    for rel, text in made.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(made)
