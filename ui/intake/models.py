"""The scan log and the missing list as Qt models, and what each outcome looks like."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from fieldapp.intake.scan import Outcome, ScanResult
from ui.i18n import tr, tr_noop
from ui.intake.words import outcome_words, say

Index = QModelIndex | QPersistentModelIndex

GREEN, AMBER, RED, BLUE, GREY = "#1b7a2f", "#a35f00", "#b00020", "#2f4f8f", "#5f6368"

#: (what the clerk reads, background colour) per outcome; the words say it, the colour only helps
LOOK: dict[Outcome, tuple[str, str]] = {
    Outcome.RECEIVED: ("RECEIVED", GREEN),
    Outcome.HOLDING_TIME: ("RECEIVED - OUT OF HOLDING TIME", AMBER),
    Outcome.DUPLICATE: ("ALREADY SCANNED", BLUE),
    Outcome.UNKNOWN: ("UNKNOWN CODE - SET APART", RED),
    Outcome.OTHER_SHIPMENT: ("WRONG COOLER - SET APART", RED),
    Outcome.NOT_ON_COC: ("NOT ON THIS COC - SET APART", RED),
    Outcome.CLOSED_SHIPMENT: ("RECEIVED BEFORE - SET APART", RED),
    Outcome.RECEIPT_CLOSED: ("RECEIPT IS CLOSED", GREY),
    Outcome.KEYBOARD_LAYOUT: ("WRONG KEYBOARD LAYOUT?", AMBER),
    Outcome.INVALID: ("NOT A CONTAINER CODE", RED),
    Outcome.MANIFEST: ("COC MANIFEST READ", GREY),
    Outcome.DAMAGED: ("DAMAGED - REJECTED", AMBER),
}


class ScanLogModel(QAbstractTableModel):
    """Every scan, newest first."""

    HEADERS = (tr_noop("Time"), tr_noop("Code"), tr_noop("Sample"), tr_noop("Outcome"), tr_noop("Message"))

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, ScanResult]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        when, result = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 3:
                return outcome_words(result.outcome)
            if index.column() == 4:
                return say(result.message)
            return (when, result.code, result.sample_code)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            return QColor(LOOK[result.outcome][1])
        return None

    def add(self, result: ScanResult) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, (datetime.now().strftime("%H:%M:%S"), result))
        self.endInsertRows()


class MissingModel(QAbstractListModel):
    """Expected containers not scanned yet, in COC order; a scan removes one row."""

    def __init__(self, codes: list[tuple[str, str]]) -> None:
        super().__init__()
        self.codes = codes  # (barcode, sample code)
        self._pos = {code: i for i, (code, _s) in enumerate(codes)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.codes)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            code, sample = self.codes[index.row()]
            return f"{code}   {sample}" if sample else code
        return None

    def remove(self, code: str) -> None:
        if code not in self._pos:
            return
        row = self._pos[code]
        if row >= len(self.codes) or self.codes[row][0] != code:
            row = next(i for i, (c, _s) in enumerate(self.codes) if c == code)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.codes[row]
        self.endRemoveRows()
        del self._pos[code]
        # positions after the removed row moved up by one; rebuilt lazily through the fallback above
