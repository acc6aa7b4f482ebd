"""Deviations and the staff register in the GUI (issue 15 items 1, 2), driven by pytest-qt offscreen.

A sample over 0.5 m is refused with its message and a "Record deviation…" link; the link opens the
deviation dialog, which refuses an empty reason; filled in, the sample is saved with its deviation
in one action (and undo takes both away). The deviation list shows it; the staff register adds and
renews a registration. In Dutch, as a sampler sees it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, deviation, layer, project, staff
from fieldapp.domain.layer import Admixture
from fieldapp.session import Session
from ui.deviation_dialog import DeviationDialog
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, session: Session, dutch: None) -> MainWindow:
    session.settings.language = "nl"
    p = project.create(session, code="P1", name="Gasfabriek")
    b = borehole.create(session, p.id, code="B01")
    layer.add(session, b.id, upper="0", lower="0.5", soil="Zs1h2", colour="bruin",
              admixtures=[Admixture("puin", "zwak")])
    layer.add(session, b.id, upper="0.5", lower="1.5", soil="Kz1", colour="grijs")
    staff.create(session, name="M. Jansen", role="projectleader")
    staff.create(session, name="J. de Vries", role="experienced", registration_number="BBK-1", protocols=["2001"])
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    w.select_borehole(0)
    return w


def _interval(w: MainWindow, upper: str, lower: str) -> None:
    row = w.sample_form.rows[0]
    row.upper_edit.setText(upper)
    row.lower_edit.setText(lower)


def _open_dialog(w: MainWindow) -> DeviationDialog:
    label = w.sample_form.errors.deviation_label()
    assert label is not None, "the refusal offers a deviation"
    assert "Afwijking vastleggen…" in label.text() and "leg een afwijking vast" in label.text()
    label.linkActivated.emit("deviation")
    dialog = w.sample_form.deviations.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_an_override_is_offered_recorded_and_saved_with_the_sample(qtbot: QtBot, window: MainWindow,
                                                                   session: Session) -> None:
    sf = window.sample_form
    _interval(window, "0.5", "1.1")
    assert sf.save() is None
    assert session.store.query("SELECT * FROM sample") == []
    dialog = _open_dialog(window)
    assert dialog.who_combo.currentText() == "M. Jansen (projectleider)"  # the projectleader decides
    assert "beslaat 60 cm" in dialog.nature_edit.toPlainText()
    dialog.ok_button.click()  # no reason given
    assert dialog.isVisible() and "motivatie" in dialog.errors.text_for("reason")
    assert session.store.query("SELECT * FROM sample") == []
    qtbot.keyClicks(dialog.reason_edit, "Puinverharding: de kern kwam als geheel boven.")
    qtbot.keyClicks(dialog.consequences_edit, "Gemiddeld over 0,6 m.")
    dialog.ok_button.click()
    assert sf.sample is not None and sf.sample.code == "M01"
    rows = session.store.query("SELECT * FROM deviation")
    assert [(r["object_id"], r["rule_id"], r["reason"]) for r in rows] == [
        (sf.sample.id, "soil_sample_max_span", "Puinverharding: de kern kwam als geheel boven.")]
    assert staff.get(session.store, rows[0]["staff_id"]).name == "M. Jansen"
    assert sf.errors.deviation_label() is None
    # undo takes the sample and its deviation away; redo brings both back
    window.undo.undo()
    assert session.store.query("SELECT * FROM sample") == [] and session.store.query("SELECT * FROM deviation") == []
    window.undo.redo()
    assert len(session.store.query("SELECT * FROM deviation")) == 1


def test_two_rules_broken_two_deviations(window: MainWindow, session: Session) -> None:
    """Over 0.5 m and across the boundary of the puin layer: each rule asks for its own deviation."""
    sf = window.sample_form
    _interval(window, "0.3", "0.9")
    assert sf.save() is None
    for rule in ("soil_sample_max_span", "soil_sample_layer_boundary"):
        dialog = _open_dialog(window)
        assert dialog.rule_id == rule
        dialog.reason_edit.setPlainText("reden")
        dialog.consequences_edit.setPlainText("gevolgen")
        dialog.ok_button.click()
    assert sf.sample is not None
    assert {r["rule_id"] for r in session.store.query("SELECT rule_id FROM deviation")} == {
        "soil_sample_max_span", "soil_sample_layer_boundary"}


def test_a_rule_no_deviation_may_override_offers_none(window: MainWindow) -> None:
    sf = window.sample_form
    window.sample_form.matrix_combo.setCurrentIndex(sf.matrix_combo.findData("GW"))
    _interval(window, "0", "0.5")
    assert sf.save() is None
    assert sf.errors.deviation_label() is None


def test_the_deviation_list_shows_the_projects_deviations(window: MainWindow, session: Session) -> None:
    _interval(window, "0.5", "1.1")
    window.sample_form.save()
    dialog = _open_dialog(window)
    dialog.reason_edit.setPlainText("Puinverharding.")
    dialog.consequences_edit.setPlainText("Gemiddeld over 0,6 m.")
    dialog.ok_button.click()
    listing = window.open_deviations()
    assert listing is not None
    assert listing.model.rowCount() == 1 and listing.summary.text() == "1 afwijking vastgelegd."
    text = listing.detail.toPlainText()
    assert "Motivatie: Puinverharding." in text and "Besloten door: M. Jansen" in text
    assert deviation.for_project(session.store.conn, window.current_project().id)[0].object_code == "M01"  # type: ignore[union-attr]


def test_the_staff_register_adds_and_renews_a_registration(window: MainWindow, session: Session) -> None:
    dialog = window.open_staff()
    assert dialog.model.rowCount() == 2  # type: ignore[attr-defined]
    dialog.name_edit.setText("K. Visser")  # type: ignore[attr-defined]
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("experienced"))  # type: ignore[attr-defined]
    dialog.protocols_edit.setText("2001, 2002")  # type: ignore[attr-defined]
    assert dialog.save() is None  # type: ignore[attr-defined]
    assert "registratienummer" in dialog.errors.text_for("registration number").lower()  # type: ignore[attr-defined]
    dialog.number_edit.setText("BBK-9")  # type: ignore[attr-defined]
    dialog.until_edit.setText("2026-02-30")  # type: ignore[attr-defined]
    assert dialog.save() is None  # type: ignore[attr-defined]
    assert dialog.errors.text_for("valid until")  # type: ignore[attr-defined]
    dialog.until_edit.setText("2027-06-30")  # type: ignore[attr-defined]
    person = dialog.save()  # type: ignore[attr-defined]
    assert person is not None and person.protocols == ("2001", "2002") and person.valid_until == "2027-06-30"
    dialog.until_edit.setText("2029-06-30")  # type: ignore[attr-defined]
    renewed = dialog.save()  # type: ignore[attr-defined]
    assert renewed.id == person.id and staff.get(session.store, person.id).valid_until == "2029-06-30"
    assert dialog.model.rowCount() == 3  # type: ignore[attr-defined]


def test_the_sample_records_who_took_it_not_the_app_user(window: MainWindow, session: Session) -> None:
    sf = window.sample_form
    assert sf.staff_combo.staff_id() is None  # nobody assumed
    assert [sf.staff_combo.itemText(i) for i in range(sf.staff_combo.count())] == [
        "(niet vastgelegd)", "J. de Vries (ervaren veldwerker)"]  # the projectleader does no field work
    sf.staff_combo.setCurrentIndex(1)
    _interval(window, "0", "0.5")
    sm = sf.save()
    assert sm is not None and sm.staff_id == staff.register(session.store)[0].id  # J. de Vries
    assert sf.staff_combo.currentText() == "J. de Vries (ervaren veldwerker)"  # stays for the next sample


def test_field_days_name_the_day_without_one_and_record_it(window: MainWindow, session: Session) -> None:
    proj = window.current_project()
    assert proj is not None
    vries = next(p for p in staff.register(session.store) if p.name == "J. de Vries")
    borehole.create(session, proj.id, code="B02", started_at="2026-03-10T09:00:00+01:00", staff_id=vries.id)
    dialog = window.open_field_days()
    assert dialog is not None
    assert dialog.missing.text() == "Werk zonder veldwerkdag: 2026-03-10."
    assert dialog.day_edit.date().toString("yyyy-MM-dd") == "2026-03-10"  # the first day to fill in
    dialog.weather_edit.setText("droog, 8 °C")
    for row in range(dialog.present_list.count()):
        item = dialog.present_list.item(row)
        if item.text().startswith("J. de Vries"):
            item.setCheckState(Qt.CheckState.Checked)
    day = dialog.save()
    assert day is not None and day.staff_ids == (vries.id,) and day.weather == "droog, 8 °C"
    assert dialog.missing.isHidden() and dialog.model.rowCount() == 1
    dialog.new()
    dialog.day_edit.setDate(QDate(2026, 3, 10))
    assert dialog.save() is None
    assert "al een veldwerkdag vastgelegd" in dialog.errors.text_for("day")
