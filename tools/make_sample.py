"""Make the bundled sample archive in content/ from ../shared (run once; its output is committed).

The seed article (published 2019-03-23) and 70 SaudiNewsNet articles (5 from each of its 14
outlets, CC BY-NC-SA 4.0, licence and source kept beside them), written in every raw format
Arshif reads: JSON lines, a JSON array, plain text with a header, Markdown with front matter,
saved HTML pages, and Windows-1256 text.
"""

from __future__ import annotations

import html
import json
import shutil
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "news"
OUT = ROOT / "content"


def main() -> None:
    seed = OUT / "seed"
    seed.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHARED / "seed" / "baghouz.txt", seed / "baghouz.txt")
    (seed / "baghouz.yml").write_text(
        "# Sidecar metadata for baghouz.txt (the article itself is body only).\n"
        'date: "2019-03-23"\n', encoding="utf-8")
    (seed / "SOURCE.txt").write_text(
        "baghouz.txt: a real Arabic news article (SDF announce the end of the IS 'caliphate' at\n"
        "Baghouz), published 2019-03-23, given to the project by its user as the seed article.\n",
        encoding="utf-8")

    rows = [json.loads(line) for line in (SHARED / "saudinewsnet" / "sample.jsonl").open()]
    by_source: dict[str, list[dict]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r["id"]):
        if len(row["content"]) < 3000:
            by_source[row["source"]].append(row)
    picked = [r for source in sorted(by_source) for r in by_source[source][:5]]
    dest = OUT / "saudinewsnet"
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("SOURCE.txt", "README.upstream.md"):
        shutil.copy(SHARED / "saudinewsnet" / name, dest / name)
    (dest / "LICENSE.txt").write_text(
        "The articles in this folder come from SaudiNewsNet (M. Alhagri, 2015), licensed\n"
        "CC BY-NC-SA 4.0: https://creativecommons.org/licenses/by-nc-sa/4.0/ . The articles are\n"
        "owned by their newspapers; they are here as sample input for non-commercial research use.\n"
        "The HTML and Markdown wrappers around their text were made by tools/make_sample.py.\n",
        encoding="utf-8")
    formats = ["jsonl", "jsonl", "txt", "md", "html", "cp1256", "json"]
    groups: dict[str, list[dict]] = defaultdict(list)
    for i, row in enumerate(picked):
        fmt = formats[i % len(formats)]
        if fmt == "cp1256":
            try:
                (row["title"] + row["content"]).encode("cp1256")
            except UnicodeEncodeError:
                fmt = "txt"
        groups[fmt].append(row)
    fields = ("source", "url", "date_extracted", "title", "author", "content", "id")
    with (dest / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for row in groups["jsonl"]:
            fh.write(json.dumps({k: row[k] for k in fields}, ensure_ascii=False) + "\n")
    (dest / "batch-2015-08.json").write_text(json.dumps(
        [{"title": r["title"], "text": r["content"], "published": r["date_extracted"],
          "source": r["source"], "link": r["url"], "author": r["author"]} for r in groups["json"]],
        ensure_ascii=False, indent=1), encoding="utf-8")
    for row in groups["txt"]:
        header = "".join(f"{k}: {row[v]}\n" for k, v in (
            ("title", "title"), ("date", "date_extracted"), ("source", "source"), ("url", "url"))
            if row[v])
        path = dest / "txt" / f"{row['source']}_{row['id']}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(header + "\n" + row["content"].strip() + "\n", encoding="utf-8")
    for row in groups["cp1256"]:
        header = f"العنوان: {row['title']}\nالتاريخ: {row['date_extracted']}\nالمصدر: {row['source']}\n"
        path = dest / "windows-1256" / f"{row['source']}_{row['id']}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes((header + "\n" + row["content"].strip() + "\n").replace("\n", "\r\n")
                         .encode("cp1256"))
    for row in groups["md"]:
        front = {"title": row["title"], "date": row["date_extracted"][:10], "source": row["source"],
                 "url": row["url"], "author": row["author"] or None}
        path = dest / "markdown" / f"{row['source']}_{row['id']}.md"
        path.parent.mkdir(exist_ok=True)
        body = "\n\n".join(p.strip() for p in row["content"].split("\n") if p.strip())
        path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                        + "---\n\n" + body + "\n", encoding="utf-8")
    for row in groups["html"]:
        paras = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in row["content"].split("\n")
                          if p.strip())
        page = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{html.escape(row['title'])} | {row['source']}</title>
<meta property="og:title" content="{html.escape(row['title'])}">
<meta property="og:site_name" content="{row['source']}">
<meta name="date" content="{row['date_extracted'][:10]}">
<link rel="canonical" href="{html.escape(row['url'])}">
</head><body>
<nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a> | <a href="/sport">رياضة</a></nav>
<article><h1>{html.escape(row['title'])}</h1>
{paras}
</article>
<footer>جميع الحقوق محفوظة</footer>
</body></html>
"""
        path = dest / "html" / f"{row['source']}_{row['id']}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page, encoding="utf-8")
    print({k: len(v) for k, v in groups.items()}, "+ seed")


if __name__ == "__main__":
    main()
