"""The search field over the project's borehole list (3,000 boreholes and more).

Typing narrows the list to the boreholes with a cell that contains the text
(code, status, depth, class); Escape clears it. The borehole that was
selected stays selected when it is still in view. Ctrl+F puts the cursor here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QTableView, QWidget

from ui.i18n import tr
from ui.models import select_row

if TYPE_CHECKING:
    from ui.lazy_boreholes import BoreholeListModel


class BoreholeSearch(QLineEdit):
    """The search runs in SQL (ui/lazy_boreholes.py): the list reads only the matching rows it shows."""

    def __init__(self, model: BoreholeListModel, view: QTableView, window: QWidget) -> None:
        super().__init__()
        self._model = model
        self._view = view
        self.setPlaceholderText(tr("Search boreholes (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setToolTip(tr("Show only the boreholes whose code, status, depth or class contains this text"))
        self.textChanged.connect(self._search)
        QShortcut(QKeySequence.StandardKey.Find, window, self._focus)

    @Slot()
    def _focus(self) -> None:
        self.setFocus()
        self.selectAll()

    @Slot(str)
    def _search(self, text: str) -> None:
        index = self._view.currentIndex()
        keep = self._model.record(index.row()).id if index.isValid() else None
        row = self._model.set_search(text, keep)
        if row is not None:
            select_row(self._view, row)

    def show_all(self) -> None:
        """Clear the search."""
        self.clear()

    def reveal(self, borehole_id: str) -> bool:
        """Show every borehole again when the search hides this one; whether it did."""
        if not self._model.hidden_by_search(borehole_id):
            return False
        self.clear()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # the key presses only, not an event filter: a filter is handed every event of the field, and
        # PySide6 resolves every lazily loaded Qt class (~35 ms) to wrap the first one of a private type
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)
