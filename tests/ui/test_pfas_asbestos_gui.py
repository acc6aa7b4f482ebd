"""The PFAS checklist and the asbestos verdict, driven as a fieldworker and a projectleider would."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from fieldapp.domain import asbestos, borehole, inspection_pit, layer, pfas, project
from fieldapp.domain.layer import Admixture
from fieldapp.session import Session
from ui.asbestos_dialog import AsbestosDialog
from ui.pfas_checklist_dialog import PfasChecklistDialog

SAVE = QDialogButtonBox.StandardButton.Save


def test_the_checklist_signs_only_with_every_point_ticked(qtbot: QtBot, session: Session) -> None:
    proj = project.create(session, code="P1", name="PFAS")
    dialog = PfasChecklistDialog(session, proj)
    qtbot.addWidget(dialog)
    assert len(dialog.boxes) == len(pfas.load().checklist)
    for key, check in dialog.boxes.items():
        check.setChecked(key != "gloves")
    assert not dialog.sign()
    assert "handschoenen" in dialog.errors.text_for("items") or "gloves" in dialog.errors.text_for("items")
    assert pfas.of_project(session.store.conn, proj.id) == []
    dialog.boxes["gloves"].setChecked(True)
    dialog.buttons.button(SAVE).click()
    (signed,) = pfas.of_project(session.store.conn, proj.id)
    assert signed.fieldworker == "J. de Vries" and len(signed.items) == len(pfas.load().checklist)


def test_not_suspect_needs_a_reason_in_the_dialog_too(qtbot: QtBot, session: Session) -> None:
    proj = project.create(session, code="P1", name="Asbest")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="0.5", soil="Zs1", admixtures=[Admixture("puin", "matig")])
    dialog = AsbestosDialog(session, hole)
    qtbot.addWidget(dialog)
    assert "puin" in dialog.why_label.text() and dialog.suspect_radio.isChecked()
    dialog.clear_radio.setChecked(True)
    assert not dialog.save()
    assert "puin" in dialog.errors.text_for("reason")
    dialog.reason_edit.setPlainText("Puin van de eigen erfverharding (1998), geen plaatmateriaal gezien.")
    dialog.buttons.button(SAVE).click()
    verdict = asbestos.latest(session.store.conn, [hole.id])[hole.id]
    assert not verdict.suspect and verdict.reason is not None and verdict.reason.startswith("Puin van")


def test_an_inspection_pit_with_its_sieved_layers_from_the_asbestos_dialog(qtbot: QtBot, session: Session) -> None:
    proj = project.create(session, code="P1", name="Asbest")
    hole = borehole.create(session, proj.id, code="B01")
    layer.add(session, hole.id, upper="0", lower="1", soil="Zs1", admixtures=[Admixture("puin", "sterk")])
    verdict = AsbestosDialog(session, hole)
    qtbot.addWidget(verdict)
    pit = verdict.record_pit()
    assert pit.code_edit.text() == "IG01" and pit.kind_combo.currentData() == "inspectiegat"
    pit.set_layer(0, "0", "0,8", "20", "31,5")  # deeper than the 0.5 m dug
    assert not pit.save()
    assert "0.00-0.80 m" in pit.errors.text_for("fractions")
    pit.set_layer(0, "0", "0,5", "20", "31,5", "12", "golfplaat")
    pit.set_layer(1, "abc")
    assert not pit.save() and "abc" in pit.errors.text_for("fractions")
    pit.set_layer(1, "", "")
    pit.buttons.button(SAVE).click()
    (saved,) = inspection_pit.of_project(session.store.conn, proj.id)
    assert (saved.code, saved.borehole_id, saved.suspect_found, saved.fractions[0].suspect_material) == (
        "IG01", hole.id, True, "golfplaat")
