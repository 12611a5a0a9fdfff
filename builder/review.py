"""Review of new names: the proposals file the build writes, and ``arshif review`` to act on it.

``content/entities.proposed.yml`` lists every name the recogniser found that the registry does
not know, most frequent first, with its type, how many articles name it and example sentences.
``arshif review accept NAME`` adds it to the registry, ``merge NAME --into ID`` makes it an
alias of an entity, ``reject NAME`` stops it being proposed again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder import yamlio
from builder.extract.entities import Proposal
from builder.registry import Registry, RegistryError, derived_id, key
from builder.writer import write_atomic

HEADER = ("# Names met in the articles that content/entities.yml does not know, most frequent first.\n"
          "# Written by `arshif build`; act on them with `arshif review accept|merge|reject NAME`.\n")


def write_proposals(path: Path, proposals: dict[str, Proposal], limit: int = 0) -> None:
    """Write the proposals file, the ``limit`` most frequent (0: all), only when its bytes change.

    A reviewer reads the most frequent names first; a large archive meets tens of thousands of
    names once each, a list no one reads and slow to write at every build.
    """
    # keyed by their names' keys (key(p.name)): sorted on those, not on names folded again
    ordered = [p for _, p in sorted(proposals.items(), key=lambda kv: (-len(kv[1].articles), kv[0]))]
    shown = ordered[:limit] if limit else ordered
    data = [{"name": p.name, "type": p.type, "articles": len(p.articles), "examples": p.examples}
            for p in shown]
    more = (f"# {len(ordered) - len(shown)} less frequent names are not listed (review_limit "
            f"in content/archive.yml).\n") if len(shown) < len(ordered) else ""
    text = HEADER + more + (yamlio.dump({"proposed": data}) if data else "proposed: []\n")
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text.encode("utf-8"))


def _load(path: Path) -> dict[str, Any]:
    data = yamlio.load(path.read_text(encoding="utf-8")) if path.exists() else None
    if data is None:
        return {"entities": [], "rejected": []}
    if isinstance(data, list):
        return {"entities": data, "rejected": []}
    return dict(data)


def _proposed(path: Path, name: str) -> dict[str, Any]:
    data = yamlio.load(path.read_text(encoding="utf-8")) if path.exists() else None
    for item in (data or {}).get("proposed") or []:
        if key(item["name"]) == key(name):
            return dict(item)
    raise RegistryError(f"'{name}' is not in {path.name}")


def _save(registry_path: Path, data: dict[str, Any]) -> None:
    text = yamlio.dump(data)
    Registry.load_text(text)  # never write an invalid registry
    write_atomic(registry_path, text.encode("utf-8"))


def accept(registry_path: Path, proposed_path: Path, name: str, kind: str | None,
           entity_id: str | None) -> str:
    """Add a proposed name to the registry as a new entity; returns its id."""
    item = _proposed(proposed_path, name)
    data = _load(registry_path)
    eid = entity_id or derived_id(item["name"])
    data.setdefault("entities", []).append(
        {"id": eid, "name": item["name"], "type": kind or item["type"]})
    _save(registry_path, data)
    return eid


def merge(registry_path: Path, name: str, into: str) -> None:
    """Make ``name`` an alias of the entity ``into``."""
    data = _load(registry_path)
    for entry in data.get("entities") or []:
        if isinstance(entry, dict) and entry.get("id") == into:
            entry["aliases"] = [*(entry.get("aliases") or []), name]
            _save(registry_path, data)
            return
    raise RegistryError(f"no entity with id '{into}'")


def reject(registry_path: Path, name: str) -> None:
    """Never propose ``name`` again."""
    data = _load(registry_path)
    data["rejected"] = [*(data.get("rejected") or []), name]
    _save(registry_path, data)
