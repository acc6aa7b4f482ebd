"""The deviations (afwijkingen) of a project: what, which rule, why, the consequences, who decided.

The same list as `fieldapp deviations` and the exports' deviation table; the selected one is
shown in full below the list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from fieldapp.domain import deviation
from fieldapp.domain.deviation import Deviation
from fieldapp.domain.project import Project
from fieldapp.session import Session
from ui.i18n import counted, tr
from ui.models import DASH, Column, RecordTableModel, current_record, fit, select_row, table, title_label

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class DeviationList(QDialog):
    def __init__(self, session: Session, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.project = project
        self.setWindowTitle(tr("Deviations of project {p}").format(p=project.code))
        self.model: RecordTableModel[Deviation] = RecordTableModel([
            Column(tr("Object"), lambda d: d.object_code or d.object_kind),
            Column(tr("Rule"), lambda d: d.rule_id),
            Column(tr("Motivation"), lambda d: d.reason),
            Column(tr("Decided by"), lambda d: d.staff_name or DASH),
            Column(tr("When"), lambda d: d.decided_at[:16].replace("T", " ")),
        ], self)
        self.view = table(self.model)
        self.summary = QLabel()
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(tr("Deviations of project {p}").format(p=project.code)))
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.detail, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show())
        self.refresh()
        self.resize(760, 520)

    def refresh(self) -> None:
        found = deviation.for_project(self.session.store.conn, self.project.id)
        self.model.set_records(found)
        fit(self.view)
        self.summary.setText(tr("{n} recorded.").format(n=counted(len(found), "deviation")) if found
                             else tr("No deviations recorded in this project."))
        if found:
            select_row(self.view, 0)

    def _show(self) -> None:
        d = current_record(self.view, self.model)
        if d is None:
            self.detail.clear()
            return
        self.detail.setPlainText("\n".join((
            f"{tr('Object')}: {d.object_code or d.object_id} ({d.object_kind})",
            f"{tr('Part of the protocol')}: {d.part}",
            f"{tr('Nature')}: {d.nature}",
            f"{tr('Motivation')}: {d.reason}",
            f"{tr('Consequences and risks')}: {d.consequences}",
            f"{tr('Decided by')}: {d.staff_name or DASH}, {d.decided_at[:16].replace('T', ' ')}",
        )))


def open_deviations(window: MainWindow) -> DeviationList | None:
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    dialog = DeviationList(window.session, proj, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
