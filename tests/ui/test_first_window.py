"""Issue 18, the first window: a big project opens reading one row for its count and one screenful of
boreholes, the same work as a small one (the count is kept by the file: fieldapp/store/tally.py)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, project
from fieldapp.domain.project import Project
from fieldapp.session import Session
from ui.lazy_model import PAGE
from ui.main_window import MainWindow


def _projects(session: Session, n: int, measured: int = 0) -> Project:
    first = project.create(session, code="P-A", name="First")
    project.create(session, code="P-B", name="Second")
    with session.store.action("test boreholes") as tx:
        tx.insert_many("borehole", [{"project_id": first.id, "code": f"B{i}", "kind": "boring",
                                     "lat": 52.0 if i <= measured else None, "lon": 5.0 if i <= measured else None}
                                    for i in range(1, n + 1)])
    return first


def _statements(session: Session) -> list[str]:
    said: list[str] = []
    session.store.conn.set_trace_callback(said.append)
    return said


@pytest.mark.parametrize("n", [3, 3 * PAGE + 5])
def test_the_first_window_reads_one_row_for_the_count_and_one_screenful_of_boreholes(
        qtbot: QtBot, session: Session, n: int) -> None:
    first = _projects(session, n, measured=2)
    said = _statements(session)
    w = MainWindow(session)
    qtbot.addWidget(w)
    session.store.conn.set_trace_callback(None)
    assert w.current_project() == first
    m = w.boreholes_model
    assert m.rowCount() == n and f"({n}, 2 measured)" in w.boreholes_title.text()
    assert m.reads == 1 and m.loaded == min(n, PAGE)  # the first page, however many there are
    assert [m.record(r).code for r in (0, 1, 2)] == ["B1", "B2", "B3"]
    counted = [s for s in said if "COUNT(" in s.upper() and "FROM BOREHOLE" in s.upper()]
    assert counted == []  # no scan of the project's boreholes to count them
    assert any("borehole_tally" in s for s in said)


def test_a_file_without_projects_opens_with_an_empty_list(qtbot: QtBot, session: Session) -> None:
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert w.current_project() is None and w.boreholes_model.rowCount() == 0


def test_the_title_follows_a_borehole_added_measured_and_deleted(qtbot: QtBot, session: Session) -> None:
    first = _projects(session, 3)
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert "(3, 0 measured)" in w.boreholes_title.text()
    b4 = borehole.create(session, first.id, code="B4")
    w.refresh()
    assert w.boreholes_model.rowCount() == 4 and "(4, 0 measured)" in w.boreholes_title.text()
    with session.store.action("measure B4") as tx:
        tx.update("borehole", b4.id, {"lat": 52.1, "lon": 5.1})
    w.refresh()
    assert "(4, 1 measured)" in w.boreholes_title.text()
    with session.store.action("delete B4") as tx:
        tx.delete("borehole", b4.id)
    w.refresh()
    assert w.boreholes_model.rowCount() == 3 and "(3, 0 measured)" in w.boreholes_title.text()


def test_a_count_of_thousands_is_grouped_as_the_language_writes_it(qtbot: QtBot, session: Session, dutch: None) -> None:
    _projects(session, 1203, measured=1001)
    w = MainWindow(session)
    qtbot.addWidget(w)
    assert "(1.203, 1.001 ingemeten)" in w.boreholes_title.text()
