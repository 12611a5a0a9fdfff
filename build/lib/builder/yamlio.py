"""YAML in and out, safely: no tags that build objects, no alias bombs, dates always quoted."""

from __future__ import annotations

from typing import Any

import yaml

#: Front matter and registries are small; a larger YAML document is refused, not parsed.
MAX_YAML_BYTES = 2_000_000


class YamlError(ValueError):
    """The YAML is malformed, too large, or uses anchors and aliases."""


def load(text: str) -> Any:
    """Parse ``text`` with the safe loader; anchors/aliases are refused (alias-bomb guard)."""
    if len(text) > MAX_YAML_BYTES:
        raise YamlError(f"YAML larger than {MAX_YAML_BYTES} bytes")
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
                line = token.start_mark.line + 1
                raise YamlError(f"YAML anchors and aliases are not accepted (line {line})")
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise YamlError(f"malformed YAML{where}: {problem}") from err


class Quoted(str):
    """A string always written in double quotes (dates: ``"2014"`` must never read as 2014)."""

    __slots__ = ()


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The safe dumper (libyaml's when PyYAML has it: many times faster), plus :class:`Quoted`."""


_Dumper.add_representer(
    Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value),
                                                         style='"'))


def dump(data: Any) -> str:
    """Safe-dump ``data`` keeping key order and Arabic as written.

    Strings that would read back as another type are quoted anyway; dates are wrapped in
    :class:`Quoted` by the caller so that every date is quoted, whatever it looks like.
    """
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=1_000_000)
