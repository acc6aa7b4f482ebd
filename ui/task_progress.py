"""A progress dialog with a Cancel button for one task of the :class:`~ui.taskman.TaskManager`.

Long work (labels, COC, exports, bundles) runs on a worker; this dialog shows
how far it is ("412 of 3,000") and lets the sampler stop it. Cancel asks the
task to stop: the core checks between steps and leaves nothing half written,
and the dialog says so. It opens only when the work takes longer than a
moment, so quick jobs do not flash a window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.i18n import tr
from ui.taskman import TaskManager

#: the dialog appears when the work is expected to take longer than this (ms)
SHOW_AFTER_MS = 400


class TaskProgress(QProgressDialog):
    """Runs ``fn`` as a cancellable task with progress; the callbacks run on the GUI thread."""

    def __init__(self, tasks: TaskManager, parent: QWidget, label: str, fn: Callable[..., Any], *args: Any,
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
                 on_cancelled: Callable[[BaseException], None], **kwargs: Any) -> None:
        super().__init__(label, tr("Cancel"), 0, 0, parent)
        self.setWindowTitle(tr("Working…"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self._tasks = tasks
        self._label = label
        self._finished = False
        self._callbacks = (on_done, on_error, on_cancelled)
        self.canceled.connect(self.cancel_task)
        self.task_id = tasks.run(fn, *args, on_done=self._done, on_error=self._error,
                                 on_cancelled=self._cancelled, on_progress=self._progress,
                                 cancellable=True, **kwargs)

    @property
    def finished_task(self) -> bool:
        return self._finished

    @Slot()
    def cancel_task(self) -> None:
        if self._finished:
            return  # closing the dialog after the end emits canceled too
        if self._tasks.cancel(self.task_id):
            self.setLabelText(tr("Cancelling… nothing half-written will be left."))

    def _progress(self, done: int, total: int) -> None:
        if self._finished or self._tasks.cancelling(self.task_id):
            return
        self.setMaximum(max(total, 0))
        self.setValue(min(done, total) if total > 0 else 0)
        if total > 0:
            self.setLabelText(tr("{label} {done} of {total}").format(label=self._label, done=done, total=total))

    def _end(self) -> None:
        self._finished = True
        self.close()
        self.deleteLater()

    def _done(self, result: Any) -> None:
        self._end()
        self._callbacks[0](result)

    def _error(self, exc: BaseException) -> None:
        self._end()
        self._callbacks[1](exc)

    def _cancelled(self, exc: BaseException) -> None:
        self._end()
        self._callbacks[2](exc)
