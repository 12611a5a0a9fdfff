"""``data/archive.sqlite``: the archive as one SQLite database, for ``sqlite3`` or Datasette.

The tables (documented in README.md, "The archive as a database") hold what the pages show:
articles (each with its story family), entities and their aliases, which article mentions
which entity as a place or an actor, and the dates written in each text. ``articles_fts`` is
an FTS5 index of each article's title and text folded by the archive's normaliser (``fold``)
and of its search keys (``keys``, the stems the site's search matches), so a query folded the
same way finds every spelling.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from builder import digest
from builder.arabic.normalize import fold, folded_words, stem
from builder.config import Config
from builder.model import Article, Entity
from builder.pages import urls
from builder.pages.indexes import date_key

SCHEMA = """
CREATE TABLE archive (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE articles (
  rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, title TEXT NOT NULL, date TEXT,
  date_source TEXT, source TEXT, url TEXT, author TEXT, dateline TEXT, story TEXT NOT NULL,
  summary TEXT, words INTEGER,
  page TEXT NOT NULL, original TEXT, original_sha256 TEXT, text TEXT NOT NULL);
CREATE TABLE entities (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, description TEXT,
  wikidata TEXT, lat REAL, lon REAL, country TEXT) WITHOUT ROWID;
CREATE TABLE aliases (entity_id TEXT NOT NULL REFERENCES entities(id), alias TEXT NOT NULL,
  PRIMARY KEY (entity_id, alias)) WITHOUT ROWID;
CREATE TABLE mentions (article_id TEXT NOT NULL REFERENCES articles(id),
  entity_id TEXT NOT NULL REFERENCES entities(id), role TEXT NOT NULL CHECK (role IN ('place', 'actor')),
  PRIMARY KEY (article_id, entity_id, role)) WITHOUT ROWID;
CREATE INDEX mentions_by_entity ON mentions (entity_id);
CREATE INDEX articles_by_story ON articles (story);
CREATE TABLE dates (article_id TEXT NOT NULL REFERENCES articles(id), position INTEGER NOT NULL,
  text TEXT NOT NULL, value TEXT NOT NULL, calendar TEXT NOT NULL, hijri TEXT,
  PRIMARY KEY (article_id, position)) WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, keys, tokenize = 'unicode61');
"""


def _fts_row(n: int, article: Article) -> tuple[int, str, str, str]:
    """An article's full-text row: its title and text folded, and the stems of their words."""
    title, text = fold(article.title), fold(article.text)
    return n, title, text, " ".join(map(stem, folded_words(title + "\n" + text)))


PATH = "data/archive.sqlite"


def made_from(articles: list[Article], entities: dict[str, Entity], cfg: Config) -> str:
    """A digest of everything the database holds: while it stays, the file is not made again
    (making its full-text index is most of a build's exports)."""
    used = sorted({e for a in articles for e in a.places + a.actors if e in entities})
    return digest.data([cfg.name, cfg.description, cfg.site_url, [repr(entities[e]) for e in used], [
        (a.id, a.title, a.date, a.date_source, a.source, a.url, a.author, a.dateline, a.story, a.summary,
         a.words, a.original, a.original_sha256, a.text, a.places, a.actors,
         [(d.text, d.value, d.calendar, d.hijri) for d in a.dates])
        for a in sorted(articles, key=lambda a: a.id)]])


def _full_text_rows(db: sqlite3.Connection, ordered: list[Article], previous: Path | None) -> None:
    """Fill the full-text index in rowid order. An article whose title and text are those of
    an article of ``previous`` (the last build's database) takes its folded row from there
    (folding and stemming is most of the database's cost): an edit folds its own text only."""
    # Both ways go through a temporary table and one insert in rowid order, and write the file in
    # as many transactions (its header counts them): one file's bytes, with or without it.
    db.commit()
    db.execute("CREATE TEMP TABLE wanted (n INTEGER PRIMARY KEY, id TEXT, title TEXT, text TEXT)")
    db.execute("CREATE TEMP TABLE fts_rows (n INTEGER PRIMARY KEY, title TEXT, text TEXT, keys TEXT)")
    db.executemany("INSERT INTO temp.wanted VALUES (?,?,?,?)",
                   [(n, a.id, a.title, a.text) for n, a in enumerate(ordered, 1)])
    try:
        if previous is not None:
            db.execute("ATTACH ? AS old", (previous.resolve().as_uri() + "?mode=ro",))
            db.execute("INSERT INTO temp.fts_rows SELECT w.n, f.title, f.text, f.keys "
                       "FROM temp.wanted w JOIN old.articles a ON a.id = w.id AND a.title = w.title "
                       "AND a.text = w.text JOIN old.articles_fts f ON f.rowid = a.rowid")
            db.commit()  # a database is detached outside a transaction
            db.execute("DETACH old")
    except sqlite3.Error:  # not a database of this schema: every row is made
        db.execute("DELETE FROM temp.fts_rows")
    have = {n for (n,) in db.execute("SELECT n FROM temp.fts_rows")}
    db.executemany("INSERT INTO temp.fts_rows VALUES (?,?,?,?)",
                   [_fts_row(n, a) for n, a in enumerate(ordered, 1) if n not in have])
    db.execute("INSERT INTO articles_fts (rowid, title, text, keys) "
               "SELECT n, title, text, keys FROM temp.fts_rows ORDER BY n")
    db.execute("DROP TABLE temp.fts_rows")
    db.execute("DROP TABLE temp.wanted")


def database(articles: list[Article], entities: dict[str, Entity], cfg: Config,
             previous: Path | None = None) -> bytes:
    """The database's bytes: the same articles give the same bytes (``previous``: the last
    build's database, whose full-text rows are reused where they hold, see
    :func:`_full_text_rows`)."""
    ordered = sorted(articles, key=date_key)
    used = {e for a in articles for e in a.places + a.actors if e in entities}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "archive.sqlite"
        db = sqlite3.connect(path.as_uri(), uri=True)  # a URI: the last build's is attached read-only
        try:
            db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                             "PRAGMA temp_store = MEMORY;" + SCHEMA)
            db.executemany("INSERT INTO archive VALUES (?, ?)", [
                ("name", cfg.name), ("description", cfg.description), ("site_url", cfg.site_url),
                ("articles", str(len(ordered))), ("schema", "1")])
            db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
                (n, a.id, a.title, a.date, a.date_source, a.source, a.url, a.author, a.dateline,
                 a.story or a.id, a.summary,
                 a.words, urls.page_url(urls.article_doc(a)), a.original, a.original_sha256, a.text)
                for n, a in enumerate(ordered, 1)])
            _full_text_rows(db, ordered, previous)
            chosen = [entities[e] for e in sorted(used)]
            db.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?)", [
                (e.id, e.name, e.type, e.description or None, e.wikidata or None, e.lat, e.lon,
                 e.country or None) for e in chosen])
            db.executemany("INSERT INTO aliases VALUES (?, ?)", [
                (e.id, alias) for e in chosen for alias in dict.fromkeys(e.every_alias)])
            db.executemany("INSERT OR IGNORE INTO mentions VALUES (?, ?, ?)", [
                (a.id, e, role) for a in ordered
                for role, ids in (("place", a.places), ("actor", a.actors)) for e in ids if e in used])
            db.executemany("INSERT INTO dates VALUES (?,?,?,?,?,?)", [
                (a.id, i, d.text, d.value, d.calendar, d.hijri or None)
                for a in ordered for i, d in enumerate(a.dates)])
            db.commit()
            db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
            db.commit()
        finally:
            db.close()
        return path.read_bytes()
