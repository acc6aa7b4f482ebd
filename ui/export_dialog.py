"""Exports and offline bundles from the GUI, with progress and Cancel.

Export: the current project as CSV (a folder), GeoJSON, GeoPackage, Excel,
borehole logs (PDF), the site map (PDF), SIKB0101 XML or a BRO delivery (the SAD
registration request, BHR-GT requests: ui/export_bro.py), written by the same
core function as ``fieldapp export``. Before it writes SIKB0101 or SAD the dialog
runs the same check as ``fieldapp export --check`` (FieldApp's checks, the
XSD, SIKB's control rules) on a worker and lists the findings; an error stops
the export there. Offline bundle: this device's unsent changes as a
signed file to carry to the hub, as ``fieldapp sync --bundle-out``. Both run
on a worker through :class:`~ui.task_progress.TaskProgress`; a cancel or an
error leaves the target as it was (the core stages and renames).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.background import check_sikb_project, export_project, write_offline_bundle
from ui.export_bro import DeliveryFields, left_out_lines, refusal
from ui.i18n import counted, shown, tr
from ui.task_progress import TaskProgress
from ui.taskman import TaskManager


def format_names() -> dict[str, str]:
    """Export format -> what the sampler reads. Every export is a folder: the data and its manifest,
    put in place whole (fieldapp/export/atomic.py)."""
    return {
        "csv": tr("CSV tables"),
        "geojson": tr("GeoJSON (boreholes on a map)"),
        "gpkg": tr("GeoPackage (GIS)"),
        "xlsx": tr("Excel workbook"),
        "borelogs": tr("Borehole logs (PDF)"),
        "map": tr("Site map (PDF)"),
        "sikb0101": tr("SIKB0101 XML (for the competent authority)"),
        "sad": tr("SAD registration request (BRO)"),
        "bhrgt": tr("BHR-GT registration requests (BRO), one per borehole"),
    }


def _message(exc: BaseException) -> str:
    said = refusal(exc)  # a BRO delivery of nothing: each borehole's reason in the user's language
    if said is not None:
        return said
    if isinstance(exc, FieldAppError):
        from ui.field_errors import message

        return message(exc)
    return tr("Unexpected error: {e}").format(e=exc)


class _TaskDialog(QDialog):
    """A target path, a start button, and the outcome in words."""

    #: the work finished (the result)
    done = Signal(object)

    def __init__(self, session: Session, tasks: TaskManager, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.progress: TaskProgress | None = None
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton(tr("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.close_button = QPushButton(tr("Close"))
        self.close_button.clicked.connect(self.reject)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.grid = QGridLayout()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)

    def path_row(self, title: str) -> None:
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        label = QLabel(title)
        label.setBuddy(self.path_edit)
        n = self.grid.rowCount()
        self.grid.addWidget(label, n, 0)
        self.grid.addLayout(row, n, 1)

    def browse(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def run(self, label: str, fn: Any, *args: Any) -> None:
        target = self.path_edit.text().strip()
        if not target:
            self.show_outcome(tr("Choose where to write it first."), error=True)
            return
        self.start_button.setEnabled(False)
        self.outcome.clear()
        self.progress = TaskProgress(self.tasks, self, label, fn, *args, on_done=self._finished,
                                     on_error=self._failed, on_cancelled=self._cancelled)

    def show_outcome(self, text: str, *, error: bool = False) -> None:
        self.outcome.setProperty("role", "error" if error else "")
        self.outcome.style().unpolish(self.outcome)
        self.outcome.style().polish(self.outcome)
        self.outcome.setText(text)
        self._fit_height()

    def _fit_height(self) -> None:
        """Taller when a wrapped outcome or a list needs it: a top-level layout does not count the height a
        word-wrapped label takes, so a long message was drawn over the rows above it."""
        layout = self.layout()
        layout.activate()
        need = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                else layout.totalSizeHint().height())
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            need = min(need, screen.height() - 60)
        if need <= self.height():
            return
        self.resize(self.width(), need)
        if screen is not None and self.geometry().bottom() > screen.bottom():  # its buttons stay on the screen
            self.move(self.x(), max(screen.y(), screen.bottom() - self.height() - 30))

    def _finished(self, result: object) -> None:
        self.progress = None
        self.start_button.setEnabled(True)
        self.show_outcome(self.describe(result))
        self.done.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.progress = None
        self.start_button.setEnabled(True)
        self.show_outcome(_message(exc), error=True)

    def _cancelled(self, _exc: BaseException) -> None:
        self.progress = None
        self.start_button.setEnabled(True)
        self.show_outcome(tr("Cancelled: nothing was written, {path} is as it was.").format(
            path=self.path_edit.text().strip()))

    def describe(self, result: object) -> str:
        raise NotImplementedError


class ExportDialog(_TaskDialog):
    def __init__(self, session: Session, tasks: TaskManager, project_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, parent)
        self.project_code = project_code
        self.setWindowTitle(tr("Export {p}").format(p=project_code))
        self.format_combo = QComboBox()
        for fmt, name in format_names().items():
            self.format_combo.addItem(name, fmt)
        title = QLabel(tr("Format"))
        title.setBuddy(self.format_combo)
        self.grid.addWidget(title, 0, 0)
        self.grid.addWidget(self.format_combo, 0, 1)
        self.path_row(tr("Write to"))
        self.bro = DeliveryFields(self.grid, _contractor_kvk(session, project_code))
        self.start_button.setText(tr("Export"))
        # the SIKB0101 findings, shown before that format is written (as `fieldapp export --check` lists them)
        self.findings = QPlainTextEdit()
        self.findings.setReadOnly(True)
        self.findings.setMinimumHeight(160)
        self.findings.hide()
        self.grid.addWidget(self.findings, self.grid.rowCount(), 0, 1, 2)
        self.format_combo.currentIndexChanged.connect(self._suggest)
        self._suggest()

    @property
    def checked_first(self) -> bool:
        """SAD wraps the SIKB0101 document: both are checked against SIKB's rules before they are written."""
        return self.fmt in ("sikb0101", "sad")

    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    @Slot()
    def _suggest(self) -> None:
        """A folder named after the project and format, beside the one chosen last."""
        current = self.path_edit.text().strip()
        parent = Path(current).parent if current else Path.home()
        self.path_edit.setText(str(parent / f"{self.project_code}-{self.fmt}"))
        self.bro.show_for(self.fmt)
        self.findings.hide()

    def browse(self) -> None:
        """The folder to export into; the export is a folder of its own inside it."""
        current = Path(self.path_edit.text().strip() or Path.home())
        parent = QFileDialog.getExistingDirectory(self, tr("Export into"), str(current.parent))
        if parent:
            self.path_edit.setText(str(Path(parent) / current.name))

    def start(self) -> None:
        if self.bro.kvk_label.isVisible() and not self.bro.kvk_edit.text().strip():
            self.show_outcome(tr("Give the KvK number (8 digits) of the party accountable for the delivery, "
                                 "or fill in the contractor's in the project's details."), error=True)
            self.bro.kvk_edit.setFocus()
            return
        self.findings.setVisible(self.checked_first)
        if self.checked_first:
            self._grow()
            self._check_first()
            return
        self._write()

    def _grow(self) -> None:
        """Room for the findings list beside the outcome: a squeezed dialog drew one over the other."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 900, 600
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(max(self.width(), width), max(self.height(), height))
        if screen is not None:  # grown where it stood, its buttons could fall below the screen's edge
            self.move(screen.x() + (screen.width() - self.width()) // 2,
                      screen.y() + (screen.height() - self.height()) // 2)

    def _write(self) -> None:
        self.run(tr("Exporting…"), export_project, str(self.session.store.path), replace(self.session.settings),
                 self.project_code, self.fmt, self.path_edit.text().strip(), self.bro.delivery())

    def _check_first(self) -> None:
        if not self.path_edit.text().strip():
            self.show_outcome(tr("Choose where to write it first."), error=True)
            return
        self.start_button.setEnabled(False)
        self.outcome.clear()
        self.findings.clear()
        self.progress = TaskProgress(self.tasks, self, tr("Checking against SIKB's rules…"), check_sikb_project,
                                     str(self.session.store.path), replace(self.session.settings),
                                     self.project_code, on_done=self._checked, on_error=self._failed,
                                     on_cancelled=self._cancelled)

    def _checked(self, report: object) -> None:
        from fieldapp.check import CheckReport

        assert isinstance(report, CheckReport)
        self.progress = None
        lang = shown()
        self.findings.setPlainText("\n".join([*report.lines(lang), report.summary(lang)]))
        if report.errors:
            self.start_button.setEnabled(True)
            self.show_outcome(tr("{n}: nothing was written. Correct what is listed and export again.").format(
                n=counted(report.errors, "error")), error=True)
            return
        self._write()

    def describe(self, result: object) -> str:
        from fieldapp.export import ExportResult

        assert isinstance(result, ExportResult)
        target = self.path_edit.text().strip()
        if result.format == "bhrgt":
            return self._describe_bhrgt(result, target)
        return tr("Exported {n} to {path} ({files}, with a SHA-256 manifest).").format(
            n=counted(result.boreholes, "borehole"), path=target, files=counted(len(result.files), "file"))


    def _describe_bhrgt(self, result: Any, target: str) -> str:
        written = len(result.files) - 1  # the manifest is the last file
        if not result.left_out:
            return tr("Wrote {n} to {path}, one per borehole, with a SHA-256 manifest.").format(
                n=counted(written, "bhrgt_request"), path=target)
        self._grow()
        self.findings.setPlainText("\n".join([
            tr("Not delivered, for want of what the BRO requires: {n} of {total}.").format(
                n=len(result.left_out), total=counted(result.boreholes, "borehole")),
            *left_out_lines(result.left_out)]))
        self.findings.show()
        return tr("Wrote {n} to {path}; left out, as listed above: {m}.").format(
            n=counted(written, "bhrgt_request"), path=target, m=counted(len(result.left_out), "borehole"))


def _contractor_kvk(session: Session, project_code: str) -> str | None:
    """The KvK number ``fieldapp export --kvk`` defaults to: the project's contractor's."""
    from fieldapp.domain import project as project_mod

    try:
        return project_mod.by_code(session.store, project_code).contractor_kvk
    except FieldAppError:
        return None


class BundleDialog(_TaskDialog):
    def __init__(self, session: Session, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, parent)
        self.setWindowTitle(tr("Offline bundle"))
        about = QLabel(tr("Every change of this device that no hub has received, in one signed file. "
                          "Carry it to the hub; importing it twice does no harm."))
        about.setWordWrap(True)
        self.grid.addWidget(about, 0, 0, 1, 2)
        self.path_row(tr("Write to"))
        self.start_button.setText(tr("Write bundle"))
        device = session.store.device_id[:8]
        self.path_edit.setText(str(Path.home() / f"fieldapp-{device}.bundle"))

    def browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, tr("Offline bundle"), self.path_edit.text())
        if path:
            self.path_edit.setText(path)

    def start(self) -> None:
        self.run(tr("Writing the bundle…"), write_offline_bundle, str(self.session.store.path),
                 self.path_edit.text().strip())

    def describe(self, result: object) -> str:
        assert isinstance(result, int)
        return tr("Wrote {n} to {path}. Import it on the hub with `fieldapp hub import`.").format(
            n=counted(result, "change"), path=self.path_edit.text().strip())
