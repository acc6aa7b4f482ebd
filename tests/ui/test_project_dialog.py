"""The project dialog driven offscreen: every metadata field saved and read back, pick lists without
withdrawn values, the contour from a file or the boreholes, and the rules' messages beside their fields."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, project
from fieldapp.session import Session
from ui.main_window import MainWindow
from ui.project_form import ProjectDialog

DATA = Path(__file__).parents[1] / "data" / "contour"


def pick(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def codes(combo: QComboBox) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]


def test_new_project_with_every_field_saves_and_reloads(qtbot: QtBot, session: Session) -> None:
    d = ProjectDialog(session, "nl")
    qtbot.addWidget(d)
    assert "fax" not in codes(d.type_combo) and "ZORG" not in codes(d.phase_combo)  # withdrawn: not offered
    assert d.type_combo.itemText(d.type_combo.findData("verkennendOnderzoekNEN5740")) == \
        "Verkennend onderzoek NEN 5740"
    for edit, text in ((d.code_edit, "2026-0200"), (d.name_edit, "Croeselaan"), (d.client_edit, "Gemeente Utrecht"),
                       (d.site_edit, "Croeselaan 1, Utrecht"), (d.start_edit, "2026-03-02"),
                       (d.end_edit, "2026-03-04"), (d.report_edit, "R-2026-0200"),
                       (d.contractor_edit, "Bodemadvies Midden B.V."), (d.kvk_edit, "30123456"),
                       (d.certificate_edit, "K91234/01")):
        edit.setText(text)
    pick(d.type_combo, "verkennendOnderzoekNEN5740")
    pick(d.reason_combo, "transactie")
    pick(d.strategy_combo, "ONV-NL")
    pick(d.phase_combo, "OO")
    pick(d.asbestos_combo, "afwezig")
    d.authority_combo.setEditText("Gemeente Utrecht")  # typed into the searchable list
    assert not d.hull_button.isEnabled()  # no boreholes before the project exists
    assert d.import_contour(DATA / "site-rd.geojson")
    assert d.contour_label.text().startswith("5 vertices, 1.") and d.contour_label.text().endswith(" ha")
    with qtbot.waitSignal(d.created):
        d.save_button.click()
    saved = project.by_code(session.store, "2026-0200")
    assert (saved.investigation_type, saved.investigation_reason, saved.investigation_strategy,
            saved.investigation_phase, saved.competent_authority, saved.asbestos_presence) == (
        "verkennendOnderzoekNEN5740", "transactie", "ONV-NL", "OO", "Gemeente Utrecht", "afwezig")
    assert (saved.report_number, saved.contractor_kvk, saved.end_date) == ("R-2026-0200", "30123456", "2026-03-04")
    assert saved.site_contour and saved.site_contour.startswith("POLYGON ((135880.000 455280.000")

    again = ProjectDialog(session, "en", project=saved)
    qtbot.addWidget(again)
    assert again.code_edit.isReadOnly() and again.code_edit.text() == "2026-0200"
    assert again.values() == {**d.values(), "competent_authority": "Gemeente Utrecht"}
    assert again.type_combo.currentText() == "exploratory investigation NEN 5740"
    again.report_edit.setText("R-2026-0200-v2")
    pick(again.phase_combo, "NO")
    with qtbot.waitSignal(again.saved):
        again.save_button.click()
    edited = project.get(session.store, saved.id)
    assert (edited.report_number, edited.investigation_phase) == ("R-2026-0200-v2", "NO")


def test_a_broken_rule_is_shown_in_dutch_beside_its_field_and_nothing_is_written(
        qtbot: QtBot, session: Session, dutch: None) -> None:
    proj = project.create(session, code="P1", name="x", start_date="2026-03-02")
    entries = session.store.count("journal")
    d = ProjectDialog(session, "nl", project=proj)
    qtbot.addWidget(d)
    d.show()
    d.report_edit.setText("R" * 41)
    assert d.save() is None
    assert d.errors.text_for("report number").startswith("Het rapportnummer is 41 tekens lang; ten hoogste 40")
    d.report_edit.setText("R1")
    d.end_edit.setText("2026-03-01")
    assert d.save() is None
    assert "De einddatum 2026-03-01 ligt voor de startdatum 2026-03-02." in d.errors.text_for("end date")
    d.end_edit.setText("")
    d.kvk_edit.setText("1234")
    assert d.save() is None and "KvK-nummer" in d.errors.text_for("KvK number")
    assert session.store.count("journal") == entries


def test_contour_import_errors_and_from_boreholes(qtbot: QtBot, session: Session, tmp_path: Path,
                                                  dutch: None) -> None:
    proj = project.create(session, code="P1", name="x")
    for n, (x, y) in enumerate([(135900.0, 455300.0), (135960.0, 455305.0), (135930.0, 455360.0)]):
        borehole.create(session, proj.id, code=f"B0{n + 1}", planned_x_rd=x, planned_y_rd=y)
    d = ProjectDialog(session, "nl", project=proj)
    qtbot.addWidget(d)
    d.show()
    bowtie = tmp_path / "bowtie.wkt"
    bowtie.write_text("POLYGON ((135880 455280, 135990 455380, 135990 455280, 135880 455380, 135880 455280))")
    assert not d.import_contour(bowtie)
    assert d.errors.text_for("site contour").startswith("De contour snijdt zichzelf bij 135935 455330.")
    assert not d.import_contour(DATA / "points.gpkg")
    assert "geen polygoon" in d.errors.text_for("site contour")
    assert d.contour is None and d.hull_button.isEnabled()
    d.hull_button.click()
    assert d.contour is not None and d.errors.text_for("site contour") == ""
    d.save_button.click()
    assert project.get(session.store, proj.id).site_contour == d.contour


def test_project_details_opens_from_the_menu(qtbot: QtBot, session: Session) -> None:
    proj = project.create(session, code="P1", name="x")
    with session.store.action("an older record") as tx:
        tx.update("project", proj.id, {"investigation_type": "fax"})
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    dialog = w.edit_project()
    assert isinstance(dialog, ProjectDialog)
    # a withdrawn value the project holds is shown, marked, and kept
    assert dialog.type_combo.currentText() == "fax (withdrawn)"
    dialog.save_button.click()
    assert project.by_code(session.store, "P1").investigation_type == "fax"
