"""A sampler's day (issue 16, the first "Done when"), on a new empty database, with the keyboard
where a sampler would use it: a new project, a borehole averaged from a pseudo-terminal receiver
replaying a recorded log, its layers, a sample whose containers
are scanned in (one scan voided), a cooler packed, sealed, its COC printed to PDF and handed
over; then the lab receives it on its own device and, after a sync through a real hub on
127.0.0.1, the sampler's database shows every container received.

Keys are typed as key events into the focused widget (tests/intake/keys.py); the window
shortcuts go through QTest, which delivers them as a shortcut. Mouse clicks only where a
sampler would use the mouse: picking a row, "Void container…", "Print COC…".
"""

from __future__ import annotations

import sys
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "intake"))  # keys: plain key events
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))  # the real hub and enrolled devices

from helpers import device, enrolled
from hubserver import serve
from keys import type_text
from pty_receiver import PtyReceiver

from drivers.gnss.sources import SerialSource
from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, container, custody, layer, project, sample, shipment
from fieldapp.hub.service import HubService
from fieldapp.intake.receipt import open_shipment
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify
from fieldapp.sync.engine import sync
from ui.gnss_bridge import GnssBridge
from ui.intake.window import IntakeWindow
from ui.main_window import MainWindow

RECEIVER_LOG = Path(__file__).resolve().parents[1] / "data" / "nmea" / "gpsd__ublox-lea-5h.log"
AVERAGED_FIXES = 5
LAB = "SYNLAB Analytics & Services, Rotterdam"
JARS = ("FA-DAY001", "FA-DAY002", "FA-DAY003")  # the third is the neighbour's jar, scanned by mistake


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def typed(text: str) -> None:
    """Type into whatever has the focus, following it as Tab and Enter move it."""
    for ch in text:
        type_text(focused(), ch)


