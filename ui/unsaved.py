"""Typed input is never dropped without a word: leaving a form that holds it asks first.

A layer or a sample typed into its form but not yet saved used to be dropped, silently, when the
sampler chose another borehole or project or closed the window. Now the window asks, in a dialog
with three large buttons (gloves, rain): save it (through the form's own save, so the core's rules
apply; refused, the form stays with the reason shown), don't save it, or cancel (stay on the form,
the borehole or project being edited selected again).

A form knows whether it holds typed input by comparing what its fields show now with what they
showed when it was loaded or started afresh (:class:`Typed`): defaults and what was read from the
store are not "unsaved". The dialog is window-modal and opened with ``open()`` (no nested event
loop); the answer arrives as a call.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QDateTime, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import tr
from ui.theme import TOUCH_PX

if TYPE_CHECKING:
    from ui.main_window import MainWindow

#: the dialog's buttons: larger than the window's, to be hit with a gloved finger at once
BUTTON_PX = TOUCH_PX + 20


def shown_values(*widgets: QWidget) -> tuple[Hashable, ...]:
    """What the fields show, to compare: texts without surrounding spaces, the entry of a pick list."""
    values: list[Hashable] = []
    for w in widgets:
        if isinstance(w, QLineEdit):
            values.append(w.text().strip())
        elif isinstance(w, QComboBox):
            values.append((w.currentIndex(), w.currentText().strip()))
        elif isinstance(w, QDateTimeEdit):
            values.append(w.dateTime().toSecsSinceEpoch())
        elif isinstance(w, QAbstractSpinBox):
            values.append(w.text())
    return tuple(values)


def field_state(*widgets: QWidget) -> tuple[object, ...]:
    """What the fields show, to be put back (:func:`put_fields`) after the form was read again."""
    state: list[object] = []
    for w in widgets:
        if isinstance(w, QLineEdit):
            state.append(w.text())
        elif isinstance(w, QComboBox):
            state.append((w.currentIndex(), w.currentText() if w.isEditable() else None))
        elif isinstance(w, QDateTimeEdit):
            state.append(w.dateTime())
        elif isinstance(w, QSpinBox):
            state.append(w.value())
        else:
            state.append(None)
    return tuple(state)


def put_fields(widgets: Sequence[QWidget], state: Sequence[object]) -> None:
    """The fields show again what :func:`field_state` read from them."""
    for w, value in zip(widgets, state, strict=True):
        if isinstance(w, QLineEdit) and isinstance(value, str):
            w.setText(value)
        elif isinstance(w, QComboBox) and isinstance(value, tuple):
            index, text = value
            w.setCurrentIndex(index if index < w.count() else -1)
            if text is not None:
                w.setEditText(text)
        elif isinstance(w, QDateTimeEdit) and isinstance(value, QDateTime):
            w.setDateTime(value)
        elif isinstance(w, QSpinBox) and isinstance(value, int):
            w.setValue(value)


class Typed:
    """Whether a form's fields hold what the sampler typed: they differ from what the form put there."""

    def __init__(self, read: Callable[[], tuple[Hashable, ...]]) -> None:
        self._read = read
        self._clean: tuple[Hashable, ...] | None = None

    def clean(self) -> None:
        """What the fields show now is what the form put there (loaded, defaults, just saved)."""
        self._clean = self._read()

    def changed(self) -> bool:
        return self._clean is not None and self._read() != self._clean


class Choice(IntEnum):
    CANCEL = 0
    SAVE = 1
    DISCARD = 2


class GuardedForm(Protocol):
    """A workbench form with typed input to keep (ui/layer_form.py, ui/borehole_depths.py,
    ui/sample_form.py, ui/well_tab.py)."""

    @property
    def page(self) -> QWidget:
        """The workbench tab the form is on (shown when its save is refused)."""

    def unsaved(self) -> str | None:
        """What is typed and not saved, in a sentence; None when nothing is."""

    def save(self) -> object | None:
        """The form's own save; None when the core refused it (the reason is shown on the form)."""

    def forget_typed(self) -> None:
        """The typed input is dropped: the form is loaded anew when it is next shown."""

    def typed_input(self) -> object:
        """What is typed, to be put back after the form was read again (an undo changed the records)."""

    def put_back(self, kept: object) -> bool:
        """The form, just read again, shows ``kept`` again; False when it is no longer about the same
        borehole or project."""


