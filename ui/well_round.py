"""The sampling round view: the round's start, water level and pump; the field readings typed
fast; the live purge chart; the stop rule met, shown so it cannot be missed; the nine BRO GAR
field observations; and finishing the purge.

Every reading is stored as it is entered (one core action), and the purge is judged again at
once by the core's own rules (:func:`fieldapp.domain.sampling_round.assess`): the chart, the
bar under it and the bold row in the table all say at which reading a stop rule held.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QUndoCommand
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import sampling_round as round_mod
from fieldapp.domain.purge import Reading
from fieldapp.domain.sampling_round import OBSERVATIONS, Observations, PurgeState, RoundSpec, SamplingRound
from fieldapp.domain.well import Well
from fieldapp.errors import FieldAppError
from fieldapp.session import Session
from ui.field_errors import FieldErrors
from ui.form_dialog import message_bar, push_button
from ui.forms import code_combo, combo_code, set_combo_code
from ui.i18n import Lang, decimal, in_metres, tr
from ui.purge_chart import PurgeChart, bands_of
from ui.screen import fit_dialog
from ui.theme import TOUCH_PX, current_theme
from ui.undo import Undo
from ui.unsaved import Choice, Typed, UnsavedDialog, shown_values
from ui.well_form import whole
from ui.well_readings import ReadingsEntry
from ui.well_words import in_words


class SamplingRoundDialog(QDialog):
    """One sampling round of one well; ``changed`` after anything was stored."""

    changed = Signal()

    def __init__(self, session: Session, well: Well, well_code: str, lang: Lang,
                 found: SamplingRound | None = None, parent: QWidget | None = None, *,
                 undo: Undo | None = None) -> None:
        super().__init__(parent)
        self.session, self.well, self.code, self.lang = session, well, well_code, lang
        self.undo = undo
        #: the readings this view removed, as steps of the window's undo (the last one last)
        self._removals: list[QUndoCommand] = []
        self.round: SamplingRound | None = found
        self.state: PurgeState | None = None
        self.setObjectName("sampling-round")
        self.general_error = QLabel()
        self.errors = FieldErrors(self.general_error)

        self.started_edit = QLineEdit()
        self.started_edit.setPlaceholderText(tr("YYYY-MM-DD HH:MM (empty: now)"))
        self.started_edit.setMinimumWidth(self.started_edit.fontMetrics().horizontalAdvance("2026-11-18 09:15") + 24)
        self.level_edit = QLineEdit()
        self.level_edit.setPlaceholderText(tr("m below top of pipe"))
        self.pump_combo = code_combo(session, "pump_type", lang)
        self.intake_edit = QLineEdit()
        self.intake_edit.setPlaceholderText(tr("m below surface"))
        self.flow_edit = QLineEdit()
        self.flow_edit.setPlaceholderText(tr("ml/min"))
        self.start_button = QPushButton(tr("Start round"))
        self.start_button.clicked.connect(self.save_round)
        head = QGridLayout()
        for col, (title, widget, field) in enumerate((
                (tr("Started at"), self.started_edit, "started at"),
                (tr("Level before purging (m)"), self.level_edit, "water level"),
                (tr("Pump"), self.pump_combo, "pump type"), (tr("Intake (m)"), self.intake_edit, "intake depth"),
                (tr("Flow (ml/min)"), self.flow_edit, "flow"))):
            label = QLabel(title)
            label.setBuddy(widget)
            head.addWidget(label, 0, col)
            head.addWidget(widget, 1, col)
            head.addWidget(self.errors.register(widget, field), 2, col)
        head.addWidget(self.start_button, 1, 5)
        self.well_label = QLabel()
        self.well_label.setObjectName("purge-figures")
        self.well_label.setWordWrap(True)

        self.entry = ReadingsEntry()
        self.entry.entered.connect(self.add_reading)
        self.entry.remove_requested.connect(self.remove_reading)
        self.chart = PurgeChart()
        self.chart.stop_rule_met.connect(self._stop_met)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.entry)
        split.addWidget(self.chart)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        # a reading removed says how it comes back; Ctrl+Z here, as the window behind is held while the view is open
        self.removed_label = QLabel()
        self.removed_label.setObjectName("reading-removed")
        self.removed_label.setWordWrap(True)
        self.removed_label.setVisible(False)
        undo_keys = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo_keys.activated.connect(self.undo_removal)
        self.stop_label = QLabel()
        self.stop_label.setObjectName("stop-rule")
        self.stop_label.setWordWrap(True)
        self.stop_label.setMinimumHeight(40)
        observations = QGroupBox(tr("Field observations (BRO GAR)"))
        # squares a gloved finger hits (the theme sizes buttons and boxes, not check boxes)
        observations.setStyleSheet(
            f"QCheckBox {{ min-height: {TOUCH_PX - 12}px; }} "
            "QCheckBox::indicator { width: 20px; height: 20px; border: 2px solid palette(window-text); "
            "background: palette(base); } QCheckBox::indicator:checked { background: palette(window-text); }")
        grid = QGridLayout(observations)
        grid.setHorizontalSpacing(4)
        self.observation_boxes: dict[str, QCheckBox] = {}
        # two rows leave the chart its height; the sunlight type is larger: three rows, or it would not fit 1366 px
        columns = 3 if current_theme() == "sunlight" else 5
        for n, (column, _gar, nl, en) in enumerate(OBSERVATIONS):
            box = QCheckBox(nl if lang == "nl" else en)
            box.setObjectName(f"obs-{column}")
            box.toggled.connect(self._observations_changed)
            self.observation_boxes[column] = box
            grid.addWidget(box, n // columns, n % columns)
        self.finish_button = push_button(tr("Finish purge"), self.finish,
                                         tr("Store the stop rule met and end the purge"))
        close = push_button(tr("Close"), self.accept)
        # the stop rule and what to do about it on one line: the signal beside the button it calls for
        bottom = message_bar(self.stop_label, close, self.finish_button)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.well_label)
        layout.addWidget(split, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.removed_label)
        layout.addLayout(bottom)
        layout.addWidget(observations)
        # a reading typed and not recorded: asked about before the view closes (ui/unsaved.py)
        self.typed = Typed(lambda: shown_values(*self.entry.edits))
        self._asking: UnsavedDialog | None = None
        self.load()
        fit_dialog(self)

    # loading -------------------------------------------------------------------------------
    def load(self) -> None:
        r = self.round
        self.setWindowTitle(tr("Sampling round of well {code}").format(code=self.code)
                            + (f" — {r.started_at[:16].replace('T', ' ')}" if r else ""))
        started, level, pump, intake, flow = _head(r)
        self.started_edit.setText(started)
        self.level_edit.setText(level)
        set_combo_code(self.pump_combo, pump)
        self.intake_edit.setText(intake)
        self.flow_edit.setText(flow)
        self.start_button.setText(tr("Start round") if r is None else tr("Save round"))
        for column, box in self.observation_boxes.items():
            blocked = box.blockSignals(True)
            box.setChecked(bool(r is not None and getattr(r, column)))
            box.blockSignals(blocked)
        readings = [] if r is None else round_mod.readings(self.session.store, r.id)
        self._judge(readings)
        finished = r is not None and r.finished_at is not None
        self.entry.set_open(r is not None and not finished)
        self.finish_button.setEnabled(r is not None and not finished)
        for box in self.observation_boxes.values():
            box.setEnabled(r is not None)

    def _judge(self, readings: list[Reading]) -> None:
        """The purge judged by the core's rules; the chart, the table and the bar show it."""
        r = self.round
        level = None if r is None else r.water_level_cm
        flow = None if r is None else r.flow_ml_min
        state = round_mod.assess(self.well, level, flow, None if r is None else r.drawdown_cm, readings)
        self.state = state
        met = state.met
        self.chart.set_well_volume(state.well_volume_l)
        self.chart.set_readings(list(state.readings), met.index if met else None,
                                met.rule.label(self.lang) if met else "", bands_of(state.readings))
        typing = self.typed.changed()  # a reading removed while the next one is being typed: still typed
        self.entry.show_readings(state.readings, met.index if met else None)
        if not typing:
            self.typed.clean()  # the next volume guessed is the view's, not the sampler's
        self.well_label.setText(self._figures(state))
        self._show_stop(state)

    def _figures(self, state: PurgeState) -> str:
        parts = []
        if state.well_volume_l is not None and state.water_column_cm is not None:
            parts.append(tr("Well volume {v} l (water column {c} m, pipe Ø {d} mm)").format(
                v=decimal(state.well_volume_l, 2), c=in_metres(state.water_column_cm), d=self.well.pipe_diameter_mm))
        else:
            parts.append(tr("Well volume unknown: give the water level before purging"))
        if state.readings:
            parts.append(tr("purged {l} l = {n} well volumes").format(
                l=decimal(state.readings[-1].volume_l, 1), n=decimal(state.volumes_purged, 1)))
        if state.drawdown_cm is not None:
            parts.append(tr("drawdown {d} m").format(d=in_metres(state.drawdown_cm)))
        if state.slow:
            parts.append(tr("SLOW-RUNNING WELL"))
        return "; ".join(parts)

    def _show_stop(self, state: PurgeState) -> None:
        met = state.met
        if met is not None:
            text = tr("Stop rule met at reading {n} ({l} l, {v} well volumes): {rule}. Purging may stop; "
                      "take the sample.").format(n=met.index + 1, l=decimal(met.reading.volume_l, 1),
                                                 v=decimal(met.volumes, 1), rule=met.rule.label(self.lang))
            style = "background: #1b7a2f; color: #ffffff; font-weight: bold; padding: 6px;"
        elif state.readings:
            text = tr("No stop rule holds yet: keep purging and reading.")
            style = "font-weight: bold; padding: 6px;"
        else:
            text = tr("No readings yet.")
            style = "padding: 6px;"
        self.stop_label.setText(text)
        if self.stop_label.styleSheet() != style:  # a new style sheet re-polishes the label: only on a change
            self.stop_label.setStyleSheet(style)

    def head_changed(self) -> bool:
        """Whether the round's boxes (start, level, pump, intake, flow) show other than what is stored."""
        shown = (self.started_edit.text(), self.level_edit.text(), combo_code(self.pump_combo),
                 self.intake_edit.text(), self.flow_edit.text())
        return self.round is not None and shown != _head(self.round)

    def unrecorded(self) -> str | None:
        """The reading typed in the entry row and not recorded, in a sentence; None when there is none."""
        if self.round is None or self.round.finished_at is not None or not self.typed.changed():
            return None
        return tr("The reading at {v} l is not recorded yet.").format(v=self.entry.edits[0].text().strip() or "…")

    def done(self, result: int) -> None:
        """Close, Esc and the window's cross store a changed level, pump, intake, flow or start first (they
        were lost without a word); a value the core refuses keeps the view open, the reason beside its box.
        A reading typed and not recorded is asked about: record it, drop it, or stay."""
        if self.head_changed():
            self.save_round()
            if self.head_changed():
                return
        if (what := self.unrecorded()) is not None:
            if self._asking is None:
                self._asking = UnsavedDialog([what], lambda choice: self._answered(choice, result), self)
                self._asking.open()
            return
        super().done(result)

    def _answered(self, choice: Choice, result: int) -> None:
        self._asking = None
        if choice == Choice.SAVE:
            self.entry.submit()  # refused: the reason is beside its box, the view stays
            if self.unrecorded() is not None:
                return
        elif choice == Choice.CANCEL:
            self.entry.edits[0].setFocus()
            return
        QDialog.done(self, result)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.entry.table.scrollToBottom()  # the latest readings, laid out only now

    def _stop_met(self, _index: int) -> None:
        if self.isVisible():  # met while purging, not a round opened that had met it before
            QApplication.beep()  # heard over the pump, when the eyes are on the meters

    # storing ---------------------------------------------------------------------------------
    def spec(self) -> RoundSpec:
        return RoundSpec(started_at=self.started_edit.text(), water_level=self.level_edit.text(),
                         pump_type=combo_code(self.pump_combo), intake=self.intake_edit.text(),
                         flow_ml_min=whole(self.flow_edit.text(), "flow"),
                         staff_id=None if self.round is None else self.round.staff_id,
                         drawdown_cm=None if self.round is None else self.round.drawdown_cm,
                         remarks=None if self.round is None else self.round.remarks)

    def save_round(self) -> None:
        self.errors.clear()
        try:
            if self.round is None:
                self.round = round_mod.start(self.session, self.well.id, self.spec())
            else:
                self.round = round_mod.update(self.session, self.round.id, self.spec())
        except FieldAppError as exc:
            self.errors.show(in_words(exc))
            return
        self.load()
        self.changed.emit()
        self.entry.edits[0].setFocus()

    def add_reading(self, reading: Reading) -> None:
        if self.round is None:
            return
        try:
            stored = round_mod.add_reading(self.session, self.round.id, reading)
        except FieldAppError as exc:
            self.entry.errors.show(in_words(exc))
            return
        # the stored reading joins those shown (the core puts them in purge order): no re-read of 200 rows
        self._judge([*(self.state.readings if self.state is not None else ()), stored])
        self.entry.accepted()
        self.typed.clean()
        self.changed.emit()

    def remove_reading(self, reading_id: str) -> None:
        """Delete on a reading: removed at once, and undoable (Ctrl+Z here, the window's Undo after)."""
        if self.round is None or self.round.finished_at is not None:
            return
        removed = next((r for r in self.state.readings if r.id == reading_id), None) if self.state else None
        try:
            round_mod.delete_reading(self.session, reading_id)
        except FieldAppError as exc:
            self.entry.errors.show(in_words(exc))
            return
        if self.undo is not None and removed is not None:
            self._removals.append(self.undo.reading_removed(self.code, removed))
            self.removed_label.setText(tr("Reading at {v} l removed: Ctrl+Z puts it back.").format(
                v=decimal(removed.volume_l, 1)))
            self.removed_label.setVisible(True)
        self._judge(round_mod.readings(self.session.store, self.round.id))
        self.changed.emit()

    def undo_removal(self) -> None:
        """Ctrl+Z in the view: the reading it removed last comes back, when that is the last step taken.
        Any other step is the window's to undo, after the view is closed."""
        stack = None if self.undo is None else self.undo.stack
        if stack is None or self.undo is None or self.round is None or not self._removals or stack.index() == 0 \
                or stack.command(stack.index() - 1) is not self._removals[-1]:
            return
        if self.undo.undo():
            self._removals.pop()
            self.removed_label.setVisible(False)
            self._judge(round_mod.readings(self.session.store, self.round.id))
            self.changed.emit()

    def observations(self) -> Observations:
        return Observations(**{c: box.isChecked() for c, box in self.observation_boxes.items()})

    def _observations_changed(self) -> None:
        if self.round is None:
            return
        try:
            self.round = round_mod.set_observations(self.session, self.round.id, self.observations())
        except FieldAppError as exc:
            self.errors.show(in_words(exc))

    def finish(self) -> None:
        if self.round is None:
            return
        self.errors.clear()
        try:
            self.round = round_mod.finish(self.session, self.round.id, observations=self.observations())
        except FieldAppError as exc:
            self.errors.show(in_words(exc))
            return
        self.load()
        self.changed.emit()


def _head(r: SamplingRound | None) -> tuple[str, str, str | None, str, str]:
    """The round's start, level, pump, intake and flow as its boxes show them."""
    if r is None:
        return "", "", None, "", ""
    return (r.started_at[:16].replace("T", " "), "" if r.water_level_cm is None else in_metres(r.water_level_cm),
            r.pump_type, "" if r.intake_cm is None else in_metres(r.intake_cm),
            "" if r.flow_ml_min is None else str(r.flow_ml_min))
