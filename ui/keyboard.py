"""Keys that must work the same from every field of the workbench.

Enter saves a form from any of its fields, pick lists included: a closed
QComboBox ignores Enter, so the forms' "Enter saves" used to stop at the
colour, smell, oil-water and admixture lists. With the list open, Enter still
picks the entry (the popup has the key, not the combo).

Ctrl+Z and Ctrl+Y (and Ctrl+Shift+Z) undo and redo the sampler's *actions*
from anywhere in the window. A text field keeps its own undo only while it
is being edited, that is while its text differs from what it held when the
cursor came in: the first Ctrl+Z after typing takes the typing back, the
next one undoes the last saved action.

A double tap on a button that writes a record (a gloved finger, a bouncing
touch screen) is one press, not two: :func:`one_press_per_tap`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_UNDO = QKeySequence("Ctrl+Z")
_REDO = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


class _EnterSaves(QObject):
    def __init__(self, save: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._save = save

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in _ENTER
                and isinstance(watched, QComboBox) and not watched.view().isVisible()):
            self._save()
            return True
        return False


def enter_saves(form: QWidget, save: Callable[[], object], *combos: QComboBox) -> None:
    """Enter in any of ``combos`` (list closed) calls ``save``, as it does in the form's text fields
    (one ``save`` per form: later calls add combos to the first one's)."""
    catcher = form.findChild(_EnterSaves, "enter-saves")
    if catcher is None:
        catcher = _EnterSaves(save, form)
        catcher.setObjectName("enter-saves")
    for combo in combos:
        combo.installEventFilter(catcher)


class _OnePressPerTap(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the second press of a double click arrives as a double-click event: without it, its release clicks nothing
        return event.type() == QEvent.Type.MouseButtonDblClick


def one_press_per_tap(*buttons: QAbstractButton) -> None:
    """A double click (or double tap) on any of ``buttons`` clicks it once: each click wrote a record,
    so a double tap on "New code" filled two containers for one jar."""
    for button in buttons:
        button.installEventFilter(_OnePressPerTap(button))


def _sequence(event: QKeyEvent) -> QKeySequence:
    mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
                                | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)
    return QKeySequence(event.keyCombination().key().value | mods.value)


class ActionUndoKeys(QObject):
    """Application event filter: Ctrl+Z / Ctrl+Y go to ``undo`` / ``redo`` unless a field is mid-edit."""

    def __init__(self, undo: QAction, redo: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self.undo = undo
        self.redo = redo
        self._entered: dict[int, str] = {}  # id of a text field -> its text when the cursor came in
        redo.setShortcuts([*redo.shortcuts(), *(k for k in _REDO if k not in redo.shortcuts())])
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def editing(self, edit: QLineEdit) -> bool:
        """Whether ``edit`` holds typing of its own since the cursor came in."""
        return edit.text() != self._entered.get(id(edit), edit.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            self._entered[id(watched)] = watched.text()
        elif kind == QEvent.Type.FocusOut and isinstance(watched, QLineEdit):
            self._entered.pop(id(watched), None)
        elif kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            edit = (watched.lineEdit() if isinstance(watched, QComboBox)
                    else watched.findChild(QLineEdit) if isinstance(watched, QAbstractSpinBox) else watched)
            if isinstance(edit, QLineEdit) and self._for_actions(edit, _sequence(event)):
                # not overridden: the shortcut map hands the key to the window's undo/redo action
                event.ignore()
                return True
        return False

    def _for_actions(self, edit: QLineEdit, keys: QKeySequence) -> bool:
        if keys == _UNDO:
            return not (self.editing(edit) and edit.isUndoAvailable())
        if keys in _REDO:
            return not (self.editing(edit) and edit.isRedoAvailable())
        return False
