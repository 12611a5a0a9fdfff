"""What became of every input: a page, or a reason that names the file (and line)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from builder import jsonout
from builder.model import Origin, Problem


@dataclass
class Report:
    """The build report, printed and written to ``site/build-report.json``."""

    pages: list[dict[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: how the site was published: "full", "incremental" (dirty), or "unchanged" (not rebuilt)
    publish: str = ""

    def add_page(self, origin: str, article_id: str, doc: str) -> None:
        self.pages.append({"input": origin, "id": article_id, "page": doc})

    def counts(self) -> dict[str, int]:
        kinds = Counter(p.kind for p in self.problems)
        return {"pages": len(self.pages), "rejected": kinds["rejected"],
                "duplicates": kinds["duplicate"], "ignored": kinds["ignored"],
                "warnings": kinds["warning"]}

    def failures(self) -> list[Problem]:
        """Problems that ``--strict`` fails on (ignored licence/readme files are not)."""
        return [p for p in self.problems if p.kind != "ignored"]

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: no timings, so an unchanged input gives an identical report."""
        return {
            "counts": self.counts(),
            "problems": [{"file": p.origin.path, "line": p.origin.line, "kind": p.kind,
                          "reason": p.reason} for p in self.problems],
            "pages": self.pages,
        }

    @classmethod
    def from_json(cls, text: str) -> Report:
        """The report of the build that made the current site (when nothing changed since)."""
        data = json.loads(text)
        problems = [Problem(Origin(p["file"], p["line"]), p["reason"], p["kind"])
                    for p in data["problems"]]
        return cls(pages=data["pages"], problems=problems)

    def to_json(self) -> str:
        return jsonout.dumps(self.as_dict())

    def print(self, out: TextIO) -> None:
        """A human summary: counts, then every problem with its file, line and reason."""
        c = self.counts()
        out.write(f"arshif: {c['pages']} pages, {c['rejected']} rejected, "
                  f"{c['duplicates']} duplicates, {c['ignored']} ignored, "
                  f"{c['warnings']} warnings\n")
        for p in self.problems:
            out.write(f"  {p.kind:9} {p.origin}: {p.reason}\n")
        if self.timings or self.publish:
            spent = ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items())
            out.write(f"  time: {spent or 'nothing changed since the last build'}"
                      + (f" ({self.publish} publish)" if self.publish else "") + "\n")
