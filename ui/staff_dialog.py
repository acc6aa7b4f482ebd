"""The staff register (personeelsregister): who may do which field work, until when.

A list of everyone in the register and a form under it: name, role (experienced fieldworker,
assistant, projectleader), Bodem+ registration number, the protocols registered for and until
when. Select a person to change the registration; "New" empties the form. The register is the
organisation's and reaches every device by sync (fieldapp/domain/staff.py).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import staff
from fieldapp.domain.staff import ROLES, Staff
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.session import Session
from ui.field_errors import FieldErrors, translate
from ui.forms import add_row
from ui.i18n import tr, tr_noop
from ui.models import DASH, Column, RecordTableModel, current_record, fit, select_row, table
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
    if not isinstance(exc, ValidationError):
        return exc
    text, hint = translate(exc.message, _WORDS), translate(exc.hint, _WORDS) if exc.hint else ""
    return exc if (text, hint) == (exc.message, exc.hint) else ValidationError(exc.field, text, hint=hint)




class StaffDialog(QDialog):
    """The register, and the registration of one person."""

    saved = Signal(object)  # the Staff saved

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current: Staff | None = None
        self.setWindowTitle(tr("Staff register"))
        self.model: RecordTableModel[Staff] = RecordTableModel([
            Column(tr("Name"), lambda s: s.name),
            Column(tr("Role"), lambda s: tr(ROLE_WORDS.get(s.role, s.role))),
            Column(tr("Registration number"), lambda s: s.registration_number or DASH),
            Column(tr("Protocols"), lambda s: ", ".join(s.protocols) or DASH),
            Column(tr("Valid until"), lambda s: s.valid_until or DASH),
        ], self)
        self.view = table(self.model)
        self.errors = FieldErrors(QLabel())
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
        self.new_button = QPushButton(tr("New"))
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(True)
        close = QPushButton(tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(grid)
        layout.addWidget(self.errors._general)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.accept)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._picked())
        self.refresh()
        self.new()
        self.resize(640, 520)

    def refresh(self) -> None:
        self.model.set_records(staff.register(self.session.store))
        fit(self.view)

    def new(self) -> None:
        self.current = None
        self.view.clearSelection()
        for edit in (self.name_edit, self.number_edit, self.protocols_edit, self.until_edit):
            edit.clear()
        self.role_combo.setCurrentIndex(0)
        self.errors.clear()
        self.name_edit.setFocus()

    def _picked(self) -> None:
        person = current_record(self.view, self.model)
        if person is None:
            return
        self.current = person
        self.name_edit.setText(person.name)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(person.role)))
        self.number_edit.setText(person.registration_number or "")
        self.protocols_edit.setText(", ".join(person.protocols))
        self.until_edit.setText(person.valid_until or "")
        self.errors.clear()

    def save(self) -> Staff | None:
        fields = {"name": self.name_edit.text(), "role": str(self.role_combo.currentData()),
                  "registration_number": self.number_edit.text(),
                  "protocols": [p for p in self.protocols_edit.text().replace(";", ",").split(",") if p.strip()],
                  "valid_until": self.until_edit.text()}
        try:
            if self.current is None:
                person = staff.create(self.session, **fields)  # type: ignore[arg-type]
            else:
                person = staff.update(self.session, self.current.id, **fields)  # type: ignore[arg-type]
        except FieldAppError as exc:
            self.errors.show(in_words(exc))
            return None
        self.errors.clear()
        self.refresh()
        rows = [r for r in range(self.model.rowCount()) if self.model.record(r).id == person.id]
        if rows:
            select_row(self.view, rows[0])
        self.current = person
        self.saved.emit(person)
        return person


def open_staff(window: QWidget, session: Session) -> StaffDialog:
    dialog = StaffDialog(session, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
