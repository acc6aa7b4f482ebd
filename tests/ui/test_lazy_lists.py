"""The borehole list reads what is on screen (issue 18 item 2): a project of a few thousand
boreholes is counted, not loaded; scrolling reads the pages it reaches; natural order and the
search come from SQL and give the rows the old in-memory list gave, in the same order."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.domain import project
from fieldapp.domain.borehole import Borehole, natural_key
from fieldapp.domain.project import Project
from fieldapp.session import Session
from ui import i18n
from ui.lazy_model import KEPT, PAGE
from ui.main_window import MainWindow

N = 3000
CLASSES = ("DGPS50tot200cm", "RTKGPS0tot2cm", None)


def _codes() -> list[str]:
    """Codes a real project mixes: numbered with and without leading zeros, letters, two numbers."""
    codes = [f"B{n}" for n in range(1, 2001)]
    codes += [f"HB-{a}-{b}" for a in range(1, 21) for b in range(1, 41)]  # 800
    codes += [f"pb{n:03d}" for n in range(1, 151)] + [f"B{n}a" for n in range(1, 51)]  # 200
    assert len(codes) == N
    random.Random(18).shuffle(codes)  # stored in no particular order
    return codes


@pytest.fixture
def big(session: Session) -> Project:
    p = project.create(session, code="P-BIG", name="Big site")
    rows = []
    for i, code in enumerate(_codes()):
        measured = i % 3 != 0
        rows.append({"project_id": p.id, "code": code, "kind": "boring",
                     "lat": 52.0 + i / 1e5 if measured else None, "lon": 5.0 if measured else None,
                     "final_depth_cm": None if i % 7 == 0 else 50 + (i * 37) % 450,
                     "position_class": CLASSES[i % 3] if measured else None})
    with session.store.action("test boreholes") as tx:
        tx.insert_many("borehole", rows)
    return p


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.select_project(0)
    QApplication.processEvents()
    return w


def _cells(w: MainWindow) -> list[tuple[str, str, str, str]]:
    m = w.boreholes_model
    return [tuple(m.data(m.index(r, c)) for c in range(4)) for r in range(m.rowCount())]  # type: ignore[misc]


def _old_list(session: Session, p: Project, w: MainWindow, needle: str) -> list[str]:
    """What the list showed before it read lazily: every borehole in Python, naturally sorted,
    kept when one of its shown cells contains the text."""
    rows = session.store.query("SELECT * FROM borehole WHERE project_id = ?", (p.id,))
    holes = sorted((Borehole(**r) for r in rows), key=lambda b: natural_key(b.code))
    columns = w.boreholes_model._columns
    return [b.code for b in holes if any(needle.casefold() in c.text(b).casefold() for c in columns)]


def test_a_big_project_is_counted_not_loaded_and_scrolling_reads_more(qtbot: QtBot, session: Session,
                                                                      big: Project) -> None:
    w = _window(qtbot, session)
    m = w.boreholes_model
    assert m.rowCount() == N  # the scroll bar is true to the whole project from the start
    assert f"({N:,}, 2,000 measured)" in w.boreholes_title.text()
    assert 0 < m.loaded <= 2 * PAGE and m.reads <= 2, "more than the first screen was read"
    view = w.borehole_view
    reads = m.reads
    view.scrollToBottom()
    QApplication.processEvents()
    assert m.reads > reads, "scrolling to the end read nothing"
    assert m.loaded <= KEPT * PAGE < N
    last = view.indexAt(QPoint(5, view.viewport().height() - 5))
    assert m.data(m.index(N - 1, 0)) == "pb150"  # HB-20-40 < pb001 ... pb150: letters without case
    assert last.isValid() and last.row() > N - 40
    # down the whole list a screen at a time: it never holds more than its few pages
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 25)):
        bar.setValue(value)
        QApplication.processEvents()
        assert m.loaded <= KEPT * PAGE
    # a row far from what is read is selected: its page is read, the form gets the whole borehole
    target = session.store.query("SELECT id FROM borehole WHERE code = 'B1500'")[0]["id"]
    w.select_borehole_id(target)
    bh = w.current_borehole()
    assert bh is not None and bh.code == "B1500" and bh.id == target
    assert w.borehole_view.currentIndex().row() == 1499 + 50  # B1..B1499 and B1a..B50a before it


def test_natural_order_and_search_give_the_old_rows_in_the_old_order(qtbot: QtBot, session: Session,
                                                                     big: Project) -> None:
    w = _window(qtbot, session)
    shown = [c[0] for c in _cells(w)]
    assert shown == _old_list(session, big, w, "")
    assert shown[:4] == ["B1", "B1a", "B2", "B2a"] and shown.index("B10") < shown.index("B100")
    assert shown.index("HB-2-9") + 1 == shown.index("HB-2-10")
    # code, status, depth, the position class as shown, the dash of an empty cell
    for needle in ("b1", "HB-1", "MEASURED", "planned", "2.5", "0.5", "DGPS 50", "0–2", "–", "zz"):
        w.borehole_search.setText(needle)
        assert [c[0] for c in _cells(w)] == _old_list(session, big, w, needle), needle
    w.borehole_search.setText("hb-2-1")
    assert [c[0] for c in _cells(w)][:3] == ["HB-2-1", "HB-2-10", "HB-2-11"]


def test_searching_keeps_the_selected_borehole_and_escape_shows_all(qtbot: QtBot, session: Session,
                                                                    big: Project) -> None:
    w = _window(qtbot, session)
    w.select_borehole_id(session.store.query("SELECT id FROM borehole WHERE code = 'B1234'")[0]["id"])
    w.borehole_search.setFocus()
    QTest.keyClicks(w.borehole_search, "b123")
    assert [c[0] for c in _cells(w)] == ["B123", *(f"B{n}" for n in range(1230, 1240)), "pb123"]
    bh = w.current_borehole()
    assert bh is not None and bh.code == "B1234"
    assert w.borehole_view.currentIndex().row() == 5
    QTest.keyClick(w.borehole_search, Qt.Key.Key_Escape)
    assert w.boreholes_model.rowCount() == N


def test_the_sample_form_offers_every_borehole_without_reading_them_all(qtbot: QtBot, session: Session,
                                                                          big: Project) -> None:
    w = _window(qtbot, session)
    target = session.store.query("SELECT id FROM borehole WHERE code = 'HB-7-3'")[0]["id"]
    w.select_borehole_id(target)
    form = w.sample_form
    w.tabs.setCurrentWidget(form)
    QApplication.processEvents()
    # the chosen borehole's page, the first, and at most the page next to it (the combo's hidden list
    # shows the rows around the chosen one, as many as its last size holds): never the whole project
    assert len(form._boreholes) == N and form._codes.loaded <= 3 * PAGE < N
    combo = form.rows[0].borehole_combo
    assert combo.currentText() == "HB-7-3"  # its page read to show it, not the pages before
    form.rows[0].upper_edit.setText("0.1")
    form.rows[0].lower_edit.setText("0.5")
    assert [p.borehole_id for p in form.parts()] == [target]
    combo.setCurrentIndex(N - 1)
    assert combo.currentText() == "pb150" and form.parts()[0].borehole_id != target


def test_a_language_change_leaves_the_borehole_choices_unread(qtbot: QtBot, session: Session, big: Project) -> None:
    """Retranslation once set every combo item's text anew: each sample part's borehole combo read the
    whole project through its lazy model (and it is where a segfault was seen once, in setItemText)."""
    w = _window(qtbot, session)
    w.select_borehole_id(session.store.query("SELECT id FROM borehole WHERE code = 'HB-7-3'")[0]["id"])
    form = w.sample_form
    w.tabs.setCurrentWidget(form)
    QApplication.processEvents()
    app = QCoreApplication.instance()
    assert app is not None and w.lang == "en"
    i18n.install(app, "nl")
    try:
        qtbot.waitUntil(lambda: w.lang == "nl", timeout=5_000)
        assert w.tabs.tabText(3) == "Monsters"  # the window did change language
        assert form._codes.loaded <= 3 * PAGE  # as when the form was shown (above); the old walk read 1,600
        assert form.rows[0].borehole_combo.currentText() == "HB-7-3"
    finally:
        i18n.install(app, "en")
        qtbot.waitUntil(lambda: w.lang == "en", timeout=5_000)


def test_the_first_window_reads_the_count_and_the_first_search_what_a_search_needs(
        qtbot: QtBot, session: Session, big: Project) -> None:
    """Opening a project reads its count and measured count only; the deepest depth and the position
    classes a search needs are read at the first search, once, and still find what the old list found."""
    said: list[str] = []
    session.store.conn.set_trace_callback(said.append)
    try:
        w = _window(qtbot, session)
        assert f"({N:,}, 2,000 measured)" in w.boreholes_title.text()
        assert not [s for s in said if "position_class" in s and "json_group_array" in s], said
        for needle in ("2.5", "DGPS 50", "0.5"):
            w.borehole_search.setText(needle)
            assert [c[0] for c in _cells(w)] == _old_list(session, big, w, needle), needle
        assert len([s for s in said if "json_group_array" in s]) == 1, "the search's facts read again"
        assert f"({N:,}, 2,000 measured)" in w.boreholes_title.text()
    finally:
        session.store.conn.set_trace_callback(None)
