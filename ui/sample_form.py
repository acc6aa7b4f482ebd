"""Samples over one or more intervals (composites across boreholes) and their
containers, scanned in with a keyboard-wedge scanner or given a generated code.

A keyboard-wedge scanner types the barcode into the focused field and presses
Enter; the barcode field takes it, saves the container (one core action) and
is ready for the next scan. For a sample analysed for PFAS, a container type or
material the core's allow-list (fieldapp.domain.pfas) refuses for the matrix is
said beside the scan field before the scan, as the core will say it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import container as container_mod
from fieldapp.domain import pfas
from fieldapp.domain import sample as sample_mod
from fieldapp.domain.borehole import Borehole
from fieldapp.domain.container import Container
from fieldapp.domain.deviation import Overrides
from fieldapp.domain.project import Project
from fieldapp.domain.sample import Part, Sample
from fieldapp.errors import FieldAppError
from fieldapp.rules import RuleError
from fieldapp.session import Session
from ui.deviation_dialog import DeviationRetry
from ui.field_errors import FieldErrors, message
from ui.forms import add_row, code_combo, combo_code, set_combo_code
from ui.i18n import Lang, tr
from ui.keyboard import enter_saves, one_press_per_tap
from ui.lazy_boreholes import BoreholeChoices, BoreholeCodesModel
from ui.models import ALIGN_RIGHT, DASH, Column, RecordTableModel, Words, current_record, fit, table
from ui.reason_dialog import ask_reason
from ui.sample_typed import IntervalRow, SampleTyped
from ui.staff_picker import StaffCombo
from ui.undo import Undo
from ui.unsaved import Typed, shown_values
from ui.well_form import whole


def sampled_at_text(edit: QDateTimeEdit) -> str:
    """The time in a date-time field as an ISO time with the laptop's zone."""
    return edit.dateTime().toPython().astimezone().isoformat(timespec="seconds")


def _now() -> QDateTime:
    return QDateTime.currentDateTime()


def show_time(edit: QDateTimeEdit, stamp: str | None) -> None:
    from fieldapp.domain.holding import parse_time

    moment = parse_time(stamp)
    edit.setDateTime(QDateTime.currentDateTime() if moment is None
                     else QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))


def pfas_warning(matrix: str | None, container_type: str | None, material: str | None, analyses: list[str],
                 packages: list[str]) -> str:
    """What the core's PFAS allow-list (resources/rules/pfas.json) would refuse for this container
    of a sample with these analyses, in the language shown; "" when it would take it."""
    try:
        pfas.check_container(matrix or "", container_type or "", material, analyses, packages)
    except RuleError as exc:
        return message(exc)
    return ""


