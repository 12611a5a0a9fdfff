"""Mapping a function over items on all cores, when the caller says there are enough to pay for it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def pmap(fn: Callable[[T], R], items: list[T], parallel: bool,
         initializer: Callable[..., None] | None = None, initargs: Iterable[Any] = (),
         chunksize: int = 1) -> Iterator[R]:
    """``map(fn, items)`` in order; in worker processes when ``parallel`` and the machine has
    more than one core (``fn`` and the items must then pickle). ``initializer`` runs once in
    each worker, or here before an in-process map."""
    if not parallel or (os.cpu_count() or 1) < 2:
        if initializer is not None:
            initializer(*initargs)
        yield from map(fn, items)
        return
    with ProcessPoolExecutor(initializer=initializer, initargs=tuple(initargs)) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)
