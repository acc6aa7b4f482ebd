"""A reading removed in the sampling round view (Delete on its row) is taken back by Undo, as every
other delete of the workbench is. Before, Delete removed it at once, with no question and no way back:
a gloved finger on the wrong key lost a reading of the purge for good.

While the view is open (it keeps the window behind it), Ctrl+Z in it puts back the reading it removed
last; after it is closed the window's Undo and Redo do, by name ("Undo remove reading at 1.0 l of
PB01-1")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from one_borehole import window_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, project
from fieldapp.domain import sampling_round as round_mod
from fieldapp.domain import well as well_mod
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow
from ui.well_round import SamplingRoundDialog

READINGS = (("0,5", "1250", "6,42"), ("1,0", "1020", "6,51"), ("1,5", "860", "6,58"))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    proj = project.create(s, code="P1", name="Gasfabriek", start_date="2026-11-01")
    hole = borehole.create(s, proj.id, code="PB01", kind="peilbuis", started_at="2026-11-09T09:00:00+01:00")
    borehole.set_final_depth(s, hole.id, "3.50", "einddoel")
    well_mod.place(s, hole.id, well_mod.WellSpec(filter_top="2.00", filter_bottom="3.00", pipe_diameter_mm=25,
                                                 placed_at="2026-11-09 10:30"))
    with window_at(qtbot, s, "P1", 0, "well_tab") as w:  # deleted after the test
        yield w
    s.close()


def purging(w: MainWindow, qtbot: QtBot) -> SamplingRoundDialog:
    view = w.well_tab.new_round()
    assert view is not None
    qtbot.waitExposed(view)
    view.started_edit.setText("2026-11-18 09:15")
    view.level_edit.setText("1.10")
    view.save_round()
    assert view.round is not None
    for volume, ec, ph in READINGS:
        for col, text in ((0, volume), (1, ec), (2, ph)):
            view.entry.edits[col].setText(text)
        view.entry.submit()
    return view


def stored(w: MainWindow, view: SamplingRoundDialog) -> list[tuple[float, float | None, float | None]]:
    assert view.round is not None
    return [(r.volume_l, r.ec_us_cm, r.ph) for r in round_mod.readings(w.session.store, view.round.id)]


def delete_row(view: SamplingRoundDialog, qtbot: QtBot, row: int) -> None:
    view.activateWindow()  # the offscreen platform hands activation over only when asked
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    table = view.entry.table
    table.setFocus()
    table.setCurrentIndex(view.entry.model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Delete)


ALL = [(0.5, 1250, 6.42), (1.0, 1020, 6.51), (1.5, 860, 6.58)]


def test_ctrl_z_in_the_round_view_puts_a_removed_reading_back(window: MainWindow, qtbot: QtBot) -> None:
    view = purging(window, qtbot)
    assert stored(window, view) == ALL
    delete_row(view, qtbot, 1)
    assert stored(window, view) == [ALL[0], ALL[2]]
    assert view.removed_label.text() == "Reading at 1.0 l removed: Ctrl+Z puts it back."
    assert view.entry.model.rowCount() == 2
    qtbot.keyClick(view.entry.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, view) == ALL, "the reading is back, in purge order"
    assert view.entry.model.rowCount() == 3 and not view.removed_label.isVisible()
    # the window's steps are not the view's to undo: a second Ctrl+Z takes back nothing of them
    index = window.undo.stack.index()
    qtbot.keyClick(view.entry.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo.stack.index() == index and stored(window, view) == ALL


def test_the_windows_undo_and_redo_take_it_back_after_the_view_closed(window: MainWindow, qtbot: QtBot) -> None:
    view = purging(window, qtbot)
    delete_row(view, qtbot, 0)
    assert stored(window, view) == ALL[1:]
    view.accept()
    assert not view.isVisible()
    assert window.undo_action.text() == "Undo remove reading at 0.5 l of PB01-1"
    window.undo_action.trigger()
    assert stored(window, view) == ALL
    window.redo_action.trigger()
    assert stored(window, view) == ALL[1:]
    window.undo_action.trigger()
    assert stored(window, view) == ALL
    again = window.well_tab.open_round()
    assert again is not None and again.entry.model.rowCount() == 3
    again.reject()