class SampleForm(SampleTyped, QWidget):
    saved = Signal(object)

    def __init__(self, session: Session, undo: Undo, words: Words, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.project: Project | None = None
        self.sample: Sample | None = None
        self.borehole: Borehole | None = None
        # the project's boreholes to choose from, read as the list shows them: a project may have 50,000
        self._codes = BoreholeCodesModel(self)
        self.errors = FieldErrors(QLabel())
        # a sample over 0.5 m or across a layer boundary: offered as a deviation, then saved with it
        self.deviations = DeviationRetry(session, self, self.save)
        self.errors.on_deviation(self.deviations.offer)
        self.code_edit = QLineEdit()
        self.kind_combo = code_combo(session, "sample_kind", lang, empty=None)
        self.matrix_combo = code_combo(session, "matrix", lang, empty=None)
        self.analyses_edit = QLineEdit()
        self.analyses_edit.setPlaceholderText(tr("analyses, separated by ';'"))
        self.sampled_edit = QDateTimeEdit()
        self.sampled_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.sampled_edit.setCalendarPopup(True)
        self.sampled_edit.setToolTip(tr("When the sample was taken; holding times count from it"))
        self._time_shown = self.sampled_edit.dateTime()  # the time the form put there, not the sampler
        grid = QGridLayout()
        add_row(grid, tr("Sample code"), self.code_edit, self.errors, "code")
        add_row(grid, tr("Kind"), self.kind_combo, self.errors, "kind")
        add_row(grid, tr("Matrix"), self.matrix_combo, self.errors, "matrix")
        add_row(grid, tr("Analyses"), self.analyses_edit, self.errors, "analyses")
        add_row(grid, tr("Sampled at"), self.sampled_edit, self.errors, "sampled at")
        self.staff_combo = StaffCombo(session)
        add_row(grid, tr("Taken by"), self.staff_combo, self.errors, "staff")
        # under its field, not in the containers' button row: that row must fit 1366 px in Dutch sunlight
        self.time_button = QPushButton(tr("Set sampling time"))
        self.time_button.setToolTip(tr("Store the sampling time above for this sample"))
        grid.addWidget(self.time_button, grid.rowCount(), 1, Qt.AlignmentFlag.AlignRight)
        self.intervals_grid = QGridLayout()
        self.rows: list[IntervalRow] = []
        self.parts_errors = self.errors.register(self, "parts")
        self.add_interval_button = QPushButton(tr("Add interval"))
        self.add_interval_button.clicked.connect(lambda: self.add_interval())
        self.save_button = QPushButton(tr("Save sample"))
        # not clicked(bool) into save(overrides): the False it carries was taken for the deviations
        self.save_button.clicked.connect(lambda: self.save())
        sample_box = QGroupBox(tr("Sample"))
        sample_layout = QVBoxLayout(sample_box)
        sample_layout.addLayout(grid)
        sample_layout.addWidget(QLabel(tr("Intervals (borehole, from, to)")))
        sample_layout.addLayout(self.intervals_grid)
        sample_layout.addWidget(self.parts_errors)
        sample_layout.addWidget(self.errors_general)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_interval_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        sample_layout.addLayout(buttons)
        self._reopen_row = QHBoxLayout()  # filled below: under the sample, so the containers' list has the room
        sample_layout.addLayout(self._reopen_row)
        sample_layout.addStretch(1)

        self.jar_errors = FieldErrors(QLabel())
        self.container_heading = QLabel()
        self.type_combo = code_combo(session, "container_type", lang, empty=None)
        self.material_combo = code_combo(session, "container_material", lang)
        self.volume_edit = QLineEdit()
        self.volume_edit.setPlaceholderText(tr("ml"))
        self.barcode_edit = QLineEdit()
        self.barcode_edit.setPlaceholderText(tr("scan the label, or type it and press Enter"))
        self.generate_button = QPushButton(tr("New code"))
        self.generate_button.setToolTip(tr("Add a container with a newly generated barcode"))
        self.pfas_label = QLabel()
        self.pfas_label.setProperty("role", "warning")
        self.pfas_label.setWordWrap(True)
        self.pfas_label.setVisible(False)
        jar_grid = QGridLayout()
        # the volume beside the container's type ("potje  250 ml"), not a row of its own: in Dutch sunlight the
        # rows, the PFAS warning and the buttons left the list of scanned containers one row in view
        self.volume_edit.setToolTip(tr("Volume (ml)"))
        self.volume_edit.setMaximumWidth(self.volume_edit.fontMetrics().horizontalAdvance("00000") + 24)
        kind = QWidget()
        kind_row = QHBoxLayout(kind)
        kind_row.setContentsMargins(0, 0, 0, 0)
        kind_row.addWidget(self.type_combo, 1)
        kind_row.addWidget(self.volume_edit)
        kind_row.addWidget(QLabel(tr("ml")))
        add_row(jar_grid, tr("Container, volume"), kind, self.jar_errors, "container type", "volume").setWordWrap(True)
        add_row(jar_grid, tr("Material"), self.material_combo, self.jar_errors, "material")
        add_row(jar_grid, tr("Barcode"), self.barcode_edit, self.jar_errors, "barcode")
        self.containers: RecordTableModel[Container] = RecordTableModel([
            Column(tr("Barcode"), lambda c: c.barcode),
            Column(tr("Type"), lambda c: words.label("container_type", c.container_type)),
            Column(tr("Material"), lambda c: words.label("container_material", c.material)),
            Column(tr("Volume"), lambda c: DASH if c.volume_ml is None else f"{c.volume_ml} ml", ALIGN_RIGHT),
        ], self)
        self.container_view = table(self.containers)
        # the rows left under the fields, never fewer than three (it took its default height and the form
        # scrolled it off the tab: one row in view in Dutch sunlight with the PFAS warning up)
        self.container_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.container_view.setMinimumHeight(self.container_view.horizontalHeader().sizeHint().height() + 3 * 36 + 4)
        # a saved sample is reopened to add a forgotten container or void a wrong scan
        self.reopen_combo = QComboBox()
        self.reopen_combo.setToolTip(tr("Reopen a saved sample of this borehole"))
        self.reopen_button = QPushButton(tr("Reopen"))
        self.void_button = QPushButton(tr("Void container…"))
        self.void_button.setToolTip(tr("The selected container was scanned by mistake"))
        self._reopen_row.addWidget(self.reopen_combo, 1)
        self._reopen_row.addWidget(self.reopen_button)
        jar_box = self.jar_box = QGroupBox(tr("Containers"))
        jar_layout = QVBoxLayout(jar_box)
        jar_layout.addWidget(self.container_heading)
        jar_layout.addLayout(jar_grid)
        jar_layout.addWidget(self.pfas_label)
        jar_layout.addWidget(self.jar_errors._general)
        jar_buttons = QHBoxLayout()
        jar_buttons.addWidget(self.generate_button)
        jar_buttons.addStretch(1)
        jar_buttons.addWidget(self.void_button)
        jar_layout.addLayout(jar_buttons)
        jar_layout.addWidget(self.container_view, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(9, 2, 9, 2)  # the height to the containers' list
        layout.addWidget(sample_box, 1)
        layout.addWidget(jar_box, 1)

        self.barcode_edit.returnPressed.connect(self.scan)
        # Enter saves the sample from each of its fields, pick lists included (issue 16)
        self.code_edit.returnPressed.connect(self.save)
        self.analyses_edit.returnPressed.connect(self.save)
        enter_saves(self, self.save, self.kind_combo, self.matrix_combo)
        self.generate_button.clicked.connect(self.generate)
        one_press_per_tap(self.generate_button, self.save_button)
        self.reopen_button.clicked.connect(self.reopen)
        self.void_button.clicked.connect(self.ask_void)
        self.time_button.clicked.connect(self.set_sampled_at)
        self.material_combo.currentIndexChanged.connect(self._check_material)
        self.type_combo.currentIndexChanged.connect(self._check_material)
        self.matrix_combo.currentIndexChanged.connect(self._check_material)
        self.analyses_edit.textChanged.connect(self._check_material)
        set_combo_code(self.matrix_combo, "BS")
        set_combo_code(self.type_combo, "Pot")
        # what the sampler typed into the sample (its containers are saved as they are scanned)
        self.typed = Typed(lambda: shown_values(self.code_edit, self.kind_combo, self.matrix_combo, self.analyses_edit,
                                                self.sampled_edit, self.staff_combo) + tuple(
            shown_values(r.borehole_combo, r.upper_edit, r.lower_edit) for r in self.rows
            if r.upper_edit.text().strip() or r.lower_edit.text().strip()))
        self.load(None, None)

    @property
    def errors_general(self) -> QLabel:
        return self.errors._general

    # intervals ---------------------------------------------------------------
    def add_interval(self, bh: Borehole | None = None) -> IntervalRow:
        row = IntervalRow(self._codes, len(self.rows) + 1)
        r = len(self.rows)
        n = row.n
        for col, w in enumerate((row.borehole_combo, row.upper_edit, row.lower_edit)):
            self.intervals_grid.addWidget(w, 2 * r, col)
        err = self.errors.register(row.borehole_combo, f"part {n} borehole")
        # one error line per row, under it (a label of their own was never placed: a parentless window)
        self.errors.register(row.upper_edit, f"part {n} upper depth", f"part {n} depth", f"Part {n} lower depth",
                             label=err)
        self.errors.register(row.lower_edit, f"part {n} lower depth", label=err)
        self.intervals_grid.addWidget(err, 2 * r + 1, 0, 1, 3)
        row.error_label = err
        previous = self.rows[-1].lower_edit if self.rows else self.analyses_edit
        QWidget.setTabOrder(previous, row.borehole_combo)
        QWidget.setTabOrder(row.borehole_combo, row.upper_edit)
        QWidget.setTabOrder(row.upper_edit, row.lower_edit)
        for w in (row.borehole_combo, row.upper_edit, row.lower_edit):
            w.setVisible(True)
        if bh is not None:
            at = self._codes.row_of(bh.id)
            row.borehole_combo.setCurrentIndex(0 if at is None else at)
        self.rows.append(row)
        row.upper_edit.returnPressed.connect(self.save)
        row.lower_edit.returnPressed.connect(self.save)
        enter_saves(self, self.save, row.borehole_combo)
        return row

    def _clear_intervals(self) -> None:
        for row in self.rows:
            for w in (row.borehole_combo, row.upper_edit, row.lower_edit):
                self.errors.unregister(w)
            # the error line goes too: left in the grid it showed an old error under the next row
            for w in (row.borehole_combo, row.upper_edit, row.lower_edit, row.error_label):
                if w is not None:
                    w.setParent(None)
                    w.deleteLater()
        self.rows = []

    # loading -------------------------------------------------------------------
    @property
    def _boreholes(self) -> BoreholeChoices:
        """The boreholes to choose from, as a sequence of (id, code)."""
        return self._codes.choices()

    def load(self, project: Project | None, bh: Borehole | None) -> None:
        self.project = project
        self.setEnabled(project is not None)
        # counted afresh (a borehole may have been added): its pages are read when a list shows them
        self._codes.show_project(self.session.store, None if project is None else project.id)
        self._clear_intervals()
        self.errors.clear()  # a new borehole or project: the last one's errors are not about it
        self.deviations.clear()
        self.staff_combo.refresh()
        self.jar_errors.clear()
        if project is not None:
            self.code_edit.setText(sample_mod.next_code(self.session.store, project.id))
            self.add_interval(bh)
        self._show_now()  # a new sample is taken now
        self.borehole = bh
        self._fill_reopen()
        self.show_sample(None)

    def _next_sample(self) -> None:
        """After a save: the next sample's code, its intervals empty on the same boreholes. The code
        saved stayed in its field, and the next sample was refused as "already used" until it was
        typed over; the containers beside are the saved sample's."""
        if self.project is not None:
            self.code_edit.setText(sample_mod.next_code(self.session.store, self.project.id))
        for row in self.rows:
            row.upper_edit.clear()
            row.lower_edit.clear()

    def _show_now(self) -> None:
        self.sampled_edit.setDateTime(_now())
        self._time_shown = self.sampled_edit.dateTime()

    def _fill_reopen(self) -> None:
        self.reopen_combo.clear()
        samples = [] if self.borehole is None else sample_mod.of_borehole(self.session.store, self.borehole.id)
        for sm in samples:
            self.reopen_combo.addItem(sm.code, sm.id)
        self.reopen_combo.setEnabled(bool(samples))
        self.reopen_button.setEnabled(bool(samples))

    @Slot()
    def reopen(self) -> Sample | None:
        """Show the chosen saved sample, to add containers to it or void one."""
        sample_id = self.reopen_combo.currentData()
        if not isinstance(sample_id, str):
            return None
        sm = sample_mod.get(self.session.store, sample_id)
        self.show_sample(sm)
        show_time(self.sampled_edit, sm.sampled_at)
        self._time_shown = self.sampled_edit.dateTime()
        self.typed.clean()
        self.barcode_edit.setFocus()
        return sm

    def refresh_boreholes(self) -> None:
        if self.project is not None:
            self._codes.show_project(self.session.store, self.project.id)

    def parts(self) -> list[Part]:
        parts = []
        for row in self.rows:
            i = row.borehole_combo.currentIndex()
            if not (row.upper_edit.text().strip() or row.lower_edit.text().strip()):
                continue
            bid = self._boreholes[i].id if 0 <= i < len(self._boreholes) else ""
            parts.append(Part(bid, row.upper_edit.text(), row.lower_edit.text()))
        return parts

    def analyses(self) -> list[str]:
        return [a.strip() for a in self.analyses_edit.text().split(";") if a.strip()]

    @Slot()
    def save(self, overrides: Overrides | None = None) -> Sample | None:
        """Take the sample; ``overrides``: the deviations recorded for it (ui/deviation_dialog.py)."""
        if self.project is None:
            return None
        if self.sampled_edit.dateTime() == self._time_shown:
            # a time the sampler did not set: the sample is taken now, not when the form was shown (the
            # borehole chosen hours before, or the sample before it) -- holding times count from it
            self._show_now()
        fields: dict[str, Any] = {
            "code": self.code_edit.text(), "kind": combo_code(self.kind_combo) or "",
            "matrix": combo_code(self.matrix_combo) or "", "parts": self.parts(),
            "analyses": self.analyses(), "sampled_at": sampled_at_text(self.sampled_edit),
            "staff_id": self.staff_combo.staff_id()}
        if overrides is not None:
            fields["overrides"] = overrides  # redo takes it again with its deviations
        try:
            sm = sample_mod.create(self.session, self.project.id, **fields)
        except FieldAppError as exc:
            self.errors.show(exc)
            return None
        self.errors.clear()
        self.deviations.clear()
        self.undo.sample_added(sm, fields)
        self._fill_reopen()
        self._next_sample()
        self.show_sample(sm)
        self.saved.emit(sm)
        self.barcode_edit.setFocus()
        return sm

    # containers ----------------------------------------------------------------
    def show_sample(self, sm: Sample | None) -> None:
        self.sample = sm
        for w in (self.barcode_edit, self.generate_button, self.type_combo, self.material_combo,
                  self.volume_edit, self.void_button, self.time_button):
            w.setEnabled(sm is not None)
        self.container_heading.setText(tr("Save a sample first, then scan its containers.") if sm is None
                                       else tr("Containers of {c}").format(c=sm.code))
        # the sample's code in the box's title, not a line of its own above the fields
        self.container_heading.setVisible(sm is None)
        self.jar_box.setTitle(tr("Containers") if sm is None else self.container_heading.text())
        self.containers.set_records([] if sm is None else container_mod.of_sample(self.session.store, sm.id))
        fit(self.container_view)
        self._check_material()
        self.typed.clean()

    @Slot()
    def _check_material(self) -> None:
        packages = [] if self.sample is None else pfas.sample_packages(self.session.store.conn, self.sample.id)
        text = pfas_warning(combo_code(self.matrix_combo), combo_code(self.type_combo),
                            combo_code(self.material_combo), self.analyses(), packages)
        self.pfas_label.setText(text)
        self.pfas_label.setVisible(bool(text))

    def _volume(self) -> int | None:
        """The volume typed, in millilitres ("250", "250 ml"); anything else is refused beside the box,
        never stored as no volume."""
        text = self.volume_edit.text().strip()
        if text[-2:].lower() == "ml":
            text = text[:-2]
        return whole(text, "volume")

    @Slot()
    def scan(self) -> Container | None:
        """The barcode field got Enter: a scanned (or typed) label."""
        text = self.barcode_edit.text()
        if not text.strip():
            return None
        return self._add(text)

    @Slot()
    def generate(self) -> Container | None:
        return self._add(None)

    def _add(self, barcode: str | None) -> Container | None:
        if self.sample is None:
            return None
        try:
            jar = container_mod.add(self.session, self.sample.id, barcode=barcode,
                                    container_type=combo_code(self.type_combo) or "",
                                    material=combo_code(self.material_combo), volume_ml=self._volume())
        except FieldAppError as exc:
            self.jar_errors.show(exc)
            self.barcode_edit.selectAll()
            return None
        self.jar_errors.clear()
        self.undo.container_added(jar)
        self.barcode_edit.clear()
        self.barcode_edit.setFocus()
        self.show_sample(self.sample)
        self.saved.emit(self.sample)
        return jar

    # corrections -------------------------------------------------------------------
    @Slot()
    def ask_void(self) -> None:
        jar = current_record(self.container_view, self.containers)
        if jar is None:
            self.jar_errors.show(FieldAppError(tr("Select the container to void in the list first.")))
            return
        ask_reason(self, tr("Void container"), tr("Why is {b} void? (e.g. scanned by mistake)").format(b=jar.barcode),
                   lambda why: self.void(jar, why), default=tr("scanned by mistake"))

    def void(self, jar: Container, reason: str) -> bool:
        try:
            container_mod.void(self.session, jar.id, reason)
        except FieldAppError as exc:
            self.jar_errors.show(exc)
            return False
        self.jar_errors.clear()
        self.undo.container_voided(jar, reason)
        if self.sample is not None:
            self.show_sample(self.sample)
            self.saved.emit(self.sample)
        self.barcode_edit.setFocus()
        return True

    @Slot()
    def set_sampled_at(self) -> Sample | None:
        if self.sample is None:
            return None
        before = self.sample.sampled_at
        try:
            sm = sample_mod.set_sampled_at(self.session, self.sample.id, sampled_at_text(self.sampled_edit))
        except FieldAppError as exc:
            self.errors.show(exc)
            return None
        self.errors.clear()
        self.undo.sampled_at_changed(sm, before, sm.sampled_at)
        self.show_sample(sm)
        self.saved.emit(sm)
        return sm
