"""A table that reads its rows a page at a time as the view scrolls down to them (Qt's fetchMore).

For lists whose length is not one cheap COUNT away (the composer's field samples, filtered on
a join): the model reads the first page when it is given a reader, and the next page, after
the last record it holds, each time the view reaches the bottom. It never reads a row nobody
scrolled to, and it needs no count and no offset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QWidget

from ui.models import Column, RecordTableModel

T = TypeVar("T")

#: rows read at once: more than a tall window shows, few enough to read in a few milliseconds
PAGE = 200

#: reads up to ``limit`` records following the given one (None: from the start), in the list's order
Reader = Callable[[T | None, int], list[T]]


class FetchedTableModel(RecordTableModel[T]):
    def __init__(self, columns: Sequence[Column[T]], parent: QWidget | None = None, *, page: int = PAGE) -> None:
        super().__init__(columns, parent)
        self._reader: Reader[T] | None = None
        self._page = page
        self._more = False
        #: pages read since the model was made (tests read it)
        self.reads = 0

    def show(self, reader: Reader[T] | None) -> None:
        """Read afresh from ``reader`` (None: nothing): its first page now, the others when scrolled to."""
        self._reader = reader
        self._more = reader is not None
        first = self._read(None) if reader is not None else []
        self.set_records(first)

    def reload(self) -> None:
        self.show(self._reader)

    def _read(self, after: T | None) -> list[T]:
        assert self._reader is not None
        records = self._reader(after, self._page)
        self.reads += 1
        self._more = len(records) >= self._page
        return records

    # Qt asks these when the view shows its last row ------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and self._reader is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        rows = self.all_rows
        more = self._read(rows[-1] if rows else None)
        if not more:
            return
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self.append_records(more)
        self.endInsertRows()

    def fetch_until(self, found: Callable[[T], bool]) -> int | None:
        """The row of the first record ``found`` is true of, reading on page by page; None if none is."""
        row = 0
        while True:
            for i in range(row, len(self.rows)):
                if found(self.rows[i]):
                    return i
            row = len(self.rows)
            if not self.canFetchMore():
                return None
            self.fetchMore()
