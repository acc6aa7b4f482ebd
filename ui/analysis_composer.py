"""The analysis-sample composer: the projectleider makes mengmonsters from field samples.

Left, the project's analysis samples (MM1, MM2, ...); right, the one being
made or changed: its code, package and remarks, and the project's field
samples in a table, filtered by matrix, borehole and depth, each ticked
(Space) to make it a part. Both tables read a page at a time as they are
scrolled, filtered in SQL (fieldapp/domain/sample_page.py): a project of
50,000 boreholes opens as fast as one of ten. Below the table, the jars the lab combines. The
site map is a PDF export only (fieldapp/export/sitemap.py), so field samples
are picked in the table. Every step goes through the core
(fieldapp/domain/analysis_sample.py), which checks the rules before it
writes; a broken rule is shown beside its field in the user's language.
Saving, removing and their undo share the main window's undo stack.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import analysis_package, sample_page
from fieldapp.domain import analysis_sample as mm
from fieldapp.domain.depth import to_cm
from fieldapp.domain.project import Project
from fieldapp.errors import FieldAppError, ValidationError
from fieldapp.rules import RuleError
from fieldapp.session import Session
from ui.fetched_model import FetchedTableModel
from ui.field_errors import ErrorLabel, FieldErrors
from ui.forms import add_row
from ui.i18n import shown, tr
from ui.models import ALIGN_RIGHT, Column, fit, metres, select_row, table, title_label
from ui.undo import Undo

_CHECK = int(Qt.ItemDataRole.CheckStateRole.value)


class PartsModel(FetchedTableModel[sample_page.Candidate]):
    """The field samples of the project, read as scrolled to; the first column ticks a part."""

    def __init__(self, columns: list[Column[sample_page.Candidate]], parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.ticked: list[str] = []  # field sample ids, in the order they were ticked

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _CHECK and index.isValid() and index.column() == 0:
            on = self.rows[index.row()].field_sample_id in self.ticked
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != _CHECK or not index.isValid():
            return False
        self.toggle(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def toggle(self, row: int, on: bool | None = None) -> None:
        sample_id = self.rows[row].field_sample_id
        now = sample_id in self.ticked if on is None else not on
        if now:
            self.ticked.remove(sample_id)
        else:
            self.ticked.append(sample_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0), [_CHECK])

    def tick(self, ids: list[str]) -> None:
        self.ticked = list(ids)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0), [_CHECK])


class AnalysisComposer(QWidget):
    """A project's analysis samples; a window of its own beside the workbench."""

    changed = Signal()

    def __init__(self, session: Session, undo: Undo, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.undo = undo
        self.project = project
        self.current: mm.AnalysisSample | None = None
        self.setWindowTitle(tr("Analysis samples of {p}").format(p=project.code))

        self.list_model: FetchedTableModel[sample_page.Head] = FetchedTableModel([
            Column(tr("Code"), lambda a: a.code),
            Column(tr("Parts"), lambda a: str(a.parts), ALIGN_RIGHT),
            Column(tr("Package"), _package_name),
        ], self)
        self.list_view = table(self.list_model)
        self.new_button = QPushButton(tr("New analysis sample"))
        self.delete_button = QPushButton(tr("Remove"))

        self.code_edit = QLineEdit()
        self.package_combo = QComboBox()
        self.package_combo.addItem(tr("(choose a package)"), None)
        for package in analysis_package.load():
            matrices = ", ".join(session.lists.label("matrix", m, shown()) for m in package.matrices)
            self.package_combo.addItem(f"{package.label(shown())} ({matrices})", package.code)
        self.remarks_edit = QLineEdit()
        self.matrix_filter = QComboBox()
        self.matrix_filter.addItem(tr("all matrices"), None)
        self.borehole_filter = QLineEdit()
        self.borehole_filter.setPlaceholderText(tr("e.g. B01 B02"))
        self.depth_from = QLineEdit()
        self.depth_to = QLineEdit()
        for edit in (self.depth_from, self.depth_to):
            edit.setPlaceholderText(tr("m"))
            edit.setMaximumWidth(70)
        self.parts_model = PartsModel([
            Column(tr("Part"), lambda m: m.code),
            Column(tr("Borehole"), lambda m: m.borehole_code or ""),
            Column(tr("From (m)"), lambda m: metres(m.upper_cm), ALIGN_RIGHT),
            Column(tr("To (m)"), lambda m: metres(m.lower_cm), ALIGN_RIGHT),
            Column(tr("Matrix"), lambda m: m.matrix),
            Column(tr("Jars"), lambda m: str(m.jars), ALIGN_RIGHT),
            Column(tr("In analysis sample"), lambda m: ", ".join(m.in_analysis)),
        ], self)
        self.parts_view: QTableView = table(self.parts_model)
        for view in (self.list_view, self.parts_view):  # columns fit the first screenful, not every page read
            view.horizontalHeader().setResizeContentsPrecision(40)
        self.jars_label = QLabel()
        self.jars_label.setWordWrap(True)
        self.save_button = QPushButton(tr("Save analysis sample"))
        self.errors = FieldErrors(ErrorLabel())

        form = QGridLayout()
        add_row(form, tr("Code"), self.code_edit, self.errors, "code")
        add_row(form, tr("Package"), self.package_combo, self.errors, "package")
        add_row(form, tr("Remarks"), self.remarks_edit, self.errors, "remarks")
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Show")))
        filters.addWidget(self.matrix_filter)
        filters.addWidget(QLabel(tr("Boreholes")))
        filters.addWidget(self.borehole_filter, 1)
        filters.addWidget(QLabel(tr("Depth from")))
        filters.addWidget(self.depth_from)
        filters.addWidget(QLabel(tr("to")))
        filters.addWidget(self.depth_to)
        parts_error = self.errors.register(self.parts_view, "parts")

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.addWidget(title_label(tr("Analysis samples")))
        left_box.addWidget(self.list_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left_box.addLayout(buttons)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addLayout(form)
        right_box.addWidget(title_label(tr("Field samples (Space ticks a part)")))
        right_box.addLayout(filters)
        right_box.addWidget(self.parts_view, 1)
        right_box.addWidget(parts_error)
        right_box.addWidget(self.jars_label)
        right_box.addWidget(self.errors._general)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right_box.addLayout(save_row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([380, 780])
        split.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(split)
        self.resize(1180, 640)  # inside a 1366 x 768 screen with the task bar

        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.remove)
        self.save_button.clicked.connect(self.save)
        self.code_edit.returnPressed.connect(self.save)
        self.remarks_edit.returnPressed.connect(self.save)
        self.list_view.selectionModel().currentRowChanged.connect(self._picked)
        self.parts_model.dataChanged.connect(lambda *_a: self._show_jars())
        for edit in (self.borehole_filter, self.depth_from, self.depth_to):
            edit.textChanged.connect(self.apply_filter)
        self.matrix_filter.currentIndexChanged.connect(self.apply_filter)
        self.parts_view.installEventFilter(self)
        self.undo.stack.indexChanged.connect(self._stack_moved)
        for keys, step in ((QKeySequence.StandardKey.Undo, self.undo.undo),
                           (QKeySequence.StandardKey.Redo, self.undo.redo),
                           (QKeySequence.StandardKey.Save, self.save),
                           (QKeySequence.StandardKey.New, self.new)):
            QShortcut(QKeySequence(keys), self, activated=step)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list_view, activated=self.remove)
        # the filter offers the code list's matrices: which ones a project's 150,000 field samples have
        # is a read of every one of them (~0.4 s at 50,000 boreholes)
        for entry in session.lists.entries("matrix"):
            self.matrix_filter.addItem(entry.label(shown()), entry.code)
        self.refresh()
        self.new()

    # loading ------------------------------------------------------------------
    def refresh(self, keep: str | None = None) -> None:
        """Read both tables afresh (their first pages); ``keep``: the analysis sample to show again."""
        store, project_id = self.session.store, self.project.id
        self.list_model.show(lambda after, n: sample_page.heads(
            store, project_id, None if after is None else after.code, n))
        fit(self.list_view)
        self.apply_filter()
        row = self.list_model.fetch_until(lambda a: a.id == keep) if keep else None
        if row is not None:
            select_row(self.list_view, row)
            self.load(self.list_model.record(row))

    def part_filter(self) -> sample_page.PartFilter:
        holes = tuple(w.casefold() for w in self.borehole_filter.text().replace(",", " ").split())
        return sample_page.PartFilter(self.matrix_filter.currentData(), holes, self._depth(self.depth_from),
                                      self._depth(self.depth_to))

    def apply_filter(self) -> None:
        store, project_id, where = self.session.store, self.project.id, self.part_filter()
        self.parts_model.show(lambda after, n: sample_page.candidates(
            store, project_id, where, None if after is None else after.borehole_code, n))
        fit(self.parts_view)
        self._show_jars()

    @staticmethod
    def _depth(edit: QLineEdit) -> int | None:
        try:
            return to_cm(edit.text(), "depth") if edit.text().strip() else None
        except ValidationError:
            return None  # half-typed: the filter waits for a depth

    def new(self) -> None:
        self.current = None
        self.list_view.clearSelection()
        self.code_edit.setText(mm.next_code(self.session.store, self.project.id))
        self.package_combo.setCurrentIndex(0)
        self.remarks_edit.clear()
        self.parts_model.tick([])
        self.errors.clear()
        self._show_jars()
        self.parts_view.setFocus()

    def load(self, head: mm.AnalysisSample) -> None:
        self.current = head
        self.code_edit.setText(head.code)
        self.package_combo.setCurrentIndex(max(0, self.package_combo.findData(head.analysis_package)))
        self.remarks_edit.setText(head.remarks or "")
        self.parts_model.tick([m.field_sample_id for m in mm.members(self.session.store, head.id)])
        self.errors.clear()
        self._show_jars()

    def _picked(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.load(self.list_model.record(current.row()))

    def _show_jars(self) -> None:
        ticked = list(self.parts_model.ticked)  # wherever they are in the list, read or not
        by_id = sample_page.candidates_by_id(self.session.store, ticked)
        own = [self.current.id] if self.current is not None else []
        jar_codes = sample_page.jar_codes(self.session.store, ticked + own)
        parts = []
        for sample_id in ticked:
            member = by_id.get(sample_id)
            if member is None:
                continue
            jars = ", ".join(jar_codes.get(sample_id, [])) or tr("no jar")
            parts.append(f"{member.code} ({member.borehole_code or '?'}): {jars}")
        if own and jar_codes.get(own[0]):
            parts.append(tr("its own jars: {j}").format(j=", ".join(jar_codes[own[0]])))
        self.jars_label.setText(tr("The lab combines: {jars}").format(jars="; ".join(parts)) if parts
                                else tr("Tick the field samples this analysis sample is made of."))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Space ticks the current row, Enter saves: the whole composition by keyboard
        if watched is self.parts_view and event.type() == event.Type.KeyPress:
            index = self.parts_view.currentIndex()
            if event.key() == Qt.Key.Key_Space and index.isValid():
                self.parts_model.toggle(index.row())
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.save()
                return True
        return bool(super().eventFilter(watched, event))

    def _stack_moved(self, _index: int) -> None:
        if self.isVisible() and shiboken6.isValid(self.undo.stack) and self.undo.stack.count():
            self.refresh(keep=self.current.id if self.current else None)

    # steps ----------------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        return {"code": self.code_edit.text(), "field_sample_ids": list(self.parts_model.ticked),
                "package": self.package_combo.currentData(), "remarks": self.remarks_edit.text()}

    def show_error(self, exc: FieldAppError) -> None:
        if isinstance(exc, RuleError):  # the rule's own text, in the language shown
            exc = ValidationError(exc.field, exc.message_in(shown()))
        self.errors.show(exc)

    def save(self) -> mm.AnalysisSample | None:
        fields = self.fields()
        before = self.current
        old = steps_fields(self.session, before) if before is not None else {}
        try:
            if before is None:
                made = mm.create(self.session, self.project.id, **fields)
            else:
                made = mm.update(self.session, before.id, **fields)
        except FieldAppError as exc:
            self.show_error(exc)
            return None
        self.errors.clear()
        if before is None:
            composed(self.undo, made, fields)
        else:
            recomposed(self.undo, made, old, fields)
        self.refresh(keep=made.id)
        self.changed.emit()
        return made

    def remove(self) -> bool:
        head = self.current
        if head is None:
            return False
        fields = steps_fields(self.session, head)
        try:
            mm.delete(self.session, head.id)
        except FieldAppError as exc:
            self.show_error(exc)
            return False
        removed(self.undo, head, fields)
        self.refresh()
        self.new()
        self.changed.emit()
        return True


# undo steps: each redo and undo is one core action (ui/undo.py) -----------------------

def steps_fields(session: Session, head: mm.AnalysisSample) -> dict[str, Any]:
    return {"code": head.code, "package": head.analysis_package, "remarks": head.remarks or "",
            "field_sample_ids": [m.field_sample_id for m in mm.members(session.store, head.id)]}


def composed(undo: Undo, head: mm.AnalysisSample, fields: dict[str, Any]) -> None:
    s, now = undo.session, undo.now

    def redo() -> None:
        undo.rewritten(head.id, mm.create(s, head.project_id, **_members_now(undo, fields)).id)

    undo.push(tr("compose analysis sample {c}").format(c=head.code), redo, lambda: mm.delete(s, now(head.id)))


def recomposed(undo: Undo, head: mm.AnalysisSample, before: dict[str, Any], after: dict[str, Any]) -> None:
    s, now = undo.session, undo.now
    undo.push(tr("change analysis sample {c}").format(c=head.code),
              lambda: _void(mm.update(s, now(head.id), **_members_now(undo, after))),
              lambda: _void(mm.update(s, now(head.id), **_members_now(undo, before))))


def removed(undo: Undo, head: mm.AnalysisSample, fields: dict[str, Any]) -> None:
    s, now = undo.session, undo.now

    def again() -> None:
        undo.rewritten(head.id, mm.create(s, head.project_id, **_members_now(undo, fields)).id)

    undo.push(tr("remove analysis sample {c}").format(c=head.code), lambda: mm.delete(s, now(head.id)), again)


def _members_now(undo: Undo, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields with each field sample under the id it has now (a sample undone and redone has a new one)."""
    if "field_sample_ids" not in fields:
        return fields
    return {**fields, "field_sample_ids": [undo.now(i) for i in fields["field_sample_ids"]]}


def _package_name(head: mm.AnalysisSample) -> str:
    if not head.analysis_package:
        return tr("none")
    try:
        return analysis_package.get(head.analysis_package).label(shown())
    except FieldAppError:
        return head.analysis_package  # a package a newer table knows: shown as stored


def _void(_result: object) -> None:
    return None


def open_composer(window: Any) -> AnalysisComposer | None:
    """The selected project's analysis samples (the main window's "Analysis samples…" action)."""
    proj = window.current_project()
    if proj is None:
        window.statusBar().showMessage(tr("Select a project first."), 10_000)
        return None
    view = AnalysisComposer(window.session, window.undo, proj, window)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    window.analysis_composer = view
    return view
