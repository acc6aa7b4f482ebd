"""What the small form dialogs share (the lab order, the NEN 5707 inspection): the foot, that is
the general error line, Save and Cancel in the language shown, window-modal, and the core's
English messages said in the user's language.

A rule's refusal (fieldapp.rules.RuleError) carries its own Dutch from resources/rules and passes
as it is; the other core messages are matched against the dialog's table of (pattern, template)
pairs, whose templates tools/i18n.py collects for the Dutch catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import RuleError
from ui.field_errors import FieldErrors, translate
from ui.i18n import tr

Table = tuple[tuple[str, str], ...]


def form_foot(dialog: QDialog, box: QVBoxLayout, errors: FieldErrors, on_save: Callable[[], object],
              save_text: str = "") -> QDialogButtonBox:
    """The general error line and Save (or ``save_text``) / Cancel under ``box``; Save calls ``on_save``."""
    box.addWidget(errors._general)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text or tr("Save"))
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
    box.addWidget(buttons)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    return buttons


def said(exc: FieldAppError, table: Table, words: Sequence[str] = (), field: str = "general") -> FieldAppError:
    """``exc`` with its message and hint in the user's language: by ``table``, and each of ``words``
    (names of fields inside a message, marked with tr_noop) translated where it stands alone."""
    if isinstance(exc, RuleError):
        return exc

    def say(text: str) -> str:
        out = translate(text, table)
        for name in words:
            out = out.replace(f" {name} ", f" {tr(name)} ")
        return out

    return ValidationError(exc.field if isinstance(exc, ValidationError) else field, say(exc.message),
                           hint=say(exc.hint) if exc.hint else "")
