"""The one way the build runs work on the machine's other cores: forked worker processes.

A :class:`Workers` forks its processes when made. Forked, each shares this process's memory as
it was then: the function and all it holds (the registry, ten thousand articles, the templates)
reach the workers without being pickled, and no module global has to carry them. Only the items
sent and the results returned are pickled. A worker may first get ready (load a model) while
this process goes on. Extraction, the pages, the search index and the exports all run through
it; :class:`Aside` is one call run so, beside the caller's own work.

Without fork or a second core, everything runs here, in order, when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def forking() -> bool:
    """True when work can go to other cores: processes fork here, and the machine has a core
    besides this process's (with one, work aside would only wait)."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def _end_with_parent() -> None:
    """End this worker when the process that made it is gone (a killed build): it would
    otherwise wait for work on its pipe for ever."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _serve(conn: Connection, others: list[Connection], fn: Callable[[Any], Any],
           ready: Callable[[], None] | None) -> None:
    """A worker's life: get ready, then for each chunk received send back its results (or the
    exception that stopped it, raised in the caller), until the caller closes the pipe."""
    for other in others:  # the other workers' pipes, forked too: closed, so that a caller
        other.close()  # gone is an end of input for each
    _end_with_parent()
    if ready is not None:
        ready()
    while True:
        try:
            chunk = conn.recv()
        except EOFError:
            return
        try:
            reply: tuple[bool, Any] = (True, [fn(item) for item in chunk])
        except BaseException as error:
            reply = (False, error)
        try:
            conn.send(reply)
        except Exception as error:  # a result or an exception that does not pickle
            conn.send((False, RuntimeError(f"{fn!r}: {error!r}")))


class Workers(Generic[T, R]):
    """``processes`` forked workers mapping ``fn`` over the items they are sent; ``ready``
    runs in each first. Use it as a context manager: leaving the block stops the workers."""

    def __init__(self, fn: Callable[[T], R], processes: int,
                 ready: Callable[[], None] | None = None) -> None:
        self.fn, self.ready = fn, ready
        self.conns: list[Connection] = []
        self.procs: list[multiprocessing.process.BaseProcess] = []
        if processes < 1 or not forking():
            return
        ctx = multiprocessing.get_context("fork")
        for _ in range(processes):
            mine, theirs = ctx.Pipe()
            # not a daemon: a worker may make workers of its own (the exports beside the pages)
            proc = ctx.Process(target=_serve, args=(theirs, [*self.conns, mine], fn, ready))
            proc.start()
            theirs.close()
            self.conns.append(mine)
            self.procs.append(proc)

    @classmethod
    def on_every_core(cls, fn: Callable[[T], R], parallel: bool = True,
                      ready: Callable[[], None] | None = None) -> Workers[T, R]:
        """A worker per core of the machine when ``parallel`` (the work is worth their start),
        else none: then everything runs here."""
        return cls(fn, (os.cpu_count() or 1) if parallel else 0, ready)

    def map(self, items: Sequence[T], chunksize: int = 1) -> Iterator[R]:
        """``fn`` of each item, in order. The first chunks are sent at once, so the workers
        start before the results are asked for; each worker has one chunk in hand at a time."""
        if not self.procs:
            return self._here(items)
        chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
        for k, chunk in enumerate(chunks[:len(self.conns)]):
            self.conns[k].send(chunk)
        return self._collect(chunks)

    def _here(self, items: Sequence[T]) -> Iterator[R]:
        if self.ready is not None and items:
            self.ready()
            self.ready = None
        return map(self.fn, items)

    def _collect(self, chunks: list[Sequence[T]]) -> Iterator[R]:
        n = len(self.conns)
        for k in range(len(chunks)):
            conn = self.conns[k % n]
            try:
                ok, value = conn.recv()
            except EOFError:
                proc = self.procs[k % n]
                proc.join()
                raise RuntimeError(f"a worker process ended without results (exit code "
                                   f"{proc.exitcode}; its error is printed above)") from None
            if not ok:
                raise value
            if k + n < len(chunks):
                conn.send(chunks[k + n])
            yield from value

    def close(self) -> None:
        """Stop the workers, whatever they are doing: their results were taken or are not
        wanted."""
        for conn in self.conns:
            conn.close()
        for proc in self.procs:
            if proc.exitcode is None:
                proc.kill()
            proc.join()
        self.conns, self.procs = [], []

    def __enter__(self) -> Workers[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def pmap(fn: Callable[[T], R], items: Sequence[T], parallel: bool, chunksize: int = 1,
         ready: Callable[[], None] | None = None) -> list[R]:
    """``[fn(item) for item in items]``, over every core when ``parallel`` (worth the workers'
    start) and the machine has more than one."""
    with Workers.on_every_core(fn, parallel, ready) as workers:
        return list(workers.map(items, chunksize))


class Aside(Generic[R]):
    """``fn(*args)`` started on another core at once; :meth:`result` waits for what it returns
    (which must pickle) or raises what it raised. Use it as a context manager: leaving the
    block stops the call if its result was not taken. Without fork or a second core, ``fn``
    runs when the result is asked for."""

    def __init__(self, fn: Callable[..., R], *args: Any) -> None:
        self.workers: Workers[None, R] = Workers(lambda _: fn(*args), 1)
        self.results = self.workers.map([None])

    def result(self) -> R:
        try:
            return next(self.results)
        finally:
            self.workers.close()

    def __enter__(self) -> Aside[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.workers.close()
