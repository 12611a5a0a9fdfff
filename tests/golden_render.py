"""What a raw file becomes: the docs/ pages the builder writes for it (the golden output)."""

from __future__ import annotations

from pathlib import Path

from builder import readers
from builder.assemble import assemble
from builder.config import Config
from builder.extract.facts import read_facts
from builder.extract.published import date_evidence
from builder.model import Origin, RawArticle
from builder.pages.articles import article_page
from builder.pages.render import environment, render

ROOT = Path(__file__).resolve().parents[1]


def render_file(path: Path) -> str:
    """Every article in ``path`` as its docs/ page, and every problem as a ``# problem`` line."""
    cfg = Config()
    env = environment([ROOT / "templates" / "pages"])
    parts = []
    for item in readers.read_file(path, Origin(path.name), cfg.max_article_bytes):
        if not isinstance(item, RawArticle):
            parts.append(f"# problem ({item.kind}) {item.origin}: {item.reason}\n")
            continue
        article, problems = assemble(item, cfg.title_length)
        parts += [f"# problem ({p.kind}) {p.origin}: {p.reason}\n" for p in problems]
        if article is None:
            continue
        facts = read_facts(date_evidence(article), article.text)
        article = facts.joined(article)
        parts += [f"# problem (warning) {item.origin}: {n}\n" for n in facts.notes]
        parts.append(f"# page articles/{article.year}/{article.id}.md\n"
                     f"{render(env, article_page(article, {}, cfg))}")
    return "\n".join(parts)