class UnsavedDialog(QDialog):
    """"Save it?" with Opslaan / Niet opslaan / Annuleren; Escape and closing the dialog cancel."""

    def __init__(self, lines: list[str], on_answer: Callable[[Choice], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Not saved yet"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._on_answer: Callable[[Choice], None] | None = on_answer
        self.what = QLabel("\n".join(lines))
        self.what.setWordWrap(True)
        font = self.what.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.what.setFont(font)
        self.question = QLabel(tr("Save it before going on?"))
        self.question.setWordWrap(True)
        self.save_button = self._button(tr("Save"), Choice.SAVE)
        self.discard_button = self._button(tr("Don't save"), Choice.DISCARD)
        self.cancel_button = self._button(tr("Cancel"), Choice.CANCEL)
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addWidget(self.what)
        layout.addWidget(self.question)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)

    def _button(self, text: str, choice: Choice) -> QPushButton:
        button = QPushButton(text)
        # its own style sheet: the theme's "QPushButton { min-height }" would otherwise win over a minimum size
        button.setStyleSheet(f"min-height: {BUTTON_PX}px; min-width: 170px;")
        font = button.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        button.setFont(font)
        button.clicked.connect(lambda: self.answer(choice))
        return button

    def answer(self, choice: Choice) -> None:
        """The sampler's answer (a button, Escape, the dialog closed): handed on once."""
        on_answer, self._on_answer = self._on_answer, None
        if choice == Choice.CANCEL:
            super().reject()
        else:
            self.accept()
        if on_answer is not None:
            on_answer(choice)

    @Slot()
    def reject(self) -> None:
        self.answer(Choice.CANCEL)


class GuardsTypedInput:
    """The main window's half: before the forms are left, ask about what is typed in them."""

    _unsaved_dialog: UnsavedDialog | None = None
    _reading_again = False

    def unsaved_forms(self: MainWindow) -> list[GuardedForm]:
        """The forms holding typed input (none before the forms are built)."""
        if self._forms is None:
            return []
        # the depths before the layer: a layer saved reads the borehole's depths again
        forms: tuple[GuardedForm, ...] = (self._forms.layer.depths, self._forms.layer, self._forms.sample,
                                          self._forms.well)
        return [form for form in forms if form.unsaved() is not None]

    def keeping_typed(self: MainWindow, read_again: Callable[[], None]) -> None:
        """The forms read again (an undo or redo changed the records): what is typed in them stays.

        An undo takes back a step already saved; it says nothing about a layer or sample half typed
        beside it (a container scanned by mistake is voided, the next layer is still being typed), so
        nothing is asked and nothing is dropped: the typed fields are put back over the fresh records.
        """
        kept = [(form, form.typed_input()) for form in self.unsaved_forms()]
        self._reading_again = True  # the guard lets the forms go: what is typed is put back below
        depths = None if self._forms is None else self._forms.layer.depths
        if depths is not None:  # a depth being typed, its field emptied: not written on the way
            depths.held = True
        try:
            read_again()
        finally:
            self._reading_again = False
            if depths is not None:
                depths.held = False
        for form, typed in kept:
            self._loads.done(form.page)  # read now, not when its tab is next shown: then put back
            form.put_back(typed)

    def ask_before_removing(self: MainWindow, borehole_id: str, go: Callable[[], None]) -> bool:
        """Whether an undo that removes the borehole ``borehole_id`` may go on now: typed input of that
        borehole could not be put back, so the sampler is asked first (ui/undo.py, Undo.undo)."""
        shown = self._shown_borehole
        if shown is None or shown.id != borehole_id or not self.unsaved_forms():
            return True
        stack = self.undo.stack
        index, count = stack.index(), stack.count()

        def then() -> None:
            if (stack.index(), stack.count()) == (index, count):
                go()
            else:  # "Save" wrote a step of its own: the undo would take that back, not what was asked
                self.statusBar().showMessage(tr("Saved. Nothing was undone: press Undo again to take back "
                                                "the last step."), 15_000)

        return self.leave_forms(then)

    def leave_forms(self: MainWindow, go: Callable[[], None]) -> bool:
        """Whether the forms may be left now. When they hold typed input, the sampler is asked and
        False returned: after "Save" (every form saved) or "Don't save", ``go`` is called; after
        "Cancel", or a save the core refused (its form shown with the reason), nothing more."""
        if self._reading_again:
            return True
        forms = self.unsaved_forms()
        if not forms:
            return True
        if self._unsaved_dialog is not None:  # asked already: one question at a time
            return False

        def answered(choice: Choice) -> None:
            self._unsaved_dialog = None
            if choice == Choice.CANCEL:
                return
            for form in forms:
                if choice == Choice.DISCARD:
                    form.forget_typed()
                elif form.save() is None and form.unsaved() is not None:
                    self.tabs.setCurrentWidget(form.page)  # refused: the reason is on the form
                    return
            go()

        lines = [text for form in forms if (text := form.unsaved()) is not None]
        dialog = self._unsaved_dialog = UnsavedDialog(lines, answered, self)
        dialog.open()
        return False
