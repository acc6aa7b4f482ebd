"""WAL checkpoints off the scan loop's commits.

SQLite checkpoints the write-ahead log inside the COMMIT that takes it past
``wal_autocheckpoint`` pages (1,000 by default): that one commit copies the
log back into the database file and fsyncs it, and the scan that made it
waits several to tens of milliseconds longer than the others. The intake
connection therefore stops checkpointing in its own commits
(:func:`defer_checkpoints`) and the window runs :func:`checkpoint` on a
worker, on a connection of its own, when the desk is idle or after every
few hundred writes. Durability does not change: every commit is still on disk
(``synchronous=FULL`` syncs the log at each commit); a checkpoint only moves
committed pages from the log into the main file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.store import Store


@dataclass(frozen=True, slots=True)
class Checkpointed:
    busy: bool  # a writer or reader held on to part of the log; the rest is done next time
    log_pages: int
    copied_pages: int


def defer_checkpoints(store: Store) -> None:
    """This connection's commits no longer checkpoint; someone must call :func:`checkpoint`."""
    store.conn.execute("PRAGMA wal_autocheckpoint = 0")


def resume_checkpoints(store: Store) -> None:
    """Back to SQLite's default: the commit past 1,000 log pages checkpoints."""
    store.conn.execute("PRAGMA wal_autocheckpoint = 1000")


def checkpoint(db_path: str) -> Checkpointed:
    """Copy committed pages from the log into ``db_path`` (PASSIVE: never blocks a writer).

    Opens and closes its own connection, so it runs on a worker thread. The
    log is rewound by the next commit once every page of it was copied.
    """
    conn = sqlite3.connect(Path(db_path), isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 2000")
        conn.execute("PRAGMA synchronous = FULL")  # the database file is synced before the log is reused
        busy, log, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        conn.close()
    return Checkpointed(bool(busy), int(log), int(copied))
