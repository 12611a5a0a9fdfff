"""Mapping a function over items on all cores, when there are enough items to pay for it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def pmap(fn: Callable[[T], R], items: list[T], minimum: int,
         initializer: Callable[..., None] | None = None, initargs: Iterable[Any] = (),
         chunksize: int = 1) -> Iterator[R]:
    """``map(fn, items)`` in order; in worker processes when there are at least ``minimum``
    items and more than one core (``fn`` and the items must then pickle)."""
    if len(items) < minimum or (os.cpu_count() or 1) < 2:
        if initializer is not None:
            initializer(*initargs)
        yield from map(fn, items)
        return
    with ProcessPoolExecutor(initializer=initializer, initargs=tuple(initargs)) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)
