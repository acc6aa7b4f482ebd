"""Who works on this laptop: name and role, asked on first start.

The name is recorded on every action (the journal's "who") and printed on
borehole logs, the COC and receipts, so it is asked before the first record
is made; it is kept in the user's settings file. A test presets it by
writing that file (``FIELDAPP_CONFIG_DIR``) with a ``user``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.settings import ROLES, settings_path
from ui.field_errors import message
from ui.i18n import tr


def role_names() -> dict[str, str]:
    return {"sampler": tr("sampler"), "lab": tr("laboratory"), "coordinator": tr("coordinator")}


class UserDialog(QDialog):
    """Name and role; OK saves them to the settings and to the session at once."""

    #: the name was saved (the name)
    saved = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Who is working?"))
        intro = QLabel(tr("Your name goes on every record you make, on the COC and on receipts."))
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(session.settings.user)
        self.name_edit.setPlaceholderText(tr("e.g. J. de Vries"))
        self.role_combo = QComboBox()
        names = role_names()
        for role in ROLES:
            self.role_combo.addItem(names[role], role)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(session.settings.role)))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.setVisible(False)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow(tr("Name"), self.name_edit)
        form.addRow(tr("Role"), self.role_combo)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("OK"))
        buttons.accepted.connect(self.accept)
        form.addRow(buttons)
        self.name_edit.setFocus()

    def accept(self) -> None:
        try:
            self.session.set_user(self.name_edit.text(), str(self.role_combo.currentData()))
            self.session.settings.save(settings_path())
        except FieldAppError as exc:
            self.error.setText(message(exc))
            self.error.setVisible(True)
            self.name_edit.setFocus()
            return
        except OSError as exc:
            self.error.setText(tr("Could not save the settings: {e}").format(e=exc.strerror or exc))
            self.error.setVisible(True)
            return
        self.saved.emit(self.session.settings.user)
        super().accept()

    def reject(self) -> None:
        if self.session.settings.user:  # a name is kept; on first start one must be given
            super().reject()


def ask_user(session: Session, parent: QWidget) -> UserDialog:
    """Open the dialog window-modal over ``parent`` (not exec(): no nested event loop)."""
    dialog = UserDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.open()
    return dialog
