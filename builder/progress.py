"""What a person watching a long build sees: for each long stage a line with its name, how
many of how many are done, the rate and the time left, on stderr, rewritten in place.

``progress``: None shows it only when stderr is a terminal (a log or a CI job stays quiet),
True always, False never.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

# no monitor thread: the build forks workers, and a thread would be forked with them
tqdm.monitor_interval = 0


def bar(stage: str, total: int, unit: str, progress: bool | None) -> tqdm:
    """A progress line for ``total`` items of ``stage``; ``update(n)`` as they are done."""
    return tqdm(total=total, desc=stage, unit=unit, disable=None if progress is None else not progress,
                leave=False, file=sys.stderr, mininterval=0.5, dynamic_ncols=True)
