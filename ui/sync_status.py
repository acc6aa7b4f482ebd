"""Sync in the main window: the status bar figures, "Sync now", background sync.

The panel sits in the status bar: pending changes, the last sync time and
the state (offline, syncing, an error in one line, a clock warning), with a
"Sync now" button whose menu holds "Enrol with hub…" and "Conflicts…".

Every sync runs through the window's :class:`~ui.taskman.TaskManager`: the
worker gets the database path and the hub URL, opens its own connection
(:func:`fieldapp.sync.review.run_sync`) and reports by signals. A timer
starts one every ``settings.sync_interval_s`` while none is running and the
device is enrolled, so sync happens whenever the hub is reachable.

Local saves are noticed by the connection's ``total_changes`` counter (an
attribute, no query) checked on a short timer, so every write of the
window's connection refreshes the figures, whichever form made it. Writes of
other connections (the demo project, an import or a sync on a worker) move
SQLite's ``PRAGMA data_version`` instead, which the same timer reads: without
it the demo's hundreds of new records showed "0 changes pending" until the
first edit of the window made the count jump.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QProgressBar, QToolButton, QWidget

from fieldapp.errors import FieldAppError
from fieldapp.rules import Lang
from fieldapp.session import Session
from fieldapp.sync.local import Replica
from fieldapp.sync.review import SyncOutcome, run_sync
from fieldapp.sync.status import SyncStatus, status
from ui.field_errors import message
from ui.i18n import grouped, shown, tr
from ui.taskman import ProgressFn, TaskManager

#: how often the window's connection is checked for new local writes (ms); the check costs nothing
WATCH_MS = 300
#: an error reason longer than this is cut in the status bar (the whole text is the tooltip)
REASON_CHARS = 70


class SyncCancelled(Exception):
    """The sampler stopped a sync; raised between two batches, each already complete on both sides."""


def sync_task(db_path: str, hub_url: str, pending: int, lang: Lang, progress: ProgressFn,
              cancelled: Callable[[], bool] | None = None) -> SyncOutcome:
    """On a worker: one sync; progress is (sent, pending) while pushing and (received, 0) while pulling.

    A cancel takes effect after the batch in hand: what was sent is confirmed by
    the hub and what was received is applied, so the next sync goes on from there.
    """
    def step(name: str, count: int) -> None:
        progress(count, max(pending, count) if name == "push" else 0)
        if cancelled is not None and cancelled():
            raise SyncCancelled

    return run_sync(db_path, hub_url, progress=step, lang=lang)


def when(iso: str) -> str:
    """A stored UTC time as the user's local clock reads it: the time today, the date otherwise."""
    try:
        at = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return at.strftime("%H:%M") if at.date() == datetime.now().astimezone().date() else at.strftime("%d-%m-%Y %H:%M")


