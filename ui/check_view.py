"""The check of a project in the GUI: the findings of `fieldapp check`, and a jump to each object.

The check runs on a worker (ui/taskman.py) over its own read-only connection:
:func:`fieldapp.check.check_project` takes the database path and the project
code and returns plain data. Double-click or Enter on a finding selects its
borehole or sample in the main window and puts the focus on the field it
names, where the workbench has one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from shiboken6 import isValid

from fieldapp.check import OBJECT_NAMES, SEVERITY_NAMES, CheckReport, check_project, shown_severity
from fieldapp.domain.project import Project
from fieldapp.rules import Finding
from ui.i18n import tr
from ui.models import Column, RecordTableModel, current_record, fit, select_row, table, title_label

if TYPE_CHECKING:
    from ui.i18n import Lang
    from ui.main_window import MainWindow
    from ui.taskman import TaskManager

def object_text(f: Finding, lang: Lang) -> str:
    """What a finding is about, in the words ``fieldapp check`` uses: "boring B01", "bemonsteringsronde ..."."""
    words = OBJECT_NAMES.get(f.object_kind, (f.object_kind, f.object_kind))
    return f"{words[1 if lang == 'nl' else 0]} {f.object_code}"


def severity_text(f: Finding, lang: Lang) -> str:
    return SEVERITY_NAMES[shown_severity(f)][1 if lang == "nl" else 0]


class CheckView(QWidget):
    """The findings of one project; a window of its own beside the workbench."""

    #: the user asked to go to a finding's object
    jump = Signal(object)
    #: the check finished (the report), for tests and the status bar
    finished = Signal(object)

    def __init__(self, db_path: str, tasks: TaskManager, project: Project, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.db_path = db_path
        self.tasks = tasks
        self.project = project
        self.lang = lang
        self.report: CheckReport | None = None
        self.setWindowTitle(tr("Check of {p}").format(p=project.code))
        self.model: RecordTableModel[Finding] = RecordTableModel([
            Column(tr("Severity"), lambda f: severity_text(f, lang)),
            Column(tr("Object"), lambda f: object_text(f, lang)),
            Column(tr("Message"), lambda f: f.message(lang), tooltip=lambda f: f.message(lang)),
        ], self)
        self.list_view = table(self.model)
        self.title = title_label(tr("Findings"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.again_button = QPushButton(tr("Check again"))
        self.go_button = QPushButton(tr("Go to"))
        self.go_button.setToolTip(tr("Select the object in the main window (Enter or double-click)"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        buttons.addWidget(self.go_button)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addWidget(self.list_view, 1)
        box.addWidget(self.detail)
        box.addLayout(buttons)
        self.resize(1000, 560)  # inside a 1366 x 768 screen with the task bar

        self.again_button.clicked.connect(self.run)
        self.go_button.clicked.connect(self.go)
        # Enter on a row, and a double-click (a single click where the desktop activates on one)
        self.list_view.activated.connect(lambda _index: self.go())
        self.list_view.selectionModel().currentRowChanged.connect(self._picked)
        self.run()

    def run(self) -> None:
        self.again_button.setEnabled(False)
        self.summary.setText(tr("Checking {p}…").format(p=self.project.code))
        self.tasks.run(check_project, self.db_path, self.project.code, on_done=self._done, on_error=self._failed,
                       on_progress=self._progress)

    def _progress(self, done: int, total: int) -> None:
        # a project of 50,000 boreholes takes seconds: the checks done so far, while the check runs (the button
        # is off until its list comes; a view closed meanwhile is left alone)
        if isValid(self.again_button) and not self.again_button.isEnabled():
            self.summary.setText(tr("Checking {p}… {done} of {total}").format(p=self.project.code, done=done,
                                                                              total=total))

    def _done(self, report: object) -> None:
        if not isValid(self.again_button):
            return  # the view was closed (or rebuilt for a language switch) while the check ran
        assert isinstance(report, CheckReport)
        self.report = report
        self.again_button.setEnabled(True)
        self.model.set_records(list(report.findings))
        fit(self.list_view)
        if report.findings:
            # the counts as `fieldapp check` says them (findings a recorded deviation covers are listed, not
            # counted as errors)
            self.summary.setText(f"{report.summary(self.lang)} {tr('Enter or double-click goes to the object.')}")
            select_row(self.list_view, 0)
            self.list_view.setFocus()
        else:
            self.summary.setText(tr("No findings: every rule is met."))
            self.detail.clear()
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self.again_button):
            return
        self.again_button.setEnabled(True)
        self.summary.setText(tr("The check failed: {m}").format(m=exc))

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        f = self.model.record(current.row()) if current.isValid() else None
        self.detail.setText("" if f is None else f"{f.message(self.lang)}\n{tr('Source')}: {f.source_in(self.lang)}")

    def current(self) -> Finding | None:
        return current_record(self.list_view, self.model)

    def go(self) -> None:
        f = self.current()
        if f is not None:
            self.jump.emit(f)


def open_check(window: MainWindow) -> CheckView | None:
    """The check of the window's current project, its jumps going to the window."""
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    view = CheckView(str(window.session.store.path), window.tasks, proj, window.lang, window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.jump.connect(lambda f: go_to(window, proj, f))
    view.show()
    return view


def go_to(window: MainWindow, proj: Project, f: Finding) -> QWidget | None:
    """Select the finding's object in the main window; the widget given the focus."""
    store = window.session.store
    current = window.current_project()
    if current is None or current.id != proj.id:
        window.select_project_code(proj.code)
    borehole_id = _borehole_of(store, f)
    if borehole_id is not None:
        window.select_borehole_id(borehole_id)
    target = _field_widget(window, f)
    if target is None:
        window.tabs.setCurrentWidget(window.overview)
        target = _select_in_overview(window, f)
    window.raise_()
    window.activateWindow()
    if target is not None:
        target.setFocus()
    return target


def _borehole_of(store: Any, f: Finding) -> str | None:
    if f.object_kind == "borehole":
        return f.object_id
    if f.object_kind == "sample":
        rows = store.query("SELECT borehole_id FROM sample_part WHERE sample_id = ? ORDER BY borehole_id, upper_cm "
                           "LIMIT 1", (f.object_id,))
        return str(rows[0]["borehole_id"]) if rows else None
    if f.object_kind == "layer":
        rows = store.query("SELECT borehole_id FROM layer WHERE id = ?", (f.object_id,))
        return str(rows[0]["borehole_id"]) if rows else None
    return None


def _field_widget(window: MainWindow, f: Finding) -> QWidget | None:
    """The workbench field a finding names, its tab shown: a sample's sampling time (the sample
    reopened), a borehole's groundwater level or final depth. Depth and matrix of a saved sample
    are not edited on a form: those go to the sample in the overview."""
    if f.object_kind == "sample" and f.field == "sampled at":
        form = window.sample_form
        index = form.reopen_combo.findData(f.object_id)
        if index < 0:
            return None
        form.reopen_combo.setCurrentIndex(index)
        form.reopen()
        window.tabs.setCurrentWidget(form)
        return form.sampled_edit
    if f.object_kind in ("borehole", "layer") and f.field:
        for form in (window.layer_form, window.borehole_form):
            widget = form.errors.widget_for(f.field)
            if widget is not None and widget.isEnabled():
                window.tabs.setCurrentWidget(form)
                return widget
    return None


def _select_in_overview(window: MainWindow, f: Finding) -> QWidget | None:
    overview = window.overview
    if f.object_kind == "sample":
        for row, r in enumerate(overview.samples_model.records()):
            if r.sample.id == f.object_id:
                overview.select_sample(row)
                return overview.sample_view
    if f.object_kind in ("borehole", "layer"):
        return window.borehole_view
    return window.project_view
