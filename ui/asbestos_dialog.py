"""Whether a borehole location is asbestos-suspect (NEN 5707), as the projectleider decides it.

The dialog says why the location is suspect (the first layer with puin or
another suspect admixture, fieldapp.domain.asbestos) and records the verdict:
suspect, or not suspect with a written reason, which the core insists on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import asbestos
from fieldapp.domain.borehole import Borehole
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.i18n import tr
from ui.inspection_pit_dialog import InspectionPitDialog


class AsbestosDialog(QDialog):
    """Record one borehole location as asbestos-suspect or, with a reason, not suspect."""

    def __init__(self, session: Session, hole: Borehole, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.hole = hole
        self.setWindowTitle(tr("Asbestos suspicion of {b}").format(b=hole.code))
        why = asbestos.suspicions(session.store.conn, borehole_id=hole.id).get(hole.id)
        before = asbestos.latest(session.store.conn, [hole.id]).get(hole.id)
        self.errors = FieldErrors(QLabel())
        self.why_label = QLabel(
            tr("{b} has {a} in layer {l}: the location is asbestos-suspect (NEN 5707) unless you write down why "
               "not.").format(b=hole.code, a=why.admixture, l=why.layer) if why is not None
            else tr("{b} has no suspect admixture in its layers.").format(b=hole.code))
        self.why_label.setWordWrap(True)
        self.suspect_radio = QRadioButton(tr("Asbestos-suspect: investigate per NEN 5707"))
        self.clear_radio = QRadioButton(tr("Not asbestos-suspect, because:"))
        suspect = before.suspect if before is not None else why is not None
        (self.suspect_radio if suspect else self.clear_radio).setChecked(True)
        self.reason_edit = QPlainTextEdit(before.reason or "" if before is not None else "")
        self.reason_edit.setPlaceholderText(tr("e.g. known origin of the rubble, no sheet material seen"))
        self.reason_edit.setTabChangesFocus(True)
        box = QVBoxLayout(self)
        for widget in (self.why_label, self.suspect_radio, self.clear_radio, self.reason_edit):
            box.addWidget(widget)
        box.addWidget(self.errors.register(self.reason_edit, "reason"))
        box.addWidget(self.errors._general)
        self.pit_button = QPushButton(tr("Record an inspection pit or trench…"))
        self.pit_button.clicked.connect(self.record_pit)
        box.addWidget(self.pit_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        box.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.suspect_radio.toggled.connect(lambda on: self.reason_edit.setEnabled(not on))
        self.reason_edit.setEnabled(not suspect)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def record_pit(self) -> InspectionPitDialog:
        """The NEN 5707 inspection at this borehole (ui/inspection_pit_dialog.py)."""
        from fieldapp.domain import project

        dialog = InspectionPitDialog(self.session, project.get(self.session.store, self.hole.project_id), self.hole,
                                     self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.pit_dialog = dialog
        return dialog

    def save(self) -> bool:
        self.errors.clear()
        suspect = self.suspect_radio.isChecked()
        try:
            asbestos.judge(self.session, self.hole.id, suspect=suspect,
                           reason=None if suspect else self.reason_edit.toPlainText())
        except FieldAppError as exc:
            self.errors.show(exc)
            return False
        self.accept()
        return True


def open_asbestos(window: Any) -> AsbestosDialog | None:
    """The main window's "Asbestos suspicion…" action, for the selected borehole."""
    hole = window.current_borehole()
    if hole is None:
        window.statusBar().showMessage(tr("Select a borehole first."), 10_000)
        return None
    dialog = AsbestosDialog(window.session, hole, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    window.asbestos_dialog = dialog
    return dialog
