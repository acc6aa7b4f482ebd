"""A borehole at the current position: code, planned location, apparatus, and
the averaged GNSS position as its evidence. Saving is one core action."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import borehole as borehole_mod
from fieldapp.domain.borehole import Borehole, PositionEvidence
from fieldapp.domain.project import Project
from fieldapp.domain.typed_number import plain_float
from fieldapp.errors import DepthError, FieldAppError, PositionDeviationError, ValidationError
from fieldapp.positions.averaging import AveragedPosition, AveragingTarget
from fieldapp.positions.rdnap import RdNap
from fieldapp.session import Session
from ui.averaging_panel import AveragingPanel
from ui.field_errors import FieldErrors
from ui.forms import add_row, code_combo, combo_code
from ui.gnss_bridge import GnssBridge
from ui.i18n import Lang, tr, typed
from ui.position_confirm import DeviationDialog, SaveWhileAveraging
from ui.staff_picker import StaffCombo
from ui.undo import Undo


def _coordinate(text: str, field: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    value = plain_float(text, signed=True)  # "1e5" or "1_0" is a slip, not a place
    if math.isnan(value):
        raise ValidationError(field, f"'{text}' is not an RD coordinate in metres.",
                              hint="Type metres, e.g. 135900.00.")
    return value


class BoreholeForm(QWidget):
    saved = Signal(object)
    close_requested = Signal()  # "Close borehole…": the window opens ui/borehole_closing.py for the selected one

    def __init__(self, session: Session, bridge: GnssBridge, rdnap: RdNap, undo: Undo, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo = undo
        self.project: Project | None = None
        self.planned: Borehole | None = None  # a planned borehole being measured
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.errors = FieldErrors(QLabel())
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(tr("e.g. B01"))
        self.planned_x_edit = QLineEdit()
        self.planned_x_edit.setPlaceholderText(tr("RD x (m), optional"))
        self.planned_y_edit = QLineEdit()
        self.planned_y_edit.setPlaceholderText(tr("RD y (m), optional"))
        self.apparatus_combo = code_combo(session, "borehole_apparatus", lang)
        grid = QGridLayout()
        add_row(grid, tr("Borehole code"), self.code_edit, self.errors, "code")
        add_row(grid, tr("Planned x (RD)"), self.planned_x_edit, self.errors, "planned x")
        add_row(grid, tr("Planned y (RD)"), self.planned_y_edit, self.errors, "planned y")
        add_row(grid, tr("Apparatus"), self.apparatus_combo, self.errors, "apparatus")
        self.staff_combo = StaffCombo(session)
        add_row(grid, tr("Done by"), self.staff_combo, self.errors, "staff")
        self.averaging = AveragingPanel(bridge, rdnap)
        self.averaging.target_edited.connect(self._target_edited)
        self.question: SaveWhileAveraging | DeviationDialog | None = None  # the open question, if any
        box = QGroupBox(tr("Position from the GNSS receiver"))
        QVBoxLayout(box).addWidget(self.averaging)
        self.position_errors = self.errors.register(box, "position")
        self.save_button = QPushButton(tr("Save borehole"))
        self.save_button.setToolTip(tr("Save the borehole with the averaged position (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(tr("Close borehole…"))
        self.close_button.setToolTip(tr("Technique, boring process, stop reason, groundwater, backfill, surface "
                                        "level; then close the selected borehole"))
        self.close_button.clicked.connect(self.close_requested)
        self.status_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(box, 1)
        layout.addWidget(self.position_errors)
        layout.addWidget(self.errors_general)
        layout.addLayout(buttons)
        self.code_edit.textChanged.connect(self._planned_changed)
        self.planned_x_edit.textChanged.connect(self._planned_changed)
        self.planned_y_edit.textChanged.connect(self._planned_changed)
        self.load(None, None)

    @property
    def errors_general(self) -> QLabel:
        return self.errors._general

    def target(self) -> AveragingTarget:
        st = self.session.settings
        return AveragingTarget(count=st.averaging_count or None, seconds=st.averaging_seconds or None,
                               spread_m=st.averaging_spread_m or None, rtk_fixed_only=st.rtk_fixed_only)

    @Slot(object)
    def _target_edited(self, target: AveragingTarget) -> None:
        """The stop condition set on the panel is the device's from now on."""
        from fieldapp.settings import config_dir

        st = self.session.settings
        st.averaging_count = target.count or 0
        st.averaging_seconds = int(target.seconds or 0)
        try:
            st.save(config_dir() / "settings.json")
        except OSError as exc:
            self.status_label.setText(tr("The stop condition applies now but could not be kept: {e}").format(
                e=exc.strerror or exc))

    def required_class(self) -> str | None:
        if self.project is not None and self.project.required_position_class:
            return self.project.required_position_class
        return self.session.settings.required_position_class or None

    def load(self, project: Project | None, planned: Borehole | None) -> None:
        """Prepare for a new borehole of ``project``, or for measuring a planned one."""
        self.staff_combo.refresh()
        if project != self.project or planned != self.planned:
            self.status_label.clear()  # about another borehole ("Saved B01." stays after its own save)
        self.project = project
        self.planned = planned if planned is not None and not planned.measured else None
        self.errors.clear()
        self.setEnabled(project is not None)
        if project is None:
            self.heading.setText(tr("Open or create a project first."))
            return
        if self.planned is not None:
            self.heading.setText(tr("Measure the planned borehole {c}").format(c=self.planned.code))
            self.code_edit.setText(self.planned.code)
            self.planned_x_edit.setText("" if self.planned.planned_x_rd is None else typed(self.planned.planned_x_rd))
            self.planned_y_edit.setText("" if self.planned.planned_y_rd is None else typed(self.planned.planned_y_rd))
        else:
            self.heading.setText(tr("New borehole in {p}").format(p=project.code))
            self.code_edit.setText(borehole_mod.next_code(self.session.store, project.id))
            self.planned_x_edit.clear()
            self.planned_y_edit.clear()
        self._planned_changed()

    @Slot()
    def _planned_changed(self) -> None:
        try:
            x = _coordinate(self.planned_x_edit.text(), "planned x")
            y = _coordinate(self.planned_y_edit.text(), "planned y")
        except ValidationError:
            x = y = None
        planned = (x, y) if x is not None and y is not None else None
        self.averaging.configure(self.target(), self.required_class(), planned)

    def evidence(self) -> PositionEvidence | None:
        avg: AveragedPosition | None = self.averaging.result
        if avg is None:
            return None
        rd = self.averaging.rd_of(avg.lat, avg.lon, avg.alt_hae)
        return borehole_mod.evidence_from_average(avg, rd, self.averaging.sigma_source)

    @Slot()
    def save(self) -> Borehole | None:
        """Save now; while averaging runs, ask first (the answer saves, or averaging goes on)."""
        if self.project is None:
            return None
        if self.question is not None and self.question.isVisible():
            self.question.raise_()  # Ctrl+S again: the question already asks
            return None
        panel = self.averaging
        if panel.averaging:
            self.question = SaveWhileAveraging(panel.count, panel.target.count, self.planned is None,
                                               self._answer_while_averaging, self)
            self.question.open()
            return None
        return self._save(None)

    def _answer_while_averaging(self, save_now: bool) -> None:
        self.question = None
        if not save_now:
            return  # averaging goes on, with every fix taken so far
        if self.averaging.count:
            self.averaging.stop()  # the average so far becomes the result
        else:
            self.averaging.reset()
        self._save(None)

    def _ask_reason(self) -> None:
        evidence = self.evidence()
        assert evidence is not None  # only a measured position strays from the plan
        if self.planned is not None:
            planned = (self.planned.planned_x_rd, self.planned.planned_y_rd)
        else:
            planned = (_coordinate(self.planned_x_edit.text(), "planned x"),
                       _coordinate(self.planned_y_edit.text(), "planned y"))
        self.question = DeviationDialog(evidence.x_rd, evidence.y_rd, evidence.position_class, planned,
                                        self.required_class(), self._reason_given, self)
        self.question.rejected.connect(self._reason_refused)
        self.question.open()

    def _reason_given(self, reason: str) -> None:
        self.question = None
        self._save(reason)

    def _reason_refused(self) -> None:
        self.question = None
        self.status_label.setText(tr("Not saved: the position strays from the plan. Average again, or save "
                                     "and give a reason."))

    def _save(self, reason: str | None) -> Borehole | None:
        assert self.project is not None
        try:
            bh = self._write(self.project, reason)
        except PositionDeviationError:
            self.errors.clear()
            self._ask_reason()
            return None
        except (FieldAppError, DepthError) as exc:
            self.errors.show(exc)
            return None
        self.errors.clear()
        self.status_label.setText(tr("Saved {c}.").format(c=bh.code))
        self.averaging.reset()
        self.saved.emit(bh)
        return bh

    def _write(self, project: Project, reason: str | None) -> Borehole:
        evidence = self.evidence()
        if self.planned is not None:
            if evidence is None:
                raise ValidationError("position", "Average a position before saving the planned borehole.",
                                      hint="Press 'Start averaging' and wait for the target.")
            return borehole_mod.set_position(self.session, self.planned.id, evidence, reason)
        fields: dict[str, Any] = {
            "code": self.code_edit.text(),
            "planned_x_rd": _coordinate(self.planned_x_edit.text(), "planned x"),
            "planned_y_rd": _coordinate(self.planned_y_edit.text(), "planned y"),
            "apparatus": combo_code(self.apparatus_combo),
            "position": evidence,
            "position_reason": reason,
            "staff_id": self.staff_combo.staff_id(),
        }
        bh = borehole_mod.create(self.session, project.id, **fields)
        self.undo.borehole_added(bh, fields)
        return bh
