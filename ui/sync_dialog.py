"""Enrol this device with a hub: the hub's address and the one-time code.

The code comes from the hub's administrator (``fieldapp hub enroll``). The
exchange for a token is a network call, so it runs on a worker through the
window's :class:`~ui.taskman.TaskManager` (:func:`fieldapp.sync.review.enrol`
opens its own connection and keeps the token in the device database); the
dialog stays responsive and shows the hub's refusal in words.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.sync.local import Replica
from fieldapp.sync.review import enrol
from ui.field_errors import message
from ui.i18n import tr
from ui.taskman import TaskManager

ROLE_NAMES = ("sampler", "lab", "coordinator")


def role_text(role: str) -> str:
    return {"sampler": tr("sampler"), "lab": tr("laboratory"), "coordinator": tr("coordinator")}.get(role, role)


class EnrolDialog(QDialog):
    """Hub URL + one-time code → a token kept in the device database."""

    #: the device is enrolled; carries its role (sampler, lab, coordinator)
    enrolled = Signal(str)

    def __init__(self, session: Session, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self._task: int | None = None
        self.setWindowTitle(tr("Enrol with hub"))
        replica = Replica(session.store)
        self.intro = QLabel(tr("Ask the hub's administrator for its address and a one-time enrolment code."))
        self.intro.setWordWrap(True)
        self.url_edit = QLineEdit(replica.get("hub_url"))
        self.url_edit.setPlaceholderText(tr("http://hub.example:8750"))
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(tr("one-time code"))
        current = replica.get("role")
        self.current_label = QLabel(
            tr("This device is enrolled as {role}.").format(role=role_text(current)) if replica.get("token")
            else tr("This device is not enrolled yet."))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet("color: #b00020;")

        form = QFormLayout()
        form.addRow(tr("Hub address"), self.url_edit)
        form.addRow(tr("Enrolment code"), self.code_edit)
        buttons = QDialogButtonBox()
        self.enrol_button = QPushButton(tr("Enrol"))
        self.enrol_button.setDefault(True)
        buttons.addButton(self.enrol_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton(tr("Cancel"))
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        # accepted is not connected: the dialog closes only when the hub said yes
        self.enrol_button.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.intro, self.current_label):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    @property
    def busy(self) -> bool:
        return self._task is not None

    def submit(self) -> None:
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        if not url:
            self.error_label.setText(tr("Give the hub's address."))
            self.url_edit.setFocus()
            return
        if not code:
            self.error_label.setText(tr("Give the one-time enrolment code."))
            self.code_edit.setFocus()
            return
        if self.busy:
            return
        self.error_label.setText(tr("Enrolling…"))
        self.enrol_button.setEnabled(False)
        self._task = self.tasks.run(enrol, str(self.session.store.path), url, code,
                                    on_done=self._done, on_error=self._failed)

    def _done(self, role: object) -> None:
        if not isValid(self):
            return  # closed while the hub was asked; the panel's timer finds the token by itself
        self._task = None
        self.enrol_button.setEnabled(True)
        self.enrolled.emit(str(role))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._task = None
        self.enrol_button.setEnabled(True)
        text = message(exc) if isinstance(exc, FieldAppError) else str(exc)
        self.error_label.setText(tr("Not enrolled: {reason}").format(reason=text))
