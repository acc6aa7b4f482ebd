"""The field readings of a sampling round, typed as fast as the meters show them.

One entry row: volume, EC, pH, temperature, turbidity, O2. Enter moves to the next box; Enter
in the last box (or Ctrl+Enter anywhere) records the reading, which appends a row to the table
above, and the volume box comes back with the next volume guessed (the last plus the last step)
and selected, so a steady purge is typed as the values alone. A parameter not measured is left
empty. Delete removes the selected reading.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.purge import Reading
from fieldapp.domain.typed_number import plain_float
from fieldapp.errors import ValidationError
from ui.field_errors import FieldErrors
from ui.i18n import decimal, installed, tr, tr_noop

#: the entry boxes: (Reading attribute, the core's field name, column title, decimals shown)
FIELDS: tuple[tuple[str, str, str, int], ...] = (
    ("volume_l", "volume", tr_noop("Volume (l)"), 1),
    ("ec_us_cm", "ec", tr_noop("EC (µS/cm)"), 0),
    ("ph", "ph", tr_noop("pH"), 2),
    ("temperature_c", "temperature", tr_noop("T (°C)"), 1),
    ("turbidity_ntu", "turbidity", tr_noop("Turbidity (NTU)"), 1),
    ("o2_mg_l", "o2", tr_noop("O2 (mg/l)"), 1),
)
ID_ROLE = Qt.ItemDataRole.UserRole


def number(text: str, field: str) -> float | None:
    """A typed value (a decimal comma as well as a point); empty is None. Plausibility is the core's."""
    text = text.strip()
    if not text:
        return None
    value = plain_float(text, signed=True)  # "1e1" or "1_0" is a slip; a temperature may be below zero
    if math.isnan(value):
        raise ValidationError(field, tr("'{t}' is not a number.").format(t=text),
                              hint=tr("Type digits with a decimal comma or point, e.g. 6,85."))
    return value


def next_volume(readings: Sequence[Reading]) -> float | None:
    """The volume the next reading is likely taken at: the last plus the last step."""
    if not readings:
        return None
    if len(readings) == 1:
        return readings[0].volume_l * 2 if readings[0].volume_l > 0 else None
    return readings[-1].volume_l + (readings[-1].volume_l - readings[-2].volume_l)


class ReadingsModel(QAbstractTableModel):
    """The round's readings as table rows, formatted only when shown: a reading entered into a
    long purge appends its row instead of refilling 200 rows (bench/bench_well.py)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.readings: list[Reading] = []
        self.stop_index: int | None = None
        self._locale = QLocale()

    def set_readings(self, readings: Sequence[Reading], stop_index: int | None) -> None:
        app = QCoreApplication.instance()
        self._locale = QLocale("nl_NL" if app is not None and installed(app) == "nl" else "en_GB")
        new = list(readings)
        old, old_stop, self.stop_index = self.readings, self.stop_index, stop_index
        if new[:len(old)] == old and len(new) > len(old):  # a reading entered at the end
            self.beginInsertRows(QModelIndex(), len(old), len(new) - 1)
            self.readings = new
            self.endInsertRows()
        elif new != old:
            self.beginResetModel()
            self.readings = new
            self.endResetModel()
        for row in {old_stop, stop_index} - {None}:  # the stop row's bold moved
            if row is not None and row < len(self.readings):
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(FIELDS) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.readings)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIELDS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(FIELDS[section][2]) if orientation == Qt.Orientation.Horizontal else str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        reading = self.readings[index.row()]
        attr, _field, _title, places = FIELDS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(reading, attr)
            return "" if value is None else self._locale.toString(float(value), "f", places)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.row() == self.stop_index:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and index.row() == self.stop_index:
            return tr("The stop rule was met at this reading")
        if role == ID_ROLE:
            return reading.id
        return None


class ReadingsEntry(QWidget):
    """The table of recorded readings and the entry row under it."""

    #: a complete entry row, as a Reading (not yet stored)
    entered = Signal(object)
    #: the reading (id) the sampler asked to remove
    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReadingsModel(self)
        self.table = QTableView()
        self.table.setObjectName("readings-table")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._remove_selected)
        self.general_error = QLabel()
        self.errors = FieldErrors(self.general_error)
        self.edits: list[QLineEdit] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        for col, (attr, field, title, _places) in enumerate(FIELDS):
            edit = QLineEdit()
            edit.setObjectName(f"entry-{attr}")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.installEventFilter(self)
            head = QLabel(tr(title))
            head.setBuddy(edit)
            grid.addWidget(head, 0, col)
            grid.addWidget(edit, 1, col)
            grid.addWidget(self.errors.register(edit, field), 2, col)
            self.edits.append(edit)
        self.hint = QLabel(tr("Enter: next box; Enter in O2 or Ctrl+Enter records the reading; Delete removes "
                              "the selected one."))
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addWidget(self.hint)

    # the table ---------------------------------------------------------------------------------
    def show_readings(self, readings: Sequence[Reading], stop_index: int | None = None) -> None:
        self.model.set_readings(readings, stop_index)
        if readings:
            self.table.scrollToBottom()
        guess = next_volume(readings)
        self.edits[0].setText("" if guess is None else decimal(guess, 1))
        self.edits[0].selectAll()

    def _remove_selected(self) -> None:
        current = self.table.currentIndex()
        if current.isValid() and current.data(ID_ROLE):
            self.remove_requested.emit(str(current.data(ID_ROLE)))

    # the entry row -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.edits:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = next(n for n, e in enumerate(self.edits) if e is watched)
                last = index == len(self.edits) - 1
                if last or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    self.submit()
                else:
                    self.edits[index + 1].setFocus()
                    self.edits[index + 1].selectAll()
                return True
        return super().eventFilter(watched, event)

    def reading(self) -> Reading:
        """The entry row as a Reading; a box that is not a number is refused beside it."""
        values = {attr: number(edit.text(), field) for (attr, field, _t, _p), edit in zip(FIELDS, self.edits,
                                                                                          strict=True)}
        volume = values.pop("volume_l")
        if volume is None:
            raise ValidationError("volume", tr("The purged volume of the reading is empty."),
                                  hint=tr("Give the litres purged when the reading was taken."))
        if all(value is None for value in values.values()):
            # the row after a stored reading holds the next volume alone: Ctrl+Enter twice stored it as a reading
            raise ValidationError("ec", tr("The reading has no measured value."),
                                  hint=tr("Type at least one of EC, pH, T, turbidity or O2."))
        return Reading(volume_l=volume, ec_us_cm=values["ec_us_cm"], ph=values["ph"],
                       temperature_c=values["temperature_c"], turbidity_ntu=values["turbidity_ntu"],
                       o2_mg_l=values["o2_mg_l"])

    def submit(self) -> None:
        self.errors.clear()
        try:
            reading = self.reading()
        except ValidationError as exc:
            self.errors.show(exc)
            return
        self.entered.emit(reading)

    def accepted(self) -> None:
        """The reading was stored: empty the row for the next one, the cursor in the volume box."""
        for edit in self.edits[1:]:
            edit.clear()
        self.errors.clear()
        self.edits[0].setFocus()
        self.edits[0].selectAll()

    def set_open(self, open_: bool) -> None:
        """A finished round's readings are final: the entry row is closed."""
        for edit in self.edits:
            edit.setEnabled(open_)
        self.hint.setVisible(open_)
