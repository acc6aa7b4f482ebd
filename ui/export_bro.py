"""The export dialog's BRO deliveries (formats sad and bhrgt): who delivers, in which context, and which
boreholes a BHR-GT delivery leaves out, in the user's language.

The KvK number starts as ``fieldapp export --kvk`` defaults it (the project's contractor); the delivery
context offers the values of the BRO list KaderAanlevering the format allows (fieldapp/bro/deliver.py).
The core names a borehole it leaves out with an English reason; :func:`left_out_lines` says it in the
user's language by the core's table (resources/messages/bro.json), as ``fieldapp export`` does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit

from fieldapp import error_text
from fieldapp.errors import ExportError
from fieldapp.export import DELIVERY_FORMATS, Delivery
from ui.i18n import shown, tr


def refusal(exc: BaseException) -> str | None:
    """A BHR-GT delivery of nothing, refused by the core, with each borehole's reason in the user's language;
    None for any other error (the dialog says those as every error)."""
    if not isinstance(exc, ExportError):
        return None
    found = error_text.find(exc.message)
    if found is None or found[0].id != "bro_nothing_describable":
        return None
    return error_text.message(exc, shown())


def left_out_lines(left_out: tuple[tuple[str, str], ...]) -> list[str]:
    """``B90: geen lagen``, one line per borehole the delivery leaves out, in the user's language."""
    return [f"{code}: {error_text.said(reason, shown())}" for code, reason in left_out]


class DeliveryFields:
    """The KvK number and the delivery context: two rows of the export dialog, shown for sad and bhrgt only."""

    def __init__(self, grid: QGridLayout, kvk: str | None) -> None:
        self.kvk_edit = QLineEdit(kvk or "")
        self.kvk_edit.setObjectName("export-kvk")
        self.kvk_edit.setPlaceholderText(tr("8 digits"))
        self.kvk_edit.setMaxLength(20)  # room for "30 12 34 56"-style separators; the core checks the digits
        self.context_combo = QComboBox()
        self.context_combo.setObjectName("export-context")
        self.kvk_label = QLabel(tr("KvK number of the accountable party"))
        self.kvk_label.setBuddy(self.kvk_edit)
        self.kvk_label.setWordWrap(True)
        self.context_label = QLabel(tr("Delivery context (BRO)"))
        self.context_label.setBuddy(self.context_combo)
        for label, widget in ((self.kvk_label, self.kvk_edit), (self.context_label, self.context_combo)):
            n = grid.rowCount()
            grid.addWidget(label, n, 0)
            grid.addWidget(widget, n, 1)
        self._fmt = ""

    def show_for(self, fmt: str) -> None:
        """Visible for a BRO delivery, with the contexts ``fmt`` allows and its default chosen."""
        shown = fmt in DELIVERY_FORMATS
        for widget in (self.kvk_label, self.kvk_edit, self.context_label, self.context_combo):
            widget.setVisible(shown)
        if not shown or fmt == self._fmt:
            return
        from fieldapp.bro.deliver import contexts  # lxml and the BRO lists only for these formats

        values, default = contexts(fmt)
        self.context_combo.clear()
        for value in values:
            self.context_combo.addItem(value, value)
        self.context_combo.setCurrentIndex(self.context_combo.findData(default))
        self._fmt = fmt

    def delivery(self) -> Delivery:
        return Delivery(self.kvk_edit.text().strip() or None, self.context_combo.currentData() or None)
