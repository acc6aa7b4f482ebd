"""Ask why, before a correction: voiding a container, taking one out of a cooler.

Custody corrections say who and why; the "why" is asked here, window-modal
and without a nested event loop, and handed to ``on_reason`` when given.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from ui.i18n import tr


def ask_reason(parent: QWidget, title: str, label: str, on_reason: Callable[[str], None],
               default: str = "") -> QInputDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setTextValue(default)
    dialog.setOkButtonText(tr("OK"))
    dialog.setCancelButtonText(tr("Cancel"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.textValueSelected.connect(lambda text: on_reason(text) if text.strip() else None)
    dialog.open()
    return dialog
