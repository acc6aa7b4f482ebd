"""Lab intake from the main window ("Lab intake…") and a lab device that starts in intake mode."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from intake_helpers import cooler, events
from keys import type_text
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from fieldapp.labels.manifest import encode_parts
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui import app as app_mod
from ui import i18n
from ui.intake.entry import ChooseShipment, open_intakes
from ui.intake.window import IntakeWindow
from ui.main_window import MainWindow


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Session]:
    s = Session.open(tmp_path / "lab.sqlite", settings=Settings(user="L. Smit", role="lab"))
    yield s
    s.close()


def main_window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


def chooser(window: MainWindow) -> ChooseShipment:
    found = [d for d in window.findChildren(ChooseShipment) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def test_the_action_opens_the_chosen_shipment_and_a_scan_writes_the_receipt(qtbot: QtBot, lab: Session) -> None:
    first = cooler(lab, 5, coc="COC-0001")
    second = cooler(lab, 3, coc="COC-0002", prefix="FA-U")
    window = main_window(qtbot, lab)
    window.select_project_code("P1")
    window.intake_action.trigger()
    dialog = chooser(window)
    lines = [dialog.shipments.item(i).text() for i in range(dialog.shipments.count())]
    assert lines[0].startswith("COC-0001 · ") and "5 containers · on its way" in lines[0]
    assert lines[1].startswith("COC-0002 · ") and "3 containers" in lines[1]
    dialog.shipments.setCurrentRow(1)
    dialog.open_button.click()
    [intake] = open_intakes(window)
    assert intake.receipt.coc_number == "COC-0002" and intake.session is lab  # the same session: one connection
    assert not dialog.isVisible()
    type_text(intake.field, second.codes[0] + "\r")
    assert "RECEIVED" in intake.banner.text()
    assert [(e["kind"], e["barcode"]) for e in events(lab, second.shipment.id)] == [("received", second.codes[0])]
    assert events(lab, first.shipment.id) == []
    intake.close()


@pytest.mark.parametrize("aim", ["", "]Q1"])  # a scanner set to send AIM identifiers puts "]Q1" before a QR code
def test_a_scanned_coc_manifest_opens_its_shipment(qtbot: QtBot, lab: Session, aim: str) -> None:
    box = cooler(lab, 4, coc="COC-0003")
    window = main_window(qtbot, lab)
    window.open_intake()
    dialog = chooser(window)
    manifest = encode_parts("COC-0003", [box.codes[:2], box.codes[2:]])  # a COC of two pages
    for part in manifest[:-1]:
        dialog.take(aim + part)
        assert "scan the other pages" in dialog.message.text() and not open_intakes(window)
    dialog.take(aim + manifest[-1])
    [intake] = open_intakes(window)
    assert intake.receipt.coc_number == "COC-0003" and list(intake.receipt.expected) == box.codes
    intake.close()


def test_an_unknown_coc_number_is_named_and_nothing_opens(qtbot: QtBot, lab: Session) -> None:
    cooler(lab, 2)
    window = main_window(qtbot, lab)
    window.open_intake()
    dialog = chooser(window)
    type_text(dialog.field, "COC-9999\r")
    assert "COC-9999" in dialog.message.text() and open_intakes(window) == []


def test_the_chooser_is_dutch(qtbot: QtBot, lab: Session) -> None:
    cooler(lab, 2)
    app = QCoreApplication.instance()
    assert app is not None
    i18n.install(app, "nl")
    try:
        window = main_window(qtbot, lab)
        assert window.intake_action.text() == "Ontvangst lab…"
        window.open_intake()
        dialog = chooser(window)
        assert dialog.windowTitle() == "Ontvangst lab" and dialog.open_button.text() == "Ontvangst openen"
        assert "2 potten/flessen · onderweg" in dialog.shipments.item(0).text()
    finally:
        i18n.install(app, "en")


def test_a_lab_device_opens_in_intake_mode(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"user": "L. Smit", "role": "lab", "language": "en"}))
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(config))
    db = tmp_path / "lab.sqlite"
    with Session.open(db) as s:
        box = cooler(s, 3)
    gui = app_mod.open_window(db=db, demo=False)
    try:
        assert gui.session.settings.role == "lab"
        assert not gui.window.bridge.running  # a lab desk has no receiver to look for
        dialog = chooser(gui.window)
        dialog.open_button.click()  # the project's one shipment is picked already
        [intake] = open_intakes(gui.window)
        assert isinstance(intake, IntakeWindow) and intake.receipt.coc_number == "COC-0001"
        type_text(intake.field, box.codes[2] + "\r")
        assert [e["barcode"] for e in events(gui.session, box.shipment.id)] == [box.codes[2]]
        intake.close()
    finally:
        gui.close()


def test_a_sampler_device_does_not_open_the_intake(qtbot: QtBot, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    gui = app_mod.open_window(db=tmp_path / "field.sqlite", demo=False, gnss=False)
    try:
        assert gui.session.settings.role == "sampler"
        assert gui.window.findChildren(ChooseShipment) == []
    finally:
        gui.close()


def test_an_unknown_role_in_the_settings_file_is_the_default(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"user": "X", "role": "janitor"}))
    assert Settings.load(path) == Settings(user="X")
    path.write_text(json.dumps({"user": "X", "role": "coordinator"}))
    assert Settings.load(path).role == "coordinator"
