"""The layer form takes the NEN 5104 description as SIKB0101 carries it, by keyboard: "donkerbruin" typed
in the colour is understood (it was refused), kleursterkte, bijkleur, medians and a natural component
picked from lists by typing their first letters, Enter saves; withdrawn values are not offered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project
from fieldapp.domain.layer import Admixture, Component
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow


@pytest.fixture(params=["nl", "en"])
def window(request: pytest.FixtureRequest, qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language=request.param),
                     lists=lists)
    proj = project.create(s, code="P1", name="Kleur")
    borehole.create(s, proj.id, code="B01")
    w = MainWindow(s)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    w.select_borehole(0)
    w.tabs.setCurrentWidget(w.layer_form)
    yield w
    w.tasks.wait()
    s.close()


def _layers(w: MainWindow) -> list[layer.Layer]:
    bh = w.current_borehole()
    assert bh is not None
    return layer.of_borehole(w.session.store, bh.id)


def test_donkerbruin_typed_in_the_colour_is_saved_as_kleur_and_kleursterkte(window: MainWindow) -> None:
    lf = window.layer_form
    QTest.keyClicks(lf.lower_edit, "0.40")
    QTest.keyClicks(lf.soil_edit, "Zs1h2")
    lf.colour_combo.setFocus()
    QTest.keyClicks(lf.colour_combo.lineEdit(), "donkerbruin")
    QTest.keyClick(lf.colour_combo.lineEdit(), Qt.Key.Key_Return)  # Enter saves from the colour too
    [saved] = _layers(window)
    assert (saved.colour, saved.colour_shade, saved.secondary_colour) == ("bruin", "donker", None)
    assert lf.model.rowCount() == 1


def test_description_lists_picked_by_keyboard(window: MainWindow) -> None:
    lf = window.layer_form
    QTest.keyClicks(lf.lower_edit, "0.50")
    QTest.keyClicks(lf.soil_edit, "Zs1")
    lf.colour_combo.setCurrentIndex(lf.colour_combo.findData("grijs"))
    for combo, code in ((lf.shade_combo, "licht"), (lf.secondary_combo, "blauw"), (lf.component_combo, "schelpen"),
                        (lf.component_grade_combo, "zwak")):
        typed = combo.itemText(combo.findData(code))[:4]  # the label's first letters, in the user's language
        combo.setFocus()
        QTest.keyClicks(combo, typed)  # a closed pick list jumps to the first entry with those letters
        assert combo.currentData() == code, (typed, combo.currentText())
    lf.sand_combo.setCurrentIndex(lf.sand_combo.findData("matigFijnNEN5104"))
    QTest.keyClick(lf.component_grade_combo, Qt.Key.Key_Return)
    [saved] = _layers(window)
    assert (saved.colour, saved.colour_shade, saved.secondary_colour) == ("grijs", "licht", "blauw")
    assert saved.sand_median == "matigFijnNEN5104"
    assert saved.component_list() == [Component("schelpen", "zwak")]


def test_a_word_that_is_no_colour_gets_its_message_under_the_colour(window: MainWindow) -> None:
    lf = window.layer_form
    QTest.keyClicks(lf.lower_edit, "0.40")
    QTest.keyClicks(lf.soil_edit, "Zs1")
    QTest.keyClicks(lf.colour_combo.lineEdit(), "paarsig")
    assert lf.save() is None
    assert _layers(window) == []
    text = lf.errors.text_for("colour")
    assert "paarsig" in text and "donkerbruin" in text, text  # what is wrong and what to type


def test_withdrawn_values_are_not_offered_but_an_old_layer_keeps_its_own(window: MainWindow) -> None:
    lf = window.layer_form
    assert lf.admixture_combo.findData("kolengruis") < 0
    assert lf.component_combo.findData("roest") < 0
    bh = window.current_borehole()
    assert bh is not None
    with window.session.store.action("An old layer") as tx:  # as the landed version could write it
        tx.insert("layer", {"borehole_id": bh.id, "upper_cm": 0, "lower_cm": 50, "soil_code": "Zs1",
                            "admixtures": '[{"code": "kolengruis", "grade": "zwak"}]'})
    lf.reload()
    lf._edit_row(lf.model.index(0, 0))
    assert lf.admixture_combo.currentData() == "kolengruis"
    lf.remarks_edit.setText("herkeurd")
    assert lf.save() is not None
    [kept] = _layers(window)
    assert kept.admixture_list() == [Admixture("kolengruis", "zwak")] and kept.remarks == "herkeurd"


def test_undoing_the_delete_of_an_old_layer_puts_its_withdrawn_value_back(window: MainWindow) -> None:
    lf = window.layer_form
    bh = window.current_borehole()
    assert bh is not None
    with window.session.store.action("An old layer") as tx:
        tx.insert("layer", {"borehole_id": bh.id, "upper_cm": 0, "lower_cm": 50, "soil_code": "V",
                            "admixtures": '[{"code": "kolengruis", "grade": "zwak"}]'})
    lf.reload()
    lf._edit_row(lf.model.index(0, 0))
    lf.delete()
    assert _layers(window) == []
    window.undo.stack.undo()
    [back] = _layers(window)
    assert back.soil_code == "V" and back.admixture_list() == [Admixture("kolengruis", "zwak")]
