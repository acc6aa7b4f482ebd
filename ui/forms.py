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

    Withdrawn values are not offered; a record that carries one shows it (:func:`set_combo_code`)."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for entry in session.lists.offered(list_name):
        if entry.extra.get("offered", True) is not False:  # made elsewhere: an analysis sample is composed
            combo.addItem(entry.label(lang), entry.code)
    return combo


def combo_code(combo: QComboBox) -> str | None:
    value = combo.currentData()
    return value if isinstance(value, str) and value else None


def combo_code_at(combo: QComboBox, index: int) -> str | None:
    value = combo.itemData(index)
    return value if isinstance(value, str) and value else None


def set_combo_code(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code) if code else 0
    if index < 0 and code:
        # a value the list no longer offers (withdrawn upstream): shown as it is, so a change keeps it
        combo.addItem(code, code)
        index = combo.count() - 1
    combo.setCurrentIndex(max(0, index))
