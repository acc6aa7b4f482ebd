"""What the form dialogs share: the core's messages in the user's words, the bar of a message
beside the buttons it calls for, a list of records with a form under it, and the foot of the small
form dialogs (the general error line, Save and Cancel in the language shown, window-modal).

The borehole closing, the well and sampling round dialogs and the staff register keep their own
tables of the core's messages and pass them to :func:`in_words`; the staff register and the
field days are :class:`ListFormDialog` s. The lab order and the NEN 5707 inspection use
:func:`form_foot` and :func:`said`: a rule's refusal (fieldapp.rules.RuleError) carries its own
Dutch from resources/rules and passes as it is; other core messages are matched against the
dialog's table of (pattern, template) pairs, whose templates tools/i18n.py collects for the Dutch
catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError, IncompleteError, ValidationError
from fieldapp.rules import RuleError
from fieldapp.session import Session
from ui.field_errors import FieldErrors, translate
from ui.i18n import tr
from ui.models import Column, RecordTableModel, current_record, select_row, table


def in_words(exc: FieldAppError, words: tuple[tuple[str, str], ...]) -> FieldAppError:
    """``exc`` with the messages ``words`` knows (pattern, English template for tr()) in the user's
    language; others as they are (ui.field_errors translates the common ones), a missing list too."""
    if not isinstance(exc, ValidationError) or isinstance(exc, IncompleteError):
        return exc
    text, hint = translate(exc.message, words), translate(exc.hint, words) if exc.hint else ""
    if (text, hint) == (exc.message, exc.hint):
        return exc
    return ValidationError(exc.field, text, hint=hint)


def push_button(text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
    """A button that calls ``slot``, with ``tip`` saying what it does beyond its name."""
    button = QPushButton(text)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def message_bar(message: QLabel, *buttons: QPushButton) -> QHBoxLayout:
    """``message`` taking the room, the buttons it calls for at its right."""
    bar = QHBoxLayout()
    bar.addWidget(message, 1)
    for button in buttons:
        bar.addWidget(button)
    return bar


class Record(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=Record)


class ListFormDialog(QDialog, Generic[R]):
    """A list of records with a form under it: pick a row to change that record, "New" empties
    the form, "Save" writes it and selects it in the list.

    A subclass makes its form, calls :meth:`lay_out`, and says how to fill the list
    (:meth:`refresh`), empty the form (:meth:`empty`), show a record in it (:meth:`fill`)
    and write it (:meth:`write`, raising the core's error).
    """

    def __init__(self, session: Session, columns: Sequence[Column[R]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.current: R | None = None
        self.model: RecordTableModel[R] = RecordTableModel(columns, self)
        self.view = table(self.model)
        self.errors = FieldErrors(QLabel())
        self.new_button = QPushButton(tr("New"))
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(True)

    def lay_out(self, grid: QGridLayout, *above: QWidget) -> None:
        """``above``, the list, the form, its messages and New / Save / Close; then the list filled, the form empty."""
        close = QPushButton(tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in above:
            layout.addWidget(widget)
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

    def refresh(self) -> None:
        """Fill the list anew (and fit its columns)."""
        raise NotImplementedError

    def empty(self) -> None:
        """Empty the form for a new record."""
        raise NotImplementedError

    def fill(self, record: R) -> None:
        """Show ``record`` in the form."""
        raise NotImplementedError

    def write(self) -> R:
        """Store what the form says: a new record, or the change of :attr:`current`."""
        raise NotImplementedError

    def in_words(self, exc: FieldAppError) -> FieldAppError:
        """``exc`` as the user reads it (see :func:`in_words`)."""
        return exc

    def new(self) -> None:
        self.current = None
        self.view.clearSelection()
        self.empty()
        self.errors.clear()

    def _picked(self) -> None:
        record = current_record(self.view, self.model)
        if record is None:
            return
        self.current = record
        self.fill(record)
        self.errors.clear()

    def save(self) -> R | None:
        try:
            record = self.write()
        except FieldAppError as exc:
            self.errors.show(self.in_words(exc))
            return None
        self.errors.clear()
        self.refresh()
        rows = [r for r in range(self.model.rowCount()) if self.model.record(r).id == record.id]
        if rows:
            select_row(self.view, rows[0])
        self.current = record
        return record


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
