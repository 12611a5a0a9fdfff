"""``arshif pack DEST``: the archive as a BagIt bag, to hand over without a server.

The bag (Library of Congress ``bagit``, SHA-256 manifests) holds ``data/originals/``, every
input file byte for byte, and ``data/site/``, a copy of the site that works opened from disk:
links to folders point at their ``index.html`` (a browser shows a file:// folder as a listing),
and every data file the pages' scripts load has a script twin, ``FILE.js``, since a page opened
from disk may not fetch (``arshifLoad`` in ``arshif-search.js`` reads the twins there). Nothing
in it asks another host for anything, as on the published site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from importlib import metadata
from pathlib import Path

import bagit

from builder.config import Config, Layout


class PackError(RuntimeError):
    """The destination is not empty, or there is no site to pack."""


#: an href, src or action attribute (or a refresh's address) whose value is a relative address
#: (no scheme, not "/…", "//…" or "#…"), with its path apart from a query or fragment
_LINK = re.compile(r'(?P<attr>\b(?:href|src|action)="|<meta http-equiv="refresh" content="\d+; url=)'
                   r'(?P<path>(?![a-zA-Z][a-zA-Z0-9+.-]*:|[/#?])[^"?#]*)(?P<rest>[^"]*")')

#: data files scripts load (the search index, the map's outlines), given a script twin
_LOADED = (".json", ".txt")


def _file_link(match: re.Match[str]) -> str:
    path = match["path"]
    if path in (".", "..") or path.endswith(("/", "/.", "/..")):
        path += ("" if path.endswith("/") else "/") + "index.html"
    return match["attr"] + path + match["rest"]


def file_links(page: str) -> str:
    """``page`` with its links to folders (``timeline/``, ``..``, ``.``) made links to their
    ``index.html``."""
    return _LINK.sub(_file_link, page)


def script_twin(data: bytes, name: str) -> bytes:
    """A data file as a script handing it to ``arshifLoaded`` under its own address."""
    text = data.decode("utf-8")
    value = text if name.endswith(".json") else json.dumps(text, ensure_ascii=False)
    return (f"window.arshifLoaded(document.currentScript.src.slice(0, -3), {value});\n").encode()


def copy_site(site: Path, dest: Path) -> int:
    """The site under ``site`` into ``dest``, made to work from disk; returns the files copied."""
    count = 0
    for folder, _dirs, names in os.walk(site):
        here = Path(folder)
        out = dest / here.relative_to(site)
        out.mkdir(parents=True, exist_ok=True)
        for name in sorted(names):
            source, target = here / name, out / name
            count += 1
            if name.endswith(".html"):
                target.write_text(file_links(source.read_text(encoding="utf-8")), encoding="utf-8")
                continue
            shutil.copyfile(source, target)
            top = here.relative_to(site).parts[:1]
            if name.endswith(_LOADED) and top in (("search",), ("assets",)):
                (out / (name + ".js")).write_bytes(script_twin(source.read_bytes(), name))
    return count


def pack(layout: Layout, dest: Path) -> dict[str, str]:
    """Write the bag at ``dest`` (a new or empty folder) from the built site; returns its
    ``bag-info.txt`` fields."""
    site = layout.site.resolve()
    if not (site / "index.html").is_file():
        raise PackError(f"no built site in {layout.site}: run `arshif build` first")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise PackError(f"{dest} is not an empty folder: nothing written")
    cfg = Config.load(layout.settings)
    report = json.loads((site / "build-report.json").read_text(encoding="utf-8"))
    dest.mkdir(parents=True, exist_ok=True)
    originals = 0
    for path in sorted(layout.content.rglob("*")):
        if path.is_file() and path != layout.proposed:  # the proposals are the build's output
            target = dest / "originals" / path.relative_to(layout.content)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            originals += 1
    site_files = copy_site(site, dest / "site")
    info = {
        "Source-Organization": cfg.name,
        "External-Description": cfg.description or cfg.name,
        "External-Identifier": cfg.site_url or cfg.name,
        "Bag-Software-Agent": f"arshif {metadata.version('arshif')} (bagit {bagit.VERSION})",
        "Arshif-Articles": str(report["counts"]["pages"]),
        "Arshif-Original-Files": str(originals),
        "Arshif-Site-Files": str(site_files),
        "Arshif-Site-Start": "data/site/index.html",
    }
    bagit.make_bag(str(dest), info, processes=os.cpu_count() or 1, checksums=["sha256"])
    return info
