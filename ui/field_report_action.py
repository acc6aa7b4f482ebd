"""File → Field report…: the selected project's veldwerkrapportage as a PDF, written on a worker.

The user picks the file (a save dialog opened with ``open()``, no nested event
loop); :func:`fieldapp.report.write_report` runs on the task manager with plain
data (the database path, the project code, the file) on its own read-only
connection, and the status bar says where the report went or why it did not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from fieldapp.errors import FieldAppError
from fieldapp.report import FieldReport, write_report
from ui.field_errors import message
from ui.i18n import tr

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def ask_field_report(window: MainWindow) -> QFileDialog | None:
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    suggested = Path.home() / f"veldwerkrapportage-{proj.code}.pdf"
    dialog = QFileDialog(window, tr("Save field report"), str(suggested), tr("PDF files (*.pdf)"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("pdf")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda path: write_field_report(window, proj.code, Path(path)))
    dialog.open()
    return dialog


def write_field_report(window: MainWindow, project_code: str, path: Path) -> int:
    """Start writing the report; the status bar tells the outcome. Returns the task id."""
    window.statusBar().showMessage(tr("Writing the field report of {p}…").format(p=project_code))

    def done(report: object) -> None:
        assert isinstance(report, FieldReport)
        window.statusBar().showMessage(tr("Field report of {p} saved to {f}.").format(p=project_code, f=path),
                                       15_000)

    def failed(exc: BaseException) -> None:
        text = message(exc) if isinstance(exc, FieldAppError) else str(exc)
        window.statusBar().showMessage(tr("The field report was not written: {m}").format(m=text), 20_000)

    task: int = window.tasks.run(write_report, str(window.session.store.path), project_code, path,
                                 on_done=done, on_error=failed)
    return task
