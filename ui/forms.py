"""Small building blocks the forms share: labelled rows with an error line, code-list combos."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.i18n import Lang


def add_row(grid: QGridLayout, label: str, widget: QWidget, errors: FieldErrors, *names: str) -> QLabel:
    """A row: label, then the widget with its error line under it. Returns the label."""
    row = grid.rowCount()
    title = QLabel(label)
    title.setBuddy(widget)
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(errors.register(widget, *names))
    grid.addWidget(title, row, 0)
    grid.addWidget(holder, row, 1)
    return title


def code_combo(session: Session, list_name: str, lang: Lang, *, empty: str | None = "") -> QComboBox:
    """A pick list of a code list: the label in the user's language, the code as data.
    A withdrawn value (``"withdrawn": true``) or one made elsewhere (``"offered": false``: an
    analysis sample is composed, not taken) stays readable but is not offered."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for entry in session.lists.entries(list_name):
        if entry.extra.get("offered", True) is not False and entry.extra.get("withdrawn") is not True:
            combo.addItem(entry.label(lang), entry.code)
    return combo


def combo_code(combo: QComboBox) -> str | None:
    value = combo.currentData()
    return value if isinstance(value, str) and value else None


def set_combo_code(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code) if code else 0
    combo.setCurrentIndex(max(0, index))
