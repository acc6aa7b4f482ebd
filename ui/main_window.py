"""The main window: projects, their boreholes, a borehole's layers and samples,
and a sample's containers, read from the store.

The window is handed a :class:`~fieldapp.session.Session`; it reads through the
core's domain functions and never writes from the GUI thread in the background.
Long work (creating the demo project) goes through :class:`ui.taskman.TaskManager`:
the worker opens its own connection on the same file, writes and closes it,
and the window refreshes from its own connection when the task is done.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp import demo
from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain import container as container_mod
from fieldapp.domain import layer as layer_mod
from fieldapp.domain import project as project_mod
from fieldapp.domain import sample as sample_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.container import Container
from fieldapp.domain.depth import format_m
from fieldapp.domain.layer import Layer
from fieldapp.domain.project import Project
from fieldapp.domain.sample import Sample
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from fieldapp.settings import Settings
from fieldapp.soil import parse_soil_code
from ui.taskman import TaskManager

T = TypeVar("T")

ProjectRole = Qt.ItemDataRole.UserRole + 1
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_DASH = "–"


# ---------------------------------------------------------------------------
# background work (plain functions, plain data: they run on a worker thread)
# ---------------------------------------------------------------------------
def write_demo_project(
    db_path: str,
    settings: Settings,
    boreholes: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> demo.DemoSummary:
    """Open a connection of our own on ``db_path``, write the demo project, close."""
    session = Session.open(db_path, settings=settings)
    try:
        return demo.create(session, boreholes=boreholes, seed=seed, progress=progress)
    finally:
        session.close()


# ---------------------------------------------------------------------------
# models
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    align: Qt.AlignmentFlag = _ALIGN_LEFT
    tooltip: Callable[[T], str] | None = None


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table of records (domain dataclasses), one per row."""

    def __init__(self, columns: Sequence[Column[T]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._cells: list[list[str]] = []

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self._cells = [[c.text(r) for c in self._columns] for r in self._rows]
        self.endResetModel()

    def records(self) -> list[T]:
        return list(self._rows)

    def record(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(self._rows[index.row()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self._columns[section].align)
        return None


class Words:
    """Code-list labels and soil descriptions in the user's language.

    A value that is not on its list (an old database, a hand edit) is shown as
    it is stored rather than hidden.
    """

    def __init__(self, session: Session) -> None:
        self._lists = session.lists
        self.lang: Any = "nl" if session.settings.language.lower().startswith("nl") else "en"

    def label(self, list_name: str, code: str | None) -> str:
        if not code:
            return ""
        try:
            return self._lists.label(list_name, code, self.lang)
        except FieldAppError:
            return code

    def soil(self, code: str) -> str:
        try:
            words = parse_soil_code(code, self._lists).describe(self.lang)
        except FieldAppError:
            return code
        return f"{code}  ({words})" if words else code

    def admixtures(self, layer: Layer) -> str:
        try:
            mixes = layer.admixture_list()
        except (ValueError, KeyError, TypeError):
            return layer.admixtures or ""
        return ", ".join(
            f"{self.label('anthropogenic_admixture', m.code)} "
            f"({self.label('anthropogenic_grade', m.grade)})"
            for m in mixes
        )


def _m(cm: int | None) -> str:
    return _DASH if cm is None else format_m(cm)


@dataclass(frozen=True)
class SampleRow:
    """A sample as the borehole's samples table shows it."""

    sample: Sample
    intervals: str
    containers: int


# ---------------------------------------------------------------------------
# the window
# ---------------------------------------------------------------------------
class MainWindow(QMainWindow):
    """Projects → boreholes → layers and samples → containers."""

    #: emitted after the demo project was written and the window reloaded
    demo_ready = Signal()
    #: emitted when writing the demo project failed (the message)
    demo_failed = Signal(str)

    def __init__(self, session: Session, tasks: TaskManager | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks if tasks is not None else TaskManager(self)
        self.words = Words(session)
        self._demo_task: int | None = None

        w = self.words
        self.projects_model = QStandardItemModel(self)
        self.boreholes_model: RecordTableModel[Borehole] = RecordTableModel([
            Column("Borehole", lambda b: b.code),
            Column("Status", lambda b: "measured" if b.measured else "planned"),
            Column("Depth (m)", lambda b: _m(b.final_depth_cm), _ALIGN_RIGHT),
            Column("Position class", lambda b: position_class_text(b.position_class),
                   tooltip=lambda b: b.position_class or "no measured position"),
        ], self)
        self.layers_model: RecordTableModel[Layer] = RecordTableModel([
            Column("From (m)", lambda x: format_m(x.upper_cm), _ALIGN_RIGHT),
            Column("To (m)", lambda x: format_m(x.lower_cm), _ALIGN_RIGHT),
            Column("Soil (NEN 5104)", lambda x: w.soil(x.soil_code)),
            Column("Colour", lambda x: w.label("colour", x.colour)),
            Column("Admixtures", w.admixtures),
        ], self)
        self.samples_model: RecordTableModel[SampleRow] = RecordTableModel([
            Column("Sample", lambda s: s.sample.code),
            Column("Depth (m)", lambda s: s.intervals, _ALIGN_RIGHT),
            Column("Containers", lambda s: str(s.containers), _ALIGN_RIGHT),
            Column("Analyses", lambda s: "; ".join(_analyses(s.sample)),
                   tooltip=lambda s: "\n".join(_analyses(s.sample))),
        ], self)
        self.containers_model: RecordTableModel[Container] = RecordTableModel([
            Column("Barcode", lambda c: c.barcode),
            Column("Type", lambda c: w.label("container_type", c.container_type)),
            Column("Material", lambda c: w.label("container_material", c.material)),
            Column("Volume", lambda c: _DASH if c.volume_ml is None else f"{c.volume_ml} ml",
                   _ALIGN_RIGHT),
        ], self)

        self._build()
        self.refresh()

    # layout -----------------------------------------------------------------
    def _build(self) -> None:
        self.project_view = QListView()
        self.project_view.setModel(self.projects_model)
        self.project_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.project_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.project_view.setWordWrap(True)
        self.project_view.setSpacing(2)
        self.project_view.setAlternatingRowColors(True)

        self.borehole_view = _table(self.boreholes_model)
        self.layer_view = _table(self.layers_model)
        self.sample_view = _table(self.samples_model)
        self.container_view = _table(self.containers_model)

        self.projects_title = _title("Projects")
        self.boreholes_title = _title("Boreholes")
        self.borehole_summary = QLabel()
        self.borehole_summary.setWordWrap(True)
        self.layers_title = _title("Layers")
        self.samples_title = _title("Samples")
        self.containers_title = _title("Containers")

        samples_and_containers = QSplitter(Qt.Orientation.Horizontal)
        samples_and_containers.addWidget(_panel(self.samples_title, self.sample_view))
        samples_and_containers.addWidget(_panel(self.containers_title, self.container_view))
        samples_and_containers.setStretchFactor(0, 1)
        samples_and_containers.setStretchFactor(1, 1)
        samples_and_containers.setSizes([420, 360])
        samples_and_containers.setChildrenCollapsible(False)

        detail = QSplitter(Qt.Orientation.Vertical)
        detail.addWidget(_panel(self.layers_title, self.borehole_summary, self.layer_view))
        detail.addWidget(samples_and_containers)
        detail.setStretchFactor(0, 3)
        detail.setStretchFactor(1, 2)

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(_panel(self.projects_title, self.project_view))
        main.addWidget(_panel(self.boreholes_title, self.borehole_view))
        main.addWidget(detail)
        main.setStretchFactor(0, 2)
        main.setStretchFactor(1, 3)
        main.setStretchFactor(2, 7)
        main.setSizes([180, 420, 800])
        main.setChildrenCollapsible(False)
        self.setCentralWidget(main)

        self.db_label = QLabel(f"Database: {self.session.store.path}")
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.setVisible(False)
        # permanent widgets stay visible while a message is shown
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.db_label)

        self.project_view.selectionModel().currentRowChanged.connect(self._project_changed)
        self.borehole_view.selectionModel().currentRowChanged.connect(self._borehole_changed)
        self.sample_view.selectionModel().currentRowChanged.connect(self._sample_changed)
        self.resize(1400, 860)
        self._update_title(None)

    # loading ----------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the projects from the store, keeping the selected project."""
        keep = self.current_project()
        projects = project_mod.all_projects(self.session.store)
        self.projects_model.clear()
        for p in projects:
            item = QStandardItem(f"{p.code}\n{p.name}")
            item.setData(p, ProjectRole)
            item.setToolTip("\n".join(filter(None, (p.name, p.client, p.site_address, p.standard))))
            self.projects_model.appendRow(item)
        self.projects_title.setText(f"Projects ({len(projects)})")
        self._show_project(None)
        if projects:
            row = next((i for i, p in enumerate(projects) if keep and p.id == keep.id), 0)
            self.select_project(row)
        elif self._demo_task is None:
            self.boreholes_title.setText("Boreholes: no projects in this database yet")

    def current_project(self) -> Project | None:
        index = self.project_view.currentIndex()
        if not index.isValid():
            return None
        value = index.data(ProjectRole)
        return value if isinstance(value, Project) else None

    def current_borehole(self) -> Borehole | None:
        return _current(self.borehole_view, self.boreholes_model)

    def current_sample(self) -> Sample | None:
        row = _current(self.sample_view, self.samples_model)
        return None if row is None else row.sample

    def select_project(self, row: int) -> None:
        _select(self.project_view, row)

    def select_borehole(self, row: int) -> None:
        _select(self.borehole_view, row)

    def select_sample(self, row: int) -> None:
        _select(self.sample_view, row)

    def _project_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(ProjectRole) if current.isValid() else None
        self._show_project(value if isinstance(value, Project) else None)

    def _show_project(self, proj: Project | None) -> None:
        self._update_title(proj)
        boreholes = [] if proj is None else borehole_mod.of_project(self.session.store, proj.id)
        self.boreholes_model.set_records(boreholes)
        if proj is None:
            self.boreholes_title.setText("Boreholes")
        else:
            measured = sum(b.measured for b in boreholes)
            self.boreholes_title.setText(
                f"Boreholes of {proj.code} ({len(boreholes)}, {measured} measured)")
        _fit(self.borehole_view)
        self._show_borehole(None)

    def _borehole_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row() if current.isValid() else None
        self._show_borehole(None if row is None else self.boreholes_model.record(row))

    def _show_borehole(self, bh: Borehole | None) -> None:
        store = self.session.store
        if bh is None:
            self.layers_model.set_records([])
            self.samples_model.set_records([])
            self.layers_title.setText("Layers")
            self.samples_title.setText("Samples")
            self.borehole_summary.setText("Select a borehole to see its layers and samples.")
        else:
            layers = layer_mod.of_borehole(store, bh.id)
            self.layers_model.set_records(layers)
            self.samples_model.set_records([self._sample_row(s, bh.id)
                                            for s in sample_mod.of_borehole(store, bh.id)])
            self.layers_title.setText(f"Layers of {bh.code} ({len(layers)})")
            self.samples_title.setText(f"Samples from {bh.code} ({self.samples_model.rowCount()})")
            self.borehole_summary.setText(self._borehole_text(bh))
        _fit(self.layer_view)
        _fit(self.sample_view)
        self._show_sample(None)

    def _sample_row(self, s: Sample, borehole_id: str) -> SampleRow:
        store = self.session.store
        parts = [p for p in sample_mod.parts_of(store, s.id) if p.borehole_id == borehole_id]
        intervals = ", ".join(f"{format_m(p.upper_cm)}–{format_m(p.lower_cm)}" for p in parts)
        return SampleRow(s, intervals, len(container_mod.of_sample(store, s.id)))

    def _borehole_text(self, bh: Borehole) -> str:
        bits = [f"<b>{bh.code}</b>"]
        if bh.measured:
            fix = f" ({bh.fix_type.upper()})" if bh.fix_type else ""
            bits.append(f"measured {bh.lat:.6f} N, {bh.lon:.6f} E{fix}")
        else:
            bits.append("position not yet measured")
        bits.append(f"final depth {_m(bh.final_depth_cm)} m")
        bits.append(f"groundwater {_m(bh.groundwater_cm)} m" if bh.groundwater_cm is not None
                    else "no groundwater recorded")
        if bh.apparatus:
            bits.append(bh.apparatus)
        if bh.started_at:
            bits.append(bh.started_at.replace("T", " ")[:16])
        if bh.sampler:
            bits.append(bh.sampler)
        return " · ".join(bits)

    def _sample_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.samples_model.record(current.row()) if current.isValid() else None
        self._show_sample(None if row is None else row.sample)

    def _show_sample(self, s: Sample | None) -> None:
        containers = [] if s is None else container_mod.of_sample(self.session.store, s.id)
        self.containers_model.set_records(containers)
        self.containers_title.setText(
            "Containers" if s is None else f"Containers of {s.code} ({len(containers)})")
        _fit(self.container_view)

    def _update_title(self, proj: Project | None) -> None:
        if proj is None:
            self.setWindowTitle(f"FieldApp — {Path(self.session.store.path).name}")
        else:
            self.setWindowTitle(f"FieldApp — {proj.code} {proj.name}")

    # demo data ----------------------------------------------------------------
    @property
    def creating_demo(self) -> bool:
        return self._demo_task is not None

    def create_demo_project(self, *, boreholes: int = 12, seed: int = 1) -> None:
        """Write the demo project on a worker, with progress in the status bar."""
        if self._demo_task is not None:
            return
        self.progress_bar.setRange(0, boreholes)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("Demo project: %v of %m boreholes")
        self.progress_bar.setVisible(True)
        self.boreholes_title.setText("Boreholes: creating the demo project…")
        self.statusBar().showMessage("Creating the demo project…")
        self._demo_task = self.tasks.run(
            write_demo_project,
            str(self.session.store.path),
            replace(self.session.settings),
            boreholes,
            seed,
            on_progress=self._demo_progress,
            on_done=self._demo_done,
            on_error=self._demo_error,
        )

    def _demo_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)

    def _demo_done(self, summary: object) -> None:
        self._demo_task = None
        self.progress_bar.setVisible(False)
        if isinstance(summary, demo.DemoSummary):
            self.statusBar().showMessage(
                f"Demo project {summary.project_code} created: {summary.boreholes} boreholes, "
                f"{summary.samples} samples, {summary.containers} containers.", 10_000)
        self.refresh()
        self.demo_ready.emit()

    def _demo_error(self, exc: BaseException) -> None:
        self._demo_task = None
        self.progress_bar.setVisible(False)
        self.statusBar().clearMessage()
        self.refresh()
        message = f"The demo project could not be created: {exc}"
        self.demo_failed.emit(message)
        box = QMessageBox(QMessageBox.Icon.Warning, "FieldApp", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): no nested event loop


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------
def _analyses(s: Sample) -> list[str]:
    try:
        value = json.loads(s.analyses or "[]")
    except ValueError:
        return [s.analyses or ""]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def _panel(*widgets: QWidget) -> QWidget:
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.setSpacing(4)
    for w in widgets:
        layout.addWidget(w)
    return panel


def _table(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    font = header.font()
    font.setBold(True)
    header.setFont(font)
    return view


def _fit(view: QTableView) -> None:
    """Columns as wide as their contents; the last one takes the rest (elided, no scrolling)."""
    header = view.horizontalHeader()
    last = header.count() - 1
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)


def position_class_text(code: str | None) -> str:
    """A BRO positioning class for reading: ``DGPS50tot200cm`` -> ``DGPS 50–200 cm``."""
    if not code:
        return _DASH
    match = re.fullmatch(r"([A-Za-z]+)(\d+)tot(\d+)cm", code)
    return f"{match[1]} {match[2]}–{match[3]} cm" if match else code


def _select(view: QListView | QTableView, row: int) -> None:
    model = view.model()
    index = model.index(row, 0)
    if not index.isValid():
        return
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)


def _current(view: QTableView, model: RecordTableModel[T]) -> T | None:
    index = view.currentIndex()
    return model.record(index.row()) if index.isValid() else None
