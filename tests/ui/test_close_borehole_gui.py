"""Closing a borehole through the GUI: the dialog lists what is missing (in the
user's language, beside each field) and refuses; filled in, it closes."""

from __future__ import annotations

import html

import pytest
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, boring_process, layer, project
from fieldapp.session import Session
from ui.borehole_closing import BoreholeClosingDialog
from ui.forms import set_combo_code
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> MainWindow:
    p = project.create(session, code="P1", name="Site")
    b = borehole.create(session, p.id, code="B01")
    layer.add(session, b.id, upper="0", lower="1.2", soil="Zs1")
    layer.add(session, b.id, upper="1.2", lower="2.0", soil="Kz1")
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    w.select_borehole(0)
    return w


def _dialog(window: MainWindow) -> BoreholeClosingDialog:
    window.close_borehole_action.trigger()
    dialog = window.closing_dialog
    assert isinstance(dialog, BoreholeClosingDialog) and dialog.isVisible()
    return dialog


def _journal(session: Session) -> int:
    return session.store.count("journal")


def test_closing_an_incomplete_borehole_lists_what_is_missing_and_refuses(window: MainWindow, session: Session,
                                                                           dutch: None) -> None:
    dialog = _dialog(window)
    before = _journal(session)
    assert dialog.close_borehole() is None
    assert dialog.isVisible()
    assert not dialog.missing_label.isHidden()
    assert "Boring B01 kan nog niet worden afgesloten:" in dialog.missing_label.text()
    assert dialog.missing == [
        "De boortechniek ontbreekt.", "De boordiameter ontbreekt.", "De einddiepte ontbreekt.",
        "Het boorproces (apparaat per diepte-interval) dekt 0.00-… m niet.",
        "De reden van stoppen (stopcriterium) ontbreekt.",
        "De grondwaterstand ontbreekt: geef de stand, of 'niet aangetroffen' of 'niet gemeten'.",
        "Het aanvulmateriaal van het boorgat ontbreekt.", "De maaiveldhoogte (NAP) met methode ontbreekt."]
    for item in dialog.missing:
        assert f"• {html.escape(item)}" in dialog.missing_label.text()
    assert dialog.backfill_combo.property("invalid") == "true"
    assert dialog.table.property("invalid") == "true"
    assert _journal(session) == before  # nothing to save, nothing closed
    assert borehole.of_project(session.store, project.by_code(session.store, "P1").id)[0].closed_at is None


def test_filled_in_through_the_dialog_the_borehole_closes(window: MainWindow, session: Session) -> None:
    dialog = _dialog(window)
    set_combo_code(dialog.technique_combo, "handDraaien")
    dialog.diameter_edit.setText("70")
    dialog.final_edit.setText("2,00")
    set_combo_code(dialog.stop_combo, "einddoel")
    dialog.status_buttons["not_encountered"].setChecked(True)
    set_combo_code(dialog.backfill_combo, "verwijderdMateriaal")
    row = dialog.add_interval()
    dialog.table.item(row, 1).setText("1.50")
    set_combo_code(dialog.table.cellWidget(row, 3), "Edelmanboor")  # type: ignore[arg-type]
    # the interval below starts where the one above ends and runs to the final depth
    row = dialog.add_interval()
    assert dialog.table.item(row, 0).text() == "1.50"
    set_combo_code(dialog.table.cellWidget(row, 2), "handDrukkenZuiger")  # type: ignore[arg-type]
    set_combo_code(dialog.table.cellWidget(row, 3), "Zuigerboor")  # type: ignore[arg-type]
    set_combo_code(dialog.method_combo, "waterpassing")
    dialog.level_edit.setText("-0,35")
    dialog.accuracy_edit.setText("2")
    hole = dialog.close_borehole()
    assert hole is not None and hole.closed_at is not None and not dialog.isVisible()
    assert (hole.groundwater_cm, hole.groundwater_status) == (None, "not_encountered")
    assert (hole.ground_level_nap_cm, hole.surface_method, hole.surface_accuracy_cm) == (-35, "waterpassing", 2)
    processes = boring_process.of_borehole(session.store, hole.id)
    assert [(p.upper_cm, p.lower_cm, p.apparatus, p.diameter_mm) for p in processes] == [
        (0, 150, "Edelmanboor", 70), (150, None, "Zuigerboor", 70)]


