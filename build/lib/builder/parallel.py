"""Work on the machine's other cores: a function mapped over items, or one call run aside."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def other_cores() -> bool:
    """True when the machine has a core besides this process's: else work aside only waits."""
    return (os.cpu_count() or 1) > 1


def pmap(fn: Callable[[T], R], items: list[T], parallel: bool,
         initializer: Callable[..., None] | None = None, initargs: Iterable[Any] = (),
         chunksize: int = 1) -> Iterator[R]:
    """``map(fn, items)`` in order; in worker processes when ``parallel`` and the machine has
    more than one core (``fn`` and the items must then pickle). ``initializer`` runs once in
    each worker, or here before an in-process map."""
    if not parallel or not other_cores():
        if initializer is not None:
            initializer(*initargs)
        yield from map(fn, items)
        return
    with ProcessPoolExecutor(initializer=_start_worker,
                             initargs=(initializer, tuple(initargs))) as pool:
        yield from pool.map(fn, items, chunksize=chunksize)


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """Run ``initializer`` in a new pool worker, and end the worker when its parent is gone: it
    waits for work on a pipe it holds both ends of, and had outlived a killed build for ever."""
    parent = os.getppid()  # this process's maker (a fork server's child has that server)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _run(pipe: Connection, unused: Connection, fn: Callable[..., Any],
         args: tuple[Any, ...]) -> None:
    unused.close()  # the reading end, forked too: were it open here, a caller that dies would
    # leave this process writing into a pipe that no one reads, for ever
    try:
        result: tuple[bool, Any] = (True, fn(*args))
    except BaseException as error:  # handed to the caller, raised there
        result = (False, error)
    pipe.send(result)
    pipe.close()


class Aside(Generic[R]):
    """``fn(*args)`` started in a forked process; :meth:`result` waits for what it returns
    (which must pickle; an exception it raises is raised there). Use it as a context manager:
    leaving the block stops the process if its result was not taken.

    Forked, the process shares this one's memory as it was: arguments such as ten thousand
    articles are not copied over. Without fork or a second core, ``fn`` runs when the result
    is asked for.
    """

    def __init__(self, fn: Callable[..., R], *args: Any) -> None:
        self.fn, self.args = fn, args
        self.proc: multiprocessing.process.BaseProcess | None = None
        if "fork" not in multiprocessing.get_all_start_methods() or not other_cores():
            return
        ctx = multiprocessing.get_context("fork")
        self.receive, send = ctx.Pipe(duplex=False)
        # not a daemon: it may start worker processes of its own
        self.proc = ctx.Process(target=_run, args=(send, self.receive, fn, args))
        self.proc.start()
        send.close()

    def result(self) -> R:
        if self.proc is None:
            return self.fn(*self.args)
        try:
            ok, value = self.receive.recv()
        except EOFError:
            self.proc.join()
            raise RuntimeError(f"{self.fn.__name__} ended without a result "
                               f"(exit code {self.proc.exitcode})") from None
        finally:
            self.receive.close()
        self.proc.join()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def __enter__(self) -> Aside[R]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.exitcode is None:
            self.proc.kill()
            self.proc.join()
