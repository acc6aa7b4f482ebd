"""Enter saves from every field of the layer and sample forms, and Ctrl+Z / Ctrl+Y undo and redo
actions from anywhere, a text field keeping its own undo only while it is being edited (issue 16)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project, sample
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    proj = project.create(s, code="P1", name="Keys")
    borehole.create(s, proj.id, code="B01")
    w = MainWindow(s)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    w.select_borehole(0)
    yield w
    w.tasks.wait()
    s.close()


def press(widget: QWidget, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    QTest.keyClick(widget, k, mods)


def layers(w: MainWindow) -> list[layer.Layer]:
    bh = w.current_borehole()
    assert bh is not None
    return layer.of_borehole(w.session.store, bh.id)


@pytest.mark.parametrize("name", ["colour_combo", "smell_combo", "oil_combo", "admixture_combo", "grade_combo",
                                  "main_combo"])
def test_enter_in_a_pick_list_saves_the_layer(window: MainWindow, name: str) -> None:
    lf = window.layer_form
    window.tabs.setCurrentWidget(lf)
    lf.lower_edit.setText("0.50")
    lf.soil_edit.setText("Zs1")
    combo: QComboBox = getattr(lf, name)
    if name != "main_combo":
        combo.setCurrentIndex(1)
    press(combo, Qt.Key.Key_Return)
    assert [(x.upper_cm, x.lower_cm) for x in layers(window)] == [(0, 50)], lf.errors_general.text()
    assert QApplication.focusWidget() is lf.lower_edit  # ready for the next layer


def test_enter_in_the_sample_form_saves_from_every_field(window: MainWindow) -> None:
    lf = window.layer_form
    lf.lower_edit.setText("1.00")
    lf.soil_edit.setText("Zs1")
    assert lf.save() is not None
    sf = window.sample_form
    window.tabs.setCurrentWidget(sf)
    store, proj = window.session.store, window.current_project()
    assert proj is not None
    for n, widget in enumerate((sf.kind_combo, sf.matrix_combo, sf.rows[0].borehole_combo, sf.code_edit,
                                sf.analyses_edit), start=1):
        sf.show_sample(None)
        sf.code_edit.setText(f"M{n:02d}")
        sf.rows[0].upper_edit.setText("0.0")
        sf.rows[0].lower_edit.setText("0.5")
        press(widget, Qt.Key.Key_Enter)
        assert len(sample.of_project(store, proj.id)) == n, (widget, sf.errors_general.text())


def test_ctrl_z_undoes_actions_from_a_field_unless_it_is_being_edited(qtbot: QtBot, window: MainWindow) -> None:
    lf = window.layer_form
    window.tabs.setCurrentWidget(lf)
    lf.lower_edit.setText("0.50")
    lf.soil_edit.setText("Zs1")
    press(lf.soil_edit, Qt.Key.Key_Return)
    assert len(layers(window)) == 1
    assert QApplication.focusWidget() is lf.lower_edit

    # typing in the field: the first Ctrl+Z takes the typing back, the layer stays
    QTest.keyClicks(lf.lower_edit, "1.2")
    QTest.keyClick(lf.lower_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lf.lower_edit.text() == "" and len(layers(window)) == 1
    # nothing of the field's own left to take back: Ctrl+Z undoes the saved layer
    QTest.keyClick(lf.lower_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layers(window) == []
    # Ctrl+Y redoes it, from a pick list as well as from a text field
    press(lf.colour_combo, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [(x.upper_cm, x.lower_cm) for x in layers(window)] == [(0, 50)]
    press(lf.remarks_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layers(window) == []
    press(lf.remarks_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(layers(window)) == 1


def test_ctrl_z_from_a_number_field_undoes_the_last_action(window: MainWindow) -> None:
    lf = window.layer_form
    window.tabs.setCurrentWidget(lf)
    lf.lower_edit.setText("0.50")
    lf.soil_edit.setText("Zs1")
    assert lf.save() is not None
    spin = window.borehole_form.averaging.count_spin  # a spin box on the Position tab
    window.tabs.setCurrentWidget(window.borehole_form)
    press(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layers(window) == []


def test_a_logged_layer_is_opened_from_the_list_by_keyboard_and_changed(window: MainWindow) -> None:
    """Gloves, no mouse: arrows to a layer in the list, Enter opens it in the form (it opened only on a
    click), Tab to the soil code, Enter saves the change."""
    lf = window.layer_form
    window.tabs.setCurrentWidget(lf)
    for lower in ("0.50", "1.20"):
        lf.lower_edit.setText(lower)
        lf.soil_edit.setText("Zs1")
        assert lf.save() is not None
    press(lf.view, Qt.Key.Key_Home)
    QTest.keyClick(lf.view, Qt.Key.Key_Down)
    QTest.keyClick(lf.view, Qt.Key.Key_Return)
    assert lf.editing is not None and lf.editing.upper_cm == 50, "Enter on the row opens the layer"
    assert QApplication.focusWidget() is lf.lower_edit and lf.lower_edit.selectedText() == "1.20"
    QTest.keyClick(lf.lower_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is lf.soil_edit
    lf.soil_edit.selectAll()
    QTest.keyClicks(lf.soil_edit, "Kz1")
    QTest.keyClick(lf.soil_edit, Qt.Key.Key_Return)
    assert [(x.upper_cm, x.lower_cm, x.soil_code) for x in layers(window)] == [(0, 50, "Zs1"), (50, 120, "Kz1")]