class SyncPanel(QObject):
    """The sync controls of one window; ``widget`` goes into its status bar."""

    #: a sync finished (on the GUI thread); carries how many changes were pulled
    synced = Signal(int)
    #: the figures were shown anew
    status_changed = Signal(object)

    def __init__(self, session: Session, tasks: TaskManager, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._window = parent
        self._task: int | None = None
        self._state = "idle"
        self._message = ""
        self._seen_changes = -1
        self._seen_version = -1
        self.current: SyncStatus | None = None

        self.widget = QWidget(parent)
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.sync_action = QAction(tr("Sync now"), self.widget)
        self.sync_action.setToolTip(tr("Send this device's changes to the hub and fetch the others'"))
        self.sync_action.triggered.connect(self.sync_now)
        self.enrol_action = QAction(tr("Enrol with hub…"), self.widget)
        self.enrol_action.triggered.connect(self.open_enrolment)
        self.conflicts_action = QAction(tr("Conflicts…"), self.widget)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        menu = QMenu(self.widget)
        menu.addAction(self.enrol_action)
        menu.addAction(self.conflicts_action)
        self.button = QToolButton()
        self.button.setDefaultAction(self.sync_action)
        self.button.setMenu(menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(tr("Cancel"))
        self.cancel_button.setToolTip(tr("Stop syncing after the batch in hand; the rest follows next time"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_sync)
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.progress, self.cancel_button, self.button):
            row.addWidget(w)

        self.watch = QTimer(self)
        self.watch.setInterval(WATCH_MS)
        self.watch.timeout.connect(self._watch)
        self.watch.start()
        self.timer = QTimer(self)
        self.timer.setInterval(max(5, int(session.settings.sync_interval_s)) * 1000)
        self.timer.timeout.connect(self._background)
        self.timer.start()
        self.refresh()

    # state ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def enrolled_url(self) -> str:
        replica = Replica(self.session.store)
        return replica.get("hub_url") if replica.get("token") else ""

    def refresh(self) -> None:
        """Show the figures anew from the window's own connection (an index range, cheap)."""
        try:
            current = status(self.session.store, "syncing" if self.busy else self._state, self._message)
            coordinator = Replica(self.session.store).get("role") == "coordinator"
            self._seen_changes = self.session.store.conn.total_changes
            self._seen_version = _data_version(self.session.store.conn)
        except sqlite3.ProgrammingError:
            self.watch.stop()
            self.timer.stop()
            return  # the session was closed under the window (shutdown)
        self.current = current
        self.conflicts_action.setEnabled(coordinator)
        text, tip = self._describe(current)
        self.label.setText(text)
        self.label.setToolTip(tip)
        self.status_changed.emit(current)

    def _describe(self, s: SyncStatus) -> tuple[str, str]:
        """The status bar text, and its tooltip (the whole error, or what "pending" means)."""
        pending = tr("{n} changes pending").format(n=grouped(s.pending)) if s.pending != 1 else tr("1 change pending")
        last = tr("last sync {t}").format(t=when(s.last_sync_at)) if s.last_sync_at else tr("never synced")
        reason = " ".join(s.message.split())
        if s.state == "not enrolled":
            parts = [pending, tr("not enrolled with a hub")]
        elif s.state == "cancelled":
            parts = [tr("Sync cancelled"), pending, last]
        elif s.state == "syncing":
            parts = [tr("Syncing…"), pending]
        elif s.state == "offline":
            parts = [tr("Offline"), pending, last]
        elif s.state == "error":
            short = reason if len(reason) <= REASON_CHARS else reason[:REASON_CHARS - 1] + "…"
            parts = [tr("Sync error: {reason}").format(reason=short), pending]
        else:
            parts = [pending, last]
        if s.clock_warning:
            parts.append(tr("Clock warning: set this device's clock"))
        tip = reason or tr("Changes pending: records made or changed on this device that no hub has "
                           "received yet (a new demo project counts in full).")
        return " · ".join(parts), tip

    def _watch(self) -> None:
        try:
            conn = self.session.store.conn
            changed = (conn.total_changes != self._seen_changes
                       or _data_version(conn) != self._seen_version)
        except sqlite3.ProgrammingError:
            changed = True  # refresh() notices the closed session and stops the timers
        if changed:
            self.refresh()

    # syncing -----------------------------------------------------------------------
    def sync_now(self) -> bool:
        """Start a sync on a worker; False when one is running or the device is not enrolled."""
        if self.busy:
            return False
        try:
            url = self.enrolled_url()
        except sqlite3.ProgrammingError:
            return False
        if not url:
            self.open_enrolment()  # nothing to sync with yet: say where the hub is first
            return False
        pending = self.current.pending if self.current is not None else 0
        self.progress.setRange(0, max(pending, 1))
        self.progress.setValue(0)
        self.progress.setFormat(tr("sending %v of %m"))
        self.progress.setVisible(True)
        self.sync_action.setEnabled(False)
        # the language shown goes to the worker as plain data: the outcome's message is said in it
        self._task = self.tasks.run(sync_task, str(self.session.store.path), url, pending, shown(),
                                    on_progress=self._progress, on_done=self._done, on_error=self._failed,
                                    on_cancelled=self._cancelled, cancellable=True)
        self.cancel_button.setVisible(True)
        self.refresh()
        return True

    def cancel_sync(self) -> bool:
        """Stop the running sync after the batch in hand; False when none runs."""
        return self._task is not None and self.tasks.cancel(self._task)

    def _cancelled(self, _exc: BaseException) -> None:
        self._finish()
        self._state = "cancelled"
        self._message = tr("Sync cancelled: what was sent or received is kept; the rest follows next time.")
        self.refresh()
        self.synced.emit(0)

    def _background(self) -> None:
        try:
            enrolled = bool(self.enrolled_url())
        except sqlite3.ProgrammingError:
            return
        if enrolled and not self.busy:
            self.sync_now()

    def _progress(self, done: int, total: int) -> None:
        if total == 0:  # receiving: how many is not known in advance
            self.progress.setRange(0, 0)
            self.progress.setFormat(tr("receiving"))
        else:
            self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _finish(self) -> None:
        self._task = None
        self.cancel_button.setVisible(False)
        self.progress.setVisible(False)
        self.sync_action.setEnabled(True)

    def _done(self, outcome: object) -> None:
        self._finish()
        pulled = 0
        if isinstance(outcome, SyncOutcome):
            self._state, self._message = outcome.status.state, outcome.status.message
            pulled = outcome.pulled
        self.refresh()
        self.synced.emit(pulled)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self._state = "error"
        self._message = message(exc) if isinstance(exc, FieldAppError) else str(exc)
        self.refresh()
        self.synced.emit(0)

    # dialogs -------------------------------------------------------------------------
    def open_enrolment(self) -> QWidget:
        from ui.sync_dialog import EnrolDialog  # only when asked for

        dialog = EnrolDialog(self.session, self.tasks, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.enrolled.connect(lambda _role: (self.refresh(), self.sync_now()))
        dialog.open()  # not exec(): no nested event loop
        return dialog

    def open_conflicts(self) -> QWidget:
        from ui.conflicts import ConflictsWindow  # only when asked for

        window = ConflictsWindow(self.session, self.tasks, self._window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.resolved.connect(self._resolved)
        window.show()
        window.reload()
        return window

    def _resolved(self, outcome: object) -> None:
        # resolving synced as well (a value taken back must reach the hub): show that sync's result
        if self.busy:
            return  # the running sync reports when it ends
        self._done(outcome)


def _data_version(conn: sqlite3.Connection) -> int:
    """Moves whenever another connection commits to the file (cheap: no table is read)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])
