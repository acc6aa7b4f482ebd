"""File > Import…: a coordinator's file into the selected project, as ``fieldapp import`` reads it.

The format combo names what the file holds; today that is a plan (planned boreholes from a GIS: CSV,
GeoJSON or GeoPackage, fieldapp/plan_import.py), and a SIKB0101 investigation is one more row of
:func:`format_names` and one worker in ui/background.py. The import runs on a worker through
:class:`~ui.task_progress.TaskProgress` and is all or nothing: the report says what was added and
updated, or the refusal naming the row, and nothing of the file is written then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QPlainTextEdit, QWidget

from fieldapp.session import Session
from ui.background import import_plan_file, import_sikb_file
from ui.export_dialog import _TaskDialog
from ui.i18n import counted, shown, tr
from ui.taskman import TaskManager


def format_names() -> dict[str, str]:
    """Import format -> what the coordinator reads."""
    return {"plan": tr("Planned boreholes (CSV, GeoJSON or GeoPackage from a GIS)"),
            "sikb0101": tr("SIKB0101 investigation (XML, also inside a SAD request)")}


def file_filters() -> dict[str, str]:
    """Import format -> the files Browse… offers."""
    return {"plan": tr("Plans (*.csv *.geojson *.json *.gpkg);;All files (*)"),
            "sikb0101": tr("SIKB0101 (*.xml);;All files (*)")}


#: the formats that import into the selected project (a SIKB0101 file names its own)
NEEDS_PROJECT = frozenset({"plan"})
#: import format -> its worker (ui/background.py): (db path, settings, selected project, file) -> its result
WORKERS: dict[str, Callable[..., object]] = {"plan": import_plan_file, "sikb0101": import_sikb_file}


def refusal(exc: BaseException) -> str:
    """The import's refusal in the user's language: what is wrong with which row or object, and what to do.

    The importers refuse with a message of resources/messages (a RuleError), which carries its Dutch."""
    from ui.export_dialog import _message

    return _message(exc)


class ImportDialog(_TaskDialog):
    def __init__(self, session: Session, tasks: TaskManager, project_code: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, tasks, parent)
        self.project_code = project_code or ""
        self.setWindowTitle(tr("Import into {p}").format(p=project_code) if project_code else tr("Import"))
        self.format_combo = QComboBox()
        for fmt, name in format_names().items():
            if project_code or fmt not in NEEDS_PROJECT:  # a plan goes into the selected project
                self.format_combo.addItem(name, fmt)
        title = QLabel(tr("Format"))
        title.setBuddy(self.format_combo)
        self.grid.addWidget(title, 0, 0)
        self.grid.addWidget(self.format_combo, 0, 1)
        self.path_row(tr("File"))
        self.path_edit.setPlaceholderText(tr("Choose the file with Browse…"))
        self.start_button.setText(tr("Import"))
        self.report = QPlainTextEdit()  # what was added and updated: one code a line, room for a long plan
        self.report.setReadOnly(True)
        self.report.setMinimumHeight(160)
        self.report.hide()
        self.grid.addWidget(self.report, self.grid.rowCount(), 0, 1, 2)
        self.setMinimumWidth(720)  # a path and a refusal naming the row read on one or two lines

    @property
    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def browse(self) -> None:
        current = self.path_edit.text().strip() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Import"), current, file_filters()[self.fmt])
        if path:
            self.path_edit.setText(path)

    def start(self) -> None:
        if not self.path_edit.text().strip():
            self.show_outcome(tr("Choose the file to import first (Browse…)."), error=True)
            return
        self.report.hide()
        self.run(tr("Importing…"), WORKERS[self.fmt], str(self.session.store.path), replace(self.session.settings),
                 self.project_code, self.path_edit.text().strip())

    def _failed(self, exc: BaseException) -> None:
        self.progress = None
        self.start_button.setEnabled(True)
        self.show_outcome(tr("Nothing was imported: {why}").format(why=refusal(exc)), error=True)

    def _cancelled(self, _exc: BaseException) -> None:
        self.progress = None
        self.start_button.setEnabled(True)
        self.show_outcome(tr("Cancelled: nothing was imported."))

    def describe(self, result: object) -> str:
        from fieldapp.plan_import import PlanResult

        if not isinstance(result, PlanResult):
            return self._describe_sikb(result)
        lines = []
        if result.created:
            lines += [tr("Added ({n}):").format(n=len(result.created)), *(f"  {c}" for c in result.created)]
        if result.updated:
            lines += [tr("Plan updated ({n}):").format(n=len(result.updated)), *(f"  {c}" for c in result.updated)]
        self.report.setPlainText("\n".join(lines))
        self.report.setVisible(bool(lines))
        return tr("Imported {path} into {p}: {a} added, {u} updated.").format(
            path=Path(self.path_edit.text().strip()).name, p=self.project_code,
            a=counted(len(result.created), "planned_borehole"), u=len(result.updated))


    def _describe_sikb(self, report: Any) -> str:
        """The importer's report (what was skipped, renamed or defaulted) in the list; the outcome names the
        project, which the window then selects."""
        self.report.setPlainText("\n".join(report.lines(shown())))
        self.report.show()
        template = (tr("Merged {path} into project {p}: {n}, {u} changed.") if report.merged
                    else tr("Imported {path} as project {p}: {n}."))
        outcome = template.format(path=Path(self.path_edit.text().strip()).name, p=report.project_code,
                                  n=counted(report.inserted, "new_row"), u=report.updated)
        if report.to_check:  # a kept GNSS position the file contradicts: said where the coordinator looks first
            outcome += " " + tr("{n} to check: see the top of the list.").format(n=report.to_check)
        return outcome


__all__ = ["ImportDialog", "format_names", "refusal"]
