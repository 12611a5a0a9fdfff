"""Entities end to end: the seed article's places and actors, and the `arshif extract` and
`arshif entities` commands' contracts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from builder.assemble import assemble
from builder.extract.entities import EntityFinder, resolve
from builder.model import Origin, RawArticle
from builder.ner.corpus import read_conll
from builder.ner.recognizer import Recognizer
from builder.registry import Registry
from tests.conftest import ROOT, SEED, SHARED


def test_seed_article_entities(recognizer: Recognizer) -> None:
    """All 9 places and at least 10 of 11 actors under their canonical names, ≤ 1 wrong."""
    expected = yaml.safe_load((SHARED / "news" / "seed" / "baghouz.expected.yaml").read_text())
    finder = EntityFinder(Registry.load(ROOT / "content" / "entities.yml"))
    article, _ = assemble(RawArticle(Origin("seed"), SEED.read_text(), "text", {}, "utf_8"), 90)
    assert article is not None
    hits = list(finder.registry.scan(article.text))
    finder.add(article, resolve(recognizer.find(article.text), hits, finder.registry, article.text))
    finder.settle()
    places, actors = (set(names) for names in finder.names(article))
    want_places = set(expected["places"])
    want_actors = set(expected["actors"]["organisations"]) | set(expected["actors"]["people"])
    assert want_places <= places
    assert len(want_actors & actors) >= 10
    assert len(places - want_places) + len(actors - want_actors) <= 1


def test_cli_extract_gives_the_seeds_entities_and_the_names_no_registry_knows(
        tmp_path: Path) -> None:
    """``arshif extract``: the seed's places and actors under their canonical names, none of them
    proposed; in an article about people the registry does not know, the recogniser's names with
    the id ``arshif review accept`` would give, a family name alone counted with the full name,
    a coach's name (a role before it) linked as found by machine."""
    from builder.registry import derived_id

    (tmp_path / "news").mkdir()
    article = tmp_path / "news" / "coach.txt"  # given as its folder, read as a build reads one
    article.write_text("قال المدرب ستيف مكلارين لصحيفة كرونيكل البريطانية إن اللاعب يحتاج إلى "
                       "جراحة في الركبة. وأضاف مكلارين أن الفريق سيتعاقد مع لاعب جديد.\n",
                       encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "builder.cli", "extract", str(SEED), str(article.parent)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    seed, coach = (json.loads(line) for line in out.splitlines())
    expected = yaml.safe_load((SHARED / "news" / "seed" / "baghouz.expected.yaml").read_text())
    assert {p["name"] for p in seed["places"]} == set(expected["places"])
    assert {a["name"] for a in seed["actors"]} == (set(expected["actors"]["organisations"])
                                                   | set(expected["actors"]["people"]))
    assert not any(e.get("proposed") for e in seed["places"] + seed["actors"])
    people = [a for a in coach["actors"] if a["type"] == "PER"]
    assert people == [{"id": derived_id("ستيف مكلارين"), "name": "ستيف مكلارين", "type": "PER",
                       "status": "machine"}]
    assert "كرونيكل" in {a["name"] for a in coach["actors"]}  # its ك is not a clitic


def test_cli_entities_contract() -> None:
    lines = "قال دونالد ترامب في واشنطن\n\nسوريا والعراق\n"
    out = subprocess.run([sys.executable, "-m", "builder.cli", "entities"], input=lines,
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout.splitlines()
    rows = [json.loads(line) for line in out]
    assert len(rows) == 3 and rows[1] == []
    for line, found in zip(lines.split("\n"), rows, strict=False):
        for m in found:
            assert set(m) == {"start", "end", "text", "type"}
            assert line[m["start"]:m["end"]] == m["text"]


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    """``arshif extract content | head``: the closed pipe ends the command quietly."""
    proc = subprocess.Popen([sys.executable, "-m", "builder.cli", "extract", "content"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10)
    proc.stdout.close()
    told = proc.stderr.read().decode()
    assert proc.wait() == 1
    assert "not an article" in told and "Traceback" not in told


def test_cli_entities_reads_in_batches_yet_answers_each_line_at_once() -> None:
    """A file is tagged many lines at a time (same answers as line by line, a last line without
    its line end included); a program that writes a line and waits gets its answer before it
    writes the next."""
    import select

    lines = [" ".join(toks) for toks, _ in read_conll(SHARED / "ner" / "aqmar" / "dev.txt")][:300]
    text = "\n".join(lines)  # no final line end
    rec = Recognizer()
    batched = subprocess.run([sys.executable, "-m", "builder.cli", "entities"], input=text,
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert [json.loads(row) for row in batched.splitlines()] == [
        [{"start": m.start, "end": m.end, "text": m.text, "type": m.type} for m in rec.find(line)]
        for line in lines]
    with subprocess.Popen([sys.executable, "-m", "builder.cli", "entities"], cwd=ROOT, text=True,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        for line in ("قال دونالد ترامب في واشنطن", "سوريا والعراق"):
            proc.stdin.write(line + "\n")
            proc.stdin.flush()
            assert select.select([proc.stdout], [], [], 120)[0], "no answer to a waiting line"
            assert json.loads(proc.stdout.readline())
        proc.stdin.close()
        assert proc.wait(60) == 0
