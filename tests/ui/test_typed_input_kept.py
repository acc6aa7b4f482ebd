"""Typed input is not dropped where the forms are read again: undo and redo, a new borehole saved on the
Position tab, the final depth and groundwater level, the Well tab, and the sampling round view.

Before: Undo or Redo read the forms again and emptied a layer, a sample or a well being typed; a borehole
saved on the Position tab emptied the layer typed for the borehole before it; a depth the core refused
(or typed when Undo was tapped) and a well form typed were dropped when another borehole was chosen; a
reading typed in the round view and not recorded was dropped when the view closed. Each without a word.
Now an undo keeps what is typed (it takes back a saved step, not what is being typed beside it), and the
rest asks Opslaan / Niet opslaan / Annuleren as choosing another borehole does (ui/unsaved.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from one_borehole import window_at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, layer, project
from fieldapp.domain import sampling_round as round_mod
from fieldapp.domain import well as well_mod
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow
from ui.unsaved import Choice, UnsavedDialog
from ui.well_round import SamplingRoundDialog
from ui.window_actions import _ToolButton


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> Iterator[MainWindow]:
    """P1 with monitoring wells PB01 and PB02 (boreholes of kind peilbuis); PB02 on the Layers tab."""
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    proj = project.create(s, code="P1", name="Gasfabriek", start_date="2026-11-01")
    for code in ("PB01", "PB02"):
        hole = borehole.create(s, proj.id, code=code, kind="peilbuis", started_at="2026-11-09T09:00:00+01:00")
    borehole.set_final_depth(s, hole.id, "3.50", "einddoel")
    with window_at(qtbot, s, "P1", 1, "layer_form") as w:  # deleted after the test
        yield w
    s.close()


def hole(w: MainWindow, code: str) -> borehole.Borehole:
    return next(b for b in borehole.of_project(w.session.store, w.current_project().id)  # type: ignore[union-attr]
                if b.code == code)


def tap_undo(w: MainWindow, qtbot: QtBot, name: str = "undo_action") -> None:
    """The toolbar button, as a finger taps it: it takes no focus, a field being typed in keeps it."""
    button = next(b for b in w.findChildren(_ToolButton) if b.spec.name == name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def asked(w: MainWindow) -> UnsavedDialog:
    dialog = w._unsaved_dialog
    assert isinstance(dialog, UnsavedDialog) and dialog.isVisible(), "the sampler is asked"
    return dialog


def test_undo_and_redo_keep_the_layer_sample_well_and_depth_being_typed(window: MainWindow, qtbot: QtBot) -> None:
    store, pb02 = window.session.store, hole(window, "PB02")
    lf = window.layer_form
    lf.lower_edit.setText("0,50")
    lf.soil_edit.setText("Zs1")
    assert lf.save() is not None
    # the next layer, half typed; the final depth typed, the cursor still in it
    lf.lower_edit.setText("1,20")
    lf.soil_edit.setText("Kz1")
    lf.remarks_edit.setText("puinresten")
    lf.depths.final_edit.setFocus()
    lf.depths.final_edit.setText("2,40")
    sf = window.sample_form
    sf.rows[0].upper_edit.setText("0,10")
    sf.rows[0].lower_edit.setText("0,40")
    sf.analyses_edit.setText("NEN 5740")
    wf = window.well_tab.form
    wf.depth_edits["filter"][0].setText("2,00")
    wf.pipe_diameter_edit.setText("25")

    tap_undo(window, qtbot)  # takes back "log layer 0.00–0.50 m"
    assert layer.of_borehole(store, pb02.id) == [], "the step was undone"
    assert window._unsaved_dialog is None, "nothing asked: the undo is not about what is being typed"
    assert (lf.upper_edit.text(), lf.lower_edit.text(), lf.soil_edit.text(), lf.remarks_edit.text()) \
        == ("0.50", "1,20", "Kz1", "puinresten")
    assert lf.model.records() == [], "the layers are read again"
    assert lf.depths.final_edit.text() == "2,40"
    assert borehole.get(store, pb02.id).final_depth_cm == 350, "typed, not written"
    assert (sf.rows[0].upper_edit.text(), sf.rows[0].lower_edit.text(), sf.analyses_edit.text()) \
        == ("0,10", "0,40", "NEN 5740")
    assert (wf.depth_edits["filter"][0].text(), wf.pipe_diameter_edit.text()) == ("2,00", "25")

    tap_undo(window, qtbot, "redo_action")
    assert [x.lower_cm for x in layer.of_borehole(store, pb02.id)] == [50]
    assert lf.soil_edit.text() == "Kz1" and lf.depths.final_edit.text() == "2,40"
    assert wf.pipe_diameter_edit.text() == "25"
    # still typed: choosing another borehole asks about all four, and Save writes them to PB02
    window.select_borehole(0)
    lines = asked(window).what.text().splitlines()
    assert lines == ["The final depth 2,40 m of borehole PB02 is not saved yet.",
                     "The layer 0.50–1.20 m of borehole PB02 is not saved yet.",
                     f"The sample {sf.code_edit.text()} of borehole PB02 is not saved yet.",
                     "The well of borehole PB02 is not saved yet."]
    well_mod.place(window.session, hole(window, "PB01").id, well_mod.WellSpec())  # PB01 a well too, unrelated
    qtbot.mouseClick(asked(window).discard_button, Qt.MouseButton.LeftButton)
    assert window.current_borehole() is not None and window.current_borehole().code == "PB01"  # type: ignore[union-attr]
    assert borehole.get(store, pb02.id).final_depth_cm == 350 and len(layer.of_borehole(store, pb02.id)) == 1


def test_a_changed_layer_stays_changed_after_an_undo(window: MainWindow, qtbot: QtBot) -> None:
    store, pb02 = window.session.store, hole(window, "PB02")
    lf = window.layer_form
    for lower, soil in (("0,50", "Zs1"), ("1,00", "Kz1")):
        lf.lower_edit.setText(lower)
        lf.soil_edit.setText(soil)
        assert lf.save() is not None
    lf._edit_row(lf.model.index(0, 0))
    lf.soil_edit.setText("Zs2")
    tap_undo(window, qtbot)  # takes back the second layer
    assert [x.soil_code for x in layer.of_borehole(store, pb02.id)] == ["Zs1"]
    assert lf.editing is not None and lf.soil_edit.text() == "Zs2" and lf.save_button.text() == "Save changes"
    assert lf.save() is not None
    assert [x.soil_code for x in layer.of_borehole(store, pb02.id)] == ["Zs2"]


def add_borehole(w: MainWindow, code: str) -> borehole.Borehole:
    form = w.borehole_form
    w.tabs.setCurrentWidget(form)
    form.load(w.current_project(), None)
    form.code_edit.setText(code)
    saved = form.save()
    assert saved is not None
    return saved


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_a_new_borehole_saved_asks_about_the_layer_typed_before_it(window: MainWindow, qtbot: QtBot,
                                                                   answer: str) -> None:
    store, pb02 = window.session.store, hole(window, "PB02")
    lf = window.layer_form
    lf.lower_edit.setText("1,20")
    lf.soil_edit.setText("Kz1")
    add_borehole(window, "B03")
    dialog = asked(window)
    assert dialog.what.text() == "The layer 0.00–1.20 m of borehole PB02 is not saved yet."
    assert window.boreholes_model.row_of(hole(window, "B03").id) is not None, "the new borehole is listed"
    assert window.current_borehole().code == "PB02"  # type: ignore[union-attr]
    assert lf.soil_edit.text() == "Kz1", "nothing emptied before the answer"
    qtbot.mouseClick(getattr(dialog, f"{answer}_button"), Qt.MouseButton.LeftButton)
    assert [x.soil_code for x in layer.of_borehole(store, pb02.id)] == (["Kz1"] if answer == "save" else [])
    if answer == "cancel":
        assert window.current_borehole().code == "PB02" and lf.soil_edit.text() == "Kz1"  # type: ignore[union-attr]
    else:
        assert window.current_borehole().code == "B03" and lf.borehole.code == "B03"  # type: ignore[union-attr]
        assert window.tabs.currentWidget() is lf


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_undoing_a_new_borehole_asks_about_the_layer_typed_in_it(window: MainWindow, qtbot: QtBot,
                                                                 answer: str) -> None:
    """The one undo that would leave nowhere to put the typed layer back: asked first."""
    store = window.session.store
    b03 = add_borehole(window, "B03")
    lf = window.layer_form
    assert lf.borehole is not None and lf.borehole.code == "B03"
    lf.lower_edit.setText("0,80")
    lf.soil_edit.setText("Zs1")
    tap_undo(window, qtbot)
    dialog = asked(window)
    assert dialog.what.text() == "The layer 0.00–0.80 m of borehole B03 is not saved yet."
    assert borehole.get(store, b03.id).code == "B03", "not undone before the answer"
    qtbot.mouseClick(getattr(dialog, f"{answer}_button"), Qt.MouseButton.LeftButton)
    codes = [b.code for b in borehole.of_project(store, b03.project_id)]
    if answer == "discard":
        assert codes == ["PB01", "PB02"], "undone"
    else:
        assert "B03" in codes, "not undone: Cancel, or Save wrote a step of its own"
        assert [x.soil_code for x in layer.of_borehole(store, b03.id)] == (["Zs1"] if answer == "save" else [])
    if answer == "save":
        assert "Nothing was undone" in window.statusBar().currentMessage()
    if answer == "cancel":
        assert lf.soil_edit.text() == "Zs1"


def test_a_refused_depth_is_asked_about_when_the_borehole_is_left(window: MainWindow, qtbot: QtBot) -> None:
    store, pb02 = window.session.store, hole(window, "PB02")
    depths = window.layer_form.depths
    depths.water_edit.setFocus()
    qtbot.keyClicks(depths.water_edit, "veel")
    qtbot.keyClick(depths.water_edit, Qt.Key.Key_Return)  # refused beside the field
    assert depths.unsaved() == "The groundwater level veel m of borehole PB02 is not saved yet."
    window.select_borehole(0)
    dialog = asked(window)
    assert dialog.what.text() == depths.unsaved()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # refused again: the form, the reason
    assert window.current_borehole().code == "PB02" and window.tabs.currentWidget() is window.layer_form  # type: ignore[union-attr]
    depths.water_edit.setText("1,35")
    window.select_borehole(0)
    qtbot.mouseClick(asked(window).save_button, Qt.MouseButton.LeftButton)
    assert borehole.get(store, pb02.id).groundwater_cm == 135
    assert window.current_borehole().code == "PB01"  # type: ignore[union-attr]


@pytest.mark.parametrize("answer", ["save", "discard"])
def test_a_typed_well_is_asked_about_when_the_borehole_is_left(window: MainWindow, qtbot: QtBot,
                                                               answer: str) -> None:
    window.tabs.setCurrentWidget(window.well_tab)
    form = window.well_tab.form
    for edit, text in ((form.depth_edits["filter"][0], "2,00"), (form.depth_edits["filter"][1], "3,00"),
                       (form.pipe_diameter_edit, "25")):
        edit.setText(text)
    window.select_borehole(0)
    dialog = asked(window)
    assert dialog.what.text() == "The well of borehole PB02 is not saved yet."
    qtbot.mouseClick(getattr(dialog, f"{answer}_button"), Qt.MouseButton.LeftButton)
    wells = well_mod.of_borehole(window.session.store, hole(window, "PB02").id)
    assert [(w.filter_top_cm, w.pipe_diameter_mm) for w in wells] == ([(200, 25)] if answer == "save" else [])
    assert window.current_borehole().code == "PB01"  # type: ignore[union-attr]


def open_round(w: MainWindow, qtbot: QtBot) -> SamplingRoundDialog:
    well_mod.place(w.session, hole(w, "PB02").id, well_mod.WellSpec(
        filter_top="2.00", filter_bottom="3.00", pipe_diameter_mm=25, placed_at="2026-11-09 10:30"))
    w.tabs.setCurrentWidget(w.well_tab)
    w.well_tab.load(hole(w, "PB02"))
    view = w.well_tab.new_round()
    assert view is not None
    qtbot.waitExposed(view)
    view.started_edit.setText("2026-11-18 09:15")
    view.level_edit.setText("1.10")
    view.save_round()
    assert view.round is not None
    return view


@pytest.mark.parametrize("answer", ["save", "discard", "cancel"])
def test_a_reading_typed_and_not_recorded_is_asked_about_when_the_round_view_closes(
        window: MainWindow, qtbot: QtBot, answer: str) -> None:
    view = open_round(window, qtbot)
    assert view.round is not None
    entry = view.entry
    for col, text in ((0, "0,5"), (1, "1250"), (2, "6,42")):
        entry.edits[col].setText(text)
    qtbot.mouseClick(next(b for b in view.findChildren(QPushButton) if b.text() == "Close"),
                     Qt.MouseButton.LeftButton)
    dialog = view._asking
    assert isinstance(dialog, UnsavedDialog) and dialog.isVisible() and view.isVisible()
    assert dialog.what.text() == "The reading at 0,5 l is not recorded yet."
    qtbot.mouseClick(getattr(dialog, f"{answer}_button"), Qt.MouseButton.LeftButton)
    readings = [(r.volume_l, r.ec_us_cm, r.ph) for r in round_mod.readings(window.session.store, view.round.id)]
    assert readings == ([(0.5, 1250, 6.42)] if answer == "save" else [])
    assert view.isVisible() == (answer == "cancel")
    if answer == "cancel":
        assert entry.edits[1].text() == "1250"
        view.reject()  # Esc: asked again
        assert isinstance(view._asking, UnsavedDialog)
        view._asking.answer(Choice.DISCARD)
        assert not view.isVisible()


def test_the_round_view_closes_without_a_question_when_nothing_is_typed(window: MainWindow, qtbot: QtBot) -> None:
    view = open_round(window, qtbot)
    entry = view.entry
    for col, text in ((0, "0,5"), (1, "1250")):
        entry.edits[col].setText(text)
    qtbot.keyClick(entry.edits[1], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # recorded
    assert entry.edits[0].text() == "1.0", "the next volume guessed, not typed"
    view.reject()
    assert view._asking is None and not view.isVisible()
    assert view.round is not None
    assert [r.ec_us_cm for r in round_mod.readings(window.session.store, view.round.id)] == [1250]
