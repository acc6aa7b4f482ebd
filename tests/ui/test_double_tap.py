"""A double tap (a gloved finger, a bouncing touch screen) on a button that writes a record writes it once.
A double click on "New code" filled two containers for one jar, each with its 'collected' custody event; on
"New shipment" it opened two coolers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from one_borehole import window_on_b01
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import container, layer, sample, shipment
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    w = window_on_b01(qtbot, s, "Tikken")
    yield w
    w.tasks.wait()
    s.close()


def double_click(button: QAbstractButton) -> None:
    """What the platform sends for a double click: press, release, double-click, release."""
    at = QPointF(button.rect().center())
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                 QEvent.Type.MouseButtonRelease):
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
        QApplication.sendEvent(button, QMouseEvent(kind, at, QPointF(button.mapToGlobal(at)), Qt.MouseButton.LeftButton,
                                                   held, Qt.KeyboardModifier.NoModifier))


def test_a_double_tap_on_new_code_fills_one_container(qtbot: QtBot, window: MainWindow) -> None:
    form = window.sample_form
    window.tabs.setCurrentWidget(form)
    form.rows[0].upper_edit.setText("0,10")
    form.rows[0].lower_edit.setText("0,50")
    double_click(form.save_button)
    [taken] = sample.of_borehole(window.session.store, window.current_borehole().id)  # type: ignore[union-attr]
    assert form.errors_general.text() == "" and form.errors.text_for("code") == "", "no 'already used' after it"
    double_click(form.generate_button)
    assert len(container.of_sample(window.session.store, taken.id)) == 1
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(form.generate_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.generate_button, Qt.MouseButton.LeftButton)
    assert len(container.of_sample(window.session.store, taken.id)) == 3, "two single clicks are two containers"


def test_a_double_tap_on_save_layer_saves_it_once_and_says_nothing_wrong(window: MainWindow) -> None:
    form = window.layer_form
    window.tabs.setCurrentWidget(form)
    form.upper_edit.setText("1,00")
    form.lower_edit.setText("1,50")
    form.soil_edit.setText("Kz1")
    double_click(form.save_button)
    assert [x.lower_cm for x in layer.of_borehole(window.session.store, window.current_borehole().id)] == [  # type: ignore[union-attr]
        100, 150]
    assert form.errors.text_for("lower depth") == "", "the second tap did not try to save the empty next layer"


def test_a_double_tap_on_new_shipment_opens_one_cooler(qtbot: QtBot, window: MainWindow) -> None:
    view = window.open_shipments()
    assert view is not None
    qtbot.waitExposed(view)
    view.lab_edit.setText("Eurofins Analytico")
    double_click(view.create_button)
    proj = window.current_project()
    assert proj is not None
    assert [s.code for s in shipment.of_project(window.session.store, proj.id)] == ["COC-0001"]
