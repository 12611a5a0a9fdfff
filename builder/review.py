"""Review of new names: the proposals file the build writes, and ``arshif review`` to act on it.

``content/entities.proposed.yml`` lists every name the recogniser found that the registry does
not know, most frequent first, with its type, how many articles name it and example sentences.
``arshif review accept NAME`` adds it to the registry, ``merge NAME --into ID`` makes it an
alias of an entity, ``reject NAME`` stops it being proposed again; each changes only the lines
it must in ``content/entities.yml``, which people edit too.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder import yamlio
from builder.extract.entities import Proposal
from builder.registry import Registry, RegistryError, derived_id, key
from builder.writer import write_atomic

HEADER = ("# Names met in the articles that content/entities.yml does not know, most frequent first.\n"
          "# Written by `arshif build`; act on them with `arshif review accept|merge|reject NAME`.\n"
          "# `linked: true`: the pages already link it, marked as found by machine (setting `actors`).\n")


def write_proposals(path: Path, proposals: dict[str, Proposal], limit: int = 0) -> None:
    """Write the proposals file, the ``limit`` most frequent (0: all), only when its bytes change.

    A reviewer reads the most frequent names first; a large archive meets tens of thousands of
    names once each, a list no one reads and slow to write at every build.
    """
    # keyed by their names' keys (key(p.name)): sorted on those, not on names folded again
    ordered = [p for _, p in sorted(proposals.items(), key=lambda kv: (-len(kv[1].articles), kv[0]))]
    shown = ordered[:limit] if limit else ordered
    data = [{"name": p.name, "type": p.type, "articles": len(p.articles)}
            | ({"linked": True} if p.linked else {}) | {"examples": p.examples} for p in shown]
    more = (f"# {len(ordered) - len(shown)} less frequent names are not listed (review_limit "
            f"in content/archive.yml).\n") if len(shown) < len(ordered) else ""
    text = HEADER + more + (yamlio.dump({"proposed": data}) if data else "proposed: []\n")
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text.encode("utf-8"))


def _proposed(path: Path, name: str) -> dict[str, Any]:
    data = yamlio.load(path.read_text(encoding="utf-8")) if path.exists() else None
    for item in (data or {}).get("proposed") or []:
        if key(item["name"]) == key(name):
            return dict(item)
    raise RegistryError(f"'{name}' is not in {path.name}")


def _edit(registry_path: Path, change: Callable[[Any], None]) -> None:
    """Apply ``change`` to the registry document and write it back, keeping what people wrote:
    comments, key order and the one-line ``{…}`` entries (ruamel.yaml's round trip; PyYAML's
    dump had dropped them all). The file is read by the safe loader first, so a malformed or
    hostile one (anchors, aliases, tags) is refused before it is edited, and an edit that would
    leave the registry invalid is not written."""
    from ruamel.yaml import YAML  # here, not at the top: a build imports this module
    from ruamel.yaml.comments import CommentedMap

    Registry.load(registry_path)
    rt = YAML()
    rt.width = 4096  # long entries stay on their line
    rt.indent(mapping=2, sequence=4, offset=2)  # "  - {…}", as the sample registry is written
    data = rt.load(registry_path.read_text(encoding="utf-8")) if registry_path.exists() else None
    if data is None:
        data = CommentedMap()
    elif isinstance(data, list):
        data = CommentedMap(entities=data)
    change(data)
    out = io.StringIO()
    rt.dump(data, out)
    text = out.getvalue()
    Registry.load_text(text)  # never write an invalid registry
    write_atomic(registry_path, text.encode("utf-8"))


def _flow(items: Any) -> Any:
    """A mapping or list written on one line, as the registry's entries are."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    made = CommentedMap(items) if isinstance(items, dict) else CommentedSeq(items)
    made.fa.set_flow_style()
    return made


def accept(registry_path: Path, proposed_path: Path, name: str, kind: str | None,
           entity_id: str | None) -> str:
    """Add a proposed name to the registry as a new entity; returns its id. Without an id given
    the entry has none: its id is derived from the name and its page stays at the name's
    address, where the pages showed it as found by machine."""
    item = _proposed(proposed_path, name)
    eid = entity_id or derived_id(item["name"])

    def add(data: Any) -> None:
        if data.get("entities") is None:
            data["entities"] = []
        entry = {"id": eid} if entity_id else {}
        data["entities"].append(_flow({**entry, "name": item["name"], "type": kind or item["type"]}))
    _edit(registry_path, add)
    return eid


def merge(registry_path: Path, name: str, into: str) -> None:
    """Make ``name`` an alias of the entity ``into``."""
    def alias(data: Any) -> None:
        for entry in data.get("entities") or []:
            if isinstance(entry, dict) and entry.get("id") == into:
                if entry.get("aliases"):
                    entry["aliases"].append(name)
                else:
                    entry["aliases"] = _flow([name])
                return
        raise RegistryError(f"no entity with id '{into}'")
    _edit(registry_path, alias)


def reject(registry_path: Path, name: str) -> None:
    """Never propose ``name`` again."""
    def refuse(data: Any) -> None:
        if data.get("rejected"):
            data["rejected"].append(name)
        else:
            data["rejected"] = _flow([name])
    _edit(registry_path, refuse)
