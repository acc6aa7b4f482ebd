"""Lab intake from the main window ("Lab intake…"), and the lab device's start in intake mode.

The clerk picks one of the selected project's shipments, or scans the
square code on the COC form (every page), or types the COC number. The
intake window then opens beside the workbench on the same
:class:`~fieldapp.session.Session`: one connection on the GUI thread, and
the window's checkpoints run through the workbench's
:class:`~ui.taskman.TaskManager`.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import shipment as shipment_mod
from fieldapp.domain.shipment import Shipment
from fieldapp.errors import FieldAppError
from fieldapp.intake.receipt import Receipt, open_shipment
from fieldapp.labels.manifest import ManifestPart
from fieldapp.session import Session
from ui.i18n import counted, tr
from ui.intake.choices import ProjectChoice, shipment_state
from ui.intake.launch import reports_folder, take_coc_scan
from ui.intake.scan_field import ScanField
from ui.intake.window import IntakeWindow
from ui.intake.words import error_text
from ui.screen import fit_to_screen

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ShipmentRole = Qt.ItemDataRole.UserRole + 1


def shipment_line(s: Shipment, containers: int) -> str:
    return tr("{coc} · {lab} · {n} · {state}").format(coc=s.code, lab=s.lab, n=counted(containers, "jar"),
                                                     state=shipment_state(s.received_at, s.relinquished_at))


class ChooseShipment(QDialog):
    """Which cooler: a shipment of the project, a scanned COC manifest, or a typed COC number."""

    chosen = Signal(object)  # the Receipt

    def __init__(self, session: Session, project_id: str | None, project_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._parts: dict[int, ManifestPart] = {}
        self.setWindowTitle(tr("Lab intake"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Receive a cooler: pick its shipment, or scan the square code on its COC form "
                          "(every page), or type the COC number and press Enter."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.shipments = QListWidget()
        self.shipments.setWordWrap(True)  # a long lab name wraps rather than scrolling sideways
        layout.addWidget(QLabel(tr("Shipments of {p}").format(p=project_code) if project_id
                                else tr("No project selected")))
        layout.addWidget(self.shipments, 1)
        self.field = ScanField()
        self.field.setPlaceholderText(tr("COC manifest code or COC number"))
        layout.addWidget(self.field)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        # a COC number several projects use: their shipments, to pick the cooler's
        self.choice = ProjectChoice(session, self.message)
        layout.addWidget(self.choice)
        buttons = QDialogButtonBox()
        self.open_button = QPushButton(tr("Open intake"))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QPushButton(tr("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        buttons.accepted.connect(self.open_selected)
        buttons.rejected.connect(self.reject)
        self.shipments.itemActivated.connect(lambda _item: self.open_selected())
        self.field.scanned.connect(self.take)
        self.choice.chosen.connect(self._done)
        self._project_code = project_code
        self._fill(project_id)
        fit_to_screen(self, 880, 460)  # a shipment's line whole, in sunlight type too
        self.field.setFocus()  # a wedge scanner types wherever the focus is

    def _fill(self, project_id: str | None) -> None:
        if project_id is None:
            return
        counts = dict(self.session.store.conn.execute(
            "SELECT i.shipment_id, COUNT(*) FROM shipment_item i JOIN shipment s ON s.id = i.shipment_id "
            "WHERE s.project_id = ? GROUP BY i.shipment_id", (project_id,)).fetchall())
        ships = shipment_mod.of_project(self.session.store, project_id)
        # coolers still to be received first: that is what a desk opens
        for s in sorted(ships, key=lambda s: (s.received_at is not None, s.code)):
            item = QListWidgetItem(shipment_line(s, int(counts.get(s.id, 0))))
            item.setData(ShipmentRole, s.code)
            self.shipments.addItem(item)
        if ships:
            self.shipments.setCurrentRow(0)
        else:
            self.message.setText(tr("This project has no shipments; scan the COC form or type its number."))

    def open_selected(self) -> Receipt | None:
        item = self.shipments.currentItem()
        if item is None:
            self.message.setText(tr("Pick a shipment, or scan the COC form."))
            return None
        try:
            # the project's own: its COC number may be another project's too
            receipt = open_shipment(self.session, str(item.data(ShipmentRole)), self._project_code or None)
        except FieldAppError as exc:
            text, hint = error_text(exc)
            self.message.setText(f"<b>{escape(text, quote=False)}</b> {escape(hint, quote=False)}")
            return None
        return self._done(receipt)

    def take(self, text: str) -> Receipt | None:
        got = take_coc_scan(self.session, self._parts, text, self.message, self.choice)
        return self._done(got) if got is not None else None

    def _done(self, receipt: Receipt) -> Receipt:
        self.chosen.emit(receipt)
        self.accept()
        return receipt


def open_intake(window: MainWindow) -> ChooseShipment:
    """The "Lab intake…" action: ask which cooler, then open its intake window."""
    proj = window.current_project()
    dialog = ChooseShipment(window.session, proj.id if proj else None, proj.code if proj else "", window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.chosen.connect(lambda receipt: show_intake(window, receipt))
    dialog.open()  # not exec(): no nested event loop
    return dialog


def show_intake(window: MainWindow, receipt: Receipt) -> IntakeWindow:
    """The intake window of ``receipt``, a window of its own owned by the main window."""
    intake = IntakeWindow(window.session, receipt, reports=reports_folder(window.session), tasks=window.tasks,
                          parent=window)
    intake.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    intake.show()
    intake.activateWindow()
    return intake


def open_intakes(window: MainWindow) -> list[IntakeWindow]:
    """The intake windows open beside ``window`` (for the tests and for closing the app)."""
    return [w for w in window.findChildren(IntakeWindow) if w.isVisible()]
