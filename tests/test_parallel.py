"""The one way work runs on other cores: forked workers that share the caller's memory."""

from __future__ import annotations

import os

import pytest

from builder import parallel
from builder.parallel import Aside, Workers, pmap


class Unpicklable:
    """A value that cannot cross a pipe: workers must reach it through the fork."""

    def __init__(self) -> None:
        self.table = {i: i * i for i in range(100)}
        self.lock = __import__("threading").Lock()  # locks do not pickle


def test_workers_share_what_the_function_holds_and_keep_order() -> None:
    held = Unpicklable()
    with Workers(lambda i: (held.table[i], os.getpid()), 2) as workers:
        got = list(workers.map(range(100), chunksize=7))
    assert [square for square, _ in got] == [i * i for i in range(100)]
    if parallel.forking():
        assert os.getpid() not in {pid for _, pid in got}


def test_ready_runs_in_each_worker_before_its_items() -> None:
    seen: list[str] = []
    with Workers(lambda _: list(seen), 2, ready=lambda: seen.append("ready")) as workers:
        assert list(workers.map([0, 1, 2])) == [["ready"]] * 3


def test_an_error_in_a_worker_is_raised_in_the_caller() -> None:
    def fail(i: int) -> int:
        if i == 5:
            raise ValueError("five")
        return i

    with pytest.raises(ValueError, match="five"):
        pmap(fail, range(10), True)
    with Aside(fail, 5) as aside, pytest.raises(ValueError, match="five"):
        aside.result()


def test_one_core_runs_everything_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 1)
    assert pmap(lambda i: os.getpid(), range(3), True) == [os.getpid()] * 3
    assert Aside(os.getpid).result() == os.getpid()


def test_aside_starts_at_once_and_is_stopped_when_left() -> None:
    if not parallel.forking():
        pytest.skip("no fork or a single core: nothing runs aside")
    with Aside(__import__("time").sleep, 60) as aside:
        proc = aside.workers.procs[0]
        assert proc.is_alive()
    assert proc.exitcode is not None  # stopped, not left sleeping
