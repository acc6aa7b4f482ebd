"""The export dialog's SIKB0101 format (issue 14, item 3): before it writes, it runs the same check as
`fieldapp export --check` on a worker and lists the findings, in the user's language, naming the objects;
an error stops it with nothing written. Real demo project, real Saxon run, the real TaskManager."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldapp import demo
from fieldapp.codelists import CodeLists
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.sikb import validate
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow


@pytest.fixture
def session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="J. de Vries", language="en"), lists=lists)
    demo.create(s, boreholes=6, seed=3)
    yield s
    s.close()


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> Iterator[MainWindow]:
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.select_project(0)
    yield w
    w.tasks.wait()


def _sikb_dialog(window: MainWindow, out: Path) -> ExportDialog:
    dialog = window.open_export()
    assert isinstance(dialog, ExportDialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("sikb0101"))
    assert dialog.format_combo.currentText() == "SIKB0101 XML (for the competent authority)"
    dialog.path_edit.setText(str(out))
    return dialog


def test_without_the_sikb_code_the_dialog_lists_the_finding_and_writes_nothing(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = _sikb_dialog(window, tmp_path / "sikb")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress is None and dialog.start_button.isEnabled(), timeout=120_000)
    listed = dialog.findings.toPlainText()
    assert dialog.findings.isVisible()
    assert "error        project 2026-0142: The SIKB application code (metaData/application) is not set." in listed
    assert dialog.outcome.text() == "1 error: nothing was written. Correct what is listed and export again."
    assert not (tmp_path / "sikb").exists()


def test_the_findings_are_listed_then_the_file_is_written(qtbot: QtBot, window: MainWindow, session: Session,
                                                          tmp_path: Path) -> None:
    session.settings.sikb_application_id = 424242  # a test value: FieldApp has no code of its own
    dialog = _sikb_dialog(window, tmp_path / "sikb")
    dialog.start_button.click()
    qtbot.waitUntil(lambda: (tmp_path / "sikb" / "MANIFEST.sha256").is_file() and dialog.progress is None,
                    timeout=120_000)
    listed = dialog.findings.toPlainText().splitlines()
    # the analysis samples have no lab results yet: SIKB's warning, named by the sample's code, not its gml:id
    assert any(line.startswith("warning      analysis sample MM") and "relatedObservation" in line
               for line in listed), listed
    assert listed[-1] == "Project 2026-0142: 0 errors, " + listed[-1].split(", ", 1)[1]
    assert dialog.outcome.text().startswith("Exported 9 boreholes to"), dialog.outcome.text()
    written = tmp_path / "sikb" / "sikb.xml"
    assert validate.xsd_findings(written) == []


def test_the_sikb_codes_are_set_in_the_settings_dialog(qtbot: QtBot, window: MainWindow, session: Session,
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldapp.settings import Settings as Saved
    from ui.settings_dialog import SettingsDialog

    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    dialog = SettingsDialog(session, window.tasks, window)
    qtbot.addWidget(dialog)
    assert dialog.sikb_spins["sikb_application_id"].text() == "not set"
    dialog.sikb_spins["sikb_application_id"].setValue(424242 % 100_000)
    dialog.sikb_spins["sikb_supplier_id"].setValue(17)
    dialog.save()
    saved = Saved.load(tmp_path / "config" / "settings.json")
    assert (saved.sikb_application_id, saved.sikb_supplier_id) == (24242, 17)
    assert session.settings.sikb_application_id == 24242
