"""A well and a complete sampling round recorded through the GUI from a real purge's readings, typed
with the keyboard as in the field: the stop rule is signalled at the right reading (not before),
the GAR observations and the finished purge are stored; bad input is refused beside its box and
nothing is written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, project
from fieldapp.domain import sampling_round as round_mod
from fieldapp.domain import well as well_mod
from fieldapp.session import Session
from ui.forms import set_combo_code
from ui.main_window import MainWindow
from ui.well_round import SamplingRoundDialog

# The purge of tests/store/test_well.py (PB01, 25 mm pipe, 1.85 m of water: 0.91 l per well volume):
# "EC stable and at least 5 well volumes" first holds at the reading at 5.0 l, the tenth.
VOLUME = tuple(f"{0.5 * (i + 1):.1f}".replace(".", ",") for i in range(11))  # typed with a decimal comma
EC = ("1250", "1020", "860", "745", "690", "668", "661", "659", "660", "658", "659")
PH = ("6.42", "6.51", "6.58", "6.63", "6.66", "6.68", "6.69", "6.69", "6.70", "6.70", "6.70")
TEMP = ("11.8", "11.5", "11.3", "11.2", "11.1", "11.1", "11.0", "11.0", "11.0", "11.0", "11.0")
TURBIDITY = ("48", "35", "22", "14", "9.5", "7.1", "6.0", "5.2", "4.9", "4.8", "4.7")
O2 = ("6.8", "5.9", "5.0", "4.2", "3.5", "2.9", "2.4", "2.0", "1.7", "1.5", "1.4")
STOP_AT = 9  # index of the reading at 5.0 l


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> MainWindow:
    p = project.create(session, code="P1", name="Gasfabriek", start_date="2026-11-01")
    hole = borehole.create(session, p.id, code="PB01", kind="peilbuis", started_at="2026-11-09T09:00:00+01:00")
    borehole.set_final_depth(session, hole.id, "3.50", "einddoel")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.show()
    w.select_project(0)
    qtbot.waitUntil(lambda: not w.loading)
    w.select_borehole(0)
    w.tabs.setCurrentWidget(w.well_tab)
    return w


def _type(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def _focused(dialog: QWidget) -> QWidget:
    focus = QApplication.focusWidget()
    assert focus is not None
    return focus


def _record_well(qtbot: QtBot, window: MainWindow) -> well_mod.Well:
    form = window.well_tab.form
    assert form.isVisibleTo(window.well_tab)
    for prefix, (top, bottom) in (("filter", ("2.00", "3.00")), ("gravel", ("1.80", "3.20")),
                                  ("seal", ("1.30", "1.80"))):
        _type(qtbot, form.depth_edits[prefix][0], top)
        _type(qtbot, form.depth_edits[prefix][1], bottom)
    _type(qtbot, form.pipe_top_edit, "-0.05")
    _type(qtbot, form.pipe_nap_edit, "0.72")
    _type(qtbot, form.pipe_diameter_edit, "25")
    _type(qtbot, form.filter_diameter_edit, "32")
    _type(qtbot, form.slot_edit, "0.3")
    set_combo_code(form.pipe_material_combo, "pvc")
    set_combo_code(form.filter_material_combo, "pvc")
    set_combo_code(form.finish_combo, "straatpot")
    _type(qtbot, form.placed_edit, "2026-11-09 10:30")
    _type(qtbot, form.development_edit, "afgepompt tot helder water")
    _type(qtbot, form.development_minutes_edit, "20")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.general_error.isVisibleTo(form), form.general_error.text()
    wells = well_mod.of_borehole(window.session.store, window.current_borehole().id)  # type: ignore[union-attr]
    assert len(wells) == 1
    return wells[0]


def _start_round(qtbot: QtBot, window: MainWindow) -> SamplingRoundDialog:
    dialog = window.well_tab.new_round()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.started_edit, "2026-11-18 09:15")
    _type(qtbot, dialog.level_edit, "1.10")
    set_combo_code(dialog.pump_combo, "peristaltischePomp")
    _type(qtbot, dialog.intake_edit, "2.50")
    _type(qtbot, dialog.flow_edit, "500")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.round is not None, dialog.errors.text_for("started at") or dialog.general_error.text()
    return dialog


def test_a_well_and_a_complete_round_typed_through_the_gui(qtbot: QtBot, window: MainWindow,
                                                          session: Session) -> None:
    placed = _record_well(qtbot, window)
    assert (placed.filter_top_cm, placed.filter_bottom_cm, placed.gravel_bottom_cm, placed.seal_top_cm,
            placed.pipe_top_cm, placed.finish) == (200, 300, 320, 130, -5, "straatpot")
    dialog = _start_round(qtbot, window)
    assert dialog.state is not None and dialog.state.well_volume_l == pytest.approx(0.908, abs=0.001)
    met: list[int] = []
    dialog.chart.stop_rule_met.connect(met.append)
    entry = dialog.entry
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    for n in range(len(EC)):
        entry.edits[0].setFocus()
        for col, text in enumerate((VOLUME[n], EC[n], PH[n], TEMP[n], TURBIDITY[n], O2[n])):
            box = entry.edits[col]
            if col == 0:
                box.selectAll()  # the guessed next volume, typed over
            qtbot.keyClicks(box, text)
            qtbot.keyClick(box, Qt.Key.Key_Return)
            if col < len(entry.edits) - 1:
                assert _focused(dialog) is entry.edits[col + 1], "Enter moves on to the next box"
        assert entry.table.model().rowCount() == n + 1, "the reading appends a row"
        assert met == ([] if n < STOP_AT else [STOP_AT]), f"after reading {n + 1}"
        assert _focused(dialog) is entry.edits[0], "back in the volume box for the next reading"
    assert "Stop rule met at reading 10" in dialog.stop_label.text()
    assert "EC stable and at least 5 well volumes" in dialog.stop_label.text()
    assert dialog.chart.stop_index == STOP_AT
    assert entry.model.index(STOP_AT, 0).data(Qt.ItemDataRole.FontRole).bold(), "the stop reading in bold"
    assert entry.model.index(STOP_AT - 1, 0).data(Qt.ItemDataRole.FontRole) is None
    assert entry.edits[0].text() == "6,0" or entry.edits[0].text() == "6.0", "the next volume guessed"

    box = dialog.observation_boxes["hose_reused"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(12, box.height() // 2))  # on its square
    assert box.isChecked()
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert dialog.round is not None
    stored = round_mod.get(session.store, dialog.round.id)
    assert stored.stop_rule == "ec_stable_5_volumes" and stored.finished_at is not None
    assert stored.hose_reused == 1 and stored.filter_aerated == 0
    readings = round_mod.readings(session.store, stored.id)
    assert [r.volume_l for r in readings] == [0.5 * (i + 1) for i in range(11)]
    assert readings[STOP_AT].ec_us_cm == 658 and readings[0].ph == 6.42
    assert not entry.edits[0].isEnabled(), "a finished round's readings are final"
    dialog.accept()
    assert "stop rule met" in window.well_tab.rounds.item(0).text()  # type: ignore[union-attr]


def test_a_bad_value_is_refused_beside_its_box_and_nothing_is_written(qtbot: QtBot, window: MainWindow,
                                                                      session: Session) -> None:
    _record_well(qtbot, window)
    dialog = _start_round(qtbot, window)
    assert dialog.round is not None
    before = session.store.count("journal")
    entry = dialog.entry
    _type(qtbot, entry.edits[0], "1,0")
    _type(qtbot, entry.edits[1], "12x0")
    entry.submit()
    assert "'12x0' is not a number" in entry.errors.text_for("ec")
    _type(qtbot, entry.edits[1], "1200")
    _type(qtbot, entry.edits[2], "16.2")  # pH beyond 14: the core's bounds
    entry.submit()
    assert "not a plausible reading" in entry.errors.text_for("ph")
    assert session.store.count("journal") == before
    assert round_mod.readings(session.store, dialog.round.id) == []
    # finishing before any stop rule held is refused with the rule's message, nothing stored
    _type(qtbot, entry.edits[2], "6.9")
    entry.submit()
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert dialog.general_error.isVisibleTo(dialog) and dialog.general_error.text()
    assert round_mod.get(session.store, dialog.round.id).finished_at is None


def test_a_borehole_that_is_no_well_says_so(qtbot: QtBot, session: Session) -> None:
    p = project.create(session, code="P2", name="Site")
    borehole.create(session, p.id, code="B01")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    qtbot.waitUntil(lambda: not w.loading)
    w.select_borehole(0)
    tab = w.well_tab
    assert "not a monitoring well" in tab.note.text()
    assert not tab.form.isVisibleTo(tab) and not tab.new_button.isEnabled()


def test_the_round_view_speaks_dutch(qtbot: QtBot, dutch: None, window: MainWindow, session: Session) -> None:
    _record_well(qtbot, window)
    dialog = _start_round(qtbot, window)
    assert dialog.finish_button.text() == "Voorpompen afronden"
    entry = dialog.entry
    _type(qtbot, entry.edits[0], "0,5")
    _type(qtbot, entry.edits[2], "16,2")
    entry.submit()
    assert "geen aannemelijke meting" in entry.errors.text_for("ph")
    _type(qtbot, entry.edits[2], "6,42")
    entry.submit()
    assert entry.model.index(0, 2).data() == "6,42"
    assert "Nog geen stopcriterium bereikt" in dialog.stop_label.text()
    assert "Putvolume 0,91 l" in dialog.well_label.text()


def test_placing_and_changing_the_well_are_undone_and_redone(qtbot: QtBot, window: MainWindow,
                                                              session: Session) -> None:
    hole = window.current_borehole()
    assert hole is not None
    placed = _record_well(qtbot, window)
    form = window.well_tab.form
    _type(qtbot, form.depth_edits["filter"][0], "2.20")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert well_mod.get(session.store, placed.id).filter_top_cm == 220
    assert window.undo.undo(), "the change undone"
    assert well_mod.get(session.store, placed.id).filter_top_cm == 200
    assert form.depth_edits["filter"][0].text() == "2.00", "the form shows the well as it is again"
    assert window.undo.undo(), "the placing undone"
    assert well_mod.of_borehole(session.store, hole.id) == []
    assert window.undo.redo() and window.undo.redo()
    again = well_mod.of_borehole(session.store, hole.id)
    assert [w.filter_top_cm for w in again] == [220]


def test_in_dutch_the_well_form_shows_its_numbers_with_the_decimal_comma_and_reads_them_back(
        qtbot: QtBot, dutch: None, window: MainWindow, session: Session) -> None:
    placed = _record_well(qtbot, window)  # typed with points: the boxes take both signs
    form = window.well_tab.form
    form.load(window.current_borehole(), placed)
    assert [e.text() for e in form.depth_edits["filter"]] == ["2,00", "3,00"]
    assert (form.pipe_top_edit.text(), form.pipe_nap_edit.text(), form.slot_edit.text()) == ("-0,05", "0,72", "0,3")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # saved again as shown: nothing changes
    assert not form.general_error.isVisibleTo(form), form.general_error.text()
    again = well_mod.get(session.store, placed.id)
    assert (again.filter_top_cm, again.pipe_top_cm, again.pipe_top_nap_cm, again.slot_width_mm) == (200, -5, 72, 0.3)


def test_a_changed_level_is_stored_when_the_round_is_closed_and_a_bad_one_keeps_it_open(
        qtbot: QtBot, window: MainWindow, session: Session) -> None:
    """The level before purging corrected and the view closed with Esc or Close: it was lost without a word."""
    _record_well(qtbot, window)
    dialog = _start_round(qtbot, window)
    assert dialog.round is not None and dialog.round.water_level_cm == 110
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _type(qtbot, dialog.level_edit, "1,30")
    qtbot.keyClick(dialog.level_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert round_mod.get(session.store, dialog.round.id).water_level_cm == 130

    again = window.well_tab.open_round()  # the round in the list, opened again
    assert again is not None and again.round is not None and again.round.id == dialog.round.id
    qtbot.waitExposed(again)
    assert again.level_edit.text() == "1.30"
    _type(qtbot, again.flow_edit, "veel")
    journal = session.store.count("journal")
    qtbot.mouseClick(next(b for b in again.findChildren(QPushButton) if b.text() == "Close"), Qt.MouseButton.LeftButton)
    assert again.isVisible(), "a flow the core cannot read keeps the round open"
    assert "not a whole number" in again.errors.text_for("flow")
    assert session.store.count("journal") == journal
    _type(qtbot, again.flow_edit, "450")
    again.close()
    assert not again.isVisible()
    assert round_mod.get(session.store, dialog.round.id).flow_ml_min == 450


def test_ctrl_enter_twice_records_one_reading_not_an_empty_one(qtbot: QtBot, window: MainWindow,
                                                               session: Session) -> None:
    """The row after a stored reading holds the next volume alone: a second Ctrl+Enter (a key pressed
    twice, a bounce) stored it as a reading that was never taken."""
    _record_well(qtbot, window)
    dialog = _start_round(qtbot, window)
    assert dialog.round is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    entry = dialog.entry
    for col, text in enumerate((VOLUME[0], EC[0], PH[0], TEMP[0], TURBIDITY[0], O2[0])):
        _type(qtbot, entry.edits[col], text)
    qtbot.keyClick(entry.edits[5], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _focused(dialog) is entry.edits[0] and entry.edits[0].text() in ("1,0", "1.0")
    journal = session.store.count("journal")
    qtbot.keyClick(entry.edits[0], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [(r.volume_l, r.ec_us_cm) for r in round_mod.readings(session.store, dialog.round.id)] == [(0.5, 1250)]
    assert session.store.count("journal") == journal
    assert "no measured value" in entry.errors.text_for("ec")
    _type(qtbot, entry.edits[3], "11,4")  # a reading of the temperature alone is one
    qtbot.keyClick(entry.edits[3], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [r.temperature_c for r in round_mod.readings(session.store, dialog.round.id)] == [11.8, 11.4]
