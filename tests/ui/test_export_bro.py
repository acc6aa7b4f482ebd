"""The export dialog's BRO deliveries (issue 14 in the window): sad and bhrgt ask for the KvK number (the
project's contractor's to start with) and the delivery context of the BRO list, and only they do; sad is
checked against SIKB's rules first; a BHR-GT delivery lists the boreholes it leaves out, by code, with the
reason in the user's language. Real demo project, real files, the real TaskManager and Saxon."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from pytestqt.qtbot import QtBot

from fieldapp.domain import borehole, layer, project
from fieldapp.session import Session
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow

PROJECT = "2026-0142"  # demo_session's project (tests/ui/conftest.py)


def _dialog(demo_window: MainWindow, fmt: str, out: Path) -> ExportDialog:
    dialog = demo_window.open_export()
    assert isinstance(dialog, ExportDialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    dialog.path_edit.setText(str(out))
    return dialog


def _contexts(dialog: ExportDialog) -> list[str]:
    combo = dialog.bro.context_combo
    return [combo.itemText(i) for i in range(combo.count())]


def test_kvk_and_delivery_context_are_asked_for_the_bro_formats_only(demo_window: MainWindow, tmp_path: Path) -> None:
    dialog = _dialog(demo_window, "csv", tmp_path / "out")
    assert not dialog.bro.kvk_edit.isVisible() and not dialog.bro.context_combo.isVisible()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sad"))
    assert dialog.format_combo.currentText() == "SAD registration request (BRO)"
    assert dialog.bro.kvk_edit.isVisible() and dialog.bro.kvk_edit.text() == "30123456"  # the contractor's
    assert _contexts(dialog) == ["archiefoverdracht"]  # the one context IMBRO/A allows for SAD
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("bhrgt"))
    assert dialog.format_combo.currentText() == "BHR-GT registration requests (BRO), one per borehole"
    assert set(_contexts(dialog)) == {"archiefoverdracht", "MBW", "ONW", "publiekeTaak", "RO", "WABO", "WW"}
    assert dialog.bro.context_combo.currentText() == "publiekeTaak"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("xlsx"))
    assert not dialog.bro.kvk_edit.isVisible()


def test_without_a_kvk_number_nothing_is_written(demo_window: MainWindow, tmp_path: Path) -> None:
    dialog = _dialog(demo_window, "bhrgt", tmp_path / "bro")
    dialog.bro.kvk_edit.clear()
    dialog.start_button.click()
    assert dialog.progress is None
    assert dialog.outcome.text().startswith("Give the KvK number (8 digits)")
    assert not (tmp_path / "bro").exists()


def test_bhrgt_names_the_boreholes_left_out_in_dutch(qtbot: QtBot, dutch: None, demo_window: MainWindow,
                                                     demo_session: Session, tmp_path: Path) -> None:
    proj = project.by_code(demo_session.store, PROJECT)
    borehole.create(demo_session, proj.id, code="B90", kind="boring", planned_x_rd=135_950.0, planned_y_rd=455_320.0,
                    started_at="2026-12-01T09:00:00+01:00")
    holes = {b.code: b for b in borehole.of_project(demo_session.store, proj.id)}
    odd = layer.of_borehole(demo_session.store, holes["B02"].id)[0]
    layer.update(demo_session, odd.id, colour="oranje")
    dialog = _dialog(demo_window, "bhrgt", tmp_path / "bro")
    assert dialog.format_combo.currentText() == "BHR-GT-registratieverzoeken (BRO), één per boring"
    dialog.bro.context_combo.setCurrentIndex(dialog.bro.context_combo.findData("WABO"))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "bro" / "MANIFEST.sha256").is_file() and dialog.progress is None,
                    timeout=120_000)
    listed = dialog.findings.toPlainText().splitlines()
    assert dialog.findings.isVisible()
    assert listed[0] == f"Niet aangeleverd, want niet voor de BRO te beschrijven: 2 van {len(holes)} boringen."
    assert "B90: geen gemeten positie in RD New (meet de boring in, of ze ligt buiten de grids van " \
        "RDNAPTRANS2018)" in listed
    depths = f"{odd.upper_cm / 100:.2f}–{odd.lower_cm / 100:.2f}".replace(".", ",")  # the Dutch decimal comma
    assert (f"B02: laag {depths} m heeft de kleur 'oranje', waarvoor de "
            "kleurenlijst van de BRO geen naam heeft") in listed
    assert "B90.xml" not in {p.name for p in (tmp_path / "bro").iterdir()}
    written = etree.parse(str(tmp_path / "bro" / "B01.xml"))
    assert written.findtext(".//{*}deliveryContext") == "WABO"
    assert dialog.outcome.text().startswith(f"{len(holes) - 2} BHR-GT-verzoeken geschreven naar ")


def test_sad_is_checked_first_then_written_with_the_kvk_given(qtbot: QtBot, demo_window: MainWindow,
                                                              demo_session: Session, tmp_path: Path) -> None:
    demo_session.settings.sikb_application_id = 424242  # a test value: FieldApp has no code of its own
    dialog = _dialog(demo_window, "sad", tmp_path / "sad")
    dialog.bro.kvk_edit.setText("6120 4321")  # another accountable party, typed with a space
    dialog.start_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "sad" / "MANIFEST.sha256").is_file() and dialog.progress is None,
                    timeout=180_000)
    listed = dialog.findings.toPlainText().splitlines()
    assert listed[-1].startswith(f"Project {PROJECT}: 0 errors, "), listed  # SIKB's check ran before it wrote
    request = etree.parse(str(tmp_path / "sad" / "sad.xml"))
    assert request.findtext(".//{*}deliveryAccountableParty") == "61204321"
    assert request.findtext(".//{*}deliveryContext") == "archiefoverdracht"
    holes = borehole.of_project(demo_session.store, project.by_code(demo_session.store, PROJECT).id)
    assert dialog.outcome.text().startswith(f"Exported {len(holes)} boreholes to"), dialog.outcome.text()


def test_a_delivery_of_nothing_is_refused_with_each_reason_in_dutch(qtbot: QtBot, dutch: None, demo_window: MainWindow,
                                                                    demo_session: Session, tmp_path: Path) -> None:
    plan = project.create(demo_session, code="P-PLAN", name="Alleen gepland", start_date="2026-12-01")
    borehole.create(demo_session, plan.id, code="B01", kind="boring", planned_x_rd=135_950.0, planned_y_rd=455_320.0)
    demo_window.refresh()
    demo_window.select_project_code("P-PLAN")
    dialog = _dialog(demo_window, "bhrgt", tmp_path / "bro")
    assert dialog.bro.kvk_edit.text() == ""  # this project names no contractor
    dialog.bro.kvk_edit.setText("30123456")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress is None and dialog.start_button.isEnabled(), timeout=60_000)
    assert dialog.outcome.text() == (
        "Geen enkele boring van project P-PLAN is te beschrijven voor de BRO (BHR-GT): B01: geen gemeten positie "
        "in RD New (meet de boring in, of ze ligt buiten de grids van RDNAPTRANS2018). Vul de posities en "
        "boorbeschrijvingen van de boringen aan en exporteer opnieuw.")
    assert not (tmp_path / "bro").exists()
