"""Proposals and `arshif review`: new names are proposed with counts and examples, and accepting,
merging or rejecting them edits the registry (which stays valid)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from builder.extract.entities import Proposal
from builder.registry import Registry
from builder.review import write_proposals
from tests.conftest import ROOT


def arshif(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder.cli", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def setup(root: Path) -> None:
    (root / "content").mkdir(parents=True)
    (root / "content" / "entities.yml").write_text(
        "entities:\n  - {id: isis, name: تنظيم داعش, type: ORG, aliases: [داعش]}\n", encoding="utf-8")
    write_proposals(root / "content" / "entities.proposed.yml", {
        "مظلوم عبدي": Proposal("مظلوم عبدي", "PER", {"a", "b"},
                               [("قال مظلوم عبدي إن المعركة انتهت.", 4, 14)]),
        "الدوله الاسلاميه": Proposal("الدولة الإسلامية", "ORG", {"a"}, [("أعلنت الدولة الإسلامية…", 6, 22)]),
        "مدينه ما": Proposal("مدينة ما", "LOC", {"c"}, [("في مدينة ما", 3, 11)]),
    })


def test_proposals_file_lists_counts_and_examples(tmp_path: Path) -> None:
    setup(tmp_path)
    data = yaml.safe_load((tmp_path / "content" / "entities.proposed.yml").read_text(encoding="utf-8"))
    first = data["proposed"][0]
    assert first == {"name": "مظلوم عبدي", "type": "PER", "articles": 2,
                     "examples": ["قال مظلوم عبدي إن المعركة انتهت."]}


def test_proposals_limit_keeps_the_most_frequent(tmp_path: Path) -> None:
    path = tmp_path / "entities.proposed.yml"
    write_proposals(path, {
        "مظلوم عبدي": Proposal("مظلوم عبدي", "PER", {"a", "b", "c"}, [("قال مظلوم عبدي.", 4, 14)]),
        "الرقه": Proposal("الرقة", "LOC", {"a", "b"}, [("في الرقة.", 3, 8)]),
        "مدينه ما": Proposal("مدينة ما", "LOC", {"c"}, [("في مدينة ما", 3, 11)]),
    }, limit=2)
    text = path.read_text(encoding="utf-8")
    assert [p["name"] for p in yaml.safe_load(text)["proposed"]] == ["مظلوم عبدي", "الرقة"]
    assert "# 1 less frequent names are not listed" in text


def test_accept_merge_reject(tmp_path: Path) -> None:
    setup(tmp_path)
    assert arshif(tmp_path, "review", "accept", "مظلوم عبدي", "--id", "mazloum-abdi").returncode == 0
    assert arshif(tmp_path, "review", "merge", "الدولة الإسلامية", "--into", "isis").returncode == 0
    assert arshif(tmp_path, "review", "reject", "مدينة ما").returncode == 0
    reg = Registry.load(tmp_path / "content" / "entities.yml")
    assert reg.resolve("مظلوم عبدي") == "mazloum-abdi"
    assert reg.resolve("والدولة الإسلامية") == "isis"
    assert reg.rejected == {"مدينه ما"}


def test_review_changes_only_the_lines_it_must(tmp_path: Path) -> None:
    """People write the registry too: its comments, its one-line entries and its other entries
    are kept as written (PyYAML's dump had rewritten the whole file without its comments)."""
    setup(tmp_path)
    path = tmp_path / "content" / "entities.yml"
    path.write_text("# الكيانات: يحررها الناس\nentities:\n  # منظمات\n"
                    "  - {id: isis, name: تنظيم داعش, type: ORG, aliases: [داعش]}  # مراجَع\n"
                    "  - {id: raqqa, name: الرقة, type: LOC, lat: 35.95, lon: 39.01}\n"
                    "rejected: []\n", encoding="utf-8")
    for args in (("accept", "مظلوم عبدي", "--id", "mazloum-abdi"),
                 ("merge", "الدولة الإسلامية", "--into", "isis"), ("reject", "مدينة ما")):
        assert arshif(tmp_path, "review", *args).returncode == 0
    assert path.read_text(encoding="utf-8") == (
        "# الكيانات: يحررها الناس\nentities:\n  # منظمات\n"
        "  - {id: isis, name: تنظيم داعش, type: ORG, aliases: [داعش, الدولة الإسلامية]} # مراجَع\n"
        "  - {id: raqqa, name: الرقة, type: LOC, lat: 35.95, lon: 39.01}\n"
        "  - {id: mazloum-abdi, name: مظلوم عبدي, type: PER}\n"
        "rejected: [مدينة ما]\n")


def test_review_refuses_clashes_and_unknown_names(tmp_path: Path) -> None:
    setup(tmp_path)
    bad = arshif(tmp_path, "review", "accept", "لا يوجد")
    assert bad.returncode == 1 and "not in entities.proposed.yml" in bad.stderr
    arshif(tmp_path, "review", "accept", "مظلوم عبدي", "--id", "isis")
    assert Registry.load(tmp_path / "content" / "entities.yml").entities["isis"].name == "تنظيم داعش"


def test_examples_are_the_first_distinct_sentences_the_name_is_met_in() -> None:
    text = "قال عبدي إن المعركة انتهت. وأضاف عبدي أن القرى آمنة. ثم غادر عبدي البلدة."
    again = "قال عبدي إن المعركة انتهت."
    met = [(text, text.index("عبدي", i), text.index("عبدي", i) + 4) for i in (0, 30, 55)]
    prop = Proposal("عبدي", "PER", {"a", "b"}, [(again, 4, 8), *met])
    assert prop.examples == ["قال عبدي إن المعركة انتهت.", "وأضاف عبدي أن القرى آمنة.",
                             "ثم غادر عبدي البلدة."]
    assert Proposal("عبدي", "PER", {"a"}, met * 3).examples == prop.examples
