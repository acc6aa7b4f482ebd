"""A read-only table that reads its rows a page at a time, when a view asks for them.

The model knows how many rows there are (one COUNT from an index) and reads
a page of :data:`PAGE` records the first time a view asks for a cell in it:
from the page before it by keyset when that one is at hand, else by offset.
It keeps the :data:`KEPT` pages used last and forgets the others, so a list
of 50,000 boreholes holds a few hundred of them however far it is scrolled,
and the scroll bar is true to the whole list from the start.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from ui.models import Column

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: rows read at once: a screenful of a tall window (the first window reads no more than it shows, at
#: 50,000 boreholes as at 15), few enough to read in a millisecond
PAGE = 64
#: pages kept: the screen, the pages around it and the current row's
KEPT = 24

_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_HORIZONTAL = Qt.Orientation.Horizontal


class PagedSource(Protocol[T]):
    """Where a :class:`LazyTableModel` reads its rows: a fixed query, in a fixed order."""

    def count(self) -> int: ...

    def page(self, offset: int, limit: int, after: T | None) -> list[T]:
        """``limit`` records from row ``offset``; ``after`` is the record at ``offset - 1`` when known."""
        ...


class AnchoredSource(PagedSource[T], Protocol[T]):
    """A source that can also read a page from a row whose key it was told (:meth:`LazyTableModel.anchor`)."""

    def page_around(self, key: str, before: int, limit: int) -> list[T]:
        """``limit`` records: ``before`` of them before the one with ``key``, the rest from it on."""
        ...


class _Page(Generic[T]):
    __slots__ = ("cells", "records")

    def __init__(self, records: list[T]) -> None:
        self.records = records
        self.cells: list[list[str] | None] = [None] * len(records)


class LazyTableModel(QAbstractTableModel, Generic[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: QWidget | None = None, *,
                 page_size: int = PAGE, kept: int = KEPT) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._source: PagedSource[T] | None = None
        self._count = 0
        self._pages: OrderedDict[int, _Page[T]] = OrderedDict()
        self._page_size = page_size
        self._kept = kept
        self._anchor: tuple[int, str] | None = None  # (row, key) of a record found by the caller
        #: pages read from the source since the model was made (tests and the bench read it)
        self.reads = 0

    # the source ----------------------------------------------------------------
    def set_source(self, source: PagedSource[T] | None) -> None:
        """Show ``source`` (None: nothing), read afresh: its count now, its rows when shown."""
        self.beginResetModel()
        self._source = source
        self._pages.clear()
        self._anchor = None
        self._count = 0 if source is None else source.count()
        self.endResetModel()

    def reload(self) -> None:
        """Read the same source again (after a write)."""
        self.set_source(self._source)

    @property
    def source(self) -> PagedSource[T] | None:
        return self._source

    def anchor(self, row: int, key: str) -> None:
        """The record with ``key`` is at ``row`` (its row was just looked up): its page, when not kept, is
        read from there both ways, not by stepping over the rows before it (a jump to row 40,000)."""
        self._anchor = (row, key)

    @property
    def loaded(self) -> int:
        """How many records the model holds now."""
        return sum(len(p.records) for p in self._pages.values())

    # records -------------------------------------------------------------------
    def _page(self, number: int) -> _Page[T]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        assert self._source is not None
        before = self._pages.get(number - 1)
        after = before.records[-1] if before is not None and before.records else None
        start = number * self._page_size
        anchor = self._anchor
        if (after is None and anchor is not None and start <= anchor[0] < start + self._page_size
                and hasattr(self._source, "page_around")):
            source: AnchoredSource[T] = self._source  # type: ignore[assignment]
            page = _Page(source.page_around(anchor[1], anchor[0] - start, self._page_size))
        else:
            page = _Page(self._source.page(start, self._page_size, after))
        self.reads += 1
        self._pages[number] = page
        while len(self._pages) > self._kept:
            self._pages.popitem(last=False)
        return page

    def record(self, row: int) -> T:
        if not 0 <= row < self._count:
            raise IndexError(row)
        page = self._page(row // self._page_size)
        return page.records[row % self._page_size]

    def replace(self, record: T, same: Callable[[T, T], bool]) -> bool:
        """Put ``record`` in place of a kept one it is ``same`` as and show it afresh; False if none is kept."""
        found = False
        for number, page in self._pages.items():
            for i, old in enumerate(page.records):
                if same(old, record):
                    page.records[i] = record
                    page.cells[i] = None
                    row = number * self._page_size + i
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
                    found = True
        return found

    def retranslate(self, translate: Callable[[str], str]) -> None:
        """New column titles and cell texts in the language just chosen."""
        self._columns = [replace(c, header=translate(c.header)) for c in self._columns]
        for page in self._pages.values():
            page.cells = [None] * len(page.records)
        if self._columns:
            self.headerDataChanged.emit(_HORIZONTAL, 0, len(self._columns) - 1)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1))

    # QAbstractTableModel ---------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # called for every role of every cell a view measures or paints: most return at once
        if role not in (_DISPLAY, _ALIGNMENT, _TOOLTIP) or not index.isValid():
            return None
        column = self._columns[index.column()]
        if role == _ALIGNMENT:
            return int(column.align)
        row = index.row()
        if row >= self._count:
            return None
        page = self._page(row // self._page_size)
        i = row % self._page_size
        if i >= len(page.records):  # the source shrank under us (a write elsewhere): an empty cell
            return None
        if role == _DISPLAY:
            cells = page.cells[i]
            if cells is None:
                record = page.records[i]
                cells = page.cells[i] = [c.text(record) for c in self._columns]
            return cells[index.column()]
        return None if column.tooltip is None else column.tooltip(page.records[i])

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == _HORIZONTAL:
            if role == _DISPLAY:
                return self._columns[section].header
            if role == _ALIGNMENT:
                return int(self._columns[section].align)
        return None
