"""The PFAS equipment checklist a fieldworker signs before taking PFAS samples that day.

One tick per point of ``resources/rules/pfas.json`` (no PTFE, nitrile gloves,
no water-repellent clothing ...), in the user's language; signing refuses
until every point is ticked (fieldapp.domain.pfas.sign), and ``fieldapp
check`` reports PFAS samples of a day nobody signed for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import pfas
from fieldapp.domain.project import Project
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import RuleError
from fieldapp.session import Session
from ui.field_errors import FieldErrors, translate
from ui.forms import add_row
from ui.i18n import shown, tr

_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"(?P<w>.+) already signed the PFAS checklist for (?P<d>.+)\.", "{w} already signed the PFAS checklist for {d}."),
    (r"One signature per fieldworker per day is enough\.", "One signature per fieldworker per day is enough."),
    (r"PFAS checklist: fieldworker is empty\.", "PFAS checklist: fieldworker is empty."),
    (r"Fill in the fieldworker\.", "Fill in the fieldworker."),
)


class PfasChecklistDialog(QDialog):
    """Sign the PFAS equipment checklist of one fieldworker and day in a project."""

    def __init__(self, session: Session, proj: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.project = proj
        self.setWindowTitle(tr("PFAS checklist of {p}").format(p=proj.code))
        lang = shown()
        self.errors = FieldErrors(QLabel())
        self.day_edit = QDateEdit(QDate.currentDate())
        self.day_edit.setDisplayFormat("yyyy-MM-dd")
        self.day_edit.setCalendarPopup(True)
        self.worker_edit = QLineEdit(session.settings.user or "")
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        add_row(grid, tr("Day"), self.day_edit, self.errors, "day")
        add_row(grid, tr("Fieldworker"), self.worker_edit, self.errors, "fieldworker")
        box = QVBoxLayout(self)
        box.addLayout(grid)
        box.addWidget(QLabel(tr("I checked today, before sampling for PFAS:")))
        for item in pfas.load().checklist:
            check = QCheckBox(item.nl if lang == "nl" else item.en)
            self.boxes[item.id] = check
            box.addWidget(check)
        box.addWidget(self.errors.register(self.boxes[pfas.load().checklist[0].id], "items"))
        box.addWidget(self.errors._general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Sign"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        box.addWidget(self.buttons)
        self.buttons.accepted.connect(self.sign)
        self.buttons.rejected.connect(self.reject)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def sign(self) -> bool:
        self.errors.clear()
        ticked = [key for key, check in self.boxes.items() if check.isChecked()]
        try:
            pfas.sign(self.session, self.project.id, day=self.day_edit.date().toString("yyyy-MM-dd"),
                      fieldworker=self.worker_edit.text(), ticked=ticked)
        except FieldAppError as exc:
            self.errors.show(_said(exc))
            return False
        self.accept()
        return True


def _said(exc: FieldAppError) -> FieldAppError:
    """A plain error of the checklist in the user's language (a rule's error carries its own Dutch)."""
    if not isinstance(exc, ValidationError) or isinstance(exc, RuleError):
        return exc
    return ValidationError(exc.field, translate(exc.message, _MESSAGES),
                           hint=translate(exc.hint, _MESSAGES) if exc.hint else "")


def open_pfas_checklist(window: Any) -> PfasChecklistDialog | None:
    """The main window's "PFAS checklist…" action, for the selected project."""
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    dialog = PfasChecklistDialog(window.session, proj, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    window.pfas_dialog = dialog
    return dialog