def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(window: MainWindow, session: Session) -> None:
    dialog = _dialog(window)
    set_combo_code(dialog.backfill_combo, "bentoniet")
    dialog.final_edit.setText("1.00")  # above the deepest layer (2.00 m)
    before = _journal(session)
    assert dialog.save() is None
    assert "above the deepest layer" in dialog.lines["final depth"].text()
    assert _journal(session) == before  # the backfill given with it was not saved either
    assert borehole.of_project(session.store, project.by_code(session.store, "P1").id)[0].backfill is None


def test_gnss_surface_level_uses_the_antenna_height_of_the_settings(window: MainWindow, session: Session) -> None:
    hole = borehole.of_project(session.store, project.by_code(session.store, "P1").id)[0]
    with session.store.action("measured") as tx:  # the antenna's NAP height, as averaging stores it
        tx.update("borehole", hole.id, {"nap_m": 1.87})
    session.settings.antenna_height_m = 2.0
    dialog = _dialog(window)
    assert dialog.antenna_edit.text() == "2.00"
    set_combo_code(dialog.method_combo, "GNSS")
    assert dialog.level_edit.isReadOnly() and dialog.level_edit.text() == "-0.13"
    assert dialog.save() is not None
    saved = borehole.get(session.store, hole.id)
    assert (saved.ground_level_nap_cm, saved.antenna_height_m, saved.surface_method) == (-13, 2.0, "GNSS")


def test_an_overlapping_interval_is_refused_in_dutch_beside_the_table(window: MainWindow, session: Session,
                                                                       dutch: None) -> None:
    dialog = _dialog(window)
    dialog.final_edit.setText("2.00")
    first = dialog.add_interval()
    dialog.table.item(first, 1).setText("1.60")
    set_combo_code(dialog.table.cellWidget(first, 3), "Edelmanboor")  # type: ignore[arg-type]
    second = dialog.add_interval()
    dialog.table.item(second, 0).setText("1.50")
    set_combo_code(dialog.table.cellWidget(second, 3), "Zuigerboor")  # type: ignore[arg-type]
    before = _journal(session)
    assert dialog.save() is None
    assert dialog.lines["boring process"].text() == (
        "Het boorproces van 0,00 tot 1,60 m overlapt het boorproces vanaf 1,50 m. Laat elk interval eindigen "
        "waar het volgende begint; alleen het laatste mag tot de einddiepte lopen.")
    assert _journal(session) == before  # the final depth typed with it was not saved either


def test_saving_and_closing_are_undone_step_by_step(window: MainWindow, session: Session) -> None:
    dialog = _dialog(window)
    set_combo_code(dialog.backfill_combo, "bentoniet")
    dialog.final_edit.setText("2.00")
    row = dialog.add_interval()
    set_combo_code(dialog.table.cellWidget(row, 3), "Edelmanboor")  # type: ignore[arg-type]
    hole = dialog.save()
    assert hole is not None and hole.backfill == "bentoniet"
    assert window.undo.stack.undoText() == "change details of B01"
    assert window.undo.undo()
    back = borehole.get(session.store, hole.id)
    assert (back.backfill, back.final_depth_cm) == (None, None)
    assert boring_process.of_borehole(session.store, hole.id) == []
    assert window.undo.redo()
    again = borehole.get(session.store, hole.id)
    assert (again.backfill, again.final_depth_cm) == ("bentoniet", 200)
    assert [p.apparatus for p in boring_process.of_borehole(session.store, hole.id)] == ["Edelmanboor"]


@pytest.mark.parametrize(("field", "name"), [("diameter_edit", "diameter"), ("accuracy_edit", "surface accuracy")])
def test_a_superscript_digit_is_refused_beside_its_field_not_a_traceback(window: MainWindow, session: Session,
                                                                         field: str, name: str) -> None:
    """'²' is a digit to str.isdigit() but no number to int(): the dialog's save ended in a ValueError."""
    dialog = _dialog(window)
    set_combo_code(dialog.method_combo, "GNSS")
    getattr(dialog, field).setText("7²")
    before = _journal(session)
    assert dialog.save() is None
    assert "'7²' is not" in dialog.lines[name].text()
    assert _journal(session) == before
