"""Custody in the GUI (issue 16): a wrong scan voided, a sample reopened, every step undoable
(a correcting event), a refused undo that keeps its step and says why in full; the shipment
view from new cooler to hand-over with its COC saved as PDF; the user asked on first start.

Real widgets, a real SQLite file, keys typed into the focused field as a wedge scanner does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from fieldapp.codelists import CodeLists
from fieldapp.domain import borehole, container, custody, layer, project, sample, shipment
from fieldapp.domain.sample import Part
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.store.verify import verify
from ui.main_window import MainWindow


@pytest.fixture
def gui_session(tmp_path: Path, lists: CodeLists) -> Iterator[Session]:
    s = Session.open(tmp_path / "field.sqlite", settings=Settings(user="A. Bakker", language="en"), lists=lists)
    proj = project.create(s, code="P-16", name="Gasfabriek", lab="SYNLAB Analytics & Services")
    hole = borehole.create(s, proj.id, code="B01")
    layer.add(s, hole.id, upper="0", lower="1", soil="Zs1")
    yield s
    s.close()


@pytest.fixture
def window(qtbot: QtBot, gui_session: Session) -> Iterator[MainWindow]:
    w = MainWindow(gui_session)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=5_000)
    w.select_borehole(0)
    yield w
    w.tasks.wait()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def scan(code: str) -> None:
    QTest.keyClicks(focused(), code)
    QTest.keyClick(focused(), Qt.Key.Key_Return)


def answer(qtbot: QtBot, parent: QWidget, text: str) -> None:
    """Type ``text`` into the reason dialog ``parent`` opened and press OK."""
    qtbot.waitUntil(lambda: parent.findChild(QInputDialog) is not None, timeout=5_000)
    dialog = parent.findChild(QInputDialog)
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue(text)
    dialog.accept()


def test_a_wrong_scan_is_voided_and_every_step_undone_by_an_event(
        qtbot: QtBot, window: MainWindow, gui_session: Session) -> None:
    store = gui_session.store
    sf = window.sample_form
    window.tabs.setCurrentWidget(sf)
    # the sampling time starts at now and is stored with the sample
    shown = sf.sampled_edit.dateTime().toPython()
    assert abs(shown - datetime.now()) < timedelta(minutes=2)
    sf.sampled_edit.setDateTime(sf.sampled_edit.dateTime().addSecs(-3600))  # taken an hour ago
    sf.analyses_edit.setText("NEN 5740 standaardpakket grond")
    sf.rows[0].upper_edit.setFocus()
    QTest.keyClicks(focused(), "0")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "0.5")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    [sm] = sample.of_project(store, sf.project.id if sf.project else "")
    assert sm.sampled_at is not None
    taken = datetime.fromisoformat(sm.sampled_at)
    assert timedelta(minutes=55) < datetime.now(UTC) - taken < timedelta(minutes=65)
    assert focused() is sf.barcode_edit
    for code in ("FA-GUI001", "FA-GUI002", "FA-NEIGHB"):
        scan(code)
    assert [c.barcode for c in container.of_sample(store, sm.id)] == ["FA-GUI001", "FA-GUI002", "FA-NEIGHB"]

    # the neighbour's jar was scanned by mistake: void it, saying why
    sf.container_view.selectRow(2)
    sf.void_button.click()
    answer(qtbot, sf, "scanned the neighbour's jar")
    assert [c.barcode for c in container.of_sample(store, sm.id)] == ["FA-GUI001", "FA-GUI002"]
    wrong = container.by_barcode(store, "FA-NEIGHB")
    assert wrong is not None and wrong.voided
    last = custody.of_container(store, wrong.id)[-1]
    assert (last.kind, last.actor, last.remarks) == ("voided", "A. Bakker", "scanned the neighbour's jar")
    # undo brings it back by a correction, redo voids it again: nothing is deleted or edited
    assert window.undo_action.text() == "Undo void container FA-NEIGHB"
    window.undo_action.trigger()
    assert not container.get(store, wrong.id).voided
    assert custody.of_container(store, wrong.id)[-1].kind == "correction"
    window.redo_action.trigger()
    assert container.get(store, wrong.id).voided

    # reopen the sample later to add a forgotten jar; its scan is undoable too
    window.sample_form.load(window.current_project(), window.current_borehole())
    assert sf.sample is None and not sf.barcode_edit.isEnabled()
    sf.reopen_combo.setCurrentIndex(sf.reopen_combo.findText("M01"))
    sf.reopen_button.click()
    assert sf.sample is not None and sf.sample.id == sm.id and focused() is sf.barcode_edit
    scan("FA-GUI003")
    assert len(container.of_sample(store, sm.id)) == 3
    window.undo_action.trigger()  # the scan: voided, "scan undone"
    added = container.by_barcode(store, "FA-GUI003")
    assert added is not None and added.voided
    assert custody.of_container(store, added.id)[-1].remarks == "scan undone"
    assert [c.barcode for c in container.of_sample(store, sm.id)] == ["FA-GUI001", "FA-GUI002"]
    verify(store)


def test_a_refused_undo_keeps_its_step_and_says_why_in_full(
        qtbot: QtBot, window: MainWindow, gui_session: Session) -> None:
    store = gui_session.store
    sf = window.sample_form
    window.tabs.setCurrentWidget(sf)
    sf.rows[0].upper_edit.setText("0")
    sf.rows[0].lower_edit.setText("0.5")
    sm = sf.save()
    assert sm is not None
    scan("FA-KEEP01")
    jar = container.by_barcode(store, "FA-KEEP01")
    assert jar is not None
    # the jar is packed in a cooler meanwhile: undoing its scan is refused by the core
    shipment.create(gui_session, sm.project_id, lab="SYNLAB", container_ids=[jar.id])
    cooler = shipment.of_project(store, sm.project_id)[0]
    shipment.relinquish(gui_session, cooler.id, to="DHL")
    depth = window.undo.stack.index()
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=5_000)
    box = window.findChild(QMessageBox)
    assert isinstance(box, QMessageBox)
    assert "handed over in shipment COC-0001" in box.text() and "Ask the lab to reject it" in box.text()
    assert window.undo.stack.index() == depth and window.undo_action.isEnabled()  # the step stays
    assert window.undo_action.text() == "Undo scan container FA-KEEP01"
    assert not container.get(store, jar.id).voided
    box.close()


def test_a_cooler_packed_sealed_printed_and_handed_over_in_the_shipment_view(
        qtbot: QtBot, window: MainWindow, gui_session: Session, tmp_path: Path) -> None:
    store = gui_session.store
    proj = project.by_code(store, "P-16")
    hole = borehole.of_project(store, proj.id)[0]
    two_days = (datetime.now(UTC) - timedelta(hours=80)).isoformat()
    smp = sample.create(gui_session, proj.id, code="M01", kind="field_sample", matrix="BS",
                        parts=[Part(hole.id, "0", "0.5")], analyses=["NEN 5740 standaardpakket grond"],
                        sampled_at=two_days)
    for code in ("FA-SHIP01", "FA-SHIP02"):
        container.add(gui_session, smp.id, container_type="Pot", barcode=code)

    window.shipments_action.trigger()
    view = window.shipment_view
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=5_000)
    assert view.lab_edit.text() == "SYNLAB Analytics & Services"  # the project's lab
    view.create_button.click()
    [cooler] = shipment.of_project(store, proj.id)
    assert cooler.code == "COC-0001"
    panel = view.panel
    assert focused() is panel.scan_edit
    scan("fa-ship01")
    assert panel.heading.text().endswith(", 1 container")  # the noun in its number, not "1 containers"
    scan("FA-SHIP02")
    assert panel.heading.text().endswith(", 2 containers")
    scan("FA-NOSUCH")  # unknown: said beside the field, nothing packed
    assert "FA-NOSUCH" in panel.errors.text_for("barcode")
    assert len(shipment.container_ids(store, cooler.id)) == 2
    # the deadline: 96 h for NEN 5740 at SYNLAB, 80 h gone, so about 16 h left and a warning
    assert panel.contents.rowCount() == 2
    left = panel.contents.index(0, 4).data()
    assert left in ("15 h", "16 h"), left
    assert panel.warning.isVisibleTo(panel) and "FA-SHIP01" in panel.warning.text()

    panel.seal_edit.setFocus()
    QTest.keyClicks(focused(), "S-0042")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    assert shipment.get(store, cooler.id).seal_number == "S-0042"
    assert focused() is panel.to_edit

    panel.coc_button.click()
    dialog = view.print_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    pdf = tmp_path / "COC-0001.pdf"
    assert dialog.save_pdf(pdf)
    words = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "COC-0001" in words and "S-0042" in words and "A. Bakker" in words
    dialog.close()

    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=5_000)
    panel.to_edit.setFocus()
    QTest.keyClicks(focused(), "DHL koerier")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    done = shipment.get(store, cooler.id)
    assert (done.state, done.relinquished_by, done.relinquished_to) == ("handed over", "A. Bakker", "DHL koerier")
    assert not panel.scan_edit.isEnabled()
    # Ctrl+Z in the view takes the hand-over back by a correcting event, Ctrl+Y hands it over again
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shipment.get(store, cooler.id).state == "sealed"
    assert custody.of_shipment(store, cooler.id)[-1].kind == "correction"
    QTest.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert shipment.get(store, cooler.id).state == "handed over"
    kinds = sorted(e.kind for e in custody.of_shipment(store, cooler.id))
    assert kinds == ["correction", "packed", "packed", "relinquished", "relinquished", "sealed"]
    standing = custody.latest(store, "relinquished", shipment_id=cooler.id)  # the redone one, not corrected
    assert standing is not None and standing.remarks == "to DHL koerier"
    verify(store)


def test_the_user_is_asked_on_first_start_and_recorded(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import app as app_mod

    monkeypatch.setenv("FIELDAPP_CONFIG_DIR", str(tmp_path / "config"))
    gui = app_mod.open_window(db=tmp_path / "new.sqlite", demo=False, gnss=False)
    try:
        from ui.user_dialog import UserDialog

        qtbot.waitUntil(lambda: gui.window.findChild(UserDialog) is not None, timeout=5_000)
        dialog = gui.window.findChild(UserDialog)
        assert isinstance(dialog, UserDialog) and dialog.isVisible()
        dialog.reject()  # a name must be given: Escape does not skip it
        assert dialog.isVisible()
        dialog.accept()
        assert dialog.isVisible() and "empty" in dialog.error.text()
        dialog.name_edit.setText("A. Bakker")
        dialog.accept()
        assert not dialog.isVisible()
        proj = project.create(gui.session, code="P1", name="x")
        hole = borehole.create(gui.session, proj.id, code="B01")
        assert hole.sampler == "A. Bakker"
    finally:
        gui.close()
    assert Settings.load(tmp_path / "config" / "settings.json").user == "A. Bakker"
    # the next start knows the name and asks nothing
    gui = app_mod.open_window(db=tmp_path / "new.sqlite", demo=False, gnss=False)
    try:
        from ui.user_dialog import UserDialog

        qtbot.wait(50)
        assert gui.window.findChild(UserDialog) is None
        assert gui.session.actor == "A. Bakker"
    finally:
        gui.close()
