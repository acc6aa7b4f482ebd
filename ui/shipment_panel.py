"""One shipment (cooler) being packed: scan containers in, see each one's
holding-time deadline, seal it, print its COC and hand it over.

The scan field has the focus while the cooler is packed: a keyboard-wedge
scanner types the barcode and presses Enter, the container is packed (one
core action, a 'packed' custody event) and the field is ready for the next.
Every step goes on the window's undo stack; undoing it is a correcting
custody event (ui/undo.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, Signal, Slot
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import container as container_mod
from fieldapp.domain import holding
from fieldapp.domain import shipment as shipment_mod
from fieldapp.domain.deviation import Overrides
from fieldapp.domain.holding import Packed
from fieldapp.domain.shipment import Shipment
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.labels.from_store import local_time
from fieldapp.session import Session
from ui.deviation_dialog import DeviationRetry
from ui.field_errors import FieldErrors
from ui.forms import add_row
from ui.i18n import counted, tr
from ui.models import ALIGN_RIGHT, DASH, Column, RecordTableModel, current_record, fit, table
from ui.reason_dialog import ask_reason
from ui.undo import Undo

#: a deadline closer than this is shown as a warning
SOON = timedelta(hours=24)


def time_left(item: Packed, now: datetime) -> str:
    left = item.left(now)
    if item.hours is None:
        return tr("no holding time")
    if left is None:
        return tr("sampling time unknown")
    hours = int(abs(left).total_seconds() // 3600)
    text = tr("{d} d {h} h").format(d=hours // 24, h=hours % 24) if hours >= 24 else tr("{h} h").format(h=hours)
    return text if left >= timedelta(0) else tr("overdue {t}").format(t=text)


def state_text(ship: Shipment) -> str:
    return {"packing": tr("packing"), "sealed": tr("sealed"), "handed over": tr("handed over"),
            "received": tr("received")}[ship.state]


class ShipmentPanel(QWidget):
    """The selected shipment; emits ``changed`` after every step it saved."""

    changed = Signal()
    print_coc = Signal(str)  # the COC number
    edit_order = Signal()  # the lab order of the shown shipment

    def __init__(self, session: Session, undo: Undo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.shipment: Shipment | None = None
        self._default_at = QDateTime.currentDateTime()
        self.now: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.errors = FieldErrors(QLabel())
        # a jar past its holding time is packed only with the projectleider's deviation, then scanned again
        self.deviations = DeviationRetry(session, self, self.scan)
        self.errors.on_deviation(self.deviations.offer)
        self.scan_edit = QLineEdit()
        self.scan_edit.setPlaceholderText(tr("scan a container's label, or type it and press Enter"))
        self.seal_edit = QLineEdit()
        self.seal_edit.setPlaceholderText(tr("number on the seal"))
        self.seal_button = QPushButton(tr("Seal"))
        self.to_edit = QLineEdit()
        self.to_edit.setPlaceholderText(tr("courier or lab employee"))
        self.at_edit = QDateTimeEdit()
        self.at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.at_edit.setCalendarPopup(True)
        self.handover_button = QPushButton(tr("Hand over"))
        self.coc_button = QPushButton(tr("Print COC…"))
        self.order_button = QPushButton(tr("Lab order…"))
        self.order_button.setToolTip(tr("Client number, quotation, results to, turnaround and AS3000 for the lab"))
        self.take_out_button = QPushButton(tr("Take out…"))
        self.take_out_button.setToolTip(tr("Take the selected container out of this cooler"))
        self.contents: RecordTableModel[Packed] = RecordTableModel([
            Column(tr("Barcode"), lambda p: p.barcode),
            Column(tr("Sample"), lambda p: p.sample_code),
            Column(tr("Sampled"), lambda p: local_time(p.sampled_at, with_time=True) or DASH),
            Column(tr("Holding time until"), lambda p: DASH if p.deadline is None
                   else local_time(p.deadline.isoformat(), with_time=True),
                   tooltip=lambda p: tr("no holding time for {a}").format(a=p.analysis) if p.hours is None
                   else tr("{h} h for {a}").format(h=p.hours, a=p.analysis)),
            Column(tr("Left"), lambda p: time_left(p, self.now()), ALIGN_RIGHT),
        ], self)
        self.view = table(self.contents)
        self.warning = QLabel()
        self.warning.setProperty("role", "warning")
        self.warning.setWordWrap(True)

        grid = QGridLayout()
        add_row(grid, tr("Scan container"), self.scan_edit, self.errors, "barcode", "container")
        seal_row = QHBoxLayout()
        seal_row.addWidget(self.seal_edit, 1)
        seal_row.addWidget(self.seal_button)
        holder = QWidget()
        holder.setLayout(seal_row)
        seal_row.setContentsMargins(0, 0, 0, 0)
        add_row(grid, tr("Seal number"), holder, self.errors, "seal number")
        add_row(grid, tr("Handed to"), self.to_edit, self.errors, "shipment")
        hand_row = QHBoxLayout()
        hand_row.setContentsMargins(0, 0, 0, 0)
        hand_row.addWidget(self.at_edit, 1)
        hand_row.addWidget(self.handover_button)
        hand_holder = QWidget()
        hand_holder.setLayout(hand_row)
        add_row(grid, tr("At"), hand_holder, self.errors, "at")
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.order_button)
        buttons.addWidget(self.coc_button)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addLayout(grid)
        box.addWidget(self.errors._general)
        box.addWidget(self.warning)
        box.addWidget(self.view, 1)
        box.addLayout(buttons)

        self.scan_edit.returnPressed.connect(self.scan)
        self.seal_edit.returnPressed.connect(self.seal)
        self.seal_button.clicked.connect(self.seal)
        self.to_edit.returnPressed.connect(self.hand_over)
        self.handover_button.clicked.connect(self.hand_over)
        self.coc_button.clicked.connect(lambda: self.print_coc.emit(self.shipment.code) if self.shipment else None)
        self.take_out_button.clicked.connect(self.ask_take_out)
        self.order_button.clicked.connect(self.edit_order)
        self.show_shipment(None)

    # showing ------------------------------------------------------------------
    def show_shipment(self, ship: Shipment | None) -> None:
        self.shipment = ship
        self.errors.clear()
        self.setEnabled(ship is not None)
        items = [] if ship is None else holding.packed(self.session.store, ship)
        self.contents.set_records(items)
        fit(self.view)
        if ship is None:
            self.heading.setText(tr("Create or pick a shipment."))
            self.warning.setVisible(False)
            return
        self.heading.setText(tr("{c} to {lab}: {state}, {n}").format(
            c=ship.code, lab=ship.lab, state=state_text(ship), n=counted(len(items), "pot")))
        packing = ship.state == "packing"
        self.scan_edit.setEnabled(packing)
        self.take_out_button.setEnabled(ship.state in ("packing", "sealed"))
        self.seal_edit.setEnabled(packing)
        self.seal_button.setEnabled(packing)
        self.seal_edit.setText(ship.seal_number or "")
        open_ = ship.state in ("packing", "sealed")
        for w in (self.to_edit, self.at_edit, self.handover_button):
            w.setEnabled(open_)
        self.to_edit.setText(ship.relinquished_to or "")
        handed = holding.parse_time(ship.relinquished_at)
        self._default_at = (QDateTime.currentDateTime() if handed is None
                            else QDateTime.fromSecsSinceEpoch(int(handed.timestamp())))
        self.at_edit.setDateTime(self._default_at)
        now = self.now()
        late = [p.barcode for p in items if p.deadline is not None and p.deadline - now < SOON]
        self.warning.setText(tr("Holding time ends within 24 h or has ended for: {b}").format(b=", ".join(late))
                             if late else "")
        self.warning.setVisible(bool(late))
        if packing:
            self.scan_edit.setFocus()

    def reload(self) -> None:
        if self.shipment is not None:
            try:
                self.show_shipment(shipment_mod.get(self.session.store, self.shipment.id))
            except FieldAppError:
                self.show_shipment(None)  # its creation was undone

    def _done(self) -> None:
        self.reload()
        self.changed.emit()

    # steps ----------------------------------------------------------------------
    @Slot()
    def scan(self, overrides: Overrides | None = None) -> None:
        text = self.scan_edit.text()
        if self.shipment is None or not text.strip():
            return
        try:
            jars = shipment_mod.add_barcodes(self.session, self.shipment.id, [text], overrides=overrides)
        except FieldAppError as exc:
            # whatever is wrong is wrong with this scan: said beside the scan field
            self.errors.show(exc if isinstance(exc, ValidationError)
                             else ValidationError("barcode", exc.message, hint=exc.hint))
            self.scan_edit.setFocus()
            self.scan_edit.selectAll()
            return
        self.deviations.clear()
        self.undo.containers_packed(self.shipment, jars)
        self.scan_edit.clear()
        self._done()

    def ask_take_out(self) -> None:
        item = current_record(self.view, self.contents)
        if item is None or self.shipment is None:
            self.errors.show(FieldAppError(tr("Select a container in the list first.")))
            return
        ask_reason(self, tr("Take out of the cooler"),
                   tr("Why does {b} come out of {c}?").format(b=item.barcode, c=self.shipment.code),
                   lambda why: self.take_out(item.container_id, why))

    def take_out(self, container_id: str, reason: str) -> None:
        if self.shipment is None:
            return
        try:
            shipment_mod.remove_containers(self.session, self.shipment.id, [container_id], reason)
        except FieldAppError as exc:
            self.errors.show(exc)
            return
        self.undo.containers_taken_out(self.shipment, [container_mod.get(self.session.store, container_id)],
                                       reason)
        self._done()

    @Slot()
    def seal(self) -> None:
        if self.shipment is None:
            return
        number = self.seal_edit.text()
        try:
            ship = shipment_mod.seal(self.session, self.shipment.id, number)
        except FieldAppError as exc:
            self.errors.show(exc)
            return
        self.undo.shipment_sealed(ship, ship.seal_number or number)
        self._done()
        self.to_edit.setFocus()

    @Slot()
    def hand_over(self) -> None:
        if self.shipment is None:
            return
        # left at its default the time is now, to the millisecond; a time typed in is taken as typed
        at = (None if self.at_edit.dateTime() == self._default_at
              else self.at_edit.dateTime().toPython().astimezone().isoformat(timespec="seconds"))
        try:
            if not self.to_edit.text().strip():
                raise FieldAppError(tr("Say to whom the cooler is handed over."))
            ship = shipment_mod.relinquish(self.session, self.shipment.id, to=self.to_edit.text(), at=at)
        except FieldAppError as exc:
            self.errors.show(exc)
            self.to_edit.setFocus()
            return
        self.undo.shipment_handed_over(ship)
        self._done()
