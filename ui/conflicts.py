"""The coordinator's review of conflicts: values that lost a same-field edit.

The hub keeps every losing value (DESIGN.md, "Sync"). This window lists the
open ones with the value the records now hold beside the one that lost, the
two devices and when each edit was made, and resolves them through the core
(:mod:`fieldapp.sync.review`): "Keep" marks the chosen value as reviewed;
"Take the other value" writes the losing value back as the coordinator's own
edit, which then syncs like any other. Hub calls run on workers of the
window's :class:`~ui.taskman.TaskManager`; the list is read again after each
resolution, so what is shown is what the hub still holds open.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.sync.review import Conflict, open_conflicts, resolve
from ui.field_errors import message
from ui.i18n import counted, tr
from ui.models import DASH, Column, RecordTableModel, current_record, fit, table
from ui.taskman import TaskManager


def table_name(name: str) -> str:
    names = {"project": tr("project"), "borehole": tr("borehole"), "layer": tr("layer"), "sample": tr("sample"),
             "sample_part": tr("sample part"), "container": tr("container"), "shipment": tr("shipment")}
    return names.get(name, name)


def value_text(value: Any) -> str:
    return DASH if value is None or value == "" else str(value)


def local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso


class ConflictsWindow(QDialog):
    """Open conflicts on the hub, with keep / take-the-other-value."""

    #: a conflict was resolved (and the device synced): carries that sync's SyncOutcome
    resolved = Signal(object)
    #: the list was read from the hub (or reading it failed)
    loaded = Signal()

    def __init__(self, session: Session, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._task: int | None = None
        own = session.store.device_id
        self.setWindowTitle(tr("Conflicts"))

        def device(dev_id: str) -> str:
            return tr("this device") if dev_id == own else f"…{dev_id[-8:]}"

        self.model: RecordTableModel[Conflict] = RecordTableModel([
            Column(tr("Table"), lambda c: table_name(c.table)),
            Column(tr("Record"), lambda c: c.row_label, tooltip=lambda c: c.row_id),
            Column(tr("Field"), lambda c: c.field),
            Column(tr("Kept value"), lambda c: value_text(c.kept) if c.row_exists else tr("(deleted)")),
            Column(tr("Losing value"), lambda c: value_text(c.losing)),
            Column(tr("Devices (kept / lost)"), lambda c: f"{device(c.winner_device)} / {device(c.loser_device)}",
                   tooltip=lambda c: f"{c.winner_device} / {c.loser_device}"),
            Column(tr("Kept edit made"), lambda c: local_time(c.winner_at)),
            Column(tr("Losing edit made"), lambda c: local_time(c.loser_at)),
        ], self)
        self.view = table(self.model)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.summary = QLabel(tr("Reading the conflicts from the hub…"))
        self.summary.setWordWrap(True)
        self.keep_button = QPushButton(tr("Keep"))
        self.keep_button.setToolTip(tr("The value the records hold stays; the conflict is marked as reviewed"))
        self.keep_button.clicked.connect(lambda: self.resolve_current(take_other=False))
        self.take_button = QPushButton(tr("Take the other value"))
        self.take_button.setToolTip(tr("Write the losing value back as your own edit, then sync"))
        self.take_button.clicked.connect(lambda: self.resolve_current(take_other=True))
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for b in (self.keep_button, self.take_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.refresh_button, self.close_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(1100, 480)
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def conflicts(self) -> list[Conflict]:
        return self.model.records()

    def reload(self) -> None:
        """Read the open conflicts from the hub (on a worker)."""
        if self.busy:
            return
        self.summary.setText(tr("Reading the conflicts from the hub…"))
        self._start(open_conflicts, str(self.session.store.path), on_done=self._loaded)

    def resolve_current(self, *, take_other: bool) -> None:
        chosen = current_record(self.view, self.model)
        if chosen is None or self.busy:
            return
        self.summary.setText(tr("Resolving…"))
        self._start(resolve, str(self.session.store.path), chosen, take_other=take_other,
                    actor=self.session.actor, on_done=self._resolved)

    # worker results (GUI thread) -----------------------------------------------------
    def _start(self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any], None], **kwargs: Any) -> None:
        self._task = self.tasks.run(fn, *args, on_done=on_done, on_error=self._failed, **kwargs)
        self._update_buttons()

    def _loaded(self, rows: object) -> None:
        if not isValid(self):
            return  # closed while the hub was asked
        self._task = None
        self.model.set_records(rows if isinstance(rows, list) else [])
        fit(self.view)
        n = self.model.rowCount()
        self.summary.setText(tr("No open conflicts.") if n == 0 else
                             tr("{n}: choose one, then keep its value or take the other one.")
                             .format(n=counted(n, "open_conflict")))
        if n:
            self.view.selectRow(0)
        self._update_buttons()
        self.loaded.emit()

    def _resolved(self, outcome: object) -> None:
        if not isValid(self):
            return
        self._task = None
        self.resolved.emit(outcome)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._task = None
        text = message(exc) if isinstance(exc, FieldAppError) else str(exc)
        self.summary.setText(tr("The hub could not be asked: {reason}").format(reason=text))
        self._update_buttons()
        self.loaded.emit()

    def _selection_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = current_record(self.view, self.model)
        self.keep_button.setEnabled(chosen is not None and not self.busy)
        self.take_button.setEnabled(chosen is not None and chosen.can_take_other and not self.busy)
        self.refresh_button.setEnabled(not self.busy)
