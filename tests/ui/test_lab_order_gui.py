"""The lab order in the shipment view, in Dutch: bad values said beside their field (nothing saved),
good ones saved and undoable, and printed on the COC form.

Real widgets, a real SQLite file, keys typed into the fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, container, lab_order, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, lists: CodeLists, dutch: None) -> Iterator[MainWindow]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="A. Bakker", language="nl"), lists=lists)
    proj = project.create(s, code="P-12", name="Gasfabriek", lab="Eurofins Analytico")
    hole = borehole.create(s, proj.id, code="B01")
    layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
    smp = sample.create(s, proj.id, code="M01", kind="field_sample", matrix="BS", parts=[Part(hole.id, "0", "0.5")])
    container.add(s, smp.id, container_type="Pot", barcode="FA-ORDER01")
    w = MainWindow(s)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.tasks.wait()
    s.close()


def test_the_lab_order_is_set_in_the_shipment_view_and_printed(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    store = window.session.store
    proj = project.by_code(store, "P-12")
    window.shipments_action.trigger()
    view = window.shipment_view
    qtbot.waitExposed(view)
    view.create_button.click()
    [cooler] = shipment.of_project(store, proj.id)
    shipment.add_barcodes(window.session, cooler.id, ["FA-ORDER01"])
    view.refresh()
    assert view.panel.order_button.text() == "Laboratoriumopdracht…"
    view.panel.order_button.click()
    dialog = view.lab_order_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Laboratoriumopdracht van COC-0001"

    QTest.keyClicks(dialog.client_edit, "1234567890-1234567890")  # 21 characters
    dialog.turnaround.setCurrentIndex(dialog.turnaround.findData("urgent"))
    assert not dialog.save()
    said = dialog.errors.text_for("client number")
    assert "Het klantnummer '1234567890-1234567890' heeft 21 tekens" in said, said
    assert "Geef het klantnummer zoals het lab het schrijft." in said
    assert lab_order.of_shipment(store, cooler.id) == lab_order.LabOrder()  # nothing saved

    dialog.client_edit.setText("1234567890")
    assert not dialog.save()
    assert "Een spoedopdracht heeft het aantal werkdagen nodig." in dialog.errors.text_for("turnaround days")
    dialog.days.setValue(2)
    dialog.quotation_edit.setText("OFF-2026-00123")
    dialog.email_edit.setText("m.berg@bureau.nl")
    dialog.as3000.setCurrentIndex(dialog.as3000.findData(True))
    assert dialog.save()
    saved = lab_order.LabOrder("1234567890", "OFF-2026-00123", None, "m.berg@bureau.nl", "urgent", 2, True)
    assert lab_order.of_shipment(store, cooler.id) == saved

    # Ctrl+Z in the view takes the order back, Ctrl+Y sets it again
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=5_000)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert lab_order.of_shipment(store, cooler.id) == lab_order.LabOrder()
    QTest.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert lab_order.of_shipment(store, cooler.id) == saved

    view.panel.coc_button.click()
    printing = view.print_dialog
    assert printing is not None
    qtbot.waitUntil(lambda: not printing.busy, timeout=60_000)
    pdf = tmp_path / "COC-0001.pdf"
    assert printing.save_pdf(pdf)
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    for phrase in ("Opdrachtformulier laboratorium", "Klantnummer", "1234567890", "OFF-2026-00123",
                   "spoed, 2 werkdagen", "Verklaring monsternemer"):
        assert phrase in words, phrase
    printing.close()
