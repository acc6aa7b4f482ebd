"""The staff register (personeelsregister): who may do which field work, until when.

A list of everyone in the register and a form under it: name, role (experienced fieldworker,
assistant, projectleader), Bodem+ registration number, the protocols registered for and until
when. Select a person to change the registration; "New" empties the form. The register is the
organisation's and reaches every device by sync (fieldapp/domain/staff.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from fieldapp.domain import staff
from fieldapp.domain.staff import ROLES, Staff
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui import form_dialog
from ui.form_dialog import ListFormDialog
from ui.forms import add_row
from ui.i18n import tr, tr_noop
from ui.models import DASH, Column, fit
from ui.staff_picker import ROLE_WORDS

# The core's English messages of the register (fieldapp/domain/staff.py), as templates for tr()
_WORDS: tuple[tuple[str, str], ...] = (
    (r"Staff member: name is empty\.", tr_noop("The name is empty.")),
    (r"Fill in the name\.", tr_noop("Fill in the name.")),
    (r"(?P<n>.+): an experienced fieldworker has a Bodem\+ registration number\.",
     tr_noop("{n}: an experienced fieldworker has a Bodem+ registration number.")),
    (r"Give the registration number, or register the person as an assistant\.",
     tr_noop("Give the registration number, or register the person as an assistant.")),
    (r"'(?P<t>.*)' is not a BRL SIKB 2000 protocol number\.",
     tr_noop("'{t}' is not a BRL SIKB 2000 protocol number.")),
    (r"Give protocol numbers of four digits, e\.g\. 2001, 2002, 2018\.",
     tr_noop("Give protocol numbers of four digits, e.g. 2001, 2002, 2018.")),
    (r"'(?P<t>.*)' is not a date\.", tr_noop("'{t}' is not a date.")),
    (r"Give it as YYYY-MM-DD\.", tr_noop("Give it as YYYY-MM-DD.")),
    (r"A field day on (?P<d>.+) is already recorded for this project\.",
     tr_noop("A field day on {d} is already recorded for this project.")),
    (r"Open that field day and change it\.", tr_noop("Open that field day and change it.")),
)


def in_words(exc: FieldAppError) -> FieldAppError:
    """``exc`` with the register's messages in the user's language (others: ui.field_errors)."""
    return form_dialog.in_words(exc, _WORDS)


def protocol_list(text: str) -> list[str]:
    """Protocol numbers as typed: separated by commas or semicolons."""
    return [p for p in text.replace(";", ",").split(",") if p.strip()]


class StaffDialog(ListFormDialog[Staff]):
    """The register, and the registration of one person."""

    saved = Signal(object)  # the Staff saved

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, [
            Column(tr("Name"), lambda s: s.name),
            Column(tr("Role"), lambda s: tr(ROLE_WORDS.get(s.role, s.role))),
            Column(tr("Registration number"), lambda s: s.registration_number or DASH),
            Column(tr("Protocols"), lambda s: ", ".join(s.protocols) or DASH),
            Column(tr("Valid until"), lambda s: s.valid_until or DASH),
        ], parent)
        self.setWindowTitle(tr("Staff register"))
        self.name_edit = QLineEdit()
        self.role_combo = QComboBox()
        for role in ROLES:
            self.role_combo.addItem(tr(ROLE_WORDS[role]), role)
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(tr("Bodem+ registration, e.g. BBK-2001-04172"))
        self.protocols_edit = QLineEdit()
        self.protocols_edit.setPlaceholderText(tr("e.g. 2001, 2002"))
        self.until_edit = QLineEdit()
        self.until_edit.setPlaceholderText(tr("YYYY-MM-DD"))
        grid = QGridLayout()
        add_row(grid, tr("Name"), self.name_edit, self.errors, "name")
        add_row(grid, tr("Role"), self.role_combo, self.errors, "role")
        add_row(grid, tr("Registration number"), self.number_edit, self.errors, "registration number")
        add_row(grid, tr("Protocols"), self.protocols_edit, self.errors, "protocols")
        add_row(grid, tr("Valid until"), self.until_edit, self.errors, "valid until")
        self.lay_out(grid)
        self.resize(640, 520)

    def refresh(self) -> None:
        self.model.set_records(staff.register(self.session.store))
        fit(self.view)

    def empty(self) -> None:
        for edit in (self.name_edit, self.number_edit, self.protocols_edit, self.until_edit):
            edit.clear()
        self.role_combo.setCurrentIndex(0)
        self.name_edit.setFocus()

    def fill(self, person: Staff) -> None:
        self.name_edit.setText(person.name)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(person.role)))
        self.number_edit.setText(person.registration_number or "")
        self.protocols_edit.setText(", ".join(person.protocols))
        self.until_edit.setText(person.valid_until or "")

    def write(self) -> Staff:
        fields = {"name": self.name_edit.text(), "role": str(self.role_combo.currentData()),
                  "registration_number": self.number_edit.text(),
                  "protocols": protocol_list(self.protocols_edit.text()),
                  "valid_until": self.until_edit.text()}
        if self.current is None:
            return staff.create(self.session, **fields)  # type: ignore[arg-type]
        return staff.update(self.session, self.current.id, **fields)  # type: ignore[arg-type]

    def in_words(self, exc: FieldAppError) -> FieldAppError:
        return in_words(exc)

    def save(self) -> Staff | None:
        person = super().save()
        if person is not None:
            self.saved.emit(person)
        return person


def open_staff(window: QWidget, session: Session) -> StaffDialog:
    dialog = StaffDialog(session, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
