"""Cycles are freed on the GUI thread, never on a worker that happens to allocate.

A cycle that holds a Qt object and is freed on a worker deletes that object
off the GUI thread: the segfault seen once in CI during a label render."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot

from ui.collector import collect_on_gui_thread, no_cycle_collection
from ui.taskman import TaskManager


class _Cycle:
    """A reference cycle that notes the thread it was finally freed on."""

    def __init__(self, freed_on: list[int]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.get_ident())


def _allocate(n: int) -> list[list[int]]:
    # what a label render or an NMEA parse does: many small container objects
    return [[i] for i in range(n)]


def test_a_worker_that_allocates_does_not_free_the_gui_threads_cycles(qtbot: QtBot, qapp: object) -> None:
    collector = collect_on_gui_thread(qapp)  # type: ignore[arg-type]
    assert collector is collect_on_gui_thread(qapp)  # type: ignore[arg-type]  # one per application
    assert not gc.isenabled()
    freed_on: list[int] = []
    _Cycle(freed_on)  # unreachable at once, reclaimable only by the cycle collector
    tasks = TaskManager()
    kept: list[object] = []
    task = tasks.run(_allocate, 200_000, on_done=kept.append)
    with qtbot.waitSignal(tasks.finished, timeout=10_000, check_params_cb=lambda t: t == task):
        pass
    assert freed_on == [] or freed_on == [threading.get_ident()]  # not on the worker
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5_000)  # the GUI thread's next tick frees it
    assert freed_on == [threading.get_ident()]
    assert collector.collections >= 1


def test_the_start_imports_pause_collection_and_leave_it_as_it_was() -> None:
    was = gc.isenabled()
    try:
        for before in (True, False):
            (gc.enable if before else gc.disable)()
            with no_cycle_collection():
                assert not gc.isenabled()
            assert gc.isenabled() is before
        gc.enable()
        try:
            with no_cycle_collection():
                raise ImportError("a module the window needs is missing")
        except ImportError:
            pass
        assert gc.isenabled(), "a failed import left the collector off"
    finally:
        (gc.enable if was else gc.disable)()


def test_what_the_start_imports_made_goes_to_the_oldest_generation_unfrozen() -> None:
    was = gc.isenabled()
    try:
        gc.enable()
        with no_cycle_collection():
            made = [[i] for i in range(5_000)]  # tracked objects, as a module's import makes them
        oldest = gc.get_objects(generation=2)
        assert any(o is made[0] for o in oldest) and any(o is made[-1] for o in oldest)
        assert gc.get_freeze_count() == 0  # and not frozen: a full collection still looks at them
    finally:
        (gc.enable if was else gc.disable)()
