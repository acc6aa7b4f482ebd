"""Issue 18, the first window: what the window shows first of a big file is read by a worker while the
window is being built, not after it on the GUI thread; what the worker read before a write is dropped."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, borehole_page, project
from fieldapp.domain.project import Project
from fieldapp.errors import StoreError
from fieldapp.session import Session
from ui import lazy_boreholes
from ui.lazy_boreholes import OpeningAhead
from ui.lazy_model import PAGE
from ui.main_window import MainWindow
from ui.taskman import TaskManager


@pytest.fixture(autouse=True)
def _any_file_is_big(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lazy_boreholes, "OPENING_AHEAD_BYTES", 0)  # a test's file is read ahead as a big one


def _projects(session: Session, n: int) -> Project:
    first = project.create(session, code="P-A", name="First")
    project.create(session, code="P-B", name="Second")
    with session.store.action("test boreholes") as tx:
        tx.insert_many("borehole", [{"project_id": first.id, "code": f"B{i}", "kind": "boring"}
                                    for i in range(1, n + 1)])
    return first


def test_the_first_projects_count_and_first_rows_come_from_a_worker(
        qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _projects(session, PAGE + 5)  # two pages: only the first is read ahead
    on_gui: list[str] = []
    counts, page = borehole_page.counts, borehole_page.page
    monkeypatch.setattr(borehole_page, "counts", lambda *a: (on_gui.append("count"), counts(*a))[1])
    monkeypatch.setattr(borehole_page, "page", lambda *a: (on_gui.append("page"), page(*a))[1])
    read_by: list[str] = []
    read_opening = borehole_page.read_opening
    monkeypatch.setattr(borehole_page, "read_opening", lambda *a: (
        read_by.append(threading.current_thread().name), read_opening(*a))[1])
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert w.current_project() == first
    assert on_gui == []  # neither the count nor the first page was read on the GUI thread
    assert read_by and read_by[0] != threading.main_thread().name
    m = w.boreholes_model
    assert m.rowCount() == PAGE + 5 and m.reads == 1
    assert [m.record(r).code for r in (0, 1, 9, PAGE - 1)] == ["B1", "B2", "B10", f"B{PAGE}"]
    assert "(205, 0 measured)" in w.boreholes_title.text()
    assert m.record(PAGE).code == f"B{PAGE + 1}" and on_gui == ["page"]  # the second page: read when shown
    w.select_project(1)  # any other project is read as before
    assert on_gui[-1] == "count" and m.rowCount() == 0


def test_what_the_worker_read_before_a_write_is_dropped(session: Session) -> None:
    first = _projects(session, 3)
    tasks = TaskManager()
    ahead = OpeningAhead(tasks, session.store)
    borehole.create(session, first.id, code="B4")  # written after the worker was asked, before it was taken
    assert ahead.take(session.store, first.id) is None
    fresh = OpeningAhead(tasks, session.store)
    opening = fresh.take(session.store, first.id)
    assert opening is not None and opening.counts == (4, 0)
    assert [b.code for b in opening.first] == ["B1", "B2", "B3", "B4"]
    assert fresh.take(session.store, first.id) is None  # taken once
    other = OpeningAhead(tasks, session.store)
    assert other.take(session.store, "another project") is None
    tasks.wait()


def test_a_file_without_projects_opens_with_none_read_ahead(qtbot: QtBot, session: Session) -> None:
    assert borehole_page.read_opening(str(session.store.path), PAGE) is None
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert w.current_project() is None and w.boreholes_model.rowCount() == 0


def test_a_worker_that_fails_reading_ahead_leaves_the_reading_to_the_gui_thread(
        qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    _projects(session, 3)

    def broken(path: str, limit: int) -> borehole_page.Opening | None:
        raise StoreError("The file cannot be read.")

    monkeypatch.setattr(borehole_page, "read_opening", broken)
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert w.boreholes_model.rowCount() == 3 and "(3, 0 measured)" in w.boreholes_title.text()


def test_a_result_read_ahead_is_handed_over_with_its_error() -> None:
    tasks = TaskManager()
    assert tasks.ahead(sum, [1, 2, 3]).result() == 6

    def fails() -> None:
        raise StoreError("no file")

    with pytest.raises(StoreError, match="no file"):
        tasks.ahead(fails).result()
    tasks.wait()


def test_work_no_worker_has_started_is_done_by_the_thread_asking(qtbot: QtBot) -> None:
    tasks = TaskManager(max_threads=1)
    release = threading.Event()
    tasks.run(release.wait)  # the only worker is busy
    done_by: list[str] = []
    ahead = tasks.ahead(lambda: done_by.append(threading.current_thread().name) or 7)
    assert ahead.result() == 7  # not waited for the busy worker: done here
    assert done_by == [threading.current_thread().name]
    release.set()
    tasks.wait()
    assert done_by == [threading.current_thread().name]  # and not again by the worker


def test_a_small_file_is_read_on_the_gui_thread_without_a_worker(
        qtbot: QtBot, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lazy_boreholes, "OPENING_AHEAD_BYTES", 64 * 1024 * 1024)
    _projects(session, 3)
    asked: list[str] = []
    monkeypatch.setattr(borehole_page, "read_opening", lambda *a: asked.append("worker"))
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert asked == [] and w.boreholes_model.rowCount() == 3 and "(3, 0 measured)" in w.boreholes_title.text()
