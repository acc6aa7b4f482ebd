"""A full receipt through the intake window: a keyboard-wedge scanner (Enter, Tab, no suffix) and a
serial scanner on a pseudo-terminal; then the receipt reaches the sampler through the hub."""

from __future__ import annotations

from pathlib import Path

import pytest
from keys import press, type_text
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from receipt_flow import Desk, desk, receipt_in, script, shown

from drivers.scanners import SimulatedScanner
from fieldapp.intake.receipt import open_shipment
from fieldapp.session import Session
from fieldapp.store.verify import verify
from ui.intake.scan_field import SerialBridge
from ui.intake.window import IntakeWindow


def open_window(qtbot: QtBot, d: Desk, tmp: Path) -> IntakeWindow:
    window = IntakeWindow(d.lab, open_shipment(d.lab, "COC-0001"), reports=tmp / "receipts")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def close_and_check(qtbot: QtBot, window: IntakeWindow, d: Desk) -> None:
    counts = {key: shown(tile.text()) for key, tile in window.counts.items()}
    assert counts == {"expected": 50, "received": 48, "missing": 2, "unexpected": 1, "damaged": 1, "late": 0,
                      "duplicates": 1}
    assert [code for code, _sample in window.missing_model.codes] == d.codes[48:]
    assert window.unexpected.count() == 1 and "COC-0002" in window.unexpected.item(0).text()
    for reading in ("4,1", "4.6"):
        type_text(window.form.reading, reading + "\r")
    assert "mean 4.3 °C: within range" in window.form.temperature.text()
    window.form.seal_number.setText("SEAL-COC-0001")
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert "say who was consulted" in window.banner.text()  # 7.4.3: deviations need the customer's word
    window.form.consulted.setText("P. Jansen (client), phone 10:20: analyse, resample the missing two")
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert "RECEIPT CLOSED" in window.banner.text() and window.report_path and window.report_path.exists()
    # an English desk still writes the lab's document in Dutch
    report = " ".join(" ".join(p.extract_text() for p in PdfReader(window.report_path).pages).split())
    assert "Ontvangstrapport monsters" in report and "op de COC, niet in de koelbox" in report

    lab_side = receipt_in(d.lab, d.shipment_id)
    assert lab_side == {
        "received_by": "L. Smit",
        "condition": "seal intact, 4.3 °C, 48 of 50 received, 2 missing, 1 unexpected, 1 damaged",
        "received": sorted(d.codes[:48]),
        "rejected": sorted([(d.codes[10], "damaged"), (d.codes[48], "missing"), (d.codes[49], "missing")]),
        "set_apart": [d.stray],
        "cooler_events": 1,
    }
    verify(d.lab.store)
    d.sync_all()
    assert receipt_in(d.sampler, d.shipment_id) == lab_side  # the sampler sees the receipt after a sync
    verify(d.sampler.store)


@pytest.mark.parametrize("suffix", ["enter", "tab", "none"])
def test_a_wedge_scanner_receives_a_cooler(qtbot: QtBot, tmp_path: Path, suffix: str) -> None:
    with desk(tmp_path) as d:
        window = open_window(qtbot, d, tmp_path)

        def scan(code: str) -> None:
            before = len(window.log_model.rows)
            type_text(window.field, code + {"enter": "\r", "tab": "\t", "none": ""}[suffix])
            qtbot.waitUntil(lambda: len(window.log_model.rows) == before + 1)
            assert window.focusWidget() is window.field and window.field.text() == ""

        def damaged() -> None:
            press(window.field, Qt.Key.Key_F2)  # one key

        script(d, scan, damaged)
        close_and_check(qtbot, window, d)


def test_a_serial_scanner_receives_a_cooler(qtbot: QtBot, tmp_path: Path) -> None:
    with desk(tmp_path) as d, SimulatedScanner() as sim:
        window = open_window(qtbot, d, tmp_path)
        bridge = SerialBridge(sim.port)
        bridge.scanned.connect(window.handle_scan)
        bridge.start()
        try:
            def scan(code: str) -> None:
                before = len(window.log_model.rows)
                sim.scan(code, "\r")
                qtbot.waitUntil(lambda: len(window.log_model.rows) == before + 1)

            def damaged() -> None:
                qtbot.mouseClick(window.damaged, Qt.MouseButton.LeftButton)

            script(d, scan, damaged)
        finally:
            bridge.stop()
        close_and_check(qtbot, window, d)


def test_the_intake_window_speaks_dutch(qtbot: QtBot, session: Session, tmp_path: Path) -> None:
    """A Dutch lab desk reads Dutch: headings, outcomes, the core's messages and their what-to-do."""
    from intake_helpers import cooler
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    app = QApplication.instance()
    assert app is not None
    box = cooler(session, 3)
    i18n.install(app, "nl")
    try:
        window = IntakeWindow(session, open_shipment(session, "COC-0001"), reports=tmp_path / "receipts")
        qtbot.addWidget(window)
        window.show()
        assert window.windowTitle() == "FieldApp ontvangst - COC COC-0001"
        assert "Koelbox COC-0001 ontvangen" in window.title.text()
        assert [window.tabs.tabText(i) for i in range(3)] == ["Nog niet gescand", "Apart gezet", "Scanlog"]
        assert "Verwacht" in window.counts["expected"].text()

        window.handle_scan(box.codes[0])
        assert "ONTVANGEN" in window.banner.text() and f"{box.codes[0]} ontvangen (1 van 3)." in window.banner.text()
        assert window.log_model.headerData(3, Qt.Orientation.Horizontal) == "Uitkomst"
        assert window.log_model.data(window.log_model.index(0, 3)) == "ONTVANGEN"

        window.handle_scan("FA-NIET-HIER-1")
        text = window.banner.text()
        assert "ONBEKENDE CODE - APART ZETTEN" in text and "is hier onbekend en staat niet op deze COC" in text
        assert "Zet hem apart als onverwacht" in text  # the what-to-do half, in Dutch too
        assert window.tabs.tabText(1) == "Apart gezet (1)"

        type_text(window.form.reading, "warm\r")
        assert window.form.error.text() == "'warm' is geen temperatuur. Typ de meting in °C, bijv. 4,2."
        window.form.reading.clear()
        type_text(window.form.reading, "4,2\r")
        assert "4,2 °C" in window.form.temperature.text()  # a Dutch desk reads a decimal comma
        assert "4.2" not in window.form.temperature.text()
        window.form.seal_state.setCurrentIndex(window.form.seal_state.findData("broken"))
        assert window.form.seal_state.currentText() == "verbroken" and window.receipt.header.seal_state == "broken"

        assert window.close_receipt() is False
        assert "NIET AFGESLOTEN" in window.banner.text() and "geef aan wie daarover is geraadpleegd" in (
            window.banner.text())
        window.close()
    finally:
        i18n.install(app, "en")
