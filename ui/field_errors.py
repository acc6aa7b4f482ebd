"""Validation errors from the core, shown next to the widget they concern, in the user's language.

The core raises :class:`~fieldapp.errors.ValidationError` with ``field`` (the
form field name, e.g. ``"lower depth"`` or ``"part 2 upper depth"``), an
English message and a hint. A form registers its widgets under those names;
:meth:`FieldErrors.show` puts the message under the right widget, marks it
and moves the focus there. Messages are translated by pattern: each known
core message is an English template (with ``{placeholders}`` for the values)
of :mod:`fieldapp.error_text` (resources/messages/errors.json, which the
command line says its errors by too); a message without a pattern is shown
as the core wrote it rather than hidden.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from fieldapp import error_text
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import RuleError
from ui.i18n import shown, tr


def translate(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """``text`` by the first (pattern, template) of ``table`` it matches, in the user's language; else as is.

    For a dialog's own messages, whose templates go through :func:`ui.i18n.tr`; the values they name
    (a field, a soil word, a number) are said as the core's table says them."""
    for pattern, template in table:
        m = re.fullmatch(pattern, text.strip())
        if m:
            return tr(template).format(**error_text.values_in(m.groupdict(), shown()))
    return text


def message(exc: FieldAppError) -> str:
    """The error's message and hint in the user's language (fieldapp.error_text, the command line's table too)."""
    return error_text.message(exc, shown())


class ErrorLabel(QLabel):
    """A wrapped error text that claims the height its lines need at its width.

    Grid and scroll-area layouts give a wrapped label the height of its
    size hint at some other width, which cut off the message's second half
    (the what-to-do). The label asks again whenever its width changes.
    """

    def setText(self, text: str) -> None:  # type: ignore[override]
        super().setText(text)
        self._claim()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._claim()

    def _claim(self) -> None:
        need = self.heightForWidth(self.width()) if self.text() and self.width() > 0 else 0
        if need != self.minimumHeight():
            self.setMinimumHeight(max(0, need))


class FieldErrors:
    """Where a form shows its errors: one label under each registered widget, and a general one."""

    def __init__(self, general: QLabel) -> None:
        self._general = general
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._deviation: Callable[[RuleError], object] | None = None
        self._shown: FieldAppError | None = None
        self._linked: set[int] = set()
        _style(general)

    def on_deviation(self, handler: Callable[[RuleError], object]) -> None:
        """Offer "Record deviation…" under a refused rule a deviation may override; the link calls
        ``handler`` with the error (ui/deviation_dialog.py)."""
        self._deviation = handler

    def deviation_label(self) -> QLabel | None:
        """The label showing the deviation link now, if one is shown."""
        for label in (self._general, *(v[1] for v in self._fields.values())):
            if not label.isHidden() and 'href="deviation"' in label.text():
                return label
        return None

    def _offer(self, label: QLabel, text: str, exc: FieldAppError) -> str:
        if self._deviation is None or not isinstance(exc, RuleError) or not exc.deviation_possible:
            label.setTextFormat(Qt.TextFormat.PlainText)
            return text
        label.setTextFormat(Qt.TextFormat.RichText)
        if id(label) not in self._linked:
            self._linked.add(id(label))
            label.linkActivated.connect(self._link)
        return f'{html.escape(text)} <a href="deviation">{html.escape(tr("Record deviation…"))}</a>'

    def _link(self, _href: str) -> None:
        if self._deviation is not None and isinstance(self._shown, RuleError):
            self._deviation(self._shown)

    def register(self, widget: QWidget, *names: str, label: QLabel | None = None) -> QLabel:
        """Widget for the core's field ``names``; returns the label to place under it
        (``label``: share the error line of another widget of the same row)."""
        if label is None:
            label = ErrorLabel()
            _style(label)
        for name in names:
            self._fields[name] = (widget, label)
        return label

    def unregister(self, widget: QWidget) -> None:
        """Forget ``widget`` and its error line (a row of the form that is taken away)."""
        for name in [n for n, (w, _label) in self._fields.items() if w is widget]:
            del self._fields[name]

    def clear(self) -> None:
        for widget, label in {id(v[1]): v for v in self._fields.values()}.values():
            label.clear()
            label.setVisible(False)
            _mark(widget, False)
        self._general.clear()
        self._general.setVisible(False)

    def show(self, exc: FieldAppError) -> QWidget | None:
        """Show ``exc``; returns the widget it was put beside (focused), or None."""
        self.clear()
        self._shown = exc
        text = message(exc)
        name = exc.field if isinstance(exc, ValidationError) else ""
        target = self._fields.get(name) or self._fields.get(re.sub(r"^part \d+ ", "", name))
        if target is None:
            self._general.setText(self._offer(self._general, text, exc))
            self._general.setVisible(True)
            return None
        widget, label = target
        label.setText(self._offer(label, text, exc))
        label.setVisible(True)
        _mark(widget, True)
        widget.setFocus()
        return widget

    def widget_for(self, name: str) -> QWidget | None:
        """The widget registered for the core's field ``name`` (a check finding jumps to it)."""
        entry = self._fields.get(name) or self._fields.get(re.sub(r"^part \d+ ", "", name))
        return entry[0] if entry else None

    def text_for(self, name: str) -> str:
        entry = self._fields.get(name)
        return entry[1].text() if entry else ""


def _style(label: QLabel) -> None:
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setVisible(False)


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", "true" if invalid else "false")
    widget.style().unpolish(widget)
    widget.style().polish(widget)
