"""The one way FieldApp runs work off the GUI thread.

Like Anki's ``aqt/taskman.py``: a plain function runs on a worker of a
:class:`QThreadPool` with plain-data arguments (paths, numbers, strings, frozen
dataclasses), never widgets, sessions or open database connections. Progress,
the result and any error come back as Qt signals, queued to the thread the
:class:`TaskManager` lives in (the GUI thread), where the caller's callbacks
run. Workers never touch widgets.

A worker that writes to the database opens its own connection on the same
file (``Session.open(path)``), writes, and closes it; the GUI refreshes from
its own connection when the ``on_done`` callback runs.

Usage::

    tasks = TaskManager(parent=window)
    tasks.run(
        write_demo, str(db_path),
        on_progress=lambda done, total: bar.setValue(done),
        on_done=lambda summary: window.refresh(),
        on_error=lambda exc: show_error(exc),
    )

When ``on_progress`` is given, the function is called with an extra keyword
argument ``progress``: a callable taking ``(done, total)`` that the worker may
call as often as it likes.

With ``cancellable=True`` it also gets ``cancelled``: a callable without
arguments that turns True once :meth:`TaskManager.cancel` was called for the
task. The core checks it between steps and stops by raising, having written
nothing (exports stage and rename, bundles write a temporary file). A task
that fails after it was cancelled reports to ``on_cancelled`` (when given)
instead of ``on_error``; one that finished anyway reports to ``on_done``: its
work is complete, never half done. :class:`ui.task_progress.TaskProgress`
shows both in a dialog with a Cancel button.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ProgressFn = Callable[[int, int], None]


@dataclass
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: ProgressFn | None
    on_cancelled: Callable[[BaseException], None] | None = None
    stop: threading.Event | None = None  # set by cancel(); read by the worker


class _Job(QRunnable):
    """Runs one function on a pool thread and reports through the manager's signals."""

    def __init__(self, manager: TaskManager, task_id: int, fn: Callable[..., Any],
                 args: tuple[Any, ...], kwargs: dict[str, Any], with_progress: bool,
                 stop: threading.Event | None = None) -> None:
        super().__init__()
        self.setAutoDelete(True)
        # Only the manager's *signals* are used from the worker thread; emitting
        # a signal is thread-safe and the queued connections deliver it in the
        # manager's thread.
        self._progress = manager._progress
        self._done = manager._done
        self._failed = manager._failed
        self._task_id = task_id
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._with_progress = with_progress
        self._stop = stop

    def run(self) -> None:
        kwargs = dict(self._kwargs)
        if self._stop is not None:
            kwargs["cancelled"] = self._stop.is_set
        if self._with_progress:
            task_id = self._task_id
            progress_signal = self._progress

            def progress(done: int, total: int) -> None:
                progress_signal.emit(task_id, int(done), int(total))

            kwargs["progress"] = progress
        try:
            result = self._fn(*self._args, **kwargs)
        except Exception as exc:  # reported to the GUI thread, never swallowed
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._failed.emit(self._task_id, exc)
        else:
            self._done.emit(self._task_id, result)


class TaskManager(QObject):
    """Runs functions on a private thread pool; callbacks run on the GUI thread."""

    _progress = Signal(int, int, int)
    _done = Signal(int, object)
    _failed = Signal(int, object)

    #: emitted (on the GUI thread) after a task's callbacks ran; carries the task id
    finished = Signal(int)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        queued = Qt.ConnectionType.QueuedConnection
        self._progress.connect(self._on_progress, queued)
        self._done.connect(self._on_done, queued)
        self._failed.connect(self._on_failed, queued)

    # public -----------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: ProgressFn | None = None,
        on_cancelled: Callable[[BaseException], None] | None = None,
        cancellable: bool = False,
        **kwargs: Any,
    ) -> int:
        """Start ``fn(*args, **kwargs)`` on a worker; return the task id."""
        task_id = next(self._ids)
        stop = threading.Event() if cancellable else None
        self._pending[task_id] = _Callbacks(on_done, on_error, on_progress, on_cancelled, stop)
        self._pool.start(_Job(self, task_id, fn, args, kwargs, on_progress is not None, stop))
        return task_id

    def cancel(self, task_id: int) -> bool:
        """Ask a cancellable task to stop; False when it is not running or cannot be cancelled."""
        callbacks = self._pending.get(task_id)
        if callbacks is None or callbacks.stop is None:
            return False
        callbacks.stop.set()
        return True

    def cancelling(self, task_id: int) -> bool:
        callbacks = self._pending.get(task_id)
        return callbacks is not None and callbacks.stop is not None and callbacks.stop.is_set()

    @property
    def busy(self) -> bool:
        """True while any task has not yet reported its result on the GUI thread."""
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the workers are done (for shutdown); callbacks are not run."""
        return bool(self._pool.waitForDone(msecs))

    # GUI thread -------------------------------------------------------------
    @Slot(int, int, int)
    def _on_progress(self, task_id: int, done: int, total: int) -> None:
        callbacks = self._pending.get(task_id)
        if callbacks is not None and callbacks.on_progress is not None:
            callbacks.on_progress(done, total)

    @Slot(int, object)
    def _on_done(self, task_id: int, result: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        try:
            if callbacks is not None and callbacks.on_done is not None:
                callbacks.on_done(result)
        finally:
            self.finished.emit(task_id)

    @Slot(int, object)
    def _on_failed(self, task_id: int, exc: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        try:
            cancelled = callbacks is not None and callbacks.stop is not None and callbacks.stop.is_set()
            if cancelled and callbacks is not None and callbacks.on_cancelled is not None:
                assert isinstance(exc, BaseException)
                callbacks.on_cancelled(exc)
            elif callbacks is not None and callbacks.on_error is not None:
                assert isinstance(exc, BaseException)
                callbacks.on_error(exc)
            else:
                text = getattr(exc, "__traceback_text__", repr(exc))
                log.error("background task %d failed:\n%s", task_id, text)
        finally:
            self.finished.emit(task_id)
