"""The shipments of a project: make one for a lab, pack, seal, print its COC, hand it over.

Left, the project's shipments with their state; right, the selected one
(ui/shipment_panel.py). Opened from the main window's "Shipments…" action
on the selected project; its steps share the window's undo stack, so Ctrl+Z
works here as on the workbench.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import shipment as shipment_mod
from fieldapp.domain.project import Project
from fieldapp.domain.shipment import Shipment
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.forms import add_row
from ui.i18n import tr
from ui.keyboard import one_press_per_tap
from ui.models import Column, RecordTableModel, fit, select_row, table, title_label
from ui.print_jobs import CocRequest
from ui.shipment_panel import ShipmentPanel, state_text
from ui.undo import Undo

if TYPE_CHECKING:
    from ui.lab_order_dialog import LabOrderDialog
    from ui.print_dialog import PrintDialog
    from ui.taskman import TaskManager


class ShipmentView(QWidget):
    """A project's coolers; a window of its own beside the workbench (not a dialog: Enter
    after a scan must pack the container, never press a default button)."""

    #: a COC was printed or saved (the print dialog's message)
    coc_done = Signal(str)

    def __init__(self, session: Session, tasks: TaskManager, undo: Undo, project: Project,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.tasks = tasks
        self.undo = undo
        self.project = project
        self.print_dialog: PrintDialog | None = None
        self.lab_order_dialog: LabOrderDialog | None = None
        self.setWindowTitle(tr("Shipments of {p}").format(p=project.code))
        self.model: RecordTableModel[Shipment] = RecordTableModel([
            Column(tr("COC"), lambda s: s.code),
            Column(tr("State"), state_text),
            Column(tr("Lab"), lambda s: s.lab),
        ], self)
        self.list_view = table(self.model)
        self.errors = FieldErrors(QLabel())
        self.lab_edit = QLineEdit(project.lab or "")
        self.lab_edit.setPlaceholderText(tr("lab name"))
        self.create_button = QPushButton(tr("New shipment"))
        self.panel = ShipmentPanel(session, undo)

        grid = QGridLayout()
        add_row(grid, tr("Lab"), self.lab_edit, self.errors, "lab", "code")
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.addWidget(title_label(tr("Shipments")))
        left_box.addWidget(self.list_view, 1)
        left_box.addLayout(grid)
        left_box.addWidget(self.errors._general)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        left_box.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([420, 680])  # the list shows code, lab and state side by side
        split.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.addWidget(split)
        self.resize(1100, 620)  # inside a 1366 x 768 screen with the task bar

        self.create_button.clicked.connect(self.create_shipment)
        one_press_per_tap(self.create_button)
        self.lab_edit.returnPressed.connect(self.create_shipment)
        self.list_view.selectionModel().currentRowChanged.connect(self._picked)
        self.panel.changed.connect(self.refresh)
        self.panel.print_coc.connect(self.open_coc)
        self.panel.edit_order.connect(self.open_lab_order)
        self.undo.stack.indexChanged.connect(self._stack_moved)  # a bound slot: gone with the view
        # Ctrl+Z / Ctrl+Y act here as in the main window (a dialog has its own shortcut context)
        for keys, step in ((QKeySequence.StandardKey.Undo, self.undo.undo),
                           (QKeySequence.StandardKey.Redo, self.undo.redo)):
            QShortcut(QKeySequence(keys), self, activated=step)
        self.refresh()
        if self.panel.shipment is None:
            self.lab_edit.setFocus()  # the first thing to do: name the lab, Enter makes the shipment

    # the list -----------------------------------------------------------------
    def refresh(self, keep: str | None = None) -> None:
        current = keep or (self.panel.shipment.id if self.panel.shipment else None)
        ships = shipment_mod.of_project(self.session.store, self.project.id)
        self.model.set_records(ships)
        fit(self.list_view)
        row = next((i for i, s in enumerate(ships) if s.id == current), None)
        if row is not None:
            select_row(self.list_view, row)
            self.panel.show_shipment(ships[row])
        else:
            self.panel.show_shipment(None)

    def _stack_moved(self, _index: int) -> None:
        # a hidden view waits; an emptied stack is the window's being torn down (the session may be closed)
        if self.isVisible() and shiboken6.isValid(self.undo.stack) and self.undo.stack.count():
            self.refresh()

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.panel.show_shipment(self.model.record(current.row()))

    def select_code(self, code: str) -> None:
        for row, ship in enumerate(self.model.records()):
            if ship.code == code:
                select_row(self.list_view, row)
                self.panel.show_shipment(ship)

    # steps ----------------------------------------------------------------------
    def create_shipment(self) -> Shipment | None:
        try:
            ship = shipment_mod.create(self.session, self.project.id, lab=self.lab_edit.text())
        except FieldAppError as exc:
            self.errors.show(exc)
            return None
        self.errors.clear()
        self.undo.shipment_created(ship)
        self.refresh(keep=ship.id)
        self.panel.scan_edit.setFocus()
        return ship

    def open_lab_order(self) -> LabOrderDialog | None:
        """The shown shipment's lab order (ui/lab_order_dialog.py); saving it goes on the undo stack."""
        from ui.lab_order_dialog import LabOrderDialog

        ship = self.panel.shipment
        if ship is None:
            return None
        dialog = LabOrderDialog(self.session, ship, lambda before, after: self.undo.lab_order_set(
            ship, before, after), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.lab_order_dialog = dialog
        return dialog

    def open_coc(self, code: str) -> PrintDialog | None:
        """The COC in the print dialog (ui/print_dialog.py): preview, print, save PDF."""
        from ui.print_dialog import PrintDialog  # printing is loaded only when asked for

        try:
            dialog = PrintDialog(self.session, self.tasks, CocRequest(code, self.project.code), self)
        except FieldAppError as exc:
            self.errors.show(exc)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.job_done.connect(self.coc_done)
        dialog.open()
        self.print_dialog = dialog
        return dialog
