"""Table models and small view helpers shared by the main window and the forms."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.i18n import Lang, in_metres, language

if TYPE_CHECKING:  # the layer, sample and soil modules are not needed for the first window
    from fieldapp.domain.layer import Layer
    from fieldapp.domain.sample import Sample

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
DASH = "–"
# the roles RecordTableModel.data answers, as plain ints (an enum member lookup per call is slow)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_HORIZONTAL = Qt.Orientation.Horizontal
_ROLES = frozenset((_DISPLAY, _ALIGNMENT, int(Qt.ItemDataRole.ToolTipRole.value)))


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    align: Qt.AlignmentFlag = ALIGN_LEFT
    tooltip: Callable[[T], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table of records (domain dataclasses), one per row.

    Cell texts are computed when a row is first shown, so a project of ten
    thousand boreholes opens without formatting rows nobody looks at. A
    search text (:meth:`set_search`) shows only the records with a cell that
    contains it; :attr:`all_rows` still holds every record.
    """

    def __init__(self, columns: Sequence[Column[T]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._all: list[T] = []
        self._rows: list[T] = []
        self._cells: list[list[str] | None] = []
        self._search = ""

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._all = list(records)
        self._apply_search()
        self.endResetModel()

    def append_records(self, records: Sequence[T]) -> None:
        """Add ``records`` after the last row, inside the caller's beginInsertRows/endInsertRows (a model
        read a page at a time: ui/fetched_model.py); with no search set."""
        assert not self._search and self._rows is self._all
        self._all.extend(records)
        self._cells.extend([None] * len(records))

    def set_search(self, text: str) -> None:
        """Show only the records with a cell containing ``text`` (any case); "" shows all."""
        text = text.strip().casefold()
        if text == self._search:
            return
        self.beginResetModel()
        self._search = text
        self._apply_search()
        self.endResetModel()

    @property
    def search(self) -> str:
        return self._search

    def _apply_search(self) -> None:
        if not self._search:
            self._rows = self._all
        else:
            needle = self._search
            self._rows = [r for r in self._all if any(needle in c.text(r).casefold() for c in self._columns)]
        self._cells = [None] * len(self._rows)

    def replace(self, record: T, same: Callable[[T, T], bool]) -> bool:
        """Put ``record`` in place of the one it is ``same`` as, the row shown afresh; False if absent."""
        found = False
        for i, old in enumerate(self._all):
            if same(old, record):
                self._all[i] = record
                found = True
        for row, old in enumerate(self._rows):
            if same(old, record):
                self._rows[row] = record  # the same list as _all when nothing is searched
                self._cells[row] = None
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
        return found

    def records(self) -> list[T]:
        return list(self._rows)

    @property
    def rows(self) -> list[T]:
        """The records shown, not a copy: read them, never change them."""
        return self._rows

    @property
    def all_rows(self) -> list[T]:
        """Every record, also those a search hides: read them, never change them."""
        return self._all

    def record(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def _row_cells(self, row: int) -> list[str]:
        cells = self._cells[row]
        if cells is None:
            record = self._rows[row]
            cells = self._cells[row] = [c.text(record) for c in self._columns]
        return cells

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # called for every role of every cell a view measures or paints: the roles this
        # model has no answer for (most of them) return before any other work
        if role not in _ROLES or not index.isValid():
            return None
        if role == _DISPLAY:
            return self._row_cells(index.row())[index.column()]
        column = self._columns[index.column()]
        if role == _ALIGNMENT:
            return int(column.align)
        if column.tooltip is not None:  # the tooltip role
            return column.tooltip(self._rows[index.row()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == _HORIZONTAL:
            if role == _DISPLAY:
                return self._columns[section].header
            if role == _ALIGNMENT:
                return int(self._columns[section].align)
        return None


class Words:
    """Code-list labels and soil descriptions in the user's language.

    A value that is not on its list (an old database, a hand edit) is shown as
    it is stored rather than hidden.
    """

    def __init__(self, session: Session) -> None:
        self._lists = session.lists
        self.lang: Lang = language(session.settings)

    def label(self, list_name: str, code: str | None) -> str:
        if not code:
            return ""
        try:
            return self._lists.label(list_name, code, self.lang)
        except FieldAppError:
            return code

    def soil_words(self, code: str, *, legacy: bool = True) -> str:
        """Only the words (``zand, zwak siltig``), or "" when the code is not valid (``legacy``: also a code
        an older record may carry)."""
        from fieldapp.soil import parse_soil_code

        try:
            return parse_soil_code(code, self._lists, legacy=legacy).describe(self.lang)
        except FieldAppError:
            return ""

    def soil(self, code: str) -> str:
        words = self.soil_words(code)
        return f"{code}  ({words})" if words else code

    def admixtures(self, layer: Layer) -> str:
        try:
            mixes = layer.admixture_list()
        except (ValueError, KeyError, TypeError):
            return layer.admixtures or ""
        return ", ".join(
            f"{self.label('anthropogenic_admixture', m.code)} "
            f"({self.label('anthropogenic_grade', m.grade)})"
            for m in mixes
        )


@dataclass(frozen=True)
class SampleRow:
    """A sample as the borehole's samples table shows it."""

    sample: Sample
    intervals: str
    containers: int


def metres(cm: int | None) -> str:
    return DASH if cm is None else in_metres(cm)


def analyses(s: Sample) -> list[str]:
    try:
        value = json.loads(s.analyses or "[]")
    except ValueError:
        return [s.analyses or ""]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def panel(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(4)
    for w in widgets:
        layout.addWidget(w)
    return box


def table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    # fixed row heights: a 10,000-row table never asks every row for its size
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(36)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    header.setResizeContentsPrecision(200)
    font = header.font()
    font.setBold(True)
    header.setFont(font)
    return view


def fit(view: QTableView) -> None:
    """Columns as wide as their contents; the last one takes the rest (elided, no scrolling)."""
    header = view.horizontalHeader()
    last = header.count() - 1
    if last < 0:
        return
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)


def position_class_text(code: str | None) -> str:
    """A BRO positioning class for reading: ``DGPS50tot200cm`` -> ``DGPS 50–200 cm``."""
    if not code:
        return DASH
    match = re.fullmatch(r"([A-Za-z]+)(\d+)tot(\d+)cm", code)
    return f"{match[1]} {match[2]}–{match[3]} cm" if match else code


def select_row(view: QListView | QTableView, row: int) -> None:
    model = view.model()
    index = model.index(row, 0)
    if not index.isValid():
        return
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)


class Records(Protocol[T_co]):
    """A model that gives the record of a row (RecordTableModel, ui/lazy_model.py's LazyTableModel)."""

    def record(self, row: int) -> T_co: ...


def current_record(view: QTableView, model: Records[T]) -> T | None:
    index = view.currentIndex()
    return model.record(index.row()) if index.isValid() else None
