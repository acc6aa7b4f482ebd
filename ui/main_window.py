"""The main window: the sampler's workbench.

Left: projects and the project's boreholes (planned and measured). Right,
in tabs: an overview of the borehole (layers, samples, containers), the
borehole form with the live GNSS position and averaging, layer logging, and
samples with their containers. The GNSS indicator sits in the status bar and
is always visible. Every form writes through the core at once (one action
per save); undo and redo are in the toolbar.

The window is handed a :class:`~fieldapp.session.Session` and, optionally, a
running :class:`~ui.gnss_bridge.GnssBridge`. Long work goes through the
:class:`~ui.taskman.TaskManager`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QListView,
    QMainWindow,
    QSplitter,
    QWidget,
)

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain import project as project_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.project import Project
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.background import write_demo_project
from ui.borehole_list import BoreholeSearch
from ui.collector import freeze_survivors
from ui.form_loads import LoadsWhenShown
from ui.gnss_bridge import GnssBridge
from ui.gnss_indicator import GnssIndicator
from ui.i18n import grouped, language, tr
from ui.lazy_boreholes import BoreholeListModel, read_facts_ahead
from ui.models import (
    ALIGN_RIGHT,
    Column,
    Words,
    current_record,
    fit,
    metres,
    panel,
    position_class_text,
    select_row,
    table,
    title_label,
)
from ui.screen import MIN_WINDOW, FormTabs, fit_to_screen
from ui.status_bar import StatusBar
from ui.taskman import TaskManager
from ui.undo import Undo
from ui.unsaved import GuardsTypedInput
from ui.window_actions import WindowActions, build_menus
from ui.window_services import WindowServices
from ui.workbench_parts import WorkbenchParts

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QCloseEvent, QShowEvent

    from fieldapp.domain.sample import Sample
    from ui.overview import Overview
    from ui.sync_status import SyncPanel
    from ui.workbench_parts import _Forms

#: how long after the window is first shown the workbench forms are built (ms)
FORMS_AFTER_MS = 30

ProjectRole = Qt.ItemDataRole.UserRole + 1
__all__ = ["MainWindow", "ProjectRole", "position_class_text", "write_demo_project"]


class MainWindow(GuardsTypedInput, WorkbenchParts, WindowActions, WindowServices, QMainWindow):
    """Projects → boreholes → the workbench tabs."""

    #: emitted after the demo project was written and the window reloaded
    demo_ready = Signal()
    #: emitted when writing the demo project failed (the message)
    demo_failed = Signal(str)

    def __init__(self, session: Session, tasks: TaskManager | None = None,
                 parent: QWidget | None = None, *, bridge: GnssBridge | None = None) -> None:
        super().__init__(parent)
        self.status = StatusBar(session.store.path, self)
        self.setStatusBar(self.status)
        self.db_label, self.progress_bar = self.status.db_label, self.status.progress_bar
        self.session = session
        self.tasks = tasks if tasks is not None else TaskManager(self)
        self.bridge = bridge if bridge is not None else GnssBridge(self)
        self.lang = language(session.settings)
        self.words = Words(session)
        self._demo_task: int | None = None
        self._gnss_demo = False
        self._pending_borehole: str | None = None
        self._shown_project: Project | None = None
        self._shown_borehole: Borehole | None = None
        self.undo = Undo(session, self, self._undo_failed, self._after_undo)
        self.undo.before_removing = self.ask_before_removing

        self.projects_model = QStandardItemModel(self)
        # read a page at a time as the list shows it, sorted and searched in SQL (ui/lazy_boreholes.py)
        self.boreholes_model = BoreholeListModel([
            Column(tr("Borehole"), lambda b: b.code),
            Column(tr("Status"), lambda b: tr("measured") if b.measured else tr("planned")),
            Column(tr("Depth (m)"), lambda b: metres(b.final_depth_cm), ALIGN_RIGHT),
            Column(tr("Position class"), lambda b: position_class_text(b.position_class),
                   tooltip=lambda b: b.position_class or tr("no measured position")),
        ], self)
        self._overview: Overview | None = None
        self._forms: _Forms | None = None
        self._shown_once = False
        self._sync: SyncPanel | None = None
        self._build()
        self._loads = LoadsWhenShown(self.tabs)
        self.refresh()
        # The overview, the forms (and the GNSS and coordinate libraries they need) and the
        # sync panel are built just after the window is first shown, or at once when
        # something asks for them. The timer starts at the first show (showEvent), not here:
        # on a busy machine building the window can take longer than the timer, and the forms
        # would then be built before the window is ever painted.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(FORMS_AFTER_MS)
        self._later.timeout.connect(self._deferred)
        self._gnss_wanted: bool | None = None
        # a language change reaches every widget, twice (old translator out, new one in): handled once
        self._retranslating = QTimer(self)
        self._retranslating.setSingleShot(True)
        self._retranslating.setInterval(0)
        self._retranslating.timeout.connect(self._language_changed)

    def _deferred(self) -> None:
        try:
            self.session.store.conn.execute("SELECT 1")
        except sqlite3.ProgrammingError:
            return  # the session was closed before the window was ever used
        _ = self.overview  # the tab in view first
        self._ensure_forms()
        _ = self.sync
        read_facts_ahead(self.boreholes_model, self.tasks, self.session.store.path)
        if self._gnss_wanted is not None:
            self.start_gnss(demo=self._gnss_wanted)
        freeze_survivors()  # the window is complete: what it is made of is never collected again

    def _tab_changed(self, index: int) -> None:
        if index == 0:
            _ = self.overview
        self._ensure_forms()
        self._loads.shown()

    # layout -----------------------------------------------------------------
    def _build(self) -> None:
        self.project_view = QListView()
        self.project_view.setModel(self.projects_model)
        self.project_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.project_view.setWordWrap(True)
        self.project_view.setSpacing(2)
        self.project_view.setAlternatingRowColors(True)
        self.project_view.setUniformItemSizes(True)
        self.borehole_view = table(self.boreholes_model)
        # the columns fit the first screenful of codes: measuring more would read pages nobody sees yet
        self.borehole_view.horizontalHeader().setResizeContentsPrecision(40)
        self.projects_title = title_label(tr("Projects"))
        self.boreholes_title = title_label(tr("Boreholes"))
        self.boreholes_title.setWordWrap(True)
        self.borehole_search = BoreholeSearch(self.boreholes_model, self.borehole_view, self)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(panel(self.projects_title, self.project_view))
        left.addWidget(panel(self.boreholes_title, self.borehole_search, self.borehole_view))
        left.setStretchFactor(0, 1)
        left.setStretchFactor(1, 3)
        left.setChildrenCollapsible(False)

        self.tabs = FormTabs()
        for title in (tr("Overview"), tr("Position"), tr("Layers"), tr("Samples")):
            self.tabs.addTab(QWidget(), title)  # replaced by the overview and the forms once they are built
        self.tabs.currentChanged.connect(self._tab_changed)

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(left)
        main.addWidget(self.tabs)
        main.setStretchFactor(0, 2)
        main.setStretchFactor(1, 5)
        main.setSizes([400, 966])  # the forms first on a 1366 px screen; the splitter moves
        main.setChildrenCollapsible(False)
        self.setCentralWidget(main)

        self.indicator = GnssIndicator(self.bridge, self.session.settings.theme)
        self._build_toolbar()
        # the sync panel (self.sync) joins the status bar just after the first show

        self.project_view.selectionModel().currentRowChanged.connect(self._project_changed)
        self.borehole_view.selectionModel().currentRowChanged.connect(self._borehole_changed)
        fit_to_screen(self, 1400, 860, minimum=MIN_WINDOW)
        self._update_title(None)

    def _build_toolbar(self) -> None:
        """The menu bar and toolbar (ui/window_actions.py); the GNSS indicator at the menu bar's right.

        The indicator changes width with its texts; beside the menus it moves no button.
        """
        build_menus(self)
        self.undo.name_steps(self.undo_action, self.redo_action)
        self.menuBar().setCornerWidget(self.indicator, Qt.Corner.TopRightCorner)

    # loading ----------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the projects from the store, keeping the selected project."""
        keep = self.current_project()
        projects = project_mod.all_projects(self.session.store)
        # the project is shown once, when selected below: not also for the clear and for none in between
        blocked = (selection := self.project_view.selectionModel()).blockSignals(True)
        try:
            self.projects_model.clear()
            for p in projects:
                item = QStandardItem(f"{p.code}\n{p.name}")
                item.setData(p, ProjectRole)
                item.setToolTip("\n".join(filter(None, (p.name, p.client, p.site_address, p.standard))))
                self.projects_model.appendRow(item)
        finally:
            selection.blockSignals(blocked)
        self.projects_title.setText(tr("Projects ({n})").format(n=len(projects)))
        if projects:
            row = next((i for i, p in enumerate(projects) if keep and p.id == keep.id), 0)
            if keep is not None and projects[row].id == keep.id:
                # the project in view read again (a sync pulled changes, an import): its borehole stays
                # selected and the forms keep what is typed in them (a layer half typed was emptied)
                blocked = selection.blockSignals(True)
                try:
                    self.select_project(row)
                finally:
                    selection.blockSignals(blocked)
                self._show_project(projects[row], keep_borehole=True)
            else:
                self.select_project(row)  # the clear left no current row: this shows the project
        else:
            self._show_project(None)
            if self._demo_task is None:
                self.boreholes_title.setText(tr("Boreholes: no projects in this database yet"))

    def current_project(self) -> Project | None:
        index = self.project_view.currentIndex()
        if not index.isValid():
            return None
        value = index.data(ProjectRole)
        return value if isinstance(value, Project) else None

    def current_borehole(self) -> Borehole | None:
        return current_record(self.borehole_view, self.boreholes_model)

    def current_sample(self) -> Sample | None:
        return self.overview.current_sample()

    def select_project(self, row: int) -> None:
        select_row(self.project_view, row)

    def select_project_code(self, code: str) -> None:
        for row in range(self.projects_model.rowCount()):
            p = self.projects_model.item(row).data(ProjectRole)
            if isinstance(p, Project) and p.code == code:
                self.select_project(row)

    def select_borehole(self, row: int) -> None:
        select_row(self.borehole_view, row)

    def select_borehole_id(self, borehole_id: str) -> None:
        if self.loading:
            self._pending_borehole = borehole_id
            return
        row = self.boreholes_model.row_of(borehole_id)
        if row is not None:
            self.select_borehole(row)
            return
        if self.borehole_search.reveal(borehole_id):  # the search hid it: every borehole is shown again
            self.select_borehole_id(borehole_id)

    def select_sample(self, row: int) -> None:
        self.overview.select_sample(row)

    def _project_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(ProjectRole) if current.isValid() else None
        proj = value if isinstance(value, Project) else None
        row = current.row()
        if self.leave_forms(lambda: self._select_quietly(self.project_view, row, self._show_project, proj)):
            self._show_project(proj)
            return
        shown = self._shown_project  # asked about the typed input: the project being edited stays selected
        rows = range(self.projects_model.rowCount())
        self._select_quietly(self.project_view, next((row for row in rows if shown is not None and getattr(
            self.projects_model.item(row).data(ProjectRole), "id", None) == shown.id), None))

    def _select_quietly(self, view: QAbstractItemView, row: int | None,
                        then: Callable[[Any], None] | None = None, record: object = None) -> None:
        """Select ``row`` (None: no row) without the selection's signals; then ``then(record)``."""
        blocked = (selection := view.selectionModel()).blockSignals(True)
        try:
            if row is None or row < 0:
                selection.clearCurrentIndex()
            else:
                select_row(view, row)  # type: ignore[arg-type]
        finally:
            selection.blockSignals(blocked)
        view.viewport().update()
        if then is not None:
            then(record)

    def _show_project(self, proj: Project | None, *, keep_borehole: bool = False) -> None:
        """Show a project's boreholes: their count now, each page of rows when the list shows it;
        ``keep_borehole``: the borehole shown stays, its forms as they are (it is read again)."""
        kept = self._shown_borehole if keep_borehole else None
        self._update_title(proj)
        self.boreholes_model.show_project(self.session.store, None if proj is None else proj.id)
        if self._shown_once:  # the first project's: after the first paint (self._deferred)
            read_facts_ahead(self.boreholes_model, self.tasks, self.session.store.path)
        if proj is None:
            self.boreholes_title.setText(tr("Boreholes"))
        else:
            n, measured = self.boreholes_model.total()
            self.boreholes_title.setText(tr("Boreholes of {p} ({n}, {m} measured)").format(
                p=proj.code, n=grouped(n), m=grouped(measured)))
        fit(self.borehole_view)  # measures the first rows shown: reads the first page only
        self._shown_project = proj
        if proj is None or kept is None or not self._keep_borehole(proj, kept):
            if (forms := self._forms) is not None:
                self._loads.load(forms.borehole, lambda: forms.borehole.load(proj, None))
            self._show_borehole(None)
        pending, self._pending_borehole = self._pending_borehole, None
        if pending is not None:
            self.select_borehole_id(pending)

    @property
    def loading(self) -> bool:
        """Whether the boreholes are still being read: never now, the list reads what it shows."""
        return False

    def _borehole_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else None
        bh = None if row is None else self.boreholes_model.record(row)
        if bh is not None and bh == self._shown_borehole:
            return  # the same borehole selected again (after a search): its forms keep what is typed in them
        if self.leave_forms(lambda: self._go_to_borehole(bh)):
            self._show_borehole(bh)
            return
        shown = self._shown_borehole  # asked about the typed input: the borehole being edited stays selected
        self._select_quietly(self.borehole_view, None if shown is None else self.boreholes_model.row_of(shown.id))

    def _go_to_borehole(self, bh: Borehole | None) -> None:
        """``bh`` selected and shown, as read now (the typed input was saved or dropped)."""
        row = None if bh is None else self.boreholes_model.row_of(bh.id)
        self._select_quietly(self.borehole_view, row, self._show_borehole,
                             None if row is None else self.boreholes_model.record(row))

    def _show_borehole(self, bh: Borehole | None) -> None:
        self._shown_borehole = bh
        if self._overview is not None:  # once built, it shows the current borehole itself
            self._overview.show_borehole(bh)
        if self._forms is not None:
            self._load_forms(bh)

    def _load_forms(self, bh: Borehole | None) -> None:
        forms, proj = self._forms, self._shown_project
        assert forms is not None
        self._loads.load(forms.layer, lambda: forms.layer.load(bh))
        if bh is not None and not bh.measured:
            self._loads.load(forms.borehole, lambda: forms.borehole.load(proj, bh))
        self._loads.load(forms.sample, lambda: forms.sample.load(proj, bh))
        self._loads.load(forms.well, lambda: forms.well.load(bh))

    def _reload_current_borehole(self) -> None:
        if (bh := self.current_borehole()) is None:
            return
        fresh = borehole_mod.get(self.session.store, bh.id)
        self.boreholes_model.replace(fresh, lambda a, b: a.id == b.id)  # a new final depth shows at once
        if self._overview is not None:
            self._overview.show_borehole(fresh)

    def _borehole_saved(self, bh: Borehole) -> None:
        proj = self.current_project()
        if not self.leave_forms(lambda: self._borehole_saved(bh)):
            # asked about what is typed for the borehole being logged: it stays selected with its forms
            # until the answer; the new borehole is listed already
            self._show_project(proj, keep_borehole=True)
            return
        self._show_project(proj)
        self.select_borehole_id(bh.id)
        self.tabs.setCurrentWidget(self.layer_form)
        self.layer_form.lower_edit.setFocus()

    def _update_title(self, proj: Project | None) -> None:
        if proj is None:
            self.setWindowTitle(f"FieldApp — {Path(self.session.store.path).name}")
        else:
            self.setWindowTitle(f"FieldApp — {proj.code} {proj.name}")

    def _undo_failed(self, exc: FieldAppError) -> None:
        from ui.undo import show_failure  # only when something went wrong

        # in full (a status line clips it), over the window the step was undone from (e.g. the shipments)
        active = QApplication.activeWindow()
        show_failure(active if active is not None else self, exc)

    def _after_undo(self) -> None:
        bh = self.current_borehole()
        proj = self.current_project()

        def read_again() -> None:
            self._show_project(proj)
            if bh is not None:
                self.select_borehole_id(bh.id)

        self.keeping_typed(read_again)  # what is typed in the forms stays (ui/unsaved.py)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._later.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.leave_forms(self.close):  # typed input: asked first, the window closes after the answer
            event.ignore()
            return
        self.bridge.stop()
        super().closeEvent(event)
