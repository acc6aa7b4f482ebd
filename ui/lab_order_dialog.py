"""The lab order of a shipment: client number, quotation, results to, turnaround, AS3000.

What the opdrachtformulier prints above the analysis samples
(fieldapp.domain.lab_order). A new shipment to the same lab starts from the
last one's values, so this is filled in once per project and lab; after the
hand-over it is shown as sent and cannot be changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import lab_order
from fieldapp.domain.lab_order import LabOrder
from fieldapp.domain.shipment import Shipment
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.form_dialog import form_foot, said
from ui.forms import add_row
from ui.i18n import tr, tr_noop

# the core's messages of fieldapp.domain.lab_order, as templates for tr()
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"The (?P<f>client number|quotation number) '(?P<v>.*)' has (?P<n>\d+) characters; at most (?P<m>\d+) fit "
     r"the lab's form\.", "The {f} '{v}' has {n} characters; at most {m} fit the lab's form."),
    (r"The (?P<f>client number|quotation number) '(?P<v>.*)' has characters a lab number does not have\.",
     "The {f} '{v}' has characters a lab number does not have."),
    (r"'(?P<v>.*)' is not an e-mail address\.", "'{v}' is not an e-mail address."),
    (r"An urgent order needs the number of working days\.", "An urgent order needs the number of working days."),
    (r"The name to send results to has (?P<n>\d+) characters; at most (?P<m>\d+) fit the form\.",
     "The name to send results to has {n} characters; at most {m} fit the form."),
    (r"Shipment (?P<c>.+) has already been handed over with its form\.",
     "Shipment {c} has already been handed over with its form."),
    (r"Give the (?P<f>client number|quotation number) as the lab writes it\.",
     "Give the {f} as the lab writes it."),
    (r"Use letters, digits, '\.', '/', '_' or '-', without spaces\.",
     "Use letters, digits, '.', '/', '_' or '-', without spaces."),
    (r"Give the address the lab sends the results to, e\.g\. naam@bureau\.nl\.",
     "Give the address the lab sends the results to, e.g. naam@bureau.nl."),
    (r"Say within how many working days the results are needed, e\.g\. 2\.",
     "Say within how many working days the results are needed, e.g. 2."),
    (r"Tell the lab of a change in writing; the order on record stays as sent\.",
     "Tell the lab of a change in writing; the order on record stays as sent."),
)


_NUMBERS = (tr_noop("client number"), tr_noop("quotation number"))


class LabOrderDialog(QDialog):
    """Edit one shipment's lab order; ``on_saved(before, after)`` after it was stored."""

    def __init__(self, session: Session, ship: Shipment, on_saved: Callable[[LabOrder, LabOrder], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ship = ship
        self.on_saved = on_saved
        self.before = lab_order.of_shipment(session.store, ship.id)
        self.setWindowTitle(tr("Lab order of {c}").format(c=ship.code))
        self.errors = FieldErrors(QLabel())
        self.client_edit = QLineEdit(self.before.client_number or "")
        self.client_edit.setMaxLength(lab_order.MAX_CLIENT_NUMBER + 10)  # room to paste, then a clear message
        self.quotation_edit = QLineEdit(self.before.quotation or "")
        self.name_edit = QLineEdit(self.before.results_name or "")
        self.email_edit = QLineEdit(self.before.results_email or "")
        self.email_edit.setPlaceholderText(tr("e.g. naam@bureau.nl"))
        self.turnaround = QComboBox()
        for text, value in ((tr("not said"), None), (tr("normal"), "normal"), (tr("urgent"), "urgent")):
            self.turnaround.addItem(text, value)
        self.turnaround.setCurrentIndex(max(0, self.turnaround.findData(self.before.turnaround)))
        self.days = QSpinBox()
        self.days.setRange(0, 99)
        self.days.setSpecialValueText(tr("not said"))
        self.days.setSuffix(tr(" working days"))
        self.days.setValue(self.before.turnaround_days or 0)
        self.as3000 = QComboBox()
        for text, flag in ((tr("not said"), None), (tr("yes"), True), (tr("no"), False)):
            self.as3000.addItem(text, flag)
        self.as3000.setCurrentIndex(max(0, self.as3000.findData(self.before.as3000)))
        grid = QGridLayout()
        add_row(grid, tr("Client number"), self.client_edit, self.errors, "client number")
        add_row(grid, tr("Quotation number"), self.quotation_edit, self.errors, "quotation")
        add_row(grid, tr("Results to"), self.name_edit, self.errors, "results to")
        add_row(grid, tr("Results e-mail"), self.email_edit, self.errors, "results e-mail")
        add_row(grid, tr("Turnaround"), self.turnaround, self.errors, "turnaround")
        add_row(grid, tr("Turnaround in"), self.days, self.errors, "turnaround days")
        add_row(grid, tr("AS3000 required"), self.as3000, self.errors, "as3000")
        box = QVBoxLayout(self)
        box.addLayout(grid)
        self.buttons = form_foot(self, box, self.errors, self.save)
        sent = ship.relinquished_at is not None
        for w in (self.client_edit, self.quotation_edit, self.name_edit, self.email_edit, self.turnaround,
                  self.days, self.as3000):
            w.setEnabled(not sent)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not sent)

    def order(self) -> LabOrder:
        return LabOrder(self.client_edit.text(), self.quotation_edit.text(), self.name_edit.text(),
                        self.email_edit.text(), self.turnaround.currentData(), self.days.value() or None,
                        self.as3000.currentData())

    def save(self) -> bool:
        try:
            after = lab_order.set_order(self.session, self.ship.id, self.order())
        except FieldAppError as exc:
            self.errors.show(said(exc, _MESSAGES, _NUMBERS, "shipment"))
            return False
        self.on_saved(self.before, after)
        self.accept()
        return True
