"""The README documents every setting and every command (a setting nobody can find is a bug)."""

from __future__ import annotations

from dataclasses import fields

from builder.cli import parser
from builder.config import Config
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    missing = [f.name for f in fields(Config) if f"| `{f.name}` |" not in README]
    assert missing == []


def test_every_registry_field_is_documented() -> None:
    """Each field of a registry entry appears in README's example entry and in the header of
    the sample registry."""
    from builder.model import Entity

    header = (ROOT / "content" / "entities.yml").read_text(encoding="utf-8").split("entities:")[0]
    # made by the build: the address from the id or name, the status from where it came from
    written = [f.name for f in fields(Entity) if f.name not in ("path_name", "status")]
    missing = [name for name in written if f"{name}:" not in README or name not in header]
    assert missing == []


def test_every_command_is_documented() -> None:
    sub = next(a for a in parser()._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"arshif {name}" not in README]  # type: ignore[union-attr]
    assert missing == []


def test_sample_settings_load() -> None:
    cfg = Config.load(ROOT / "content" / "archive.yml")
    assert cfg.name and cfg.month_style in ("levantine", "egyptian", "maghrebi", "both")
