"""The check for a change that should change no output (a refactor): the sample archive and the
first N SaudiNewsNet articles built from cold by an earlier commit and by the working tree, and
every file of the two sites compared byte for byte (the build report, which holds timings, apart).

Run: ``python bench/identical.py REV [N]`` (N: 1000 unless given). Prints the files that differ.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build import take
from tests.conftest import make_project

ROOT = Path(__file__).resolve().parents[1]


def built(code: Path, content: Path, where: Path) -> Path:
    """The site that the builder at ``code`` makes of ``content`` from cold."""
    project = make_project(where, content)
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-m", "builder.cli", "--root", str(project), "build"],
                   cwd=code, env=env, check=True, stdout=subprocess.DEVNULL)
    return project / "site"


def differing(a: Path, b: Path) -> list[str]:
    """Files of two trees that differ, or are in one only (the build report apart)."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        out.extend(prefix + n for n in cmp.common_files
                   if n != "build-report.json" and not filecmp.cmp(Path(cmp.left, n), Path(cmp.right, n),
                                                                   shallow=False))
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


def main() -> None:
    rev, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run(["git", "worktree", "add", "--detach", str(work / "before"), rev], cwd=ROOT,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            news = work / "news"
            news.mkdir()
            with (news / "part.jsonl").open("w", encoding="utf-8") as fh:
                for row in take(n):
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            for name, content in (("sample", ROOT / "content"), (f"{n} articles", news)):
                old = built(work / "before", content, work / f"old-{len(name)}")
                new = built(ROOT, content, work / f"new-{len(name)}")
                diff = differing(old, new)
                files = sum(1 for p in new.rglob("*") if p.is_file())
                print(f"{name}: {files} files, {len(diff)} differ" + (f": {diff[:20]}" if diff else ""))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(work / "before")], cwd=ROOT,
                           check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            shutil.rmtree(work / "before", ignore_errors=True)


if __name__ == "__main__":
    main()
