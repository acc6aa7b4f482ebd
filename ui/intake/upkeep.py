"""Housekeeping that must never land inside a scan: WAL checkpoints and Python's full collections.

Two pauses made the slowest scans several times slower than the median:

- SQLite's auto-checkpoint, run inside the commit that crossed 1,000 log
  pages (copy the log into the database file, fsync it). The receipt's
  connection stops doing that (:func:`fieldapp.intake.wal.defer_checkpoints`)
  and the checkpoint runs on a :class:`~ui.taskman.TaskManager` worker, on its
  own connection: when the desk has been idle for a moment, and after every
  ``every`` recorded scans so the log stays short during a long run.
- Python's full (generation 2) garbage collection, which walks every object
  of the GUI's heap (Qt wrappers, code lists, the receipt) and took 15 ms
  at a time. The heap that exists when the window opens lives as long as the
  window, so it is moved out of the collector's sight (``gc.freeze()``); the
  small amount of garbage a scan makes is still collected. Closing the window
  gives the heap back to the collector.
"""

from __future__ import annotations

import gc
import logging
import sqlite3

from PySide6.QtCore import QObject, QTimer

from fieldapp.intake.wal import Checkpointed, checkpoint, defer_checkpoints, resume_checkpoints
from fieldapp.store import Store
from ui.taskman import TaskManager

log = logging.getLogger(__name__)

IDLE_MS = 1500  # a clerk takes a jar out every second or two; a longer gap is a pause
EVERY = 100  # recorded scans between checkpoints while scanning without a pause (~1,000 log pages)


class Upkeep(QObject):
    def __init__(self, store: Store, tasks: TaskManager, parent: QObject | None = None, *,
                 idle_ms: int = IDLE_MS, every: int = EVERY) -> None:
        super().__init__(parent)
        self.store, self.tasks, self.every = store, tasks, every
        self.writes = 0  # recorded scans since the last checkpoint was started
        self.running = False
        self.checkpoints: list[Checkpointed] = []  # what each one did, for the tests and the log
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self.checkpoint_now)
        self._started = False

    def start(self) -> None:
        """Called once the window and its receipt are built: the long-lived heap is complete."""
        if self._started:
            return
        self._started = True
        defer_checkpoints(self.store)
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        if not self._started:
            return
        self._started = False
        self._idle.stop()
        gc.unfreeze()
        try:
            resume_checkpoints(self.store)
        except sqlite3.ProgrammingError:  # the session was closed first: nothing to resume
            log.debug("store closed before the intake window", exc_info=True)
        # what is still in the log is checkpointed by SQLite again: by the next commit past 1,000 pages
        # or when the last connection closes

    def wrote(self) -> None:
        """A scan committed something: checkpoint after a pause, or now if many piled up."""
        self.writes += 1
        if self.writes >= self.every:
            self.checkpoint_now()
        else:
            self._idle.start()

    def checkpoint_now(self) -> None:
        self._idle.stop()
        if self.running or not self.writes:
            return
        self.running, self.writes = True, 0
        self.tasks.run(checkpoint, str(self.store.path), on_done=self._done, on_error=self._failed)

    def _done(self, result: object) -> None:
        self.running = False
        if isinstance(result, Checkpointed):
            self.checkpoints.append(result)
            if result.copied_pages < result.log_pages:  # a reader held on to part of the log: copy it next pause
                self.writes = max(self.writes, 1)
        if not self._started:  # the window closed meanwhile (and its timer may be gone)
            return
        # scans recorded while it ran: as if they had come now
        if self.writes >= self.every:
            self.checkpoint_now()
        elif self.writes and self._started:
            self._idle.start()

    def _failed(self, exc: BaseException) -> None:
        # a failed checkpoint loses nothing (the log keeps the commits); the next one tries again
        self.running = False
        self.writes = max(self.writes, 1)
        log.warning("WAL checkpoint failed: %s", exc)
        if self._started:
            self._idle.start()
