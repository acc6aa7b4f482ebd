"""What the passes of `fieldapp verify` share: the progress over them and the finding that stops it."""

from __future__ import annotations

import sqlite3

from fieldapp.errors import IntegrityError
from fieldapp.progress import Progress


class Counter:
    """Progress over the passes, told every :data:`STEP` items (every photo file: each takes long)."""

    def __init__(self, conn: sqlite3.Connection, tables: list[str], progress: Progress | None,
                 again: tuple[str, ...] = ()) -> None:
        """``again``: tables a later pass goes through once more (the photo rows, as files)."""
        self.progress = progress
        self.done = 0
        self.total = 0
        if progress is not None:  # MAX(rowid) is one descent; COUNT(*) would read every page
            for table in ("journal", *tables, *again):
                self.total += int(conn.execute(f"SELECT MAX(rowid) FROM {table}").fetchone()[0] or 0)
            progress(0, self.total)

    def add(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


STEP = 20_000


def fail(message: str, table: str = "", row_id: str = "") -> IntegrityError:
    return IntegrityError(message, table=table, row_id=row_id)