def active(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def test_a_sampler_day_from_new_project_to_lab_receipt(qtbot: QtBot, tmp_path: Path, lists: CodeLists) -> None:
    service = HubService.open(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    with serve(service) as url:
        field = Session.open(tmp_path / "field.sqlite", lists=lists,
                             settings=Settings(user="A. Bakker", language="en",
                                               averaging_count=AVERAGED_FIXES, averaging_seconds=0))
        lab = device(tmp_path, "L. Smit", lists)
        field_hub = enrolled(service, url, field, "sampler")
        lab_hub = enrolled(service, url, lab, "lab", lab=LAB)
        rx = PtyReceiver(tmp_path / "gnss0", RECEIVER_LOG, baud=4800)
        rx.plug()
        bridge = GnssBridge()
        window = MainWindow(field, bridge=bridge)
        qtbot.addWidget(window)
        try:
            bridge.start(SerialSource(str(rx.path), 4800))
            window.show()
            qtbot.waitExposed(window)
            active(qtbot, window)
            day(qtbot, window, field, tmp_path)
            receipt(qtbot, field, lab, field_hub, lab_hub, tmp_path)
        finally:
            bridge.stop()
            rx.unplug()
            window.tasks.wait()
            window.close()
            for closing in (field_hub, lab_hub, lab):
                closing.close()
            field.close()
            service.close()


def day(qtbot: QtBot, window: MainWindow, s: Session, tmp: Path) -> None:
    store = s.store
    # 1. a new project --------------------------------------------------------------------
    dialog = window.new_project()
    qtbot.waitExposed(dialog)
    active(qtbot, dialog)
    dialog.code_edit.setFocus()
    typed("2026-0316\t")
    assert focused() is dialog.name_edit
    typed("Croeselaan Utrecht\r")  # Enter: the dialog's default button creates it
    [proj] = project.all_projects(store)
    assert proj.code == "2026-0316"
    active(qtbot, window)

    # 2. a borehole, its position averaged from the receiver --------------------------------
    # Ctrl+B: a new borehole here, averaging the pseudo-terminal receiver's fixes (a recorded
    # u-blox log); when the count is reached, Ctrl+S saves it with the averaged position.
    form = window.borehole_form
    panel = form.averaging
    active(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is form and panel.averaging
    qtbot.waitUntil(lambda: panel.result is not None, timeout=60_000)
    assert panel.result is not None and panel.result.count == AVERAGED_FIXES
    form.code_edit.setFocus()
    QTest.keyClick(form.code_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(borehole.of_project(store, proj.id)), timeout=5_000)
    [hole] = borehole.of_project(store, proj.id)
    assert hole.code == "B01" and hole.measured and hole.epoch_count == AVERAGED_FIXES
    # the evidence: every averaged fix's position sentences are kept with the borehole (an epoch the
    # pseudo-terminal delivers in two bursts under load may hold its RMC without its GGA)
    assert hole.raw_nmea is not None
    assert sum(line[3:6] in ("GGA", "RMC") for line in hole.raw_nmea.splitlines()) >= AVERAGED_FIXES
    assert hole.sampler == "A. Bakker"
    window.select_borehole_id(hole.id)
    assert window.current_borehole() is not None

    # 3. layers, by keyboard only -------------------------------------------------------------
    lf = window.layer_form
    window.tabs.setCurrentWidget(lf)
    lf.lower_edit.setFocus()
    for lower, soil in (("0.5", "Zs1h2"), ("1.2", "Kz1"), ("2.0", "Zs2")):
        typed(f"{lower}\t{soil}\r")
        assert focused() is lf.lower_edit, lf.errors_general.text()
    assert [x.lower_cm for x in layer.of_borehole(store, hole.id)] == [50, 120, 200]

    # 4. a sample, its jars scanned in, one scan voided -----------------------------------------
    sf = window.sample_form
    window.tabs.setCurrentWidget(sf)
    assert sf.sampled_edit.isEnabled()  # the sampling time is there, at now
    sf.analyses_edit.setFocus()
    typed("NEN 5740 standaardpakket grond\t")
    assert focused() is sf.rows[0].borehole_combo
    typed("\t0\t0.5\r")
    [smp] = sample.of_project(store, proj.id)
    assert smp.sampled_at and focused() is sf.barcode_edit
    for code in JARS:
        typed(code.lower() + "\r")  # the wedge scanner types and presses Enter
    assert [c.barcode for c in container.of_sample(store, smp.id)] == list(JARS)
    sf.container_view.selectRow(2)
    sf.void_button.click()
    qtbot.waitUntil(lambda: sf.findChild(QInputDialog) is not None, timeout=5_000)
    reason = sf.findChild(QInputDialog)
    assert isinstance(reason, QInputDialog)
    active(qtbot, reason)
    edit = reason.findChild(QLineEdit)
    assert edit is not None
    edit.selectAll()
    type_text(edit, "neighbour's jar\r")
    assert [c.barcode for c in container.of_sample(store, smp.id)] == list(JARS[:2])
    voided = container.by_barcode(store, JARS[2])
    assert voided is not None and voided.voided
    assert custody.of_container(store, voided.id)[-1].actor == "A. Bakker"
    active(qtbot, window)

    # 5. the cooler: packed, sealed, COC to PDF, handed over ------------------------------------
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.shipment_view
    qtbot.waitExposed(view)
    active(qtbot, view)
    assert focused() is view.lab_edit
    typed(LAB + "\r")
    [cooler] = shipment.of_project(store, proj.id)
    panel = view.panel
    assert cooler.code == "COC-0001" and focused() is panel.scan_edit
    for code in JARS:
        typed(code + "\r")
    assert "void" in panel.errors.text_for("barcode")  # the voided jar does not travel
    assert len(shipment.container_ids(store, cooler.id)) == 2
    panel.scan_edit.clear()
    panel.seal_edit.setFocus()
    typed("S-0042\r")
    assert shipment.get(store, cooler.id).seal_number == "S-0042" and focused() is panel.to_edit
    panel.coc_button.click()
    coc = view.print_dialog
    assert coc is not None
    qtbot.waitUntil(lambda: not coc.busy, timeout=60_000)
    pdf = tmp / "COC-0001.pdf"
    assert coc.save_pdf(pdf)  # what "Save PDF…" does once the file is chosen
    words = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert all(code in words for code in JARS[:2]) and JARS[2] not in words
    assert "S-0042" in words and "A. Bakker" in words
    coc.close()
    active(qtbot, view)
    panel.to_edit.setFocus()
    typed("DHL koerier\r")
    handed = shipment.get(store, cooler.id)
    assert (handed.state, handed.relinquished_by, handed.relinquished_to) == ("handed over", "A. Bakker",
                                                                              "DHL koerier")
    view.close()
    verify(store)


def receipt(qtbot: QtBot, field: Session, lab: Session, field_hub: object, lab_hub: object, tmp: Path) -> None:
    """The lab's desk: the cooler arrives through the hub, its two jars are scanned, the receipt
    closed; after a sync the sampler's database shows both jars received."""
    sync(field.store, field_hub)  # type: ignore[arg-type]
    sync(lab.store, lab_hub)  # type: ignore[arg-type]
    intake = IntakeWindow(lab, open_shipment(lab, "COC-0001"), reports=tmp / "receipts")
    qtbot.addWidget(intake)
    intake.show()
    qtbot.waitExposed(intake)
    active(qtbot, intake)
    for code in JARS[:2]:
        type_text(intake.field, code + "\r")
    assert "RECEIVED" in intake.banner.text()
    type_text(intake.form.reading, "4,2\r")
    intake.form.seal_number.setText("S-0042")
    assert intake.close_receipt(), intake.banner.text()
    sync(lab.store, lab_hub)  # type: ignore[arg-type]
    sync(field.store, field_hub)  # type: ignore[arg-type]
    ship = shipment.by_code(field.store, "COC-0001")
    assert ship.received_at and ship.received_by == "L. Smit"
    received = field.store.query(
        "SELECT c.barcode FROM custody_event e JOIN container c ON c.id = e.container_id "
        "WHERE e.shipment_id = ? AND e.kind = 'received' ORDER BY c.barcode", (ship.id,))
    assert [r["barcode"] for r in received] == list(JARS[:2])
    intake.close()
    verify(field.store)
    verify(lab.store)
