"""``python -m mkdocs`` with its imports done ahead of time.

Started with an incremental build, this process imports MkDocs and its build command while the
builder makes the pages, then waits for the command line (a JSON line on stdin: ``args`` and
the ``env`` to add) and runs it as ``python -m mkdocs`` would. On a 10,000-article rebuild,
MkDocs is the last step and runs alone: its half second of imports was half a second of wall
time. Given no line (stdin closed), it exits.
"""

from __future__ import annotations

import json
import os
import sys

import mkdocs.__main__
import mkdocs.commands.build  # what `mkdocs build` imports at its start


def main() -> None:
    line = sys.stdin.readline()
    if not line:
        return
    request = json.loads(line)
    os.environ.update(request["env"])
    sys.argv = ["mkdocs", *request["args"]]
    mkdocs.__main__.cli()


if __name__ == "__main__":
    main()
