"""File > Import… (issue 14 in the window): a coordinator's plan (planned boreholes from a GIS) into the
selected project without the command line. The file is written by the test, the import runs on the real
TaskManager into a real database, the report says what was added or updated, a refusal names the row in the
user's language and leaves the project as it was, and the borehole list shows the new boreholes."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, project
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow

PROJECT = "2026-0142"  # demo_session's project (tests/ui/conftest.py)

PLAN = "code;x;y;kind;planned_depth_m\nP01;135950,5;455320,25;boring;2,50\nP02;135990;455300;peilbuis;4\n"


def _open(demo_window: MainWindow, path: Path) -> ImportDialog:
    demo_window.import_action.trigger()  # the menu's action, as a coordinator chooses it
    dialog = demo_window.findChild(ImportDialog)
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert dialog.format_combo.currentData() == "plan"
    dialog.path_edit.setText(str(path))
    return dialog


def _import(qtbot: QtBot, dialog: ImportDialog) -> None:
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.progress is None and dialog.start_button.isEnabled() and bool(dialog.outcome.text()),
                    timeout=60_000)


def _codes(demo_session: Session) -> dict[str, borehole.Borehole]:
    return {b.code: b for b in borehole.of_project(demo_session.store, project.by_code(demo_session.store, PROJECT).id)}


def test_the_import_action_has_a_shortcut_of_its_own(demo_window: MainWindow) -> None:
    keys = demo_window.import_action.shortcut()
    assert keys == QKeySequence("Ctrl+O")
    action = demo_window.import_action
    others = [a for a in demo_window.findChildren(type(action)) if a is not action]
    assert all(keys not in a.shortcuts() for a in others)


def test_a_plan_is_imported_into_the_selected_project_and_listed(qtbot: QtBot, demo_window: MainWindow,
                                                                 demo_session: Session, tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN, encoding="utf-8")
    before = demo_window.boreholes_model.rowCount()
    dialog = _open(demo_window, plan)
    _import(qtbot, dialog)
    assert dialog.outcome.text() == f"Imported plan.csv into {PROJECT}: 2 planned boreholes added, 0 updated."
    assert dialog.report.toPlainText().splitlines() == ["Added (2):", "  P01", "  P02"]
    holes = _codes(demo_session)
    assert (holes["P01"].planned_x_rd, holes["P01"].planned_y_rd) == (135950.5, 455320.25)
    assert holes["P02"].kind == "peilbuis"
    qtbot.waitUntil(lambda: demo_window.boreholes_model.rowCount() == before + 2, timeout=10_000)
    assert demo_window.current_project() is not None and demo_window.current_project().code == PROJECT

    # the coordinator moves P02 in the GIS and imports again: its plan is updated, nothing is doubled
    plan.write_text(PLAN.replace("135990;455300", "136000;455310"), encoding="utf-8")
    _import(qtbot, dialog)
    assert dialog.outcome.text() == f"Imported plan.csv into {PROJECT}: 0 planned boreholes added, 2 updated."
    assert dialog.report.toPlainText().splitlines() == ["Plan updated (2):", "  P01", "  P02"]
    assert (_codes(demo_session)["P02"].planned_x_rd, len(_codes(demo_session))) == (136000.0, len(holes))


def test_a_refused_row_is_named_in_dutch_and_nothing_is_imported(qtbot: QtBot, dutch: None, demo_window: MainWindow,
                                                                 demo_session: Session, tmp_path: Path) -> None:
    plan = tmp_path / "plan.geojson"  # the second point has its axes swapped: latitude first
    plan.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "P01"}, "geometry": {"type": "Point", "coordinates": [5.11, 52.09]}},
        {"type": "Feature", "properties": {"code": "P02"}, "geometry": {"type": "Point", "coordinates": [52.09, 5.11]}},
    ]}), encoding="utf-8")
    before = set(_codes(demo_session))
    dialog = _open(demo_window, plan)
    assert dialog.windowTitle() == f"Importeren in {PROJECT}"
    _import(qtbot, dialog)
    assert dialog.outcome.text() == (
        "Er is niets geïmporteerd: Object 2 (P02): lon 52.09 lat 5.11 ligt buiten Nederland. "
        "Controleer het coördinatenstelsel: x/y in RD New (EPSG:28992) of lon/lat in graden.")
    assert dialog.outcome.property("role") == "error"
    # the three wrapped lines get their height: none drawn over the file row above or the buttons below
    qtbot.waitUntil(lambda: dialog.outcome.height() >= dialog.outcome.heightForWidth(dialog.outcome.width()))
    assert dialog.outcome.geometry().top() >= dialog.path_edit.geometry().bottom()
    assert dialog.path_edit.height() >= dialog.path_edit.sizeHint().height()  # not squeezed to make room
    assert dialog.outcome.geometry().bottom() <= dialog.start_button.geometry().top()
    assert not dialog.report.isVisible()
    assert set(_codes(demo_session)) == before  # P01 was fine, but an import is all or nothing


def test_without_a_file_it_says_what_to_do(demo_window: MainWindow, tmp_path: Path) -> None:
    dialog = _open(demo_window, tmp_path)
    dialog.path_edit.clear()
    dialog.start_button.click()
    assert dialog.progress is None
    assert dialog.outcome.text() == "Choose the file to import first (Browse…)."


SIKB = Path(__file__).resolve().parents[1] / "data" / "sikb"


def test_a_sikb0101_investigation_is_imported_into_an_empty_database_and_selected(
        qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> None:
    with Session.open(tmp_path / "empty.sqlite", settings=Settings(user="J. de Vries", language="en"),
                      lists=lists) as empty:
        w = MainWindow(empty)
        qtbot.addWidget(w)
        assert w.current_project() is None  # no project to choose: the file brings its own
        source = tmp_path / "investigation.xml"
        source.write_bytes((SIKB / "examples" / "1._SAD_registrationRequest_IMBROA.xml").read_bytes())
        w.import_action.trigger()
        dialog = w.findChild(ImportDialog)
        assert isinstance(dialog, ImportDialog)
        assert [dialog.format_combo.itemData(i) for i in range(dialog.format_combo.count())] == ["sikb0101"]
        dialog.path_edit.setText(str(source))
        _import(qtbot, dialog)
        assert dialog.outcome.text() == "Imported investigation.xml as project SIKB_PROT_2001_2002: 37 new rows."
        assert dialog.report.toPlainText().startswith("imported as project SIKB_PROT_2001_2002: ")
        qtbot.waitUntil(lambda: w.current_project() is not None, timeout=10_000)
        assert w.current_project().code == "SIKB_PROT_2001_2002"  # type: ignore[union-attr]

        # the same investigation with a layer gap: refused naming the object, nothing changes
        broken = tmp_path / "gap.xml"
        broken.write_bytes((SIKB / "mutated" / "layer_gap.xml").read_bytes())
        dialog.path_edit.setText(str(broken))
        _import(qtbot, dialog)
        assert dialog.outcome.text().startswith("Nothing was imported: "), dialog.outcome.text()
        assert dialog.outcome.property("role") == "error"
        w.tasks.wait()


def test_a_sikb0101_report_and_refusal_are_shown_in_the_windows_language(
        qtbot: QtBot, dutch: None, tmp_path: Path, lists: CodeLists) -> None:
    with Session.open(tmp_path / "empty.sqlite", settings=Settings(user="J. de Vries", language="nl"),
                      lists=lists) as empty:
        w = MainWindow(empty)
        qtbot.addWidget(w)
        w.import_action.trigger()
        dialog = w.findChild(ImportDialog)
        assert isinstance(dialog, ImportDialog)
        source = tmp_path / "onderzoek.xml"
        source.write_bytes((SIKB / "examples" / "1._SAD_registrationRequest_IMBROA.xml").read_bytes())
        dialog.path_edit.setText(str(source))
        _import(qtbot, dialog)
        listed = dialog.report.toPlainText().splitlines()
        assert listed[0].startswith("geïmporteerd als project SIKB_PROT_2001_2002: 1 boring, 3 lagen")
        assert "aangenomen:" in listed and "niet overgenomen:" in listed
        assert "  filterdiameter '82' (Eenheid:19) is niet aannemelijk: weggelaten (Boring PB01, filter Filter1)" \
            in listed
        qtbot.waitUntil(lambda: w.current_project() is not None, timeout=10_000)

        broken = tmp_path / "gat.xml"
        broken.write_bytes((SIKB / "mutated" / "layer_gap.xml").read_bytes())
        dialog.path_edit.setText(str(broken))
        _import(qtbot, dialog)
        assert dialog.outcome.text() == (
            "Er is niets geïmporteerd: Boring PB01: er zit een gat tussen laag 0,00-0,50 m en laag 0,60-1,20 m. "
            "Beschrijf het ontbrekende traject in het programma dat het bestand maakte, of verbeter de diepten, en "
            "exporteer opnieuw.")
        w.tasks.wait()
